"""One search dialog for the desk and the prior reports: type, see results as you type
(searched in a worker, a newer query cancelling the older), enter chooses. A subclass says
what it searches (`search`, in the worker thread), how a result reads (`prompt`) and its
words and keys."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from factcheck_tui.tui.jobs import run_job


class SearchDialog(ModalScreen[Any]):
    """Dismisses with the chosen result, or None."""

    PLACEHOLDER: ClassVar[str]
    HELP: ClassVar[str]
    RESULTS_ID: ClassVar[str]
    # Shown when a query finds nothing ("" shows an empty list).
    NOTHING_FOUND: ClassVar[str] = ""

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.results: list[Any] = []

    def title_text(self) -> str:
        raise NotImplementedError

    def search(self, query: str) -> list[Any]:
        """The results of a query (runs in a worker thread)."""
        raise NotImplementedError

    def prompt(self, result: Any) -> Text:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            yield Label(self.title_text(), classes="dialog-title")
            yield Input(self.query_text, placeholder=self.PLACEHOLDER, id="query")
            yield OptionList(id=self.RESULTS_ID)
            yield Label(self.HELP, classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self._search(self.query_text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, query: str) -> None:
        def work() -> None:
            results = self.search(query) if query.strip() else []
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show, query, results)

        run_job(self, work, name="search", group="search", exclusive=True)

    def _show(self, query: str, results: list[Any]) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.results = results
        options = self.query_one(OptionList)
        if not results and self.NOTHING_FOUND:
            message = self.NOTHING_FOUND if query.strip() else ""
            options.set_options([Option(Text(message, style="dim"), disabled=True)])
            return
        options.set_options(Option(self.prompt(result)) for result in results)
        if results:
            options.highlighted = 0

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and index < len(self.results):
            self.dismiss(self.results[index])

    def action_focus_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
