"""A yes/no question (replace a file?): `y` or enter says yes, `n` or escape says no."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from factcheck_tui.tui.dialogs.dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes", show=True),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", show=True),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(question, "y yes · n or escape no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
