"""A change that meets another program's write lock is tried again off the UI thread.

The App's own connection waits only UI_WAIT_MS for a lock (`Store.wait_for_locks`), so a key
press never stalls the screen for SQLite's 10 s busy timeout. A change refused that way
(`DeskBusy`) is said ("waiting for the desk (another program is writing)") and queued here:
one thread worker applies the queued changes in order on a connection of its own, waiting
for the lock as long as GIVE_UP_SECONDS, then says it saved them, or gives up with a line
naming what was not saved. The screens show the saved change through their live refresh
(another connection's commit changes PRAGMA data_version). Quitting while changes wait asks
first (FactcheckApp.action_quit).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from factcheck_tui.core.records.errors import DatabaseError, DeskBusy
from factcheck_tui.tui.jobs import run_job

if TYPE_CHECKING:
    from textual.app import App

    from factcheck_tui.core.records.change import Change
    from factcheck_tui.core.store import Store

UI_WAIT_MS = 200
GIVE_UP_SECONDS = 60.0
WAITING = "waiting for the desk (another program is writing)"


class DeskWaiter:
    """The App's queue of changes waiting for the desk's write lock."""

    def __init__(self, app: App[Any], store: Store) -> None:
        self.app = app
        self.store = store
        self._queue: deque[tuple[Change[Any], Callable[[], None] | None]] = deque()
        self._lock = threading.Lock()
        self._running = False

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)  # the one being tried stays first in it until saved

    def retry(self, error: DeskBusy, on_saved: Callable[[], None] | None = None) -> None:
        """Queue the change `error` carries (nothing to retry: say the error)."""
        change = error.change
        if change is None:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.notify(WAITING, severity="warning", markup=False, timeout=8)
        with self._lock:
            self._queue.append((change, on_saved))  # type: ignore[arg-type]
            if self._running:
                return
            self._running = True
        run_job(self.app, self._drain, name="saving to the desk", group="desk-wait")

    def _drain(self) -> None:
        try:
            with self.store.another_connection() as writer:
                while True:
                    with self._lock:
                        if not self._queue:
                            return
                        change, on_saved = self._queue[0]
                    self._apply(writer, change)
                    with self._lock:
                        self._queue.popleft()
                    self.app.call_from_thread(self._saved, on_saved)
        except BaseException:
            with self._lock:
                lost = len(self._queue)
                self._queue.clear()
            if lost > 1:
                self.app.call_from_thread(
                    self.app.notify,
                    f"{lost} changes were not saved: make them again",
                    severity="error",
                )
            raise
        finally:
            with self._lock:
                self._running = False

    @staticmethod
    def _apply(writer: Store, change: Change[Any]) -> None:
        give_up = time.monotonic() + GIVE_UP_SECONDS
        while True:
            try:
                writer.apply(change)
                return
            except DeskBusy:
                if time.monotonic() >= give_up:
                    raise DatabaseError(
                        f"the desk stayed busy for {GIVE_UP_SECONDS:g} s (another program is "
                        "writing): the change was not saved; make it again"
                    ) from None

    def _saved(self, on_saved: Callable[[], None] | None) -> None:
        self.app.notify("saved: the desk is free again", markup=False)
        if on_saved is not None:
            on_saved()
