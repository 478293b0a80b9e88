"""Arguments and helpers every subcommand shares."""

from __future__ import annotations

import argparse

from factcheck_tui.core.config import load_config, resolve_checker, resolve_db_path
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.store import Store


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database file (default: $FACTCHECK_DB or ./factcheck.db)")
    parser.add_argument(
        "--checker", help="your name in the audit trail (default: $FACTCHECK_CHECKER or OS user)"
    )


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """Open the database the arguments name, with the desk's rating scale from the config
    file; raises DatabaseError (or InputError for a broken config) with one clear line."""
    from factcheck_tui.core.db import connection

    scale = load_config().scale
    path, checker = resolve_db_path(args.db), resolve_checker(args.checker)
    if read_only:
        connection.refuse_empty_for_reading(path)
    # writable() first: needs_upgrade() opens the file, which a reader must not (see there).
    if read_only and connection.writable(path) and connection.needs_upgrade(path):
        # `export`, `status` or `match` on a desk an older factcheck made: upgrade it once, as
        # opening it in the TUI or importing into it would, then read it as asked. A read-only
        # Store itself never writes.
        Store.open(path, checker).close()
    store = Store.open(path, checker, read_only=read_only)
    store.scale = scale
    return store


def shown(text: object) -> str:
    """Untrusted text on one line of CLI output: controls and bidi controls as symbols,
    line breaks as spaces (core/records/display.py)."""
    return printable(str(text), one_line=True)
