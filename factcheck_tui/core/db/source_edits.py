"""Reading and rewriting one source row (the claim's `updated_at` moves with it)."""

from __future__ import annotations

import sqlite3
from typing import Any

from factcheck_tui.core.records.clock import now

SOURCE_FIELDS = ("kind", "reference", "tier", "consulted_on")


def read_source(conn: sqlite3.Connection, source_id: int) -> dict[str, Any] | None:
    """The source as an event records it (`id`, `claim_id` and SOURCE_FIELDS), or None."""
    row = conn.execute(
        "SELECT id, claim_id, kind, reference, tier, consulted_on FROM sources WHERE id = ?",
        (source_id,),
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("id", "claim_id", *SOURCE_FIELDS), row, strict=True))


def write_source(conn: sqlite3.Connection, source_id: int, fields: dict[str, Any]) -> None:
    """Set the source's SOURCE_FIELDS to `fields`; inside the caller's transaction."""
    conn.execute(
        "UPDATE sources SET kind = ?, reference = ?, tier = ?, consulted_on = ? WHERE id = ?",
        (*(fields[name] for name in SOURCE_FIELDS), source_id),
    )
    conn.execute(
        "UPDATE claims SET updated_at = ? WHERE id = (SELECT claim_id FROM sources WHERE id = ?)",
        (now(), source_id),
    )
