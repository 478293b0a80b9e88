"""The audit trail: every change of one claim, or of the whole desk, latest first."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from factcheck_tui.core.desk.event_text import event_values
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.store import Store
from factcheck_tui.tui.widgets.styles import shown

HISTORY_LIMIT = 500


class HistoryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", id="history.back", show=True),
    ]

    def __init__(self, claim_id: int | None) -> None:
        super().__init__()
        self.claim_id = claim_id

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined]

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
        # Fixed widths so long notes and claim texts wrap inside their cell (rows grow)
        # instead of being cut: the history is read, not skimmed.
        fixed = {"When (UTC)": 19, "Who": 10, "Action": 14}
        room = max(self.app.size.width - sum(fixed.values()) - 6 * 2 - 2, 30)
        # One claim's history repeats its text (earlier drafts aside): a narrower column.
        claim_width = room // (5 if self.claim_id is not None else 3)
        value_width = (room - claim_width) // 2
        for name, width in (
            ("When (UTC)", fixed["When (UTC)"]),
            ("Who", fixed["Who"]),
            ("Claim", claim_width),
            ("Action", fixed["Action"]),
            ("Old", value_width),
            ("New", value_width),
        ):
            table.add_column(name, width=width)
        texts: dict[int, str] = {}
        for event in events:
            table.add_row(*self._cells(event, texts), height=None)
        table.focus()

    def _claim_text(self, claim_id: int | None, texts: dict[int, str]) -> str:
        if claim_id is None:
            return ""
        if claim_id not in texts:
            try:
                texts[claim_id] = self.store.claim(claim_id).text
            except FactcheckError:
                texts[claim_id] = "(a claim since removed)"
        return texts[claim_id]

    def _cells(self, event: Event, texts: dict[int, str]) -> list[Text]:
        from factcheck_tui.core.db.report_lookup import report_headline

        action = event.action.replace("_", " ")
        if event.undone_by:
            action += " (undone)"
        old, new = event_values(
            event, self.store.scale, lambda report_id: report_headline(self.store.conn, report_id)
        )
        claim = self._claim_text(event.claim_id, texts)
        if event.claim_id is None and event.article_id is not None:
            claim = f"article #{event.article_id}"
        cells = [
            Text(event.at[:19].replace("T", " ")),
            Text(event.checker),
            Text(claim),
            Text(action, style="dim" if event.undone_by else ""),
            Text(old),
            Text(new),
        ]
        # Names and values another checker typed are data: shown, never run (core/display).
        return [shown(cell) for cell in cells]

    def action_back(self) -> None:
        self.dismiss()
