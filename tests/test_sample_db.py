"""The shipped sample database is what the build script makes from sample_db/, and the demo
command works on a copy, never on the tracked file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factcheck_tui.core.sample import build_sample_database, database_content
from factcheck_tui.tui.launch import demo_database
from tests.conftest import REPO

SAMPLE_DIR = REPO / "sample_db"


def test_committed_sample_matches_a_fresh_build(tmp_path: Path) -> None:
    fresh = build_sample_database(SAMPLE_DIR, tmp_path / "sample.db")
    assert database_content(fresh) == database_content(SAMPLE_DIR / "sample.db"), (
        "sample_db/sample.db is stale: run python scripts/build_sample_db.py"
    )


def test_sample_has_the_article_and_its_claims() -> None:
    content = database_content(SAMPLE_DIR / "sample.db")
    assert [a[1] for a in content["articles"]] == ["ISIS Reduced to a Handful of Holdouts in Syria"]
    assert len(content["claims"]) >= 6


def test_demo_works_on_a_copy_in_the_data_dir() -> None:
    tracked = SAMPLE_DIR / "sample.db"
    before = hashlib.sha256(tracked.read_bytes()).hexdigest()
    copy = demo_database()
    assert copy != tracked and copy.exists()
    assert "factcheck" in str(copy.parent)
    assert hashlib.sha256(tracked.read_bytes()).hexdigest() == before
