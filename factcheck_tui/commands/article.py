"""Work on one article's record. `factcheck article edit ID --date 2020-01-19` corrects what
the import read wrong; '' empties a field (not the title).
"""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store

NAME = "article"
HELP = "correct an article's title, date, outlet or URL; say where its check is published"

# (field, option, help): one row a field, so a new column is one more row here (and its
# name in core/desk/article_changes.py's checks).
EDITABLE: tuple[tuple[str, str, str], ...] = (
    ("title", "--title", "the headline"),
    ("date", "--date", "publication date, YYYY-MM-DD (or as a page writes it)"),
    ("outlet", "--outlet", "the publication's name"),
    ("url", "--url", "the story's address (http:// or https://)"),
    (
        "published_url",
        "--published-url",
        "where the desk's own fact-check of it is published: each ClaimReview's url",
    ),
)


def arguments(parser: argparse.ArgumentParser) -> None:
    """`edit` is the one action (the same change as `M` in the article list, with the same
    event; undone with ctrl+z in the article, or `u` in the list)."""
    actions = parser.add_subparsers(dest="article_action", metavar="ACTION", required=True)
    edit = actions.add_parser(
        "edit", help="set the title, date, outlet, URL or published URL of an article"
    )
    edit.add_argument("article_id", type=int, metavar="ID", help="the article's id")
    for field, option, text in EDITABLE:
        metavar = "URL" if field.endswith("url") else "TEXT"
        edit.add_argument(option, dest=field, default=None, metavar=metavar, help=text)
    add_store_arguments(edit)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.desk.article_changes import EditArticle, checked_field
    from factcheck_tui.core.records.display import printable
    from factcheck_tui.core.records.errors import InputError

    fields = tuple(
        (field, getattr(args, field))
        for field, _, _ in EDITABLE
        if getattr(args, field) is not None
    )
    if not fields:
        raise InputError(
            "nothing to edit: give --title, --date, --outlet, --url or --published-url"
        )
    for field, value in fields:
        checked_field(field, value)  # refused before the database is opened
    with open_store(args) as store:
        changed = store.apply(EditArticle(args.article_id, fields))
        article = store.article(args.article_id)
    shown = "; ".join(f"{field} {getattr(article, field)!r}" for field, _ in fields)
    verb = "edited" if changed else "unchanged"
    print(printable(f"{verb} #{args.article_id}: {shown}"))
    return 0
