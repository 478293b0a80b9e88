"""`F`: search the whole desk — every claim, note, suggested correction and source of every
article — by typing (core.search: fuzzy and number-aware like matching, newest first), and
open the chosen claim where it is."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from factcheck_tui.core.matching.desk_search import DeskHit
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.core.store import Store
from factcheck_tui.tui.widgets.styles import shown


def hit_prompt(hit: DeskHit, scale: Scale) -> Text:
    prompt = Text()
    prompt.append(scale.label(hit.status), style="bold")
    prompt.append(f" · {hit.article_title}")
    if hit.article_date:
        prompt.append(f" ({hit.article_date})")
    prompt.append(f" · changed {hit.changed_at[:10] or '?'}", style="dim")
    prompt.append(f"\n   {hit.text}")
    if hit.note:
        prompt.append(f"\n   note: {' '.join(hit.note.split())}", style="italic")
    where = ", ".join(hit.found_in) or "claim"
    prompt.append(f"\n   found in {where} · {'; '.join(hit.reasons)}", style="dim")
    return shown(prompt)


class DeskSearchScreen(ModalScreen[DeskHit | None]):
    """Dismisses with the chosen hit, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="desk_search.close", show=True),
        Binding("down", "focus_results", "Results", id="desk_search.results", show=False),
    ]

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__()
        self.store = store
        self.query_text = query
        self.hits: list[DeskHit] = []
        self._reader: Store | None = None

    def reader(self) -> Store:
        """The worker's own read-only connection, opened on first use."""
        if self._reader is None:
            self._reader = self.store.another_connection(read_only=True)
        return self._reader

    def on_unmount(self) -> None:
        if self._reader is not None:
            self._reader.close()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            yield Label(
                "Search the desk: every claim, note, correction and source, newest first",
                classes="dialog-title",
            )
            yield Input(self.query_text, placeholder="words or figures, e.g. 45 killed", id="query")
            yield OptionList(id="desk-results")
            yield Label("enter opens the claim · ↓ results · escape close", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.query_text:
            self._search(self.query_text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True, group="desk-search", exit_on_error=False)
    def _search(self, query: str) -> None:
        from factcheck_tui.core.matching.desk_search import search_desk

        reader = self.reader()
        reader.scale = self.store.scale
        hits = search_desk(reader, query) if query.strip() else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[DeskHit]) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        self.hits = hits
        options = self.query_one(OptionList)
        if not hits:
            message = "Nothing on the desk matches." if query.strip() else ""
            options.set_options([Option(Text(message, style="dim"), disabled=True)])
            return
        options.set_options(Option(hit_prompt(hit, self.store.scale)) for hit in hits)
        options.highlighted = 0

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected, "#desk-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and index < len(self.hits):
            self.dismiss(self.hits[index])

    def action_focus_results(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
