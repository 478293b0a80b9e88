"""Open the TUI: resolve the database and checker, open the store, run the app.

Errors that stop the app from starting (not a database, newer schema, bad config) are
raised as FactcheckError before the terminal is taken over, so the CLI prints one line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck_tui.core.config import data_dir, load_config, resolve_checker, resolve_db_path
from factcheck_tui.core.records.errors import DatabaseError, InputError
from factcheck_tui.core.store import Store


def sample_dir() -> Path:
    """The shipped sample (inside the wheel), else the checkout's sample_db/."""
    packaged = Path(__file__).resolve().parent.parent / "sample_db"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "sample_db"


def demo_database(*, fresh: bool = False) -> Path:
    """A working copy of the sample database in the user's data folder.

    The tracked sample_db/ is never written to; the copy is made once and kept, so a
    user's practice marks survive; `fresh` (`factcheck --demo --fresh`) replaces it with
    the unchecked sample again.
    """
    source = sample_dir() / "sample.db"
    if not source.exists():
        raise DatabaseError(f"the sample database {source} is missing from this install")
    folder = data_dir()
    target = folder / "demo.db"
    try:
        if fresh:
            for leftover in (target, folder / "demo.db-wal", folder / "demo.db-shm"):
                leftover.unlink(missing_ok=True)
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            partial = folder / "demo.db.partial"
            shutil.copyfile(source, partial)
            partial.replace(target)  # never a half-copied demo after an interrupted copy
    except OSError as error:
        raise DatabaseError(
            f"cannot keep the demo database in {folder} ({error.strerror or error}): "
            "set XDG_DATA_HOME to a folder you can write"
        ) from None
    return target


def run_tui(*, db: str | None, checker: str | None, demo: bool, fresh: bool = False) -> int:
    path = demo_database(fresh=fresh) if demo else resolve_db_path(db)
    config = load_config()
    if config.keys:
        from factcheck_tui.tui.keys import keymap_problems

        problems = keymap_problems(config.keys)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            first = next(iter(problems.values()))
            raise InputError(f"config {config.path}: {first}{more}")
    store = Store.open(path, resolve_checker(checker))
    from factcheck_tui.tui.app import FactcheckApp

    app = FactcheckApp(store, config, practice=demo)
    try:
        app.run()
    finally:
        store.close()  # the last connection: checkpoints every mark into the .db file
    return 128 + app.stopped_by_signal if app.stopped_by_signal else 0
