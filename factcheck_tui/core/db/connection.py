"""Opening a desk file: header checks, pragmas (WAL, busy timeout, read-only), migrations, and
the one write transaction every change goes through.

Nothing here knows a rule of the desk; `core.store.Store` holds a connection made here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from factcheck_tui.core.db.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from factcheck_tui.core.records.errors import DatabaseError, DeskBusy, ReadOnlyError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock (not a damaged file)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


def busy(path: Path) -> DeskBusy:
    return DeskBusy(
        f"{path} is busy: another program is writing to it (waited "
        f"{BUSY_TIMEOUT_MS // 1000} s); nothing was changed, try again"
    )


def check_database_file(path: Path) -> None:
    """Refuse a path that exists but is not a SQLite file, without opening (or creating) it."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if not path.exists():
        if not path.parent.exists():
            raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
        return
    if not path.is_file():  # a FIFO would block the open below forever; a device never ends
        raise DatabaseError(f"{path} is not a regular file (a named pipe or a device)")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseError(f"cannot read {path}: {error.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a SQLite database")


def refuse_empty_for_reading(path: Path) -> None:
    """A command that only reads (status, export, match) never turns an empty file into a
    desk: DatabaseError for a 0-byte file, which is left as it is."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return  # Store.open says why it cannot be read
    if empty:
        raise DatabaseError(
            f"{path} is empty (0 bytes), not a factcheck desk; it was left as it is "
            "(`factcheck import` makes a desk)"
        )


def writable(path: Path) -> bool:
    """Whether this account may change the file and create files beside it (-wal, -shm);
    False also when it cannot even look (a folder it may not enter)."""
    try:
        if path.exists():
            return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    except OSError:
        return False
    return os.access(path.parent, os.W_OK)


def needs_upgrade(path: Path) -> bool:
    """Whether an existing file's schema (PRAGMA user_version) is older than this code's; read
    without writing. False when it cannot be read: opening it then says why. Ask only for a
    file this account may write: even a read-only connection leaves -wal/-shm files behind
    that lock the owner out when a reader who may not write makes them (desk_file.py)."""
    try:
        if not path.is_file():
            return False
        if not Path(f"{path}-wal").exists():
            # At rest, the header says it (user_version: 4 bytes at offset 60), and no
            # connection is made: a `mode=ro` one would leave -wal/-shm behind it.
            with path.open("rb") as handle:
                head = handle.read(64)
            if len(head) == 64 and head.startswith(SQLITE_MAGIC):
                return int.from_bytes(head[60:64], "big") < SCHEMA_VERSION
            return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0]) < SCHEMA_VERSION
        finally:
            conn.close()
    except (sqlite3.Error, OSError):  # a folder this account may not enter: Store.open says so
        return False


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection usable from worker threads, in autocommit mode (we BEGIN ourselves)."""
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def set_busy_timeout(conn: sqlite3.Connection, milliseconds: int) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")


class NeedsUpgrade(DatabaseError):
    """A file opened read-only is from an older factcheck (core.store upgrades it first)."""


def prepare(conn: sqlite3.Connection, path: Path, read_only: bool, lock: threading.RLock) -> None:
    """Check the file is factcheck's and not newer, then set it up (WAL) and migrate it.

    Every refusal is decided from reads alone, before the first write (the WAL switch, a
    migration): a refused file is left byte for byte as it was."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if app_id != APPLICATION_ID and tables:
        raise DatabaseError(f"{path} is a SQLite database, but not a factcheck one")
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was made by a newer factcheck (schema {version}); "
            f"this version reads schema {SCHEMA_VERSION} and older: upgrade factcheck"
        )
    if version < 0 or (version == 0 and tables):
        raise DatabaseError(
            f"{path} has schema version {version}, which no factcheck writes (another "
            "program, or a newer factcheck, changed it); it was not opened or changed"
        )
    if read_only:
        if version < SCHEMA_VERSION:
            raise NeedsUpgrade(
                f"{path} is read-only and needs upgrading (schema {version} → "
                f"{SCHEMA_VERSION}); open a writable copy once"
            )
        conn.execute("PRAGMA query_only = 1")
        return
    conn.execute("PRAGMA foreign_keys = ON")
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        # The first write to a file (WAL switch, migration) rewrites its header: check it
        # is sound before touching it. Files already in WAL were opened by us before.
        if tables:
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                detail = " ".join(problem.split())
                raise DatabaseError(f"{path} is damaged ({detail}); it was not changed")
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    if version < SCHEMA_VERSION:
        _migrate(conn, lock)


def _migrate(conn: sqlite3.Connection, lock: threading.RLock) -> None:
    sqlite_utils = _sqlite_utils()  # only a migration needs it
    with transaction(conn, lock):
        # Re-read inside the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        database = sqlite_utils.Database(conn)
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](database)
            version += 1
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# Imported by sqlite_utils, when installed, only to store their values, which a desk never
# hands it; numpy alone is 0.1 s CPU of setting up a new desk, sqlite_utils the other 0.06 s.
NOT_FOR_SQLITE_UTILS = ("numpy", "pandas")


def _sqlite_utils() -> ModuleType:
    """sqlite_utils, imported without numpy and pandas when neither is loaded yet, from the
    main thread: where a desk is set up (the command line, the TUI's start), before any job
    thread could need numpy. Both are importable again as soon as sqlite_utils is."""
    if "sqlite_utils" in sys.modules or threading.current_thread() is not threading.main_thread():
        import sqlite_utils

        return sqlite_utils
    hidden = [name for name in NOT_FOR_SQLITE_UTILS if name not in sys.modules]
    try:
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" fails
        import sqlite_utils
    finally:
        for name in hidden:
            if sys.modules.get(name, "") is None:
                del sys.modules[name]
    return sqlite_utils


def close(conn: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        conn.close()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, lock: threading.RLock) -> Iterator[None]:
    """One write transaction; `BEGIN IMMEDIATE` takes the write lock up front so a concurrent
    writer waits on the busy timeout instead of failing mid-way."""
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")


@contextlib.contextmanager
def write(
    conn: sqlite3.Connection, lock: threading.RLock, path: Path, read_only: bool
) -> Iterator[None]:
    """A write transaction whose lock or I/O failure is one `DatabaseError` line."""
    if read_only:
        raise ReadOnlyError(f"{path} is open read-only: changes are not saved")
    try:
        with transaction(conn, lock):
            yield
    except sqlite3.OperationalError as error:
        if is_busy(error):
            raise busy(path) from None
        raise DatabaseError(f"could not write to {path}: {error}") from None


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection commits: cheap to poll for live refresh."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def sql_literal(conn: sqlite3.Connection, value: str) -> str:
    """`value` as a SQL string literal, quoted by SQLite itself (for IN lists built from
    configuration data, never pasted raw)."""
    return str(conn.execute("SELECT quote(?)", (value,)).fetchone()[0])


def make_single_file(conn: sqlite3.Connection) -> None:
    """Leave the database one self-contained file (no -wal/-shm beside it), compacted."""
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
