"""Add a claim extraction missed: pick one of the article's other sentences (typing filters
them), or type/paste any span of the article, which is found in the text (fuzzily if needed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from factcheck_tui.tui.dialogs.dialog import Dialog
from factcheck_tui.tui.widgets.styles import shown


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class AddClaimAnswer:
    """Either a picked sentence (span) or typed text to find in the article."""

    span: tuple[int, int] | None = None
    text: str = ""


class PasteInput(Input):
    """An Input that keeps every line of a paste, joined by spaces: a claim copied from an
    article often spans a line or paragraph break (Input alone keeps the first line)."""

    def _on_paste(self, event: events.Paste) -> None:
        joined = " ".join(event.text.split())
        if joined:
            self.insert_text_at_cursor(joined)
        event.stop()
        event.prevent_default()  # Input's own handler would add the first line again


class AddClaimDialog(Dialog[AddClaimAnswer | None]):
    TALL = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="add.cancel", show=True),
        Binding("down", "focus_list", "Sentences", id="add.list", show=False),
    ]

    def __init__(
        self,
        candidates: list[Candidate],
        first: int = 0,
        problem: Callable[[str], str | None] | None = None,
    ) -> None:
        """`problem(text)` says why typed text cannot become a claim (None: it can); the
        dialog then stays open with the text, so the checker can correct it."""
        super().__init__(
            "Add a claim: pick a sentence, or type/paste text from the article",
            "enter add · ↓ to the list · escape cancel",
        )
        self.candidates = candidates
        self.first = first
        self.problem = problem
        self.shown: list[Candidate] = candidates

    def body(self) -> ComposeResult:
        yield PasteInput(
            placeholder="type to filter the sentences, or paste the claim's text", id="filter"
        )
        yield OptionList(id="candidates")

    def on_mount(self) -> None:
        self._fill(self.candidates)
        options = self.query_one(OptionList)
        if self.candidates:
            options.highlighted = min(self.first, len(self.candidates) - 1)
        self.query_one(Input).focus()

    def _fill(self, candidates: list[Candidate]) -> None:
        self.shown = candidates
        options = self.query_one(OptionList)
        options.set_options(Option(shown(c.text)) for c in candidates)
        if not candidates:  # say why the list is empty and what enter will do instead
            why = (
                "No other sentence matches"
                if self.candidates
                else "Every sentence of the article is already a claim"
            )
            options.add_option(
                Option(Text(f"{why}: enter looks for the typed text in the article"), disabled=True)
            )

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        words = event.value.lower().split()
        self._fill([c for c in self.candidates if all(w in c.text.lower() for w in words)])
        if self.shown:
            self.query_one(OptionList).highlighted = 0

    @on(Input.Submitted, "#filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if self.shown and index is not None:
            chosen = self.shown[index]
            self.dismiss(AddClaimAnswer(span=(chosen.start, chosen.end)))
        elif event.value.strip():
            why = self.problem(event.value) if self.problem else None
            if why:
                self.notify(why, severity="warning", markup=False)
                return
            self.dismiss(AddClaimAnswer(text=event.value))

    @on(OptionList.OptionSelected, "#candidates")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        chosen = self.shown[event.option_index]
        self.dismiss(AddClaimAnswer(span=(chosen.start, chosen.end)))

    def action_focus_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
