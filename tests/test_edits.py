"""Fixing the claim list, in the core and by keyboard: every edit in the events table and
undoable, asserted in the database."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, OptionList, TextArea

from factcheck_tui.core.desk.claim_checks import AddSource, LinkReports, Mark, SetNote
from factcheck_tui.core.desk.claim_list import AddClaim, EditText, Merge, Split, typed_span
from factcheck_tui.core.desk.shown_claims import Rederive, SetDismissed
from factcheck_tui.core.extraction.extract import extract
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.records.visibility import ClaimVisibility
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.claim_list import ClaimList
from tests.conftest import REPO

SAMPLE_REPORTS = REPO / "sample_db" / "prior_reports.jsonl"

SIZE = (140, 40)


def texts(store: Store, **kwargs: bool) -> list[str]:
    return [claim.text for claim in store.claims(1, **kwargs)]


@pytest.fixture
def gappy_store(sample_store: Store) -> Store:
    """The sample with a stricter threshold, so some sentences are not claims."""
    sample_store.apply(Rederive(1, 0.95))
    assert len(sample_store.claims(1)) < len(extract(sample_store.article(1).body))
    return sample_store


def unclaimed_sentence(store: Store) -> tuple[int, int, str]:
    body = store.article(1).body
    taken = [(c.start, c.end) for c in store.claims(1, include_dismissed=True)]
    for s in extract(body):
        if not any(s.start < e and s.end > b for b, e in taken):
            return s.start, s.end, s.text
    raise AssertionError("every sentence is a claim")


def test_add_claim_from_span_and_from_pasted_text(gappy_store: Store) -> None:
    sample_store = gappy_store
    before = texts(sample_store)
    start, end, text = unclaimed_sentence(sample_store)
    new_id = sample_store.apply(AddClaim(1, start, end))
    claim = sample_store.claim(new_id)
    assert claim.text == text == sample_store.article(1).body[claim.start : claim.end]
    assert claim.origin == "manual"
    sample_store.undo(1)
    assert texts(sample_store) == before
    # Text pasted with different spacing/quotes is found fuzzily.
    pasted = text.replace(" ", "  ", 2)
    found = sample_store.claim(
        sample_store.apply(AddClaim(1, *typed_span(sample_store.article(1).body, pasted)))
    )
    assert (found.start, found.end) == (start, end) or found.text.startswith(text[:20])
    with pytest.raises(ValueError, match="not in the article"):
        sample_store.apply(
            AddClaim(
                1, *typed_span(sample_store.article(1).body, "Aliens landed in Paris yesterday.")
            )
        )


def test_edit_text_reanchors_or_marks_reworded(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    body = sample_store.article(1).body
    shorter = "killing 54 people including 28 civilians"
    assert sample_store.apply(EditText(claim.id, shorter)) is False
    edited = sample_store.claim(claim.id)
    assert body[edited.start : edited.end] == shorter and not edited.reworded
    assert sample_store.apply(EditText(claim.id, "An airstrike killed 54.")) is True
    reworded = sample_store.claim(claim.id)
    assert reworded.reworded and (reworded.start, reworded.end) == (edited.start, edited.end)
    sample_store.undo(1)
    sample_store.undo(1)
    assert sample_store.claim(claim.id).text == claim.text


def test_split_and_merge_round_trip(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(Mark([claim.id], "verified"))
    at = claim.text.index(", a war monitor")
    second = sample_store.apply(Split(claim.id, at + 1))
    first, new = sample_store.claim(claim.id), sample_store.claim(second)
    body = sample_store.article(1).body
    assert body[first.start : first.end] == first.text and first.text.endswith("fanatics,")
    assert body[new.start : new.end] == new.text == "a war monitor said earlier today."
    assert (first.status, new.status) == ("verified", "unchecked")
    merged_away = sample_store.apply(Merge(claim.id))
    assert merged_away == second
    assert sample_store.claim(claim.id).text == claim.text
    assert second not in [c.id for c in sample_store.claims(1, include_dismissed=True)]
    sample_store.undo(1)  # unmerge
    assert sample_store.claim(second).text == new.text
    sample_store.undo(1)  # unsplit
    assert sample_store.claim(claim.id).text == claim.text
    assert second not in [c.id for c in sample_store.claims(1, include_dismissed=True)]


def claim_state(store: Store, claim_id: int) -> tuple[Any, ...]:
    """A claim's row, sources and links as stored: what undo must bring back exactly."""
    row = store.conn.execute(
        "SELECT text, start, end, status, checker, checked_at, note, dismissed, reworded, score "
        "FROM claims WHERE id = ?",
        (claim_id,),
    ).fetchone()
    sources = store.conn.execute(
        "SELECT kind, reference FROM sources WHERE claim_id = ? ORDER BY id", (claim_id,)
    ).fetchall()
    links = store.conn.execute(
        "SELECT report_id FROM claim_reports WHERE claim_id = ? ORDER BY report_id", (claim_id,)
    ).fetchall()
    return tuple(row), tuple(sources), tuple(links)


def cite(store: Store, claim_id: int, reference: str) -> None:
    store.apply(
        AddSource(
            claim_id, kind="url", reference=reference, tier="primary", consulted_on="2018-07-14"
        )
    )


def test_merge_carries_the_second_claims_check_into_the_merged_claim(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    import_reports(sample_store, SAMPLE_REPORTS)
    first, second = sample_store.claims(1)[2:4]
    sample_store.apply(Mark([first.id, second.id], "unverified"))
    sample_store.apply(SetNote(first.id, "first part: no source yet"))
    sample_store.apply(SetNote(second.id, "second part: ministry denies"))
    cite(sample_store, first.id, "https://example.org/shared")
    cite(sample_store, second.id, "https://example.org/shared")
    cite(sample_store, second.id, "https://example.org/ministry")
    sample_store.apply(LinkReports([(second.id, 3, 70.0)]))
    before = claim_state(sample_store, first.id), claim_state(sample_store, second.id)

    assert sample_store.apply(Merge(first.id)) == second.id
    merged = sample_store.claim(first.id)
    assert merged.status == "unverified" and merged.checker == "tester"
    assert merged.note == "first part: no source yet\nsecond part: ministry denies"
    _, sources, links = claim_state(sample_store, first.id)
    assert [reference for _, reference in sources] == [
        "https://example.org/shared",
        "https://example.org/ministry",
    ]
    assert links == ((3,),)
    # The export, which skips merged-away claims, still has the second part's check.
    out = tmp_path / "checked.csv"
    export_csv(sample_store, out)
    with out.open(newline="", encoding="utf-8") as handle:
        rows = {row["claim_id"]: row for row in csv.DictReader(handle)}
    assert str(second.id) not in rows
    row = rows[str(first.id)]
    assert row["status"] == "unverified" and "ministry denies" in row["note"]
    assert "https://example.org/ministry" in row["sources"]

    sample_store.undo(1)
    after = claim_state(sample_store, first.id), claim_state(sample_store, second.id)
    assert after == before


def test_merge_of_a_checked_and_an_unchecked_claim_asks_for_a_recheck(
    sample_store: Store,
) -> None:
    first = sample_store.claims(1)[0]
    sample_store.apply(Mark([first.id], "verified"))
    sample_store.apply(Merge(first.id))
    merged = sample_store.claim(first.id)
    assert (merged.status, merged.checker, merged.checked_at) == ("unchecked", "", "")
    assert "first part was verified" in merged.note and "second unchecked" in merged.note
    sample_store.undo(1)
    assert sample_store.claim(first.id).status == "verified"


def test_merging_a_claim_that_lies_inside_the_first_keeps_the_verdict(
    sample_store: Store,
) -> None:
    first = sample_store.claims(1)[1]
    sample_store.apply(Mark([first.id], "verified"))
    tail = first.text[first.text.index(" ", len(first.text) // 2) + 1 :]
    inner = sample_store.apply(
        AddClaim(1, *typed_span(sample_store.article(1).body, tail, first.start))
    )
    assert first.start < sample_store.claim(inner).start < sample_store.claim(inner).end
    sample_store.apply(Merge(first.id))
    merged = sample_store.claim(first.id)
    assert (merged.text, merged.status, merged.checker) == (first.text, "verified", "tester")


def test_merge_with_a_reworded_claim_joins_the_texts_and_stays_reworded(
    sample_store: Store,
) -> None:
    first, second = sample_store.claims(1)[:2]
    assert sample_store.apply(EditText(second.id, "Strikes hit a town near Abu Kamal."))
    sample_store.apply(Merge(first.id))
    merged = sample_store.claim(first.id)
    assert merged.reworded
    assert merged.text == " ".join(f"{first.text} Strikes hit a town near Abu Kamal.".split())


def test_rewording_rescores_the_claim_and_its_reasons(sample_store: Store) -> None:
    claim = next(c for c in sample_store.claims(1) if c.score > 0.9)
    sample_store.apply(EditText(claim.id, "Hello there."))
    reworded = sample_store.claim(claim.id)
    assert reworded.score < 0.5
    assert not any("54" in reason for reason in reworded.reasons)
    sample_store.undo(1)
    assert sample_store.claim(claim.id).score == claim.score


def test_a_claim_id_is_never_reused_so_history_stays_its_own(gappy_store: Store) -> None:
    start, end, _ = unclaimed_sentence(gappy_store)
    added = gappy_store.apply(AddClaim(1, start, end))
    gappy_store.undo(1)
    again = gappy_store.apply(AddClaim(1, start, end))
    assert again > added
    assert [e.action for e in gappy_store.events(claim_id=again)] == ["add_claim"]


def test_undoing_a_mark_restores_who_checked_it(db_path: Path, sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(Mark([claim.id], "verified"))
    sample_store.undo(1)
    assert (sample_store.claim(claim.id).checker, sample_store.claim(claim.id).checked_at) == (
        "",
        "",
    )
    sample_store.apply(Mark([claim.id], "verified"))
    verified_at = sample_store.claim(claim.id).checked_at
    with Store.open(db_path, "second") as other:
        other.apply(Mark([claim.id], "unverified"))
        other.undo(1)
    restored = sample_store.claim(claim.id)
    assert (restored.status, restored.checker) == ("verified", "tester")
    assert restored.checked_at[:19] == verified_at[:19]


def test_threshold_on_an_imported_revision_drops_untouched_claims(
    sample_store: Store,
) -> None:
    from tests.test_revisions import revised_sample

    sample_store.apply(SetNote(sample_store.claims(1)[1].id, "checked in draft 1"))
    revision = import_article(sample_store, parse_article_text(revised_sample())).article_id
    claims = sample_store.claims(revision)
    carried = {c.id for c in claims if c.note or c.revision_state in {"changed", "removed"}}
    # Carried over unchanged, or new, and never checked: the import's own events are no touch.
    untouched_low = {c.id for c in claims if c.id not in carried and c.score < 0.99}
    assert carried and untouched_low
    added, removed = sample_store.apply(Rederive(revision, 0.99))
    assert added == 0 and removed == len(untouched_low)
    assert not untouched_low & {c.id for c in sample_store.claims(revision)}
    assert carried <= {c.id for c in sample_store.claims(revision, include_dismissed=True)}


def test_a_split_inside_a_word_moves_to_the_start_of_that_word(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    word = claim.text.index("airstrike")
    second = sample_store.apply(Split(claim.id, word + 3))
    assert sample_store.claim(second).text.startswith("airstrike")
    assert sample_store.claim(claim.id).text.endswith(claim.text[:word].rstrip())


def test_a_claim_removed_from_a_revision_is_restored_as_removed(sample_store: Store) -> None:
    from tests.test_revisions import revised_sample

    revision = import_article(sample_store, parse_article_text(revised_sample())).article_id
    removed = next(c for c in sample_store.claims(revision) if c.revision_state == "removed")
    total = sample_store.progress(revision).total
    sample_store.apply(SetDismissed([removed.id], True))
    assert sample_store.claim(removed.id).dismissed == ClaimVisibility.DISMISSED
    sample_store.apply(SetDismissed([removed.id], False))
    assert (
        sample_store.claim(removed.id).dismissed == ClaimVisibility.REMOVED
    )  # listed, not counted
    assert sample_store.progress(revision).total == total


def test_a_revision_finds_new_claims_at_the_articles_own_threshold(sample_store: Store) -> None:
    from tests.test_revisions import revised_sample

    sample_store.apply(Rederive(1, 1.0))  # the desk wants only the surest claims
    summary = import_article(sample_store, parse_article_text(revised_sample())).revision
    assert summary is not None and summary.added == 0  # 1 at the default threshold


def test_dismiss_hides_and_restore_shows(sample_store: Store) -> None:
    claim = sample_store.claims(1)[-1]
    total = sample_store.progress(1).total
    sample_store.apply(SetDismissed([claim.id], True))
    assert claim.id not in [c.id for c in sample_store.claims(1)]
    assert claim.id in [c.id for c in sample_store.claims(1, include_dismissed=True)]
    assert sample_store.progress(1).total == total - 1
    sample_store.apply(SetDismissed([claim.id], False))
    assert claim.id in [c.id for c in sample_store.claims(1)]
    actions = [e.action for e in sample_store.events(claim_id=claim.id)]
    assert actions == ["restore", "dismiss"]


def test_threshold_rederives_without_losing_touched_claims(sample_store: Store) -> None:
    claims = sample_store.claims(1)
    touched = claims[-1]
    sample_store.apply(SetNote(touched.id, "keep me"))
    _, removed = sample_store.apply(Rederive(1, 0.99))
    remaining = sample_store.claims(1)
    assert removed >= 1 and touched.id in [c.id for c in remaining]
    added_low, _ = sample_store.apply(Rederive(1, 0.0))
    assert added_low >= removed
    sample_store.undo(1)
    sample_store.undo(1)
    assert [c.text for c in sample_store.claims(1)] == [c.text for c in claims]


async def test_editing_by_keyboard_with_undo(gappy_store: Store, db_path: Path) -> None:
    sample_store = gappy_store
    app = FactcheckApp(sample_store)
    original = texts(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        # a: add the first sentence extraction left out
        _, _, missing = unclaimed_sentence(sample_store)
        await pilot.press("a")
        app.screen.query_one(Input).value = missing[:30]
        await pilot.press("enter")
        assert missing in texts(sample_store)
        await pilot.press("ctrl+z")
        assert texts(sample_store) == original
        # r: reword the first claim
        await pilot.press("r")
        app.screen.query_one(TextArea).text = "An airstrike in eastern Syria killed 54."
        await pilot.press("ctrl+s")
        # the selected claim (after the add and its undo, wherever the cursor stayed)
        assert [c.text for c in sample_store.claims(1) if c.reworded] == [
            "An airstrike in eastern Syria killed 54."
        ]
        await pilot.press("ctrl+z")
        assert texts(sample_store) == original
        # S: split at the proposed clause boundary, M: merge back
        await pilot.press("S", "enter")
        assert len(texts(sample_store)) == len(original) + 1
        await pilot.press("M")
        assert texts(sample_store) == original
        await pilot.press("ctrl+z", "ctrl+z")
        assert texts(sample_store) == original
        # d: dismiss, D: show dismissed, d (on the dismissed claim, which D keeps the
        # cursor off: it stays on the claim it was on): restore
        await pilot.press("d")
        assert len(texts(sample_store)) == len(original) - 1
        await pilot.press("D")
        await pilot.pause()
        shown = app.screen.claims  # type: ignore[attr-defined]
        dismissed = next(i for i, c in enumerate(shown) if c.dismissed != ClaimVisibility.SHOWN)
        app.screen.query_one(ClaimList).highlighted = dismissed
        await pilot.press("d")
        assert texts(sample_store) == original
        await pilot.press("T")
        app.screen.query_one(Input).value = "0.0"  # every sentence becomes a claim
        await pilot.press("enter")
        assert len(texts(sample_store)) > len(original)
        await pilot.press("ctrl+z")
        assert texts(sample_store) == original
    with Store.open(db_path, "reader") as reader:
        actions = {e.action for e in reader.events(limit=100)}
    assert {
        "add_claim",
        "edit_text",
        "split",
        "merge",
        "dismiss",
        "restore",
        "rederive",
        "undo",
    } <= actions


async def test_pasting_a_claim_across_a_paragraph_break_adds_all_of_it(
    gappy_store: Store,
) -> None:
    body = gappy_store.article(1).body
    start, end, missing = unclaimed_sentence(gappy_store)
    # The unclaimed sentence plus the start of the next paragraph, as copied from a page.
    following = body[end : end + 80]
    pasted = missing + following.replace("\n\n", "\r\n\r\n")
    app = FactcheckApp(gappy_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        field = app.screen.query_one(Input)
        field.post_message(events.Paste(pasted))
        await pilot.pause()
        assert field.value == " ".join(pasted.split())  # every line kept, not the first
        await pilot.press("enter")
        added = [c for c in gappy_store.claims(1) if c.origin == "manual"]
        assert len(added) == 1 and added[0].start == start and added[0].end > end
        # The cursor rests on the new claim.
        assert app.screen.current_claim is not None
        assert app.screen.current_claim.id == added[0].id
        # The same text again is refused, with a word why, and nothing is added.
        await pilot.press("a")
        app.screen.query_one(Input).post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert len([c for c in gappy_store.claims(1) if c.origin == "manual"]) == 1
        assert any("already a claim" in n.message for n in app._notifications)


async def test_the_add_picker_says_why_it_is_empty(sample_store: Store) -> None:
    assert len(sample_store.claims(1)) == len(extract(sample_store.article(1).body))
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        only = options.get_option_at_index(0)
        assert only.disabled and "already a claim" in str(only.prompt)


async def test_text_not_in_the_article_keeps_the_add_dialog_open(gappy_store: Store) -> None:
    app = FactcheckApp(gappy_store)
    before = texts(gappy_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "a")
        dialog = app.screen
        field = dialog.query_one(Input)
        field.post_message(events.Paste("The Pentagon said on Friday that\ntwelve jets flew."))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and field.value.startswith("The Pentagon said")
        assert any("not in the article" in n.message for n in app._notifications)
        await pilot.press("escape")
    assert texts(gappy_store) == before


async def test_dismissing_moves_the_cursor_to_the_next_claim(sample_store: Store) -> None:
    claims = sample_store.claims(1)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *["j"] * 5, "d")
        await pilot.pause()
        assert sample_store.claim(claims[5].id).dismissed == ClaimVisibility.DISMISSED
        current = app.screen.current_claim
        assert current is not None and current.id == claims[6].id


def test_an_undo_names_the_claim_by_its_words(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(Mark([claim.id], "verified"))
    assert sample_store.undo(1) == f"undid mark on “{claim.text[:40]}…”"
    sample_store.apply(Mark([c.id for c in sample_store.claims(1)[:3]], "verified"))
    assert sample_store.undo(1) == "undid mark of 3 claims"
    sample_store.apply(Rederive(1, 0.99))
    assert sample_store.undo(1) == "undid threshold change"
