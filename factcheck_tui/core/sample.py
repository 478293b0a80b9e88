"""Build the sample database a new user meets first, reproducibly, from sample_db/.

`python scripts/build_sample_db.py` rewrites sample_db/sample.db; a test rebuilds it into a
temp dir and compares the content with the committed file. Every article file
(`*.txt`, `*.md`, `*.html`, `*.json` but the reports) and `prior_reports.*` are imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck_tui.core.db import connection
from factcheck_tui.core.db import exports as export_queries
from factcheck_tui.core.intake.article_files import FORMATS_BY_SUFFIX, read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store

SAMPLE_CHECKER = "sample"
REPORTS_STEM = "prior_reports"


def build_sample_database(sample_dir: Path, target: Path) -> Path:
    """Write a fresh sample database to `target` (replacing it)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with Store.open(target, SAMPLE_CHECKER) as store:
        for path in sorted(sample_dir.iterdir()):
            if path.stem == REPORTS_STEM or path.suffix.lower() not in FORMATS_BY_SUFFIX:
                continue
            if path.suffix == "" or path.name.startswith("."):
                continue
            import_article(store, read_article_file(path))
        for path in sorted(sample_dir.glob(f"{REPORTS_STEM}.*")):
            import_reports(store, path)
        # One self-contained file (no -wal/-shm beside it); opening a copy turns WAL back on.
        connection.make_single_file(store.conn)
    return target


def database_content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a user sees of a database, without timestamps: to compare two builds."""
    with Store.open(path, "reader", read_only=True) as store:
        return export_queries.content(store.conn)
