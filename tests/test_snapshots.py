"""Snapshots of the main screens (pytest-textual-snapshot), kept deterministic: a fixed
terminal size, fixed claims (not the extractor's), fixed timestamps, no cursor blink.

After an intended change of the look: pytest tests/test_snapshots.py --snapshot-update,
then look at the SVGs in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from factcheck_tui.core.desk.claim_checks import Mark, SetNote
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp

SIZE = (120, 34)
FIXED_TIME = "2018-07-14T09:30:00.000Z"
BODY = (
    "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
    "including 28 civilians, a war monitor said.\n\n"
    "The Syrian Observatory for Human Rights said the strike hit near al-Sousa on Thursday. "
    "The attack had targeted an ice factory [citation needed], the Observatory said.\n\n"
    "ISIS fighters swept across Syria and Iraq in 2014, declaring a cross-border caliphate."
)


def claim(text: str, score: float) -> dict[str, Any]:
    start = BODY.index(text)
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "score": score,
        "reasons": ("number: 54", "attribution: said"),
    }


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.chdir(tmp_path)
    store = Store.open(Path("desk.db"), "amira")
    sentences = [
        (
            "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
            "including 28 civilians, a war monitor said.",
            0.98,
        ),
        (
            "The Syrian Observatory for Human Rights said the strike hit near al-Sousa on "
            "Thursday.",
            0.91,
        ),
        ("The attack had targeted an ice factory [citation needed], the Observatory said.", 0.87),
        (
            "ISIS fighters swept across Syria and Iraq in 2014, declaring a cross-border "
            "caliphate.",
            0.95,
        ),
    ]
    store.apply(
        ImportArticle(
            title="ISIS Reduced to a Handful of Holdouts in Syria",
            body=BODY,
            date="2018-07-13",
            outlet="Wire",
            claims=[claim(*s) for s in sentences],
        )
    )
    store.apply(
        ImportArticle(
            title="Council approves budget",
            body="The council approved $4.2 million on Monday, the mayor said.",
            date="2018-07-12",
            outlet="The Ledger",
            claims=[],
        )
    )
    ids = [c.id for c in store.claims(1)]
    store.apply(Mark([ids[0]], "verified"))
    store.apply(SetNote(ids[0], "SOHR figures, confirmed by phone."))
    store.apply(Mark([ids[1]], "unverified"))
    store.conn.execute(
        "UPDATE claims SET updated_at = ?, created_at = ?, checked_at = "
        "CASE WHEN checked_at != '' THEN ? ELSE '' END",
        (FIXED_TIME, FIXED_TIME, FIXED_TIME),
    )
    store.conn.execute("UPDATE articles SET imported_at = ?", (FIXED_TIME,))
    return store


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_article_list(snap_compare: Any, desk: Store) -> None:
    assert snap_compare(FactcheckApp(desk), terminal_size=SIZE, run_before=settle)


def test_article_screen(snap_compare: Any, desk: Store) -> None:
    assert snap_compare(
        FactcheckApp(desk), press=["enter", "j"], terminal_size=SIZE, run_before=settle
    )


def test_help_screen(snap_compare: Any, desk: Store) -> None:
    assert snap_compare(
        FactcheckApp(desk), press=["enter", "f1"], terminal_size=(120, 60), run_before=settle
    )


def test_note_dialog(snap_compare: Any, desk: Store) -> None:
    assert snap_compare(
        FactcheckApp(desk), press=["enter", "n"], terminal_size=SIZE, run_before=settle
    )


# What a new user meets on a small terminal: the list keeps claims, progress and ready (the
# title shortens); the article keeps its counts and the keys for v, u, n and s.
def test_article_list_80x24(snap_compare: Any, desk: Store) -> None:
    assert snap_compare(FactcheckApp(desk), terminal_size=(80, 24), run_before=settle)


def test_article_screen_80x24(snap_compare: Any, desk: Store) -> None:
    assert snap_compare(
        FactcheckApp(desk), press=["enter"], terminal_size=(80, 24), run_before=settle
    )
