"""The SQLite store: every change to a claim is committed when it is made.

One `Store` wraps one connection opened with `check_same_thread=False`, so Textual
thread workers can read through it; a lock serialises writes, each a short
`BEGIN IMMEDIATE` transaction that also appends to the `events` table (the audit trail,
and what undo reads). WAL mode and a busy timeout let a second checker, or a CLI import,
write to the same file at the same time.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck_tui.core.claim_changes import ClaimChanges
from factcheck_tui.core.clock import now
from factcheck_tui.core.db.desk_file import (
    Snapshot,
    may_write,
    reader_reads_in_place,
    refuse_network_filesystem,
    take_snapshot,
)
from factcheck_tui.core.errors import DatabaseError, ReadOnlyError
from factcheck_tui.core.models import (
    Article,
    ArticleSummary,
    Claim,
    Event,
    LinkedReport,
    Progress,
    Source,
    printable,
)
from factcheck_tui.core.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from factcheck_tui.core.verdicts import DEFAULT_SCALE, Scale

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# Characters of context kept either side of a claim (TextQuoteSelector prefix/suffix).
QUOTE_CONTEXT = 32


def content_hash(title: str, body: str) -> str:
    import hashlib  # only imports need it, not the first screen

    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


class _NeedsUpgrade(DatabaseError):
    """A file opened read-only is from an older factcheck (Store.open upgrades it first)."""


def check_database_file(path: Path) -> None:
    """Refuse a path that exists but is not a SQLite file, without opening (or creating) it."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if not path.exists():
        if not path.parent.exists():
            raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseError(f"cannot read {path}: {error.strerror}") from None
    if head and head != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a SQLite database")


class Store(ClaimChanges):
    """A factcheck database. Open with `Store.open(path, checker)`.

    Reading and opening live here; the changes a checker makes to a claim (verdicts, notes,
    sources, links) are in `ClaimChanges` (core/claim_changes.py)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, checker: str, read_only: bool) -> None:
        self.conn = conn
        self._db: sqlite_utils.Database | None = None
        self.path = path
        self.checker = checker
        self.read_only = read_only
        # The desk's rating scale: which statuses count as verified / unverified / checked.
        self.scale: Scale = DEFAULT_SCALE
        self._write_lock = threading.RLock()
        # A reader's private copy of the desk (core.db.desk_file), removed on close.
        self._snapshot: Snapshot | None = None
        self._closed = False

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over our connection, for table creation and bulk inserts; imported on
        first use so opening a database for the first screen does not pay for it."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

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
        if check_file:
            check_database_file(path)
        if read_only and not path.exists():
            raise DatabaseError(f"no database at {path}")
        refuse_network_filesystem(path)
        if not may_write(path):
            if not path.exists():
                raise DatabaseError(f"cannot create {path}: folder {path.parent} is read-only")
            read_only = True
        snapshot: Snapshot | None = None
        # Reading the header with open() is skipped for a second connection (check_file
        # False), for the reason above: it reads where the first one does.
        if read_only and check_file and not may_write(path) and not reader_reads_in_place(path):
            # Opening it in place would create -wal/-shm files the owner cannot write.
            snapshot = take_snapshot(path)
        conn: sqlite3.Connection | None = None
        try:
            conn = cls._connect(snapshot.path if snapshot else path, read_only)
            store = cls(conn, path, checker, read_only)
            store._snapshot = snapshot
            store._prepare()
        except sqlite3.DatabaseError as error:
            cls._abandon(conn, snapshot)
            raise DatabaseError(f"{path} cannot be used as a database: {error}") from None
        except _NeedsUpgrade:
            cls._abandon(conn, snapshot)
            return cls._open_upgraded(path, checker)
        except DatabaseError:
            cls._abandon(conn, snapshot)
            raise
        store._register()
        return store

    @classmethod
    def _open_upgraded(cls, path: Path, checker: str) -> Store:
        """A read-only open of a file from an older factcheck: whoever may write it upgrades
        it first (as any open does); a reader who may not gets a private upgraded snapshot."""
        if may_write(path):
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

    @staticmethod
    def _abandon(conn: sqlite3.Connection | None, snapshot: Snapshot | None) -> None:
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
        if snapshot is not None:
            snapshot.remove()

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

    @staticmethod
    def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
        if read_only:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        else:
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _prepare(self) -> None:
        # Every refusal is decided from reads alone, before the first write (WAL switch,
        # migration): a refused file is left byte for byte as it was.
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
        if app_id != APPLICATION_ID and tables:
            raise DatabaseError(f"{self.path} is a SQLite database, but not a factcheck one")
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{self.path} was made by a newer factcheck (schema {version}); "
                f"this version reads schema {SCHEMA_VERSION} and older: upgrade factcheck"
            )
        if version < 0 or (version == 0 and tables):
            raise DatabaseError(
                f"{self.path} has schema version {version}, which no factcheck writes (another "
                "program, or a newer factcheck, changed it); it was not opened or changed"
            )
        if self.read_only:
            if version < SCHEMA_VERSION:
                raise _NeedsUpgrade(
                    f"{self.path} is read-only and needs upgrading (schema {version} → "
                    f"{SCHEMA_VERSION}); open a writable copy once"
                )
            self.conn.execute("PRAGMA query_only = 1")
            return
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            # The first write to a file (WAL switch, migration) rewrites its header: check it
            # is sound before touching it. Files already in WAL were opened by us before.
            if tables:
                problem = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
                if problem != "ok":
                    detail = " ".join(problem.split())
                    raise DatabaseError(f"{self.path} is damaged ({detail}); it was not changed")
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        with self._transaction():
            # Re-read inside the write lock: another process may have migrated meanwhile.
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](self.db)
                version += 1
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

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
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._snapshot is not None:
            self._snapshot.remove()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------- transactions
    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; `BEGIN IMMEDIATE` takes the write lock up front so a
        concurrent writer waits on the busy timeout instead of failing mid-way."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only: changes are not saved")
        with self._write_lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """A write transaction for other core modules (imports, matching links)."""
        try:
            with self._transaction():
                yield
        except sqlite3.OperationalError as error:
            raise DatabaseError(f"could not write to {self.path}: {error}") from None

    def data_version(self) -> int:
        """Changes when another connection commits: cheap to poll for live refresh."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def record_event(
        self,
        action: str,
        *,
        article_id: int | None,
        claim_id: int | None,
        old: Any,
        new: Any,
        batch: int | None,
    ) -> int:
        """Write one event of the change being made; every change of a claim passes here, so
        this is where a change to a superseded draft is refused (its transaction rolls back)."""
        if article_id is not None and not action.startswith(("import_", "revision_")):
            newer = self.newer_revision(article_id)
            if newer is not None:
                raise ValueError(
                    f"this draft was replaced by revision {newer[1]} (imported since): go back "
                    "to the list and open the latest, which carries the checks still valid"
                )
        cursor = self.conn.execute(
            "INSERT INTO events (at, checker, article_id, claim_id, action, old_value, "
            "new_value, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                self.checker,
                article_id,
                claim_id,
                action,
                json.dumps(old, ensure_ascii=False),
                json.dumps(new, ensure_ascii=False),
                batch,
            ),
        )
        event_id = int(cursor.lastrowid or 0)
        if batch is None:
            self.conn.execute("UPDATE events SET batch = ? WHERE id = ?", (event_id, event_id))
        return event_id

    def newer_revision(self, article_id: int) -> tuple[int, int] | None:
        """(id, revision) of the draft that replaced this article, if one was imported."""
        row = self.conn.execute(
            "SELECT id, revision FROM articles WHERE previous_id = ? ORDER BY id LIMIT 1",
            (article_id,),
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def next_claim_id(self) -> int:
        """An id no claim has had: SQLite reuses the largest rowid after a delete (an undone
        add), and the events of the deleted claim would then read as the new one's history.
        Call inside `write()` so no other writer takes it in between."""
        row = self.conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM claims), 0), "
            "coalesce((SELECT max(claim_id) FROM events), 0)) + 1"
        ).fetchone()
        return int(row[0])

    # ----------------------------------------------------------------- articles
    def find_article_by_hash(self, digest: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (digest,)
        ).fetchone()
        return int(row[0]) if row else None

    def add_article(
        self,
        *,
        title: str,
        body: str,
        date: str = "",
        url: str = "",
        outlet: str = "",
        fmt: str = "",
        source_name: str = "",
        claims: Iterable[dict[str, Any]] = (),
    ) -> tuple[int, bool]:
        """Store an article and its extracted claims; returns (id, created).

        The same title and body imported again returns the existing id with created False.
        Each claim dict has text, start, end, score and reasons.
        """
        digest = content_hash(title, body)
        with self.write():
            existing = self.find_article_by_hash(digest)
            if existing is not None:
                return existing, False
            stamp = now()
            cursor = self.conn.execute(
                "INSERT INTO articles (title, date, url, outlet, body, content_hash, format, "
                "source_name, imported_at, imported_by, revision) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (title, date, url, outlet, body, digest, fmt, source_name, stamp, self.checker),
            )
            article_id = int(cursor.lastrowid or 0)
            first_id = self.next_claim_id()
            rows = [
                {
                    "id": first_id + position,
                    "article_id": article_id,
                    "position": position,
                    "text": claim["text"],
                    "start": claim["start"],
                    "end": claim["end"],
                    "prefix": body[max(0, claim["start"] - QUOTE_CONTEXT) : claim["start"]],
                    "suffix": body[claim["end"] : claim["end"] + QUOTE_CONTEXT],
                    "score": claim["score"],
                    "reasons": json.dumps(list(claim["reasons"]), ensure_ascii=False),
                    "status": "unchecked",
                    "origin": "extracted",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
                for position, claim in enumerate(claims)
            ]
            if rows:
                self.db["claims"].insert_all(rows)
            self.record_event(
                "import_article",
                article_id=article_id,
                claim_id=None,
                old=None,
                new={"title": title, "claims": len(rows)},
                batch=None,
            )
        return article_id, True

    def _kind_sql(self, kind: str, column: str = "status") -> str:
        """`status IN ('a', 'b')` for the scale's verdicts of one kind (ids are config data, so
        they are bound as literals through quote(), never pasted raw)."""
        ids = self.scale.ids(kind)
        if not ids:
            return "0"
        quoted = ", ".join(self.conn.execute("SELECT quote(?)", (i,)).fetchone()[0] for i in ids)
        return f"{column} IN ({quoted})"

    def list_articles(self) -> list[ArticleSummary]:
        """Every article (its latest revision) with its claim counts, newest date first.

        "verified" counts the scale's positive verdicts, "unverified" its negative ones."""
        positive = self._kind_sql("positive", "c.status")
        negative = self._kind_sql("negative", "c.status")
        neutral = self._kind_sql("neutral", "c.status")
        rows = self.conn.execute(
            f"""
            SELECT a.id, a.title, a.date, a.outlet,
                   count(c.id),
                   coalesce(sum({positive}), 0),
                   coalesce(sum({negative}), 0),
                   coalesce(max(c.updated_at), a.imported_at),
                   group_concat(DISTINCT nullif(c.checker, '')),
                   coalesce(sum({neutral}), 0)
            FROM articles a LEFT JOIN claims c ON c.article_id = a.id AND c.dismissed = 0
            WHERE NOT EXISTS (SELECT 1 FROM articles newer WHERE newer.previous_id = a.id)
            GROUP BY a.id
            ORDER BY a.date DESC, a.id DESC
            """
        ).fetchall()
        return [
            ArticleSummary(
                *(printable(v) if isinstance(v, str) else v for v in row[:8]),
                checkers=tuple(sorted(printable(row[8]).split(","))) if row[8] else (),
                neutral=row[9],
            )
            for row in rows
        ]

    def article(self, article_id: int) -> Article:
        row = self.conn.execute(
            "SELECT id, title, date, url, outlet, body, revision FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise DatabaseError(f"no article with id {article_id}")
        return Article(*(printable(v) if isinstance(v, str) else v for v in row))

    def progress(self, article_id: int) -> Progress:
        total, verified, unverified, neutral, linked = self.conn.execute(
            f"SELECT count(*), coalesce(sum({self._kind_sql('positive')}), 0), "
            f"coalesce(sum({self._kind_sql('negative')}), 0), "
            f"coalesce(sum({self._kind_sql('neutral')}), 0), "
            "coalesce(sum(EXISTS (SELECT 1 FROM claim_reports l WHERE l.claim_id = claims.id)), 0) "
            "FROM claims WHERE article_id = ? AND dismissed = 0",
            (article_id,),
        ).fetchone()
        return Progress(total, verified, unverified, neutral, linked)

    # ------------------------------------------------------------------- claims
    _CLAIM_COLUMNS = (
        "id, article_id, position, text, start, end, score, reasons, status, note, checker, "
        "checked_at, dismissed, reworded, origin, revision_state, previous_text, copied_from"
    )

    def claims(self, article_id: int, *, include_dismissed: bool = False) -> list[Claim]:
        """The article's claims in reading order, with their sources and linked reports.

        Dismissed claims (not check-worthy) are left out unless asked for; merged-away claims
        are always left out; claims gone in this revision come last."""
        shown = "dismissed IN (0, 1, 3)" if include_dismissed else "dismissed IN (0, 3)"
        rows = self.conn.execute(
            f"SELECT {self._CLAIM_COLUMNS} FROM claims WHERE article_id = ? AND {shown} "
            "ORDER BY start, position",
            (article_id,),
        ).fetchall()
        ids = [row[0] for row in rows]
        sources = self._sources_for(ids)
        reports = self._reports_for(ids)
        return [self._claim(row, sources.get(row[0], ()), reports.get(row[0], ())) for row in rows]

    def claim(self, claim_id: int) -> Claim:
        row = self.conn.execute(
            f"SELECT {self._CLAIM_COLUMNS} FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        if row is None:
            raise DatabaseError(f"no claim with id {claim_id}")
        return self._claim(
            row,
            self._sources_for([claim_id]).get(claim_id, ()),
            self._reports_for([claim_id]).get(claim_id, ()),
        )

    @staticmethod
    def _claim(
        row: Sequence[Any], sources: Sequence[Source], reports: Sequence[LinkedReport]
    ) -> Claim:
        (cid, article_id, position, text, start, end, score, reasons, status, note) = row[:10]
        return Claim(
            id=cid,
            article_id=article_id,
            position=position,
            text=printable(text),
            start=start,
            end=end,
            score=score or 0.0,
            reasons=tuple(printable(r) for r in json.loads(reasons or "[]")),
            status=status,
            note=printable(note or ""),
            checker=row[10] or "",
            checked_at=row[11] or "",
            dismissed=row[12] or 0,
            reworded=bool(row[13]),
            origin=row[14] or "extracted",
            revision_state=row[15] or "",
            previous_text=printable(row[16] or ""),
            copied_from=row[17],
            sources=tuple(sources),
            linked_reports=tuple(reports),
        )

    def _sources_for(self, claim_ids: Sequence[int]) -> dict[int, list[Source]]:
        found: dict[int, list[Source]] = {}
        for chunk in _chunks(claim_ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT id, claim_id, kind, reference, tier, consulted_on, added_by FROM sources "
                f"WHERE claim_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                found.setdefault(row[1], []).append(
                    Source(*(printable(v) if isinstance(v, str) else v for v in row))
                )
        return found

    def _reports_for(self, claim_ids: Sequence[int]) -> dict[int, list[LinkedReport]]:
        """Each claim's linked reports as seen when linked (the link's snapshot, else the
        report), with the report as it stands now beside it."""
        found: dict[int, list[LinkedReport]] = {}

        def text(value: Any) -> str:
            return printable(value) if isinstance(value, str) else "" if value is None else value

        for chunk in _chunks(claim_ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT l.claim_id, r.id, r.external_id, "
                "coalesce(l.seen_claim_text, r.claim_text), coalesce(l.seen_rating, r.rating), "
                "r.publisher, coalesce(l.seen_url, r.url), r.date, l.score, "
                "r.claim_text, r.rating, r.url "
                "FROM claim_reports l JOIN reports r ON r.id = l.report_id "
                f"WHERE l.claim_id IN ({marks}) ORDER BY l.linked_at",
                chunk,
            ):
                found.setdefault(row[0], []).append(
                    LinkedReport(
                        row[1],
                        text(row[2]),
                        text(row[3]),
                        text(row[4]),
                        text(row[5]),
                        text(row[6]),
                        text(row[7]),
                        score=row[8] or 0.0,
                        now_claim_text=text(row[9]),
                        now_rating=text(row[10]),
                        now_url=text(row[11]),
                    )
                )
        return found

    # ------------------------------------------------------------------- events
    def events(
        self, *, claim_id: int | None = None, limit: int = 200, lineage: bool = False
    ) -> list[Event]:
        """Latest changes first, for one claim or the whole desk. With `lineage`, a claim's
        history includes that of the claims it was carried over from in earlier drafts."""
        where, params = "", []
        if claim_id is not None:
            params = self.claim_lineage(claim_id) if lineage else [claim_id]
            where = f"WHERE claim_id IN ({', '.join('?' * len(params))})"
        rows = self.conn.execute(
            "SELECT id, at, checker, article_id, claim_id, action, old_value, new_value, batch, "
            f"undone_by FROM events {where} ORDER BY id DESC LIMIT ?",
            [*params, limit],
        ).fetchall()
        return [Event(*row) for row in rows]

    def claim_lineage(self, claim_id: int) -> list[int]:
        """This claim and the claims of earlier revisions it was carried over from, newest
        first (core.revisions records each carry-over as a `revision_*` event)."""
        lineage = [claim_id]
        while len(lineage) < 1000:  # a revision chain is short; the cap only guards a loop
            row = self.conn.execute(
                "SELECT old_value FROM events WHERE claim_id = ? AND action LIKE 'revision\\_%' "
                "ESCAPE '\\' ORDER BY id LIMIT 1",
                (lineage[-1],),
            ).fetchone()
            earlier = json.loads(row[0]).get("claim_id") if row and row[0] else None
            if not isinstance(earlier, int) or earlier in lineage:
                break
            lineage.append(earlier)
        return lineage

    def undo(self, article_id: int | None = None) -> str | None:
        """Revert this checker's latest change batch (see `history.undo`)."""
        from factcheck_tui.core.history import undo

        return undo(self, article_id)


def _chunks(values: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for index in range(0, len(values), size):
        yield values[index : index + size]
