"""The audit trail: every change of one claim, or of the whole desk, latest first."""

from __future__ import annotations

import json
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from factcheck_tui.core.models import Event
from factcheck_tui.core.store import Store
from factcheck_tui.tui.widgets.styles import shown

HISTORY_LIMIT = 500


def describe_value(raw: str | None) -> str:
    """A short readable form of an event's JSON value."""
    if raw is None:
        return ""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:  # written by another tool: shown as it is (made printable)
        return raw
    if value is None:
        return "—"
    if isinstance(value, str):
        return value or "(empty)"
    if isinstance(value, dict):
        if "reference" in value:
            return f"{value.get('tier', '')} {value.get('kind', '')} {value['reference']}"
        if "text" in value and "status" in value:
            return f"{value['status']}: {value['text'][:60]}"
        return ", ".join(f"{k}={v}" for k, v in value.items() if not isinstance(v, list | dict))
    return str(value)


class HistoryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="history.back", show=True),
    ]

    def __init__(self, claim_id: int | None) -> None:
        super().__init__()
        self.claim_id = claim_id

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined,no-any-return]

    def compose(self) -> ComposeResult:
        yield Static(id="list-title", markup=False)
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        events = self.store.events(claim_id=self.claim_id, limit=HISTORY_LIMIT, lineage=True)
        if self.claim_id is None:
            heading = Text(
                f"Desk history — latest {len(events)} changes, newest first", style="bold"
            )
        else:
            heading = Text("History of claim: ", style="bold")
            heading.append(self.store.claim(self.claim_id).text)
        self.query_one(Static).update(shown(heading))
        table = self.query_one(DataTable)
        table.add_columns("When (UTC)", "Who", "Article", "Claim", "Action", "Old", "New")
        for event in events:
            table.add_row(*self._cells(event))
        table.focus()

    @staticmethod
    def _cells(event: Event) -> list[Text]:
        action = event.action.replace("_", " ")
        if event.undone_by:
            action += " (undone)"
        cells = [
            Text(event.at[:19].replace("T", " ")),
            Text(event.checker),
            Text(str(event.article_id or "")),
            Text(str(event.claim_id or "")),
            Text(action, style="dim" if event.undone_by else ""),
            Text(describe_value(event.old_value)[:60]),
            Text(describe_value(event.new_value)[:60]),
        ]
        # Names and values another checker typed are data: shown, never run (core/display).
        return [shown(cell) for cell in cells]

    def action_back(self) -> None:
        self.dismiss()
