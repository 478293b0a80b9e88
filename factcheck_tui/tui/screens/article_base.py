"""The article screen's frame: the article on the left, its claims (and what the desk knows
about the selected one) on the right, the status line; drawing, walking and refreshing.

The actions live in subclasses: article.py marks and annotates, claim_editing.py fixes
the claim list, claim_suggestions.py links prior reports and earlier checks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from factcheck_tui.core.records.models import Article, Claim
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.core.store import Store
from factcheck_tui.tui.desk_wait import refusals_shown
from factcheck_tui.tui.sizes import OPEN_PANELS_ROWS, folds_article_panels
from factcheck_tui.tui.widgets.article_view import ArticleView
from factcheck_tui.tui.widgets.claim_list import ClaimList, claim_prompt
from factcheck_tui.tui.widgets.fact_list import FactList
from factcheck_tui.tui.widgets.styles import shown
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel

POLL_SECONDS = 1.0
FOLDED_CLAIM_LINES = 3


def claim_verdict_line(claim: Claim, scale: Scale) -> Text:
    """The detail's first line: the verdict, who and when, the score (what a mark changes)."""
    line = Text()
    line.append(scale.label(claim.status), style="bold")
    if claim.checker and claim.status != "unchecked":
        line.append(f" by {claim.checker} at {claim.checked_at[:16].replace('T', ' ')}")
    line.append(f"   score {claim.score:.2f}", style="dim")
    return shown(line)  # the checker's name is data: never run (core/display)


def claim_folded_line(claim: Claim, scale: Scale) -> Text:
    """The folded detail's one line: the verdict and who, then the key that opens the rest."""
    line = Text()
    line.append(scale.label(claim.status), style="bold")
    if claim.checker and claim.status != "unchecked":
        line.append(f" by {claim.checker}")
    line.append(" · i opens the detail", style="dim")
    return shown(line)


def claim_detail(claim: Claim, scale: Scale) -> Text:
    """The rest of the detail: why it was extracted, revision state, note, sources, links."""
    detail = Text()
    if claim.reasons:
        detail.append("\nwhy: " + "; ".join(claim.reasons), style="dim")
    if claim.reworded:
        detail.append("\nreworded: the text differs from the article's", style="italic")
    if claim.revision_state == "changed":
        again = "re-check" if claim.status == "unchecked" else "re-checked"
        detail.append(f"\nchanged since the previous revision — {again}", style="bold magenta")
        detail.append("\nbefore: ", style="bold")
        detail.append(claim.previous_text)
        detail.append("\nnow:    ", style="bold")
        detail.append(claim.text)
    elif claim.revision_state == "new":
        detail.append("\nnew in this revision", style="bold green")
    elif claim.revision_state == "removed":
        detail.append("\nthis sentence is gone from the new revision", style="bold magenta")
    if claim.dispute is not None:
        detail.append("\n" + claim.dispute.describe(), style="bold magenta")
    if claim.correction:
        detail.append("\ncorrection: ", style="bold")
        detail.append(claim.correction)
    if claim.note:
        detail.append("\nnote: ", style="bold")
        detail.append(claim.note)
    for source in claim.sources:
        detail.append("\nsource: ", style="bold")
        detail.append(source.describe())
    for report in claim.linked_reports:
        detail.append("\nlinked: ", style="bold")
        detail.append(f"{report.rating or 'unrated'} · {report.publisher} · {report.url}")
        if report.changed_since_linked:
            detail.append(f"\n  {report.change_note()}", style="bold yellow")
    return shown(detail[1:] if detail.plain.startswith("\n") else detail)


class ArticleScreenBase(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next claim", id="claims.down", show=False),
        Binding("up,k", "cursor_up", "Previous claim", id="claims.up", show=False),
        Binding("home,g", "cursor_first", "First claim", id="claims.first", show=False),
        Binding("end,G", "cursor_last", "Last claim", id="claims.last", show=False),
        Binding(
            "i",
            "toggle_panels",
            "Open / fold the facts, suggestions and detail",
            id="article.panels",
            show=False,
        ),
    ]

    def __init__(self, article_id: int, *, focus_claim: int | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        # The claim to put the cursor on when the screen opens (a desk-search hit).
        self.focus_claim = focus_claim
        self.claims: list[Claim] = []
        self.selected: set[int] = set()
        self.show_dismissed = False
        self.status_filter = "all"
        self.search_hits: list[tuple[int, int]] = []
        self.hit_index = 0
        self._data_version = 0
        # Notes typed and closed with escape, unsaved, by claim id: `n` offers them again.
        self.note_drafts: dict[int, str] = {}
        # Of those, the ones the checker saved and the desk did not (full disk, busy desk):
        # quitting asks before they are lost.
        self.unsaved_notes: set[int] = set()
        # What each part of the detail shows, and on how many lines (see _show_part).
        self._detail_shown: dict[str, Text] = {}
        self._detail_lines: dict[str, int] = {}
        # `i`'s choice: the panels under the claims open (True) or folded (False); None
        # until pressed: folded where open they would leave fewer than five claims in view
        # (tui/sizes.py), open otherwise.
        self.panels_open: bool | None = None
        self._folding_decided = False

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined]

    @property
    def article(self) -> Article:
        return self._article

    def compose(self) -> ComposeResult:
        self._article = self.store.article(self.article_id)
        with Horizontal(id="panes"):
            yield ArticleView(self._article.body, id="article")
            with Vertical(id="side"):
                yield ClaimList(self.store.scale, id="claims")
                yield FactList(id="facts")
                yield SuggestionsPanel(self.store.scale, id="suggestions")
                with Vertical(id="claim-info"):
                    # Two parts, so a mark repaints the one-line verdict, not the whole detail.
                    yield Static(id="claim-verdict", markup=False)
                    yield Static(id="claim-detail", markup=False)
        yield Input(
            placeholder="search the article (enter: first hit, then n / N; escape ends)",
            id="search",
        )
        yield Static(id="status-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.reload()
        if self.focus_claim is not None:
            self.move_to_claim(self.focus_claim)
        self.query_one(ClaimList).focus()
        self._data_version = self.store.data_version()
        self.set_interval(POLL_SECONDS, self._poll_other_checkers)

    # ---------------------------------------------------------------- drawing
    @property
    def panels_folded(self) -> bool:
        return self.has_class("-folded")

    def on_resize(self) -> None:
        self._fold_panels()

    def _folds_by_itself(self) -> bool:
        """Folded until `i` says otherwise: where, open, the panels would leave fewer than
        five claims in view (tui/sizes.py), unless every claim of the article fits anyway."""
        width, height = self.app.size
        if not folds_article_panels(width, height):
            return False
        room = height - OPEN_PANELS_ROWS
        side = max(width // 2 - 4, 10)
        lines = 0
        for claim in self.claims:
            lines += len(claim_prompt(claim, False, self.store.scale).wrap(self.app.console, side))
            if lines > room:
                return True
        return False

    def _fold_panels(self) -> None:
        """Folded (app.tcss `.-folded`), the facts show only when Tab is in them, the
        suggestions and the detail take a line each (Tab or `i` opens them), and each claim
        at most three lines: a small terminal keeps five claims or more in view."""
        folded = self._folds_by_itself() if self.panels_open is None else not self.panels_open
        if folded == self.panels_folded and self._folding_decided:
            return
        self._folding_decided = True
        self.set_class(folded, "-folded")
        self.query_one(ClaimList).set_max_lines(FOLDED_CLAIM_LINES if folded else None)
        self._detail_shown.clear()
        self._redraw_current()

    def action_toggle_panels(self) -> None:
        self.panels_open = self.panels_folded
        self._fold_panels()

    def reload(self) -> None:
        """Re-read this article's claims from the store and redraw what changed."""
        claims = self.store.claims(self.article_id, include_dismissed=self.show_dismissed)
        if self.status_filter != "all":
            claims = [c for c in claims if c.status == self.status_filter]
        self.claims = claims
        ids = {claim.id for claim in self.claims}
        self.selected &= ids
        self.query_one(ClaimList).sync(self.claims, self.selected)
        self._redraw_current()
        self._fold_panels()

    def refresh_claims(self, claim_ids: Collection[int]) -> None:
        """Redraw after a change of these claims only (a mark, a note, a source): re-read
        them, then update their options, their spans, the detail and the status line. No
        other claim is re-read or re-rendered, and nothing is laid out again unless the
        detail's height changed, so a mark costs the same at 15 claims as at 300."""
        index_of = {claim.id: index for index, claim in enumerate(self.claims)}
        if any(claim_id not in index_of for claim_id in claim_ids):
            self.reload()
            return
        changed = {claim_id: self.store.claim(claim_id) for claim_id in claim_ids}
        if self.status_filter != "all" and any(
            claim.status != self.status_filter for claim in changed.values()
        ):
            self.reload()  # the claim leaves the filtered list
            return
        for claim_id, claim in changed.items():
            self.claims[index_of[claim_id]] = claim
        self.selected &= set(index_of)
        self.query_one(ClaimList).update_claims(
            [index_of[claim_id] for claim_id in changed], self.claims, self.selected
        )
        self._redraw_current(changed=set(changed))

    def _redraw_current(self, changed: Collection[int] | None = None) -> None:
        """The article's tints, the detail and the status line for the selected claim;
        `changed` (claim ids) when only those claims changed (see ArticleView.show)."""
        claim = self.current_claim
        self.query_one(ArticleView).show(
            self.claims,
            claim.id if claim else None,
            self.search_hits,
            lambda status: self.store.scale.verdict(status).kind,
            changed=changed,
        )
        self.query_one(FactList).show(claim)
        scale = self.store.scale
        if claim is None:
            verdict = Text("No claims in this article.")
        elif self.panels_folded:
            verdict = claim_folded_line(claim, scale)
        else:
            verdict = claim_verdict_line(claim, scale)
        self._show_part("#claim-verdict", verdict)
        detail = claim_detail(claim, scale) if claim and not self.panels_folded else Text()
        self._show_part("#claim-detail", detail)
        self._update_status_line()

    def _show_part(self, selector: str, text: Text) -> None:
        """Update one part of the detail if its text changed; a layout pass (every widget
        of the screen measured again) only when it needs another height."""
        if self._detail_shown.get(selector) == text:
            return
        part = self.query_one(selector, Static)
        lines = len(text.wrap(self.app.console, max(part.content_size.width, 1))) if text else 0
        part.update(text, layout=lines != self._detail_lines.get(selector))
        if part.display != bool(text):
            part.display = bool(text)
        self._detail_shown[selector] = text
        self._detail_lines[selector] = lines

    def _update_status_line(self) -> None:
        # The counts and states first, the title last: a narrow terminal cuts the title,
        # not what the checker is counting.
        line = Text(str(self.store.progress(self.article_id)))
        if self.selected:
            line.append(f" · {len(self.selected)} selected", style="bold yellow")
        if self.show_dismissed:
            line.append(" · showing dismissed", style="italic")
        if self.status_filter != "all":
            label = self.store.scale.label(self.status_filter)
            line.append(f" · showing {label} only", style="italic")
        if self.search_hits:
            line.append(
                f" · hit {self.hit_index + 1}/{len(self.search_hits)} (n/N)", style="italic"
            )
        if self.store.read_only:
            line.append(" · READ-ONLY: changes are not saved", style="bold red")
        line.append(" — ")
        line.append(self.article.title, style="bold")
        if self.article.date:
            line.append(f" ({self.article.date})")
        newer = self.store.newer_revision(self.article_id)
        if newer is not None:  # first, so a narrow terminal still shows it
            line = Text.assemble(
                (f"REPLACED by revision {newer[1]}: escape, then open the latest · ", "bold red"),
                line,
            )
        # One line, always: no layout pass needed (keeps a mark's repaint small).
        self.query_one("#status-line", Static).update(shown(line), layout=False)

    @property
    def current_claim(self) -> Claim | None:
        index = self.query_one(ClaimList).highlighted
        if index is None or not self.claims or index >= len(self.claims):
            return None
        return self.claims[index]

    @on(OptionList.OptionHighlighted, "#claims")
    def _claim_highlighted(self) -> None:
        self._redraw_current(changed=())  # only the selection moved
        claim = self.current_claim
        if claim is not None:
            self.query_one(ArticleView).scroll_to_claim(claim)

    def _poll_other_checkers(self) -> None:
        """Show another checker's changes within a second (PRAGMA data_version is cheap)."""
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self.reload()

    def move_to_claim(self, claim_id: int) -> bool:
        """Put the cursor on this claim of the article, if it is listed."""
        index = next((i for i, c in enumerate(self.claims) if c.id == claim_id), None)
        if index is None:
            return False
        self.query_one(ClaimList).highlighted = index
        return True

    # ---------------------------------------------------------------- actions
    def action_cursor_down(self) -> None:
        self.query_one(ClaimList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(ClaimList).action_cursor_up()

    def action_cursor_first(self) -> None:
        self.query_one(ClaimList).action_first()

    def action_cursor_last(self) -> None:
        self.query_one(ClaimList).action_last()

    def _targets(self) -> list[int]:
        """The Space-selected claims, else the highlighted one."""
        if self.selected:
            return [claim.id for claim in self.claims if claim.id in self.selected]
        claim = self.current_claim
        return [claim.id] if claim else []

    def refusals_shown(
        self, on_saved: Callable[[], None] | None = None
    ) -> contextlib.AbstractContextManager[None]:
        """A refused change becomes a notification (tui/desk_wait.refusals_shown)."""
        return refusals_shown(self, on_saved)

    def ask_source(self, claim: Claim, fact_id: int | None = None) -> None:
        """`s`: the source dialog (its locator "p. 4" when the claim is on page 4 of a
        paginated article), then the source added to the claim (or to one of its facts,
        `fact_id`) as one change."""
        from factcheck_tui.core.desk.claim_checks import AddSource
        from factcheck_tui.tui.dialogs.source import SourceAnswer, SourceDialog

        def save(answer: SourceAnswer | None) -> None:
            if answer is None:
                return
            with self.refusals_shown():
                self.store.apply(
                    AddSource(
                        claim.id,
                        kind=answer.kind,
                        reference=answer.reference,
                        tier=answer.tier,
                        consulted_on=answer.consulted_on,
                        locator=answer.locator,
                        fact_id=fact_id,
                    )
                )
                self.refresh_claims([claim.id])

        # A claim on page 4 of a PDF: the source is most often the document itself, there.
        page = self.store.page_of(claim.article_id, claim.start)
        self.app.push_screen(SourceDialog(locator=f"p. {page}" if page else ""), save)
