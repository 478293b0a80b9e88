"""Applying one of the desk's own earlier checks (core/matching/earlier.py finds them) to a claim
with one key: a `Change` (core/records/change.py) made with `store.apply(...)`, one undo step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.matching.earlier import compare_figures, disagreement, earlier_checks
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import Claim, Event

# Earlier checks looked at when one is applied (the panel shows 3).
OFFERED = 5
# What applying an earlier check overwrites, kept in its event for undo.
OVERWRITTEN = ("status", "note", "checker", "checked_at", "copied_from")


def _claim(ctx: ChangeContext, claim_id: int) -> Claim:
    found = claims_table.read_claim(ctx.conn, claim_id)
    if found is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return found


@dataclass(frozen=True, slots=True)
class ApplyEarlier(Change[None]):
    """Copy an earlier check's verdict, note and sources onto this claim, with a link back to
    the claim it came from (claims.copied_from and the event's old/new values). Desk rules
    apply as for any verdict; the whole copy is one undo step. A source the claim already
    cites (same kind and reference) is not added again.

    Refused (ChangeRefused, nothing changed) when the earlier check is not one matching offers
    over the suggestion line for this claim (one key applies only what is probably the same
    claim), and when the two claims state figures or names that disagree: the earlier verdict
    was about another figure or another person, so the checker sets this one."""

    actions: ClassVar[tuple[str, ...]] = ("apply_earlier",)
    claim_id: int
    source_claim_id: int

    def apply(self, ctx: ChangeContext) -> None:
        claim_id, source_claim_id = self.claim_id, self.source_claim_id
        earlier = _claim(ctx, source_claim_id)
        claim = _claim(ctx, claim_id)
        _, disagree = compare_figures(claim.text, earlier.text)
        if disagree:
            raise ChangeRefused(
                f"not applied: {disagreement(disagree)}; check the figure and set the verdict"
            )
        offered = {c.claim_id: c for c in earlier_checks(ctx, claim_id, OFFERED)}
        check = offered.get(source_claim_id)
        if check is None:
            raise ChangeRefused(
                "not applied: matching does not offer that earlier check for this claim (it is "
                "not probably the same claim); set the verdict"
            )
        if check.refusal:
            raise ChangeRefused(check.refusal)
        cited = {(source.kind, source.reference) for source in claim.sources}
        new_sources = []
        for source in earlier.sources:
            if source.from_draft:
                continue  # the other draft's writer annotated that claim, not this one
            if (source.kind, source.reference) not in cited:
                cited.add((source.kind, source.reference))
                new_sources.append(source)
        ctx.scale.check_rules(earlier.status, claim.sources + tuple(new_sources))
        before = claims_table.claim_fields(ctx.conn, claim_id, "article_id", *OVERWRITTEN)
        if before is None:
            raise DatabaseError(f"no claim with id {claim_id}")
        stamp = now()
        claims_table.update_claim(
            ctx.conn,
            claim_id,
            status=earlier.status,
            note=earlier.note,
            checker=ctx.checker,
            checked_at=stamp,
            copied_from=source_claim_id,
            updated_at=stamp,
        )
        source_ids = [
            sources_table.insert_source(
                ctx.conn,
                claim_id,
                kind=source.kind,
                reference=source.reference,
                tier=source.tier,
                consulted_on=source.consulted_on,
                added_by=source.added_by,
                added_at=stamp,
            )
            for source in new_sources
        ]
        record_event(
            ctx,
            "apply_earlier",
            article_id=before[0],
            claim_id=claim_id,
            old=dict(zip(OVERWRITTEN, before[1:], strict=True)),
            new={
                "from_claim": source_claim_id,
                "from_article": earlier.article_id,
                "status": earlier.status,
                "note": earlier.note,
                "sources": source_ids,
            },
            batch=None,
        )

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        if event.claim_id is None:
            return
        claims_table.update_claim(
            ctx.conn,
            event.claim_id,
            status=old["status"],
            note=old["note"],
            checker=old["checker"],
            checked_at=old["checked_at"],
            copied_from=old["copied_from"],
            updated_at=now(),
        )
        for source_id in new["sources"]:
            sources_table.delete_source(ctx.conn, source_id)
