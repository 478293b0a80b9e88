"""`factcheck import FILE...`: add articles (and their extracted claims) to the database."""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store, shown, warn
from factcheck_tui.core.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import articles (.txt, .md, .html, .json, a web page's https:// link; - for "
        "stdin) and extract their claims",
        description="Import articles and extract their claims. The same article imported "
        "twice is not duplicated. Bad files are named on stderr; the good ones still land. "
        "A link is fetched (FACTCHECK_FETCH_TIMEOUT seconds, default 20; at most 10 MB and "
        "5 redirects; HTML or plain text only).",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="article file, http(s):// link, or - for stdin"
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json", "docx"),
        help="read every file as this format instead of guessing from its extension",
    )
    add_store_arguments(parser)
    parser.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    from factcheck_tui.core.importing import import_article
    from factcheck_tui.core.ingest import read_article_file

    failed = 0
    with open_store(args) as store:
        for name in args.files:
            try:
                article = read_article_file(name, fmt=args.format)
            except InputError as error:
                warn(str(error))
                failed += 1
                continue
            result = import_article(store, article)
            print(shown(result.describe()))
    if failed:
        if len(args.files) > 1:  # one file's refusal is already its one line
            warn(f"{failed} of {len(args.files)} files were not imported")
        return 2
    return 0
