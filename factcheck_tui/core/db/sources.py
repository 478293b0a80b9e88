"""The `sources` a checker consulted and the `claim_reports` links to prior fact-checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from factcheck_tui.core.db.chunked import chunks, marks
from factcheck_tui.core.db.claim_search import sync_claims
from factcheck_tui.core.db.schema import REPORT_FIELDS
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.models import LinkedReport, Source


# ------------------------------------------------------------------------------ sources
def insert_source(
    conn: sqlite3.Connection,
    claim_id: int,
    *,
    kind: str,
    reference: str,
    tier: str,
    consulted_on: str,
    added_by: str,
    added_at: str,
    source_id: int | None = None,
    author: str = "",
    written_at: str = "",
    origin: str = "checker",
    locator: str = "",
    fact_id: int | None = None,
) -> int:
    """Insert one source (with its old id, when undo puts a removed one back); its id.
    `author`, `written_at` and `origin` "draft" describe a Word draft's comment (schema 2);
    `locator` where in it the fact is, `fact_id` the fact it backs (schema 7)."""
    cursor = conn.execute(
        "INSERT INTO sources (id, claim_id, kind, reference, tier, consulted_on, added_by, "
        "added_at, author, written_at, origin, locator, fact_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source_id,
            claim_id,
            kind,
            reference,
            tier,
            consulted_on,
            added_by,
            added_at,
            author,
            written_at,
            origin,
            locator,
            fact_id,
        ),
    )
    sync_claims(conn, [claim_id])  # sources are searched desk-wide
    return int(cursor.lastrowid or 0)


_SOURCE_COLUMNS = (
    "id, claim_id, kind, reference, tier, consulted_on, added_by, author, written_at, origin, "
    "locator, fact_id"
)


def read_source(conn: sqlite3.Connection, source_id: int) -> Source | None:
    row = conn.execute(
        f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?",
        (source_id,),
    ).fetchone()
    return None if row is None else Source(*row)


def delete_source(conn: sqlite3.Connection, source_id: int) -> None:
    row = conn.execute("SELECT claim_id FROM sources WHERE id = ?", (source_id,)).fetchone()
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
    if row is not None:
        sync_claims(conn, [int(row[0])])


def sources_for(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, list[Source]]:
    found: dict[int, list[Source]] = {}
    for chunk in chunks(claim_ids):
        in_list = marks(chunk)
        for row in conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE claim_id IN ({in_list}) ORDER BY id",
            chunk,
        ):
            found.setdefault(row[1], []).append(
                Source(
                    id=row[0],
                    claim_id=row[1],
                    kind=printable(row[2]),
                    reference=printable(row[3]),
                    tier=printable(row[4]),
                    consulted_on=printable(row[5] or ""),
                    added_by=printable(row[6] or ""),
                    author=printable(row[7] or ""),
                    written_at=printable(row[8] or ""),
                    origin=row[9] or "checker",
                    locator=printable(row[10] or ""),
                    fact_id=row[11],
                )
            )
    return found


def source_rows(conn: sqlite3.Connection, claim_id: int) -> list[tuple[Any, ...]]:
    """(kind, reference, tier, consulted_on, added_by, added_at, author, written_at, origin)
    of a claim's sources, as stored (not made printable: they are copied, not shown)."""
    return conn.execute(
        "SELECT kind, reference, tier, consulted_on, added_by, added_at, author, written_at, "
        "origin, locator, fact_id FROM sources WHERE claim_id = ? ORDER BY id",
        (claim_id,),
    ).fetchall()


def copy_all_sources(
    conn: sqlite3.Connection,
    from_id: int,
    to_id: int,
    *,
    with_draft_comments: bool = True,
    skip_cited: bool = False,
) -> list[int]:
    """Every source of one claim, copied as it is onto another; the new ids. Without the
    Word draft's comments when a new revision brings its own (a revision's carry-over);
    with `skip_cited`, not a source the other claim already cites by kind and reference (a
    merge)."""
    have = (
        {(kind, reference) for kind, reference, *_ in source_rows(conn, to_id)}
        if skip_cited
        else set()
    )
    copied: list[int] = []
    for row in source_rows(conn, from_id):
        kind, reference, tier, consulted_on, added_by, added_at, author, written_at = row[:8]
        origin = row[8]
        if origin == "draft" and not with_draft_comments:
            continue
        if skip_cited:
            if (kind, reference) in have:
                continue
            have.add((kind, reference))
        copied.append(
            insert_source(
                conn,
                to_id,
                kind=kind,
                reference=reference,
                tier=tier,
                consulted_on=consulted_on,
                added_by=added_by,
                added_at=added_at,
                author=author,
                written_at=written_at,
                origin=origin,
                locator=row[9] or "",
                # A merge's host has other facts: the source stays with the claim.
                fact_id=None if skip_cited else row[10],
            )
        )
    return copied


# -------------------------------------------------------------------------------- links
def link_score(conn: sqlite3.Connection, claim_id: int, report_id: int) -> float | None:
    """The score a link was made with, or None when the claim is not linked to the report."""
    row = conn.execute(
        "SELECT score FROM claim_reports WHERE claim_id = ? AND report_id = ?",
        (claim_id, report_id),
    ).fetchone()
    return None if row is None else float(row[0] or 0.0)


def link_seen(conn: sqlite3.Connection, claim_id: int, report_id: int) -> list[str | None]:
    """[claim text, rating, URL] of the report as the checker saw it when linking (kept in
    the unlink event, so undo links it back as it was seen)."""
    row = conn.execute(
        "SELECT seen_claim_text, seen_rating, seen_url FROM claim_reports "
        "WHERE claim_id = ? AND report_id = ?",
        (claim_id, report_id),
    ).fetchone()
    return [None, None, None] if row is None else list(row)


def is_linked(conn: sqlite3.Connection, claim_id: int, report_id: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM claim_reports WHERE claim_id = ? AND report_id = ?",
            (claim_id, report_id),
        ).fetchone()
        is not None
    )


def insert_link(
    conn: sqlite3.Connection,
    claim_id: int,
    report_id: int,
    *,
    score: float,
    linked_by: str,
    linked_at: str,
    seen: Sequence[str | None] = (None, None, None),
) -> None:
    """Link a claim to a report (nothing when it already is). The link keeps the report's
    claim text, rating and URL as they are now (`seen` restores an earlier snapshot; the
    schema's claim_reports_snapshot trigger fills one left empty)."""
    conn.execute(
        "INSERT OR IGNORE INTO claim_reports (claim_id, report_id, score, linked_by, linked_at, "
        "seen_claim_text, seen_rating, seen_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (claim_id, report_id, score, linked_by, linked_at, *seen),
    )


def delete_link(conn: sqlite3.Connection, claim_id: int, report_id: int) -> None:
    conn.execute(
        "DELETE FROM claim_reports WHERE claim_id = ? AND report_id = ?", (claim_id, report_id)
    )


def links_missing(conn: sqlite3.Connection, from_id: int, to_id: int) -> list[int]:
    """The reports linked to `from_id` that `to_id` is not linked to."""
    return [
        int(row[0])
        for row in conn.execute(
            "SELECT report_id FROM claim_reports WHERE claim_id = ? AND report_id NOT IN "
            "(SELECT report_id FROM claim_reports WHERE claim_id = ?)",
            (from_id, to_id),
        )
    ]


def copy_links(
    conn: sqlite3.Connection, from_id: int, to_id: int, report_ids: Sequence[int] | None = None
) -> None:
    """Copy links (who linked, when, the score, what the report said then) from one claim to
    another: all of them, or those to `report_ids`."""
    where, params = "", []
    if report_ids is not None:
        where = f" AND report_id IN ({', '.join('?' * len(report_ids))})"
        params = list(report_ids)
    conn.execute(
        "INSERT INTO claim_reports (claim_id, report_id, score, linked_by, linked_at, "
        "seen_claim_text, seen_rating, seen_url) SELECT ?, report_id, score, linked_by, "
        "linked_at, seen_claim_text, seen_rating, seen_url FROM claim_reports "
        f"WHERE claim_id = ?{where}",
        (to_id, from_id, *params),
    )


def reports_for(
    conn: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, list[LinkedReport]]:
    """Each claim's linked reports as seen when linked (the link's snapshot of claim text,
    rating and URL, else the report), with the report as it stands now beside it."""
    found: dict[int, list[LinkedReport]] = {}
    seen = {"claim_text": "l.seen_claim_text", "rating": "l.seen_rating", "url": "l.seen_url"}
    columns = ", ".join(
        f"coalesce({seen[name]}, r.{name})" if name in seen else f"r.{name}"
        for name in REPORT_FIELDS
    )
    for chunk in chunks(claim_ids):
        in_list = marks(chunk)
        for row in conn.execute(
            f"SELECT l.claim_id, r.id, l.score, r.claim_text, r.rating, r.url, r.external_id, "
            f"{columns} FROM claim_reports l JOIN reports r ON r.id = l.report_id "
            f"WHERE l.claim_id IN ({in_list}) ORDER BY l.linked_at",
            chunk,
        ):
            now = [printable(v) if isinstance(v, str) else "" for v in row[3:6]]
            text = {
                name: printable(value) if isinstance(value, str) else ""
                for name, value in zip(("external_id", *REPORT_FIELDS), row[6:], strict=True)
            }
            found.setdefault(row[0], []).append(
                LinkedReport(
                    report_id=row[1],
                    score=row[2] or 0.0,
                    now_claim_text=now[0],
                    now_rating=now[1],
                    now_url=now[2],
                    **text,
                )
            )
    return found
