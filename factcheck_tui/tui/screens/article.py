"""An article on the left, its claims on the right: walk, mark, annotate, source, copy, undo.

Every change goes straight to the store (one committed transaction per key press) and the
screen then redraws from what the store holds, so the screen never shows an unsaved mark.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from factcheck_tui.core.errors import FactcheckError
from factcheck_tui.core.models import Article, Claim
from factcheck_tui.core.store import Store
from factcheck_tui.tui.clipboard import copy_text
from factcheck_tui.tui.widgets.article_view import ArticleView
from factcheck_tui.tui.widgets.claim_list import ClaimList
from factcheck_tui.tui.widgets.styles import STATUS_LABELS

POLL_SECONDS = 1.0


def claim_clipboard_text(claim: Claim) -> str:
    """What `y` copies: the claim with its status, note and sources, ready to paste."""
    lines = [claim.text, f"Status: {STATUS_LABELS[claim.status]}"]
    if claim.checker and claim.status != "unchecked":
        lines[-1] += f" ({claim.checker}, {claim.checked_at[:10]})"
    if claim.note:
        lines.append(f"Note: {claim.note}")
    lines.extend(f"Source: {source.describe()}" for source in claim.sources)
    lines.extend(
        f"Prior fact-check: {report.rating or 'unrated'} — {report.publisher} {report.url}".rstrip()
        for report in claim.linked_reports
    )
    return "\n".join(lines)


def claim_detail(claim: Claim) -> Text:
    detail = Text()
    detail.append(f"{STATUS_LABELS[claim.status]}", style="bold")
    if claim.checker and claim.status != "unchecked":
        detail.append(f" by {claim.checker} at {claim.checked_at[:16].replace('T', ' ')}")
    detail.append(f"   score {claim.score:.2f}", style="dim")
    if claim.reasons:
        detail.append("\nwhy: " + "; ".join(claim.reasons), style="dim")
    if claim.note:
        detail.append("\nnote: ", style="bold")
        detail.append(claim.note)
    for source in claim.sources:
        detail.append("\nsource: ", style="bold")
        detail.append(source.describe())
    for report in claim.linked_reports:
        detail.append("\nlinked: ", style="bold")
        detail.append(f"{report.rating or 'unrated'} · {report.publisher} · {report.url}")
    return detail


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next claim", id="claims.down", show=False),
        Binding("up,k", "cursor_up", "Previous claim", id="claims.up", show=False),
        Binding("home,g", "cursor_first", "First claim", id="claims.first", show=False),
        Binding("end,G", "cursor_last", "Last claim", id="claims.last", show=False),
        Binding("v", "mark('verified')", "Verified", id="claims.verify", show=True),
        Binding("u", "mark('unverified')", "Unverified", id="claims.unverify", show=True),
        Binding("c", "mark('unchecked')", "Back to unchecked", id="claims.clear", show=False),
        Binding("space", "toggle_select", "Select claim", id="claims.select", show=False),
        Binding("n", "note", "Note", id="claims.note", show=True),
        Binding("s", "source", "Source", id="claims.source", show=True),
        Binding("y", "copy", "Copy claim", id="claims.copy", show=True),
        Binding("ctrl+z", "undo", "Undo", id="claims.undo", show=True),
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
        Binding("e", "export", "Export CSV", id="article.export", show=True),
        Binding("escape", "back", "Articles", id="article.back", show=True),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.claims: list[Claim] = []
        self.selected: set[int] = set()
        self._data_version = 0

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined,no-any-return]

    @property
    def article(self) -> Article:
        return self._article

    def compose(self) -> ComposeResult:
        self._article = self.store.article(self.article_id)
        with Horizontal(id="panes"):
            yield ArticleView(self._article.body, id="article")
            with Vertical(id="side"):
                yield ClaimList(id="claims")
                yield Static(id="claim-detail", markup=False)
        yield Static(id="status-line", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(ClaimList).focus()
        self._data_version = self.store.data_version()
        self.set_interval(POLL_SECONDS, self._poll_other_checkers)

    # ---------------------------------------------------------------- drawing
    def reload(self) -> None:
        """Re-read this article's claims from the store and redraw what changed."""
        self.claims = self.store.claims(self.article_id)
        ids = {claim.id for claim in self.claims}
        self.selected &= ids
        self.query_one(ClaimList).sync(self.claims, self.selected)
        self._redraw_current()

    def _redraw_current(self) -> None:
        claim = self.current_claim
        self.query_one(ArticleView).show(self.claims, claim.id if claim else None)
        detail = self.query_one("#claim-detail", Static)
        detail.update(claim_detail(claim) if claim else Text("No claims in this article."))
        self._update_status_line()

    def _update_status_line(self) -> None:
        line = Text()
        line.append(self.article.title, style="bold")
        if self.article.date:
            line.append(f" ({self.article.date})")
        line.append(f" — {self.store.progress(self.article_id)}")
        if self.selected:
            line.append(f" · {len(self.selected)} selected", style="bold yellow")
        if self.store.read_only:
            line.append(" · READ-ONLY: changes are not saved", style="bold red")
        self.query_one("#status-line", Static).update(line)

    @property
    def current_claim(self) -> Claim | None:
        index = self.query_one(ClaimList).highlighted
        if index is None or not self.claims or index >= len(self.claims):
            return None
        return self.claims[index]

    @on(OptionList.OptionHighlighted, "#claims")
    def _claim_highlighted(self) -> None:
        self._redraw_current()
        claim = self.current_claim
        if claim is not None:
            self.query_one(ArticleView).scroll_to_claim(claim)

    def _poll_other_checkers(self) -> None:
        """Show another checker's changes within a second (PRAGMA data_version is cheap)."""
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self.reload()

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

    def _change(self, change: object) -> bool:
        """Run a store change; a refused change becomes a notification, never a crash."""
        try:
            change()  # type: ignore[operator]
        except FactcheckError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return False
        return True

    def action_mark(self, status: str) -> None:
        targets = self._targets()
        if not targets:
            return
        if self._change(lambda: self.store.set_status(targets, status)):
            if len(targets) > 1:
                self.notify(f"{len(targets)} claims marked {status}")
            self.selected.clear()
            self.reload()

    def action_toggle_select(self) -> None:
        claim = self.current_claim
        if claim is None:
            return
        self.selected ^= {claim.id}
        self.query_one(ClaimList).sync(self.claims, self.selected)
        self._update_status_line()

    def action_note(self) -> None:
        from factcheck_tui.tui.dialogs.note import NoteDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(note: str | None) -> None:
            if note is not None and self._change(lambda: self.store.set_note(claim.id, note)):
                self.reload()

        self.app.push_screen(NoteDialog(claim.text, claim.note), save)

    def action_source(self) -> None:
        from factcheck_tui.tui.dialogs.source import SourceAnswer, SourceDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(answer: SourceAnswer | None) -> None:
            if answer is None:
                return
            if self._change(
                lambda: self.store.add_source(
                    claim.id,
                    kind=answer.kind,
                    reference=answer.reference,
                    tier=answer.tier,
                    consulted_on=answer.consulted_on,
                )
            ):
                self.reload()

        self.app.push_screen(SourceDialog(), save)

    def action_copy(self) -> None:
        claim = self.current_claim
        if claim is None:
            return
        how = copy_text(self.app, claim_clipboard_text(claim))
        self.notify(f"Copied claim {how}", markup=False)

    def action_undo(self) -> None:
        result: list[str | None] = []
        if self._change(lambda: result.append(self.store.undo(self.article_id))):
            self.notify(result[0] or "Nothing to undo", markup=False)
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

    def action_export(self) -> None:
        from factcheck_tui.tui.screens.exporting import ask_and_export

        ask_and_export(self, article_id=self.article_id, title=self.article.title)

    def action_back(self) -> None:
        self.dismiss()
