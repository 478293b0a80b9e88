"""Find any prior fact-check report by typing (the matching core: FTS5 candidates, reranked
with rapidfuzz), and link the chosen one to the claim the screen was opened from."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from factcheck_tui.core.store import Store
from factcheck_tui.tui.clipboard import copy_url
from factcheck_tui.tui.widgets.styles import shown

RESULTS = 20
SEARCH_MIN_SCORE = 5.0


def result_prompt(report: Any) -> Text:
    prompt = Text()
    prompt.append(f"{report.score:.0f} ", style="bold")
    prompt.append(f"{report.rating or 'unrated'}", style="bold")
    prompt.append(f" · {report.publisher or '?'} · {report.date or 'undated'}\n   ")
    prompt.append(report.claim_text)
    return shown(prompt)


class ReportSearchScreen(ModalScreen[Any]):
    """Dismisses with the chosen report (a match.Suggestion), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="reports.close", show=True),
        Binding("ctrl+y", "copy_url", "Copy report URL", id="reports.copy_url", show=True),
        Binding("down", "focus_results", "Results", id="reports.results", show=False),
    ]

    def __init__(self, reader: Store, query: str = "", *, for_claim: str = "") -> None:
        super().__init__()
        self.reader = reader
        self.query_text = query
        self.for_claim = for_claim
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            title = "Search prior fact-checks"
            if self.for_claim:
                title += " — enter links the chosen report to the claim"
            yield Label(title, classes="dialog-title")
            yield Input(self.query_text, placeholder="type words of the claim", id="query")
            yield OptionList(id="report-results")
            yield Label(
                "enter choose · ↓ results · ctrl+y copy URL · escape close", classes="dialog-help"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self._search(self.query_text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="report-search", exit_on_error=False)
    def _search(self, query: str) -> None:
        from factcheck_tui.core.matching.match import match

        # A typed search wants any report that shares a word, not only suggestion-grade ones.
        results = (
            match(self.reader, query, RESULTS, min_score=SEARCH_MIN_SCORE) if query.strip() else []
        )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, results)

    def _show(self, query: str, results: list[Any]) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.results = results
        options = self.query_one(OptionList)
        options.set_options(Option(result_prompt(r)) for r in results)
        if results:
            options.highlighted = 0

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected, "#report-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and index < len(self.results):
            self.dismiss(self.results[index])

    def action_focus_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_copy_url(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.results) or not self.results[index].url:
            self.notify("No report URL to copy")
            return
        copy_url(self.app, self.results[index].url)

    def action_cancel(self) -> None:
        self.dismiss(None)
