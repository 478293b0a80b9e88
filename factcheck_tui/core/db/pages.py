"""SQL for the pages of a paginated article (a PDF; an ODT or RTF that records its page
breaks): where each page begins in the article's body (`article_pages`, schema 8), so a claim
on page 4 can be cited "p. 4". An article with no rows has no pages."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def store_pages(conn: sqlite3.Connection, article_id: int, starts: Sequence[int]) -> None:
    """Record where page 1, 2, … begins in the body (inside the caller's transaction)."""
    conn.executemany(
        "INSERT OR REPLACE INTO article_pages (article_id, page, start) VALUES (?, ?, ?)",
        [(article_id, page, start) for page, start in enumerate(starts, start=1)],
    )


def page_starts(conn: sqlite3.Connection, article_id: int) -> list[int]:
    """Where each page of the article begins, page 1 first; [] for an article without pages."""
    rows = conn.execute(
        "SELECT start FROM article_pages WHERE article_id = ? ORDER BY page", (article_id,)
    )
    return [row[0] for row in rows]


def page_at(conn: sqlite3.Connection, article_id: int, offset: int) -> int | None:
    """The page the body's character at `offset` is on; None for an article without pages.
    A page with no text of its own begins where the next one does: the later page wins."""
    row = conn.execute(
        "SELECT page FROM article_pages WHERE article_id = ? AND start <= ? "
        "ORDER BY page DESC LIMIT 1",
        (article_id, offset),
    ).fetchone()
    return int(row[0]) if row else None
