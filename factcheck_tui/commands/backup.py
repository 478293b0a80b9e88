"""Write a consistent copy of the desk (every committed mark, including those still in its -wal
file) to DEST as one self-contained SQLite file, with SQLite's online backup. The copy is
written under a temporary name beside DEST and renamed into place; the desk itself is never
replaced. DEST may be a folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from factcheck_tui.commands.common import add_store_arguments, open_store

NAME = "backup"
HELP = "copy the desk into one file, safely while checkers are working in it"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("destination", metavar="DEST", help="the backup file (or a folder)")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.db.backup import backup_desk, backup_target
    from factcheck_tui.core.records.models import counted

    with open_store(args, read_only=True) as store:
        # Checked before copying: a refusal costs no work and touches nothing.
        backup_target(store.path, Path(args.destination).expanduser())
        result = backup_desk(store.conn, store.path, Path(args.destination).expanduser())
    print(
        f"backed up {store.path} to {result.target}: {counted(result.articles, 'article')}, "
        f"{counted(result.claims, 'claim')}, {result.size // 1024} KB"
    )
    return 0
