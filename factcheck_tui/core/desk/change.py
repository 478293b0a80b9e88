"""What a change a checker can make is: one object that applies itself and reverts its events.

`apply(store)` makes the change in one write transaction, writing one or more events (their
`action` names are the class's `actions`); `revert(store, event, old, new)` undoes one of
those events inside undo's transaction. Every change class is listed once, in
core/desk/changes.py, the table undo reads. A change that is not `undoable` (an import's own
events) is listed too, so nothing is undone because a module happened to register it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from factcheck_tui.core.records.errors import FactcheckError

if TYPE_CHECKING:
    from factcheck_tui.core.records.models import Event
    from factcheck_tui.core.store import Store


class Change:
    """Base of every change; subclasses are frozen dataclasses of the change's arguments."""

    __slots__ = ()
    actions: ClassVar[tuple[str, ...]] = ()
    undoable: ClassVar[bool] = True

    def apply(self, store: Store) -> Any:
        raise NotImplementedError

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        raise NotUndoable(f"{event.action} is not undone with undo")


class NotUndoable(FactcheckError):
    """An event of a change that undo does not revert (an import)."""
