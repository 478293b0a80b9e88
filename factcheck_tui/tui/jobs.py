"""Jobs in the TUI: every worker of the app (imports, exports, link-all, searches, the claim
suggestions) runs through `run_job`. However a job ends, the App hears it (`JobEnded`,
handled in FactcheckApp.on_job_ended: the one place a failed job becomes a notification and
its dialog closes), so no worker fails silently and no dialog outlives its job. The failure
is caught in the worker rather than left in Textual's ERROR state: Worker.StateChanged
reaches only the worker's own node, and a failed worker makes `workers.wait_for_complete()`
raise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode
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
    owner: DOMNode,
    work: Callable[[], None],
    *,
    name: str,
    group: str,
    exclusive: bool = False,
    dialog: Screen[Any] | None = None,
) -> None:
    """Run `work` in a thread worker of `owner` (the App, or the screen whose work it is, so
    that it is cancelled with the screen); `name` says what it does in a failure's line, and
    `exclusive` cancels the group's running workers of the same owner."""
    app = owner.app

    def run() -> None:
        error: Exception | None = None
        try:
            work()
        except Exception as failure:  # a refusal or a bug: the App names it either way
            error = failure
        finally:
            app.post_message(JobEnded(name, error, dialog))

    owner.run_worker(
        run, name=name, group=group, thread=True, exclusive=exclusive, exit_on_error=False
    )
