"""Fixing a source after the fact: rewrite what one source says (its reference, kind, tier or
date consulted) as one committed change with an `edit_source` event that undo reverts.
Removing one source is `Store.remove_source`; removing one link `Store.unlink_report`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from factcheck_tui.core.db.source_edits import SOURCE_FIELDS, read_source, write_source
from factcheck_tui.core.errors import DatabaseError
from factcheck_tui.core.models import SOURCE_KINDS, SOURCE_TIERS, Event

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store


def edit_source(
    store: Store, source_id: int, *, kind: str, reference: str, tier: str, consulted_on: str
) -> bool:
    """Rewrite source `source_id`; False when nothing changed. Raises ValueError for a kind,
    tier or date a source cannot have (the same checks as adding one)."""
    if kind not in SOURCE_KINDS:
        raise ValueError(f"unknown source kind {kind!r}")
    if tier not in SOURCE_TIERS:
        raise ValueError(f"unknown source tier {tier!r}")
    dt.date.fromisoformat(consulted_on)  # ValueError for a date that is not YYYY-MM-DD
    reference = reference.strip()
    if not reference:
        raise ValueError("a source needs a URL, document or person")
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


def revert_edit_source(store: Store, event: Event, old: Any, new: Any) -> None:
    """Undo of `edit_source` (listed in core.history.REVERTERS)."""
    write_source(store.conn, int(old["id"]), old)
