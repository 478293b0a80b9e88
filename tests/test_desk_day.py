"""Issue 15: what a checker on deadline trips over, each as the real app under Pilot (or the
real CLI) on a real SQLite file: the selection leaving the claim list, Home/End on the desk,
a switched rating scale hiding marks, link all's hints, escape in the note dialog, j/k at the
ends, U unlinking the wrong report, toasts over the counts, dialog help cut mid-word."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, TextArea

from factcheck_tui.core.config import load_config
from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.sample import build_sample_database
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article import ArticleScreen
from factcheck_tui.tui.screens.link_all import LinkAllScreen, Proposal
from factcheck_tui.tui.widgets.claim_list import ClaimList
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel
from tests.test_cli import factcheck

REPO = Path(__file__).resolve().parent.parent
WIDE = (160, 48)
SMALL = (80, 24)


def screen_text(app: FactcheckApp) -> str:
    """The terminal's text (from Textual's SVG screenshot), style sheet left out."""
    svg = app.export_screenshot()
    svg = svg[svg.index("<g class") :] if "<g class" in svg else svg
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    """A fresh copy of the sample desk, prior reports included (as `factcheck --demo`)."""
    path = build_sample_database(REPO / "sample_db", tmp_path / "sample.db")
    return Store.open(path, "tester")


def highlight_visible(claims: ClaimList) -> bool:
    index = claims.highlighted
    assert index is not None
    top = claims._index_to_line[index]
    bottom = top + claims._heights[index]
    first = claims.scroll_offset.y
    return first <= top and bottom <= first + claims.scrollable_content_region.height


def dialog_text(app: FactcheckApp) -> str:
    """The text inside the dialog's thick border (between its █ edges), lines joined."""
    inside = []
    for line in screen_text(app).splitlines():
        if line.count("█") >= 2:
            inside.append(line[line.index("█") + 1 : line.rindex("█")].strip("▊▎ "))
    return " ".join(" ".join(inside).split())


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_the_selected_claim_stays_in_the_list_as_the_panes_below_resize(
    sample: Store,
) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        claims = app.screen.query_one(ClaimList)
        for _ in range(13):
            await pilot.press("j")
            await settle(pilot)  # the suggestions arrive and change height
            assert highlight_visible(claims), claims.highlighted


async def test_last_claim_visible_after_dismiss_and_show_dismissed(sample: Store) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        claims = app.screen.query_one(ClaimList)
        assert highlight_visible(claims)
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert claims.highlighted == claims.option_count - 1
        assert highlight_visible(claims)


async def test_j_and_k_stop_at_the_ends(sample: Store) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "k")
        claims = app.screen.query_one(ClaimList)
        assert claims.highlighted == 0
        await pilot.press("G", "j")
        assert claims.highlighted == claims.option_count - 1


async def test_end_and_home_move_the_desk_cursor(store: Store) -> None:
    for day in (1, 2, 3):
        store.apply(
            ImportArticle(title=f"Story {day}", body=f"Body {day}.", date=f"2024-01-0{day}")
        )
    app = FactcheckApp(store)
    async with app.run_test(size=WIDE) as pilot:
        table = app.screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == 2
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.title == "Story 1"  # newest first: the last row is day 1
        await pilot.press("escape", "home")
        assert table.cursor_row == 0


def politifact_config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('scale = "politifact"\n')
    return path


async def test_marks_made_on_another_scale_still_count_and_say_their_scale(
    sample: Store, tmp_path: Path
) -> None:
    ids = [claim.id for claim in sample.claims(1)]
    sample.apply(Mark(ids[:3], "verified"))
    sample.apply(Mark(ids[3:4], "unverified"))
    config = load_config(politifact_config(tmp_path))
    sample.scale = config.scale
    progress = sample.progress(1)
    assert (progress.checked, progress.verified, progress.unverified) == (4, 3, 1)
    summary = sample.list_articles()[0]
    assert (summary.checked, summary.verified, summary.unverified) == (4, 3, 1)
    assert config.scale.label("verified") == "verified (default scale)"
    app = FactcheckApp(sample, config)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        assert "4/15 checked · 3 verified · 1 unverified" in shown
        assert "verified (default scale)" in shown


def test_status_command_counts_marks_from_another_scale(sample: Store, tmp_path: Path) -> None:
    ids = [claim.id for claim in sample.claims(1)]
    sample.apply(Mark(ids[:2], "verified"))
    sample.close()
    env = {"FACTCHECK_CONFIG": str(politifact_config(tmp_path))}
    result = factcheck("status", "--json", "--db", str(sample.path), env=env)
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)[0]
    assert (row["checked"], row["verified"]) == (2, 2)


async def test_link_all_keeps_its_key_hints_on_screen_and_counts_in_english(
    sample: Store,
) -> None:
    from factcheck_tui.core.matching.match import match

    claims = sample.claims(1)
    best = match(sample, claims[0].text, 1)[0]
    app = FactcheckApp(sample)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await app.push_screen(LinkAllScreen([Proposal(claims[0].id, claims[0].text, best)]))
        await settle(pilot)
        shown = screen_text(app)
        assert "1 claim has a suggestion" in shown
        assert "enter link ticked" in shown
    many = [Proposal(c.id, c.text, best) for c in claims] * 3
    app = FactcheckApp(sample)
    async with app.run_test(size=SMALL) as pilot:
        await app.push_screen(LinkAllScreen(many))
        await settle(pilot)
        shown = screen_text(app)
        assert f"{len(many)} claims have a suggestion" in shown
        assert "space tick" in shown and "escape cancel" in shown


async def test_escape_in_the_note_dialog_keeps_the_draft(sample: Store) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "n")
        app.screen.query_one(TextArea).text = "SOHR figure; call the monitor"
        await pilot.press("escape")
        await pilot.pause()
        assert sample.claims(1)[0].note == ""  # not saved …
        assert any("draft" in str(n.message) for n in app._notifications)
        await pilot.press("n")  # … but offered again
        assert app.screen.query_one(TextArea).text == "SOHR figure; call the monitor"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sample.claims(1)[0].note == "SOHR figure; call the monitor"


async def test_unlink_names_the_report_and_refuses_an_unlinked_suggestion(
    sample: Store,
) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")  # the weak ones too: two report suggestions to tell apart
        panel = app.screen.query_one(SuggestionsPanel)
        first = next(i for i, item in enumerate(panel.items) if item.report is not None)
        second = next(
            i for i, item in enumerate(panel.items) if item.report is not None and i > first
        )
        await pilot.press(str(second + 1))  # link the second report suggestion
        await settle(pilot)
        linked = panel.items[second].report
        panel.highlighted = first  # an unlinked one
        await pilot.press("U")
        await settle(pilot)
        assert [r.report_id for r in sample.claims(1)[0].linked_reports] == [linked.report_id]
        messages = [str(n.message) for n in app._notifications]
        assert any("is not linked" in m for m in messages)
        panel.highlighted = second
        await pilot.press("U")
        await settle(pilot)
        assert sample.claims(1)[0].linked_reports == ()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Unlinked: ") and linked.url in m for m in messages)


async def test_a_notification_leaves_the_status_line_visible(sample: Store) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        app.screen.notify("A long notification that would cover the counts of the status line")
        await pilot.pause(0.2)
        status = app.screen.query_one("#status-line").region
        toasts = [toast.region for toast in app.screen.query("Toast")]
        assert toasts
        assert all(not toast.overlaps(status) for toast in toasts)
        # Nor over the claims and the claim's detail (#23): over the article's text instead.
        side = app.screen.query_one("#side").region
        assert all(not toast.overlaps(side) for toast in toasts)


@pytest.mark.parametrize(
    ("keys", "ending"),
    [
        (("enter", "s"), "the rest a document"),
        (("I",), "Fact Check Tools API response"),
    ],
)
async def test_dialog_help_wraps_between_words_at_160_columns(
    sample: Store, keys: tuple[str, ...], ending: str
) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*keys)
        await settle(pilot)
        assert ending in dialog_text(app)


async def test_help_footer_wraps_between_words(sample: Store) -> None:
    app = FactcheckApp(sample)
    async with app.run_test(size=(160, 120)) as pilot:
        await pilot.press("enter", "f1")
        await settle(pilot)
        assert '"claims.verify" = "V".' in dialog_text(app)
