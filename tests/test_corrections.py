"""A claim's suggested correction: a change like any other (event, undo, live refresh),
shown in the list and detail, found in the palette, and carried into every export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pytest
from textual.command import CommandPalette
from textual.widgets import TextArea

from factcheck_tui.core.desk.claim_checks import Mark, SetCorrection, SetNote
from factcheck_tui.core.output.checked_copy import load_checked_article
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.output.claimreview import claim_reviews
from factcheck_tui.core.output.html_report import render_html
from factcheck_tui.core.output.word_copy import export_docx
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.commands import BindingCommands
from factcheck_tui.tui.dialogs.text_edit import TextEditDialog
from factcheck_tui.tui.screens.article_base import POLL_SECONDS
from tests.test_tui import screen_text

SIZE = (140, 40)
FIX = "45 killed, per the Observatory's update of 14 July"


def test_set_correction_is_an_event_and_undoes(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    assert sample_store.apply(SetCorrection(claim.id, f"  {FIX}\n")) is True
    assert sample_store.claim(claim.id).correction == FIX
    assert sample_store.apply(SetCorrection(claim.id, FIX)) is False  # unchanged: no event
    events = sample_store.events(claim_id=claim.id)
    assert [
        (e.action, json.loads(e.old_value or "null"), json.loads(e.new_value or "null"))
        for e in events
    ] == [("correction", "", FIX)]
    assert sample_store.undo(1) == f"undid suggested correction on “{claim.text[:40]}…”"
    assert sample_store.claim(claim.id).correction == ""


def test_undo_never_clobbers_another_checkers_correction(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(SetCorrection(claim.id, FIX))
    with Store.open(sample_store.path, "bob") as bob:
        bob.apply(SetCorrection(claim.id, "54 killed"))
    with pytest.raises(DatabaseError, match="changed since by another checker"):
        sample_store.undo(1)
    assert sample_store.claim(claim.id).correction == "54 killed"


def test_every_export_carries_the_correction(sample_store: Store, tmp_path: Path) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(Mark([claim.id], "unverified"))
    sample_store.apply(SetNote(claim.id, "SOHR revised its toll"))
    sample_store.apply(SetCorrection(claim.id, FIX))
    stream = io.StringIO()
    export_csv(sample_store, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert rows[0]["suggested_correction"] == FIX
    assert rows[1]["suggested_correction"] == ""
    export_docx(sample_store, tmp_path / "copy.docx", article_id=1)
    comment = next(iter(docx.Document(str(tmp_path / "copy.docx")).comments))
    assert f"Suggested correction: {FIX}" in comment.text.split("\n")
    page = render_html(load_checked_article(sample_store, 1))
    assert "Suggested correction:</span> 45 killed, per the Observatory&#x27;s update" in page
    review = claim_reviews(sample_store).reviews[0]
    assert review["itemReviewed"]["appearance"][0]["correction"] == {
        "@type": "CorrectionComment",
        "text": FIX,
    }
    assert review["reviewBody"] == f"SOHR revised its toll\n\nSuggested correction: {FIX}"


async def test_key_editor_list_detail_and_undo(sample_store: Store, db_path: Path) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "j", "C")
        assert isinstance(app.screen, TextEditDialog)
        app.screen.query_one(TextArea).text = FIX
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = screen_text(app)
        assert f"correction: {FIX}" in shown  # the detail
        assert "· correction" in shown  # the claim list
        with Store.open(db_path, "reader") as reader:
            assert reader.claims(1)[1].correction == FIX
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "correction:" not in screen_text(app)
    assert sample_store.claims(1)[1].correction == ""


async def test_palette_finds_correction(sample_store: Store) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        provider = BindingCommands(app.screen_stack[-2])
        hits = [hit async for hit in provider.search("correction")]
        assert hits and "Suggested correction" in str(hits[0].text) and "(C)" in str(hits[0].text)
        await pilot.press("escape")
        await hits[0].command()  # type: ignore[misc]
        await pilot.pause()
        assert isinstance(app.screen, TextEditDialog)


async def test_another_checkers_correction_appears_live(sample_store: Store, db_path: Path) -> None:
    claim = sample_store.claims(1)[0]
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        with Store.open(db_path, "bob") as bob:
            bob.apply(SetCorrection(claim.id, FIX))
        await pilot.pause(POLL_SECONDS + 0.5)
        assert f"correction: {FIX}" in screen_text(app)
