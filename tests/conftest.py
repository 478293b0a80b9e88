"""Shared fixtures: real SQLite files in temp dirs, the real sample article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = REPO / "sample_db" / "seed_article.txt"
# The real evaluation data: beside the checkout in CI (../shared/data), two levels up from a
# worktree (/work/wt/NAME); tests that need it skip, saying so, when neither exists.
SHARED_DATA = next(
    (
        folder
        for folder in (REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data")
        if folder.is_dir()
    ),
    REPO.parent / "shared" / "data",
)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the developer's real config, data dir or database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    monkeypatch.delenv("FACTCHECK_CONFIG", raising=False)
    monkeypatch.setenv("FACTCHECK_CHECKER", "tester")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path, "tester") as opened:
        yield opened


@pytest.fixture
def sample_store(store: Store) -> Store:
    """A store holding the sample article and its extracted claims."""
    import_article(store, read_article_file(SAMPLE_ARTICLE))
    return store


# The 10,375 real Snopes fact-checks of CheckThat! 2020 task 2 (`vclaim`, `title`).
SNOPES = SHARED_DATA / "checkthat2020-task2" / "verified_claims.docs.tsv"
needs_snopes = pytest.mark.skipif(not SNOPES.exists(), reason=f"no {SNOPES}")


@pytest.fixture(scope="session")
def snopes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk holding the 10,375 real Snopes fact-checks as prior reports, imported from the
    file as it is; built once for every test that reads it (none writes to it)."""
    db = tmp_path_factory.mktemp("snopes") / "desk.db"
    with Store.open(db, "tester") as store:
        import_reports(store, SNOPES)
    return db
