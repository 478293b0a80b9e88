"""Fixing the claim list, in the core and by keyboard: every edit in the events table and
undoable, asserted in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from factcheck_tui.core import edits
from factcheck_tui.core.extract import extract
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp

SIZE = (140, 40)


def texts(store: Store, **kwargs: bool) -> list[str]:
    return [claim.text for claim in store.claims(1, **kwargs)]


@pytest.fixture
def gappy_store(sample_store: Store) -> Store:
    """The sample with a stricter threshold, so some sentences are not claims."""
    edits.set_threshold(sample_store, 1, 0.95)
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
    new_id = edits.add_claim(sample_store, 1, start, end)
    claim = sample_store.claim(new_id)
    assert claim.text == text == sample_store.article(1).body[claim.start : claim.end]
    assert claim.origin == "manual"
    sample_store.undo(1)
    assert texts(sample_store) == before
    # Text pasted with different spacing/quotes is found fuzzily.
    pasted = text.replace(" ", "  ", 2)
    found = sample_store.claim(edits.add_claim_from_text(sample_store, 1, pasted))
    assert (found.start, found.end) == (start, end) or found.text.startswith(text[:20])
    with pytest.raises(ValueError, match="not in the article"):
        edits.add_claim_from_text(sample_store, 1, "Aliens landed in Paris yesterday.")


def test_edit_text_reanchors_or_marks_reworded(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    body = sample_store.article(1).body
    shorter = "killing 54 people including 28 civilians"
    assert edits.edit_claim_text(sample_store, claim.id, shorter) is False
    edited = sample_store.claim(claim.id)
    assert body[edited.start : edited.end] == shorter and not edited.reworded
    assert edits.edit_claim_text(sample_store, claim.id, "An airstrike killed 54.") is True
    reworded = sample_store.claim(claim.id)
    assert reworded.reworded and (reworded.start, reworded.end) == (edited.start, edited.end)
    sample_store.undo(1)
    sample_store.undo(1)
    assert sample_store.claim(claim.id).text == claim.text


def test_split_and_merge_round_trip(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.set_status([claim.id], "verified")
    at = claim.text.index(", a war monitor")
    second = edits.split_claim(sample_store, claim.id, at + 1)
    first, new = sample_store.claim(claim.id), sample_store.claim(second)
    body = sample_store.article(1).body
    assert body[first.start : first.end] == first.text and first.text.endswith("fanatics,")
    assert body[new.start : new.end] == new.text == "a war monitor said earlier today."
    assert (first.status, new.status) == ("verified", "unchecked")
    merged_away = edits.merge_with_next(sample_store, claim.id)
    assert merged_away == second
    assert sample_store.claim(claim.id).text == claim.text
    assert second not in [c.id for c in sample_store.claims(1, include_dismissed=True)]
    sample_store.undo(1)  # unmerge
    assert sample_store.claim(second).text == new.text
    sample_store.undo(1)  # unsplit
    assert sample_store.claim(claim.id).text == claim.text
    assert second not in [c.id for c in sample_store.claims(1, include_dismissed=True)]


def test_dismiss_hides_and_restore_shows(sample_store: Store) -> None:
    claim = sample_store.claims(1)[-1]
    total = sample_store.progress(1).total
    edits.set_dismissed(sample_store, [claim.id], True)
    assert claim.id not in [c.id for c in sample_store.claims(1)]
    assert claim.id in [c.id for c in sample_store.claims(1, include_dismissed=True)]
    assert sample_store.progress(1).total == total - 1
    edits.set_dismissed(sample_store, [claim.id], False)
    assert claim.id in [c.id for c in sample_store.claims(1)]
    actions = [e.action for e in sample_store.events(claim_id=claim.id)]
    assert actions == ["restore", "dismiss"]


def test_threshold_rederives_without_losing_touched_claims(sample_store: Store) -> None:
    claims = sample_store.claims(1)
    touched = claims[-1]
    sample_store.set_note(touched.id, "keep me")
    _, removed = edits.set_threshold(sample_store, 1, 0.99)
    remaining = sample_store.claims(1)
    assert removed >= 1 and touched.id in [c.id for c in remaining]
    added_low, _ = edits.set_threshold(sample_store, 1, 0.0)
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
        assert sample_store.claims(1)[0].reworded
        await pilot.press("ctrl+z")
        assert texts(sample_store) == original
        # S: split at the proposed clause boundary, M: merge back
        await pilot.press("S", "enter")
        assert len(texts(sample_store)) == len(original) + 1
        await pilot.press("M")
        assert texts(sample_store) == original
        await pilot.press("ctrl+z", "ctrl+z")
        assert texts(sample_store) == original
        # d: dismiss, D: show dismissed, d: restore
        await pilot.press("d")
        assert len(texts(sample_store)) == len(original) - 1
        await pilot.press("D", "d")
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
