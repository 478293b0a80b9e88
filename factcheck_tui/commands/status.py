"""One line per article (latest revision): its outlet, claims, progress, unverified, checkers,
and READY when every claim is verified (dismissed claims are not counted).
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from factcheck_tui.commands.common import add_store_arguments, open_store, shown
from factcheck_tui.core.desk.overview import (
    SORT_KEYS,
    STATE_FILTERS,
    DeskView,
    first_direction,
    overview_rows,
)
from factcheck_tui.core.records.display import json_text
from factcheck_tui.core.records.models import counted

NAME = "status"
HELP = "what is still unchecked, and which articles are ready to publish"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--state", choices=STATE_FILTERS, default="all")
    parser.add_argument(
        "--by",
        dest="only_checker",
        metavar="NAME",
        help="only articles this checker marked claims in",
    )
    parser.add_argument("--sort", choices=sorted(SORT_KEYS), default="date")
    parser.add_argument("--mine", action="store_true", help="only articles assigned to you")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    view = DeskView(
        state=args.state,
        checker=args.only_checker or "",
        sort=args.sort,
        descending=first_direction(args.sort),
    )
    with open_store(args, read_only=True) as store:
        if args.mine:
            view = replace(view, owner=store.checker)
        articles = view.apply(store.list_articles())
    rows = overview_rows(articles)
    if args.json:
        print(json_text(rows, indent=2))
        return 0
    print(
        f"{'id':>4}  {'date':10}  {'claims':>6}  {'checked':>7}  {'unverif':>7}  "
        f"{'facts left':>10}  {'state':11}  {'outlet':{OUTLET_WIDTH}}  title"
    )
    for row in rows:
        flag = "READY" if row["ready"] else row["state"]
        print(
            f"{row['id']:>4}  {shown(row['date'] or '—'):10}  {row['claims']:>6}  "
            f"{row['checked']:>7}  {row['unverified']:>7}  "
            f"{_facts_left(row):>10}  {flag:11}  {_outlet(row['outlet']):{OUTLET_WIDTH}}  "
            f"{shown(row['title'])}"
            + (f"  [{shown(', '.join(row['checkers']))}]" if row["checkers"] else "")
            + (f"  @{shown(row['owner'])}" if row["owner"] else "")
            + (f" due {shown(row['due'])}" if row["due"] else "")
        )
    ready = sum(row["ready"] for row in rows)
    print(
        f"{counted(len(rows), 'article')} · {ready} ready · "
        f"{counted(sum(row['claims'] - row['checked'] for row in rows), 'claim')} unchecked · "
        f"{counted(sum(row['facts_left'] for row in rows), 'fact')} left"
    )
    return 0


OUTLET_WIDTH = 16


def _outlet(outlet: str) -> str:
    """The outlet in its column: "—" when not known, cut with "…" when longer."""
    text = shown(outlet) or "—"
    return text if len(text) <= OUTLET_WIDTH else text[: OUTLET_WIDTH - 1] + "…"


def _facts_left(row: dict[str, int]) -> str:
    """`49/51`: the article's facts still unchecked, of all its facts ("—" with none)."""
    return f"{row['facts_left']}/{row['facts']}" if row["facts"] else "—"
