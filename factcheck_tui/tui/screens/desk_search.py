"""`F`: search the whole desk — every claim, note, suggested correction and source of every
article — by typing (core/matching/desk_search.py: fuzzy and number-aware like matching,
newest first), and open the chosen claim where it is."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from factcheck_tui.core.matching.desk_search import DeskHit
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.core.store import Store
from factcheck_tui.tui.screens.search_dialog import SearchDialog
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


class DeskSearchScreen(SearchDialog):
    """Dismisses with the chosen DeskHit, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="desk_search.close", show=True),
        Binding("down", "focus_results", "Results", id="desk_search.results", show=False),
    ]
    PLACEHOLDER = "words or figures, e.g. 45 killed"
    HELP = "enter opens the claim · ↓ results · escape close"
    RESULTS_ID = "desk-results"
    NOTHING_FOUND = "Nothing on the desk matches."

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__(query)
        self.store = store
        self._reader: Store | None = None

    def reader(self) -> Store:
        """The worker's own read-only connection, opened on first use."""
        if self._reader is None:
            self._reader = self.store.another_connection(read_only=True)
        return self._reader

    def on_unmount(self) -> None:
        if self._reader is not None:
            self._reader.close()

    def title_text(self) -> str:
        return "Search the desk: every claim, note, correction and source, newest first"

    def search(self, query: str) -> list[DeskHit]:
        from factcheck_tui.core.matching.desk_search import search_desk

        return search_desk(self.reader(), query)

    def prompt(self, result: DeskHit) -> Text:
        return hit_prompt(result, self.store.scale)
