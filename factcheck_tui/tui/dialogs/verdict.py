"""Pick any verdict of the desk's rating scale (v and u give its first positive/negative)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.widgets.styles import ICON_STYLES, KIND_ICONS, shown


class VerdictDialog(Dialog[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="verdict.cancel", show=True),
    ]

    def __init__(self, scale: Scale) -> None:
        super().__init__(f"Verdict ({scale.name} scale)", "enter choose · escape cancel")
        self.scale = scale

    def body(self) -> ComposeResult:
        yield OptionList(
            *(
                Option(
                    shown(Text.assemble((f"{KIND_ICONS[v.kind]} ", ICON_STYLES[v.kind]), v.label)),
                    id=v.id,
                )
                for v in self.scale.verdicts
            ),
            id="verdicts",
        )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
