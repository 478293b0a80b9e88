"""An article on the left, its claims on the right: walk, mark, annotate, source, copy, undo.

Every change goes straight to the store (one committed transaction per key press) and the
screen then redraws from what the store holds, so the screen never shows an unsaved mark.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from factcheck_tui.core.desk.claim_checks import (
    EditSource,
    Mark,
    RemoveSource,
    SetCorrection,
    SetNote,
    UnlinkReport,
)
from factcheck_tui.core.records.models import Article, Claim, LinkedReport, Source
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.tui.clipboard import WEB_SCHEMES, copy_text, url_scheme
from factcheck_tui.tui.screens.article_facts import FactChecking, facts_against
from factcheck_tui.tui.screens.claim_editing import ClaimEditing
from factcheck_tui.tui.screens.claim_suggestions import ClaimSuggestions
from factcheck_tui.tui.widgets.article_view import ArticleView
from factcheck_tui.tui.widgets.claim_list import ClaimList

if TYPE_CHECKING:
    from factcheck_tui.core.matching.desk_search import DeskHit


def claim_clipboard_text(claim: Claim, scale: Scale, article: Article | None = None) -> str:
    """What `y` copies: the claim with the article it is from (title and URL), its status,
    suggested correction, note and sources, ready to paste."""
    lines = [claim.text]
    if article is not None:
        lines.append(f"Article: {article.title}" + (f" — {article.url}" if article.url else ""))
    lines.append(f"Status: {scale.label(claim.status)}")
    if claim.checker and claim.status != "unchecked":
        lines[-1] += f" ({claim.checker}, {claim.checked_at[:10]})"
    if claim.correction:
        lines.append(f"Suggested correction: {claim.correction}")
    if claim.note:
        lines.append(f"Note: {claim.note}")
    lines.extend(f"Source: {source.describe()}" for source in claim.sources)
    lines.extend(
        " ".join(
            f"Prior fact-check: {report.rating or 'unrated'} — {report.publisher} {report.url} "
            f"{report.change_note()}".split()
        )
        for report in claim.linked_reports
    )
    return "\n".join(lines)


OVERRIDE_WINDOW = dt.timedelta(hours=1)


def colleagues_recent_verdicts(claims: list[Claim], status: str, checker: str) -> list[Claim]:
    """The claims among these whose verdict another checker set within the last hour and
    that `status` would change: marking them overrides a colleague's fresh work."""
    now = dt.datetime.now(dt.UTC)
    found = []
    for claim in claims:
        if claim.status in (status, "unchecked") or not claim.checker or claim.checker == checker:
            continue
        try:
            when = dt.datetime.fromisoformat(claim.checked_at.replace("Z", "+00:00"))
        except ValueError:
            continue
        if now - when <= OVERRIDE_WINDOW:
            found.append(claim)
    return found


class ArticleScreen(ClaimSuggestions, ClaimEditing, FactChecking):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "mark_positive", "Verified", id="claims.verify", show=True),
        Binding("u", "mark_negative", "Unverified", id="claims.unverify", show=True),
        Binding("c", "mark('unchecked')", "Back to unchecked", id="claims.clear", show=False),
        Binding("m", "pick_verdict", "Choose a verdict", id="claims.verdict", show=False),
        Binding("space", "toggle_select", "Select claim", id="claims.select", show=False),
        # While a search is active, n/N move between hits; otherwise n writes a note.
        Binding("n", "next_hit(1)", "Next search hit", id="article.next_hit", show=False),
        Binding("N", "next_hit(-1)", "Previous search hit", id="article.previous_hit", show=False),
        Binding("n", "note", "Note", id="claims.note", show=True),
        Binding("C", "correction", "Suggested correction", id="claims.correction", show=False),
        Binding("s", "source", "Source", id="claims.source", show=True),
        Binding("x", "fix_sources", "Edit or remove a source or link", id="claims.fix", show=False),
        Binding("y", "copy", "Copy claim", id="claims.copy", show=True),
        Binding("ctrl+z", "undo", "Undo", id="claims.undo", show=True),
        # Declared here, not in ClaimSuggestions, so the footer lists it after the marks:
        # at 80 columns v, u, n and s stay on screen.
        Binding(
            "l", "use_suggestion(0)", "Link / apply suggestion", id="suggestions.use", show=True
        ),
        Binding(
            "left_square_bracket",
            "neighbour(-1)",
            "Previous article",
            id="article.previous",
            show=False,
        ),
        Binding(
            "right_square_bracket", "neighbour(1)", "Next article", id="article.next", show=False
        ),
        Binding("f", "cycle_filter", "Filter claims by status", id="claims.filter", show=False),
        Binding("h", "claim_history", "Claim history", id="claims.history", show=False),
        Binding("slash", "search", "Search the article", id="article.search", show=False),
        Binding("F", "search_desk", "Search the whole desk", id="article.search_desk", show=False),
        Binding("e", "export", "Export", id="article.export", show=True),
        Binding("escape", "back", "Articles", id="article.back", show=True),
    ]

    def action_mark(self, status: str) -> None:
        """Mark the targets; a positive verdict over a fact found unverified or disputed is
        asked first (the verdict stays the checker's call)."""
        targets = self._targets()
        if not targets:
            return
        if self.store.scale.verdict(status).kind == "positive":
            against = facts_against([c for c in self.claims if c.id in targets])
            if against:
                from factcheck_tui.tui.dialogs.confirm import ConfirmDialog

                question = (
                    f"{len(against)} fact{'s' if len(against) > 1 else ''} of this claim "
                    f"{'are' if len(against) > 1 else 'is'} unverified or disputed ("
                    + "; ".join(f.describe() for f in against[:3])
                    + f"): mark it '{self.store.scale.label(status)}' anyway?"
                )
                self.app.push_screen(
                    ConfirmDialog(question),
                    lambda yes: self._mark_now(targets, status) if yes else None,
                )
                return
        self._mark_now(targets, status)

    def _mark_now(self, targets: list[int], status: str) -> None:
        overridden = colleagues_recent_verdicts(
            [c for c in self.claims if c.id in targets], status, self.store.checker
        )
        with self.refusals_shown():
            self.store.apply(Mark(targets, status))
            if len(targets) > 1:
                self.notify(f"{len(targets)} claims marked {status}")
            if overridden:
                # Said, not asked: the mark is made (one ctrl+z undoes it) and the history (h)
                # keeps both verdicts, with who and when.
                self.notify(
                    "You replaced "
                    + "; ".join(
                        f"{c.checker}'s '{self.store.scale.label(c.status)}' of "
                        f"{c.checked_at[11:16]} UTC"
                        for c in overridden[:3]
                    )
                    + (f" and {len(overridden) - 3} more" if len(overridden) > 3 else "")
                    + " (h shows both; ctrl+z undoes)",
                    severity="warning",
                    markup=False,
                )
            self.selected.clear()
            self.refresh_claims(targets)

    def action_mark_positive(self) -> None:
        self.action_mark(self.store.scale.positive)

    def action_mark_negative(self) -> None:
        self.action_mark(self.store.scale.negative)

    def action_pick_verdict(self) -> None:
        from factcheck_tui.tui.dialogs.verdict import VerdictDialog

        def chosen(status: str | None) -> None:
            if status is not None:
                self.action_mark(status)

        self.app.push_screen(VerdictDialog(self.store.scale), chosen)

    def action_toggle_select(self) -> None:
        claim = self.current_claim
        if claim is None:
            return
        self.selected ^= {claim.id}
        index = self.query_one(ClaimList).highlighted or 0
        self.query_one(ClaimList).update_claims([index], self.claims, self.selected)
        self._update_status_line()

    def action_note(self) -> None:
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim = self.current_claim
        if claim is None:
            return

        def saved() -> None:
            self.note_drafts.pop(claim.id, None)
            self.unsaved_notes.discard(claim.id)

        def save(note: str | None) -> None:
            if note is None:
                return
            # Kept until the desk has it: a save that fails (a full disk, a busy desk) loses
            # nothing, `n` reopens it, and quitting asks first.
            self.note_drafts[claim.id] = note
            self.unsaved_notes.add(claim.id)
            with self.refusals_shown(on_saved=saved):
                self.store.apply(SetNote(claim.id, note))
                saved()
                self.refresh_claims([claim.id])

        def keep(draft: str) -> None:
            self.note_drafts[claim.id] = draft
            self.notify("Note not saved: the draft is kept, n reopens it (ctrl+s saves)")

        draft = self.note_drafts.get(claim.id)
        self.app.push_screen(
            TextEditDialog(
                "Note on the claim" + (" (your unsaved draft)" if draft is not None else ""),
                claim.text,
                claim.note if draft is None else draft,
                help_text="ctrl+s save · escape closes and keeps the draft",
                save_on_quit=save,
                keep_draft=keep,
            ),
            save,
        )

    def action_correction(self) -> None:
        """The wording (or figure) the piece should use instead; empty removes it."""
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(correction: str | None) -> None:
            if correction is None:
                return
            with self.refusals_shown():
                self.store.apply(SetCorrection(claim.id, correction))
                self.reload()

        self.app.push_screen(
            TextEditDialog(
                "Suggested correction: what the piece should say instead",
                claim.text,
                claim.correction,
                help_text="ctrl+s save · escape cancel · an empty text removes the correction",
                save_on_quit=save,
            ),
            save,
        )

    def action_source(self) -> None:
        claim = self.current_claim
        if claim is not None:
            self.ask_source(claim)

    def action_fix_sources(self) -> None:
        """x: pick one source (edit or remove) or one link (remove) of the claim."""
        from factcheck_tui.tui.dialogs.fix_sources import FixAnswer, FixSourcesDialog
        from factcheck_tui.tui.dialogs.source import SourceAnswer, SourceDialog

        claim = self.current_claim
        if claim is None:
            return
        if not claim.sources and not claim.linked_reports:
            self.notify("This claim has no source or link yet: s adds a source, l links")
            return

        def edited(answer: SourceAnswer | None, source_id: int) -> None:
            if answer is None:
                return
            with self.refusals_shown():
                self.store.apply(
                    EditSource(
                        source_id,
                        kind=answer.kind,
                        reference=answer.reference,
                        tier=answer.tier,
                        consulted_on=answer.consulted_on,
                    )
                )
                self.notify(f"Source corrected: {answer.reference}", markup=False)
                self.refresh_claims([claim.id])

        def chosen(answer: FixAnswer | None) -> None:
            if answer is None:
                return
            if answer.source is not None and answer.action == "edit":
                source = answer.source
                self.app.push_screen(SourceDialog(source), lambda result: edited(result, source.id))
            elif answer.source is not None:
                removed = answer.source
                with self.refusals_shown():
                    self.store.apply(RemoveSource(removed.id))
                    self.notify(f"Source removed: {removed.reference}", markup=False)
                    self.refresh_claims([claim.id])
            elif answer.link is not None:
                link = answer.link
                with self.refusals_shown():
                    self.store.apply(UnlinkReport(claim.id, link.report_id))
                    self.notify(
                        f"Unlinked: {link.rating or 'unrated'} · {link.publisher} {link.url}",
                        markup=False,
                    )
                    self.refresh_claims([claim.id])
                    self.refresh_suggestions()

        items: list[Source | LinkedReport] = [*claim.sources, *claim.linked_reports]
        self.app.push_screen(FixSourcesDialog(claim.text, items), chosen)

    def action_copy(self) -> None:
        claim = self.current_claim
        if claim is None:
            return
        how = copy_text(self.app, claim_clipboard_text(claim, self.store.scale, self.article))
        links = [self.article.url] if self.article.url else []
        links += [s.reference for s in claim.sources if s.kind == "url"]
        links += [report.url for report in claim.linked_reports if report.url]
        schemes = sorted({url_scheme(url) for url in links} - set(WEB_SCHEMES))
        if schemes:
            named = ", ".join(f"{scheme}:" if scheme else "no scheme" for scheme in schemes)
            self.notify(
                f"Copied claim {how} — careful: a link in it is not http(s) ({named})",
                severity="warning",
                timeout=10,
            )
            return
        self.notify(f"Copied claim {how}")

    def action_undo(self) -> None:
        with self.refusals_shown():
            self.notify(self.store.undo(self.article_id) or "Nothing to undo", markup=False)
            self.reload()

    def action_neighbour(self, step: int) -> None:
        ids = [article.id for article in self.store.list_articles()]
        if self.article_id not in ids:
            return
        index = ids.index(self.article_id) + step
        if 0 <= index < len(ids):
            self.app.switch_screen(ArticleScreen(ids[index]))
        else:
            self.notify("No more articles that way")

    def action_search_desk(self) -> None:
        from factcheck_tui.tui.screens.desk_search import DeskSearchScreen

        def chosen(hit: DeskHit | None) -> None:
            if hit is None:
                return
            if hit.article_id == self.article_id:
                if not self.move_to_claim(hit.claim_id):
                    self.notify("That claim is hidden by the filter here (f shows all)")
            else:
                self.app.switch_screen(ArticleScreen(hit.article_id, focus_claim=hit.claim_id))

        self.app.push_screen(DeskSearchScreen(self.store), chosen)

    # ------------------------------------------------------- filter and search
    def action_cycle_filter(self) -> None:
        order = ("all", *self.store.scale.by_id)
        index = order.index(self.status_filter) if self.status_filter in order else 0
        self.status_filter = order[(index + 1) % len(order)]
        self.reload()

    def action_claim_history(self) -> None:
        from factcheck_tui.tui.screens.history import HistoryScreen

        claim = self.current_claim
        if claim is not None:
            self.app.push_screen(HistoryScreen(claim_id=claim.id))

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        from factcheck_tui.tui.widgets.article_view import find_all

        self.search_hits = find_all(self.article.body, event.value)
        self.hit_index = 0
        self.query_one("#search").display = False
        self.query_one(ClaimList).focus()
        if not self.search_hits:
            self.notify(f"Not found: {event.value}", markup=False)
        self.refresh_bindings()  # n/N now walk the hits: the footer says so
        self._show_hit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_hit":
            return bool(self.search_hits)
        return True

    def action_next_hit(self, step: int) -> None:
        self.hit_index = (self.hit_index + step) % len(self.search_hits)
        self._show_hit()

    def _show_hit(self) -> None:
        if self.search_hits:
            start, _ = self.search_hits[self.hit_index]
            index = next((i for i, c in enumerate(self.claims) if c.start <= start < c.end), None)
            if index is not None:
                self.query_one(ClaimList).highlighted = index
            self.query_one(ArticleView).scroll_to_offset(start)
        self._redraw_current()

    def action_export(self) -> None:
        from factcheck_tui.tui.screens.exporting import ask_and_export

        ask_and_export(self, article_id=self.article_id, title=self.article.title)

    def action_back(self) -> None:
        """Escape first ends a search, then goes back to the article list."""
        box = self.query_one("#search", Input)
        if box.display or self.search_hits:
            box.display = False
            self.search_hits = []
            self.query_one(ClaimList).focus()
            self._redraw_current()
            self.refresh_bindings()  # n is a note again: the footer says so
            claim = self.current_claim
            if claim is not None:  # back from the last hit to the claim being checked
                self.query_one(ArticleView).scroll_to_claim(claim)
        else:
            self.dismiss()
