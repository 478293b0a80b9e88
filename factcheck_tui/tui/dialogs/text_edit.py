"""Edit text in a multi-line area: a claim's note, a claim's wording, or where to split it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.document._document import Document
from textual.widgets import Label, TextArea

from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.widgets.styles import shown


class TextEditDialog(Dialog[str | None]):
    """ctrl+s returns the text, escape cancels. Shown text is plain, never markup."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="text.save", show=True),
        Binding("escape", "cancel", "Cancel", id="text.cancel", show=True),
    ]

    def __init__(
        self,
        title: str,
        context: str,
        text: str,
        *,
        help_text: str = "",
        save_on_quit: Callable[[str], None] | None = None,
        keep_draft: Callable[[str], None] | None = None,
    ) -> None:
        """`save_on_quit` keeps the typed text when the app quits with the dialog open (a
        note); without it, quitting drops the text like escape (a half-typed rewording).
        `keep_draft` receives changed text when escape closes the dialog (a note's draft,
        offered again when the dialog reopens), so escape never throws typing away."""
        super().__init__(title, help_text or "ctrl+s save · escape cancel")
        self.context = context
        self.text = text
        self.save_on_quit = save_on_quit
        self.keep_draft = keep_draft

    def keep_unsaved(self) -> None:
        """Called as the app quits: hand changed text to `save_on_quit`."""
        typed = self.query_one(TextArea).text
        if self.save_on_quit is not None and typed != self.text:
            self.save_on_quit(typed)

    def body(self) -> ComposeResult:
        if self.context:
            yield Label(shown(self.context), classes="dialog-claim")
        yield TextArea(self.text, id="edit-text", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        typed = self.query_one(TextArea).text
        if self.keep_draft is not None and typed != self.text:
            self.keep_draft(typed)
        self.dismiss(None)


class SplitDialog(Dialog[int | None]):
    """Move the cursor to where the claim should be cut; ctrl+s returns that character index."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,enter", "split", "Split here", id="split.save", show=True),
        Binding("escape", "cancel", "Cancel", id="split.cancel", show=True),
    ]

    def __init__(self, text: str) -> None:
        super().__init__(
            "Split the claim: move the cursor to where the second claim begins",
            "enter or ctrl+s split · escape cancel",
        )
        self.text = text

    def body(self) -> ComposeResult:
        yield TextArea(
            self.text, id="edit-text", soft_wrap=True, read_only=True, show_line_numbers=False
        )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        # Start at the first clause boundary after the middle, the likeliest cut.
        middle = len(self.text) // 2
        word_start = next(
            (i for i in range(middle, len(self.text)) if self.text[i - 1].isspace()), middle
        )
        cut = min(
            (i + 2 for i, ch in enumerate(self.text) if ch in ",;" and i >= middle),
            default=word_start,
        )
        document = cast(Document, area.document)  # a plain TextArea holds a Document
        area.move_cursor(document.get_location_from_index(min(cut, len(self.text))))

    def action_split(self) -> None:
        area = self.query_one(TextArea)
        document = cast(Document, area.document)
        self.dismiss(document.get_index_from_location(area.cursor_location))

    def action_cancel(self) -> None:
        self.dismiss(None)
