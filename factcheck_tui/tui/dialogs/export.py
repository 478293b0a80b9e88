"""Choose an export's format and file: CSV, a Word copy with comments, an HTML report or
ClaimReview JSON-LD. The file name follows the format chosen until the checker edits it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.output.checked_csv import EXTENSIONS
from factcheck_tui.tui.dialogs.dialog import Dialog

FORMATS: tuple[tuple[str, str], ...] = (
    ("csv", "CSV: one row per claim, for a spreadsheet"),
    ("docx", "Word copy: the article with a comment on each checked claim"),
    ("docx-all", "Word copy, with a 'not checked' comment on each unchecked claim too"),
    ("html", "HTML report: the article tinted by verdict, notes, summary and sources"),
    ("claimreview", "ClaimReview JSON-LD: checked claims as schema.org ClaimReview"),
    ("csv-facts", "CSV of facts: one row per fact, under its claim"),
)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: str


class ExportDialog(Dialog[ExportRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", show=True),
    ]

    def __init__(
        self, title: str, folder: Path, names: dict[str, str], formats: tuple[str, ...]
    ) -> None:
        """`names` is the proposed file name of each format; `formats` those offered."""
        super().__init__(
            title, "↑/↓ choose a format · enter export · tab edits the file name · escape cancel"
        )
        self.folder = folder
        self.names = names
        self.formats = formats
        self.fmt = formats[0]

    def body(self) -> ComposeResult:
        yield OptionList(
            *(Option(label, id=fmt) for fmt, label in FORMATS if fmt in self.formats),
            id="export-format",
        )
        yield Input(str(self.folder / self.names[self.fmt]), id="export-path")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_changed(self, event: OptionList.OptionHighlighted) -> None:
        fmt = event.option.id or self.fmt
        box = self.query_one("#export-path", Input)
        path = Path(box.value)
        if path == self.folder / self.names[self.fmt]:  # untouched: the next proposal
            box.value = str(self.folder / self.names[fmt])
        elif path.suffix.lstrip(".") == EXTENSIONS[self.fmt]:  # edited: only the extension
            box.value = str(path.with_suffix("." + EXTENSIONS[fmt]))
        self.fmt = fmt

    @on(OptionList.OptionSelected, "#export-format")
    def _format_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._submit()

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def _submit(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        if path:
            self.dismiss(ExportRequest(self.fmt, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
