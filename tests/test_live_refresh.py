"""Another checker's changes, arriving while an article is open, never redirect a mark: the
cursor stays on the claim the checker chose, and a draft replaced by a newer revision refuses
marks (they would land where nobody sees them) and says so."""

from __future__ import annotations

from pathlib import Path

from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.desk.shown_claims import SetDismissed
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article_base import POLL_SECONDS
from tests.test_revisions import revised_sample

SIZE = (140, 40)


async def test_another_checkers_dismiss_does_not_move_the_cursor_off_its_claim(
    sample_store: Store, db_path: Path
) -> None:
    claims = sample_store.claims(1)
    chosen = claims[5]
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *["j"] * 5)
        assert app.screen.current_claim is not None
        assert app.screen.current_claim.id == chosen.id
        with Store.open(db_path, "bob") as bob:
            bob.apply(SetDismissed([claims[0].id], True))
        await pilot.pause(POLL_SECONDS + 0.5)
        assert len(app.screen.claims) == len(claims) - 1  # the refresh happened
        await pilot.press("v")
    assert sample_store.claim(chosen.id).status == "verified"
    assert sample_store.claim(claims[6].id).status == "unchecked"


async def test_a_draft_replaced_while_open_refuses_marks_and_says_so(
    sample_store: Store, db_path: Path
) -> None:
    claim = sample_store.claims(1)[0]
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        with Store.open(db_path, "desk") as desk:
            revision = import_article(desk, parse_article_text(revised_sample())).revision
        assert revision is not None
        await pilot.pause(POLL_SECONDS + 0.5)
        status_line = str(app.screen.query_one("#status-line").render())
        assert "REPLACED by revision 2" in status_line
        await pilot.press("v")
        await pilot.pause()
        assert any("replaced by revision 2" in n.message for n in app._notifications)
    assert sample_store.claim(claim.id).status == "unchecked"
    assert [e.action for e in sample_store.events(claim_id=claim.id)] == []


async def test_a_desk_re_sorted_by_another_checker_keeps_the_cursor_on_its_article(
    sample_store: Store, db_path: Path
) -> None:
    for number in (1, 2):
        import_article(
            sample_store,
            parse_article_text(
                f"Budget story {number}\n\nThe council spent ${number} million on roads in "
                "2023, the mayor said on Monday.\n"
            ),
        )
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        desk = app.screen
        desk._set_view(sort="last change", descending=True)
        await pilot.press("G")  # the last row: the least recently changed article
        chosen = desk.summaries[-1].id
        with Store.open(db_path, "bob") as bob:
            bob.apply(Mark([bob.claims(chosen)[0].id], "verified"))  # now the latest change
        await pilot.pause(POLL_SECONDS + 0.5)
        assert desk.summaries[0].id == chosen  # re-sorted to the top
        await pilot.press("enter")
        assert app.screen.article_id == chosen


async def test_quitting_with_a_note_being_typed_keeps_the_note(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n")
        await pilot.press(*"SOHR by phone")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert sample_store.claim(claim.id).note == "SOHR by phone"
    assert [e.action for e in sample_store.events(claim_id=claim.id)] == ["note"]
