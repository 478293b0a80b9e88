"""Reviewed bugs in revised drafts and earlier-check suggestions, on real SQLite files through
the real `factcheck import` command: a changed figure in a revision must not be offered (or
applied) as an agreeing earlier check, and a dismissed, reworded or merged claim must keep
its state when its sentence only changed in the next draft."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck_tui.cli import main
from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.desk.claim_list import EditText, Merge
from factcheck_tui.core.desk.earlier_checks import ApplyEarlier
from factcheck_tui.core.desk.shown_claims import SetDismissed
from factcheck_tui.core.matching.earlier import earlier_checks
from factcheck_tui.core.records.visibility import ClaimVisibility
from factcheck_tui.core.store import Store

STRIKE = """Syria strike death toll

An airstrike in eastern Syria killed 54 people including 28 civilians and 26 fighters, \
a war monitor said.

The monitor said the strike hit an ice factory near the border with Iraq on Thursday.
"""

FLOODS = """Floods cut the north off

Floodwater destroyed 12 bridges across the northern province on Monday, officials said.

The regional governor said 300 families had been moved to schools and sports halls.

Police said 40 rescue teams reached the last cut-off village of Amberley on Tuesday.
"""


def import_file(tmp_path: Path, name: str, text: str, db: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["import", str(path), "--db", str(db)]) == 0


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def claim_rows(db: Path, article_id: int) -> list[tuple[object, ...]]:
    """(text, dismissed, reworded, revision_state, previous_text) of an article's claims."""
    return rows(
        db,
        "SELECT text, dismissed, reworded, revision_state, previous_text FROM claims "
        "WHERE article_id = ? ORDER BY start, position",
        article_id,
    )


# ------------------------------------------------------------------ A: earlier checks
def checked_strike(tmp_path: Path, db: Path) -> int:
    import_file(tmp_path, "art.txt", STRIKE, db)
    with Store.open(db, "tester") as store:
        claim = store.claims(1)[0]
        assert "54 people" in claim.text
        store.apply(Mark([claim.id], "verified"))
        store.apply(SetNote(claim.id, "SOHR figures, confirmed by phone"))
        store.apply(
            AddSource(
                claim.id,
                kind="person",
                reference="Rami Abdulrahman, SOHR",
                tier="primary",
                consulted_on="2018-07-13",
            )
        )
        return claim.id


def test_changed_figure_is_a_disagreeing_earlier_check_and_is_not_applied(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    old_id = checked_strike(tmp_path, db)
    import_file(tmp_path, "rev.txt", STRIKE.replace("killed 54 people", "killed 45 people"), db)
    with Store.open(db, "tester") as store:
        changed = store.claims(2)[0]
        assert changed.revision_state == "changed" and "45 people" in changed.text
        offered = earlier_checks(store, changed.id)
        assert offered and offered[0].claim_id == old_id
        check = offered[0]
        assert check.numbers_disagree == (("45", "54"),)
        assert any(r.startswith("numbers disagree: 45 here, 54") for r in check.reasons)
        assert check.score <= 90  # the same sentence but a figure: the number penalty (10)
        with pytest.raises(ValueError, match="45"):
            store.apply(ApplyEarlier(changed.id, old_id))
    # Nothing was copied: still unchecked, no provenance, the one carried source only.
    assert rows(db, "SELECT status, checker, copied_from FROM claims WHERE id = ?", changed.id) == [
        ("unchecked", "", None)
    ]
    assert rows(db, "SELECT reference FROM sources WHERE claim_id = ?", changed.id) == [
        ("Rami Abdulrahman, SOHR",)
    ]
    assert rows(db, "SELECT count(*) FROM events WHERE action = 'apply_earlier'") == [(0,)]


def test_an_unchanged_claim_is_not_offered_its_own_copy_from_the_last_draft(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    checked_strike(tmp_path, db)
    import_file(tmp_path, "rev.txt", STRIKE + "\nA third sentence was added on Friday.\n", db)
    with Store.open(db, "tester") as store:
        kept = store.claims(2)[0]
        assert not kept.revision_state and kept.status == "verified"
        assert earlier_checks(store, kept.id) == []


def test_agreeing_figures_still_agree(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    checked_strike(tmp_path, db)
    other = STRIKE.replace("Syria strike death toll", "Monitor counts the dead").replace(
        "a war monitor said", "the monitor said on Friday"
    )
    import_file(tmp_path, "other.txt", other, db)
    with Store.open(db, "tester") as store:
        claim = store.claims(2)[0]
        check = earlier_checks(store, claim.id)[0]
        assert check.numbers_disagree == ()
        assert "numbers agree: 54, 28, 26" in check.reasons
        assert not any("disagree" in r for r in check.reasons)


def test_applying_does_not_repeat_a_source_the_claim_already_cites(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    old_id = checked_strike(tmp_path, db)
    # The revision only rewords the sentence: the figures agree, the carried source is there.
    import_file(
        tmp_path, "rev.txt", STRIKE.replace("a war monitor said", "the war monitor said"), db
    )
    with Store.open(db, "tester") as store:
        changed = store.claims(2)[0]
        assert changed.revision_state == "changed"
        store.apply(
            AddSource(
                changed.id,
                kind="url",
                reference="https://example.org/sohr",
                tier="primary",
                consulted_on="2018-07-14",
            )
        )
        store.apply(ApplyEarlier(changed.id, old_id))
    assert rows(db, "SELECT status, copied_from FROM claims WHERE id = ?", changed.id) == [
        ("verified", old_id)
    ]
    assert rows(
        db, "SELECT kind, reference FROM sources WHERE claim_id = ? ORDER BY id", changed.id
    ) == [("person", "Rami Abdulrahman, SOHR"), ("url", "https://example.org/sohr")]
    with Store.open(db, "tester") as store:
        store.undo(2)
    assert rows(db, "SELECT status, copied_from FROM claims WHERE id = ?", changed.id) == [
        ("unchecked", None)
    ]
    assert len(rows(db, "SELECT id FROM sources WHERE claim_id = ?", changed.id)) == 2


# --------------------------------------------------------- B: dismissed, reworded, merged
def floods_db(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    import_file(tmp_path, "art.txt", FLOODS, db)
    return db


def first_claims(db: Path) -> list[int]:
    with Store.open(db, "tester") as store:
        return [claim.id for claim in store.claims(1)]


def test_dismissed_reworded_claim_stays_dismissed_when_its_sentence_changes(
    tmp_path: Path,
) -> None:
    db = floods_db(tmp_path)
    bridges = first_claims(db)[0]
    with Store.open(db, "tester") as store:
        assert store.apply(EditText(bridges, "Floodwater destroyed 12 bridges in the north"))
        store.apply(SetDismissed([bridges], True))
    import_file(tmp_path, "rev.txt", FLOODS.replace("12 bridges", "14 bridges"), db)
    carried = claim_rows(db, 2)
    assert carried[0] == (
        "Floodwater destroyed 14 bridges across the northern province on Monday, officials said.",
        1,
        0,
        "changed",
        "Floodwater destroyed 12 bridges in the north",
    )
    # Not listed as removed, and the sentence does not come back as a new shown claim.
    assert [r for r in carried if r[3] == "removed"] == []
    assert [r for r in carried if "bridges" in str(r[0]) and r[1] == 0] == []


def test_dismissed_claims_stay_dismissed_kept_or_gone(tmp_path: Path) -> None:
    db = floods_db(tmp_path)
    bridges, families, *_ = first_claims(db)
    with Store.open(db, "tester") as store:
        store.apply(EditText(bridges, "Floodwater destroyed a dozen bridges"))
        store.apply(SetDismissed([bridges, families], True))
    revised = FLOODS.replace(
        "The regional governor said 300 families had been moved to schools and sports halls.\n\n",
        "",
    )
    import_file(tmp_path, "rev.txt", revised, db)
    carried = claim_rows(db, 2)
    # Kept: same sentence, still dismissed, still reworded (the checker's wording kept).
    assert ("Floodwater destroyed a dozen bridges", 1, 1, None, None) in carried
    # Gone: listed as removed but still dismissed (hidden), not a shown "removed" entry.
    gone = [r for r in carried if r[3] == "removed"]
    assert [(r[1], r[2]) for r in gone] == [(1, 0)]
    with Store.open(db, "tester") as store:
        assert [c.revision_state for c in store.claims(2)] == [""]
        assert store.progress(2).total == 1
    # Nothing dismissed came back as a new claim.
    assert [r[0] for r in carried if r[1] == 0] == [
        "Police said 40 rescue teams reached the last cut-off village of Amberley on Tuesday."
    ]


def test_merged_claim_changes_and_the_merged_away_one_is_not_resurrected(
    tmp_path: Path,
) -> None:
    db = floods_db(tmp_path)
    bridges, families, *_ = first_claims(db)
    with Store.open(db, "tester") as store:
        assert store.apply(Merge(bridges)) == families
        store.apply(Mark([bridges], "verified"))
    import_file(tmp_path, "rev.txt", FLOODS.replace("12 bridges", "14 bridges"), db)
    carried = claim_rows(db, 2)
    merged = carried[0]
    assert str(merged[0]).startswith("Floodwater destroyed 14 bridges")
    assert str(merged[0]).endswith("moved to schools and sports halls.")
    assert (merged[1], merged[3]) == (0, "changed")
    assert "12 bridges" in str(merged[4])
    assert [r for r in carried if r[3] == "removed"] == []
    assert [r for r in carried if str(r[0]).startswith("The regional governor")] == []
    assert rows(
        db,
        "SELECT count(*) FROM claims WHERE article_id = 2 "
        f"AND dismissed = {ClaimVisibility.MERGED:d}",
    ) == [(0,)]


def test_a_changed_claim_never_takes_the_sentence_another_claim_kept(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    roads = "Floodwater destroyed 12 roads across the northern province on Monday, officials said."
    import_file(
        tmp_path,
        "art.txt",
        FLOODS.replace("officials said.\n\n", f"officials said.\n\n{roads}\n\n", 1),
        db,
    )
    with Store.open(db, "tester") as store:
        assert [c.text for c in store.claims(1)][1] == roads
    # The bridges sentence is deleted; the roads sentence, much like it, is untouched.
    revised = FLOODS.replace(
        "Floodwater destroyed 12 bridges across the northern province on Monday, officials said.",
        roads,
    )
    import_file(tmp_path, "rev.txt", revised, db)
    carried = claim_rows(db, 2)
    assert [r[3] for r in carried if r[0] == roads] == [None]
    assert [r[0] for r in carried if r[3] == "removed"] == [
        "Floodwater destroyed 12 bridges across the northern province on Monday, officials said."
    ]


async def test_one_key_on_a_disagreeing_earlier_check_changes_nothing(tmp_path: Path) -> None:
    from factcheck_tui.tui.app import FactcheckApp
    from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel

    db = tmp_path / "desk.db"
    checked_strike(tmp_path, db)
    import_file(tmp_path, "rev.txt", STRIKE.replace("killed 54 people", "killed 45 people"), db)
    with Store.open(db, "tester") as store:
        app = FactcheckApp(store)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            panel = app.screen.query_one(SuggestionsPanel)
            assert panel.items[0].earlier is not None
            assert panel.items[0].earlier.numbers_disagree == (("45", "54"),)
            await pilot.press("1")
            await pilot.pause()
    assert rows(
        db, "SELECT status, copied_from FROM claims WHERE article_id = 2 ORDER BY start"
    ) == [("unchecked", None), ("unchecked", None)]
    assert rows(
        db,
        "SELECT count(*) FROM sources s JOIN claims c ON c.id = s.claim_id WHERE c.article_id = 2",
    ) == [(1,)]
