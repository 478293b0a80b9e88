"""Fixing a source after the fact: rewrite what one source says (its reference, kind, tier or
date consulted) as one committed change with an `edit_source` event that undo reverts.
Removing one source is `Store.remove_source`; removing one link `Store.unlink_report`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck_tui.core.db.source_edits import SOURCE_FIELDS, read_source, write_source
from factcheck_tui.core.desk.change import Change
from factcheck_tui.core.desk.claim_changes import checked_source
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.records.models import Event

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store


@dataclass(frozen=True, slots=True)
class EditSource(Change):
    """Rewrite source `source_id`; False when nothing changed. Raises ChangeRefused (a
    ValueError) for a kind, tier or date a source cannot have (the same checks as adding one)."""

    actions: ClassVar[tuple[str, ...]] = ("edit_source",)
    source_id: int
    kind: str
    reference: str
    tier: str
    consulted_on: str

    def apply(self, store: Store) -> bool:
        source_id = self.source_id
        kind = self.kind
        reference = self.reference
        tier = self.tier
        consulted_on = self.consulted_on
        reference = checked_source(kind, reference, tier, consulted_on)
        new = {"kind": kind, "reference": reference, "tier": tier, "consulted_on": consulted_on}
        with store.write():
            old = read_source(store.conn, source_id)
            if old is None:
                raise DatabaseError(f"no source with id {source_id}")
            if all(old[name] == new[name] for name in SOURCE_FIELDS):
                return False
            write_source(store.conn, source_id, new)
            claim_id = int(old["claim_id"])
            store.record_event(
                "edit_source",
                article_id=store.claim(claim_id).article_id,
                claim_id=claim_id,
                old={name: old[name] for name in ("id", *SOURCE_FIELDS)},
                new={"id": source_id, **new},
                batch=None,
            )
        return True

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_edit_source(store, event, old, new)


def edit_source(
    store: Store, source_id: int, *, kind: str, reference: str, tier: str, consulted_on: str
) -> bool:
    """`EditSource` applied: edit_source."""
    return EditSource(
        source_id, kind=kind, reference=reference, tier=tier, consulted_on=consulted_on
    ).apply(store)


def revert_edit_source(store: Store, event: Event, old: Any, new: Any) -> None:
    """Undo of `edit_source` (EditSource.revert; the table is core/desk/changes.py)."""
    write_source(store.conn, int(old["id"]), old)
