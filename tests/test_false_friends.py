"""Precision (issue #14): case and word form matter where they change meaning, and a one-word
or function-word overlap never makes a suggestion. Pairs from real claims: a Guardian
education claim and the sample's report on the coalition strike near al-Sousa, which Link
all proposed because "use", "used" and the pronoun "us" were all folded to the country."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from factcheck_tui.core.db.schema import SCHEMA_VERSION
from factcheck_tui.core.matching import match as matching
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.matching.same_claim import SUGGEST_THRESHOLD
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.core.text.search_terms import content_stems
from tests.conftest import REPO

SAMPLE_REPORTS = REPO / "sample_db" / "prior_reports.jsonl"
STRIKE_REPORT = "example-sana-video-proof"  # "…proves the US-led coalition carried out…"


@pytest.fixture
def reports(store: Store) -> Store:
    import_reports(store, SAMPLE_REPORTS)
    return store


@pytest.mark.parametrize(
    "claim",
    [
        "Teachers publish and use materials",
        "Teachers publish and used materials",
        "Teachers told us they publish materials",
        "Teachers publish materials and use them in class",
    ],
)
def test_use_used_and_us_are_not_the_us(reports: Store, claim: str) -> None:
    found = matching.match_with_weak(reports, claim, 10)
    assert STRIKE_REPORT not in {s.external_id for s in found}
    proposed = matching.match(reports, claim, 10)  # what Link all proposes
    assert STRIKE_REPORT not in {s.external_id for s in proposed}


def test_the_country_is_still_the_country_in_capitals(reports: Store) -> None:
    for claim in (
        "A SANA video proves US-led coalition jets carried out the air strike",
        "A SANA video proves the U.S.-led coalition carried out the strike",
    ):
        found = matching.match(reports, claim, 3)
        assert found and found[0].external_id == STRIKE_REPORT
        assert "usa" in content_stems(claim)
    assert "usa" not in content_stems("they told us to use it and we used it")


def test_a_single_shared_word_is_never_a_suggestion(reports: Store) -> None:
    """ "publish" is the only word the education claim shares with the strike report: not
    suggested, and not even listed as weak."""
    query = analyse("Teachers publish and use materials")
    ranked = matching.Matcher(reports.conn).rank(query)
    strike = next(c for c in ranked if c.external_id == STRIKE_REPORT)
    assert set(strike.shared) == {"publish"}
    assert strike.ruled_out and strike.probability < SUGGEST_THRESHOLD


def test_migration_recomputes_the_old_us_terms(tmp_path: Path) -> None:
    """A desk made before the claim indexes stored "use" and "US" as the same term; migrating
    recomputes them."""
    db = tmp_path / "old.db"
    with Store.open(db, "tester") as store:
        import_reports(store, SAMPLE_REPORTS)
    conn = sqlite3.connect(db)
    before = conn.execute(
        "SELECT norm_text FROM reports WHERE external_id = ?", (STRIKE_REPORT,)
    ).fetchone()[0]
    assert "usa" in before.split()
    # As it was stored before: the country folded to "us"; no claim indexes.
    with conn:
        conn.execute(
            "UPDATE reports SET norm_text = ? WHERE external_id = ?",
            (before.replace("usa", "us"), STRIKE_REPORT),
        )
        conn.execute("UPDATE report_terms SET df = df - 1 WHERE term = 'usa'")
        conn.execute(
            "INSERT INTO report_terms VALUES ('us', 1) ON CONFLICT DO UPDATE SET df = df + 1"
        )
        for table in (
            "checked_fts",
            "checked_claims",
            "checked_terms",
            "desk_fts",
            "desk_claims",
            "desk_terms",
        ):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("PRAGMA user_version = 5")  # before #14's indexes (schema 6)
    conn.close()
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with Store.open(copy, "tester") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        after = store.conn.execute(
            "SELECT norm_text FROM reports WHERE external_id = ?", (STRIKE_REPORT,)
        ).fetchone()[0]
        assert after == before
        assert (
            store.conn.execute(
                "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'us'"
            ).fetchone()[0]
            == 0
        )
        found = matching.match_with_weak(store, "Teachers publish and use materials", 10)
        assert STRIKE_REPORT not in {s.external_id for s in found}
