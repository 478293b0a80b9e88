"""Which of an article's claims are shown: dismiss and restore claims, and re-derive an article's
claims at another threshold. Each is one `Change` (core/records/change.py), one event batch,
undoable.

A claim is "touched" once any event names it (a mark, a note, a source, a link, an edit):
re-deriving at a new threshold never removes a touched claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.desk.claim_list import article_body, claim_snapshot, insert_claim
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.visibility import ClaimVisibility


@dataclass(frozen=True, slots=True)
class SetDismissed(Change[int]):
    """Dismiss claims as not check-worthy (hidden by default) or restore them. A claim whose
    sentence is gone from this revision is restored as removed: listed, never counted."""

    actions: ClassVar[tuple[str, ...]] = (
        "dismiss",
        "restore",
    )
    claim_ids: list[int]
    dismissed: bool

    def apply(self, ctx: ChangeContext) -> int:
        claim_ids = self.claim_ids
        dismissed = self.dismissed
        changed = 0
        batch: int | None = None
        for claim_id in claim_ids:
            before = claim_snapshot(ctx, claim_id)
            target = ClaimVisibility.DISMISSED if dismissed else ClaimVisibility.SHOWN
            if not dismissed and before["revision_state"] == "removed":
                target = ClaimVisibility.REMOVED
            if before["dismissed"] == target:
                continue
            claims_table.update_claim(ctx.conn, claim_id, dismissed=target, updated_at=now())
            event = record_event(
                ctx,
                "dismiss" if dismissed else "restore",
                article_id=before["article_id"],
                claim_id=claim_id,
                old=before["dismissed"],
                new=int(target),
                batch=batch,
            )
            batch = batch or event
            changed += 1
        return changed

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        if event.claim_id is not None:
            claims_table.update_claim(ctx.conn, event.claim_id, dismissed=old, updated_at=now())


@dataclass(frozen=True, slots=True)
class Rederive(Change[tuple[int, int]]):
    """Re-derive an article's claims at `threshold`: untouched extracted claims below it go,
    sentences now above it come in; a claim any checker touched always stays.
    Returns (added, removed)."""

    actions: ClassVar[tuple[str, ...]] = ("rederive",)
    article_id: int
    threshold: float

    def apply(self, ctx: ChangeContext) -> tuple[int, int]:
        article_id = self.article_id
        threshold = self.threshold
        from factcheck_tui.core.extraction.extract import extract

        if not 0.0 <= threshold <= 1.0:
            raise ChangeRefused("the threshold is a score between 0 and 1")
        body = article_body(ctx, article_id)
        sentences = extract(body, threshold)
        # Claims a checker has acted on, here or (carried over) in an earlier revision.
        touched = claims_table.touched(ctx.conn, article_id)
        rows = claims_table.spans(ctx.conn, article_id)
        spans = {(start, end) for _, start, end, _, _ in rows}
        keep_spans = {(s.start, s.end) for s in sentences if s.is_claim}
        removed = [
            claim_snapshot(ctx, claim_id)
            for claim_id, start, end, origin, dismissed in rows
            if claim_id not in touched
            and origin == "extracted"
            and dismissed == ClaimVisibility.SHOWN
            and (start, end) not in keep_spans
        ]
        for snapshot in removed:
            claims_table.delete_claim(ctx.conn, snapshot["id"])
        added = [
            insert_claim(
                ctx,
                article_id,
                s.start,
                s.end,
                origin="extracted",
                score=s.score,
                reasons=s.reasons,
            )
            for s in sentences
            if s.is_claim and (s.start, s.end) not in spans
        ]
        old_threshold = articles_table.threshold(ctx.conn, article_id)
        articles_table.set_threshold(ctx.conn, article_id, threshold)
        record_event(
            ctx,
            "rederive",
            article_id=article_id,
            claim_id=None,
            old={"threshold": old_threshold, "removed": removed},
            new={"threshold": threshold, "added": added},
            batch=None,
        )
        return len(added), len(removed)

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        for claim_id in new["added"]:
            if events_table.acted_on_since(ctx.conn, claim_id, event.id):
                raise DatabaseError("cannot undo: a re-derived claim was checked since")
            claims_table.delete_claim(ctx.conn, claim_id)
        for snapshot in old["removed"]:
            claims_table.restore_snapshot(ctx.conn, snapshot)
        if event.article_id is not None:
            articles_table.set_threshold(ctx.conn, event.article_id, old["threshold"])
