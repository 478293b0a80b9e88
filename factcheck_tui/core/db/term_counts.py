"""Document frequencies from a search index's term table (`report_terms`, and the claim
indexes' tables in claim_search.py): one lookup shared by every index matching reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

# SQLite's default limit on bound parameters is 999 in older builds: ask in chunks.
CHUNK = 500


def term_frequencies(conn: sqlite3.Connection, table: str, terms: Iterable[str]) -> dict[str, int]:
    """Document frequency of each of `terms` in the term table `table` (absent ones left
    out). Raises sqlite3.OperationalError on a database made before that index."""
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(terms))
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(f"SELECT term, df FROM {table} WHERE term IN ({marks})", chunk).fetchall()
        )
    return found
