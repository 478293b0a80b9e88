"""What the exports read: claims with their article, sources and links, in one query each."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from factcheck_tui.core.db.articles import latest_revision
from factcheck_tui.core.db.desk_meta import NOT_ARCHIVED
from factcheck_tui.core.db.schema import is_shown
from factcheck_tui.core.records.visibility import ClaimVisibility

# A shown claim of an article that is not archived (archived articles are never exported).
_SHOWN = f"{is_shown('c')} AND {NOT_ARCHIVED}"
_SHOWN_OR_DISMISSED = (
    f"c.dismissed IN ({ClaimVisibility.SHOWN:d}, {ClaimVisibility.DISMISSED:d}) AND {NOT_ARCHIVED}"
)
# One source as Source.describe() words it (core/records/models.py); the writer's draft comments:
# `draft comment by Jane Doe (2026-07-12): interview with …`, their links
# `url https://… (from the draft comment by Jane Doe, 2026-07-12)`.
SOURCE_LINE_SQL = """CASE
    WHEN s.origin != 'draft' THEN
      s.tier || ' ' || s.kind || ' ' || s.reference
      || iif(coalesce(s.locator, '') != '', ', ' || s.locator, '')
      || ' (consulted ' || s.consulted_on || ')'
    WHEN s.kind = 'draft' THEN
      'draft comment' || iif(s.author != '', ' by ' || s.author, '')
      || iif(s.written_at != '', ' (' || substr(s.written_at, 1, 10) || ')', '')
      || ': ' || s.reference
    ELSE
      s.kind || ' ' || s.reference || ' (from the draft comment'
      || iif(s.author != '', ' by ' || s.author, '')
      || iif(s.written_at != '', ', ' || substr(s.written_at, 1, 10), '') || ')'
  END"""


def csv_rows(
    conn: sqlite3.Connection,
    *,
    article_id: int | None,
    status: str | None,
    any_verdict_but: str | None,
    include_dismissed: bool = False,
) -> Iterator[tuple[Any, ...]]:
    """(article id, title, date, revision, url, outlet, claim id, text, reworded (yes or
    empty), status, dismissed (yes or empty), suggested correction, note, sources as lines,
    linked reports as lines, checker, checked_at as `YYYY-MM-DD HH:MM:SS`) of the shown claims
    (with `include_dismissed`, the dismissed ones too) of each latest revision (or of
    `article_id`, whichever revision it is), in reading order. `status` keeps one verdict;
    `any_verdict_but` keeps every claim whose status is not that one."""
    where = [_SHOWN_OR_DISMISSED if include_dismissed else _SHOWN]
    params: list[Any] = []
    if article_id is None:
        where.append(latest_revision("a"))
    else:
        where.append("c.article_id = ?")
        params.append(article_id)
    if any_verdict_but is not None:
        where.append("c.status != ?")
        params.append(any_verdict_but)
    elif status is not None:
        where.append("c.status = ?")
        params.append(status)
    sql = f"""
        SELECT a.id, a.title, a.date, a.revision, a.url, a.outlet, c.id, c.text,
          CASE WHEN c.reworded THEN 'yes' ELSE '' END, c.status,
          CASE WHEN c.dismissed = {ClaimVisibility.DISMISSED:d} THEN 'yes' ELSE '' END,
          c.correction, c.note,
          (SELECT group_concat(line, char(10)) FROM (
              SELECT {SOURCE_LINE_SQL} AS line
              FROM sources s WHERE s.claim_id = c.id ORDER BY s.id)),
          (SELECT group_concat(line, char(10)) FROM (
              SELECT coalesce(nullif(coalesce(l.seen_rating, r.rating), ''), 'unrated')
                     -- as the Word copy words it: `False — AFP Fact Check https://…`
                     || iif(coalesce(r.publisher, '') != '', ' — ' || r.publisher || ' ', ' ')
                     || coalesce(nullif(coalesce(l.seen_url, r.url), ''), r.external_id)
                     || CASE WHEN coalesce(l.seen_rating, r.rating) IS NOT r.rating
                               OR coalesce(l.seen_claim_text, r.claim_text) IS NOT r.claim_text
                               OR coalesce(l.seen_url, r.url) IS NOT r.url
                        THEN ' (report changed since linked: now '
                             || coalesce(nullif(r.rating, ''), 'unrated') || ')'
                        ELSE '' END AS line
              FROM claim_reports l JOIN reports r ON r.id = l.report_id
              WHERE l.claim_id = c.id ORDER BY l.linked_at)),
          c.checker, replace(substr(c.checked_at, 1, 19), 'T', ' ')
        FROM claims c JOIN articles a ON a.id = c.article_id
        WHERE {" AND ".join(where)}
        ORDER BY a.id, c.start, c.position
    """
    # Not `yield from`: closing this generator would close the cursor, which raises once
    # the connection is closed (an export abandoned part-way).
    for row in conn.execute(sql, params):  # noqa: UP028
        yield row


def count_shown_claims(
    conn: sqlite3.Connection, *, article_id: int | None = None, include_dismissed: bool = False
) -> int:
    """How many rows `csv_rows` gives without a status filter."""
    shown = _SHOWN_OR_DISMISSED if include_dismissed else _SHOWN
    if article_id is not None:
        row = conn.execute(
            "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id "
            f"WHERE c.article_id = ? AND {shown}",
            (article_id,),
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id "
            f"WHERE {shown} AND {latest_revision('a')}"
        ).fetchone()
    return int(row[0])


def review_rows(
    conn: sqlite3.Connection, *, article_id: int | None = None
) -> list[tuple[Any, ...]]:
    """(claim id, text, status, note, checker, checked_at, article title, date, url, outlet,
    suggested correction, article id, published url) of the shown claims of each latest
    revision (or of `article_id`)."""
    where = f"{_SHOWN} AND {latest_revision('a')}"
    params: list[Any] = []
    if article_id is not None:
        where = f"{_SHOWN} AND a.id = ?"
        params.append(article_id)
    return conn.execute(
        "SELECT c.id, c.text, c.status, c.note, c.checker, c.checked_at, a.title, a.date, a.url, "
        "a.outlet, c.correction, a.id, a.published_url "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        f"WHERE {where} "
        "ORDER BY a.id, c.start",
        params,
    ).fetchall()


def linked_report_addresses(conn: sqlite3.Connection, claim_id: int) -> list[tuple[str, str]]:
    """(url as the checker saw it, external id) of the reports linked to a claim, in the
    order they were linked."""
    return conn.execute(
        "SELECT coalesce(nullif(l.seen_url, ''), r.url), r.external_id FROM claim_reports l "
        "JOIN reports r ON r.id = l.report_id "
        "WHERE l.claim_id = ? ORDER BY l.linked_at",
        (claim_id,),
    ).fetchall()


def content(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """What a user sees of a database, without timestamps: to compare two builds."""
    return {
        "articles": conn.execute(
            "SELECT id, title, date, url, outlet, body FROM articles ORDER BY id"
        ).fetchall(),
        "claims": conn.execute(
            "SELECT id, article_id, text, start, end, round(score, 4), reasons, status "
            "FROM claims ORDER BY id"
        ).fetchall(),
        "reports": conn.execute(
            "SELECT external_id, claim_text, rating, publisher, url FROM reports "
            "ORDER BY external_id"
        ).fetchall(),
    }
