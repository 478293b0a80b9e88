"""A progress bar for long work in a worker (imports, link-all); Escape asks it to stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, ProgressBar

from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.jobs import run_job


class ProgressDialog(Dialog[None]):
    """The worker calls `advance(done, total)` (through call_from_thread) and polls
    `cancelled` (a threading.Event, safe to read from the worker)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="progress.cancel", show=True),
    ]

    def __init__(self, title: str) -> None:
        super().__init__(title, "escape cancels")
        self.cancelled = threading.Event()

    def body(self) -> ComposeResult:
        yield ProgressBar(total=None, show_eta=True, id="progress")

    def advance(self, done: float, total: float) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def action_cancel(self) -> None:
        self.cancelled.set()
        self.query_one("#dialog-hint", Label).update("cancelling…")


def run_with_progress(
    app: App[Any], title: str, work: Callable[[ProgressDialog], None], group: str
) -> None:
    """Show a ProgressDialog and run `work(dialog)` as a job named `title` (tui/jobs.py); the
    work reports through `dialog.advance` and polls `dialog.cancelled`. However the work
    ends, the App closes the dialog with it and names a failure."""
    progress = ProgressDialog(title)
    app.push_screen(progress)
    run_job(app, lambda: work(progress), name=title, group=group, dialog=progress)
