"""`factcheck archive ID` / `--restore ID` and `factcheck assign ID --to NAME [--due ...]`:
the desk's bookkeeping of an article from the shell (the same changes as `A` and `a` in the
article list, with the same events)."""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    archive = subparsers.add_parser(
        "archive",
        help="hide an article imported by mistake (from the desk, status and exports)",
        description="Archive an article: it leaves the article list, `factcheck status` and "
        "every export, and stays in the database with its claims; --restore brings it back.",
    )
    archive.add_argument("article_id", type=int, metavar="ID", help="the article's id")
    archive.add_argument("--restore", action="store_true", help="bring an archived article back")
    add_store_arguments(archive)
    archive.set_defaults(handler=run_archive)

    assign = subparsers.add_parser(
        "assign",
        help="give an article to a checker, with a due time",
        description="Assign an article to a checker (the desk shows owner and due, sorts by "
        "due, filters 'mine'). --to '' unassigns.",
    )
    assign.add_argument("article_id", type=int, metavar="ID", help="the article's id")
    assign.add_argument("--to", required=True, metavar="NAME", help="the checker's name")
    assign.add_argument(
        "--due", default="", metavar='"YYYY-MM-DD HH:MM"', help="when it must be checked by"
    )
    add_store_arguments(assign)
    assign.set_defaults(handler=run_assign)


def run_archive(args: argparse.Namespace) -> int:
    from factcheck_tui.core.desk.article_changes import ArchiveArticle

    with open_store(args) as store:
        title = store.article(args.article_id).title
        changed = store.apply(ArchiveArticle(args.article_id, restore=args.restore))
    verb = "restored" if args.restore else "archived"
    if changed:
        print(f"{verb} #{args.article_id} {title}")
    else:
        print(f"#{args.article_id} {title} was already {verb}")
    return 0


def run_assign(args: argparse.Namespace) -> int:
    from factcheck_tui.core.desk.article_changes import AssignArticle, parse_due

    due = parse_due(args.due)  # a bad due time is refused before the database is opened
    with open_store(args) as store:
        title = store.article(args.article_id).title
        store.apply(AssignArticle(args.article_id, args.to, due))
    owner = " ".join(args.to.split())
    who = f"assigned to {owner}" if owner else "unassigned"
    print(f"#{args.article_id} {title}: {who}" + (f", due {due}" if due else ""))
    return 0
