"""Link all: match every claim of an article against the prior reports (with a progress bar
Escape cancels) and propose the best match of each; only what the checker ticks is linked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.records.models import counted
from factcheck_tui.tui.widgets.styles import shown


@dataclass(frozen=True, slots=True)
class Proposal:
    claim_id: int
    claim_text: str
    report: Any  # match.Suggestion


def propose(
    reader: Any,
    claims: list[tuple[int, str]],
    advance: Any,
    cancelled: Any,
) -> list[Proposal]:
    """Best suggestion over the line per claim (runs in a worker); a claim with none has no
    prior fact-check found and is not proposed. Strong matches are proposed first. A claim
    whose best candidate the model rated over the line but was held under it (matched on one
    name or figure only, not in English: matching/anchors.py) is returned last, its report
    `weak`, never to be ticked: the screen counts them and says why."""
    from factcheck_tui.core.matching.match import match_with_weak

    proposals = []
    for done, (claim_id, text) in enumerate(claims, start=1):
        if cancelled():
            break
        found = match_with_weak(reader, text, 5)
        best = [s for s in found if not s.weak] or [s for s in found if s.held]
        if best:
            proposals.append(Proposal(claim_id, text, best[0]))
        advance(done, len(claims))
    proposals.sort(key=lambda p: (p.report.weak, not p.report.strong, -p.report.score))
    return proposals


def held_line(held: list[Proposal]) -> str:
    """`2 held under the line: matched on one name only (1), claim not in English (1)`"""
    if not held:
        return ""
    kinds: dict[str, int] = {}
    for proposal in held:
        kind = str(proposal.report.held).split(" (")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    said = ", ".join(f"{kind} ({count})" for kind, count in kinds.items())
    return f"{counted(len(held), 'claim')} held under the line: {said}"


def proposal_prompt(proposal: Proposal, ticked: bool) -> Text:
    report = proposal.report
    prompt = Text()
    prompt.append("[x] " if ticked else "[ ] ", style="bold yellow")
    prompt.append(f"{report.score:.0f}%", style="bold green" if report.strong else "bold")
    prompt.append(" strong " if report.strong else " ", style="green")
    prompt.append(proposal.claim_text)
    prompt.append(
        f"\n    → {report.rating or 'unrated'} · {report.publisher or '?'}: ", style="dim"
    )
    prompt.append(report.claim_text, style="italic")
    return shown(prompt)


class LinkAllScreen(ModalScreen[list[Proposal] | None]):
    """Space ticks a proposal, `a` ticks every strong one, enter links the ticked ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick / untick", id="linkall.tick", show=True),
        Binding("a", "tick_strong", "Tick all strong", id="linkall.strong", show=True),
        Binding("enter", "link", "Link ticked", id="linkall.link", show=True, priority=True),
        Binding("escape", "cancel", "Cancel", id="linkall.cancel", show=True),
    ]

    def __init__(self, proposals: list[Proposal], matched: int | None = None) -> None:
        super().__init__()
        self.proposals = [p for p in proposals if not p.report.weak]
        self.held = [p for p in proposals if p.report.weak]
        # How many claims were matched (those without a proposal: no prior fact-check found).
        self.matched = len(proposals) if matched is None else matched
        self.ticked: set[int] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-tall"):
            strong = sum(p.report.strong for p in self.proposals)
            count = len(self.proposals)
            quiet = self.matched - count
            held = held_line(self.held)
            yield Label(
                f"Link all: {counted(count, 'claim')} {'has' if count == 1 else 'have'} a "
                f"suggestion over the line, {strong} strong; no prior fact-check found for "
                f"{counted(quiet, 'claim')}{f' ({held})' if held else ''}. Nothing is linked "
                "until you tick it and press enter.",
                classes="dialog-title",
                markup=False,
            )
            yield OptionList(
                *(Option(proposal_prompt(p, False)) for p in self.proposals), id="proposals"
            )
            yield Label(
                "space tick · a tick all strong · enter link ticked · escape cancel",
                classes="dialog-help",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _redraw(self, index: int) -> None:
        self.query_one(OptionList).replace_option_prompt_at_index(
            index, proposal_prompt(self.proposals[index], index in self.ticked)
        )

    def action_tick(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.ticked ^= {index}
            self._redraw(index)

    def action_tick_strong(self) -> None:
        for index, proposal in enumerate(self.proposals):
            if proposal.report.strong and index not in self.ticked:
                self.ticked.add(index)
                self._redraw(index)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_link()

    def action_link(self) -> None:
        self.dismiss([self.proposals[i] for i in sorted(self.ticked)])

    def action_cancel(self) -> None:
        self.dismiss(None)
