"""Checking the facts of a claim by keyboard: Tab from the claims into the selected claim's
facts (tui/widgets/fact_list.py holds their keys), mark, note, source (with where in it),
add, re-span and remove them; dispute a claim or a fact and record the editor's call; `p`
marks a claim partly verified. Every key is one change of core/desk/fact_checks.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual.binding import Binding, BindingType

from factcheck_tui.core.desk.fact_checks import (
    AddFact,
    EditFactSpan,
    MarkFacts,
    RecordDecision,
    RemoveFact,
    SetDispute,
    SetFactNote,
)
from factcheck_tui.core.records.change import Change
from factcheck_tui.core.records.models import DECISIONS, Claim, Fact
from factcheck_tui.tui.screens.article_base import ArticleScreenBase
from factcheck_tui.tui.widgets.claim_list import ClaimList
from factcheck_tui.tui.widgets.fact_list import FactList


def facts_against(claims: Sequence[Claim]) -> list[Fact]:
    """The facts of these claims found unverified or disputed: a positive verdict asks."""
    return [f for c in claims for f in c.facts if f.status in ("unverified", "disputed")]


def guess_fact_kind(words: str) -> str:
    """A typed fact's kind from its words: figures, quotes, names, else other."""
    if any(ch.isdigit() for ch in words):
        return "number"
    if words[:1] in "\"“‘'":
        return "quote"
    if words[:1].isupper():
        return "name"
    return "other"


def find_in_sentence(body: str, claim: Claim, words: str) -> tuple[int, int] | None:
    """Where typed words stand in the claim's sentence (case-insensitive), as body offsets."""
    words = " ".join(words.split())
    if not words:
        return None
    index = body[claim.start : claim.end].lower().find(words.lower())
    return None if index == -1 else (claim.start + index, claim.start + index + len(words))


class FactChecking(ArticleScreenBase):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "mark_partly", "Partly verified", id="claims.partly", show=False),
        Binding(
            "exclamation_mark", "dispute(False)", "Dispute claim", id="claims.dispute", show=False
        ),
        Binding("E", "decision(False)", "Editor's call on claim", id="claims.decision", show=False),
    ]

    @property
    def current_fact(self) -> Fact | None:
        return self.query_one(FactList).current

    def _fact_change(self, make: Callable[[Claim, Fact], object]) -> None:
        claim, fact = self.current_claim, self.current_fact
        if claim is None or fact is None:
            return
        with self.refusals_shown():
            self.store.apply(make(claim, fact))  # type: ignore[arg-type]
            self.refresh_claims([claim.id])

    def action_fact_mark(self, status: str) -> None:
        self._fact_change(lambda claim, fact: MarkFacts([fact.id], status))

    def action_facts_mark_rest(self, status: str) -> None:
        """Every still-unchecked fact of the claim at once (one undo step)."""
        claim = self.current_claim
        if claim is None:
            return
        rest = [fact.id for fact in claim.facts if not fact.checked]
        if not rest:
            self.notify("Every fact of this claim is checked")
            return
        with self.refusals_shown():
            self.store.apply(MarkFacts(rest, status))
            self.notify(f"{len(rest)} facts marked {status}")
            self.refresh_claims([claim.id])

    def action_fact_note(self) -> None:
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim, fact = self.current_claim, self.current_fact
        if claim is None or fact is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self._fact_change(lambda _claim, _fact: SetFactNote(fact.id, note))

        self.app.push_screen(
            TextEditDialog(
                f"Note on the fact “{fact.text}”",
                claim.text,
                fact.note,
                help_text="ctrl+s save · escape cancel",
                save_on_quit=save,
            ),
            save,
        )

    def action_fact_source(self) -> None:
        claim, fact = self.current_claim, self.current_fact
        if claim is not None and fact is not None:
            self.ask_source(claim, fact.id)

    def action_fact_remove(self) -> None:
        self._fact_change(lambda claim, fact: RemoveFact(fact.id))

    def _ask_words(self, title: str, value: str, then: Callable[[Claim, int, int], None]) -> None:
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        claim = self.current_claim
        if claim is None:
            return

        def typed(words: str | None) -> None:
            if not words:
                return
            span = find_in_sentence(self.article.body, claim, words)
            if span is None:
                self.notify("Those words are not in the claim's sentence", severity="warning")
                return
            then(claim, *span)

        self.app.push_screen(PromptDialog(title, value, placeholder=claim.text[:80]), typed)

    def action_fact_add(self) -> None:
        """A fact the proposal missed: type (or paste) its words as they stand."""

        def add(claim: Claim, start: int, end: int) -> None:
            kind = guess_fact_kind(self.article.body[start:end])
            with self.refusals_shown():
                self.store.apply(AddFact(claim.id, start, end, kind))
                self.refresh_claims([claim.id])

        self._ask_words("Add a fact: its words, as the sentence has them", "", add)

    def action_fact_respan(self) -> None:
        fact = self.current_fact
        if fact is None:
            return

        def respan(claim: Claim, start: int, end: int) -> None:
            with self.refusals_shown():
                self.store.apply(EditFactSpan(fact.id, start, end))
                self.refresh_claims([claim.id])

        self._ask_words("The fact's words, as the sentence has them", fact.text, respan)

    def action_facts_back(self) -> None:
        self.query_one(ClaimList).focus()

    def action_mark_partly(self) -> None:
        """The claim partly verified: the scale's first neutral verdict."""
        neutral = self.store.scale.ids("neutral")
        if not neutral:
            self.notify("This desk's scale has no partial verdict", severity="warning")
            return
        self.action_mark(neutral[0])

    def action_mark(self, status: str) -> None:  # the article screen marks
        raise NotImplementedError

    def _subject(self, on_fact: bool) -> tuple[Claim, int, str] | None:
        claim = self.current_claim
        if claim is None:
            return None
        fact = self.current_fact if on_fact else None
        if on_fact and fact is None:
            return None
        return claim, fact.id if fact else 0, f"“{fact.text}”" if fact else "the claim"

    def _ask_about(
        self,
        on_fact: bool,
        question: str,
        placeholder: str,
        change: Callable[[Claim, int, str], Change[Any] | None],
    ) -> None:
        """One prompt about the claim or its current fact ({named} in `question` names it);
        the answer becomes `change(claim, fact_id, answer)`, applied (None: refused, said)."""
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        subject = self._subject(on_fact)
        if subject is None:
            return
        claim, fact_id, named = subject

        def typed(answer: str | None) -> None:
            if answer is None:
                return
            made = change(claim, fact_id, answer)
            if made is None:
                return
            with self.refusals_shown():
                self.store.apply(made)
                self.refresh_claims([claim.id])

        self.app.push_screen(
            PromptDialog(question.format(named=named), placeholder=placeholder), typed
        )

    def action_dispute(self, on_fact: bool) -> None:
        """Who disputes the claim or fact, and why: `the writer: she has the court papers`."""

        def dispute(claim: Claim, fact_id: int, answer: str) -> Change[Any]:
            who, _, why = answer.partition(":")
            return SetDispute(claim.id, fact_id, who.strip(), why.strip())

        self._ask_about(
            on_fact,
            "Who disputes {named}, and why (empty withdraws it)",
            "the writer: she has the court papers",
            dispute,
        )

    def action_decision(self, on_fact: bool) -> None:
        """The editor's call: `kept`, `changed` or `cut`, and `by` whom."""

        def decide(claim: Claim, fact_id: int, answer: str) -> Change[Any] | None:
            decision, _, who = answer.strip().partition(" by ")
            decision = decision.strip().lower()
            if decision and decision not in DECISIONS:
                self.notify("The editor's call is kept, changed or cut", severity="warning")
                return None
            return RecordDecision(claim.id, fact_id, decision, who.strip())

        self._ask_about(
            on_fact,
            "The editor's call on {named}: kept, changed or cut (empty withdraws it)",
            "changed by Maria Lopez",
            decide,
        )
