"""Fixing the claim list by keyboard: add, reword, split, merge, dismiss/restore claims and
re-derive them at another threshold (see core/desk/claim_list.py and shown_claims.py). Each edit
is one undo step."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType

from factcheck_tui.core.desk.claim_list import AddClaim, EditText, Merge, Split, locate, typed_span
from factcheck_tui.core.desk.shown_claims import Rederive, SetDismissed
from factcheck_tui.core.records.change import Change
from factcheck_tui.core.records.visibility import ClaimVisibility
from factcheck_tui.tui.screens.article_base import ArticleScreenBase
from factcheck_tui.tui.widgets.claim_list import ClaimList

Result = TypeVar("Result")


class ClaimEditing(ArticleScreenBase):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_claim", "Add a claim", id="claims.add", show=False),
        Binding("r", "edit_claim", "Edit claim text", id="claims.edit", show=False),
        Binding("S", "split_claim", "Split claim", id="claims.split", show=False),
        Binding("M", "merge_claim", "Merge with next claim", id="claims.merge", show=False),
        Binding("d", "dismiss_claim", "Dismiss / restore claim", id="claims.dismiss", show=False),
        Binding(
            "D", "toggle_dismissed", "Show dismissed claims", id="claims.show_dismissed", show=False
        ),
        Binding("T", "threshold", "Claim threshold", id="article.threshold", show=False),
    ]

    def _edit(
        self,
        change: Change[Result],
        message: str = "",
        follow: int | None = None,
        follow_new: bool = False,
    ) -> Result | None:
        """Make a claim-list edit; redraw and say what happened. Its result, or None when it
        was refused (the refusal is shown).

        The cursor then rests on claim `follow`, or (`follow_new`) on the claim id the change
        returned, so a checker sees the claim they just made or reworded; otherwise it stays
        at the same place in the list (after a dismiss: the next claim)."""
        with self.refusals_shown():
            result = self.store.apply(change)
            if message:
                self.notify(message, markup=False)
            self.reload()
            target = result if follow_new else follow
            if isinstance(target, int) and not isinstance(target, bool):
                self._highlight_claim(target)
            return result
        return None

    def _highlight_claim(self, claim_id: int) -> None:
        index = next((i for i, c in enumerate(self.claims) if c.id == claim_id), None)
        if index is not None:
            self.query_one(ClaimList).highlighted = index

    def action_add_claim(self) -> None:
        from factcheck_tui.core.extraction.extract import extract
        from factcheck_tui.tui.dialogs.add_claim import AddClaimAnswer, AddClaimDialog, Candidate

        taken = [
            (c.start, c.end) for c in self.store.claims(self.article_id, include_dismissed=True)
        ]
        candidates = [
            Candidate(s.start, s.end, s.text)
            for s in extract(self.article.body)
            if not any(s.start < end and s.end > start for start, end in taken)
        ]
        current = self.current_claim
        first = next(
            (i for i, c in enumerate(candidates) if current and c.start > current.start), 0
        )

        def chosen(answer: AddClaimAnswer | None) -> None:
            if answer is None:
                return
            near = current.start if current else 0
            span = answer.span
            with self.refusals_shown():
                start, end = span or typed_span(self.article.body, answer.text, near)
                self._edit(AddClaim(self.article_id, start, end), "Claim added", follow_new=True)

        body = self.article.body
        near = current.start if current else 0

        def problem(text: str) -> str | None:
            if locate(body, text, near) is None:
                return "That text is not in the article: copy it from the article"
            return None

        self.app.push_screen(AddClaimDialog(candidates, first, problem), chosen)

    def action_edit_claim(self) -> None:
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(text: str | None) -> None:
            if text is None or " ".join(text.split()) == claim.text:
                return
            if self._edit(EditText(claim.id, text), follow=claim.id):
                self.notify("Not the article's wording: claim marked as reworded")

        self.app.push_screen(
            TextEditDialog(
                "Edit the claim's text",
                "",
                claim.text,
                help_text="ctrl+s save · text from the article re-anchors the claim; "
                "other wording marks it reworded",
            ),
            save,
        )

    def action_split_claim(self) -> None:
        from factcheck_tui.tui.dialogs.text_edit import SplitDialog

        claim = self.current_claim
        if claim is None:
            return

        def split(at: int | None) -> None:
            if at is not None:
                self._edit(Split(claim.id, at), "Claim split", follow=claim.id)

        self.app.push_screen(SplitDialog(claim.text), split)

    def action_merge_claim(self) -> None:
        claim = self.current_claim
        if claim is not None:
            self._edit(Merge(claim.id), "Merged with the next claim", follow=claim.id)

    def action_dismiss_claim(self) -> None:
        targets = self._targets()
        if not targets:
            return
        # A claim listed as removed from this revision is not dismissed: d hides it too.
        dismiss = not all(
            c.dismissed == ClaimVisibility.DISMISSED for c in self.claims if c.id in targets
        )
        verb = "dismissed" if dismiss else "restored"
        self.selected.clear()
        self._edit(
            SetDismissed(targets, dismiss),
            f"{len(targets)} claim{'s' if len(targets) > 1 else ''} {verb}"
            + (" (D shows dismissed claims)" if dismiss and not self.show_dismissed else ""),
        )

    def action_toggle_dismissed(self) -> None:
        self.show_dismissed = not self.show_dismissed
        self.reload()

    def action_threshold(self) -> None:
        from factcheck_tui.core.extraction.extract import DEFAULT_THRESHOLD
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        current = self.store.article_threshold(self.article_id)

        def chosen(value: str | None) -> None:
            if value is None:
                return
            try:
                threshold = float(value)
            except ValueError:
                self.notify("The threshold is a number between 0 and 1", severity="warning")
                return
            counts = self._edit(Rederive(self.article_id, threshold))
            if counts is not None:
                added, removed = counts
                self.notify(
                    f"Threshold {threshold:g}: {added} claims added, {removed} removed; "
                    "claims you touched are kept"
                )

        self.app.push_screen(
            PromptDialog(
                "Claim threshold for this article (0-1; lower finds more claims)",
                f"{current if current is not None else DEFAULT_THRESHOLD:g}",
            ),
            chosen,
        )
