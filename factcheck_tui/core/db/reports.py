"""The `reports` table: writing prior reports, and keeping their search index (`REPORTS` of
search_index.py: FTS5 over `norm_text`, kept by triggers, and `report_terms`) whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from factcheck_tui.core.db.chunked import chunks, marks
from factcheck_tui.core.db.schema import REPORT_FIELDS, create_report_search
from factcheck_tui.core.db.search_index import REPORTS


# ------------------------------------------------------------------------------ writing
def existing_reports(
    conn: sqlite3.Connection, identities: Sequence[str]
) -> dict[str, tuple[Any, ...]]:
    """identity (core.db.report_identity) → (id, norm_text, *REPORT_FIELDS) of the reports
    already stored."""
    found: dict[str, tuple[Any, ...]] = {}
    for chunk in chunks(identities):
        for row in conn.execute(
            f"SELECT identity, id, norm_text, {', '.join(REPORT_FIELDS)} FROM reports "
            f"WHERE identity IN ({marks(chunk)})",
            chunk,
        ):
            found[row[0]] = tuple(row[1:])
    return found


def insert_reports(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Rows of (identity, external_id, norm_text, *REPORT_FIELDS, source_file, imported_at)."""
    conn.executemany(
        f"INSERT INTO reports (identity, external_id, norm_text, {', '.join(REPORT_FIELDS)}, "
        f"source_file, imported_at) VALUES ({','.join('?' * (len(REPORT_FIELDS) + 5))})",
        rows,
    )


def update_reports(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Rows of (norm_text, *REPORT_FIELDS, source_file, imported_at, id)."""
    conn.executemany(
        "UPDATE reports SET norm_text = ?, "
        + ", ".join(f"{name} = ?" for name in REPORT_FIELDS)
        + ", source_file = ?, imported_at = ? WHERE id = ?",
        rows,
    )


# ---------------------------------------------------------------------- search index
def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Create the index if missing, refill FTS5 from `reports` and recount the terms (inside
    a write)."""
    import sqlite_utils

    create_report_search(sqlite_utils.Database(conn))
    conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
    REPORTS.recount(conn)


def optimize_search_index(conn: sqlite3.Connection) -> None:
    """Merge the FTS index into one segment (inside a write)."""
    conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('optimize')")
