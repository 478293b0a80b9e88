"""The changes a checker makes to a claim's check: verdicts, notes, suggested corrections,
sources and links to prior fact-checks. Each is a `Change` (core/records/change.py), made with
`store.apply(...)`, with the revert undo applies to each of its events (the table is
core/changes.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import corrections as corrections_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.db.source_edits import SOURCE_FIELDS, read_source, write_source
from factcheck_tui.core.records.change import Change, ChangeContext, claim_of
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import SOURCE_KINDS, SOURCE_TIERS, Event
from factcheck_tui.core.records.verdicts import UNCHECKED


@dataclass(frozen=True, slots=True)
class Mark(Change[int]):
    """Mark claims with one verdict of the desk's scale in one batch (one undo step).

    Returns how many changed. A desk rule (e.g. two independent sources before a positive
    verdict) refuses the whole batch with a RuleError naming what is missing."""

    actions: ClassVar[tuple[str, ...]] = ("status",)
    claim_ids: Sequence[int]
    status: str

    def apply(self, ctx: ChangeContext) -> int:
        status, scale = self.status, ctx.scale
        if status not in scale.by_id:
            raise ChangeRefused(
                f"unknown status {status!r}: the {scale.name} scale has " + ", ".join(scale.by_id)
            )
        if scale.asks_sources(status) or scale.asks_facts(status):
            for claim_id in self.claim_ids:
                claim = claims_table.read_claim(ctx.conn, claim_id)
                if claim is None:
                    raise DatabaseError(f"no claim with id {claim_id}")
                scale.check_rules(status, claim.sources)
                scale.check_facts(status, claim.facts_left)
        changed = 0
        batch: int | None = None
        stamp = now()
        for claim_id in self.claim_ids:
            row = claims_table.claim_fields(ctx.conn, claim_id, "article_id", "status")
            if row is None or row[1] == status:
                continue
            claims_table.update_claim(
                ctx.conn,
                claim_id,
                status=status,
                checker=ctx.checker,
                checked_at="" if status == UNCHECKED else stamp,
                updated_at=stamp,
            )
            event = record_event(
                ctx,
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
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        claim_id = claim_of(event)
        current = claims_table.claim_fields(ctx.conn, claim_id, "status", "checker", "checked_at")
        if current is None or current[0] != new:
            raise DatabaseError("cannot undo: that claim was changed since by another checker")
        # Who set the verdict being restored, and when: nobody for unchecked, else the mark that
        # set it (a verdict that came another way, e.g. an earlier check applied, keeps them).
        checker, checked_at = current[1], current[2]
        if old == "unchecked":
            checker, checked_at = "", ""
        else:
            earlier = events_table.status_setter(ctx.conn, claim_id, event.id, old)
            if earlier is not None:
                checker, checked_at = earlier
        claims_table.update_claim(
            ctx.conn, claim_id, status=old, checker=checker, checked_at=checked_at, updated_at=now()
        )


@dataclass(frozen=True, slots=True)
class SetNote(Change[bool]):
    """Replace a claim's note; returns False when it was already that note."""

    actions: ClassVar[tuple[str, ...]] = ("note",)
    claim_id: int
    note: str

    def apply(self, ctx: ChangeContext) -> bool:
        row = claims_table.claim_fields(ctx.conn, self.claim_id, "article_id", "note")
        if row is None:
            raise DatabaseError(f"no claim with id {self.claim_id}")
        if (row[1] or "") == self.note:
            return False
        claims_table.update_claim(ctx.conn, self.claim_id, note=self.note, updated_at=now())
        record_event(
            ctx,
            "note",
            article_id=row[0],
            claim_id=self.claim_id,
            old=row[1] or "",
            new=self.note,
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        claims_table.update_claim(ctx.conn, claim_of(event), note=old, updated_at=now())


@dataclass(frozen=True, slots=True)
class SetCorrection(Change[bool]):
    """Replace a claim's suggested correction (the wording the piece should use instead);
    returns False when it was already that. Surrounding whitespace is dropped."""

    actions: ClassVar[tuple[str, ...]] = ("correction",)
    claim_id: int
    correction: str

    def apply(self, ctx: ChangeContext) -> bool:
        correction = self.correction.strip()
        row = corrections_table.claim_correction(ctx.conn, self.claim_id)
        if row is None:
            raise DatabaseError(f"no claim with id {self.claim_id}")
        article_id, old = row
        if old == correction:
            return False
        corrections_table.write_correction(ctx.conn, self.claim_id, correction, now())
        record_event(
            ctx,
            "correction",
            article_id=article_id,
            claim_id=self.claim_id,
            old=old,
            new=correction,
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        claim_id = claim_of(event)
        current = corrections_table.claim_correction(ctx.conn, claim_id)
        if current is None or current[1] != new:
            raise DatabaseError("cannot undo: that correction was changed since by another checker")
        corrections_table.write_correction(ctx.conn, claim_id, old, now())


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
class AddSource(Change[int]):
    """Record a source the checker consulted; returns its id."""

    actions: ClassVar[tuple[str, ...]] = ("add_source",)
    claim_id: int
    kind: str
    reference: str
    tier: str
    consulted_on: str
    # Where in the source (page, paragraph, section, timestamp) and the fact it backs.
    locator: str = ""
    fact_id: int | None = None

    def apply(self, ctx: ChangeContext) -> int:
        kind, tier, consulted_on = self.kind, self.tier, self.consulted_on
        locator = self.locator.strip()
        reference = checked_source(kind, self.reference, tier, consulted_on)
        article_id = claims_table.article_of(ctx.conn, self.claim_id)
        stamp = now()
        source_id = sources_table.insert_source(
            ctx.conn,
            self.claim_id,
            kind=kind,
            reference=reference,
            tier=tier,
            consulted_on=consulted_on,
            added_by=ctx.checker,
            added_at=stamp,
            locator=locator,
            fact_id=self.fact_id,
        )
        claims_table.touch(ctx.conn, self.claim_id, stamp)
        new: dict[str, Any] = {
            "kind": kind,
            "reference": reference,
            "tier": tier,
            "consulted_on": consulted_on,
        }
        if locator:
            new["locator"] = locator
        if self.fact_id is not None:
            new["fact_id"] = self.fact_id
        record_event(
            ctx,
            "add_source",
            article_id=article_id,
            claim_id=self.claim_id,
            old=None,
            new={"id": source_id, **new},
            batch=None,
        )
        return source_id

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        sources_table.delete_source(ctx.conn, new["id"])


@dataclass(frozen=True, slots=True)
class EditSource(Change[bool]):
    """Rewrite what source `source_id` says (its reference, kind, tier or date consulted);
    False when nothing changed. Raises ChangeRefused (a ValueError) for a kind, tier or date
    a source cannot have (the same checks as adding one)."""

    actions: ClassVar[tuple[str, ...]] = ("edit_source",)
    source_id: int
    kind: str
    reference: str
    tier: str
    consulted_on: str

    def apply(self, ctx: ChangeContext) -> bool:
        reference = checked_source(self.kind, self.reference, self.tier, self.consulted_on)
        new = {
            "kind": self.kind,
            "reference": reference,
            "tier": self.tier,
            "consulted_on": self.consulted_on,
        }
        old = read_source(ctx.conn, self.source_id)
        if old is None:
            raise DatabaseError(f"no source with id {self.source_id}")
        if all(old[name] == new[name] for name in SOURCE_FIELDS):
            return False
        write_source(ctx.conn, self.source_id, new)
        claim_id = int(old["claim_id"])
        record_event(
            ctx,
            "edit_source",
            article_id=claims_table.article_of(ctx.conn, claim_id),
            claim_id=claim_id,
            old={name: old[name] for name in ("id", *SOURCE_FIELDS)},
            new={"id": self.source_id, **new},
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        write_source(ctx.conn, int(old["id"]), old)


@dataclass(frozen=True, slots=True)
class RemoveSource(Change[None]):
    actions: ClassVar[tuple[str, ...]] = ("remove_source",)
    source_id: int

    def apply(self, ctx: ChangeContext) -> None:
        source = sources_table.read_source(ctx.conn, self.source_id)
        if source is None:
            return
        claim_id = source.claim_id
        sources_table.delete_source(ctx.conn, self.source_id)
        claims_table.touch(ctx.conn, claim_id, now())
        record_event(
            ctx,
            "remove_source",
            article_id=claims_table.article_of(ctx.conn, claim_id),
            claim_id=claim_id,
            old={
                "id": self.source_id,
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
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        sources_table.insert_source(
            ctx.conn,
            claim_of(event),
            source_id=old["id"],
            kind=old["kind"],
            reference=old["reference"],
            tier=old["tier"],
            consulted_on=old["consulted_on"],
            added_by=old.get("added_by", ctx.checker),
            added_at=now(),
            author=old.get("author", ""),
            written_at=old.get("written_at", ""),
            origin=old.get("origin", "checker"),
        )


@dataclass(frozen=True, slots=True)
class LinkReports(Change[int]):
    """Link prior fact-check reports to claims, (claim, report, score) each, as one undo step
    (one link on a checker's key, many with link-all); returns how many were new (a report
    already linked to that claim is left as it is)."""

    actions: ClassVar[tuple[str, ...]] = ("link_report",)
    links: Sequence[tuple[int, int, float]]

    def apply(self, ctx: ChangeContext) -> int:
        linked = 0
        batch: int | None = None
        for claim_id, report_id, score in self.links:
            if sources_table.is_linked(ctx.conn, claim_id, report_id):
                continue
            stamp = now()
            sources_table.insert_link(
                ctx.conn, claim_id, report_id, score=score, linked_by=ctx.checker, linked_at=stamp
            )
            claims_table.touch(ctx.conn, claim_id, stamp)
            event = record_event(
                ctx,
                "link_report",
                article_id=claims_table.article_of(ctx.conn, claim_id),
                claim_id=claim_id,
                old=None,
                new={"report_id": report_id, "score": score},
                batch=batch,
            )
            batch = batch or event
            linked += 1
        return linked

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        sources_table.delete_link(ctx.conn, claim_of(event), new["report_id"])


@dataclass(frozen=True, slots=True)
class UnlinkReport(Change[bool]):
    """Remove a claim's link to a prior report; False when it was not linked."""

    actions: ClassVar[tuple[str, ...]] = ("unlink_report",)
    claim_id: int
    report_id: int

    def apply(self, ctx: ChangeContext) -> bool:
        claim_id, report_id = self.claim_id, self.report_id
        score = sources_table.link_score(ctx.conn, claim_id, report_id)
        if score is None:
            return False
        seen = sources_table.link_seen(ctx.conn, claim_id, report_id)
        sources_table.delete_link(ctx.conn, claim_id, report_id)
        claims_table.touch(ctx.conn, claim_id, now())
        record_event(
            ctx,
            "unlink_report",
            article_id=claims_table.article_of(ctx.conn, claim_id),
            claim_id=claim_id,
            # What the checker saw, so undo links the report back as it was seen.
            old={"report_id": report_id, "score": score, "seen": seen},
            new=None,
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        sources_table.insert_link(
            ctx.conn,
            claim_of(event),
            old["report_id"],
            score=old["score"],
            linked_by=ctx.checker,
            linked_at=now(),
            # Unlinked before links kept a snapshot: the trigger takes the report as it is.
            seen=old.get("seen") or (None, None, None),
        )
