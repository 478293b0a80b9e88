"""The `facts` table (a claim's facts: spans of the article with their own checks), the
`disputes` table (who disputes a claim or a fact, and the editor's call), and the sources'
`locator` and `fact_id` columns: schema 7 (issue #21)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from factcheck_tui.core.db.chunked import chunks, marks
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.models import Dispute, Fact

FACT_FIELDS = (
    "id",
    "claim_id",
    "start",
    "end",
    "text",
    "kind",
    "status",
    "note",
    "origin",
    "checker",
    "checked_at",
    "revision_state",
    "previous_text",
    "created_at",
    "updated_at",
)
DISPUTE_FIELDS = ("disputed_by", "reason", "decision", "decided_by", "decided_at")


# ---------------------------------------------------------------------------- writing
def insert_fact(conn: sqlite3.Connection, values: dict[str, Any]) -> int:
    """Insert one fact (with its old id when undo puts a removed one back); its id."""
    unknown = values.keys() - set(FACT_FIELDS)
    if unknown:
        raise ValueError(f"not a fact column: {', '.join(sorted(unknown))}")
    names = ", ".join(f"[{name}]" for name in values)
    cursor = conn.execute(
        f"INSERT INTO facts ({names}) VALUES ({', '.join('?' * len(values))})",
        list(values.values()),
    )
    return int(cursor.lastrowid or 0)


def update_fact(conn: sqlite3.Connection, fact_id: int, **fields: Any) -> None:
    unknown = fields.keys() - set(FACT_FIELDS)
    if unknown:
        raise ValueError(f"not a fact column: {', '.join(sorted(unknown))}")
    conn.execute(
        f"UPDATE facts SET {', '.join(f'[{name}] = ?' for name in fields)} WHERE id = ?",
        [*fields.values(), fact_id],
    )


def delete_fact(conn: sqlite3.Connection, fact_id: int) -> None:
    conn.execute("DELETE FROM facts WHERE id = ?", (fact_id,))


def fact_row(conn: sqlite3.Connection, fact_id: int) -> dict[str, Any] | None:
    """Every column of one fact, as stored (what an event keeps for undo)."""
    columns = ", ".join(f"[{name}]" for name in FACT_FIELDS)
    row = conn.execute(f"SELECT {columns} FROM facts WHERE id = ?", (fact_id,)).fetchone()
    return None if row is None else dict(zip(FACT_FIELDS, row, strict=True))


def fact_rows(conn: sqlite3.Connection, claim_id: int) -> list[dict[str, Any]]:
    columns = ", ".join(f"[{name}]" for name in FACT_FIELDS)
    return [
        dict(zip(FACT_FIELDS, row, strict=True))
        for row in conn.execute(
            f"SELECT {columns} FROM facts WHERE claim_id = ? ORDER BY start, id", (claim_id,)
        )
    ]


def read_dispute(conn: sqlite3.Connection, claim_id: int, fact_id: int) -> dict[str, str] | None:
    row = conn.execute(
        f"SELECT {', '.join(DISPUTE_FIELDS)} FROM disputes WHERE claim_id = ? AND fact_id = ?",
        (claim_id, fact_id),
    ).fetchone()
    return None if row is None else dict(zip(DISPUTE_FIELDS, row, strict=True))


def write_dispute(
    conn: sqlite3.Connection, claim_id: int, fact_id: int, fields: dict[str, str] | None
) -> None:
    """Set (or with None, remove) the dispute of a claim (fact_id 0) or of one of its facts."""
    conn.execute("DELETE FROM disputes WHERE claim_id = ? AND fact_id = ?", (claim_id, fact_id))
    if fields is not None:
        values = [fields.get(name, "") for name in DISPUTE_FIELDS]
        conn.execute(
            f"INSERT INTO disputes (claim_id, fact_id, {', '.join(DISPUTE_FIELDS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (claim_id, fact_id, *values),
        )


def move_fact_sources(conn: sqlite3.Connection, claim_id: int, old: int, new: int) -> None:
    """Point a claim's sources of fact `old` at fact `new` (a revision's carried fact)."""
    conn.execute(
        "UPDATE sources SET fact_id = ? WHERE claim_id = ? AND fact_id = ?", (new, claim_id, old)
    )


# ---------------------------------------------------------------------------- reading
def facts_for(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, list[Fact]]:
    """The facts of these claims in reading order, by claim, with their disputes."""
    found: dict[int, list[Fact]] = {}
    disputes = _disputes_for(conn, claim_ids)
    for chunk in chunks(claim_ids):
        in_list = marks(chunk)
        for row in conn.execute(
            "SELECT id, claim_id, start, end, text, kind, status, note, origin, checker, "
            f"checked_at, revision_state, previous_text FROM facts WHERE claim_id IN ({in_list}) "
            "ORDER BY start, id",
            chunk,
        ):
            found.setdefault(row[1], []).append(
                Fact(
                    id=row[0],
                    claim_id=row[1],
                    start=row[2],
                    end=row[3],
                    text=printable(row[4]),
                    kind=row[5],
                    status=row[6],
                    note=printable(row[7]),
                    origin=row[8],
                    checker=printable(row[9]),
                    checked_at=row[10],
                    revision_state=row[11],
                    previous_text=printable(row[12]),
                    dispute=disputes.get((row[1], row[0])),
                )
            )
    return found


def claim_disputes(conn: sqlite3.Connection, claim_ids: Sequence[int]) -> dict[int, Dispute]:
    """The disputes of the claims themselves (not of their facts), by claim."""
    return {
        claim_id: dispute
        for (claim_id, fact_id), dispute in _disputes_for(conn, claim_ids).items()
        if fact_id == 0
    }


def _disputes_for(
    conn: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[tuple[int, int], Dispute]:
    found: dict[tuple[int, int], Dispute] = {}
    for chunk in chunks(claim_ids):
        in_list = marks(chunk)
        for row in conn.execute(
            f"SELECT claim_id, fact_id, {', '.join(DISPUTE_FIELDS)} FROM disputes "
            f"WHERE claim_id IN ({in_list})",
            chunk,
        ):
            found[(row[0], row[1])] = Dispute(*(printable(value) for value in row[2:]))
    return found


def fact_counts(conn: sqlite3.Connection, shown: str) -> dict[int, tuple[int, int]]:
    """(facts, facts left unchecked) of each article's shown claims (`shown`: the SQL rule
    for a shown claim of alias c), by article."""
    return {
        int(row[0]): (int(row[1]), int(row[2]))
        for row in conn.execute(
            "SELECT c.article_id, count(*), coalesce(sum(f.status = 'unchecked'), 0) "
            f"FROM facts f JOIN claims c ON c.id = f.claim_id WHERE {shown} "
            "GROUP BY c.article_id"
        )
    }


def article_fact_counts(conn: sqlite3.Connection, article_id: int, shown: str) -> tuple[int, int]:
    row = conn.execute(
        "SELECT count(*), coalesce(sum(f.status = 'unchecked'), 0) FROM facts f "
        f"JOIN claims c ON c.id = f.claim_id WHERE c.article_id = ? AND {shown}",
        (article_id,),
    ).fetchone()
    return int(row[0]), int(row[1])


def insert_proposed(
    conn: sqlite3.Connection,
    claim_id: int,
    offset: int,
    proposed: Sequence[tuple[int, int, str, str]],
    stamp: str,
) -> None:
    """Store the facts proposed for a claim: (start, end, words, kind) in its sentence, which
    starts at `offset` in the article's body."""
    insert_proposed_rows(conn, proposed_rows(claim_id, offset, proposed, stamp))


def proposed_rows(
    claim_id: int, offset: int, proposed: Sequence[tuple[int, int, str, str]], stamp: str
) -> list[tuple[int, int, int, str, str, str, str]]:
    """The rows `insert_proposed_rows` writes for one claim's proposed facts."""
    return [
        (claim_id, offset + start, offset + end, text, kind, stamp, stamp)
        for start, end, text, kind in proposed
    ]


def insert_proposed_rows(
    conn: sqlite3.Connection, rows: Sequence[tuple[int, int, int, str, str, str, str]]
) -> None:
    """Store proposed facts' rows (`proposed_rows`; an import gives a whole article's in one
    statement), in their order."""
    conn.executemany(
        "INSERT INTO facts (claim_id, start, end, text, kind, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
