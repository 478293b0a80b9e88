"""The `events` table: the audit trail every change writes, and what undo reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from factcheck_tui.core.db.chunked import marks
from factcheck_tui.core.records.change import ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.models import Event

EVENT_COLUMNS = (
    "id, at, checker, article_id, claim_id, action, old_value, new_value, batch, undone_by"
)


def list_events(
    conn: sqlite3.Connection, claim_ids: Sequence[int] | None, limit: int
) -> list[Event]:
    """Latest first: the events of these claims, or of the whole desk (None)."""
    where, params = "", []
    if claim_ids is not None:
        params = list(claim_ids)
        where = f"WHERE claim_id IN ({', '.join('?' * len(params))})"
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events {where} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [Event(*row) for row in rows]


def carried_from(conn: sqlite3.Connection, claim_id: int) -> int | None:
    """The claim of the earlier revision this one was carried over from (its first
    `revision_*` event names it), if any."""
    row = conn.execute(
        "SELECT old_value FROM events WHERE claim_id = ? AND action LIKE 'revision\\_%' "
        "ESCAPE '\\' ORDER BY id LIMIT 1",
        (claim_id,),
    ).fetchone()
    earlier = json.loads(row[0]).get("claim_id") if row and row[0] else None
    return earlier if isinstance(earlier, int) else None


def latest_batch(
    conn: sqlite3.Connection, checker: str, actions: Sequence[str], article_id: int | None
) -> int | None:
    """The latest batch of `checker`'s not-yet-undone events among `actions`."""
    in_list = marks(actions)
    where = f"checker = ? AND undone_by IS NULL AND action IN ({in_list})"
    params: list[Any] = [checker, *actions]
    if article_id is not None:
        where += " AND article_id = ?"
        params.append(article_id)
    row = conn.execute(
        f"SELECT batch FROM events WHERE {where} ORDER BY id DESC LIMIT 1", params
    ).fetchone()
    return None if row is None else int(row[0])


def batch_events(conn: sqlite3.Connection, batch: int) -> list[Event]:
    """A batch's events, latest first (the order undo reverts them in)."""
    return [
        Event(*row)
        for row in conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE batch = ? ORDER BY id DESC", (batch,)
        )
    ]


def mark_undone(conn: sqlite3.Connection, batch: int, undo_id: int) -> None:
    conn.execute("UPDATE events SET undone_by = ? WHERE batch = ?", (undo_id, batch))


def status_setter(
    conn: sqlite3.Connection, claim_id: int, before_event: int, status: str
) -> tuple[str, str] | None:
    """(checker, at) of the latest standing mark before `before_event` that set `status`."""
    row = conn.execute(
        "SELECT checker, at FROM events WHERE claim_id = ? AND action = 'status' "
        "AND id < ? AND undone_by IS NULL AND new_value = ? ORDER BY id DESC LIMIT 1",
        (claim_id, before_event, json.dumps(status, ensure_ascii=False)),
    ).fetchone()
    return None if row is None else (row[0], row[1])


def acted_on_since(conn: sqlite3.Connection, claim_id: int, event_id: int) -> bool:
    """Whether any change but an undo names the claim after `event_id`."""
    return (
        conn.execute(
            "SELECT 1 FROM events WHERE claim_id = ? AND id > ? AND action != 'undo'",
            (claim_id, event_id),
        ).fetchone()
        is not None
    )


def record_event(
    ctx: ChangeContext,
    action: str,
    *,
    article_id: int | None,
    claim_id: int | None,
    old: Any,
    new: Any,
    batch: int | None,
) -> int:
    """Append one event of the change being made, by `ctx.checker`, now (old and new values as
    JSON); a batch of None starts a new batch named by this event's id. Returns its id."""
    cursor = ctx.conn.execute(
        "INSERT INTO events (at, checker, article_id, claim_id, action, old_value, "
        "new_value, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            now(),
            ctx.checker,
            article_id,
            claim_id,
            action,
            json.dumps(old, ensure_ascii=False),
            json.dumps(new, ensure_ascii=False),
            batch,
        ),
    )
    event_id = int(cursor.lastrowid or 0)
    if batch is None:
        ctx.conn.execute("UPDATE events SET batch = ? WHERE id = ?", (event_id, event_id))
    return event_id


def articles_changed_since(conn: sqlite3.Connection, event_id: int) -> list[int]:
    """The articles that events after `event_id` changed, leaving out the imports' own events
    (the import of a revision writes to the draft it replaces)."""
    rows = conn.execute(
        "SELECT DISTINCT article_id FROM events WHERE id > ? AND article_id IS NOT NULL "
        "AND substr(action, 1, 7) <> 'import_' AND substr(action, 1, 9) <> 'revision_'",
        (event_id,),
    ).fetchall()
    return [int(row[0]) for row in rows]


def last_event_id(conn: sqlite3.Connection) -> int:
    """The id of the latest event (0 on a new desk)."""
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0])
