"""Faults a desk meets: the app killed mid-session, a full disk, a place nobody may write, a
read-only database, a file from a newer factcheck, a damaged file.

What must hold: every mark the checker saw on screen is on disk; a failed export leaves the
earlier file as it was; a refused file is left byte for byte as it was; every refusal is one
line on stderr with exit status 2, never a traceback. The tests run as root in CI, so nothing
here relies on file permissions: the unwritable places are ones root cannot write either.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck_tui.core.db.schema import SCHEMA_VERSION
from factcheck_tui.core.desk.claim_checks import AddSource, Mark, RemoveSource, SetNote
from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import ImportArticle, import_article
from factcheck_tui.core.records.errors import ReadOnlyError
from factcheck_tui.core.store import Store
from tests.conftest import SAMPLE_ARTICLE
from tests.tmux_driver import TmuxSession, factcheck_command

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA_V1_FIXTURE = FIXTURES / "schema_v1.db"
# What tests/fixtures/build_schema_v1.py put in the fixture (claims in reading order).
FIXTURE_STATUSES = ["verified", "unverified", "unverified", "verified"] + ["unchecked"] * 11
FIXTURE_CHECKERS = ["amira", "amira", "amira", "bo"]
FIXTURE_NOTE = "SOHR statement of 13 July; 54 dead, 28 civilians"
FIXTURE_SOURCE = "https://www.syriahr.com/en/?p=97856"
FIXTURE_EVENT_ACTIONS = [
    "import_article",
    "status",
    "note",
    "add_source",
    "status",
    "status",
    "status",
    "undo",
    "status",
]

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


# ----------------------------------------------------------------------------- helpers
def factcheck(
    *args: str,
    stdout: int | object = subprocess.PIPE,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The installed `factcheck` command, as a shell user runs it."""
    result = subprocess.run(
        [factcheck_command(), *args],
        stdin=subprocess.DEVNULL,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=preexec_fn,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def assert_one_line_refusal(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("factcheck: "), lines[0]
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


def make_desk(path: Path, checker: str = "tester") -> int:
    """A closed database holding the sample article; returns its number of claims."""
    with Store.open(path, checker) as store:
        import_article(store, read_article_file(SAMPLE_ARTICLE))
        return store.progress(1).total


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def statuses_in_reading_order(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT status FROM claims ORDER BY start, id")]
    finally:
        conn.close()


def app_pid(term: TmuxSession, timeout: float = 10.0) -> int:
    """The factcheck process: a child of the pane's shell (tmux only knows the shell)."""
    shell = term.pane_pid()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        for child in children:
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:
                continue
            if b"factcheck" in cmdline:
                return int(child)
        time.sleep(0.02)
    raise AssertionError(f"no factcheck process under the pane's shell {shell}")


def files_in(folder: Path) -> list[str]:
    """Names in `folder`, without a database's -wal and -shm (a reader may leave those)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


# ------------------------------------------------------------------------ killed -9
@pytest.mark.tmux
@needs_tmux
def test_kill_9_mid_session_keeps_every_mark_that_was_on_screen(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    imported = factcheck("import", str(SAMPLE_ARTICLE), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    total = len(statuses_in_reading_order(db))
    with TmuxSession(
        [factcheck_command(), str(db)], env={"FACTCHECK_CHECKER": "amira"}, cwd=tmp_path
    ) as term:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"0/{total} checked")
        # One key at a time, each waited for on screen: these marks were *seen*.
        term.send("v")
        term.wait_for(f"1/{total} checked · 1 verified · 0 unverified")
        term.send("j", "u")
        term.wait_for(f"2/{total} checked · 1 verified · 1 unverified")
        term.send("j", "j", "v")
        term.wait_for(f"3/{total} checked · 2 verified · 1 unverified")
        # Then a burst of marks further down, and the kill right behind it, mid-write.
        pid = app_pid(term)
        term.send("j", "v", "j", "u", "j", "v", "j", "u")
        os.kill(pid, signal.SIGKILL)
        term.wait_for("EXIT-STATUS-137")
    assert integrity(db) == "ok"
    statuses = statuses_in_reading_order(db)
    assert statuses[:4] == ["verified", "unverified", "unchecked", "verified"]
    # Whatever of the burst landed, the claims and the audit trail agree on every claim.
    conn = sqlite3.connect(db)
    try:
        for claim_id, status, checker in conn.execute("SELECT id, status, checker FROM claims"):
            last = conn.execute(
                "SELECT new_value, checker FROM events WHERE claim_id = ? AND action = 'status' "
                "ORDER BY id DESC LIMIT 1",
                (claim_id,),
            ).fetchone()
            assert (status, checker) == (
                (last[0].strip('"'), last[1]) if last else ("unchecked", "")
            )
    finally:
        conn.close()


# ------------------------------------------------------------------------- full disk
def limit_file_size(limit: int) -> Callable[[], None]:
    """RLIMIT_FSIZE binds root too: a write past `limit` bytes fails with EFBIG, the same way
    a full disk fails it with ENOSPC (Python ignores SIGXFSZ, so the write returns the error)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_export_that_runs_out_of_space_keeps_the_earlier_file(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store.open(db, "tester") as store:
        import_article(store, read_article_file(SAMPLE_ARTICLE))
        # A long note makes the CSV far bigger than the space the export is allowed.
        store.apply(SetNote(store.claims(1)[0].id, "interview transcript, " * 15_000))
    out = tmp_path / "out" / "checked.csv"
    out.parent.mkdir()
    earlier = b"article_id,claim_text\r\n1,the export the editor already has\r\n" * 3000
    out.write_bytes(earlier)
    result = factcheck(
        "export", "--db", str(db), "-o", str(out), preexec_fn=limit_file_size(96_000)
    )
    assert_one_line_refusal(result, "cannot write", str(out), "File too large", "unchanged")
    assert out.read_bytes() == earlier
    assert files_in(out.parent) == ["checked.csv"]  # no temporary file left behind
    # The same export with room to spare succeeds, so the limit was what stopped it.
    assert factcheck("export", "--db", str(db), "-o", str(out)).returncode == 0
    assert len(out.read_bytes()) > 96_000


def test_export_to_standard_output_on_a_full_disk_is_one_line(sample_store: Store) -> None:
    sample_store.close()
    with open("/dev/full", "w") as full:
        result = factcheck("export", "--db", str(sample_store.path), stdout=full)
    assert_one_line_refusal(result, "cannot write", "No space left on device")


def test_export_to_a_full_device_writes_into_it_and_never_replaces_it(
    sample_store: Store, tmp_path: Path
) -> None:
    """`-o /dev/full` (or `-o /dev/stdout`) must not rename a file over the device node: as
    root that would replace the device. A private copy of /dev/full stands in for it here."""
    sample_store.close()
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("mknod is not permitted here (no CAP_MKNOD)")
    result = factcheck("export", "--db", str(sample_store.path), "-o", str(device))
    assert_one_line_refusal(result, "cannot write", "No space left on device")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert device.stat().st_rdev == os.makedev(1, 7)


def test_export_into_a_named_pipe_feeds_the_reader(sample_store: Store, tmp_path: Path) -> None:
    sample_store.close()
    fifo = tmp_path / "csv.pipe"
    os.mkfifo(fifo)
    # Opened read-write so the open never blocks; the export's CSV fits the pipe's buffer.
    reader = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        result = factcheck("export", "--db", str(sample_store.path), "-o", str(fifo))
        assert result.returncode == 0, result.stderr
        try:
            received = os.read(reader, 1 << 16).decode()
        except BlockingIOError:
            received = ""
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the pipe was replaced by a regular file"
    assert received.startswith("article_id,article_title")


@pytest.mark.parametrize("place", ["parent is a file", "in /proc", "a folder"])
def test_export_where_even_root_cannot_write_is_one_line(
    sample_store: Store, tmp_path: Path, place: str
) -> None:
    sample_store.close()
    blocker = tmp_path / "report.csv"
    blocker.write_text("the export the editor already has\n")
    folder = tmp_path / "exports"
    (folder / "keep").mkdir(parents=True)
    target = {
        "parent is a file": blocker / "checked.csv",
        "in /proc": Path(f"/proc/{os.getpid()}/checked.csv"),
        "a folder": folder,
    }[place]
    before = files_in(tmp_path)
    result = factcheck("export", "--db", str(sample_store.path), "-o", str(target))
    assert_one_line_refusal(result, "cannot write", str(target))
    assert blocker.read_text() == "the export the editor already has\n"
    assert files_in(folder) == ["keep"]
    assert files_in(tmp_path) == before


def test_export_file_is_readable_like_any_new_file_and_keeps_a_replaced_files_mode(
    sample_store: Store, tmp_path: Path
) -> None:
    sample_store.close()
    out = tmp_path / "checked.csv"
    previous = os.umask(0o022)
    try:
        assert factcheck("export", "--db", str(sample_store.path), "-o", str(out)).returncode == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not mkstemp's 0600
    out.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(out.name)
    assert factcheck("export", "--db", str(sample_store.path), "-o", str(link)).returncode == 0
    assert link.is_symlink(), "the link was replaced instead of its target"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8").startswith("article_id,")


@pytest.mark.parametrize("target", ["the desk itself", "its WAL file", "another desk"])
def test_export_never_replaces_a_database(tmp_path: Path, target: str) -> None:
    """`factcheck export --db desk.db -o desk.db` must not swap the desk for a CSV."""
    db = tmp_path / "desk.db"
    with Store.open(db, "tester") as store:
        import_article(store, read_article_file(SAMPLE_ARTICLE))
        store.apply(Mark([store.claims(1)[0].id], "verified"))
        # Held open, as a checker's app would be: the desk has its -wal and -shm beside it.
        other = tmp_path / "other.db"
        make_desk(other)
        out = {
            "the desk itself": db,
            "its WAL file": Path(f"{db}-wal"),
            "another desk": other,
        }[target]
        before = out.read_bytes()
        result = factcheck("export", "--db", str(db), "-o", str(out))
        assert_one_line_refusal(result, "cannot write", str(out))
        assert out.read_bytes() == before
    assert integrity(db) == "ok"
    assert statuses_in_reading_order(db)[0] == "verified"


# ------------------------------------------------------------------------- read-only
def test_read_only_database_refuses_every_change_and_stays_byte_identical(
    sample_store: Store,
) -> None:
    claim = sample_store.claims(1)[0]
    source_id = sample_store.apply(
        AddSource(
            claim.id,
            kind="url",
            reference="https://example.org",
            tier="primary",
            consulted_on="2024-01-02",
        )
    )
    sample_store.apply(Mark([claim.id], "verified"))
    path = Path(sample_store.path)
    sample_store.close()
    before = path.read_bytes()
    with Store.open(path, "tester", read_only=True) as store:
        assert store.read_only
        changes: list[Callable[[], object]] = [
            lambda: store.apply(Mark([claim.id], "unverified")),
            lambda: store.apply(SetNote(claim.id, "a note")),
            lambda: store.apply(
                AddSource(
                    claim.id,
                    kind="url",
                    reference="https://x.org",
                    tier="primary",
                    consulted_on="2024-01-02",
                )
            ),
            lambda: store.apply(RemoveSource(source_id)),
            lambda: store.undo(1),
            lambda: store.apply(
                ImportArticle(title="New", body="The council spent $4m on Monday.")
            ),
        ]
        for change in changes:
            with pytest.raises(ReadOnlyError, match="read-only"):
                change()
        # A direct write through the connection is refused by SQLite as well.
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("UPDATE claims SET status = 'unverified'")
        assert store.claims(1)[0].status == "verified"
    assert path.read_bytes() == before


# ---------------------------------------------------------------------------- schema
def copy_fixture(tmp_path: Path) -> Path:
    copy = tmp_path / "schema_v1.db"
    shutil.copyfile(SCHEMA_V1_FIXTURE, copy)
    return copy


def test_schema_v1_fixture_is_a_sound_schema_1_file() -> None:
    fixture = sqlite3.connect(f"{SCHEMA_V1_FIXTURE.as_uri()}?mode=ro", uri=True)
    assert fixture.execute("PRAGMA user_version").fetchone()[0] == 1
    assert fixture.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    fixture.close()


def test_schema_v1_file_opens_and_keeps_every_mark(tmp_path: Path) -> None:
    db = copy_fixture(tmp_path)
    with Store.open(db, "reader") as store:
        claims = store.claims(1)
        assert [c.status for c in claims] == FIXTURE_STATUSES
        assert [c.checker for c in claims[:4]] == FIXTURE_CHECKERS
        assert claims[0].note == FIXTURE_NOTE
        assert [s.reference for s in claims[0].sources] == [FIXTURE_SOURCE]
        events = list(reversed(store.events()))
        assert [e.action for e in events] == FIXTURE_EVENT_ACTIONS
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # Still a working desk: a new mark lands and undo still finds the trail.
        store.apply(Mark([claims[5].id], "verified"))
        assert store.progress(1).verified == 3
    assert integrity(db) == "ok"


def test_schema_v1_file_exports_every_mark_from_the_cli(tmp_path: Path) -> None:
    import csv
    import io

    db = copy_fixture(tmp_path)
    result = factcheck("export", "--db", str(db))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["status"] for row in rows] == FIXTURE_STATUSES
    assert [row["checker"] for row in rows[:4]] == FIXTURE_CHECKERS
    assert rows[0]["note"] == FIXTURE_NOTE
    assert FIXTURE_SOURCE in rows[0]["sources"]


def table_shapes(conn: sqlite3.Connection) -> dict[str, object]:
    """Columns (name, type, not null, default, pk) and indexes of every table, order-free."""
    shapes: dict[str, object] = {}
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        columns = sorted(tuple(row[1:6]) for row in conn.execute(f"PRAGMA table_info([{table}])"))
        indexes = sorted(
            (
                row[2],
                tuple(info[2] for info in conn.execute(f"PRAGMA index_info([{row[1]}])")),
            )
            for row in conn.execute(f"PRAGMA index_list([{table}])")
        )
        shapes[table] = (columns, indexes)
    return shapes


def test_an_opened_schema_v1_file_has_the_schema_of_a_new_file(tmp_path: Path) -> None:
    old = copy_fixture(tmp_path)
    Store.open(old, "reader").close()  # migrates, if a migration is due
    Store.open(tmp_path / "new.db", "reader").close()
    opened = sqlite3.connect(old)
    new = sqlite3.connect(tmp_path / "new.db")
    try:
        assert opened.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert table_shapes(opened) == table_shapes(new)
    finally:
        opened.close()
        new.close()


def test_newer_schema_is_refused_by_every_command_and_left_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    make_desk(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for args in (
        ["import", str(SAMPLE_ARTICLE), "--db", str(db)],
        ["export", "--db", str(db)],
        [str(db)],  # the TUI refuses before it takes the terminal over
    ):
        result = factcheck(*args)
        assert_one_line_refusal(result, "newer factcheck", f"schema {SCHEMA_VERSION + 1}")
        assert db.read_bytes() == before


def schema_pages(db: Path) -> set[int]:
    """The pages holding the schema itself (page 1 and any pages it spills into)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'sqlite_master')"
        ).fetchall()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find the schema's pages")
    finally:
        conn.close()
    return {row[0] for row in rows} | {1}


def damaged(kind: str, good_db: Path) -> bytes:
    good = good_db.read_bytes()
    page = 4096
    noise = random.Random(kind).randbytes(len(good))
    if kind == "schema intact, the rest garbled":
        keep = schema_pages(good_db)
        return b"".join(
            good[n * page : (n + 1) * page] if n + 1 in keep else noise[n * page : (n + 1) * page]
            for n in range(len(good) // page)
        )
    return {
        "not sqlite": b"my notes, not a database\n" * 400,
        "truncated": good[: len(good) // 2],
        "header only": good[:100],
        "garbled after the header": good[:100] + noise[100:],
    }[kind]


@pytest.mark.parametrize(
    "kind",
    [
        "not sqlite",
        "truncated",
        "header only",
        "garbled after the header",
        "schema intact, the rest garbled",
    ],
)
def test_damaged_database_is_refused_untouched(tmp_path: Path, kind: str) -> None:
    good_db = tmp_path / "good.db"
    with Store.open(good_db, "tester") as store:
        import_article(store, read_article_file(SAMPLE_ARTICLE))
        for day in range(2, 6):  # several pages of articles, claims and events
            store.apply(
                ImportArticle(
                    title=f"Council story {day}",
                    body=f"The council spent ${day} million on roads in 2023, the mayor said. "
                    * 40,
                )
            )
        store.conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    db = tmp_path / "desk.db"
    db.write_bytes(damaged(kind, good_db))
    before = db.read_bytes()
    for args in (["import", str(SAMPLE_ARTICLE), "--db", str(db)], ["export", "--db", str(db)]):
        result = subprocess.run(
            [factcheck_command(), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "Traceback" not in result.stderr, result.stderr.strip().splitlines()[-1]
        assert_one_line_refusal(result, str(db))
        assert db.read_bytes() == before, f"{args[0]} changed the damaged file"
