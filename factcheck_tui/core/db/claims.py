"""The `claims` table: reading claims as records, the one claim insert, snapshots for undo."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from factcheck_tui.core.db.articles import status_in
from factcheck_tui.core.db.claim_search import INDEXED_COLUMNS, sync_claims
from factcheck_tui.core.db.facts import article_fact_counts, claim_disputes, facts_for
from factcheck_tui.core.db.schema import (
    CARRIED,
    LISTED,
    LISTED_WITH_DISMISSED,
    QUOTE_CONTEXT,
    is_shown,
)
from factcheck_tui.core.db.sources import reports_for, sources_for
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.records.models import Claim, Dispute, Fact, LinkedReport, Progress, Source
from factcheck_tui.core.records.visibility import ClaimVisibility

# What a snapshot holds: every column a change of the claim list can alter (undo restores it).
CLAIM_FIELDS = (
    "id",
    "article_id",
    "position",
    "text",
    "start",
    "end",
    "prefix",
    "suffix",
    "score",
    "reasons",
    "status",
    "note",
    "checker",
    "checked_at",
    "origin",
    "dismissed",
    "reworded",
    "revision_state",
    "previous_text",
    "correction",
    "created_at",
    "updated_at",
)
WRITABLE_FIELDS = frozenset(CLAIM_FIELDS) - {"id"} | {"copied_from"}
# The columns the claim search indexes (core/db/claim_search.py) read: writing any of them
# re-syncs the claim, in the indexes that read it, in the same transaction.
INDEXED_FIELDS = INDEXED_COLUMNS
_READ_COLUMNS = (
    "id, article_id, position, text, start, end, score, reasons, status, note, checker, "
    "checked_at, dismissed, reworded, origin, revision_state, previous_text, copied_from, "
    "correction"
)


def _in(values: Sequence[int]) -> str:
    return f"({', '.join(str(int(v)) for v in values)})"


def quote_selector(body: str, start: int, end: int) -> dict[str, str]:
    """The stored TextQuoteSelector context of body[start:end]: its prefix and suffix."""
    return {
        "prefix": body[max(0, start - QUOTE_CONTEXT) : start],
        "suffix": body[end : end + QUOTE_CONTEXT],
    }


def reasons_json(reasons: Sequence[str]) -> str:
    return json.dumps(list(reasons), ensure_ascii=False)


# ---------------------------------------------------------------------------- writing
def next_claim_id(conn: sqlite3.Connection) -> int:
    """An id no claim has had: SQLite reuses the largest rowid after a delete (an undone
    add), and the events of the deleted claim would then read as the new one's history.
    Call inside a write transaction so no other writer takes it in between."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM claims), 0), "
        "coalesce((SELECT max(claim_id) FROM events), 0)) + 1"
    ).fetchone()
    return int(row[0])


def next_position(conn: sqlite3.Connection, article_id: int) -> int:
    row = conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM claims WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0])


def insert_claim(
    conn: sqlite3.Connection,
    *,
    article_id: int,
    position: int,
    body: str,
    start: int,
    end: int,
    text: str,
    stamp: str,
    claim_id: int | None = None,
    **fields: Any,
) -> int:
    """Insert one claim over body[start:end] with its quote selector, and bring the claim
    search indexes in step. `fields` are other columns (status, origin, score, reasons as
    JSON, ...); the schema's defaults fill the rest. Returns the claim's id (a fresh one
    unless given)."""
    row = claim_row(
        claim_id=next_claim_id(conn) if claim_id is None else claim_id,
        article_id=article_id,
        position=position,
        body=body,
        start=start,
        end=end,
        text=text,
        stamp=stamp,
        **fields,
    )
    insert_claims(conn, [row])
    sync_claims(conn, [int(row["id"])])
    return int(row["id"])


def claim_row(
    *,
    claim_id: int,
    article_id: int,
    position: int,
    body: str,
    start: int,
    end: int,
    text: str,
    stamp: str,
    **fields: Any,
) -> dict[str, Any]:
    """The row of one claim over body[start:end], with its quote selector, as
    `insert_claims` writes it (`fields` as for `insert_claim`)."""
    unknown = fields.keys() - WRITABLE_FIELDS
    if unknown:
        raise ValueError(f"not a claim column: {', '.join(sorted(unknown))}")
    return {
        "id": claim_id,
        "article_id": article_id,
        "position": position,
        "text": text,
        "start": start,
        "end": end,
        **quote_selector(body, start, end),
        "status": "unchecked",
        "origin": "extracted",
        "created_at": stamp,
        "updated_at": stamp,
        **fields,
    }


def insert_claims(conn: sqlite3.Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert claim rows (`claim_row`, each with the same columns) in one statement: the one
    claim insert. The caller brings the claim search indexes in step (`sync_claims`), once
    for the batch."""
    if not rows:
        return
    columns = list(rows[0])
    conn.executemany(
        f"INSERT INTO claims ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [[row[column] for column in columns] for row in rows],
    )


def update_claim(conn: sqlite3.Connection, claim_id: int, **fields: Any) -> None:
    """Set some columns of one claim."""
    unknown = fields.keys() - WRITABLE_FIELDS
    if unknown:
        raise ValueError(f"not a claim column: {', '.join(sorted(unknown))}")
    conn.execute(
        f"UPDATE claims SET {', '.join(f'{name} = ?' for name in fields)} WHERE id = ?",
        [*fields.values(), claim_id],
    )
    if INDEXED_FIELDS & fields.keys():
        sync_claims(conn, [claim_id], fields.keys())


def touch(conn: sqlite3.Connection, claim_id: int, stamp: str) -> None:
    """Record that the claim changed (its sources or links did)."""
    conn.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (stamp, claim_id))


def delete_claim(conn: sqlite3.Connection, claim_id: int, *, with_evidence: bool = False) -> None:
    """Delete a claim; `with_evidence` also deletes its sources and report links."""
    if with_evidence:
        conn.execute("DELETE FROM sources WHERE claim_id = ?", (claim_id,))
        conn.execute("DELETE FROM claim_reports WHERE claim_id = ?", (claim_id,))
    # Its facts are part of the claim (a claim a checker touched is never deleted: see touched).
    conn.execute("DELETE FROM disputes WHERE claim_id = ?", (claim_id,))
    conn.execute("DELETE FROM facts WHERE claim_id = ?", (claim_id,))
    conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
    sync_claims(conn, [claim_id])


def snapshot(conn: sqlite3.Connection, claim_id: int) -> dict[str, Any] | None:
    """Every CLAIM_FIELDS column of a claim, for an event undo restores from."""
    row = conn.execute(
        f"SELECT {', '.join(CLAIM_FIELDS)} FROM claims WHERE id = ?", (claim_id,)
    ).fetchone()
    return None if row is None else dict(zip(CLAIM_FIELDS, row, strict=True))


def restore_snapshot(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    marks = ", ".join("?" * len(CLAIM_FIELDS))
    conn.execute(
        f"INSERT OR REPLACE INTO claims ({', '.join(CLAIM_FIELDS)}) VALUES ({marks})",
        [values[name] for name in CLAIM_FIELDS],
    )
    sync_claims(conn, [int(values["id"])])


# ---------------------------------------------------------------------------- reading
def claim_fields(conn: sqlite3.Connection, claim_id: int, *names: str) -> tuple[Any, ...] | None:
    """Some columns of one claim, or None when there is no such claim."""
    unknown = set(names) - WRITABLE_FIELDS
    if unknown:
        raise ValueError(f"not a claim column: {', '.join(sorted(unknown))}")
    row = conn.execute(
        f"SELECT {', '.join(names)} FROM claims WHERE id = ?", (claim_id,)
    ).fetchone()
    return None if row is None else tuple(row)


def read_claims(
    conn: sqlite3.Connection, article_id: int, *, include_dismissed: bool = False
) -> list[Claim]:
    """The article's listed claims in reading order, with their sources and linked reports
    (merged-away claims never; dismissed ones when asked; removed ones sort last)."""
    listed = LISTED_WITH_DISMISSED if include_dismissed else LISTED
    rows = conn.execute(
        f"SELECT {_READ_COLUMNS} FROM claims WHERE article_id = ? AND dismissed IN "
        f"{_in(listed)} ORDER BY start, position",
        (article_id,),
    ).fetchall()
    ids = [row[0] for row in rows]
    sources = sources_for(conn, ids)
    reports = reports_for(conn, ids)
    facts = facts_for(conn, ids)
    disputes = claim_disputes(conn, ids)
    return [
        _claim(
            row,
            sources.get(row[0], ()),
            reports.get(row[0], ()),
            facts.get(row[0], ()),
            disputes.get(row[0]),
        )
        for row in rows
    ]


def read_claim(conn: sqlite3.Connection, claim_id: int) -> Claim | None:
    row = conn.execute(f"SELECT {_READ_COLUMNS} FROM claims WHERE id = ?", (claim_id,)).fetchone()
    if row is None:
        return None
    return _claim(
        row,
        sources_for(conn, [claim_id]).get(claim_id, ()),
        reports_for(conn, [claim_id]).get(claim_id, ()),
        facts_for(conn, [claim_id]).get(claim_id, ()),
        claim_disputes(conn, [claim_id]).get(claim_id),
    )


def _claim(
    row: Sequence[Any],
    sources: Sequence[Source],
    reports: Sequence[LinkedReport],
    facts: Sequence[Fact] = (),
    dispute: Dispute | None = None,
) -> Claim:
    (cid, article_id, position, text, start, end, score, reasons, status, note) = row[:10]
    return Claim(
        id=cid,
        article_id=article_id,
        position=position,
        text=printable(text),
        start=start,
        end=end,
        score=score or 0.0,
        reasons=tuple(printable(r) for r in json.loads(reasons or "[]")),
        status=status,
        note=printable(note or ""),
        checker=row[10] or "",
        checked_at=row[11] or "",
        dismissed=ClaimVisibility(row[12] or 0),
        reworded=bool(row[13]),
        origin=row[14] or "extracted",
        revision_state=row[15] or "",
        previous_text=printable(row[16] or ""),
        copied_from=row[17],
        correction=printable(row[18] or ""),
        sources=tuple(sources),
        linked_reports=tuple(reports),
        facts=tuple(facts),
        dispute=dispute,
    )


def progress(
    conn: sqlite3.Connection,
    article_id: int,
    positive: Sequence[str],
    negative: Sequence[str],
    neutral: Sequence[str],
) -> Progress:
    """Counts of the article's shown claims by kind of verdict, and how many are linked."""
    total, verified, unverified, other, linked = conn.execute(
        f"SELECT count(*), coalesce(sum({status_in(conn, 'status', positive)}), 0), "
        f"coalesce(sum({status_in(conn, 'status', negative)}), 0), "
        f"coalesce(sum({status_in(conn, 'status', neutral)}), 0), "
        "coalesce(sum(EXISTS (SELECT 1 FROM claim_reports l WHERE l.claim_id = claims.id)), 0) "
        f"FROM claims WHERE article_id = ? AND {is_shown()}",
        (article_id,),
    ).fetchone()
    facts, facts_left = article_fact_counts(conn, article_id, is_shown("c"))
    return Progress(total, verified, unverified, other, linked, facts, facts_left)


def same_span(conn: sqlite3.Connection, article_id: int, start: int, end: int) -> int | None:
    """The visibility of a claim (not merged away, not reworded) standing on start..end."""
    row = conn.execute(
        "SELECT dismissed FROM claims WHERE article_id = ? AND start = ? "
        "AND end = ? AND dismissed != ? AND reworded = 0",
        (article_id, start, end, ClaimVisibility.MERGED),
    ).fetchone()
    return None if row is None else int(row[0])


def next_shown(conn: sqlite3.Connection, article_id: int, start: int, position: int) -> int | None:
    """The shown claim after the one at (start, position) in reading order."""
    row = conn.execute(
        f"SELECT id FROM claims WHERE article_id = ? AND {is_shown()} AND "
        "(start > ? OR (start = ? AND position > ?)) ORDER BY start, position LIMIT 1",
        (article_id, start, start, position),
    ).fetchone()
    return None if row is None else int(row[0])


def spans(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, int, int, str, int]]:
    """(id, start, end, origin, visibility) of every claim of the article."""
    return [
        (int(r[0]), int(r[1]), int(r[2]), str(r[3]), int(r[4]))
        for r in conn.execute(
            "SELECT id, start, end, origin, dismissed FROM claims WHERE article_id = ?",
            (article_id,),
        )
    ]


def standing_spans(conn: sqlite3.Connection, article_id: int) -> list[tuple[int, int]]:
    """(start, end) of the article's claims whose sentence is still in it."""
    return [
        (int(r[0]), int(r[1]))
        for r in conn.execute(
            "SELECT start, end FROM claims WHERE article_id = ? "
            "AND coalesce(revision_state, '') != 'removed'",
            (article_id,),
        )
    ]


def touched(conn: sqlite3.Connection, article_id: int) -> set[int]:
    """Claims named by a checker's event (not the import's own `revision_*` ones), or
    holding a verdict, note, source, link or revision flag."""
    rows = conn.execute(
        "SELECT DISTINCT claim_id FROM events WHERE article_id = ? AND claim_id IS NOT NULL "
        "AND action NOT LIKE 'revision\\_%' ESCAPE '\\' "
        "UNION SELECT id FROM claims WHERE article_id = ? AND (status != 'unchecked' "
        "OR note != '' OR coalesce(revision_state, '') NOT IN ('', 'new') OR reworded != 0 "
        "OR id IN (SELECT claim_id FROM sources) OR id IN (SELECT claim_id FROM claim_reports))",
        (article_id, article_id),
    )
    return {row[0] for row in rows}


def carried_claims(conn: sqlite3.Connection, article_id: int) -> Iterator[dict[str, Any]]:
    """The claims a new revision of the article carries over, in reading order: shown and
    dismissed ones whose sentence is still in this revision."""
    names = (
        "id",
        "text",
        "start",
        "end",
        "prefix",
        "suffix",
        "status",
        "note",
        "correction",
        "checker",
        "checked_at",
        "dismissed",
        "reworded",
        "score",
        "reasons",
        "origin",
    )
    for row in conn.execute(
        f"SELECT {', '.join(names)} FROM claims WHERE article_id = ? "
        f"AND dismissed IN {_in(CARRIED)} AND coalesce(revision_state, '') != 'removed' "
        "ORDER BY start, position",
        (article_id,),
    ):
        yield dict(zip(names, row, strict=True))


def article_of(conn: sqlite3.Connection, claim_id: int) -> int:
    """The article of claim `claim_id`, or DatabaseError when there is no such claim."""
    row = claim_fields(conn, claim_id, "article_id")
    if row is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return int(row[0])
