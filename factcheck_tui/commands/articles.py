"""Import articles and extract their claims. The same article imported twice is not duplicated. A
new draft of a stored article (same URL, or same title and outlet with at least half its
sentences kept) becomes its next revision; each line says which (new article, or revision N of
#ID). Bad files are named on stderr; the good ones still land. A link is fetched
(FACTCHECK_FETCH_TIMEOUT seconds, default 20; at most 10 MB and 5 redirects; HTML or plain text
only).
"""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store, shown
from factcheck_tui.commands.streams import say
from factcheck_tui.core.records.errors import InputError

NAME = "import"
HELP = (
    "import articles (.txt, .md, .html, .json, a web page's https:// link; - for stdin) and "
    "extract their claims"
)


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="article file, http(s):// link, or - for stdin"
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json", "docx", "odt", "rtf", "pdf"),
        help="read every file as this format instead of guessing from its extension",
    )
    revision = parser.add_mutually_exclusive_group()
    revision.add_argument(
        "--revision-of",
        type=int,
        metavar="ID",
        help="import the (one) file as the next revision of article ID, whatever its title",
    )
    revision.add_argument(
        "--new",
        action="store_true",
        help="import as new articles, never as revisions of ones with the same title or URL",
    )
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.intake.import_files import articles_read, import_article_files
    from factcheck_tui.core.intake.importing import import_article

    if args.revision_of is not None and len(args.files) != 1:
        raise InputError("--revision-of takes one file: the new draft of that article")
    # A batch's workers start reading before the desk is opened (and, new, set up), which
    # they do not need.
    with articles_read(args.files, args.format) as articles, open_store(args) as store:
        done = import_article_files(
            args.files,
            lambda article: import_article(
                store, article, revision_of=args.revision_of, new=args.new
            ),
            on_imported=lambda result: print(shown(result.describe())),
            on_refused=say,
            articles=articles,
        )
    if done.refusals:
        if len(args.files) > 1:  # one file's refusal is already its one line
            say(f"{len(done.refusals)} of {len(args.files)} files were not imported")
        return 2
    return 0
