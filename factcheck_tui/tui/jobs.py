"""Jobs in the TUI: work run in a thread worker of the App, named for what it does (an
import, an export, link-all). However a job ends, the App hears it (`JobEnded`, handled in
FactcheckApp.on_job_ended: the one place a failed job becomes a notification and its dialog
closes), so no job fails silently and no dialog outlives its job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.message import Message
from textual.screen import Screen


class JobEnded(Message):
    """A job is over: `error` is what escaped it (None when it finished), `dialog` the screen
    shown while it ran (its progress dialog), if any."""

    def __init__(self, name: str, error: Exception | None, dialog: Screen[Any] | None) -> None:
        super().__init__()
        self.name = name
        self.error = error
        self.dialog = dialog


def run_job(
    app: App[Any],
    work: Callable[[], None],
    *,
    name: str,
    group: str,
    dialog: Screen[Any] | None = None,
) -> None:
    """Run `work` in a thread worker of `app`; `name` says what it does in a failure's line."""

    def run() -> None:
        error: Exception | None = None
        try:
            work()
        except Exception as failure:  # a refusal or a bug: the App names it either way
            error = failure
        finally:
            app.post_message(JobEnded(name, error, dialog))

    app.run_worker(run, name=name, group=group, thread=True, exit_on_error=False)
