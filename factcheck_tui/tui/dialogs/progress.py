"""A progress bar for long work in a worker (imports, link-all); Escape asks it to stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, ProgressBar

from factcheck_tui.core.errors import unexpected_failure
from factcheck_tui.tui.widgets.styles import shown


class ProgressDialog(ModalScreen[None]):
    """The worker calls `advance(done, total)` (through call_from_thread) and polls
    `cancelled` (a threading.Event, safe to read from the worker)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="progress.cancel", show=True),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title
        self.cancelled = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(shown(self.title_text), classes="dialog-title")
            yield ProgressBar(total=None, show_eta=True, id="progress")
            yield Label("escape cancels", classes="dialog-help", id="progress-help")

    def advance(self, done: float, total: float) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def action_cancel(self) -> None:
        self.cancelled.set()
        self.query_one("#progress-help", Label).update("cancelling…")


def run_with_progress(
    screen: Screen[object], title: str, work: Callable[[ProgressDialog], None], group: str
) -> None:
    """Show a ProgressDialog and run `work(dialog)` in a thread worker of `screen`; the work
    reports through `dialog.advance`, polls `dialog.cancelled` and dismisses the dialog."""
    progress = ProgressDialog(title)
    screen.app.push_screen(progress)

    def guarded() -> None:
        # Whatever escapes the work (a bug, MemoryError, RecursionError) still closes the
        # dialog with the reason, instead of leaving a progress bar that never moves.
        try:
            work(progress)
        except Exception as error:
            screen.app.call_from_thread(close, progress)
            screen.app.call_from_thread(
                screen.notify,
                unexpected_failure(title, error),
                severity="error",
                markup=False,
            )

    screen.run_worker(guarded, thread=True, group=group, exit_on_error=False)


def close(progress: ProgressDialog) -> None:
    """Dismiss the dialog if it is still shown (the work may have dismissed it already)."""
    if progress.is_attached and progress in progress.app.screen_stack:
        progress.dismiss()
