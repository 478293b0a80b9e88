"""The stored articles an imported one may be a new draft of (see core.revisions)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# The latest revision of each chain: no article names it as its previous draft.
_LATEST = "NOT EXISTS (SELECT 1 FROM articles newer WHERE newer.previous_id = a.id)"


@dataclass(frozen=True, slots=True)
class StoredDraft:
    id: int
    title: str
    url: str
    outlet: str
    body: str
    revision: int


def _drafts(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[StoredDraft]:
    return [
        StoredDraft(int(row[0]), row[1], row[2] or "", row[3] or "", row[4], int(row[5] or 1))
        for row in conn.execute(
            f"SELECT a.id, a.title, a.url, a.outlet, a.body, a.revision FROM articles a "
            f"WHERE {where} AND {_LATEST} ORDER BY a.id DESC",
            params,
        )
    ]


def latest_with_url(conn: sqlite3.Connection, url: str) -> StoredDraft | None:
    found = _drafts(conn, "a.url = ?", (url,))
    return found[0] if found else None


def latest_with_title(conn: sqlite3.Connection, title: str) -> list[StoredDraft]:
    """Latest drafts with exactly this title, newest first (any outlet, any URL)."""
    return _drafts(conn, "a.title = ?", (title,))


def latest_draft_of(conn: sqlite3.Connection, article_id: int) -> StoredDraft | None:
    """The latest revision in the chain `article_id` belongs to (itself if none is newer)."""
    current = article_id
    for _ in range(10_000):  # a chain is short; the cap only guards against a loop
        row = conn.execute(
            "SELECT id FROM articles WHERE previous_id = ? ORDER BY id LIMIT 1", (current,)
        ).fetchone()
        if row is None:
            break
        current = int(row[0])
    found = _drafts(conn, "a.id = ?", (current,))
    return found[0] if found else None
