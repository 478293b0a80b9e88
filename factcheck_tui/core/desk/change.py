"""What a change a checker can make is: one object that applies itself and reverts its events.

`Store.apply(change)` opens one write transaction and runs `change.apply(ctx)`, which writes
one or more events (their `action` names are the class's `actions`) and returns the change's
result; `revert(ctx, event, old, new)` undoes one of those events inside undo's transaction.
A change sees the desk through `ChangeContext`, the few things it needs, never the store
class: the store imports the changes, so they must not import it. Every change class is listed
once, in core/changes.py, the table undo reads. A change that is not `undoable` (an
import's own events) is listed too, so nothing is undone because a module happened to register
it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError, FactcheckError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.verdicts import Scale

Result = TypeVar("Result", covariant=True)


@dataclass(frozen=True, slots=True)
class ChangeContext:
    """What a change reads and writes through: the desk's connection (inside the change's
    write transaction), who is checking, the desk's scale, and the event log."""

    conn: sqlite3.Connection
    checker: str
    scale: Scale

    def record_event(
        self,
        action: str,
        *,
        article_id: int | None,
        claim_id: int | None,
        old: Any,
        new: Any,
        batch: int | None,
    ) -> int:
        """Write one event of the change being made; every change of a claim passes here, so
        this is where a change to a superseded draft is refused (its transaction rolls back)."""
        if article_id is not None and not action.startswith(("import_", "revision_")):
            newer = articles_table.newer_revision(self.conn, article_id)
            if newer is not None:
                raise ChangeRefused(
                    f"this draft was replaced by revision {newer[1]} (imported since): go back "
                    "to the list and open the latest, which carries the checks still valid"
                )
        event = (now(), self.checker, action, article_id, claim_id, old, new, batch)
        return events_table.insert_event(self.conn, *event)


class Change(Generic[Result]):
    """Base of every change; subclasses are frozen dataclasses of the change's arguments."""

    __slots__ = ()
    actions: ClassVar[tuple[str, ...]] = ()
    undoable: ClassVar[bool] = True

    def apply(self, ctx: ChangeContext) -> Result:
        """Make the change; runs inside the write transaction `Store.apply` opened."""
        raise NotImplementedError

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        raise NotUndoable(f"{event.action} is not undone with undo")


class NotUndoable(FactcheckError):
    """An event of a change that undo does not revert (an import)."""


def claim_of(event: Event) -> int:
    """The claim an event names (every event of a claim's change names one)."""
    if event.claim_id is None:
        raise DatabaseError(f"event {event.id} ({event.action}) names no claim")
    return event.claim_id


def article_of(ctx: ChangeContext, claim_id: int) -> int:
    """The article of claim `claim_id`, or DatabaseError when there is no such claim."""
    row = claims_table.claim_fields(ctx.conn, claim_id, "article_id")
    if row is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return int(row[0])
