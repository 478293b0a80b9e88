"""`factcheck export`: the checked-claims CSV for the editor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck_tui.commands.common import add_store_arguments, open_store, shown


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the checked-claims CSV",
        description="Write one CSV row per claim (UTF-8, RFC 4180). The file is written to a "
        "temporary name and renamed, so a failure never truncates an earlier export.",
    )
    parser.add_argument("-o", "--output", default="-", help="output file, or - for stdout")
    parser.add_argument("--article", type=int, metavar="ID", help="only this article's claims")
    parser.add_argument(
        "--format",
        choices=("csv", "claimreview"),
        default="csv",
        help="csv (default): one row per claim; claimreview: checked claims as schema.org "
        "ClaimReview JSON-LD",
    )
    parser.add_argument(
        "--status",
        help="only claims with this verdict (e.g. verified), or 'checked' for any verdict",
    )
    add_store_arguments(parser)
    parser.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from factcheck_tui.core.claimreview import export_claimreview
    from factcheck_tui.core.export import export_csv

    with open_store(args, read_only=True) as store:
        if args.article is not None:
            store.article(args.article)  # one clear line when the id does not exist
        destination = sys.stdout if args.output == "-" else Path(args.output)
        if args.format == "claimreview":
            count = export_claimreview(store, destination, article_id=args.article)
        else:
            count = export_csv(store, destination, article_id=args.article, status=args.status)
        if args.output == "-":
            return 0
    print(f"exported {count} claims to {shown(args.output)}", file=sys.stderr)
    return 0
