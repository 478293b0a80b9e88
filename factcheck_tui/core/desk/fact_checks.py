"""The changes a checker makes to a claim's facts — add, remove or re-span one, mark them,
write a fact's note — and to disputes: who disputes a claim or a fact and why, and the
editor's final call (kept, changed, cut). Each is a `Change` (core/records/change.py) made
with `store.apply(...)`, one undo step, in the audit trail (the table is core/changes.py).

A fact's event names its claim (so the claim's history lists it) and carries the fact's
words, so history reads "54 people: verified", never a fact id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import facts as facts_table
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.records.change import Change, ChangeContext, claim_of
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import DECISIONS, FACT_KINDS, FACT_STATUSES, Event

UNCHECKED = "unchecked"


def _fact(ctx: ChangeContext, fact_id: int) -> dict[str, Any]:
    row = facts_table.fact_row(ctx.conn, fact_id)
    if row is None:
        raise DatabaseError(f"no fact with id {fact_id}")
    return row


def _claim_span(ctx: ChangeContext, claim_id: int) -> tuple[int, int, int, str]:
    """(article id, start, end, article body) of a claim, for checking a fact's span."""
    row = claims_table.claim_fields(ctx.conn, claim_id, "article_id", "start", "end")
    if row is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    body = articles_table.article_body(ctx.conn, int(row[0])) or ""
    return int(row[0]), int(row[1]), int(row[2]), body


def _checked_span(ctx: ChangeContext, claim_id: int, start: int, end: int) -> tuple[int, str]:
    """(article id, the fact's words) of a span inside the claim's sentence, stripped of
    surrounding spaces; ChangeRefused for a span outside it or empty."""
    article_id, claim_start, claim_end, body = _claim_span(ctx, claim_id)
    if not claim_start <= start < end <= claim_end:
        raise ChangeRefused("a fact is some words of its claim's sentence")
    words = body[start:end]
    if not words.strip():
        raise ChangeRefused("a fact needs some words of the sentence")
    return article_id, words


@dataclass(frozen=True, slots=True)
class AddFact(Change[int]):
    """A fact the proposal missed: words of the claim's sentence (offsets into the article's
    body) with a kind; returns its id."""

    actions: ClassVar[tuple[str, ...]] = ("add_fact",)
    claim_id: int
    start: int
    end: int
    kind: str = "other"

    def apply(self, ctx: ChangeContext) -> int:
        if self.kind not in FACT_KINDS:
            raise ChangeRefused(f"unknown fact kind {self.kind!r}: " + ", ".join(FACT_KINDS))
        article_id, words = _checked_span(ctx, self.claim_id, self.start, self.end)
        start = self.start + len(words) - len(words.lstrip())
        end = self.end - (len(words) - len(words.rstrip()))
        stamp = now()
        values = {
            "claim_id": self.claim_id,
            "start": start,
            "end": end,
            "text": words.strip(),
            "kind": self.kind,
            "origin": "checker",
            "created_at": stamp,
            "updated_at": stamp,
        }
        fact_id = facts_table.insert_fact(ctx.conn, values)
        claims_table.touch(ctx.conn, self.claim_id, stamp)
        record_event(
            ctx,
            "add_fact",
            article_id=article_id,
            claim_id=self.claim_id,
            old=None,
            new={"fact_id": fact_id, "fact": words.strip(), "kind": self.kind},
            batch=None,
        )
        return fact_id

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        facts_table.delete_fact(ctx.conn, int(new["fact_id"]))


@dataclass(frozen=True, slots=True)
class RemoveFact(Change[bool]):
    """Remove a fact (a proposal that is no fact); undo puts it back as it was."""

    actions: ClassVar[tuple[str, ...]] = ("remove_fact",)
    fact_id: int

    def apply(self, ctx: ChangeContext) -> bool:
        row = facts_table.fact_row(ctx.conn, self.fact_id)
        if row is None:
            return False
        claim_id = int(row["claim_id"])
        facts_table.delete_fact(ctx.conn, self.fact_id)
        claims_table.touch(ctx.conn, claim_id, now())
        record_event(
            ctx,
            "remove_fact",
            article_id=claims_table.article_of(ctx.conn, claim_id),
            claim_id=claim_id,
            old={**row, "fact_id": row["id"], "fact": row["text"]},
            new=None,
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        facts_table.insert_fact(
            ctx.conn, {name: old[name] for name in facts_table.FACT_FIELDS if name in old}
        )


@dataclass(frozen=True, slots=True)
class EditFactSpan(Change[bool]):
    """Move a fact onto other words of its sentence; False when they are the same."""

    actions: ClassVar[tuple[str, ...]] = ("edit_fact",)
    fact_id: int
    start: int
    end: int

    def apply(self, ctx: ChangeContext) -> bool:
        row = _fact(ctx, self.fact_id)
        if (row["start"], row["end"]) == (self.start, self.end):
            return False
        article_id, words = _checked_span(ctx, int(row["claim_id"]), self.start, self.end)
        facts_table.update_fact(
            ctx.conn, self.fact_id, start=self.start, end=self.end, text=words, updated_at=now()
        )
        old = {"fact_id": self.fact_id, "fact": row["text"], "start": row["start"]}
        record_event(
            ctx,
            "edit_fact",
            article_id=article_id,
            claim_id=int(row["claim_id"]),
            old={**old, "end": row["end"]},
            new={"fact_id": self.fact_id, "fact": words, "start": self.start, "end": self.end},
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        facts_table.update_fact(
            ctx.conn, int(old["fact_id"]), start=old["start"], end=old["end"], text=old["fact"]
        )


@dataclass(frozen=True, slots=True)
class MarkFacts(Change[int]):
    """Give facts one status (unchecked, verified, unverified, disputed) in one batch (one
    undo step): the highlighted fact, or every still-unchecked fact of a claim. Returns how
    many changed."""

    actions: ClassVar[tuple[str, ...]] = ("fact_status",)
    fact_ids: Sequence[int]
    status: str

    def apply(self, ctx: ChangeContext) -> int:
        if self.status not in FACT_STATUSES:
            raise ChangeRefused(f"a fact is {', '.join(FACT_STATUSES)}, not {self.status!r}")
        batch: int | None = None
        changed = 0
        for fact_id in self.fact_ids:
            event = _mark_fact(ctx, fact_id, self.status, batch)
            if event is not None:
                batch = batch or event
                changed += 1
        return changed

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        fact_id = int(old["fact_id"])
        row = facts_table.fact_row(ctx.conn, fact_id)
        if row is None or row["status"] != new["fact_status"]:
            raise DatabaseError("cannot undo: that fact was changed since by another checker")
        facts_table.update_fact(
            ctx.conn,
            fact_id,
            status=old["fact_status"],
            checker=old.get("checker", ""),
            checked_at=old.get("checked_at", ""),
            updated_at=now(),
        )


def _mark_fact(ctx: ChangeContext, fact_id: int, status: str, batch: int | None) -> int | None:
    """Set one fact's status and write its event in `batch`; the event's id, or None when
    the fact already had that status."""
    row = _fact(ctx, fact_id)
    if row["status"] == status:
        return None
    stamp = now()
    checked = status != UNCHECKED
    facts_table.update_fact(
        ctx.conn,
        fact_id,
        status=status,
        checker=ctx.checker if checked else "",
        checked_at=stamp if checked else "",
        updated_at=stamp,
    )
    claim_id = int(row["claim_id"])
    claims_table.touch(ctx.conn, claim_id, stamp)
    fact = {"fact_id": fact_id, "fact": row["text"]}
    return record_event(
        ctx,
        "fact_status",
        article_id=claims_table.article_of(ctx.conn, claim_id),
        claim_id=claim_id,
        old={
            **fact,
            "fact_status": row["status"],
            "checker": row["checker"],
            "checked_at": row["checked_at"],
        },
        new={**fact, "fact_status": status},
        batch=batch,
    )


@dataclass(frozen=True, slots=True)
class SetFactNote(Change[bool]):
    """Replace a fact's note; False when it was already that note."""

    actions: ClassVar[tuple[str, ...]] = ("fact_note",)
    fact_id: int
    note: str

    def apply(self, ctx: ChangeContext) -> bool:
        row = _fact(ctx, self.fact_id)
        if row["note"] == self.note:
            return False
        facts_table.update_fact(ctx.conn, self.fact_id, note=self.note, updated_at=now())
        claim_id = int(row["claim_id"])
        record_event(
            ctx,
            "fact_note",
            article_id=claims_table.article_of(ctx.conn, claim_id),
            claim_id=claim_id,
            old={"fact_id": self.fact_id, "fact": row["text"], "note": row["note"]},
            new={"fact_id": self.fact_id, "fact": row["text"], "note": self.note},
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        facts_table.update_fact(ctx.conn, int(old["fact_id"]), note=old["note"], updated_at=now())


@dataclass(frozen=True, slots=True)
class SetDispute(Change[bool]):
    """Record who disputes a claim (`fact_id` 0) or one of its facts, and why; a disputed
    fact's status becomes disputed in the same step. An empty `disputed_by` and `reason`
    withdraw the dispute (the editor's call, if any, stays). False when nothing changed."""

    actions: ClassVar[tuple[str, ...]] = ("dispute",)
    claim_id: int
    fact_id: int
    disputed_by: str
    reason: str

    def apply(self, ctx: ChangeContext) -> bool:
        who, why = self.disputed_by.strip(), self.reason.strip()
        old = facts_table.read_dispute(ctx.conn, self.claim_id, self.fact_id)
        new = {**(old or {}), "disputed_by": who, "reason": why}
        if old == new or (old is None and not who and not why):
            return False
        subject = self._subject(ctx)
        facts_table.write_dispute(
            ctx.conn, self.claim_id, self.fact_id, new if any(new.values()) else None
        )
        event = record_event(
            ctx,
            "dispute",
            article_id=claims_table.article_of(ctx.conn, self.claim_id),
            claim_id=self.claim_id,
            old={**subject, "dispute": old},
            new={**subject, "disputed by": who, "why": why},
            batch=None,
        )
        if self.fact_id and (who or why):
            _mark_fact(ctx, self.fact_id, "disputed", event)  # one undo step with the dispute
        return True

    def _subject(self, ctx: ChangeContext) -> dict[str, Any]:
        if not self.fact_id:
            return {"fact_id": 0}
        row = _fact(ctx, self.fact_id)
        if int(row["claim_id"]) != self.claim_id:
            raise ChangeRefused("that fact is not one of this claim's")
        return {"fact_id": self.fact_id, "fact": row["text"]}

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        facts_table.write_dispute(ctx.conn, claim_of(event), int(new["fact_id"]), old["dispute"])


@dataclass(frozen=True, slots=True)
class RecordDecision(Change[bool]):
    """The editor's final call on a claim (`fact_id` 0) or a fact: kept, changed or cut,
    with who made it (an empty decision withdraws it). False when nothing changed."""

    actions: ClassVar[tuple[str, ...]] = ("decision",)
    claim_id: int
    fact_id: int
    decision: str
    decided_by: str

    def apply(self, ctx: ChangeContext) -> bool:
        if self.decision and self.decision not in DECISIONS:
            raise ChangeRefused(f"the editor's call is {', '.join(DECISIONS)}")
        old = facts_table.read_dispute(ctx.conn, self.claim_id, self.fact_id)
        who = self.decided_by.strip() or ctx.checker
        new = {
            **(old or {}),
            "decision": self.decision,
            "decided_by": who if self.decision else "",
            "decided_at": now() if self.decision else "",
        }
        if old is not None and old.get("decision") == self.decision:
            return False
        subject = SetDispute(self.claim_id, self.fact_id, "", "")._subject(ctx)
        facts_table.write_dispute(
            ctx.conn, self.claim_id, self.fact_id, new if any(new.values()) else None
        )
        record_event(
            ctx,
            "decision",
            article_id=claims_table.article_of(ctx.conn, self.claim_id),
            claim_id=self.claim_id,
            old={**subject, "dispute": old},
            new={**subject, "editor's call": self.decision or "withdrawn", "by": who},
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        facts_table.write_dispute(ctx.conn, claim_of(event), int(new["fact_id"]), old["dispute"])
