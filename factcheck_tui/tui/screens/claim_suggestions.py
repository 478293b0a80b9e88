"""Suggestions for the selected claim — our earlier checks, then prior fact-check reports —
computed in a thread worker as the selection moves (the latest selection wins; the UI never
waits), and acted on by key: `l` or 1–5 link a report or apply an earlier verdict, `U`
unlinks, `y` in the panel copies a report's URL, `R` searches all reports, `L` proposes links
for every claim. Nothing is ever linked without a key press."""

from __future__ import annotations

import importlib.util
from typing import Any, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.worker import get_current_worker

from factcheck_tui.core.earlier import apply_earlier_check, earlier_checks
from factcheck_tui.core.store import Store
from factcheck_tui.tui.screens.article_base import ArticleScreenBase
from factcheck_tui.tui.widgets.suggestions import PanelItem, SuggestionsPanel

REPORTS_SHOWN = 5
EARLIER_SHOWN = 3


def matching_available() -> bool:
    return importlib.util.find_spec("factcheck_tui.core.match") is not None


def suggestions_for(reader: Store, claim_id: int) -> list[PanelItem]:
    """Earlier checks first, then prior reports; runs in a worker on its own connection."""
    items = [PanelItem(earlier=check) for check in earlier_checks(reader, claim_id, EARLIER_SHOWN)]
    if matching_available():
        from factcheck_tui.core.match import match

        claim = reader.claim(claim_id)
        linked = {report.report_id for report in claim.linked_reports}
        items.extend(
            PanelItem(report=suggestion, linked=suggestion.report_id in linked)
            for suggestion in match(reader, claim.text, REPORTS_SHOWN)
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
            self._load_suggestions(claim.id)

    @work(thread=True, exclusive=True, group="suggestions", exit_on_error=False)
    def _load_suggestions(self, claim_id: int) -> None:
        items = suggestions_for(self.reader(), claim_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_suggestions, claim_id, items)

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
            if self._change(lambda: apply_earlier_check(self.store, claim.id, check.claim_id)):
                self.notify(f"Applied the earlier check from '{check.article_title}'", markup=False)
        else:
            self._link(claim.id, item.report)
            return
        self.reload()
        self.refresh_suggestions()

    def _link(self, claim_id: int, report: Any) -> None:
        """Link a prior report (a match.Suggestion) to a claim, say so, and redraw."""
        if self._change(lambda: self.store.link_report(claim_id, report.report_id, report.score)):
            self.notify(f"Linked: {report.rating or 'unrated'} · {report.publisher}", markup=False)
        self.reload()
        self.refresh_suggestions()

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
        if self._change(lambda: self.store.unlink_report(claim.id, report.report_id)):
            self.notify(
                f"Unlinked: {report.rating or 'unrated'} · {report.publisher or '?'} "
                f"{report.url}".rstrip(),
                markup=False,
            )
        self.reload()
        self.refresh_suggestions()

    def action_search_reports(self) -> None:
        from factcheck_tui.tui.screens.report_search import ReportSearchScreen

        if not matching_available():
            self.notify("Prior-report matching is not installed", severity="warning")
            return
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
        from factcheck_tui.tui.dialogs.progress import ProgressDialog

        if not matching_available():
            self.notify("Prior-report matching is not installed", severity="warning")
            return
        progress = ProgressDialog(f"Matching {len(self.claims)} claims against prior reports")
        self.app.push_screen(progress)
        self._link_all([(c.id, c.text) for c in self.claims], progress)

    @work(thread=True, exclusive=True, group="link-all", exit_on_error=False)
    def _link_all(self, claims: list[tuple[int, str]], progress: Any) -> None:
        from factcheck_tui.tui.screens.link_all import propose

        proposals = propose(
            self.reader(),
            claims,
            lambda done, total: self.app.call_from_thread(progress.advance, done, total),
            progress.cancelled.is_set,
        )
        self.app.call_from_thread(self._propose, progress, proposals)

    def _propose(self, progress: Any, proposals: list[Any]) -> None:
        from factcheck_tui.tui.screens.link_all import LinkAllScreen

        cancelled = progress.cancelled.is_set()
        progress.dismiss()
        if cancelled:
            self.notify(f"Link all cancelled ({len(proposals)} proposals found so far)")
            if not proposals:
                return
        if not proposals:
            self.notify("No prior report matches these claims")
            return

        def link(chosen: list[Any] | None) -> None:
            if not chosen:
                return
            links = [(p.claim_id, p.report.report_id, p.report.score) for p in chosen]
            linked: list[int] = []
            if not self._change(lambda: linked.append(self.store.link_reports(links))):
                return
            self.notify(
                f"Linked {linked[0]} of {len(proposals)} proposed reports (ctrl+z undoes them all)"
            )
            self.reload()
            self.refresh_suggestions()

        self.app.push_screen(LinkAllScreen(proposals), link)
