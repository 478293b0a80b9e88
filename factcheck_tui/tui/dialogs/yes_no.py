"""A yes/no question (is this import a new draft of that article?): `y`, `n`, or Escape."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label

from factcheck_tui.tui.dialogs.dialog import Dialog


class YesNoDialog(Dialog[bool | None]):
    """Dismissed with True (`y`), False (`n`) or None (Escape: neither, do nothing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="yes_no.yes", show=True),
        Binding("n", "answer(False)", "No", id="yes_no.no", show=True),
        Binding("escape", "cancel", "Cancel", id="yes_no.cancel", show=True),
    ]

    def __init__(self, question: str, detail: str, yes: str, no: str) -> None:
        super().__init__(question, f"y {yes} · n {no} · escape cancel")
        self.detail = detail

    def body(self) -> ComposeResult:
        if self.detail:
            yield Label(self.detail, classes="dialog-claim", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
