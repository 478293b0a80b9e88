"""Write the checked claims: one CSV row per claim (UTF-8, RFC 4180), the same rows as a
spreadsheet (.xlsx), ClaimReview JSON-LD, the article as a Word document with a comment on
each checked claim, or a self-contained HTML report. The file is written to a temporary name
and renamed, so a failure never truncates an earlier export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck_tui.commands.common import add_store_arguments, open_store, shown

NAME = "export"
HELP = "write the checked claims: CSV, a spreadsheet, ClaimReview, a Word copy, an HTML report"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", default="-", help="output file, or - for stdout")
    parser.add_argument("--article", type=int, metavar="ID", help="only this article's claims")
    parser.add_argument(
        "--format",
        choices=("csv", "xlsx", "claimreview", "docx", "html"),
        default="csv",
        help="csv (default): one row per claim; xlsx: the same rows as a spreadsheet an "
        "editor opens as is; claimreview: checked claims as schema.org ClaimReview JSON-LD "
        "(url from each article's published URL, author from the config's [organisation]); "
        "docx: the article with a Word comment on each checked claim; "
        "html: a report to read and print (docx and html are of one article: --article)",
    )
    parser.add_argument(
        "--include-dismissed",
        action="store_true",
        help="csv, xlsx: also list claims dismissed as not check-worthy (column dismissed = yes)",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="csv: start the file with a UTF-8 byte order mark, so Excel reads it as UTF-8",
    )
    parser.add_argument(
        "--facts",
        action="store_true",
        help="csv, xlsx: one row per fact of each claim (its status, note, sources, dispute) "
        "instead of one per claim",
    )
    parser.add_argument(
        "--unchecked",
        action="store_true",
        help='docx: also comment on unchecked claims ("not checked")',
    )
    parser.add_argument(
        "--onto",
        metavar="DRAFT.docx",
        help="docx: add the comments to the writer's own Word draft (its formatting and "
        "comments kept) instead of a new document",
    )
    parser.add_argument(
        "--status",
        help="only claims with this verdict (e.g. verified), or 'checked' for any verdict",
    )
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.config import load_config
    from factcheck_tui.core.output.export_job import export_checks
    from factcheck_tui.core.records.errors import InputError

    for flag, value, formats in (
        ("--onto", args.onto, ("docx",)),
        ("--unchecked", args.unchecked, ("docx",)),
        ("--excel", args.excel, ("csv",)),
        ("--include-dismissed", args.include_dismissed, ("csv", "xlsx")),
        ("--facts", args.facts, ("csv", "xlsx")),
        # Ignored by the other formats: refused, not dropped.
        ("--status", args.status, ("csv", "xlsx")),
    ):
        if value and args.format not in formats:
            raise InputError(f"{flag} is for --format {' or '.join(formats)}")
    original = _read_draft(Path(args.onto)) if args.onto else None
    organisation = load_config().organisation if args.format == "claimreview" else None
    with open_store(args, read_only=True) as store:
        if args.article is not None:
            store.article(args.article)  # one clear line when the id does not exist
        if args.format in ("docx", "xlsx") and args.output == "-" and sys.stdout.isatty():
            raise InputError(f"a .{args.format} is not for a terminal: name a file with -o")
        exported = export_checks(
            store,
            sys.stdout if args.output == "-" else Path(args.output),
            f"{args.format}-facts" if args.facts else args.format,
            article_id=args.article,
            status=args.status,
            include_dismissed=args.include_dismissed,
            excel=args.excel,
            include_unchecked=args.unchecked,
            original=original,
            organisation=organisation,
        )
    for warning in exported.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.output != "-":
        print(
            f"exported {exported.counted} to {shown(args.output)}",
            file=sys.stderr,
        )
    return 0


def _read_draft(path: Path) -> bytes:
    """The draft named by --onto, through the one door for files (a FIFO or a device is
    refused before it is opened, the size bounded, a zip bomb refused before inflating)."""
    from factcheck_tui.core.intake.reading import (
        MAX_ARTICLE_BYTES,
        check_zip_container,
        label_of,
        read_file_bounded,
    )
    from factcheck_tui.core.intake.word_draft import WORD_DOCUMENT

    data = read_file_bounded(path.expanduser(), MAX_ARTICLE_BYTES, WORD_DOCUMENT)
    check_zip_container(data, label_of(path), "word/document.xml", WORD_DOCUMENT)
    return data
