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
                row = self.conn.execute(
                    "SELECT article_id, status FROM claims WHERE id = ?", (claim_id,)
                ).fetchone()
                if row is None or row[1] == status:
                    continue
                checked_at = "" if status == UNCHECKED else stamp
                self.conn.execute(
                    "UPDATE claims SET status = ?, checker = ?, checked_at = ?, updated_at = ? "
                    "WHERE id = ?",
                    (status, self.checker, checked_at, stamp, claim_id),
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
            row = self.conn.execute(
                "SELECT article_id, note FROM claims WHERE id = ?", (claim_id,)
            ).fetchone()
            if row is None:
                raise DatabaseError(f"no claim with id {claim_id}")
            if (row[1] or "") == note:
                return False
            self.conn.execute(
                "UPDATE claims SET note = ?, updated_at = ? WHERE id = ?", (note, now(), claim_id)
            )
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
            cursor = self.conn.execute(
                "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (claim_id, kind, reference, tier, consulted_on, self.checker, stamp),
            )
            source_id = int(cursor.lastrowid or 0)
            self.conn.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (stamp, claim_id))
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
            row = self.conn.execute(
                "SELECT claim_id, kind, reference, tier, consulted_on FROM sources WHERE id = ?",
                (source_id,),
            ).fetchone()
            if row is None:
                return
            claim_id = row[0]
            self.conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
            self.conn.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (now(), claim_id))
            self.record_event(
                "remove_source",
                article_id=self._article_of(claim_id),
                claim_id=claim_id,
                old={
                    "id": source_id,
                    "kind": row[1],
                    "reference": row[2],
                    "tier": row[3],
                    "consulted_on": row[4],
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
        exists = self.conn.execute(
            "SELECT 1 FROM claim_reports WHERE claim_id = ? AND report_id = ?",
            (claim_id, report_id),
        ).fetchone()
        if exists:
            return None
        stamp = now()
        self.conn.execute(
            "INSERT INTO claim_reports (claim_id, report_id, score, linked_by, linked_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (claim_id, report_id, score, self.checker, stamp),
        )
        self.conn.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (stamp, claim_id))
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
            row = self.conn.execute(
                "SELECT score, seen_claim_text, seen_rating, seen_url FROM claim_reports "
                "WHERE claim_id = ? AND report_id = ?",
                (claim_id, report_id),
            ).fetchone()
            if row is None:
                return False
            self.conn.execute(
                "DELETE FROM claim_reports WHERE claim_id = ? AND report_id = ?",
                (claim_id, report_id),
            )
            self.conn.execute("UPDATE claims SET updated_at = ? WHERE id = ?", (now(), claim_id))
            self.record_event(
                "unlink_report",
                article_id=self._article_of(claim_id),
                claim_id=claim_id,
                # What the checker saw, so undo links the report as it was seen.
                old={"report_id": report_id, "score": row[0], "seen": list(row[1:])},
                new=None,
                batch=None,
            )
        return True

    def _article_of(self, claim_id: int) -> int:
        row = self.conn.execute(
            "SELECT article_id FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        if row is None:
            raise DatabaseError(f"no claim with id {claim_id}")
        return int(row[0])
