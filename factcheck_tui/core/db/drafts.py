"""SQL for Word drafts: the writer's comments stored as sources, and the original file.

Schema 2 (`migrate_to_v2`):
- `sources.author`, `sources.written_at`: who wrote a source's annotation and when (a draft
  comment's author and date); `sources.origin`: "checker" (added at the desk) or "draft"
  (the writer's comment in the imported draft).
- `article_files`: the bytes of the file an article was imported from, for formats whose
  original the desk hands back with its formatting and comments (.docx, issue 13): one row an
  article, so the article list never reads the blobs.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck_tui.core.records.models import DraftSource

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def migrate_to_v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE sources ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE sources ADD COLUMN written_at TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'checker'")
    conn.execute(
        "CREATE TABLE article_files ("
        "article_id INTEGER PRIMARY KEY REFERENCES articles(id), "
        "file_name TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL, "
        "sha256 TEXT NOT NULL, content BLOB NOT NULL)"
    )


def insert_draft_sources(
    conn: sqlite3.Connection, sources: Sequence[DraftSource], *, added_by: str, added_at: str
) -> int:
    """Store the writer's annotations as sources (inside the caller's transaction)."""
    conn.executemany(
        "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by, "
        "added_at, author, written_at, origin, locator) "
        "VALUES (?, ?, ?, '', '', ?, ?, ?, ?, 'draft', ?)",
        [
            (s.claim_id, s.kind, s.reference, added_by, added_at, s.author, s.written_at, s.locator)
            for s in sources
        ],
    )
    return len(sources)


def store_original_file(
    conn: sqlite3.Connection, article_id: int, file_name: str, content: bytes, media_type: str
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO article_files (article_id, file_name, media_type, size, sha256, "
        "content) VALUES (?, ?, ?, ?, ?, ?)",
        (
            article_id,
            file_name,
            media_type,
            len(content),
            hashlib.sha256(content).hexdigest(),
            content,
        ),
    )


def original_file(conn: sqlite3.Connection, article_id: int) -> tuple[str, str, bytes] | None:
    """(file name, media type, bytes) of the file the article was imported from, if kept."""
    row = conn.execute(
        "SELECT file_name, media_type, content FROM article_files WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    return (row[0], row[1], bytes(row[2])) if row else None


def standing_claim_spans(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, int, int]]:
    """(id, start, end) of the article's claims whose sentence is still in it."""
    return [
        (int(r[0]), int(r[1]), int(r[2]))
        for r in conn.execute(
            "SELECT id, start, end FROM claims WHERE article_id = ? "
            "AND coalesce(revision_state, '') != 'removed'",
            (article_id,),
        )
    ]


def draft_comment_keys(conn: sqlite3.Connection, article_id: int) -> set[tuple[str, str, str]]:
    """(text or URL, author, date) of the writer's comments stored as sources of the
    article's claims: what a draft kept only as its sources (an .odt) already brought."""
    return {
        (str(row[0]), str(row[1]), str(row[2]))
        for row in conn.execute(
            "SELECT s.reference, s.author, s.written_at FROM sources s "
            "JOIN claims c ON c.id = s.claim_id WHERE c.article_id = ? AND s.origin = 'draft'",
            (article_id,),
        )
    }
