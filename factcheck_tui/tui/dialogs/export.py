"""Choose an export's format and file: CSV, a spreadsheet, a Word copy with comments, an HTML
report or ClaimReview JSON-LD. The file name follows the format chosen until the checker edits
it. Two options, toggled by key while the format list has the focus: `c` checked claims only
(CSV and spreadsheet: the CLI's `--status checked`) and `b` the byte-order mark Excel needs to
read a CSV as UTF-8 (the CLI's `--excel`); a format they do not apply to says so on their
line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.output.checked_csv import EXTENSIONS
from factcheck_tui.tui.dialogs.dialog import Dialog

FORMATS: tuple[tuple[str, str], ...] = (
    ("csv", "CSV: one row per claim, for a spreadsheet"),
    ("xlsx", "Spreadsheet (.xlsx): the CSV's columns, opens as is"),
    ("docx", "Word copy: the article with a comment on each checked claim"),
    ("docx-all", "Word copy, with a 'not checked' comment on each unchecked claim too"),
    ("html", "HTML report: the article tinted by verdict, notes, summary and sources"),
    ("claimreview", "ClaimReview JSON-LD: checked claims as schema.org ClaimReview"),
    ("csv-facts", "CSV of facts: one row per fact, under its claim"),
)


# The formats each option applies to.
CHECKED_ONLY_FORMATS = ("csv", "xlsx", "csv-facts")
BOM_FORMATS = ("csv", "csv-facts")


@dataclass(frozen=True, slots=True)
class ExportRequest:
    fmt: str
    path: str
    checked_only: bool = False  # only claims with a verdict (CSV, spreadsheet)
    bom: bool = False  # a UTF-8 byte-order mark first (CSV), for Excel


class ExportDialog(Dialog[ExportRequest | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", show=True),
        Binding("c", "toggle_checked_only", "Checked only", id="export.checked_only", show=False),
        Binding("b", "toggle_bom", "Byte-order mark", id="export.bom", show=False),
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
        self.checked_only = False
        self.bom = False

    def body(self) -> ComposeResult:
        yield OptionList(
            *(Option(label, id=fmt) for fmt, label in FORMATS if fmt in self.formats),
            id="export-format",
        )
        yield Label(self._options_text(), id="export-options", markup=False)
        yield Input(str(self.folder / self.names[self.fmt]), id="export-path")

    def _options_text(self) -> str:
        """`[x] c checked claims only   [ ] b byte-order mark for Excel`, each with what it
        does for the format highlighted."""
        checked = "[x]" if self.checked_only else "[ ]"
        bom = "[x]" if self.bom else "[ ]"
        first = f"{checked} c checked claims only"
        if self.fmt not in CHECKED_ONLY_FORMATS:
            first += " (CSV and spreadsheet)"
        second = f"{bom} b byte-order mark for Excel"
        if self.fmt not in BOM_FORMATS:
            second += " (CSV only)"
        return f"{first}   {second}"

    def _show_options(self) -> None:
        self.query_one("#export-options", Label).update(self._options_text())

    def action_toggle_checked_only(self) -> None:
        self.checked_only = not self.checked_only
        self._show_options()

    def action_toggle_bom(self) -> None:
        self.bom = not self.bom
        self._show_options()

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
        self._show_options()

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
            self.dismiss(
                ExportRequest(
                    self.fmt,
                    path,
                    checked_only=self.checked_only and self.fmt in CHECKED_ONLY_FORMATS,
                    bom=self.bom and self.fmt in BOM_FORMATS,
                )
            )

    def action_cancel(self) -> None:
        self.dismiss(None)
