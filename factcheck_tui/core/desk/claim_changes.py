"""The changes a checker makes to a claim's check: verdicts, notes, sources and links to prior
fact-checks. Each is a `Change` (core/desk/change.py): one committed write transaction with its
events, and the revert undo applies to each of those events (the table is core/desk/changes.py).
`Store` offers them as methods (`store.set_status(...)`) through the `ClaimChanges` mixin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import corrections as corrections_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.desk.change import Change
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import SOURCE_KINDS, SOURCE_TIERS, Event
from factcheck_tui.core.records.verdicts import UNCHECKED

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store


@dataclass(frozen=True, slots=True)
class Mark(Change):
    """Mark claims with one verdict of the desk's scale in one batch (one undo step).

    Returns how many changed. A desk rule (e.g. two independent sources before a positive
    verdict) refuses the whole batch with a RuleError naming what is missing."""

    actions: ClassVar[tuple[str, ...]] = ("status",)
    claim_ids: Sequence[int]
    status: str

    def apply(self, store: Store) -> int:
        claim_ids = self.claim_ids
        status = self.status
        if status not in store.scale.by_id:
            raise ChangeRefused(
                f"unknown status {status!r}: the {store.scale.name} scale has "
                + ", ".join(store.scale.by_id)
            )
        if store.scale.asks_sources(status):
            for claim_id in claim_ids:
                store.scale.check_rules(status, store.claim(claim_id).sources)
        changed = 0
        with store.write():
            batch: int | None = None
            stamp = now()
            for claim_id in claim_ids:
                row = claims_table.claim_fields(store.conn, claim_id, "article_id", "status")
                if row is None or row[1] == status:
                    continue
                checked_at = "" if status == UNCHECKED else stamp
                claims_table.update_claim(
                    store.conn,
                    claim_id,
                    status=status,
                    checker=store.checker,
                    checked_at=checked_at,
                    updated_at=stamp,
                )
                event = store.record_event(
                    "status",
                    article_id=row[0],
                    claim_id=claim_id,
                    old=row[1],
                    new=status,
                    batch=batch,
                )
                batch = batch or event
                changed += 1
        return changed

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        _revert_status(store, event, old, new)


def set_status(store: Store, claim_ids: Sequence[int], status: str) -> int:
    """`Mark` applied: status."""
    return Mark(claim_ids, status).apply(store)


@dataclass(frozen=True, slots=True)
class SetNote(Change):
    """Replace a claim's note; returns False when it was already that note."""

    actions: ClassVar[tuple[str, ...]] = ("note",)
    claim_id: int
    note: str

    def apply(self, store: Store) -> bool:
        claim_id = self.claim_id
        note = self.note
        with store.write():
            row = claims_table.claim_fields(store.conn, claim_id, "article_id", "note")
            if row is None:
                raise DatabaseError(f"no claim with id {claim_id}")
            if (row[1] or "") == note:
                return False
            claims_table.update_claim(store.conn, claim_id, note=note, updated_at=now())
            store.record_event(
                "note", article_id=row[0], claim_id=claim_id, old=row[1] or "", new=note, batch=None
            )
        return True

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        _revert_note(store, event, old, new)


def set_note(store: Store, claim_id: int, note: str) -> bool:
    """`SetNote` applied: note."""
    return SetNote(claim_id, note).apply(store)


@dataclass(frozen=True, slots=True)
class SetCorrection(Change):
    """Replace a claim's suggested correction (the wording the piece should use instead);
    returns False when it was already that. Surrounding whitespace is dropped."""

    actions: ClassVar[tuple[str, ...]] = ("correction",)
    claim_id: int
    correction: str

    def apply(self, store: Store) -> bool:
        claim_id = self.claim_id
        correction = self.correction.strip()
        with store.write():
            row = corrections_table.claim_correction(store.conn, claim_id)
            if row is None:
                raise DatabaseError(f"no claim with id {claim_id}")
            article_id, old = row
            if old == correction:
                return False
            corrections_table.write_correction(store.conn, claim_id, correction, now())
            store.record_event(
                "correction",
                article_id=article_id,
                claim_id=claim_id,
                old=old,
                new=correction,
                batch=None,
            )
        return True

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        claim_id = _claim_of(event)
        current = corrections_table.claim_correction(store.conn, claim_id)
        if current is None or current[1] != new:
            raise DatabaseError("cannot undo: that correction was changed since by another checker")
        corrections_table.write_correction(store.conn, claim_id, old, now())


def set_correction(store: Store, claim_id: int, correction: str) -> bool:
    """`SetCorrection` applied: correction."""
    return SetCorrection(claim_id, correction).apply(store)


def checked_source(kind: str, reference: str, tier: str, consulted_on: str) -> str:
    """The reference of a source a checker typed, stripped; raises ChangeRefused when a field
    is not one the source dialog offers (adding and editing a source check the same)."""
    if kind not in SOURCE_KINDS:
        raise ChangeRefused(f"unknown source kind {kind!r}")
    if tier not in SOURCE_TIERS:
        raise ChangeRefused(f"unknown source tier {tier!r}")
    try:
        dt.date.fromisoformat(consulted_on)
    except ValueError:
        raise ChangeRefused(
            f"the date consulted is a day as YYYY-MM-DD, not {consulted_on!r}"
        ) from None
    reference = reference.strip()
    if not reference:
        raise ChangeRefused("a source needs a URL, document or person")
    return reference


@dataclass(frozen=True, slots=True)
class AddSource(Change):
    """Record a source the checker consulted; returns its id."""

    actions: ClassVar[tuple[str, ...]] = ("add_source",)
    claim_id: int
    kind: str
    reference: str
    tier: str
    consulted_on: str

    def apply(self, store: Store) -> int:
        claim_id = self.claim_id
        kind = self.kind
        reference = self.reference
        tier = self.tier
        consulted_on = self.consulted_on
        reference = checked_source(kind, reference, tier, consulted_on)
        with store.write():
            article_id = _article_of(store, claim_id)
            stamp = now()
            source_id = sources_table.insert_source(
                store.conn,
                claim_id,
                kind=kind,
                reference=reference,
                tier=tier,
                consulted_on=consulted_on,
                added_by=store.checker,
                added_at=stamp,
            )
            claims_table.touch(store.conn, claim_id, stamp)
            store.record_event(
                "add_source",
                article_id=article_id,
                claim_id=claim_id,
                old=None,
                new={
                    "id": source_id,
                    "kind": kind,
                    "reference": reference,
                    "tier": tier,
                    "consulted_on": consulted_on,
                },
                batch=None,
            )
        return source_id

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        _revert_add_source(store, event, old, new)


def add_source(
    store: Store, claim_id: int, *, kind: str, reference: str, tier: str, consulted_on: str
) -> int:
    """`AddSource` applied: add_source."""
    return AddSource(
        claim_id, kind=kind, reference=reference, tier=tier, consulted_on=consulted_on
    ).apply(store)


@dataclass(frozen=True, slots=True)
class RemoveSource(Change):
    actions: ClassVar[tuple[str, ...]] = ("remove_source",)
    source_id: int

    def apply(self, store: Store) -> None:
        source_id = self.source_id
        with store.write():
            source = sources_table.read_source(store.conn, source_id)
            if source is None:
                return
            claim_id = source.claim_id
            sources_table.delete_source(store.conn, source_id)
            claims_table.touch(store.conn, claim_id, now())
            store.record_event(
                "remove_source",
                article_id=_article_of(store, claim_id),
                claim_id=claim_id,
                old={
                    "id": source_id,
                    "kind": source.kind,
                    "reference": source.reference,
                    "tier": source.tier,
                    "consulted_on": source.consulted_on,
                    "author": source.author,
                    "written_at": source.written_at,
                    "origin": source.origin,
                    "added_by": source.added_by,
                },
                new=None,
                batch=None,
            )

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        _revert_remove_source(store, event, old, new)


def remove_source(store: Store, source_id: int) -> None:
    """`RemoveSource` applied: remove_source."""
    return RemoveSource(source_id).apply(store)


@dataclass(frozen=True, slots=True)
class LinkReports(Change):
    """Link many (claim, report, score) at once, as one undo step (link-all's choice);
    returns how many were new."""

    actions: ClassVar[tuple[str, ...]] = ("link_report",)
    links: Sequence[tuple[int, int, float]]

    def apply(self, store: Store) -> int:
        links = self.links
        linked = 0
        with store.write():
            batch: int | None = None
            for claim_id, report_id, score in links:
                event = _link(store, claim_id, report_id, score, batch=batch)
                if event is not None:
                    batch = batch or event
                    linked += 1
        return linked

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        _revert_link(store, event, old, new)


def link_reports(store: Store, links: Sequence[tuple[int, int, float]]) -> int:
    """`LinkReports` applied: link_report."""
    return LinkReports(links).apply(store)


def link_report(store: Store, claim_id: int, report_id: int, score: float) -> bool:
    """Link a prior fact-check report to a claim (only ever on a checker's key press); False
    when it was linked already."""
    return LinkReports(((claim_id, report_id, score),)).apply(store) == 1


def _link(
    store: Store, claim_id: int, report_id: int, score: float, batch: int | None
) -> int | None:
    """Inside a write: link and record it; the event id, or None if already linked."""
    if sources_table.is_linked(store.conn, claim_id, report_id):
        return None
    stamp = now()
    sources_table.insert_link(
        store.conn, claim_id, report_id, score=score, linked_by=store.checker, linked_at=stamp
    )
    claims_table.touch(store.conn, claim_id, stamp)
    return store.record_event(
        "link_report",
        article_id=_article_of(store, claim_id),
        claim_id=claim_id,
        old=None,
        new={"report_id": report_id, "score": score},
        batch=batch,
    )


@dataclass(frozen=True, slots=True)
class UnlinkReport(Change):
    actions: ClassVar[tuple[str, ...]] = ("unlink_report",)
    claim_id: int
    report_id: int

    def apply(self, store: Store) -> bool:
        claim_id = self.claim_id
        report_id = self.report_id
        with store.write():
            score = sources_table.link_score(store.conn, claim_id, report_id)
            if score is None:
                return False
            seen = sources_table.link_seen(store.conn, claim_id, report_id)
            sources_table.delete_link(store.conn, claim_id, report_id)
            claims_table.touch(store.conn, claim_id, now())
            store.record_event(
                "unlink_report",
                article_id=_article_of(store, claim_id),
                claim_id=claim_id,
                # What the checker saw, so undo links the report back as it was seen.
                old={"report_id": report_id, "score": score, "seen": seen},
                new=None,
                batch=None,
            )
        return True

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        _revert_unlink(store, event, old, new)


def unlink_report(store: Store, claim_id: int, report_id: int) -> bool:
    """`UnlinkReport` applied: unlink_report."""
    return UnlinkReport(claim_id, report_id).apply(store)


def _article_of(store: Store, claim_id: int) -> int:
    row = claims_table.claim_fields(store.conn, claim_id, "article_id")
    if row is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return int(row[0])


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


class ClaimChanges:
    """The changes above as methods of `Store` (a mixin: `self` is the store)."""

    def set_status(self, claim_ids: Sequence[int], status: str) -> int:
        return Mark(claim_ids, status).apply(cast("Store", self))

    def set_note(self, claim_id: int, note: str) -> bool:
        return SetNote(claim_id, note).apply(cast("Store", self))

    def set_correction(self, claim_id: int, correction: str) -> bool:
        return SetCorrection(claim_id, correction).apply(cast("Store", self))

    def add_source(
        self, claim_id: int, *, kind: str, reference: str, tier: str, consulted_on: str
    ) -> int:
        return AddSource(claim_id, kind, reference, tier, consulted_on).apply(cast("Store", self))

    def remove_source(self, source_id: int) -> None:
        RemoveSource(source_id).apply(cast("Store", self))

    def link_report(self, claim_id: int, report_id: int, score: float) -> bool:
        return link_report(cast("Store", self), claim_id, report_id, score)

    def link_reports(self, links: Sequence[tuple[int, int, float]]) -> int:
        return LinkReports(links).apply(cast("Store", self))

    def unlink_report(self, claim_id: int, report_id: int) -> bool:
        return UnlinkReport(claim_id, report_id).apply(cast("Store", self))
