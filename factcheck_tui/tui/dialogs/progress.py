"""A progress bar for long work in a worker (imports, link-all); Escape asks it to stop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, ProgressBar

from factcheck_tui.core.records.errors import FactcheckError, unexpected_failure
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
    screen: Screen[Any], title: str, work: Callable[[ProgressDialog], None], group: str
) -> None:
    """Show a ProgressDialog and run `work(dialog)` in a thread worker of `screen`; the work
    reports through `dialog.advance`, polls `dialog.cancelled` and dismisses the dialog.

    However the work ends, the dialog ends with it: a refusal (`FactcheckError`) that escapes
    the work is shown as its one line, anything else as the failure it is, and a dialog the
    work left open is closed. No dialog stays on screen after its worker."""
    progress = ProgressDialog(title)
    app = screen.app
    app.push_screen(progress)

    def finish(message: str | None) -> None:
        close(progress)
        if message is not None:
            screen.notify(message, severity="error", markup=False)

    def run() -> None:
        # Whatever escapes the work (a refusal, or a bug: MemoryError, RecursionError) still
        # closes the dialog with the reason, instead of leaving a progress bar that never moves.
        message: str | None = None
        try:
            work(progress)
        except FactcheckError as error:
            message = str(error)
        except Exception as error:
            message = unexpected_failure(title, error)
            app.log.error(message)
        finally:
            app.call_from_thread(finish, message)

    screen.run_worker(run, thread=True, group=group, exit_on_error=False)


def close(progress: ProgressDialog) -> None:
    """Dismiss the dialog if it is still the screen shown (the work may have dismissed it
    already; a dialog pushed over it is not dismissed in its place)."""
    if progress.is_attached and progress.app.screen is progress:
        progress.dismiss()
