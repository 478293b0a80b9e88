"""The SQLite store: every change to a claim is committed when it is made.

A change is one object of core/desk/ (`Mark`, `AddSource`, `Split` ...), made with
`store.apply(change)`: one write transaction, the change's result returned.

One `Store` wraps one connection opened with `check_same_thread=False`, so Textual
thread workers can read through it; a lock serialises writes, each a short
`BEGIN IMMEDIATE` transaction that also appends to the `events` table (the audit trail,
and what undo reads). WAL mode and a busy timeout let a second checker, or a CLI import,
write to the same file at the same time.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar, TypeVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import connection
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db.connection import check_database_file
from factcheck_tui.core.db.desk_file import (
    Snapshot,
    reader_reads_in_place,
    refuse_network_filesystem,
    take_snapshot,
)
from factcheck_tui.core.db.desk_meta import ArchivedArticle, archived_articles
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError, DeskBusy
from factcheck_tui.core.records.models import Article, ArticleSummary, Claim, Event, Progress
from factcheck_tui.core.records.verdicts import DEFAULT_SCALE, Scale

Result = TypeVar("Result")


class Store:
    """A factcheck database. Open with `Store.open(path, checker)`.

    The facade the CLI and the TUI hold: a connection (core/db/connection.py), the write lock,
    the checker and the desk's scale. It runs no SQL itself: reads and writes are the
    functions of core/db. A change is made with `apply`; the changes are the classes of
    core/desk/ (and the imports of core/intake/), given a `ChangeContext` of this store."""

    def __init__(self, conn: sqlite3.Connection, path: Path, checker: str, read_only: bool) -> None:
        self.conn = conn
        self.path = path
        self.checker = checker
        self.read_only = read_only
        # The desk's rating scale: which statuses count as verified / unverified / checked.
        self.scale: Scale = DEFAULT_SCALE
        self._write_lock = threading.RLock()
        # A reader's private copy of the desk (core.db.desk_file), removed on close.
        self._snapshot: Snapshot | None = None
        self._closed = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        checker: str,
        *,
        read_only: bool = False,
        check_file: bool = True,
    ) -> Store:
        """Open (creating and migrating if needed) the database at `path`.

        A file that is not SQLite, not factcheck's, corrupt, or from a newer version raises
        `DatabaseError` and is left untouched. A file we may not write is opened read-only.
        `check_file=False` skips reading the header with Python's own open(): closing that
        descriptor would drop the SQLite locks this process already holds on the file, so a
        second connection in the same process (a worker's) must not do it.
        """
        path = Path(path).expanduser()
        try:
            if check_file:
                if os.path.lexists(path) and not path.is_dir():
                    _through_the_door(path)
                check_database_file(path)
            if read_only and not path.exists():
                raise DatabaseError(f"no database at {path}")
            if read_only and check_file:
                connection.refuse_empty_for_reading(path)
            refuse_network_filesystem(path)
            may_write = connection.writable(path)
            if not may_write:
                if not path.exists():
                    raise DatabaseError(f"cannot create {path}: folder {path.parent} is read-only")
                read_only = True
            snapshot: Snapshot | None = None
            # A reader who may not write never opens the file in a way that creates -wal/-shm
            # files the owner could not write (core/db/desk_file.py). Reading the header with
            # open() is skipped for a second connection (check_file False), for the reason
            # above: it reads where the first one does.
            if read_only and check_file and not may_write and not reader_reads_in_place(path):
                snapshot = take_snapshot(path)
        except OSError as error:  # a folder this account may not enter (another's HOME)
            raise DatabaseError(
                f"cannot open {path}: {error.strerror or error}; choose a database you can "
                "read (--db, or set FACTCHECK_DB)"
            ) from None
        conn: sqlite3.Connection | None = None
        try:
            # A reader that may write a desk at rest (no -wal: nobody has it open) opens it
            # read-write with query_only set (connection.prepare): as the last connection it
            # removes the -wal/-shm it made, where a `mode=ro` connection leaves them behind.
            # A desk in use is read with mode=ro: its -wal is another's, never checkpointed.
            at_rest = not Path(f"{path}-wal").exists()
            conn = connection.connect(
                snapshot.path if snapshot else path, read_only and not (may_write and at_rest)
            )
            store = cls(conn, path, checker, read_only)
            store._snapshot = snapshot
            connection.prepare(conn, path, read_only, store._write_lock)
        except sqlite3.DatabaseError as error:
            cls._abandon(conn, snapshot)
            if connection.is_busy(error):  # another program is writing: busy, not damaged
                raise connection.busy(path) from None
            raise DatabaseError(f"{path} cannot be used as a database: {error}") from None
        except connection.NeedsUpgrade:
            cls._abandon(conn, snapshot)
            return cls._open_upgraded(path, checker)
        except DatabaseError:
            cls._abandon(conn, snapshot)
            raise
        store._register()
        return store

    @staticmethod
    def _abandon(conn: sqlite3.Connection | None, snapshot: Snapshot | None) -> None:
        if conn is not None:
            connection.close(conn)
        if snapshot is not None:
            snapshot.remove()

    @classmethod
    def _open_upgraded(cls, path: Path, checker: str) -> Store:
        """A read-only open of a file from an older factcheck: whoever may write it upgrades
        it first (as any open does); a reader who may not gets a private upgraded snapshot."""
        if connection.writable(path):
            cls.open(path, checker, check_file=False).close()
            return cls.open(path, checker, read_only=True, check_file=False)
        snapshot = take_snapshot(path)
        try:
            cls.open(snapshot.path, checker, check_file=False).close()
            store = cls.open(snapshot.path, checker, read_only=True, check_file=False)
        except BaseException:
            snapshot.remove()
            raise
        store.path = path
        store._snapshot = snapshot
        return store

    @property
    def is_snapshot(self) -> bool:
        """Whether this reader works on a private copy of the desk as it was when opened."""
        return self._snapshot is not None

    def another_connection(self, *, read_only: bool | None = None) -> Store:
        """A second Store on the same file, for a worker thread that should not share ours
        (a reader's on the same private snapshot)."""
        store = Store.open(
            self._snapshot.path if self._snapshot else self.path,
            self.checker,
            read_only=self.read_only if read_only is None else read_only,
            check_file=False,
        )
        store.scale = self.scale
        return store

    # Open writable stores per file in this process: the last one to close checkpoints.
    _open_writers: ClassVar[Counter[str]] = Counter()
    _open_lock: ClassVar[threading.Lock] = threading.Lock()

    def _register(self) -> None:
        if not self.read_only:
            with Store._open_lock:
                Store._open_writers[str(self.path.resolve())] += 1

    def checkpoint(self) -> bool:
        """Copy every committed change from `-wal` into the database file itself, so the
        file alone holds every mark (a copy or backup of it lacks none); True if complete."""
        if self.read_only:
            return False
        from factcheck_tui.core.db.backup import checkpoint

        with self._write_lock:
            return checkpoint(self.conn)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if not self.read_only:
            key = str(self.path.resolve())
            with Store._open_lock:
                Store._open_writers[key] -= 1
                last = Store._open_writers[key] <= 0
                if last:
                    del Store._open_writers[key]
            if last:
                with contextlib.suppress(sqlite3.Error, DatabaseError):
                    self.checkpoint()
        connection.close(self.conn)
        if self._snapshot is not None:
            self._snapshot.remove()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------- transactions
    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction (`BEGIN IMMEDIATE`, under this store's lock) for the layer
        above: a lock or I/O failure is one DatabaseError line, read-only a ReadOnlyError."""
        with connection.write(self.conn, self._write_lock, self.path, self.read_only):
            yield

    def apply(self, change: Change[Result]) -> Result:
        """Make one change in one write transaction (a refused one rolls back whole); its
        result. A change to a draft a newer revision has replaced is refused."""
        try:
            with self.write():
                before = events_table.last_event_id(self.conn)
                result = change.apply(ChangeContext(self.conn, self.checker, self.scale))
                self._refuse_superseded(before)
                return result
        except DeskBusy as error:
            error.change = change  # the TUI tries it again off the UI thread
            raise

    def wait_for_locks(self, milliseconds: int) -> None:
        """How long a write waits for another program's lock before DeskBusy: the TUI's own
        connection waits briefly (its UI thread must not stall) and retries elsewhere."""
        connection.set_busy_timeout(self.conn, milliseconds)

    def _refuse_superseded(self, since_event: int) -> None:
        """Inside the write: refuse (rolling it back) what touched a superseded draft: its
        checks live on in the revision that replaced it."""
        for article_id in events_table.articles_changed_since(self.conn, since_event):
            newer = articles_table.newer_revision(self.conn, article_id)
            if newer is not None:
                raise ChangeRefused(
                    f"this draft was replaced by revision {newer[1]} (imported since): go back "
                    "to the list and open the latest, which carries the checks still valid"
                )

    def data_version(self) -> int:
        """Changes when another connection commits: cheap to poll for live refresh."""
        return connection.data_version(self.conn)

    def newer_revision(self, article_id: int) -> tuple[int, int] | None:
        """(id, revision) of the draft that replaced this article, if one was imported."""
        return articles_table.newer_revision(self.conn, article_id)

    # ----------------------------------------------------------------- articles
    def find_article_by_hash(self, digest: str) -> int | None:
        return articles_table.find_by_hash(self.conn, digest)

    def _statuses(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The verdict ids that count as positive, negative and neutral: the scale's, then
        other presets' it lacks, so marks made before the desk switched its scale still count
        as checked (see Scale.counted_ids)."""
        return (
            self.scale.counted_ids("positive"),
            self.scale.counted_ids("negative"),
            self.scale.counted_ids("neutral"),
        )

    def list_articles(self) -> list[ArticleSummary]:
        """Every article (its latest revision) with its claim counts, newest date first.

        "verified" counts the scale's positive verdicts, "unverified" its negative ones."""
        return articles_table.summaries(self.conn, *self._statuses())

    def archived_articles(self) -> list[ArchivedArticle]:
        """The articles archived off the desk, the last archived first (the list's `R`)."""
        return archived_articles(self.conn)

    def article(self, article_id: int) -> Article:
        found = articles_table.read_article(self.conn, article_id)
        if found is None:
            raise DatabaseError(f"no article with id {article_id}")
        return found

    def article_threshold(self, article_id: int) -> float | None:
        """The claim threshold set for this article (None: the extractor's default)."""
        return articles_table.threshold(self.conn, article_id)

    def page_of(self, article_id: int, offset: int) -> int | None:
        """The page of a paginated article (a PDF) the body's `offset` is on, else None."""
        from factcheck_tui.core.db.pages import page_at

        return page_at(self.conn, article_id, offset)

    def progress(self, article_id: int) -> Progress:
        return claims_table.progress(self.conn, article_id, *self._statuses())

    # ------------------------------------------------------------------- claims
    def claims(self, article_id: int, *, include_dismissed: bool = False) -> list[Claim]:
        """The article's claims in reading order, with their sources and linked reports.

        Dismissed claims (not check-worthy) are left out unless asked for; merged-away claims
        are always left out; claims gone in this revision come last."""
        return claims_table.read_claims(self.conn, article_id, include_dismissed=include_dismissed)

    def claim(self, claim_id: int) -> Claim:
        found = claims_table.read_claim(self.conn, claim_id)
        if found is None:
            raise DatabaseError(f"no claim with id {claim_id}")
        return found

    # ------------------------------------------------------------------- events
    def events(
        self, *, claim_id: int | None = None, limit: int = 200, lineage: bool = False
    ) -> list[Event]:
        """Latest changes first, for one claim or the whole desk. With `lineage`, a claim's
        history includes that of the claims it was carried over from in earlier drafts."""
        claim_ids: list[int] | None = None
        if claim_id is not None:
            claim_ids = self.claim_lineage(claim_id) if lineage else [claim_id]
        return events_table.list_events(self.conn, claim_ids, limit)

    def claim_lineage(self, claim_id: int) -> list[int]:
        """This claim and the claims of earlier revisions it was carried over from, newest
        first (core.revisions records each carry-over as a `revision_*` event)."""
        lineage = [claim_id]
        while len(lineage) < 1000:  # a revision chain is short; the cap only guards a loop
            earlier = events_table.carried_from(self.conn, lineage[-1])
            if earlier is None or earlier in lineage:
                break
            lineage.append(earlier)
        return lineage

    def undo(self, article_id: int | None = None, *, desk: bool = False) -> str | None:
        """Revert this checker's latest change batch, in one write transaction (see
        `core/changes.undo`): a check or details edit (of one article, if given), or with
        `desk` the desk list's own (archive, restore, assignment, details edit). What was
        undone, or None when there was nothing to undo."""
        from factcheck_tui.core.changes import CHECK_ACTIONS, DESK_ACTIONS, undo

        with self.write():
            before = events_table.last_event_id(self.conn)
            undone = undo(
                ChangeContext(self.conn, self.checker, self.scale),
                article_id,
                DESK_ACTIONS if desk else CHECK_ACTIONS,
            )
            self._refuse_superseded(before)
            return undone


def _through_the_door(path: Path) -> None:
    """The desk's path through the one door for files (core/intake/reading.py): a FIFO, a
    device or a socket is refused before anything opens it, in the words every file gets."""
    from factcheck_tui.core.intake.reading import check_regular_file
    from factcheck_tui.core.records.errors import InputError

    try:
        check_regular_file(path, "a factcheck desk (a database file)")
    except InputError as error:
        raise DatabaseError(str(error)) from None
