"""Paste an article: the system clipboard's text (if pyperclip can read it) in an editable
area; a terminal paste (ctrl+shift+v) works here too, which is what reaches us over SSH."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, TextArea

from factcheck_tui.core.records.display import without_controls
from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.widgets.styles import shown


def read_system_clipboard() -> tuple[str, str]:
    """(text, problem): the clipboard's text, or "" and why it could not be read."""
    try:
        import pyperclip

        # The clipboard is anyone's text: no control character reaches the TextArea.
        return without_controls(pyperclip.paste() or "", keep_cr=True), ""
    except Exception as error:  # pyperclip raises its own exception types, or OSError
        return (
            "",
            f"system clipboard unavailable ({type(error).__name__}); paste with your terminal",
        )


class PasteArticleDialog(Dialog[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Import article", id="paste.save", show=True),
        Binding("escape", "cancel", "Cancel", id="paste.cancel", show=True),
    ]

    TALL = True

    def __init__(self, text: str = "", problem: str = "") -> None:
        super().__init__(
            "Paste an article: first line the title, then the text",
            "ctrl+s import · escape cancel",
        )
        self.text = text
        self.problem = problem

    def body(self) -> ComposeResult:
        if self.problem:
            yield Label(shown(self.problem), classes="dialog-help")
        yield TextArea(self.text, id="article-text", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        self.dismiss(text if text.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
