"""Fixing the claim list by keyboard: add, reword, split, merge, dismiss/restore claims and
re-derive them at another threshold (see core/desk/edits.py). Each edit is one undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType

from factcheck_tui.core.records.visibility import ClaimVisibility
from factcheck_tui.tui.screens.article_base import ArticleScreenBase
from factcheck_tui.tui.widgets.claim_list import ClaimList


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
        change: Callable[[], object],
        message: str = "",
        follow: int | None = None,
        follow_new: bool = False,
    ) -> None:
        """Run a claim-list edit (see core.edits); redraw and say what happened.

        The cursor then rests on claim `follow`, or (`follow_new`) on the claim id the change
        returned, so a checker sees the claim they just made or reworded; otherwise it stays
        at the same place in the list (after a dismiss: the next claim)."""
        result: list[object] = []
        if self._change(lambda: result.append(change())):
            if message:
                self.notify(message, markup=False)
            self.reload()
            target = result[0] if follow_new and result else follow
            if isinstance(target, int) and not isinstance(target, bool):
                self._highlight_claim(target)

    def _highlight_claim(self, claim_id: int) -> None:
        index = next((i for i, c in enumerate(self.claims) if c.id == claim_id), None)
        if index is not None:
            self.query_one(ClaimList).highlighted = index

    def action_add_claim(self) -> None:
        from factcheck_tui.core.desk import edits
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
            if span:
                self._edit(
                    lambda: edits.add_claim(self.store, self.article_id, *span),
                    "Claim added",
                    follow_new=True,
                )
            else:
                self._edit(
                    lambda: edits.add_claim_from_text(
                        self.store, self.article_id, answer.text, near
                    ),
                    "Claim added",
                    follow_new=True,
                )

        body = self.article.body
        near = current.start if current else 0

        def problem(text: str) -> str | None:
            if edits.locate(body, text, near) is None:
                return "That text is not in the article: copy it from the article"
            return None

        self.app.push_screen(AddClaimDialog(candidates, first, problem), chosen)

    def action_edit_claim(self) -> None:
        from factcheck_tui.core.desk import edits
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(text: str | None) -> None:
            if text is None or " ".join(text.split()) == claim.text:
                return
            reworded: list[bool] = []
            self._edit(
                lambda: reworded.append(edits.edit_claim_text(self.store, claim.id, text)),
                follow=claim.id,
            )
            if reworded and reworded[0]:
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
        from factcheck_tui.core.desk import edits
        from factcheck_tui.tui.dialogs.text_edit import SplitDialog

        claim = self.current_claim
        if claim is None:
            return

        def split(at: int | None) -> None:
            if at is not None:
                self._edit(
                    lambda: edits.split_claim(self.store, claim.id, at),
                    "Claim split",
                    follow=claim.id,
                )

        self.app.push_screen(SplitDialog(claim.text), split)

    def action_merge_claim(self) -> None:
        from factcheck_tui.core.desk import edits

        claim = self.current_claim
        if claim is not None:
            self._edit(
                lambda: edits.merge_with_next(self.store, claim.id),
                "Merged with the next claim",
                follow=claim.id,
            )

    def action_dismiss_claim(self) -> None:
        from factcheck_tui.core.desk import edits

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
            lambda: edits.set_dismissed(self.store, targets, dismiss),
            f"{len(targets)} claim{'s' if len(targets) > 1 else ''} {verb}"
            + (" (D shows dismissed claims)" if dismiss and not self.show_dismissed else ""),
        )

    def action_toggle_dismissed(self) -> None:
        self.show_dismissed = not self.show_dismissed
        self.reload()

    def action_threshold(self) -> None:
        from factcheck_tui.core.desk import edits
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
            result: list[tuple[int, int]] = []
            self._edit(
                lambda: result.append(edits.set_threshold(self.store, self.article_id, threshold))
            )
            if result:
                added, removed = result[0]
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
