"""The claims of an article, one option each: selection mark, status icon, text, counts."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import cast

from rich.console import Console
from rich.text import Text
from textual.css.styles import RulesMap
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.records.models import Claim
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.core.records.visibility import ClaimVisibility
from factcheck_tui.tui.widgets.styles import ICON_STYLES, KIND_ICONS, shown


def claim_prompt(claim: Claim, selected: bool, scale: Scale) -> Text:
    prompt = Text()
    prompt.append("● " if selected else "  ", style="bold yellow")
    verdict = scale.verdict(claim.status)
    prompt.append(f"{KIND_ICONS[verdict.kind]} ", style=ICON_STYLES[verdict.kind])
    if verdict.kind != "open" or verdict.id != "unchecked":
        prompt.append(f"{verdict.label}: ", style=ICON_STYLES[verdict.kind])
    if claim.revision_state == "changed":
        if claim.status == "unchecked":
            prompt.append("changed — re-check: ", style="bold magenta")
        else:
            prompt.append("changed — re-checked: ", style="magenta")
    elif claim.revision_state == "new":
        prompt.append("new in this revision: ", style="bold green")
    elif claim.revision_state == "removed":
        prompt.append("removed in this revision: ", style="bold magenta")
    if claim.dismissed == ClaimVisibility.DISMISSED:
        prompt.append("dismissed: ", style="italic dim")
    prompt.append(claim.text, style="strike dim" if claim.revision_state == "removed" else "")
    extras = []
    if claim.facts:
        extras.append(f"{len(claim.facts) - claim.facts_left}/{len(claim.facts)} facts")
    if claim.dispute is not None:
        extras.append("disputed" if claim.dispute.disputed_by else "editor's call")
    if claim.correction:
        extras.append("correction")
    if claim.note:
        extras.append("note")
    if claim.sources:
        extras.append(f"{len(claim.sources)} src")
    if claim.linked_reports:
        extras.append(f"{len(claim.linked_reports)} linked")
    if extras:
        prompt.append("  · " + " · ".join(extras), style="dim italic")
    return shown(prompt)


def clamped(prompt: Text, width: int, lines: int, console: Console) -> Text:
    """The prompt in at most `lines` lines of `width` cells, the last ending with … when
    cut (the claim's sentence is whole in the article beside the list)."""
    wrapped = prompt.wrap(console, width)
    if len(wrapped) <= lines:
        return prompt
    kept = list(wrapped)[:lines]
    last = kept[-1]
    last.rstrip()
    last.truncate(max(width - 1, 1))
    last.append("…", style="dim")
    return Text("\n").join(kept)


class ClaimList(OptionList):
    """Keeps option ids as claim ids; `sync()` redraws only the claims that changed.

    With `max_lines` (a short terminal, article_base.py) each claim shows in at most that
    many lines, so a screenful holds more claims."""

    def __init__(self, scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self._shown: list[tuple[int, tuple[Claim, bool]]] = []
        self.max_lines: int | None = None
        self._clamp_width = 0

    def _on_resize(self) -> None:
        # The panes under the list (suggestions, detail) change height after the cursor
        # moved, so the list's scroll at the move may leave the selected claim below the
        # visible part: scroll to it again once the new size is laid out.
        super()._on_resize()
        if self.max_lines and self._prompt_width() != self._clamp_width:
            self.set_max_lines(self.max_lines)
        self.call_after_refresh(self.scroll_to_highlight)

    def _prompt_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width

    def _prompt(self, claim: Claim, selected: bool) -> Text:
        prompt = claim_prompt(claim, selected, self.scale)
        if not self.max_lines or self._clamp_width <= 1:
            return prompt
        return clamped(prompt, self._clamp_width, self.max_lines, self.app.console)

    def set_max_lines(self, lines: int | None) -> None:
        """Show each claim in at most `lines` lines (None: whole), redrawing every claim."""
        self.max_lines = lines
        self._clamp_width = self._prompt_width()
        for index, (_, (claim, selected)) in enumerate(self._shown):
            self.replace_option_prompt_at_index(index, self._prompt(claim, selected))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # OptionList's own Home/End: off, so they reach the screen's first/last claim (with
        # g/G) and the help lists them once, there.
        return action not in ("first", "last")

    def action_cursor_down(self) -> None:
        """Next claim; on the last one, stay (no wrap to the first)."""
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Previous claim; on the first one, stay (no wrap to the last)."""
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def sync(self, claims: Sequence[Claim], selected: Collection[int]) -> None:
        keys = [(claim.id, (claim, claim.id in selected)) for claim in claims]
        new_ids = [k for k, _ in keys]
        if new_ids != [k for k, _ in self._shown]:
            highlighted = self.highlighted or 0
            # The cursor stays on its claim when others come or go (another checker's edit):
            # a mark must never land on a claim the checker did not choose. If its claim is
            # gone, it stays at the same place, on the claim that followed.
            current = self._shown[highlighted][0] if highlighted < len(self._shown) else None
            self.set_options(
                Option(self._prompt(claim, claim.id in selected), id=str(claim.id))
                for claim in claims
            )
            if claims:
                self.highlighted = (
                    new_ids.index(current)
                    if current in new_ids
                    else min(highlighted, len(claims) - 1)
                )
        else:
            for index, ((_, new), (_, old)) in enumerate(zip(keys, self._shown, strict=True)):
                if new != old:
                    claim, is_selected = new
                    self.replace_option_prompt_at_index(index, self._prompt(claim, is_selected))
        self._shown = keys

    def update_claims(
        self, indices: Sequence[int], claims: Sequence[Claim], selected: Collection[int]
    ) -> None:
        """Redraw the options at `indices` only (same claims, new content): the other
        options keep their rendered lines, and the list's line map is rebuilt only if one
        of them changed height."""
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        heights = self._heights
        relayout = False
        changed_lines: list[tuple[int, int]] = []
        for index in indices:
            claim = claims[index]
            option = self.get_option_at_index(index)
            option._set_prompt(self._prompt(claim, claim.id in selected))
            for key in [key for key in self._option_render_cache.keys() if key[0] is option]:
                self._option_render_cache.discard(key)
            height = self._get_visual(option).get_height(
                cast(RulesMap, self.styles), width - padding.width
            )
            relayout = relayout or height != heights.get(index)
            changed_lines.append((self._index_to_line[index], height))
            self._shown[index] = (claim.id, (claim, claim.id in selected))
        if relayout:
            self._line_cache.clear()
            self.refresh()
        else:  # repaint those options' lines only, not the whole list
            for first_line, count in changed_lines:
                self.refresh_lines(first_line, count)
