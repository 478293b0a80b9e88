"""The claims of an article, one option each: selection mark, status icon, text, counts."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from factcheck_tui.core.db.schema import ClaimVisibility
from factcheck_tui.core.models import Claim
from factcheck_tui.core.verdicts import Scale
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
    if claim.note:
        extras.append("note")
    if claim.sources:
        extras.append(f"{len(claim.sources)} src")
    if claim.linked_reports:
        extras.append(f"{len(claim.linked_reports)} linked")
    if extras:
        prompt.append("  · " + " · ".join(extras), style="dim italic")
    return shown(prompt)


class ClaimList(OptionList):
    """Keeps option ids as claim ids; `sync()` redraws only the claims that changed."""

    def __init__(self, scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self._shown: list[tuple[int, object]] = []

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
                Option(claim_prompt(claim, claim.id in selected, self.scale), id=str(claim.id))
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
                    claim, is_selected = new  # type: ignore[misc]
                    self.replace_option_prompt_at_index(
                        index, claim_prompt(claim, is_selected, self.scale)
                    )
        self._shown = keys
