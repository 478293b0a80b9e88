"""The facts of the selected claim, one option each: status mark, kind, words, what is noted.

Tab from the claims lands here (then on to the suggestions); the keys below act on the
highlighted fact through the article screen (tui/screens/article_facts.py), and escape goes
back to the claim.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.records.models import Claim, Fact
from factcheck_tui.tui.widgets.styles import FACT_ICONS, FACT_STYLES, shown


def fact_prompt(fact: Fact, sources: int) -> Text:
    prompt = Text()
    prompt.append(f"{FACT_ICONS[fact.status]} ", style=FACT_STYLES[fact.status])
    if fact.status != "unchecked":
        prompt.append(f"{fact.status}: ", style=FACT_STYLES[fact.status])
    if fact.revision_state == "changed":
        again = "re-check" if fact.status == "unchecked" else "re-checked"
        prompt.append(f"changed — {again} (was “{fact.previous_text}”): ", style="bold magenta")
    prompt.append(fact.text)
    extras = [fact.kind]
    if fact.note:
        extras.append("note")
    if sources:
        extras.append(f"{sources} src")
    if fact.dispute is not None:
        extras.append(fact.dispute.describe())
    prompt.append("  · " + " · ".join(extras), style="dim italic")
    return shown(prompt)


class FactList(OptionList):
    """The selected claim's facts; `show()` redraws only when they changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next fact", id="facts.down", show=False),
        Binding("k", "cursor_up", "Previous fact", id="facts.up", show=False),
        Binding("v", "screen.fact_mark('verified')", "Fact verified", id="facts.verify"),
        Binding("u", "screen.fact_mark('unverified')", "Fact unverified", id="facts.unverify"),
        Binding(
            "c", "screen.fact_mark('unchecked')", "Fact unchecked", id="facts.clear", show=False
        ),
        Binding(
            "V",
            "screen.facts_mark_rest('verified')",
            "Every unchecked fact verified",
            id="facts.verify_rest",
        ),
        Binding(
            "U",
            "screen.facts_mark_rest('unverified')",
            "Every unchecked fact unverified",
            id="facts.unverify_rest",
            show=False,
        ),
        Binding("n", "screen.fact_note", "Fact note", id="facts.note"),
        Binding("s", "screen.fact_source", "Fact source", id="facts.source"),
        Binding("a", "screen.fact_add", "Add a fact", id="facts.add", show=False),
        Binding("r", "screen.fact_respan", "Fact's words", id="facts.edit", show=False),
        Binding("d", "screen.fact_remove", "Remove fact", id="facts.remove", show=False),
        Binding(
            "exclamation_mark",
            "screen.dispute(True)",
            "Dispute fact",
            id="facts.dispute",
            show=False,
        ),
        Binding(
            "E", "screen.decision(True)", "Editor's call on fact", id="facts.decision", show=False
        ),
        Binding("escape", "screen.facts_back", "Back to the claim", id="facts.back"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.claim: Claim | None = None
        self._shown: tuple[tuple[Fact, int, int], ...] | None = None

    def show(self, claim: Claim | None) -> None:
        """The facts of `claim` (None: no claim), keeping the highlighted fact's place."""
        self.claim = claim
        facts = claim.facts if claim else ()
        key = tuple(
            (f, len(claim.fact_sources(f.id)) if claim else 0, claim.id if claim else 0)
            for f in facts
        )
        if key == self._shown:
            return
        before, self._shown = self._shown, key
        if claim is not None and before is not None and len(before) == len(key):
            same_facts = all(
                (old[0].id, old[2]) == (new[0].id, new[2])
                for old, new in zip(before, key, strict=True)
            )
            if same_facts:  # a mark or a note: repaint those options only, no rebuild
                for index, (old, new) in enumerate(zip(before, key, strict=True)):
                    if old != new:
                        self.replace_option_prompt_at_index(
                            index, fact_prompt(claim.facts[index], new[1])
                        )
                return
        same_claim = bool(before and key) and before[0][2] == key[0][2]  # type: ignore[index]
        keep = self.highlighted if same_claim else 0
        self.clear_options()
        if claim is not None:
            self.add_options(
                Option(fact_prompt(fact, len(claim.fact_sources(fact.id))), id=str(fact.id))
                for fact in facts
            )
        if facts:
            self.highlighted = min(keep or 0, len(facts) - 1)
        self.display = bool(facts)

    @property
    def current(self) -> Fact | None:
        index = self.highlighted
        if self.claim is None or index is None or index >= len(self.claim.facts):
            return None
        return self.claim.facts[index]
