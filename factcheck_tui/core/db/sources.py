"""The `sources` a checker consulted and the `claim_reports` links to prior fact-checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from factcheck_tui.core.models import LinkedReport, Source, printable


def chunks(values: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    """`values` in pieces small enough for one IN (...) list."""
    for index in range(0, len(values), size):
        yield values[index : index + size]


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
) -> int:
    """Insert one source (with its old id, when undo puts a removed one back); its id.
    `author`, `written_at` and `origin` "draft" describe a Word draft's comment (schema 2)."""
    cursor = conn.execute(
        "INSERT INTO sources (id, claim_id, kind, reference, tier, consulted_on, added_by, "
        "added_at, author, written_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        ),
    )
    return int(cursor.lastrowid or 0)


_SOURCE_COLUMNS = (
    "id, claim_id, kind, reference, tier, consulted_on, added_by, author, written_at, origin"
)


def read_source(conn: sqlite3.Connection, source_id: int) -> Source | None:
    row = conn.execute(
        f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?",
        (source_id,),
    ).fetchone()
    return None if row is None else Source(*row)


def delete_source(conn: sqlite3.Connection, source_id: int) -> None:
    conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))


def sources_for(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, list[Source]]:
    found: dict[int, list[Source]] = {}
    for chunk in chunks(claim_ids):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE claim_id IN ({marks}) ORDER BY id",
            chunk,
        ):
            found.setdefault(row[1], []).append(
                Source(*(printable(v) if isinstance(v, str) else v for v in row))
            )
    return found


def source_rows(conn: sqlite3.Connection, claim_id: int) -> list[tuple[str, ...]]:
    """(kind, reference, tier, consulted_on, added_by, added_at, author, written_at, origin)
    of a claim's sources, as stored (not made printable: they are copied, not shown)."""
    return conn.execute(
        "SELECT kind, reference, tier, consulted_on, added_by, added_at, author, written_at, "
        "origin FROM sources WHERE claim_id = ? ORDER BY id",
        (claim_id,),
    ).fetchall()


def copy_all_sources(
    conn: sqlite3.Connection, from_id: int, to_id: int, *, with_draft_comments: bool = True
) -> None:
    """Every source of one claim, copied as it is onto another (a revision's carry-over);
    without the Word draft's comments when the new revision brings its own."""
    conn.execute(
        "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by, "
        "added_at, author, written_at, origin) SELECT ?, kind, reference, tier, consulted_on, "
        "added_by, added_at, author, written_at, origin "
        "FROM sources WHERE claim_id = ? AND (? OR origin != 'draft') ORDER BY id",
        (to_id, from_id, int(with_draft_comments)),
    )


# -------------------------------------------------------------------------------- links
def link_score(conn: sqlite3.Connection, claim_id: int, report_id: int) -> float | None:
    """The score a link was made with, or None when the claim is not linked to the report."""
    row = conn.execute(
        "SELECT score FROM claim_reports WHERE claim_id = ? AND report_id = ?",
        (claim_id, report_id),
    ).fetchone()
    return None if row is None else float(row[0] or 0.0)


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
) -> None:
    """Link a claim to a report (nothing when it already is)."""
    conn.execute(
        "INSERT OR IGNORE INTO claim_reports (claim_id, report_id, score, linked_by, linked_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (claim_id, report_id, score, linked_by, linked_at),
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
    """Copy links (who linked, when, the score) from one claim to another: all of them, or
    those to `report_ids`."""
    where, params = "", []
    if report_ids is not None:
        where = f" AND report_id IN ({', '.join('?' * len(report_ids))})"
        params = list(report_ids)
    conn.execute(
        "INSERT INTO claim_reports (claim_id, report_id, score, linked_by, linked_at) "
        "SELECT ?, report_id, score, linked_by, linked_at FROM claim_reports "
        f"WHERE claim_id = ?{where}",
        (to_id, from_id, *params),
    )


def reports_for(
    conn: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, list[LinkedReport]]:
    found: dict[int, list[LinkedReport]] = {}
    for chunk in chunks(claim_ids):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            "SELECT l.claim_id, r.id, r.external_id, r.claim_text, r.rating, r.publisher, "
            "r.url, r.date, l.score FROM claim_reports l JOIN reports r ON r.id = l.report_id "
            f"WHERE l.claim_id IN ({marks}) ORDER BY l.linked_at",
            chunk,
        ):
            found.setdefault(row[0], []).append(
                LinkedReport(
                    *(
                        printable(v) if isinstance(v, str) else v if v is not None else ""
                        for v in row[1:8]
                    ),
                    score=row[8] or 0.0,
                )
            )
    return found
