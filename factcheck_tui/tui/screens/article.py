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
from textual.widgets import Footer, Input, OptionList, Static

from factcheck_tui.core.errors import FactcheckError
from factcheck_tui.core.models import Article, Claim
from factcheck_tui.core.store import Store
from factcheck_tui.core.verdicts import Scale
from factcheck_tui.tui.clipboard import copy_text
from factcheck_tui.tui.widgets.article_view import ArticleView
from factcheck_tui.tui.widgets.claim_list import ClaimList

POLL_SECONDS = 1.0


def claim_clipboard_text(claim: Claim, scale: Scale) -> str:
    """What `y` copies: the claim with its status, note and sources, ready to paste."""
    lines = [claim.text, f"Status: {scale.label(claim.status)}"]
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


def claim_detail(claim: Claim, scale: Scale) -> Text:
    detail = Text()
    detail.append(scale.label(claim.status), style="bold")
    if claim.checker and claim.status != "unchecked":
        detail.append(f" by {claim.checker} at {claim.checked_at[:16].replace('T', ' ')}")
    detail.append(f"   score {claim.score:.2f}", style="dim")
    if claim.reasons:
        detail.append("\nwhy: " + "; ".join(claim.reasons), style="dim")
    if claim.reworded:
        detail.append("\nreworded: the text differs from the article's", style="italic")
    if claim.revision_state == "changed":
        detail.append("\nchanged since the previous revision — re-check", style="bold magenta")
        detail.append("\nbefore: ", style="bold")
        detail.append(claim.previous_text)
        detail.append("\nnow:    ", style="bold")
        detail.append(claim.text)
    elif claim.revision_state == "removed":
        detail.append("\nthis sentence is gone from the new revision", style="bold magenta")
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
        Binding("v", "mark_positive", "Verified", id="claims.verify", show=True),
        Binding("u", "mark_negative", "Unverified", id="claims.unverify", show=True),
        Binding("c", "mark('unchecked')", "Back to unchecked", id="claims.clear", show=False),
        Binding("m", "pick_verdict", "Choose a verdict", id="claims.verdict", show=False),
        Binding("space", "toggle_select", "Select claim", id="claims.select", show=False),
        # While a search is active, n/N move between hits; otherwise n writes a note.
        Binding("n", "next_hit(1)", "Next search hit", id="article.next_hit", show=False),
        Binding("N", "next_hit(-1)", "Previous search hit", id="article.previous_hit", show=False),
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
        Binding("a", "add_claim", "Add a claim", id="claims.add", show=False),
        Binding("r", "edit_claim", "Edit claim text", id="claims.edit", show=False),
        Binding("S", "split_claim", "Split claim", id="claims.split", show=False),
        Binding("M", "merge_claim", "Merge with next claim", id="claims.merge", show=False),
        Binding("d", "dismiss_claim", "Dismiss / restore claim", id="claims.dismiss", show=False),
        Binding(
            "D", "toggle_dismissed", "Show dismissed claims", id="claims.show_dismissed", show=False
        ),
        Binding("T", "threshold", "Claim threshold", id="article.threshold", show=False),
        Binding("f", "cycle_filter", "Filter claims by status", id="claims.filter", show=False),
        Binding("h", "claim_history", "Claim history", id="claims.history", show=False),
        Binding("slash", "search", "Search the article", id="article.search", show=False),
        Binding("e", "export", "Export CSV", id="article.export", show=True),
        Binding("escape", "back", "Articles", id="article.back", show=True),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.claims: list[Claim] = []
        self.selected: set[int] = set()
        self.show_dismissed = False
        self.status_filter = "all"
        self.search_hits: list[tuple[int, int]] = []
        self.hit_index = 0
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
                yield ClaimList(self.store.scale, id="claims")
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
        self.query_one(ClaimList).focus()
        self._data_version = self.store.data_version()
        self.set_interval(POLL_SECONDS, self._poll_other_checkers)

    # ---------------------------------------------------------------- drawing
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

    def _redraw_current(self) -> None:
        claim = self.current_claim
        self.query_one(ArticleView).show(
            self.claims,
            claim.id if claim else None,
            self.search_hits,
            lambda status: self.store.scale.verdict(status).kind,
        )
        detail = self.query_one("#claim-detail", Static)
        detail.update(
            claim_detail(claim, self.store.scale) if claim else Text("No claims in this article.")
        )
        self._update_status_line()

    def _update_status_line(self) -> None:
        line = Text()
        line.append(self.article.title, style="bold")
        if self.article.date:
            line.append(f" ({self.article.date})")
        line.append(f" — {self.store.progress(self.article_id)}")
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
        self.query_one(ClaimList).sync(self.claims, self.selected)
        self._update_status_line()

    def action_note(self) -> None:
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(note: str | None) -> None:
            if note is not None and self._change(lambda: self.store.set_note(claim.id, note)):
                self.reload()

        self.app.push_screen(TextEditDialog("Note on the claim", claim.text, claim.note), save)

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
        how = copy_text(self.app, claim_clipboard_text(claim, self.store.scale))
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
        else:
            self.dismiss()

    # ----------------------------------------------------- fixing the claim list
    def _edit(self, change: object, message: str = "") -> None:
        """Run a claim-list edit (see core.edits); redraw and say what happened."""
        if self._change(change):
            if message:
                self.notify(message, markup=False)
            self.reload()

    def action_add_claim(self) -> None:
        from factcheck_tui.core import edits
        from factcheck_tui.core.extract import extract
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
            if answer.span:
                self._edit(
                    lambda: edits.add_claim(self.store, self.article_id, *answer.span),
                    "Claim added",
                )
            else:
                self._edit(
                    lambda: edits.add_claim_from_text(
                        self.store, self.article_id, answer.text, near
                    ),
                    "Claim added",
                )

        self.app.push_screen(AddClaimDialog(candidates, first), chosen)

    def action_edit_claim(self) -> None:
        from factcheck_tui.core import edits
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        claim = self.current_claim
        if claim is None:
            return

        def save(text: str | None) -> None:
            if text is None or " ".join(text.split()) == claim.text:
                return
            reworded: list[bool] = []
            self._edit(lambda: reworded.append(edits.edit_claim_text(self.store, claim.id, text)))
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
        from factcheck_tui.core import edits
        from factcheck_tui.tui.dialogs.text_edit import SplitDialog

        claim = self.current_claim
        if claim is None:
            return

        def split(at: int | None) -> None:
            if at is not None:
                self._edit(lambda: edits.split_claim(self.store, claim.id, at), "Claim split")

        self.app.push_screen(SplitDialog(claim.text), split)

    def action_merge_claim(self) -> None:
        from factcheck_tui.core import edits

        claim = self.current_claim
        if claim is not None:
            self._edit(
                lambda: edits.merge_with_next(self.store, claim.id), "Merged with the next claim"
            )

    def action_dismiss_claim(self) -> None:
        from factcheck_tui.core import edits

        targets = self._targets()
        if not targets:
            return
        dismiss = not all(c.dismissed for c in self.claims if c.id in targets)
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
        from factcheck_tui.core import edits
        from factcheck_tui.core.extract import DEFAULT_THRESHOLD
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        current = self.store.conn.execute(
            "SELECT threshold FROM articles WHERE id = ?", (self.article_id,)
        ).fetchone()[0]

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
