"""Who owns an article, by when, and whether it is archived: the `article_desk` table
(created by schema 2, core/db/schema.py).

One row per article that was ever assigned or archived (most articles have none). Kept out
of `articles` so the desk's bookkeeping never touches the imported text's row.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from factcheck_tui.core.records.display import printable

# The SQL that keeps archived articles out of the desk, `status` and exports, for an
# articles table aliased `a`.
NOT_ARCHIVED = (
    "NOT EXISTS (SELECT 1 FROM article_desk d WHERE d.article_id = a.id AND d.archived_at != '')"
)


@dataclass(frozen=True, slots=True)
class DeskEntry:
    owner: str = ""
    due: str = ""  # "YYYY-MM-DD HH:MM" as typed (the desk's local time), or ""
    archived_at: str = ""
    archived_by: str = ""


def desk_entries(conn: sqlite3.Connection) -> dict[int, DeskEntry]:
    return {
        row[0]: DeskEntry(*(printable(value) for value in row[1:]))
        for row in conn.execute(
            "SELECT article_id, owner, due, archived_at, archived_by FROM article_desk"
        )
    }


def desk_entry(conn: sqlite3.Connection, article_id: int) -> DeskEntry:
    row = conn.execute(
        "SELECT owner, due, archived_at, archived_by FROM article_desk WHERE article_id = ?",
        (article_id,),
    ).fetchone()
    return DeskEntry(*row) if row else DeskEntry()


@dataclass(frozen=True, slots=True)
class ArchivedArticle:
    """An article archived off the desk, as the archived view lists it."""

    id: int
    title: str
    date: str
    outlet: str
    archived_at: str
    archived_by: str


def archived_articles(conn: sqlite3.Connection) -> list[ArchivedArticle]:
    """Every archived article, the last archived first."""
    return [
        ArchivedArticle(row[0], *(printable(value or "") for value in row[1:]))
        for row in conn.execute(
            "SELECT a.id, a.title, a.date, a.outlet, d.archived_at, d.archived_by "
            "FROM articles a JOIN article_desk d ON d.article_id = a.id "
            "WHERE d.archived_at != '' ORDER BY d.archived_at DESC, a.id DESC"
        )
    ]


def write_owner(conn: sqlite3.Connection, article_id: int, owner: str, due: str) -> None:
    conn.execute(
        "INSERT INTO article_desk (article_id, owner, due) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id) DO UPDATE SET owner = excluded.owner, due = excluded.due",
        (article_id, owner, due),
    )


def write_archived(
    conn: sqlite3.Connection, article_id: int, archived_at: str, archived_by: str
) -> None:
    """`archived_at` "" restores the article."""
    conn.execute(
        "INSERT INTO article_desk (article_id, archived_at, archived_by) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id) DO UPDATE SET archived_at = excluded.archived_at, "
        "archived_by = excluded.archived_by",
        (article_id, archived_at, archived_by),
    )


def article_exists(conn: sqlite3.Connection, article_id: int) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
