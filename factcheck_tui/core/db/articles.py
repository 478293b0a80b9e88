"""The `articles` table: drafts, their revisions, and the article list's counts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck_tui.core.db.connection import sql_literal
from factcheck_tui.core.db.desk_meta import NOT_ARCHIVED, DeskEntry, desk_entries
from factcheck_tui.core.db.facts import fact_counts
from factcheck_tui.core.db.schema import is_shown
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.models import Article, ArticleSummary


def content_hash(title: str, body: str) -> str:
    """What `articles.content_hash` holds: the same title and body imported twice find it."""
    import hashlib  # only imports need it, not the first screen

    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def latest_revision(alias: str = "a") -> str:
    """SQL: the article `alias` is the latest revision (no draft replaced it). The one place
    this rule is written."""
    return f"NOT EXISTS (SELECT 1 FROM articles newer WHERE newer.previous_id = {alias}.id)"


def status_in(conn: sqlite3.Connection, column: str, statuses: Sequence[str]) -> str:
    """SQL: `column IN ('a', 'b')` for statuses from configuration (quoted by SQLite)."""
    if not statuses:
        return "0"
    return f"{column} IN ({', '.join(sql_literal(conn, s) for s in statuses)})"


def find_by_hash(conn: sqlite3.Connection, digest: str) -> int | None:
    row = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
    return int(row[0]) if row else None


def insert_article(
    conn: sqlite3.Connection,
    *,
    title: str,
    date: str,
    url: str,
    outlet: str,
    body: str,
    content_hash: str,
    fmt: str,
    source_name: str,
    imported_at: str,
    imported_by: str,
    revision: int = 1,
    previous_id: int | None = None,
    threshold: float | None = None,
) -> int:
    cursor = conn.execute(
        # A revision of a draft keeps where the desk's check of it is published.
        "INSERT INTO articles (title, date, url, outlet, body, content_hash, format, "
        "source_name, imported_at, imported_by, revision, previous_id, threshold, "
        "published_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "coalesce((SELECT published_url FROM articles WHERE id = ?12), ''))",
        (
            title,
            date,
            url,
            outlet,
            body,
            content_hash,
            fmt,
            source_name,
            imported_at,
            imported_by,
            revision,
            previous_id,
            threshold,
        ),
    )
    return int(cursor.lastrowid or 0)


def read_article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    row = conn.execute(
        "SELECT id, title, date, url, outlet, body, revision, published_url FROM articles "
        "WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return Article(
        id=row[0],
        title=printable(row[1]),
        date=printable(row[2] or ""),
        url=printable(row[3] or ""),
        outlet=printable(row[4] or ""),
        body=printable(row[5]),
        revision=row[6],
        published_url=printable(row[7] or ""),
    )


def article_body(conn: sqlite3.Connection, article_id: int) -> str | None:
    """The stored body, as imported (offsets of claims index into it)."""
    row = conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else str(row[0])


def summaries(
    conn: sqlite3.Connection,
    positive: Sequence[str],
    negative: Sequence[str],
    neutral: Sequence[str],
) -> list[ArticleSummary]:
    """Every latest revision with its shown claims' counts by kind of verdict, newest first."""
    rows = conn.execute(
        f"""
        SELECT a.id, a.title, a.date, a.outlet,
               count(c.id),
               coalesce(sum({status_in(conn, "c.status", positive)}), 0),
               coalesce(sum({status_in(conn, "c.status", negative)}), 0),
               coalesce(max(c.updated_at), a.imported_at),
               group_concat(DISTINCT nullif(c.checker, '')),
               coalesce(sum({status_in(conn, "c.status", neutral)}), 0)
        FROM articles a LEFT JOIN claims c
          ON c.article_id = a.id AND {is_shown("c")}
        WHERE {latest_revision("a")} AND {NOT_ARCHIVED}
        GROUP BY a.id
        ORDER BY a.date DESC, a.id DESC
        """
    ).fetchall()
    desk = desk_entries(conn)
    no_entry = DeskEntry()
    facts = fact_counts(conn, is_shown("c"))
    return [
        ArticleSummary(
            id=row[0],
            title=printable(row[1]),
            date=printable(row[2] or ""),
            outlet=printable(row[3] or ""),
            claims=row[4],
            verified=row[5],
            unverified=row[6],
            last_change=printable(row[7] or ""),
            checkers=tuple(sorted(printable(row[8]).split(","))) if row[8] else (),
            neutral=row[9],
            owner=desk.get(row[0], no_entry).owner,
            due=desk.get(row[0], no_entry).due,
            facts=facts.get(row[0], (0, 0))[0],
            facts_left=facts.get(row[0], (0, 0))[1],
        )
        for row in rows
    ]


def newer_revision(conn: sqlite3.Connection, article_id: int) -> tuple[int, int] | None:
    """(id, revision) of the draft that replaced this article, if one was imported."""
    row = conn.execute(
        "SELECT id, revision FROM articles WHERE previous_id = ? ORDER BY id LIMIT 1",
        (article_id,),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


@dataclass(frozen=True, slots=True)
class StoredDraft:
    """The latest revision of a stored article, as an import compares itself with it."""

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
            "SELECT a.id, a.title, a.url, a.outlet, a.body, a.revision FROM articles a "
            f"WHERE {where} AND {latest_revision('a')} ORDER BY a.id DESC",
            params,
        )
    ]


def latest_with_url(conn: sqlite3.Connection, url: str) -> StoredDraft | None:
    """The latest revision of the article at `url`."""
    found = _drafts(conn, "a.url = ?", (url,))
    return found[0] if found else None


def latest_with_title(conn: sqlite3.Connection, title: str) -> list[StoredDraft]:
    """The latest revisions of the articles with exactly this title, newest first."""
    return _drafts(conn, "a.title = ?", (title,))


def latest_draft_of(conn: sqlite3.Connection, article_id: int) -> StoredDraft | None:
    """The latest revision of the article `article_id` is a revision of (itself if none is
    newer), or None when there is no such article."""
    chain = json.dumps(revision_chain(conn, article_id))
    found = _drafts(conn, "a.id IN (SELECT value FROM json_each(?))", (chain,))
    return found[0] if found else None


def revision_chain(conn: sqlite3.Connection, article_id: int) -> list[int]:
    """Every revision of this article, older and newer, itself included."""
    rows = conn.execute(
        "WITH RECURSIVE older(id) AS (SELECT ? UNION SELECT a.previous_id FROM articles a "
        "JOIN older ON a.id = older.id WHERE a.previous_id IS NOT NULL), "
        "newer(id) AS (SELECT ? UNION SELECT a.id FROM articles a JOIN newer "
        "ON a.previous_id = newer.id) SELECT id FROM older UNION SELECT id FROM newer",
        (article_id, article_id),
    ).fetchall()
    return [int(row[0]) for row in rows]


def revision_and_threshold(
    conn: sqlite3.Connection, article_id: int
) -> tuple[int, float | None] | None:
    row = conn.execute(
        "SELECT revision, threshold FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return None if row is None else (int(row[0]), row[1])


def threshold(conn: sqlite3.Connection, article_id: int) -> float | None:
    """The claim threshold the desk set for this article (None: the extractor's default)."""
    row = conn.execute("SELECT threshold FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else row[0]


def set_threshold(conn: sqlite3.Connection, article_id: int, value: float | None) -> None:
    conn.execute("UPDATE articles SET threshold = ? WHERE id = ?", (value, article_id))


# `published_url`: where the desk's own fact-check of the article is published (schema 8).
METADATA_FIELDS = ("title", "date", "outlet", "url", "published_url")


def article_metadata(conn: sqlite3.Connection, article_id: int) -> dict[str, str] | None:
    """An article's title, date, outlet, URL and published URL (None: no such article)."""
    row = conn.execute(
        f"SELECT {', '.join(METADATA_FIELDS)} FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return None if row is None else dict(zip(METADATA_FIELDS, (v or "" for v in row), strict=True))


def write_article_metadata(
    conn: sqlite3.Connection, article_id: int, values: dict[str, str]
) -> None:
    """Set some of an article's metadata (keys of METADATA_FIELDS only)."""
    fields = [name for name in METADATA_FIELDS if name in values]
    if fields:
        assignments = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?",
            (*(values[name] for name in fields), article_id),
        )
