"""Find any prior fact-check report by typing (the matching core: FTS5 candidates, reranked
with rapidfuzz), and link the chosen one to the claim the screen was opened from."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from factcheck_tui.core.store import Store
from factcheck_tui.tui.clipboard import copy_url
from factcheck_tui.tui.screens.search_dialog import SearchDialog
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


class ReportSearchScreen(SearchDialog):
    """Dismisses with the chosen report (a matching.reasons.Suggestion), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="reports.close", show=True),
        Binding("ctrl+y", "copy_url", "Copy report URL", id="reports.copy_url", show=True),
        Binding("down", "focus_results", "Results", id="reports.results", show=False),
    ]
    PLACEHOLDER = "type words of the claim"
    HELP = "enter choose · ↓ results · ctrl+y copy URL · escape close"
    RESULTS_ID = "report-results"

    def __init__(self, reader: Store, query: str = "", *, for_claim: str = "") -> None:
        super().__init__(query)
        self.reader = reader
        self.for_claim = for_claim

    def title_text(self) -> str:
        title = "Search prior fact-checks"
        if self.for_claim:
            title += " — enter links the chosen report to the claim"
        return title

    def search(self, query: str) -> list[Any]:
        from factcheck_tui.core.matching.match import search_reports

        # A typed search wants any report that shares a word, not only suggestion-grade ones.
        return search_reports(self.reader, query, RESULTS, min_score=SEARCH_MIN_SCORE)

    def prompt(self, result: Any) -> Text:
        return result_prompt(result)

    def action_copy_url(self) -> None:
        index = self.query_one("#report-results", OptionList).highlighted
        if index is None or index >= len(self.results) or not self.results[index].url:
            self.notify("No report URL to copy")
            return
        copy_url(self.app, self.results[index].url)
