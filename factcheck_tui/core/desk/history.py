"""Undo: revert a checker's latest batch of changes from the events table.

Each event is reverted by the change that wrote it, found in the one table of changes
(core/desk/changes.py). Undo writes an `undo` event and stamps the reverted events with its id, so
the audit trail keeps both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.desk.change import ChangeContext
from factcheck_tui.core.desk.changes import CHANGES, UNDOABLE_ACTIONS
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.models import Event


def undo(ctx: ChangeContext, article_id: int | None = None) -> str | None:
    """Revert `ctx.checker`'s latest batch (in one article, if given), inside the write
    transaction the store opened (`Store.undo`).

    Returns a description of what was undone, or None when there is nothing to undo.
    A change another checker has since overwritten is not clobbered: undo refuses.
    """
    batch = events_table.latest_batch(ctx.conn, ctx.checker, UNDOABLE_ACTIONS, article_id)
    if batch is None:
        return None
    events = events_table.batch_events(ctx.conn, batch)
    undo_id = ctx.record_event(
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
        CHANGES[event.action].revert(ctx, event, old, new)
    events_table.mark_undone(ctx.conn, batch, undo_id)
    head = min(events, key=lambda event: event.id)
    row = (
        claims_table.claim_fields(ctx.conn, head.claim_id, "text")
        if head.claim_id is not None
        else None
    )
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
    "correction": "suggested correction",
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
