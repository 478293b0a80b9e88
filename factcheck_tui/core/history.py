"""Undo: revert a checker's latest batch of changes from the events table.

Each undoable action has a reverter here (marks, notes, sources, links) or registers one from
the module that makes the change (`edits` for the claim list itself). Undo writes an `undo`
event and stamps the reverted events with its id, so the audit trail keeps both.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from factcheck_tui.core import earlier, edits, source_fixes
from factcheck_tui.core.clock import now
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.errors import DatabaseError
from factcheck_tui.core.models import Event, printable

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store

Reverter = Callable[["Store", Event, Any, Any], None]


def undo(store: Store, article_id: int | None = None) -> str | None:
    """Revert `store.checker`'s latest batch (in one article, if given).

    Returns a description of what was undone, or None when there is nothing to undo.
    A change another checker has since overwritten is not clobbered: undo refuses.
    """
    with store.write():
        batch = events_table.latest_batch(store.conn, store.checker, sorted(REVERTERS), article_id)
        if batch is None:
            return None
        events = events_table.batch_events(store.conn, batch)
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
        events_table.mark_undone(store.conn, batch, undo_id)
        head = min(events, key=lambda event: event.id)
        row = (
            claims_table.claim_fields(store.conn, head.claim_id, "text")
            if head.claim_id is not None
            else None
        )
    return describe(events, printable(row[0]) if row else "")


# How an undo names what it undid, where the event's own name is not plain English.
ACTION_NAMES = {
    "status": "mark",
    "add_source": "added source",
    "remove_source": "removed source",
    "edit_source": "source edit",
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


def _revert_status(store: Store, event: Event, old: Any, new: Any) -> None:
    claim_id = _claim_of(event)
    current = claims_table.claim_fields(store.conn, claim_id, "status", "checker", "checked_at")
    if current is None or current[0] != new:
        raise DatabaseError("cannot undo: that claim was changed since by another checker")
    # Who set the verdict being restored, and when: nobody for unchecked, else the mark that
    # set it (a verdict that came another way, e.g. an earlier check applied, keeps them).
    checker, checked_at = current[1], current[2]
    if old == "unchecked":
        checker, checked_at = "", ""
    else:
        earlier = events_table.status_setter(store.conn, claim_id, event.id, old)
        if earlier is not None:
            checker, checked_at = earlier
    claims_table.update_claim(
        store.conn, claim_id, status=old, checker=checker, checked_at=checked_at, updated_at=now()
    )


def _revert_note(store: Store, event: Event, old: Any, new: Any) -> None:
    claims_table.update_claim(store.conn, _claim_of(event), note=old, updated_at=now())


def _revert_add_source(store: Store, event: Event, old: Any, new: Any) -> None:
    sources_table.delete_source(store.conn, new["id"])


def _revert_remove_source(store: Store, event: Event, old: Any, new: Any) -> None:
    sources_table.insert_source(
        store.conn,
        _claim_of(event),
        source_id=old["id"],
        kind=old["kind"],
        reference=old["reference"],
        tier=old["tier"],
        consulted_on=old["consulted_on"],
        added_by=old.get("added_by", store.checker),
        added_at=now(),
        author=old.get("author", ""),
        written_at=old.get("written_at", ""),
        origin=old.get("origin", "checker"),
    )


def _revert_link(store: Store, event: Event, old: Any, new: Any) -> None:
    sources_table.delete_link(store.conn, _claim_of(event), new["report_id"])


def _revert_unlink(store: Store, event: Event, old: Any, new: Any) -> None:
    sources_table.insert_link(
        store.conn,
        _claim_of(event),
        old["report_id"],
        score=old["score"],
        linked_by=store.checker,
        linked_at=now(),
        # Unlinked before links kept a snapshot: the trigger takes the report as it is.
        seen=old.get("seen") or (None, None, None),
    )


def _claim_of(event: Event) -> int:
    if event.claim_id is None:
        raise DatabaseError(f"event {event.id} ({event.action}) names no claim")
    return event.claim_id


# Every action undo can revert, and how: the one table undo reads. An action not listed here
# (an import's own `import_article`, `import_revision`, `revision_*` events, an `undo`) is
# never undone.
REVERTERS: dict[str, Reverter] = {
    "status": _revert_status,
    "note": _revert_note,
    "add_source": _revert_add_source,
    "remove_source": _revert_remove_source,
    "edit_source": source_fixes.revert_edit_source,
    "link_report": _revert_link,
    "unlink_report": _revert_unlink,
    "add_claim": edits.revert_add,
    "edit_text": edits.revert_snapshot,
    "split": edits.revert_snapshot,
    "merge": edits.revert_merge,
    "dismiss": edits.revert_dismiss,
    "restore": edits.revert_dismiss,
    "rederive": edits.revert_rederive,
    "apply_earlier": earlier.revert_apply,
}
