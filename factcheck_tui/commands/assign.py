"""Assign an article to a checker (the desk shows owner and due, sorts by due, filters 'mine').
--to '' unassigns.
"""

from __future__ import annotations

import argparse

from factcheck_tui.commands.common import add_store_arguments, open_store

NAME = "assign"
HELP = "give an article to a checker, with a due time"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article_id", type=int, metavar="ID", help="the article's id")
    parser.add_argument("--to", required=True, metavar="NAME", help="the checker's name")
    parser.add_argument(
        "--due", default="", metavar='"YYYY-MM-DD HH:MM"', help="when it must be checked by"
    )
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.desk.article_changes import AssignArticle, parse_due

    due = parse_due(args.due)  # a bad due time is refused before the database is opened
    with open_store(args) as store:
        title = store.article(args.article_id).title
        store.apply(AssignArticle(args.article_id, args.to, due))
    owner = " ".join(args.to.split())
    who = f"assigned to {owner}" if owner else "unassigned"
    print(f"#{args.article_id} {title}: {who}" + (f", due {due}" if due else ""))
    return 0
