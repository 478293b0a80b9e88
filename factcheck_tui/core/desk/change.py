"""What a change a checker can make is: one object that applies itself and reverts its events.

`Store.apply(change)` opens one write transaction and runs `change.apply(ctx)`, which writes
one or more events (their `action` names are the class's `actions`) and returns the change's
result; `revert(ctx, event, old, new)` undoes one of those events inside undo's transaction.
A change sees the desk through `ChangeContext`, the few things it needs, never the store
class: the store imports the changes, so they must not import it. Every change class is listed
once, in core/desk/changes.py, the table undo reads. A change that is not `undoable` (an
import's own events) is listed too, so nothing is undone because a module happened to register
it.
"""

from __future__ import annotations

import sqlite3
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.records.errors import DatabaseError, FactcheckError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.verdicts import Scale

Result = TypeVar("Result", covariant=True)


class ChangeContext(Protocol):
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
    ) -> int: ...


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
