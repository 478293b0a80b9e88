"""`factcheck article edit ID --title/--date/--outlet/--url`: correct an article's metadata
from the shell (the same change as `M` in the article list, with the same event; undone
with ctrl+z in the article, or `M` again)."""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store

# (field, option, help): one row a field, so a new column is one more row here (and its
# name in core/desk/article_changes.py's checks).
EDITABLE: tuple[tuple[str, str, str], ...] = (
    ("title", "--title", "the headline"),
    ("date", "--date", "publication date, YYYY-MM-DD (or as a page writes it)"),
    ("outlet", "--outlet", "the publication's name"),
    ("url", "--url", "the story's address (http:// or https://)"),
)


def register(subparsers: argparse._SubParsersAction) -> None:
    article = subparsers.add_parser(
        "article",
        help="correct an article's title, date, outlet or URL",
        description="Work on one article's record. `factcheck article edit ID --date "
        "2020-01-19` corrects what the import read wrong; '' empties a field (not the title).",
    )
    actions = article.add_subparsers(dest="article_action", metavar="ACTION", required=True)
    edit = actions.add_parser("edit", help="set the title, date, outlet or URL of an article")
    edit.add_argument("article_id", type=int, metavar="ID", help="the article's id")
    for field, option, text in EDITABLE:
        edit.add_argument(option, dest=field, default=None, metavar="TEXT", help=text)
    add_store_arguments(edit)
    edit.set_defaults(handler=run_edit)


def run_edit(args: argparse.Namespace) -> int:
    from factcheck_tui.core.desk.article_changes import EditArticle, checked_field
    from factcheck_tui.core.records.display import printable
    from factcheck_tui.core.records.errors import InputError

    fields = tuple(
        (field, getattr(args, field))
        for field, _, _ in EDITABLE
        if getattr(args, field) is not None
    )
    if not fields:
        raise InputError("nothing to edit: give --title, --date, --outlet or --url")
    for field, value in fields:
        checked_field(field, value)  # refused before the database is opened
    with open_store(args) as store:
        changed = store.apply(EditArticle(args.article_id, fields))
        article = store.article(args.article_id)
    shown = "; ".join(f"{field} {getattr(article, field)!r}" for field, _ in fields)
    verb = "edited" if changed else "unchanged"
    print(printable(f"{verb} #{args.article_id}: {shown}"))
    return 0
