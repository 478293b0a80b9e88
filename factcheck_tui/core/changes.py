"""The one table of changes, and undo, which reads it: every change a checker can make (the
desk's, core/desk/) and every import's (core/intake/), by the event actions it writes.

Undo reads this table and nothing else: an event is reverted by the
`revert` of the change listed for its action, and only actions of `undoable` changes are
ever picked. The imports of an article or a revised draft are listed as not undoable, so an
import is never undone by a checker's undo key, whatever modules happen to be loaded.

Two undo keys read it: the article's (ctrl+z in an article, `u` on the list's highlighted
article) takes back the checker's last check or details edit of that article
(`CHECK_ACTIONS`); the desk list's ctrl+z takes back the last archive, restore, assignment
or details edit made there, in whichever article (`DESK_ACTIONS`): an archived article has
left the list, so only the desk's own undo can reach it.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.desk.article_changes import ArchiveArticle, AssignArticle, EditArticle
from factcheck_tui.core.desk.claim_checks import (
    AddSource,
    EditSource,
    LinkReports,
    Mark,
    RemoveSource,
    SetCorrection,
    SetNote,
    UnlinkReport,
)
from factcheck_tui.core.desk.claim_list import AddClaim, EditText, Merge, Split
from factcheck_tui.core.desk.earlier_checks import ApplyEarlier
from factcheck_tui.core.desk.event_text import undone
from factcheck_tui.core.desk.fact_checks import (
    AddFact,
    EditFactSpan,
    MarkFacts,
    RecordDecision,
    RemoveFact,
    SetDispute,
    SetFactNote,
)
from factcheck_tui.core.desk.shown_claims import Rederive, SetDismissed
from factcheck_tui.core.intake.importing import ImportArticle, UpdateDraftComments
from factcheck_tui.core.intake.revisions import CarryOver
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.display import printable

CHANGE_TYPES: tuple[type[Change[Any]], ...] = (
    # A claim's check.
    Mark,
    SetNote,
    SetCorrection,
    AddSource,
    RemoveSource,
    EditSource,
    LinkReports,
    UnlinkReport,
    ApplyEarlier,
    # A claim's facts, and disputes of a claim or a fact with the editor's call.
    AddFact,
    RemoveFact,
    EditFactSpan,
    MarkFacts,
    SetFactNote,
    SetDispute,
    RecordDecision,
    # The claim list.
    AddClaim,
    EditText,
    Split,
    Merge,
    SetDismissed,
    Rederive,
    # An article's metadata.
    EditArticle,
    # The desk's handling of an article: undone by the desk list's ctrl+z.
    ArchiveArticle,
    AssignArticle,
    # Imports: their events are the desk's record, never undone.
    ImportArticle,
    UpdateDraftComments,
    CarryOver,
)

CHANGES: dict[str, type[Change[Any]]] = {
    action: change for change in CHANGE_TYPES for action in change.actions
}
UNDOABLE_ACTIONS: tuple[str, ...] = tuple(
    sorted(action for action, change in CHANGES.items() if change.undoable)
)
ARTICLE_ENTRY_ACTIONS: tuple[str, ...] = (*ArchiveArticle.actions, *AssignArticle.actions)
DESK_ACTIONS: tuple[str, ...] = (*ARTICLE_ENTRY_ACTIONS, *EditArticle.actions)
CHECK_ACTIONS: tuple[str, ...] = tuple(
    action for action in UNDOABLE_ACTIONS if action not in ARTICLE_ENTRY_ACTIONS
)


def undo(
    ctx: ChangeContext, article_id: int | None = None, actions: tuple[str, ...] = CHECK_ACTIONS
) -> str | None:
    """Revert `ctx.checker`'s latest batch among `actions` (in one article, if given),
    inside the write transaction the store opened (`Store.undo`).

    Returns a description of what was undone, or None when there is nothing to undo.
    A change another checker has since overwritten is not clobbered: undo refuses.
    """
    batch = events_table.latest_batch(ctx.conn, ctx.checker, actions, article_id)
    if batch is None:
        return None
    events = events_table.batch_events(ctx.conn, batch)
    undo_id = record_event(
        ctx,
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
    if head.action in ARTICLE_ENTRY_ACTIONS and head.article_id is not None:  # off the list:
        # the archived article is named, so the checker knows what came back
        metadata = articles_table.article_metadata(ctx.conn, head.article_id) or {}
        return f"{undone(events)} of #{head.article_id} {printable(metadata.get('title', ''))}"
    return undone(events, printable(row[0]) if row else "")
