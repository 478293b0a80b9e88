"""Prior reports in the TUI: suggestions for the selected claim, linked by keyboard, in the
database and the CSV; the suggestions worker never blocks a key press; search and link-all."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from factcheck_tui.core.matching import match as match_module
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.link_all import LinkAllScreen
from factcheck_tui.tui.screens.report_search import ReportSearchScreen
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel
from tests.conftest import REPO

SIZE = (140, 40)
SAMPLE_REPORTS = REPO / "sample_db" / "prior_reports.jsonl"


def with_reports(store: Store) -> Store:
    import_reports(store, SAMPLE_REPORTS)
    return store


async def loaded_panel(app: FactcheckApp, pilot: object) -> SuggestionsPanel:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return app.screen.query_one(SuggestionsPanel)


async def test_link_a_suggestion_by_keyboard(sample_store: Store, db_path: Path) -> None:
    with_reports(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        panel = await loaded_panel(app, pilot)
        reports = [item.report for item in panel.items if item.report is not None]
        assert reports, "the sample's first claim should have prior reports suggested"
        best = reports[0]
        assert "54" in best.claim_text and best.reasons
        await pilot.press("l")
        panel = await loaded_panel(app, pilot)
        assert any(item.linked for item in panel.items)
        status = str(app.screen.query_one("#status-line").render())
        assert "1 linked to prior checks" in status
    with Store.open(db_path, "reader") as reader:
        claim = reader.claims(1)[0]
        assert [r.report_id for r in claim.linked_reports] == [best.report_id]
        out = io.StringIO()
        export_csv(reader, out)
        row = next(csv.DictReader(io.StringIO(out.getvalue())))
        assert best.url in row["linked_reports"] and best.rating in row["linked_reports"]


async def test_disagreeing_figure_is_never_strong(sample_store: Store) -> None:
    with_reports(sample_store)
    claim = sample_store.claims(1)[0]
    for suggestion in match_module.match_with_weak(sample_store, claim.text, 10):
        if "45" in suggestion.claim_text and "54" not in suggestion.claim_text:
            assert not suggestion.strong
            assert any("disagree" in reason for reason in suggestion.reasons)
            break
    else:
        raise AssertionError("the sample's disagreeing report was not suggested")


async def test_suggestions_worker_does_not_block_keys(
    sample_store: Store, db_path: Path, monkeypatch: object
) -> None:
    with_reports(sample_store)
    release = threading.Event()
    real_match = match_module.match_with_weak

    def slow_match(*args: object, **kwargs: object) -> object:
        release.wait(10)  # a matcher stuck on a huge database
        return real_match(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(match_module, "match_with_weak", slow_match)  # type: ignore[attr-defined]
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        # The matcher is held until `release`: had the keys waited for it, they would have
        # waited 10 s and the panel below would hold its suggestions by now.
        await pilot.press("enter", "j", "v", "j", "u")
        with Store.open(db_path, "reader") as reader:
            assert [c.status for c in reader.claims(1)[:3]] == [
                "unchecked",
                "verified",
                "unverified",
            ]
        panel = app.screen.query_one(SuggestionsPanel)
        assert not panel.items  # still looking
        release.set()
        panel = await loaded_panel(app, pilot)
        claim = app.screen.current_claim  # type: ignore[attr-defined]
        assert panel.claim_id == claim.id  # the latest selection won


async def test_j_and_k_walk_the_suggestions_once_they_have_focus(sample_store: Store) -> None:
    with_reports(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        panel = await loaded_panel(app, pilot)
        await pilot.press("w")  # the weak ones too: two suggestions or more to walk
        assert len(panel.items) >= 2
        claim = app.screen.current_claim  # type: ignore[attr-defined]
        panel.focus()
        await pilot.pause()
        first = panel.highlighted
        await pilot.press("j")
        assert panel.highlighted == (first or 0) + 1
        assert app.screen.current_claim == claim  # type: ignore[attr-defined]
        await pilot.press("k")
        assert panel.highlighted == (first or 0)


async def test_search_screen_links_any_report(sample_store: Store) -> None:
    with_reports(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "R")
        assert isinstance(app.screen, ReportSearchScreen)
        app.screen.query_one(Input).value = "caliphate 2014"
        await pilot.pause()  # the change reaches the dialog and starts its search, then:
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.results
        assert results and "caliphate" in results[0].claim_text.lower()
        await pilot.press("enter")
        await pilot.pause()
    linked = sample_store.claims(1)[0].linked_reports
    assert [r.report_id for r in linked] == [results[0].report_id]


async def open_link_all(app: FactcheckApp, pilot: Pilot[None]) -> LinkAllScreen:
    """Open the sample article and run link-all (L) until its proposals are on screen."""
    await pilot.press("enter", "L")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, LinkAllScreen)
    return app.screen


async def test_link_all_proposes_and_links_only_what_is_ticked(sample_store: Store) -> None:
    with_reports(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_link_all(app, pilot)
        proposals = screen.proposals
        assert len(proposals) >= 2
        assert all(not c.linked_reports for c in sample_store.claims(1))  # nothing yet
        screen.query_one(OptionList).highlighted = 0
        await pilot.press("space", "enter")
        await pilot.pause()
    linked = {c.id: c.linked_reports for c in sample_store.claims(1) if c.linked_reports}
    assert list(linked) == [proposals[0].claim_id]


async def test_links_made_by_link_all_are_undone_by_one_key(sample_store: Store) -> None:
    with_reports(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_link_all(app, pilot)
        await pilot.press("a", "enter")  # tick every proposal, link them
        await pilot.pause()
        assert sum(len(c.linked_reports) for c in sample_store.claims(1)) >= 2
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert all(not c.linked_reports for c in sample_store.claims(1))


async def test_import_reports_from_the_article_list(store: Store) -> None:
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        app.screen.query_one(Input).value = str(SAMPLE_REPORTS)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("30 imported" in m for m in messages), messages
    count = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert count == 30


async def test_a_deeply_nested_json_report_file_ends_its_dialog(
    store: Store, tmp_path: Path
) -> None:
    """Python's JSON reader cannot read 100,000 nested lists: the progress dialog closes and
    the notification says why (it used to stay on screen, "cancelling…" after Escape)."""
    from factcheck_tui.tui.dialogs.progress import ProgressDialog

    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        app.screen.query_one(Input).value = str(nested)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ProgressDialog)
        assert not any(isinstance(s, ProgressDialog) for s in app.screen_stack)
        messages = [str(n.message) for n in app._notifications]
        assert any("nested too deeply" in m and "nested.json" in m for m in messages), messages
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0


async def test_a_failing_worker_ends_the_progress_dialog_and_says_so(store: Store) -> None:
    """Whatever escapes the work of a progress dialog, the dialog closes with a notification."""
    from factcheck_tui.tui.dialogs.progress import ProgressDialog, run_with_progress

    def broken(progress: ProgressDialog) -> None:
        raise KeyError("unexpected")

    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        run_with_progress(app, "Importing things", broken, "test")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not any(isinstance(s, ProgressDialog) for s in app.screen_stack)
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Importing things: failed (KeyError") for m in messages), messages
