"""The search index of the desk's own checked claims (issue #14): `checked_claims` holds the
search terms of every shown claim with a verdict, `checked_fts` (FTS5, kept by triggers)
indexes them and `checked_terms` counts each term's document frequency, exactly as
`reports_fts` / `report_terms` do for prior reports (core/db/reports.py), so earlier checks
are found by the same retrieval and reranking (core.match).

Kept current by `sync`, which core/db/claims.py calls from every function that writes a
claim's status, visibility or text: the index changes in the same transaction as the mark,
whichever change object made it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from factcheck_tui.core.normalize import content_stems

# ClaimVisibility.SHOWN: schema.py imports this module (its migration builds the index),
# so this one cannot import schema.py.
SHOWN = 0
# What matching reads of a checked claim, in core.match's candidate-row order: id, external
# id, text, title (none: a claim's article title is not what it says), verdict, article
# title (shown as the "publisher"), article url, checked_at, search terms.
MATCH_COLUMNS = (
    "c.id, CAST(c.id AS TEXT), c.text, '', c.status, coalesce(a.title, ''), "
    "coalesce(a.url, ''), coalesce(c.checked_at, ''), coalesce(k.norm_text, '')"
)
_JOIN = (
    "FROM checked_claims k JOIN claims c ON c.id = k.claim_id "
    "JOIN articles a ON a.id = c.article_id"
)


def create_checked_search(conn: sqlite3.Connection) -> None:
    """The tables, FTS5 index and triggers (idempotent)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS checked_claims "
        "(claim_id INTEGER PRIMARY KEY, norm_text TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS checked_fts USING fts5(norm_text, "
        "content='checked_claims', content_rowid='claim_id', "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\")"
    )
    conn.execute(
        "CREATE TRIGGER IF NOT EXISTS checked_fts_insert AFTER INSERT ON checked_claims BEGIN "
        "INSERT INTO checked_fts(rowid, norm_text) VALUES (new.claim_id, new.norm_text); END"
    )
    conn.execute(
        "CREATE TRIGGER IF NOT EXISTS checked_fts_delete AFTER DELETE ON checked_claims BEGIN "
        "INSERT INTO checked_fts(checked_fts, rowid, norm_text) "
        "VALUES ('delete', old.claim_id, old.norm_text); END"
    )
    conn.execute(
        "CREATE TRIGGER IF NOT EXISTS checked_fts_update AFTER UPDATE OF norm_text "
        "ON checked_claims BEGIN "
        "INSERT INTO checked_fts(checked_fts, rowid, norm_text) "
        "VALUES ('delete', old.claim_id, old.norm_text); "
        "INSERT INTO checked_fts(rowid, norm_text) VALUES (new.claim_id, new.norm_text); END"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS checked_terms "
        "(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
    )


def has_index(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'checked_terms'").fetchone()
        is not None
    )


def norm_text(text: str) -> str:
    return " ".join(content_stems(text))


# ------------------------------------------------------------------------------ writing
def sync(conn: sqlite3.Connection, claim_ids: Iterable[int]) -> None:
    """Bring the index in step with these claims as they now stand (inside the write that
    changed them): a shown claim with a verdict is indexed, any other is not."""
    if not has_index(conn):  # a file being migrated to the version that adds it
        return
    delta: Counter[str] = Counter()
    for claim_id in dict.fromkeys(claim_ids):
        row = conn.execute(
            "SELECT status, dismissed, text FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        wanted: str | None = None
        if row is not None and row[0] != "unchecked" and row[1] == SHOWN:
            wanted = norm_text(row[2] or "")
        held = conn.execute(
            "SELECT norm_text FROM checked_claims WHERE claim_id = ?", (claim_id,)
        ).fetchone()
        old = None if held is None else str(held[0])
        if old == wanted:
            continue
        if old is not None:
            _count(delta, old, -1)
        if wanted is None:
            conn.execute("DELETE FROM checked_claims WHERE claim_id = ?", (claim_id,))
        else:
            _count(delta, wanted, +1)
            conn.execute(
                "INSERT INTO checked_claims (claim_id, norm_text) VALUES (?, ?) "
                "ON CONFLICT(claim_id) DO UPDATE SET norm_text = excluded.norm_text",
                (claim_id, wanted),
            )
    _apply_delta(conn, delta)


def _count(delta: Counter[str], norm: str, sign: int) -> None:
    found = norm.split()
    for term in set(found):
        delta[term] += sign
    delta[" docs"] += sign
    delta[" terms"] += sign * len(found)


def _apply_delta(conn: sqlite3.Connection, delta: Counter[str]) -> None:
    changes = [(term, count) for term, count in delta.items() if count]
    if not changes:
        return
    conn.executemany(
        "INSERT INTO checked_terms (term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        changes,
    )
    if any(count < 0 for _, count in changes):
        conn.execute("DELETE FROM checked_terms WHERE df <= 0 AND term NOT LIKE ' %'")


def rebuild(conn: sqlite3.Connection) -> int:
    """Create the index if missing and refill it from every claim (inside a write): the
    migration's backfill, and for desks whose claims were written by another tool. Returns
    how many claims it holds."""
    create_checked_search(conn)
    conn.execute("DELETE FROM checked_claims")
    conn.execute("DELETE FROM checked_terms")
    rows = [
        (claim_id, norm_text(text or ""))
        for claim_id, text in conn.execute(
            "SELECT id, text FROM claims WHERE status != 'unchecked' AND dismissed = ?",
            (SHOWN,),
        )
    ]
    conn.executemany("INSERT INTO checked_claims (claim_id, norm_text) VALUES (?, ?)", rows)
    delta: Counter[str] = Counter()
    for _, norm in rows:
        _count(delta, norm, +1)
    _apply_delta(conn, delta)
    return len(rows)


# ------------------------------------------------------------------------------ reading
def term_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """Document frequency of each term checked claims hold (absent terms left out). Raises
    sqlite3.OperationalError on a database without the index."""
    found: dict[str, int] = {}
    unique = list(dict.fromkeys(terms))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(
                f"SELECT term, df FROM checked_terms WHERE term IN ({marks})", chunk
            ).fetchall()
        )
    return found


def norm_texts(conn: sqlite3.Connection) -> Iterable[str]:
    for (norm,) in conn.execute("SELECT norm_text FROM checked_claims"):
        yield norm or ""


def all_match_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(f"SELECT {MATCH_COLUMNS} {_JOIN} ORDER BY c.id").fetchall()


def match_rows(conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return conn.execute(
        f"SELECT {MATCH_COLUMNS} {_JOIN} WHERE k.claim_id IN ({marks})", list(ids)
    ).fetchall()


def fts_best(conn: sqlite3.Connection, match: str, limit: int) -> list[int]:
    rows = conn.execute(
        "SELECT rowid FROM checked_fts WHERE checked_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, limit),
    ).fetchall()
    return [int(row[0]) for row in rows]


def fts_weighted(
    conn: sqlite3.Connection, weighted: Sequence[tuple[float, str]], limit: int
) -> list[int]:
    parts = " UNION ALL ".join(
        "SELECT rowid AS id, ? AS w FROM checked_fts WHERE checked_fts MATCH ?" for _ in weighted
    )
    params: list[object] = []
    for weight, query in weighted:
        params += [weight, query]
    rows = conn.execute(
        f"SELECT id FROM ({parts}) GROUP BY id ORDER BY sum(w) DESC, id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [int(row[0]) for row in rows]


def details(
    conn: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, tuple[int, str, str, str, str, int]]:
    """claim id → (article id, article title, checked_at, status, note, article revision)."""
    if not claim_ids:
        return {}
    marks = ",".join("?" * len(claim_ids))
    return {
        int(row[0]): (int(row[1]), str(row[2]), row[3] or "", str(row[4]), row[5] or "", row[6])
        for row in conn.execute(
            "SELECT c.id, c.article_id, a.title, c.checked_at, c.status, c.note, a.revision "
            f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})",
            list(claim_ids),
        )
    }


def same_text_in(conn: sqlite3.Connection, article_ids: Sequence[int], text: str) -> list[int]:
    """Ids of the claims of these articles whose text is exactly `text`."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    return [
        int(row[0])
        for row in conn.execute(
            f"SELECT id FROM claims WHERE article_id IN ({marks}) AND text = ?",
            [*article_ids, text],
        )
    ]
