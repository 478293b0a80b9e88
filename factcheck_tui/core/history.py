"""Undo: revert a checker's latest batch of changes from the events table.

Each undoable action has a reverter here (marks, notes, sources, links) or registers one from
the module that makes the change (`edits` for the claim list itself). Undo writes an `undo`
event and stamps the reverted events with its id, so the audit trail keeps both.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from factcheck_tui.core.errors import DatabaseError
from factcheck_tui.core.models import Event, printable
from factcheck_tui.core.store import Store, now

Reverter = Callable[[Store, Event, Any, Any], None]
REVERTERS: dict[str, Reverter] = {}


def reverts(action: str) -> Callable[[Reverter], Reverter]:
    def register(function: Reverter) -> Reverter:
        REVERTERS[action] = function
        return function

    return register


EVENT_COLUMNS = (
    "id, at, checker, article_id, claim_id, action, old_value, new_value, batch, undone_by"
)


def undo(store: Store, article_id: int | None = None) -> str | None:
    """Revert `store.checker`'s latest batch (in one article, if given).

    Returns a description of what was undone, or None when there is nothing to undo.
    A change another checker has since overwritten is not clobbered: undo refuses.
    """
    # These modules register the reverters of the changes they make.
    import factcheck_tui.core.earlier
    import factcheck_tui.core.edits  # noqa: F401

    with store.write():
        actions = sorted(REVERTERS)
        marks = ",".join("?" * len(actions))
        where = f"checker = ? AND undone_by IS NULL AND action IN ({marks})"
        params: list[Any] = [store.checker, *actions]
        if article_id is not None:
            where += " AND article_id = ?"
            params.append(article_id)
        row = store.conn.execute(
            f"SELECT batch FROM events WHERE {where} ORDER BY id DESC LIMIT 1", params
        ).fetchone()
        if row is None:
            return None
        batch = row[0]
        events = [
            Event(*r)
            for r in store.conn.execute(
                f"SELECT {EVENT_COLUMNS} FROM events WHERE batch = ? ORDER BY id DESC", (batch,)
            )
        ]
        undo_id = store.record_event(
            "undo",
            article_id=events[0].article_id,
            claim_id=events[0].claim_id,
            old=None,
            new={"batch": batch},
            batch=None,
        )
        for event in events:
            old = json.loads(event.old_value) if event.old_value else None
            new = json.loads(event.new_value) if event.new_value else None
            REVERTERS[event.action](store, event, old, new)
        store.conn.execute("UPDATE events SET undone_by = ? WHERE batch = ?", (undo_id, batch))
        head = min(events, key=lambda event: event.id)
        row = store.conn.execute(
            "SELECT text FROM claims WHERE id = ?", (head.claim_id,)
        ).fetchone()
    return describe(events, printable(row[0]) if row else "")


# How an undo names what it undid, where the event's own name is not plain English.
ACTION_NAMES = {
    "status": "mark",
    "add_source": "added source",
    "remove_source": "removed source",
    "link_report": "link",
    "unlink_report": "unlink",
    "add_claim": "added claim",
    "edit_text": "rewording",
    "apply_earlier": "earlier check",
    "rederive": "threshold change",
}


def describe(events: Sequence[Event], claim_text: str = "") -> str:
    """What an undone batch was, named by its first event (a split also adds a claim) and,
    for one claim, by the start of its text: a checker knows claims by words, not ids."""
    head = min(events, key=lambda event: event.id)
    action = ACTION_NAMES.get(head.action, head.action.replace("_", " "))
    if head.claim_id is None:
        return f"undid {action}"
    claims = {event.claim_id for event in events}
    if len(claims) == 1 or head.action in {"split", "merge"}:
        words = " ".join(claim_text.split())
        if not words:
            return f"undid {action} of claim {head.claim_id}"
        return f"undid {action} on “{words[:40]}{'…' if len(words) > 40 else ''}”"
    return f"undid {action} of {len(claims)} claims"


@reverts("status")
def _revert_status(store: Store, event: Event, old: Any, new: Any) -> None:
    current = store.conn.execute(
        "SELECT status FROM claims WHERE id = ?", (event.claim_id,)
    ).fetchone()
    if current is None or current[0] != new:
        raise DatabaseError("cannot undo: that claim was changed since by another checker")
    # Who set the verdict being restored, and when: nobody for unchecked, else the mark that
    # set it (a verdict that came another way, e.g. an earlier check applied, keeps them).
    checker, checked_at = store.conn.execute(
        "SELECT checker, checked_at FROM claims WHERE id = ?", (event.claim_id,)
    ).fetchone()
    if old == "unchecked":
        checker, checked_at = "", ""
    else:
        earlier = store.conn.execute(
            "SELECT checker, at FROM events WHERE claim_id = ? AND action = 'status' "
            "AND id < ? AND undone_by IS NULL AND new_value = ? ORDER BY id DESC LIMIT 1",
            (event.claim_id, event.id, json.dumps(old, ensure_ascii=False)),
        ).fetchone()
        if earlier is not None:
            checker, checked_at = earlier
    store.conn.execute(
        "UPDATE claims SET status = ?, checker = ?, checked_at = ?, updated_at = ? WHERE id = ?",
        (old, checker, checked_at, now(), event.claim_id),
    )


@reverts("note")
def _revert_note(store: Store, event: Event, old: Any, new: Any) -> None:
    store.conn.execute(
        "UPDATE claims SET note = ?, updated_at = ? WHERE id = ?", (old, now(), event.claim_id)
    )


@reverts("add_source")
def _revert_add_source(store: Store, event: Event, old: Any, new: Any) -> None:
    store.conn.execute("DELETE FROM sources WHERE id = ?", (new["id"],))


@reverts("remove_source")
def _revert_remove_source(store: Store, event: Event, old: Any, new: Any) -> None:
    store.conn.execute(
        "INSERT INTO sources (id, claim_id, kind, reference, tier, consulted_on, added_by, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            old["id"],
            event.claim_id,
            old["kind"],
            old["reference"],
            old["tier"],
            old["consulted_on"],
            store.checker,
            now(),
        ),
    )


@reverts("link_report")
def _revert_link(store: Store, event: Event, old: Any, new: Any) -> None:
    store.conn.execute(
        "DELETE FROM claim_reports WHERE claim_id = ? AND report_id = ?",
        (event.claim_id, new["report_id"]),
    )


@reverts("unlink_report")
def _revert_unlink(store: Store, event: Event, old: Any, new: Any) -> None:
    seen = old.get("seen") or [None, None, None]  # unlinked before links kept a snapshot
    store.conn.execute(
        "INSERT OR IGNORE INTO claim_reports (claim_id, report_id, score, linked_by, linked_at, "
        "seen_claim_text, seen_rating, seen_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (event.claim_id, old["report_id"], old["score"], store.checker, now(), *seen),
    )
