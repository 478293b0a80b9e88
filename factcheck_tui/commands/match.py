"""Print our own earlier checks of TEXT (OURS, with the article and verdict), then the prior
reports that may already check it, most likely first, with how likely (0-100) each checks the
same claim, STRONG for a near-certain match, and why; with nothing over the suggestion line it
says 'no prior fact-check found', and weak ones (under the line) follow a separator. With
--queries FILE, read `query_id<TAB>text` lines (- for stdin) and print
`query_id<TAB>rank<TAB>report_external_id<TAB>score<TAB>over` lines of prior reports, every
candidate scored (over: 1 over the suggestion line, 0 under it).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_tui.commands.common import add_store_arguments, open_store, shown
from factcheck_tui.commands.streams import say
from factcheck_tui.core.matching.earlier import EarlierCheck
from factcheck_tui.core.records.display import json_text
from factcheck_tui.core.records.errors import InputError

if TYPE_CHECKING:
    from factcheck_tui.core.matching.reasons import Suggestion
    from factcheck_tui.core.store import Store

NAME = "match"
HELP = "find our earlier checks and prior fact-check reports for a claim"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="*", metavar="TEXT", help="the claim (pasted tweets too)")
    parser.add_argument(
        "--top", type=int, default=5, metavar="K", help="at most K of each kind (ours, reports)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--queries", metavar="FILE", help="match every line of FILE")
    parser.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="S",
        help="leave out what scores below S (default: weak ones under the line are listed "
        "after a separator; --queries keeps every candidate)",
    )
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.matching import match as matching
    from factcheck_tui.core.matching.earlier import find_earlier

    if args.top < 1:
        raise InputError("--top must be 1 or more")
    if args.queries and args.text:
        raise InputError("give TEXT or --queries FILE, not both")
    if not args.queries and not " ".join(args.text).strip():
        raise InputError("nothing to match: give the claim as TEXT, or --queries FILE")
    text = " ".join(args.text)
    with open_store(args, read_only=True) as store:
        if args.queries:
            return _run_queries(store, args.queries, args.top, args.min_score)
        ours = find_earlier(store, text, args.top)
        if args.min_score is None:
            reports = matching.match_with_weak(store, text, args.top)
        else:
            reports = matching.match(store, text, args.top, min_score=args.min_score)
            ours = [check for check in ours if check.score >= args.min_score]
        labels = {check.claim_id: store.scale.label(check.status) for check in ours}
    if args.json:
        rows: list[dict[str, object]] = [
            {"kind": "earlier", "verdict": labels[check.claim_id]} | dataclasses.asdict(check)
            for check in ours
        ]
        rows += [{"kind": "report"} | dataclasses.asdict(s) | {"why": s.why} for s in reports]
        print(json_text(rows, indent=2))
        return 0
    found: list[object] = [c for c in ours if not c.weak] + [r for r in reports if not r.weak]
    weak: list[object] = [c for c in ours if c.weak] + [r for r in reports if r.weak]
    if not found:
        print("no prior fact-check found")
    rank = 0
    for group in (found, weak):
        if group is weak and weak:
            print(
                f"-- weak: under the suggestion line ({matching.SUGGEST_THRESHOLD:.0f}% likely "
                "the same claim) --"
            )
        for item in group:
            rank += 1
            if isinstance(item, EarlierCheck):
                _print_earlier(rank, item, labels[item.claim_id])
            else:
                _print_report(rank, item)  # type: ignore[arg-type]
    return 0


def _print_earlier(rank: int, check: EarlierCheck, verdict: str) -> None:
    print(
        f"{rank}. {check.score:.0f}% OURS {shown(verdict)} · checked "
        f"{shown(check.checked_on[:10] or '?')} in '{shown(check.article_title)}' "
        f"(article {check.article_id})"
    )
    print(f"   {shown(check.text)}")
    if check.note:
        print(f"   note: {shown(check.note)}")
    print(f"   why: {shown('; '.join(check.reasons))}")


def _print_report(rank: int, suggestion: Suggestion) -> None:
    strong = "STRONG " if suggestion.strong else ""
    print(
        f"{rank}. {suggestion.score:.0f}% {strong}{shown(suggestion.rating or 'unrated')} · "
        f"{shown(suggestion.publisher or '?')} · {shown(suggestion.date or 'undated')}"
    )
    print(f"   {shown(suggestion.claim_text)}")
    if suggestion.url:
        print(f"   {shown(suggestion.url)}")
    print(f"   why: {shown(suggestion.why)}")


def _run_queries(store: Store, name: str, top: int, min_score: float | None) -> int:
    """A TREC-style run of prior reports: every candidate scored (weak ones too), top K, and
    a fifth column: 1 over the suggestion line, 0 under it."""
    from factcheck_tui.core.matching import match as matching

    lines = list(_query_lines(name))
    results = matching.rank_many(store, (text for _, text in lines), top)
    out = sys.stdout
    for (query_id, _), found in zip(lines, results, strict=True):
        kept = [s for s in found if min_score is None or s.score >= min_score]
        for rank, suggestion in enumerate(kept, start=1):
            out.write(
                f"{shown(query_id)}\t{rank}\t{shown(suggestion.external_id)}\t"
                f"{suggestion.score:.2f}\t{0 if suggestion.weak else 1}\n"
            )
    return 0


def _query_lines(name: str) -> Iterator[tuple[str, str]]:
    """(query_id, text) from `query_id<TAB>text` lines; a line without an id (a header) or
    without a tab is skipped with a warning naming it."""
    lines: Iterable[str]
    if name == "-":
        lines = sys.stdin
    else:
        # Through the one door for files: a FIFO or /dev/zero is refused, the size bounded.
        from factcheck_tui.core.intake.reading import MAX_ARTICLE_BYTES, read_text_file

        text = read_text_file(Path(name).expanduser(), MAX_ARTICLE_BYTES, "a query file")
        lines = text.splitlines()
    try:
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            query_id, tab, text = line.partition("\t")
            if not tab:
                say(f"{name} line {number}: no tab between query id and text; skipped")
                continue
            if not query_id.strip():
                if number > 1:
                    say(f"{name} line {number}: no query id; skipped")
                continue
            yield query_id.strip(), text
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text") from None
