"""Checkpoints and backups: the desk as one self-contained file.

While factcheck runs, SQLite's WAL mode writes each change first to `desk.db-wal`; a
checkpoint copies those changes into `desk.db` itself. factcheck checkpoints when its last
connection closes (quitting, SIGHUP, SIGTERM), so the `.db` file alone holds every mark.
`backup_desk` copies a desk that is in use with SQLite's online backup (a consistent copy
of the committed state, WAL included) into one file, written beside the target under a
temporary name and renamed into place; a backup that was killed meanwhile left its temporary
file (and its journal) behind, which the next backup to the same target deletes.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from factcheck_tui.core.records.errors import DatabaseError

# How long a closing checkpoint waits for another process's reader before giving up (ms);
# whatever it could not copy stays safely in -wal for the next one.
CHECKPOINT_WAIT_MS = 2000
# Pages copied per backup step: other checkers' writes go on between steps.
BACKUP_PAGES_PER_STEP = 1024


def checkpoint(conn: sqlite3.Connection, wait_ms: int = CHECKPOINT_WAIT_MS) -> bool:
    """`PRAGMA wal_checkpoint(TRUNCATE)`: every committed change into the database file and
    the -wal emptied; False when another connection kept part of it (it stays in -wal)."""
    previous = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        row = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(previous)}")
    return bool(row) and row[0] == 0


@dataclass(frozen=True, slots=True)
class BackupResult:
    target: Path
    size: int
    articles: int
    claims: int


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def backup_target(desk: Path, destination: Path) -> Path:
    """Where a backup of `desk` to `destination` goes (a folder gets the desk's name), or
    DatabaseError when that would replace the desk itself or a database in use."""
    target = destination / desk.name if destination.is_dir() else destination
    for part in (desk, Path(f"{desk}-wal"), Path(f"{desk}-shm")):
        if _same_file(part, target) or part.resolve() == target.resolve():
            raise DatabaseError(f"{target} is the desk itself: back it up to another file")
    if any(Path(f"{target}{suffix}").exists() for suffix in ("-wal", "-shm")):
        raise DatabaseError(f"{target} is a database in use: choose another backup file")
    if not target.parent.is_dir():
        raise DatabaseError(f"cannot write {target}: folder {target.parent} does not exist")
    return target


def _new_temporary(target: Path) -> Path:
    """A new empty hidden file beside `target`, mode 0666 less the umask (mkstemp's 0600
    would keep a colleague from opening the backup). Its name holds this process's id, so a
    later backup knows a killed one's leftovers (`remove_abandoned`)."""
    for _ in range(100):
        name = target.parent / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as error:
            raise DatabaseError(f"cannot write {target}: {error.strerror or error}") from None
        return name
    raise DatabaseError(f"cannot write {target}: no free temporary name")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another account's process: alive
        return True
    return True


def remove_abandoned(target: Path) -> list[Path]:
    """Delete what a killed backup to `target` left beside it (its temporary copy and that
    copy's journal), when the process that made it is gone; the files removed."""
    removed: list[Path] = []
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not name.startswith(prefix):
            continue
        stem = name.removeprefix(prefix)
        for suffix in ("-journal", "-wal", "-shm", ""):
            if stem.endswith(".tmp" + suffix):
                stem = stem[: len(stem) - len(".tmp" + suffix)]
                break
        else:
            continue
        pid, _, token = stem.partition(".")
        if not (pid.isdigit() and len(token) == 8) or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            (target.parent / name).unlink()
            removed.append(target.parent / name)
    return removed


def backup_desk(source: sqlite3.Connection, desk: Path, destination: Path) -> BackupResult:
    """Copy the desk open on `source` to `destination` as one file (journal mode DELETE:
    no -wal needed beside it), checked with quick_check before it is renamed into place."""
    target = backup_target(desk, destination)
    remove_abandoned(target)
    temporary = _new_temporary(target)
    try:
        copy = sqlite3.connect(temporary, isolation_level=None)
        try:
            source.backup(copy, pages=BACKUP_PAGES_PER_STEP)
            copy.execute("PRAGMA journal_mode = DELETE")
            problem = copy.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                raise DatabaseError(f"the copy of {desk} did not check out ({problem}); not kept")
            articles = copy.execute("SELECT count(*) FROM articles").fetchone()[0]
            claims = copy.execute("SELECT count(*) FROM claims").fetchone()[0]
        finally:
            copy.close()
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        if target.exists():  # a replaced backup keeps its mode
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except sqlite3.Error as error:
        raise DatabaseError(f"could not back up {desk}: {error}") from None
    except OSError as error:
        raise DatabaseError(f"cannot write {target}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{temporary}{suffix}").unlink()
    return BackupResult(target, target.stat().st_size, int(articles), int(claims))
