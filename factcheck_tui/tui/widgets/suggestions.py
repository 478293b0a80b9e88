"""Under the claims: what the desk already knows about the selected claim — our own earlier
checks first, then prior fact-check reports — each saying why it matched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.matching.earlier import EarlierCheck
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.tui.widgets.styles import shown

# Shown when nothing is over the suggestion line: quiet, not a list of noise.
NOTHING_FOUND = "No prior fact-check found (nothing over the suggestion line)."


@dataclass(frozen=True, slots=True)
class PanelItem:
    """One suggestion: an earlier check of ours, or a prior report (match.Suggestion)."""

    earlier: EarlierCheck | None = None
    report: Any = None
    linked: bool = False

    @property
    def url(self) -> str:
        return str(getattr(self.report, "url", "") or "")

    @property
    def weak(self) -> bool:
        """Under the suggestion line: folded until the checker asks (`w`)."""
        found = self.earlier if self.earlier is not None else self.report
        return bool(getattr(found, "weak", False))


def item_prompt(number: int, item: PanelItem, scale: Scale) -> Text:
    prompt = Text()
    prompt.append(f"{number} " if number <= 5 else "  ", style="bold cyan")
    if item.weak:
        prompt.append("weak ", style="dim italic")
    if item.earlier is not None:
        check = item.earlier
        prompt.append("ours ", style="bold magenta")
        prompt.append(check.headline(scale.label(check.status)))
        prompt.append(f"\n   {check.text}", style="italic")
        prompt.append(f"\n   {check.score:.0f}% · {'; '.join(check.reasons)}", style="dim")
        return shown(prompt)
    report = item.report
    strong = bool(getattr(report, "strong", False))
    prompt.append(f"{report.score:.0f}% ", style="bold green" if strong else "bold")
    if strong:  # said in words too: colour alone is lost on some terminals and eyes
        prompt.append("strong ", style="bold green")
    if item.linked:
        prompt.append("linked ", style="bold reverse")
    prompt.append(f"{report.rating or 'unrated'}", style="bold")
    prompt.append(f" · {report.publisher or '?'} · {report.date or 'undated'}")
    prompt.append(f"\n   {report.claim_text}")
    reasons = getattr(report, "reasons", ()) or ()
    if reasons:
        prompt.append(f"\n   {'; '.join(reasons)}", style="dim")
    return shown(prompt)


class SuggestionsPanel(OptionList):
    """Focusable with tab; `y` here copies the highlighted report's URL."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_url", "Copy report URL", id="suggestions.copy_url", show=True),
        # Here j/k walk the suggestions, as they walk the claims in the claim list.
        Binding("j", "cursor_down", "Next suggestion", id="suggestions.down", show=False),
        Binding("k", "cursor_up", "Previous suggestion", id="suggestions.up", show=False),
    ]

    def __init__(self, scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        # What is listed (numbered 1, 2, …: the keys 1–5 use these), and every suggestion
        # found, the weak ones (under the line) included.
        self.items: list[PanelItem] = []
        self.found: list[PanelItem] = []
        self.claim_id: int | None = None
        # Weak suggestions are folded into one line until `w` unfolds them (kept while the
        # screen is open: a checker who wants them wants them for the next claim too).
        self.show_weak = False

    def show_items(self, claim_id: int, items: Sequence[PanelItem]) -> None:
        self.claim_id = claim_id
        self.found = list(items)
        self._render_items()

    def toggle_weak(self) -> None:
        self.show_weak = not self.show_weak
        if self.claim_id is not None:
            self._render_items()

    @property
    def weak_count(self) -> int:
        return sum(item.weak for item in self.found)

    def _render_items(self) -> None:
        # Strong-enough ones first in their own order (ours before reports), weak ones after.
        listed = [item for item in self.found if not item.weak]
        weak = [item for item in self.found if item.weak]
        if self.show_weak:
            listed += weak
        self.items = listed
        options = [
            Option(item_prompt(number, item, self.scale))
            for number, item in enumerate(self.items, start=1)
        ]
        if not listed:
            options.insert(0, Option(Text(NOTHING_FOUND, style="dim"), disabled=True))
        if weak:
            plural = "s" if len(weak) != 1 else ""
            key = "w hides them" if self.show_weak else "w shows them"
            fold = "▾" if self.show_weak else "▸"
            options.append(
                Option(
                    Text(
                        f"{fold} {len(weak)} weak suggestion{plural} under the line ({key})",
                        style="dim italic",
                    ),
                    disabled=True,
                )
            )
        self.set_options(options)
        if self.items:
            self.highlighted = 0

    def show_pending(self) -> None:
        self.items = []
        self.set_options(
            [
                Option(
                    Text("Looking for earlier checks and prior reports…", style="dim italic"),
                    disabled=True,
                )
            ]
        )

    @property
    def current(self) -> PanelItem | None:
        index = self.highlighted
        if index is None or index >= len(self.items):
            return None
        return self.items[index]

    def action_copy_url(self) -> None:
        from factcheck_tui.tui.clipboard import copy_url

        item = self.current
        if item is None or not item.url:
            self.notify("No report URL to copy here")
            return
        copy_url(self.app, item.url)
