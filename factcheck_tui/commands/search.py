"""Print the claims of every article (latest revision) whose text, note, suggested correction or
sources match TEXT, fuzzily and comparing figures like `factcheck match`, newest change first:
article, verdict, where it matched, why.
"""

from __future__ import annotations

import argparse
import dataclasses

from factcheck_tui.commands.common import add_store_arguments, open_store, shown
from factcheck_tui.core.records.display import json_text
from factcheck_tui.core.records.errors import InputError

NAME = "search"
HELP = "search every claim, note, correction and source of the desk"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="*", metavar="TEXT", help="words or figures to find")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="at most N claims")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.matching.desk_search import search_desk

    text = " ".join(args.text).strip()
    if not text:
        raise InputError("nothing to search for: give TEXT")
    if args.limit < 1:
        raise InputError("--limit must be 1 or more")
    with open_store(args, read_only=True) as store:
        hits = search_desk(store, text, args.limit)
        labels = {hit.claim_id: store.scale.label(hit.status) for hit in hits}
    if args.json:
        rows = [dataclasses.asdict(hit) | {"verdict": labels[hit.claim_id]} for hit in hits]
        print(json_text(rows, indent=2))
        return 0
    if not hits:
        print("nothing on the desk matches")
        return 0
    for rank, hit in enumerate(hits, start=1):
        date = f", {shown(hit.article_date)}" if hit.article_date else ""
        print(
            f"{rank}. {shown(labels[hit.claim_id])} · '{shown(hit.article_title)}' "
            f"(article {hit.article_id}{date}) · changed {shown(hit.changed_at[:10] or '?')} · "
            f"claim {hit.claim_id} · found in {', '.join(hit.found_in) or 'claim'}"
        )
        print(f"   {shown(hit.text)}")
        if hit.note:
            print(f"   note: {shown(hit.note)}")
        print(f"   {hit.score:.0f} · {shown('; '.join(hit.reasons))}")
    return 0
