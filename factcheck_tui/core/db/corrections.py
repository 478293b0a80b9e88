"""The `claims.correction` column: a claim's suggested correction (schema version 4).

The wording or figure the piece should use instead ("45 killed, per the Observatory's update
of 14 July"); empty when the claim needs none. Functions take the connection; the caller
holds the write transaction and records the event (core/desk/claim_checks.py).
"""

from __future__ import annotations

import sqlite3

from factcheck_tui.core.db.claim_search import sync_claims


def add_correction_column(conn: sqlite3.Connection) -> None:
    """The migration to schema 4 (idempotent: a column already there is left alone)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(claims)")}
    if "correction" not in columns:
        conn.execute("ALTER TABLE claims ADD COLUMN correction TEXT NOT NULL DEFAULT ''")


def claim_correction(conn: sqlite3.Connection, claim_id: int) -> tuple[int, str] | None:
    """(article id, correction) of a claim, or None when there is no such claim."""
    row = conn.execute(
        "SELECT article_id, correction FROM claims WHERE id = ?", (claim_id,)
    ).fetchone()
    return (int(row[0]), str(row[1] or "")) if row else None


def write_correction(conn: sqlite3.Connection, claim_id: int, correction: str, stamp: str) -> None:
    conn.execute(
        "UPDATE claims SET correction = ?, updated_at = ? WHERE id = ?",
        (correction, stamp, claim_id),
    )
    sync_claims(conn, [claim_id])  # the desk search reads suggested corrections
