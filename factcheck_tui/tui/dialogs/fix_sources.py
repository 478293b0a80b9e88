"""Pick one of a claim's sources or linked reports to correct or remove (`x`): a mistake
found later is fixed on its own, not by undoing everything made after it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.records.models import LinkedReport, Source
from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.widgets.styles import shown


@dataclass(frozen=True, slots=True)
class FixAnswer:
    action: str  # "edit" (a source) or "remove" (a source or a link)
    source: Source | None = None
    link: LinkedReport | None = None


def item_prompt(item: Source | LinkedReport) -> Text:
    prompt = Text()
    if isinstance(item, Source):
        prompt.append("source  ", style="bold")
        prompt.append(item.describe())
    else:
        prompt.append("linked  ", style="bold")
        prompt.append(f"{item.rating or 'unrated'} · {item.publisher or '?'} · {item.url}")
        prompt.append(f"\n        {item.claim_text}", style="dim")
    return shown(prompt)


class FixSourcesDialog(Dialog[FixAnswer | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "edit", "Edit source", id="fix.edit", show=True, priority=True),
        Binding("d,delete", "remove", "Remove", id="fix.remove", show=True),
        Binding("escape", "cancel", "Cancel", id="fix.cancel", show=True),
    ]

    def __init__(self, claim_text: str, items: list[Source | LinkedReport]) -> None:
        super().__init__(
            "Sources and links of the claim",
            "e or enter edit the source · d remove the source or link · escape cancel "
            "(each change is one ctrl+z)",
        )
        self.claim_text = claim_text
        self.items = items

    def body(self) -> ComposeResult:
        yield Label(self.claim_text, classes="dialog-claim", markup=False)
        yield OptionList(*(Option(item_prompt(item)) for item in self.items), id="fixes")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _current(self) -> Source | LinkedReport | None:
        index = self.query_one(OptionList).highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def action_edit(self) -> None:
        item = self._current()
        if isinstance(item, Source):
            self.dismiss(FixAnswer("edit", source=item))
        elif item is not None:
            self.notify("A link has nothing to edit: d removes it, then l or R links another")

    def action_remove(self) -> None:
        item = self._current()
        if isinstance(item, Source):
            self.dismiss(FixAnswer("remove", source=item))
        elif item is not None:
            self.dismiss(FixAnswer("remove", link=item))

    def action_cancel(self) -> None:
        self.dismiss(None)
