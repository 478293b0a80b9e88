"""What a change a checker can make is: one object that applies itself and reverts its events.

`Store.apply(change)` opens one write transaction and runs `change.apply(ctx)`, which writes
its events (`core/db/events.record_event`; their `action` names are the class's `actions`)
and returns the change's result; `revert(ctx, event, old, new)` undoes one of those events
inside undo's transaction. A change sees the desk through `ChangeContext`, the few things it
needs, never the store class: the store imports the changes, so they must not import it.
Every change class is listed once, in core/changes.py, the table undo reads. A change that is
not `undoable` (an import's own events) is listed too, so nothing is undone because a module
happened to register it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from factcheck_tui.core.records.errors import DatabaseError, FactcheckError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.verdicts import Scale

Result = TypeVar("Result", covariant=True)


@dataclass(frozen=True, slots=True)
class ChangeContext:
    """What a change reads and writes through: the desk's connection (inside the change's
    write transaction), who is checking, and the desk's scale."""

    conn: sqlite3.Connection
    checker: str
    scale: Scale


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
