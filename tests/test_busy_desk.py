"""Waiting is said, never frozen: another program holding the desk's write lock, and a full
disk. The TUI's mark waits off the UI thread and lands when the lock is gone; the CLI says
the desk is busy, not damaged; a note the desk could not save is not lost by ctrl+q."""

from __future__ import annotations

import resource
import signal
import sqlite3
from pathlib import Path

from textual.widgets import TextArea

from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.desk_wait import WAITING
from factcheck_tui.tui.dialogs.yes_no import YesNoDialog
from tests.conftest import SAMPLE_ARTICLE
from tests.hostile import run

SIZE = (140, 40)


def _hold_write_lock(db_path: Path) -> sqlite3.Connection:
    """Another program's connection in the middle of a write transaction."""
    other = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def _statuses(db_path: Path) -> list[str]:
    with Store.open(db_path, "reader", read_only=True) as reader:
        return [claim.status for claim in reader.claims(1)]


async def test_a_mark_under_another_programs_lock_waits_off_the_ui_thread(
    sample_store: Store, db_path: Path
) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        other = _hold_write_lock(db_path)
        try:
            # The UI thread's own wait for a lock is bounded at 200 ms, not SQLite's 10 s.
            assert sample_store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 200
            await pilot.press("v")
            await pilot.press("j")  # the screen still answers keys meanwhile
            messages = [str(n.message) for n in app._notifications]
            assert WAITING in messages, messages
            assert app.desk_waiter.pending == 1
        finally:
            other.execute("COMMIT")
            other.close()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.desk_waiter.pending == 0
        assert "saved: the desk is free again" in [str(n.message) for n in app._notifications]
    assert _statuses(db_path)[0] == "verified"


def test_the_cli_says_the_desk_is_busy_not_damaged(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert run("import", str(SAMPLE_ARTICLE), "--db", str(db)).returncode == 0
    other = _hold_write_lock(db)
    try:
        note = tmp_path / "story.txt"
        note.write_text("The council spent 4 million pounds on roads in 2023.\n", "utf-8")
        done = run("import", str(note), "--db", str(db))
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "is busy: another program is writing to it" in err, err
    assert "cannot be used as a database" not in err and "Traceback" not in err


async def test_a_note_the_full_disk_refused_is_not_lost_by_quitting(
    sample_store: Store, db_path: Path
) -> None:
    sample_store.checkpoint()  # -wal emptied: the note's write must grow a file
    app = FactcheckApp(sample_store)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not a killed process
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    note = "Casualty figures: SOHR only; no second source yet."
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.press("n")
            app.screen.query_one(TextArea).text = note
            full = Path(f"{db_path}-wal").stat().st_size  # no file may grow: a full disk
            resource.setrlimit(resource.RLIMIT_FSIZE, (full, hard))  # a full disk
            try:
                await pilot.press("ctrl+s")
                await pilot.pause()
                await pilot.press("ctrl+q")
                await pilot.pause()
            finally:
                resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            assert isinstance(app.screen, YesNoDialog), "ctrl+q quit and lost the note"
            await pilot.press("n")  # stay
            await pilot.press("n")  # the note's draft, offered again
            area = app.screen.query_one(TextArea)
            assert area.text == note
            await pilot.press("ctrl+s")
            await pilot.pause()
    finally:
        signal.signal(signal.SIGXFSZ, previous)
    with Store.open(db_path, "reader", read_only=True) as reader:
        assert reader.claims(1)[0].note == note
