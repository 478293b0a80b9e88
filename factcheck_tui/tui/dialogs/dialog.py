"""The frame every dialog shares: a title line, what it asks, and the line of keys that answer
it, always last (so a dialog never hides how to leave it)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from factcheck_tui.tui.widgets.styles import shown

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer]):
    """A modal question; subclasses yield what they ask from `body` and keep their keys."""

    TALL: ClassVar[bool] = False

    def __init__(self, title: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall" if self.TALL else "dialog"):
            yield Label(shown(self.title_text), classes="dialog-title")
            yield from self.body()
            yield Label(shown(self.hint), classes="dialog-help", id="dialog-hint")

    def body(self) -> ComposeResult:
        """The dialog's own widgets, between its title and its keys."""
        yield from ()
