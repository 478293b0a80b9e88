"""The changes a checker makes to a claim: verdicts, notes, sources and links to prior
fact-checks. Each is one committed write transaction with its event (see core/history.py for
undo). A mixin of `Store`, which provides the connection, the lock and the event writer.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from factcheck_tui.core.clock import now
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.errors import DatabaseError
from factcheck_tui.core.models import SOURCE_KINDS, SOURCE_TIERS, Claim
from factcheck_tui.core.verdicts import UNCHECKED

if TYPE_CHECKING:
    from factcheck_tui.core.verdicts import Scale


class ClaimChanges:
    """Verdicts, notes, sources and links; every method commits before it returns."""

    conn: sqlite3.Connection
    checker: str
    scale: Scale
    _write_lock: threading.RLock
    write: Callable[[], AbstractContextManager[None]]
    record_event: Callable[..., int]
    claim: Callable[[int], Claim]

    def set_status(self, claim_ids: Sequence[int], status: str) -> int:
        """Mark claims with one verdict of the desk's scale in one batch (one undo step).

        Returns how many changed. A desk rule (e.g. two independent sources before a positive
        verdict) refuses the whole batch with a RuleError naming what is missing."""
        if status not in self.scale.by_id:
            raise ValueError(
                f"unknown status {status!r}: the {self.scale.name} scale has "
                + ", ".join(self.scale.by_id)
            )
        for claim_id in claim_ids:
            self.scale.check_rules(status, self.claim(claim_id).sources)
        changed = 0
        with self.write():
            batch: int | None = None
            stamp = now()
            for claim_id in claim_ids:
                row = claims_table.claim_fields(self.conn, claim_id, "article_id", "status")
                if row is None or row[1] == status:
                    continue
                checked_at = "" if status == UNCHECKED else stamp
                claims_table.update_claim(
                    self.conn,
                    claim_id,
                    status=status,
                    checker=self.checker,
                    checked_at=checked_at,
                    updated_at=stamp,
                )
                event = self.record_event(
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

    def set_note(self, claim_id: int, note: str) -> bool:
        """Replace a claim's note; returns False when it was already that note."""
        with self.write():
            row = claims_table.claim_fields(self.conn, claim_id, "article_id", "note")
            if row is None:
                raise DatabaseError(f"no claim with id {claim_id}")
            if (row[1] or "") == note:
                return False
            claims_table.update_claim(self.conn, claim_id, note=note, updated_at=now())
            self.record_event(
                "note", article_id=row[0], claim_id=claim_id, old=row[1] or "", new=note, batch=None
            )
        return True

    def add_source(
        self, claim_id: int, *, kind: str, reference: str, tier: str, consulted_on: str
    ) -> int:
        """Record a source the checker consulted; returns its id."""
        if kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {kind!r}")
        if tier not in SOURCE_TIERS:
            raise ValueError(f"unknown source tier {tier!r}")
        dt.date.fromisoformat(consulted_on)  # ValueError for a date that is not YYYY-MM-DD
        reference = reference.strip()
        if not reference:
            raise ValueError("a source needs a URL, document or person")
        with self.write():
            article_id = self._article_of(claim_id)
            stamp = now()
            source_id = sources_table.insert_source(
                self.conn,
                claim_id,
                kind=kind,
                reference=reference,
                tier=tier,
                consulted_on=consulted_on,
                added_by=self.checker,
                added_at=stamp,
            )
            claims_table.touch(self.conn, claim_id, stamp)
            self.record_event(
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

    def remove_source(self, source_id: int) -> None:
        with self.write():
            source = sources_table.read_source(self.conn, source_id)
            if source is None:
                return
            claim_id = source.claim_id
            sources_table.delete_source(self.conn, source_id)
            claims_table.touch(self.conn, claim_id, now())
            self.record_event(
                "remove_source",
                article_id=self._article_of(claim_id),
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

    def link_report(self, claim_id: int, report_id: int, score: float) -> bool:
        """Link a prior fact-check report to a claim (only ever on a checker's key press)."""
        with self.write():
            return self._link(claim_id, report_id, score, batch=None) is not None

    def link_reports(self, links: Sequence[tuple[int, int, float]]) -> int:
        """Link many (claim, report, score) at once, as one undo step (link-all's choice);
        returns how many were new."""
        linked = 0
        with self.write():
            batch: int | None = None
            for claim_id, report_id, score in links:
                event = self._link(claim_id, report_id, score, batch=batch)
                if event is not None:
                    batch = batch or event
                    linked += 1
        return linked

    def _link(self, claim_id: int, report_id: int, score: float, batch: int | None) -> int | None:
        """Inside a write: link and record it; the event id, or None if already linked."""
        if sources_table.is_linked(self.conn, claim_id, report_id):
            return None
        stamp = now()
        sources_table.insert_link(
            self.conn, claim_id, report_id, score=score, linked_by=self.checker, linked_at=stamp
        )
        claims_table.touch(self.conn, claim_id, stamp)
        return self.record_event(
            "link_report",
            article_id=self._article_of(claim_id),
            claim_id=claim_id,
            old=None,
            new={"report_id": report_id, "score": score},
            batch=batch,
        )

    def unlink_report(self, claim_id: int, report_id: int) -> bool:
        with self.write():
            score = sources_table.link_score(self.conn, claim_id, report_id)
            if score is None:
                return False
            seen = sources_table.link_seen(self.conn, claim_id, report_id)
            sources_table.delete_link(self.conn, claim_id, report_id)
            claims_table.touch(self.conn, claim_id, now())
            self.record_event(
                "unlink_report",
                article_id=self._article_of(claim_id),
                claim_id=claim_id,
                # What the checker saw, so undo links the report back as it was seen.
                old={"report_id": report_id, "score": score, "seen": seen},
                new=None,
                batch=None,
            )
        return True

    def _article_of(self, claim_id: int) -> int:
        row = claims_table.claim_fields(self.conn, claim_id, "article_id")
        if row is None:
            raise DatabaseError(f"no claim with id {claim_id}")
        return int(row[0])
