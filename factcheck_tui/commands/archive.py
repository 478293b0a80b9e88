"""Archive an article: it leaves the article list, `factcheck status` and every export, and stays
in the database with its claims; --restore brings it back.
"""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store

NAME = "archive"
HELP = "hide an article imported by mistake (from the desk, status and exports)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id", type=int, metavar="ID", help="the article's id")
    parser.add_argument("--restore", action="store_true", help="bring an archived article back")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
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
