"""Our own earlier checks: claims this database already checked in other articles, matched
to the selected claim, shown before prior reports, and applied with one key.

Matching is rapidfuzz's token_set_ratio over the checked claims of other articles (a desk's
own checks number thousands, not millions: a full scan is fast enough and catches rewordings
that share the key terms), with the same number guard as prior-report matching (core.match):
a candidate stating a figure of the same kind that disagrees ("45 killed" here, "54 killed"
there) is shown lower and says so, even when its other figures agree, and is never applied
with one key: its verdict was about another figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck_tui.core.change import Change
from factcheck_tui.core.clock import now
from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.models import Event, printable

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store

EARLIER_MIN_SCORE = 70.0
NUMBER_PENALTY = 25.0


@dataclass(frozen=True, slots=True)
class EarlierCheck:
    claim_id: int
    article_id: int
    article_title: str
    checked_on: str
    status: str
    text: str
    note: str
    score: float
    reasons: tuple[str, ...]
    # (figure here, figure in the earlier check) pairs that disagree: 45 here, 54 there.
    numbers_disagree: tuple[tuple[str, str], ...] = ()

    def headline(self, label: str) -> str:
        """`checked on 2018-07-13 in 'ISIS Reduced to…' — verified — note …`"""
        title = (
            self.article_title if len(self.article_title) <= 40 else (self.article_title[:39] + "…")
        )
        line = f"checked on {self.checked_on[:10]} in '{title}' — {label}"
        if self.note:
            note = " ".join(self.note.split())
            line += f" — note: {note[:80]}{'…' if len(note) > 80 else ''}"
        return line


def compare_figures(text: str, other: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The figures of `text` that `other` states too, and the (here, there) pairs of figures of
    the same kind that disagree: prior-report matching's number guard, between two claims."""
    from factcheck_tui.core.match import analyse
    from factcheck_tui.core.match import compare_figures as figures_against
    from factcheck_tui.core.normalize import fold

    agree, disagree = figures_against(analyse(text).figures, fold(other))
    return tuple(agree), tuple(disagree)


def disagreement(pairs: tuple[tuple[str, str], ...]) -> str:
    """`numbers disagree: 45 here, 54 in the earlier check`"""
    shown = ", ".join(f"{here} here, {there} in the earlier check" for here, there in pairs)
    return f"numbers disagree: {shown}"


def earlier_checks(store: Store, claim_id: int, limit: int = 3) -> list[EarlierCheck]:
    """The best-matching checked claims of other articles, best first."""
    from rapidfuzz import fuzz, process, utils

    claim = store.claim(claim_id)
    # This claim's own copies in other revisions of the article are not "earlier checks": the
    # new draft carried their checks over already, and offering every unchanged claim its old
    # self would bury the real ones. (A changed sentence's old check is still offered, with
    # its disagreeing figures named.)
    chain = articles_table.revision_chain(store.conn, claim.article_id)
    rows = claims_table.checked_elsewhere(store.conn, claim.article_id, chain, claim.text)
    if not rows:
        return []
    texts = [utils.default_process(row[5]) for row in rows]
    hits = process.extract(
        utils.default_process(claim.text),
        texts,
        scorer=fuzz.token_set_ratio,
        limit=limit * 4,
        score_cutoff=EARLIER_MIN_SCORE,
    )
    found = []
    for _, score, index in hits:
        row = rows[index]
        agree, disagree = compare_figures(claim.text, row[5])
        reasons = [f"{score:.0f}% of words shared"]
        if disagree:  # named first: it outweighs any figure that agrees
            score -= NUMBER_PENALTY
            reasons.append(f"{disagreement(disagree)} (score lowered)")
        if agree:
            reasons.append("numbers agree: " + ", ".join(agree))
        found.append(
            EarlierCheck(
                row[0],
                row[1],
                printable(row[2]),
                row[3] or "",
                row[4],
                printable(row[5]),
                printable(row[6] or ""),
                max(score, 0.0),
                tuple(reasons),
                disagree,
            )
        )
    found.sort(key=lambda check: -check.score)
    return found[:limit]


@dataclass(frozen=True, slots=True)
class ApplyEarlier(Change):
    """Copy an earlier check's verdict, note and sources onto this claim, with a link back to
    the claim it came from (claims.copied_from and the event's old/new values). Desk rules
    apply as for any verdict; the whole copy is one undo step. A source the claim already
    cites (same kind and reference) is not added again.

    Refused (ValueError, nothing changed) when the two claims state figures that disagree: the
    earlier verdict was about another figure, so the checker sets this one."""

    actions: ClassVar[tuple[str, ...]] = ("apply_earlier",)
    claim_id: int
    source_claim_id: int

    def apply(self, store: Store) -> None:
        claim_id = self.claim_id
        source_claim_id = self.source_claim_id
        earlier = store.claim(source_claim_id)
        claim = store.claim(claim_id)
        _, disagree = compare_figures(claim.text, earlier.text)
        if disagree:
            raise ChangeRefused(
                f"not applied: {disagreement(disagree)}; check the figure and set the verdict"
            )
        cited = {(source.kind, source.reference) for source in claim.sources}
        new_sources = []
        for source in earlier.sources:
            if source.from_draft:
                continue  # the other draft's writer annotated that claim, not this one
            if (source.kind, source.reference) not in cited:
                cited.add((source.kind, source.reference))
                new_sources.append(source)
        store.scale.check_rules(earlier.status, claim.sources + tuple(new_sources))
        with store.write():
            before = claims_table.claim_fields(
                store.conn,
                claim_id,
                "article_id",
                "status",
                "note",
                "checker",
                "checked_at",
                "copied_from",
            )
            if before is None:
                raise DatabaseError(f"no claim with id {claim_id}")
            stamp = now()
            claims_table.update_claim(
                store.conn,
                claim_id,
                status=earlier.status,
                note=earlier.note,
                checker=store.checker,
                checked_at=stamp,
                copied_from=source_claim_id,
                updated_at=stamp,
            )
            source_ids = [
                sources_table.insert_source(
                    store.conn,
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
            store.record_event(
                "apply_earlier",
                article_id=before[0],
                claim_id=claim_id,
                old={
                    "status": before[1],
                    "note": before[2],
                    "checker": before[3],
                    "checked_at": before[4],
                    "copied_from": before[5],
                },
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
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_apply(store, event, old, new)


def apply_earlier_check(store: Store, claim_id: int, source_claim_id: int) -> None:
    """`ApplyEarlier` applied: apply_earlier."""
    return ApplyEarlier(claim_id, source_claim_id).apply(store)


def revert_apply(store: Store, event: Event, old: Any, new: Any) -> None:
    if event.claim_id is None:
        return
    claims_table.update_claim(
        store.conn,
        event.claim_id,
        status=old["status"],
        note=old["note"],
        checker=old["checker"],
        checked_at=old["checked_at"],
        copied_from=old["copied_from"],
        updated_at=now(),
    )
    for source_id in new["sources"]:
        sources_table.delete_source(store.conn, source_id)
