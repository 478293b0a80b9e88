"""Arguments and helpers every subcommand shares."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from factcheck_tui.core.config import load_config, resolve_checker, resolve_db_path
from factcheck_tui.core.store import Store


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default: $FACTCHECK_DB or ./factcheck.db)")
    parser.add_argument(
        "--checker", help="your name in the audit trail (default: $FACTCHECK_CHECKER or OS user)"
    )


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """Open the database the arguments name, with the desk's rating scale from the config
    file; raises DatabaseError (or InputError for a broken config) with one clear line."""
    scale = load_config().scale
    path, checker = resolve_db_path(args.db), resolve_checker(args.checker)
    if read_only and os.access(path, os.W_OK) and _older_schema(path):
        # A file from an older factcheck is upgraded once (in one transaction), as the TUI
        # would; a read-only connection cannot migrate it.
        Store.open(path, checker).close()
    store = Store.open(path, checker, read_only=read_only)
    store.scale = scale
    return store


def _older_schema(path: Path) -> bool:
    """The file's schema version (SQLite header bytes 60–63, `PRAGMA user_version`) is
    older than this factcheck's; False for anything unreadable (Store.open says why)."""
    from factcheck_tui.core.db.schema import SCHEMA_VERSION

    try:
        with path.open("rb") as handle:
            header = handle.read(64)
    except OSError:
        return False
    if len(header) < 64 or not header.startswith(b"SQLite format 3\x00"):
        return False
    return 0 < int.from_bytes(header[60:64], "big") < SCHEMA_VERSION


def warn(message: str) -> None:
    print(f"factcheck: {message}", file=sys.stderr)
