"""Suggestions for the selected claim — our earlier checks, then prior fact-check reports —
computed in a thread worker as the selection moves (the latest selection wins; the UI never
waits), and acted on by key: `l` or 1–5 link a report or apply an earlier verdict, `U`
unlinks, `y` in the panel copies a report's URL, `R` searches all reports, `L` proposes links
for every claim. Nothing is ever linked without a key press."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.worker import get_current_worker

from factcheck_tui.core.desk.claim_checks import LinkReports, UnlinkReport
from factcheck_tui.core.desk.earlier_checks import ApplyEarlier
from factcheck_tui.core.matching.earlier import earlier_checks
from factcheck_tui.core.store import Store
from factcheck_tui.tui.jobs import run_job
from factcheck_tui.tui.screens.article_base import ArticleScreenBase
from factcheck_tui.tui.widgets.suggestions import PanelItem, SuggestionsPanel

REPORTS_SHOWN = 5
# How much nicer than the UI thread the suggestions workers run (Linux nice values).
WORKER_NICE = 10
EARLIER_SHOWN = 3


def background_priority() -> None:
    """Run this thread (a suggestions worker) at a lower OS priority than the UI thread: on a
    busy machine the key presses get the CPU first. Linux applies a thread id's nice value to
    that thread alone; elsewhere this does nothing."""
    import os
    import threading

    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)
    except (AttributeError, OSError):
        pass


def suggestions_for(
    reader: Store, claim_id: int, cancelled: Callable[[], bool] = lambda: False
) -> list[PanelItem]:
    """Earlier checks first, then prior reports; runs in a worker on its own connection.
    A worker whose claim is no longer selected (`cancelled`) stops between the two."""
    items = [PanelItem(earlier=check) for check in earlier_checks(reader, claim_id, EARLIER_SHOWN)]
    if cancelled():
        return items
    from factcheck_tui.core.matching.match import match_with_weak

    claim = reader.claim(claim_id)
    linked = {report.report_id for report in claim.linked_reports}
    items.extend(
        PanelItem(report=suggestion, linked=suggestion.report_id in linked)
        for suggestion in match_with_weak(reader, claim.text, REPORTS_SHOWN)
    )
    return items


class ClaimSuggestions(ArticleScreenBase):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n),
                f"use_suggestion({n})",
                f"Link / apply suggestion {n}",
                id=f"suggestions.use_{n}",
                show=False,
            )
            for n in range(1, 6)
        ),
        Binding(
            "w",
            "show_weak",
            "Show / fold weak suggestions (under the line)",
            id="suggestions.show_weak",
            show=False,
        ),
        Binding("U", "unlink", "Unlink report", id="suggestions.unlink", show=False),
        Binding("R", "search_reports", "Search prior reports", id="suggestions.search", show=False),
        Binding(
            "L",
            "link_all",
            "Link all: propose reports for every claim",
            id="suggestions.link_all",
            show=False,
        ),
    ]

    _reader: Store | None = None
    # The running suggestions workers' connections (by id of the worker); made on the UI
    # thread before the first worker starts.
    _loading: dict[int, Store] | None = None

    def reader(self) -> Store:
        """A read-only connection of the workers' own, opened on first use."""
        if self._reader is None:
            self._reader = self.store.another_connection(read_only=True)
        return self._reader

    def on_unmount(self) -> None:
        if self._reader is not None:
            self._reader.close()

    @on(OptionList.OptionHighlighted, "#claims")
    def _refresh_suggestions(self) -> None:
        claim = self.current_claim
        panel = self.query_one(SuggestionsPanel)
        if claim is None:
            panel.show_items(0, [])
            return
        if panel.claim_id != claim.id:
            panel.show_pending()
            if self._loading is None:
                self._loading = {}
            self._interrupt_stale()
            self._load_suggestions(claim.id)

    def _load_suggestions(self, claim_id: int) -> None:
        run_job(
            self,
            lambda: self._suggest(claim_id),
            name="suggestions",
            group="suggestions",
            exclusive=True,
        )

    def _suggest(self, claim_id: int) -> None:
        worker = get_current_worker()
        background_priority()
        # A connection of its own, so that a stale worker's SQL can be interrupted alone.
        reader = self.store.another_connection(read_only=True)
        loading = self._loading if self._loading is not None else {}
        loading[id(worker)] = reader
        try:
            items = suggestions_for(reader, claim_id, lambda: worker.is_cancelled)
        except sqlite3.OperationalError:
            if worker.is_cancelled:  # interrupted: the cursor moved on (see _interrupt_stale)
                return
            raise
        finally:
            loading.pop(id(worker), None)
            reader.close()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_suggestions, claim_id, items)

    def _interrupt_stale(self) -> None:
        """Stop the SQL of the suggestions workers running for a claim no longer selected, so
        the CPU goes to the new claim (and to key presses) at once."""
        for reader in list((self._loading or {}).values()):
            reader.conn.interrupt()

    def _show_suggestions(self, claim_id: int, items: list[PanelItem]) -> None:
        claim = self.current_claim
        if claim is not None and claim.id == claim_id:  # the latest selection wins
            self.query_one(SuggestionsPanel).show_items(claim_id, items)

    def refresh_suggestions(self) -> None:
        """Recompute for the current claim (after linking or applying)."""
        self.query_one(SuggestionsPanel).claim_id = None
        self._refresh_suggestions()

    def action_use_suggestion(self, number: int) -> None:
        panel = self.query_one(SuggestionsPanel)
        claim = self.current_claim
        if claim is None or panel.claim_id != claim.id:
            self.notify("Suggestions are still loading")
            return
        index = panel.highlighted if number == 0 else number - 1
        if index is None or index >= len(panel.items):
            self.notify("No such suggestion")
            return
        item = panel.items[index]
        if item.earlier is not None:
            check = item.earlier
            if check.refusal:  # under the line, or a figure or a name disagrees
                self.notify(check.refusal, severity="warning", markup=False)
                return
            with self.refusals_shown():
                self.store.apply(ApplyEarlier(claim.id, check.claim_id))
                self.notify(f"Applied the earlier check from '{check.article_title}'", markup=False)
        else:
            self._link(claim.id, item.report)
            return
        self.reload()
        self.refresh_suggestions()

    def _link(self, claim_id: int, report: Any) -> None:
        """Link a prior report (a match.Suggestion) to a claim, say so, and redraw."""
        with self.refusals_shown():
            self.store.apply(LinkReports([(claim_id, report.report_id, report.score)]))
            self.notify(f"Linked: {report.rating or 'unrated'} · {report.publisher}", markup=False)
        self.reload()
        self.refresh_suggestions()

    def action_show_weak(self) -> None:
        panel = self.query_one(SuggestionsPanel)
        panel.toggle_weak()
        if panel.show_weak and panel.claim_id is not None and not panel.weak_count:
            self.notify("No weak suggestions for this claim")

    def action_unlink(self) -> None:
        """Unlink the highlighted suggestion's report when it is linked; with no report
        highlighted, the claim's only link. Never another report than the one shown."""
        claim = self.current_claim
        if claim is None or not claim.linked_reports:
            self.notify("This claim has no linked report")
            return
        panel = self.query_one(SuggestionsPanel)
        item = panel.current if panel.claim_id == claim.id else None
        linked = {report.report_id: report for report in claim.linked_reports}
        if item is not None and item.report is not None:
            if item.report.report_id not in linked:
                self.notify(
                    f"Not unlinked: suggestion {(panel.highlighted or 0) + 1} "
                    f"({item.report.rating or 'unrated'} · {item.report.publisher or '?'}) is "
                    "not linked; highlight a linked one (Tab, j/k) or press x to pick a link",
                    severity="warning",
                    markup=False,
                )
                return
            report = linked[item.report.report_id]
        elif len(linked) == 1:
            report = claim.linked_reports[0]
        else:
            self.notify(
                f"This claim has {len(linked)} linked reports: highlight one in the suggestions "
                "(Tab, j/k) or press x to pick it",
                severity="warning",
            )
            return
        with self.refusals_shown():
            self.store.apply(UnlinkReport(claim.id, report.report_id))
            self.notify(
                f"Unlinked: {report.rating or 'unrated'} · {report.publisher or '?'} "
                f"{report.url}".rstrip(),
                markup=False,
            )
        self.reload()
        self.refresh_suggestions()

    def action_search_reports(self) -> None:
        from factcheck_tui.tui.screens.report_search import ReportSearchScreen

        claim = self.current_claim

        def chosen(report: Any) -> None:
            if report is not None and claim is not None:
                self._link(claim.id, report)

        self.app.push_screen(
            ReportSearchScreen(
                self.reader(), claim.text if claim else "", for_claim=claim.text if claim else ""
            ),
            chosen,
        )

    def action_link_all(self) -> None:
        from factcheck_tui.tui.dialogs.progress import run_with_progress

        claims = [(c.id, c.text) for c in self.claims]
        run_with_progress(
            self.app,
            f"Matching {len(self.claims)} claims against prior reports",
            lambda progress: self._link_all(claims, progress),
            "link-all",
        )

    def _link_all(self, claims: list[tuple[int, str]], progress: Any) -> None:
        from factcheck_tui.tui.screens.link_all import propose

        proposals = propose(
            self.reader(),
            claims,
            lambda done, total: self.app.call_from_thread(progress.advance, done, total),
            progress.cancelled.is_set,
        )
        self.app.call_from_thread(self._propose, progress, proposals, len(claims))

    def _propose(self, progress: Any, proposals: list[Any], matched: int) -> None:
        from factcheck_tui.tui.screens.link_all import LinkAllScreen

        cancelled = progress.cancelled.is_set()
        progress.dismiss()
        found = sum(not p.report.weak for p in proposals)
        if cancelled:
            self.notify(f"Link all cancelled ({found} proposals found so far)")
            if not found:
                return
        if not found:
            from factcheck_tui.tui.screens.link_all import held_line

            held = held_line(proposals)
            said = f" ({held})" if held else ""
            self.notify(f"No prior fact-check found for these {matched} claims{said}", markup=False)
            return

        def link(chosen: list[Any] | None) -> None:
            if not chosen:
                return
            links = [(p.claim_id, p.report.report_id, p.report.score) for p in chosen]
            with self.refusals_shown():
                linked = self.store.apply(LinkReports(links))
                self.notify(
                    f"Linked {linked} of {len(proposals)} proposed reports (ctrl+z undoes them all)"
                )
                self.reload()
                self.refresh_suggestions()

        self.app.push_screen(LinkAllScreen(proposals, matched), link)
