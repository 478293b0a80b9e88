"""Every worker of the TUI runs through tui/jobs.run_job, so a failure anywhere becomes one
notification (FactcheckApp.on_job_ended) instead of a worker failing silently."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input

from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.desk_search import DeskSearchScreen

TUI = Path(__file__).resolve().parent.parent / "factcheck_tui" / "tui"
SIZE = (140, 40)


def error_notifications(app: FactcheckApp) -> list[str]:
    return [note.message for note in app._notifications if note.severity == "error"]


def test_no_worker_is_started_outside_run_job() -> None:
    starts = re.compile(r"@work\b|\brun_worker\(")
    found = [
        path.relative_to(TUI).as_posix()
        for path in TUI.rglob("*.py")
        if path.name != "jobs.py" and starts.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


async def test_a_failed_search_worker_is_notified(sample_store: Store, db_path: Path) -> None:
    """The desk search's worker opens its own connection on the first query: with the desk
    file gone from under it, that fails, and the App says so."""
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("F")
        assert isinstance(app.screen, DeskSearchScreen)
        db_path.rename(db_path.with_name("moved.db"))
        app.screen.query_one(Input).value = "45 killed"
        await pilot.pause()  # the Changed message starts the search worker
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DeskSearchScreen)
        assert error_notifications(app) == [f"no database at {db_path}"]


async def test_a_failed_suggestions_worker_is_notified(sample_store: Store, db_path: Path) -> None:
    """Each suggestions worker opens a connection of its own: with the desk file gone, the
    article still opens (on the App's connection) and the failure is named."""
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        db_path.rename(db_path.with_name("moved.db"))
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.article_id  # type: ignore[attr-defined]
        assert error_notifications(app) == [f"no database at {db_path}"]
