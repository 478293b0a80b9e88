"""The `reports` table and its search index: FTS5 over `norm_text` (kept by triggers) and
`report_terms`, each term's document frequency, which the writes here keep in step."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from factcheck_tui.core.db import term_counts
from factcheck_tui.core.db.schema import REPORT_FIELDS, create_report_search

# What matching reads of a report: id, external id, the fields it shows, its search terms.
MATCH_COLUMNS = (
    "id, external_id, claim_text, coalesce(title, ''), coalesce(rating, ''), "
    "coalesce(publisher, ''), coalesce(url, ''), coalesce(date, ''), coalesce(norm_text, '')"
)


# ------------------------------------------------------------------------------ writing
def existing_reports(
    conn: sqlite3.Connection, identities: Sequence[str]
) -> dict[str, tuple[Any, ...]]:
    """identity (core.db.report_identity) → (id, norm_text, *REPORT_FIELDS) of the reports
    already stored."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(identities), 500):
        chunk = list(identities[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT identity, id, norm_text, {', '.join(REPORT_FIELDS)} FROM reports "
            f"WHERE identity IN ({marks})",
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


def apply_term_delta(conn: sqlite3.Connection, delta: Counter[str]) -> None:
    """Add document-frequency changes to `report_terms` (terms at 0 are dropped; the
    ' docs' and ' terms' totals are kept)."""
    changes = [(term, count) for term, count in delta.items() if count]
    if not changes:
        return
    conn.executemany(
        "INSERT INTO report_terms (term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        changes,
    )
    if any(count < 0 for _, count in changes):
        conn.execute("DELETE FROM report_terms WHERE df <= 0 AND term NOT LIKE ' %'")


def recount_terms(conn: sqlite3.Connection) -> None:
    """Recount `report_terms` from every report's norm_text (inside a write)."""
    conn.execute("DELETE FROM report_terms")
    counts: Counter[str] = Counter()
    docs = 0
    terms = 0
    for norm in norm_texts(conn):
        words = norm.split()
        counts.update(set(words))
        docs += 1
        terms += len(words)
    counts[" docs"] = docs
    counts[" terms"] = terms
    conn.executemany("INSERT INTO report_terms (term, df) VALUES (?, ?)", list(counts.items()))


# ---------------------------------------------------------------------- search index
def has_search_index(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'report_terms'").fetchone()
        is not None
    )


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Create the index if missing, refill FTS5 from `reports` and recount the terms (inside
    a write)."""
    import sqlite_utils

    create_report_search(sqlite_utils.Database(conn))
    conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
    recount_terms(conn)


def optimize_search_index(conn: sqlite3.Connection) -> None:
    """Merge the FTS index into one segment (inside a write)."""
    conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('optimize')")


# ------------------------------------------------------------------------------ reading
def term_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """Document frequency of each term reports hold (absent terms left out). Raises
    sqlite3.OperationalError on a database made before the search index."""
    return term_counts.term_frequencies(conn, "report_terms", terms)


def norm_texts(conn: sqlite3.Connection) -> Iterator[str]:
    """Every report's search terms, as stored (space-separated)."""
    for (norm,) in conn.execute("SELECT norm_text FROM reports"):
        yield norm or ""


def all_match_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """MATCH_COLUMNS of every report, by id."""
    return conn.execute(f"SELECT {MATCH_COLUMNS} FROM reports ORDER BY id").fetchall()


def match_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """MATCH_COLUMNS of the reports with these ids."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return conn.execute(
        f"SELECT {MATCH_COLUMNS} FROM reports WHERE id IN ({marks})", list(ids)
    ).fetchall()


def fts_best(conn: sqlite3.Connection, match: str, limit: int) -> list[int]:
    """Report ids matching an FTS5 query, best first by FTS5's bm25."""
    rows = conn.execute(
        "SELECT rowid FROM reports_fts WHERE reports_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, limit),
    ).fetchall()
    return [int(row[0]) for row in rows]


def fts_weighted(
    conn: sqlite3.Connection, weighted: Sequence[tuple[float, str]], limit: int
) -> list[int]:
    """Report ids holding any of the (weight, FTS5 query) terms, by the sum of the weights
    of the terms each holds, then id."""
    parts = " UNION ALL ".join(
        "SELECT rowid AS id, ? AS w FROM reports_fts WHERE reports_fts MATCH ?" for _ in weighted
    )
    params: list[object] = []
    for weight, query in weighted:
        params += [weight, query]
    rows = conn.execute(
        f"SELECT id FROM ({parts}) GROUP BY id ORDER BY sum(w) DESC, id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [int(row[0]) for row in rows]
