"""`factcheck match TEXT`: the prior fact-check reports a claim may already have."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from factcheck_tui.commands.common import add_store_arguments, open_store, shown, warn
from factcheck_tui.core.display import json_text
from factcheck_tui.core.errors import InputError

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "match",
        help="find prior fact-check reports for a claim",
        description="Print the prior reports that may already check TEXT, best first, with "
        "a 0-100 score, STRONG for a near-certain match, and why. With --queries FILE, read "
        "`query_id<TAB>text` lines (- for stdin) and print "
        "`query_id<TAB>rank<TAB>report_external_id<TAB>score` lines.",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help="the claim (pasted tweets too)")
    parser.add_argument("--top", type=int, default=5, metavar="K", help="at most K reports")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--queries", metavar="FILE", help="match every line of FILE")
    parser.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="S",
        help="leave out reports scoring below S (default: the suggestion threshold)",
    )
    add_store_arguments(parser)
    parser.set_defaults(handler=run_match)


def run_match(args: argparse.Namespace) -> int:
    from factcheck_tui.core import match as matching

    if args.top < 1:
        raise InputError("--top must be 1 or more")
    min_score = matching.SUGGEST_THRESHOLD if args.min_score is None else args.min_score
    if args.queries and args.text:
        raise InputError("give TEXT or --queries FILE, not both")
    if not args.queries and not " ".join(args.text).strip():
        raise InputError("nothing to match: give the claim as TEXT, or --queries FILE")
    with open_store(args, read_only=True) as store:
        if args.queries:
            return _run_queries(store, args.queries, args.top, min_score)
        found = matching.match(store, " ".join(args.text), args.top, min_score=min_score)
    if args.json:
        rows = [dataclasses.asdict(s) | {"why": s.why} for s in found]
        print(json_text(rows, indent=2))
        return 0
    if not found:
        print("no prior report matches")
        return 0
    for rank, suggestion in enumerate(found, start=1):
        strong = "STRONG " if suggestion.strong else ""
        print(
            f"{rank}. {suggestion.score:.0f} {strong}{shown(suggestion.rating or 'unrated')} · "
            f"{shown(suggestion.publisher or '?')} · {shown(suggestion.date or 'undated')}"
        )
        print(f"   {shown(suggestion.claim_text)}")
        if suggestion.url:
            print(f"   {shown(suggestion.url)}")
        print(f"   why: {shown(suggestion.why)}")
    return 0


def _run_queries(store: Store, name: str, top: int, min_score: float) -> int:
    from factcheck_tui.core import match as matching

    lines = list(_query_lines(name))
    results = matching.match_many(store, (text for _, text in lines), top, min_score=min_score)
    out = sys.stdout
    for (query_id, _), found in zip(lines, results, strict=True):
        for rank, suggestion in enumerate(found, start=1):
            out.write(
                f"{shown(query_id)}\t{rank}\t{shown(suggestion.external_id)}\t"
                f"{suggestion.score:.2f}\n"
            )
    return 0


def _query_lines(name: str) -> Iterator[tuple[str, str]]:
    """(query_id, text) from `query_id<TAB>text` lines; a line without an id (a header) or
    without a tab is skipped with a warning naming it."""
    handle: TextIO
    if name == "-":
        handle = sys.stdin
    else:
        path = Path(name).expanduser()
        try:
            handle = path.open(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror}") from None
        except ValueError as error:  # a NUL in the name
            raise InputError(f"cannot read {name}: {error}") from None
    try:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            query_id, tab, text = line.partition("\t")
            if not tab:
                warn(f"{name} line {number}: no tab between query id and text; skipped")
                continue
            if not query_id.strip():
                if number > 1:
                    warn(f"{name} line {number}: no query id; skipped")
                continue
            yield query_id.strip(), text
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
    finally:
        if handle is not sys.stdin:
            handle.close()
