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

import contextlib
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from factcheck_tui.core.records.errors import (
    ChangeRefused,
    DatabaseError,
    DeskBusy,
    FactcheckError,
)
from factcheck_tui.tui.jobs import run_job

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from factcheck_tui.core.records.change import Change
    from factcheck_tui.core.store import Store

UI_WAIT_MS = 200
GIVE_UP_SECONDS = 60.0
WAITING = "waiting for the desk (another program is writing)"


@contextlib.contextmanager
def refusals_shown(owner: Widget, on_saved: Callable[[], None] | None = None) -> Iterator[None]:
    """Around `store.apply(...)` (or an undo) and what follows it, in a screen or dialog: a
    refused change becomes a notification, never a crash, and the rest of the block is
    skipped. A change that met another program's lock is tried again off the UI thread
    (DeskWaiter below), and `on_saved` runs once it is saved."""
    try:
        yield
    except DeskBusy as error:
        owner.app.desk_waiter.retry(error, on_saved)  # type: ignore[attr-defined]
    except ChangeRefused as error:  # the claim or the desk's rules say no: a warning
        owner.notify(str(error), severity="warning", markup=False)
    except FactcheckError as error:
        owner.notify(str(error), severity="error", markup=False)
    except sqlite3.Error as error:  # a damaged or vanished file: say so, keep running
        owner.notify(f"database error: {error}", severity="error", markup=False)


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
