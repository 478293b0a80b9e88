"""Reading one prior report's headline (rating, publisher, URL) for the history screens."""

from __future__ import annotations

import sqlite3

from factcheck_tui.core.records.display import printable


def report_headline(conn: sqlite3.Connection, report_id: int) -> str | None:
    """`Mostly false · Example Desk · https://…` for report `report_id`, or None if gone."""
    row = conn.execute(
        "SELECT rating, publisher, url FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None:
        return None
    rating, publisher, url = (printable(value or "") for value in row)
    return " · ".join(part for part in (rating or "unrated", publisher, url) if part)
