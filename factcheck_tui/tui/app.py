"""The factcheck App: owns the store and the config, opens the article list, and little else."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from factcheck_tui.core.config import Config, save_theme
from factcheck_tui.core.records.display import printable, without_controls
from factcheck_tui.core.records.errors import FactcheckError, unexpected_failure
from factcheck_tui.core.records.models import counted
from factcheck_tui.core.store import Store
from factcheck_tui.tui.commands import BindingCommands
from factcheck_tui.tui.jobs import JobEnded
from factcheck_tui.tui.sizes import SHORT_BELOW_ROWS

SWITCH_INTERVAL = 0.001
# After SIGHUP or SIGTERM, the most the orderly shutdown may take before the process ends
# anyway (the desk is checkpointed before the shutdown starts).
EXIT_GRACE_SECONDS = 10.0


class FactcheckApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "factcheck"
    COMMANDS = App.COMMANDS | {BindingCommands}
    # Not annotated ClassVar: Textual declares it on App as an instance variable (mypy).
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-short"),
        (SHORT_BELOW_ROWS, "-tall"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="app.help", show=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=True, priority=True),
    ]

    def __init__(
        self, store: Store, config: Config | None = None, *, practice: bool = False
    ) -> None:
        """`practice`: the store is the demo's practice copy (`factcheck --demo`)."""
        super().__init__()
        self.store = store
        self.practice = practice
        self.config = config or Config()
        store.scale = self.config.scale
        self._theme_ready = False
        # The signal (SIGHUP, SIGTERM) that ended the app, if one did: launch exits 128 + it.
        self.stopped_by_signal: int | None = None
        from factcheck_tui.tui.desk_wait import DeskWaiter

        # Changes that met another program's write lock, tried again off the UI thread.
        self.desk_waiter = DeskWaiter(self, store)

    def get_default_screen(self) -> Screen[Any]:
        """The article list is the base screen: no blank screen is built first."""
        from factcheck_tui.tui.screens.article_list import ArticleListScreen

        return ArticleListScreen()

    def on_mount(self) -> None:
        import sys

        # The suggestions worker (matching in Python between SQLite calls) competes with this
        # thread for the GIL; every time the UI thread comes back from the terminal it waits
        # up to one switch interval for it. 1 ms instead of Python's 5 keeps a key press at
        # its latency while suggestions load (benchmarks/big_desk.py --keys).
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._quit_on_hangup_and_terminate()
        from factcheck_tui.tui.desk_wait import UI_WAIT_MS

        with contextlib.suppress(sqlite3.Error):
            self.store.wait_for_locks(UI_WAIT_MS)  # never 10 s on the UI thread
        if self.config.keys:
            self._apply_keymap(self.config.keys)
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._theme_ready = True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app (screens' and widgets' `notify` come here) is
        plain text with its control and bidi characters shown (core/records/display.py): file names,
        report fields and error lines in it are data, never markup or escape sequences."""
        del markup  # never: a message quoting a file or a report is not ours to parse
        super().notify(
            printable(str(message)),
            title=printable(str(title)),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def on_job_ended(self, event: JobEnded) -> None:
        """The one place a job's end is seen (tui/jobs.py): its dialog closes, and a failure
        becomes one notification, a refusal (`FactcheckError`) as its own line, anything else
        as the failure it is."""
        dialog = event.dialog
        # Only the dialog still shown: the job may have closed it and opened another screen.
        if dialog is not None and dialog.is_attached and self.screen is dialog:
            dialog.dismiss()
        if isinstance(event.error, FactcheckError):
            self.notify(str(event.error), severity="error")
        elif event.error is not None:
            failure = unexpected_failure(event.name, event.error)
            self.log.error(failure)
            self.notify(failure, severity="error")

    async def on_event(self, event: events.Event) -> None:
        """A terminal paste reaches the inputs without control characters: an Input or
        TextArea draws what it holds as it is, and a page copied from the web may carry
        escape sequences."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event.text = without_controls(event.text, keep_cr=True)
        await super().on_event(event)

    def _apply_keymap(self, keys: dict[str, str]) -> None:
        """The config's `[keys]`, less the entries that cannot work, each named in a warning
        (`factcheck` refuses such a config before starting; an app given one still opens)."""
        from factcheck_tui.tui.keys import keymap_problems

        problems = keymap_problems(keys)
        where = f"config {self.config.path}: " if self.config.path else "config: "
        for line in problems.values():
            self.notify(where + line, severity="warning", timeout=10)
        keys = {binding: value for binding, value in keys.items() if binding not in problems}
        self.set_keymap(keys)

    def watch_theme(self, theme: str) -> None:
        # Remember a theme chosen in the palette; the one loaded at start needs no saving.
        if self._theme_ready and self.config.path is not None:
            try:
                save_theme(theme, Path(self.config.path))
            except OSError as error:
                self.notify(f"theme not saved: {error.strerror}", severity="warning", markup=False)

    def _quit_on_hangup_and_terminate(self) -> None:
        """Closing the terminal (SIGHUP) or `kill` (SIGTERM) quits as ctrl+q does: the note
        being typed is saved, the terminal restored (Textual's driver leaves the alternate
        screen and turns mouse reporting off as the app exits), and every mark is
        checkpointed into the database file. The handler runs on the event loop (asyncio's
        add_signal_handler), never inside whatever the loop was doing."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for number in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(number, self._quit_on_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
                return

    def _quit_on_signal(self, number: int) -> None:
        """Save what is being typed and checkpoint the desk first, then exit: when the
        terminal itself is gone, Textual's shutdown can block writing to it, so by then every
        mark and the note are already in the database file; and a watchdog ends the process
        if the shutdown has not within EXIT_GRACE_SECONDS (it never outlives its terminal)."""
        if self.stopped_by_signal is not None:
            return
        self.stopped_by_signal = number
        self._save_typed_text()
        with contextlib.suppress(Exception):
            self.store.checkpoint()
        watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(128 + number,))
        watchdog.daemon = True
        watchdog.start()
        self.exit()

    def _save_typed_text(self) -> None:
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        for screen in reversed(self.screen_stack):
            if isinstance(screen, TextEditDialog):
                screen.keep_unsaved()

    async def action_quit(self) -> None:
        """Quit; a note being typed is saved first, as every other change already is. What
        the desk could not save (a note on a full disk, changes waiting for another
        program's lock) is never lost silently: quitting asks first."""
        from factcheck_tui.tui.dialogs.yes_no import YesNoDialog

        self._save_typed_text()
        notes = sum(len(getattr(screen, "unsaved_notes", ())) for screen in self.screen_stack)
        waiting = self.desk_waiter.pending
        if not (notes or waiting) or isinstance(self.screen, YesNoDialog):
            self.exit()
            return
        lost = ", ".join(
            part
            for part in (
                counted(notes, "note") + " not saved" if notes else "",
                counted(waiting, "change") + " waiting for the desk" if waiting else "",
            )
            if part
        )

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            YesNoDialog(
                f"Quit and lose them? {lost}",
                "The desk could not save them yet (a full disk, or another program writing); "
                "n stays, and n on the claim reopens a note's draft.",
                "quit anyway",
                "stay",
            ),
            answered,
        )

    def action_help(self) -> None:
        from factcheck_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))
