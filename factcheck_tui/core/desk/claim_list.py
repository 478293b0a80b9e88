"""Fixing the claim list: add, reword, split and merge claims. Every edit is one `Change`
(core/records/change.py) made with `store.apply(...)`, one event batch, undoable. Dismissing and
re-deriving an article's claims are in core/desk/shown_claims.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.db.claims import quote_selector, reasons_json
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.visibility import ClaimVisibility

# rapidfuzz alignment score (0-100) above which typed text counts as found in the article.
ANCHOR_MIN_SCORE = 90.0


def claim_snapshot(ctx: ChangeContext, claim_id: int) -> dict[str, Any]:
    """Every column of a claim, as its change's event keeps it for undo."""
    found = claims_table.snapshot(ctx.conn, claim_id)
    if found is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return found


def article_body(ctx: ChangeContext, article_id: int) -> str:
    """The article's text as the desk shows it (the offsets of its claims index into it)."""
    found = articles_table.read_article(ctx.conn, article_id)
    if found is None:
        raise DatabaseError(f"no article with id {article_id}")
    return found.body


def locate(body: str, text: str, near: int = 0) -> tuple[int, int] | None:
    """Where `text` stands in `body`: the exact occurrence nearest `near`, else the best fuzzy
    alignment (rapidfuzz) when it scores at least ANCHOR_MIN_SCORE; None when it is not there."""
    text = text.strip()
    if not text:
        return None
    hits = []
    index = body.find(text)
    while index != -1:
        hits.append(index)
        index = body.find(text, index + 1)
    if hits:
        start = min(hits, key=lambda hit: abs(hit - near))
        return start, start + len(text)
    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(text, body)
    if alignment is None or alignment.score < ANCHOR_MIN_SCORE:
        return None
    return alignment.dest_start, alignment.dest_end


def typed_span(body: str, text: str, near: int = 0) -> tuple[int, int]:
    """Where text a checker typed or pasted stands in the article (see `locate`), for AddClaim;
    ChangeRefused when it is not there."""
    span = locate(body, text, near)
    if span is None:
        raise ChangeRefused("that text is not in the article; copy it from the article")
    return span


def insert_claim(
    ctx: ChangeContext,
    article_id: int,
    start: int,
    end: int,
    *,
    origin: str,
    score: float = 0.0,
    reasons: tuple[str, ...] = (),
) -> int:
    """A new unchecked claim over the article's start..end, last in position (in a write)."""
    body = article_body(ctx, article_id)
    return claims_table.insert_claim(
        ctx.conn,
        article_id=article_id,
        position=claims_table.next_position(ctx.conn, article_id),
        body=body,
        start=start,
        end=end,
        text=body[start:end],
        stamp=now(),
        score=score,
        reasons=reasons_json(reasons),
        origin=origin,
    )


@dataclass(frozen=True, slots=True)
class AddClaim(Change[int]):
    """Make the article's text start..end a claim (a checker's own pick); returns its id."""

    actions: ClassVar[tuple[str, ...]] = ("add_claim",)
    article_id: int
    start: int
    end: int

    def apply(self, ctx: ChangeContext) -> int:
        article_id = self.article_id
        start = self.start
        end = self.end
        from factcheck_tui.core.extraction.extract import score_sentence

        body = article_body(ctx, article_id)
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if not 0 <= start < end <= len(body):
            raise ChangeRefused("choose some of the article's text to make a claim")
        score, reasons = score_sentence(body[start:end])
        same = claims_table.same_span(ctx.conn, article_id, start, end)
        if same is not None:
            hidden = " (dismissed: D shows it, d restores it)" if same else ""
            raise ChangeRefused(f"that text is already a claim{hidden}")
        claim_id = insert_claim(
            ctx, article_id, start, end, origin="manual", score=score, reasons=reasons
        )
        record_event(
            ctx,
            "add_claim",
            article_id=article_id,
            claim_id=claim_id,
            old=None,
            new={"id": claim_id, "start": start, "end": end},
            batch=None,
        )
        return claim_id

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        claims_table.delete_claim(ctx.conn, new["id"], with_evidence=True)


@dataclass(frozen=True, slots=True)
class EditText(Change[bool]):
    """Change a claim's wording. When the new text is in the article, the claim re-anchors to
    it; otherwise its offsets stay and it is marked reworded. Returns True when reworded."""

    actions: ClassVar[tuple[str, ...]] = ("edit_text",)
    claim_id: int
    text: str

    def apply(self, ctx: ChangeContext) -> bool:
        claim_id = self.claim_id
        text = self.text
        from factcheck_tui.core.extraction.extract import score_sentence

        text = " ".join(text.split())
        if not text:
            raise ChangeRefused("a claim needs some text; dismiss it instead (d)")
        # The score and its reasons describe the words now in the claim, not the old ones.
        score, reasons = score_sentence(text)
        before = claim_snapshot(ctx, claim_id)
        body = article_body(ctx, before["article_id"])
        span = locate(body, text, before["start"]) if text in body else None
        start, end = span if span else (before["start"], before["end"])
        reworded = 0 if span else 1
        claims_table.update_claim(
            ctx.conn,
            claim_id,
            text=text,
            start=start,
            end=end,
            **quote_selector(body, start, end),
            reworded=reworded,
            score=score,
            reasons=reasons_json(reasons),
            updated_at=now(),
        )
        record_event(
            ctx,
            "edit_text",
            article_id=before["article_id"],
            claim_id=claim_id,
            old=before,
            new={"text": text, "reworded": reworded},
            batch=None,
        )
        return bool(reworded)

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        claims_table.restore_snapshot(ctx.conn, old)  # the claim as it was before the edit


@dataclass(frozen=True, slots=True)
class Split(Change[int]):
    """Split a claim at character `at` of its text into two claims; returns the new one's id.

    The first keeps the marks, note and sources; the second starts unchecked. A cut inside a
    word moves back to the start of that word: no claim begins or ends with half a word."""

    actions: ClassVar[tuple[str, ...]] = ("split",)
    claim_id: int
    at: int

    def apply(self, ctx: ChangeContext) -> int:
        claim_id = self.claim_id
        at = self.at
        from factcheck_tui.core.extraction.extract import score_sentence

        before = claim_snapshot(ctx, claim_id)
        text = before["text"]
        while 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace():
            at -= 1
        first, second = text[:at].rstrip(), text[at:].lstrip()
        if not first or not second:
            raise ChangeRefused("put the cursor inside the claim's text to split it")
        if before["reworded"]:
            raise ChangeRefused("a reworded claim cannot be split; edit its text instead")
        cut = before["start"] + at
        first_end = before["start"] + len(first)
        second_start = cut + (len(text[at:]) - len(second))
        body = article_body(ctx, before["article_id"])
        score, reasons = score_sentence(first)
        claims_table.update_claim(
            ctx.conn,
            claim_id,
            text=first,
            end=first_end,
            **quote_selector(body, before["start"], first_end),
            score=score,
            reasons=reasons_json(reasons),
            updated_at=now(),
        )
        score, reasons = score_sentence(second)
        new_id = insert_claim(
            ctx,
            before["article_id"],
            second_start,
            before["end"],
            origin="split",
            score=score,
            reasons=reasons,
        )
        batch = record_event(
            ctx,
            "split",
            article_id=before["article_id"],
            claim_id=claim_id,
            old=before,
            new={"second": new_id, "at": at},
            batch=None,
        )
        record_event(
            ctx,
            "add_claim",
            article_id=before["article_id"],
            claim_id=new_id,
            old=None,
            new={"id": new_id},
            batch=batch,
        )
        return new_id

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        claims_table.restore_snapshot(ctx.conn, old)  # the first part, as it was


@dataclass(frozen=True, slots=True)
class Merge(Change[int]):
    """Merge a claim with the next shown claim of its article; returns the merged-away id.

    The first claim spans both and takes over the second's check: notes joined, sources and
    report links added (a source already there is not repeated). The verdict stays only when
    both had the same one, or the second lies inside the first (no text is added); otherwise
    the merged claim is unchecked again, since no one has checked it as a whole, and its note
    says what each part was. The second claim is kept
    hidden as merged (undo brings both back exactly as they were)."""

    actions: ClassVar[tuple[str, ...]] = ("merge",)
    claim_id: int

    def apply(self, ctx: ChangeContext) -> int:
        claim_id = self.claim_id
        from factcheck_tui.core.extraction.extract import score_sentence

        first = claim_snapshot(ctx, claim_id)
        next_id = claims_table.next_shown(
            ctx.conn, first["article_id"], first["start"], first["position"]
        )
        if next_id is None:
            raise ChangeRefused("this is the last claim: nothing to merge it with")
        second = claim_snapshot(ctx, next_id)
        body = article_body(ctx, first["article_id"])
        end = max(first["end"], second["end"])
        reworded = 1 if first["reworded"] or second["reworded"] else 0
        # A reworded claim's text is not the article's: the merge joins the two texts.
        text = (
            " ".join(f"{first['text']} {second['text']}".split())
            if reworded
            else (body[first["start"] : end])
        )
        score, reasons = score_sentence(text)
        status, checker, checked_at = first["status"], first["checker"], first["checked_at"]
        notes = [note for note in (first["note"], second["note"]) if note]
        corrections = [fix for fix in (first["correction"], second["correction"]) if fix]
        # A second claim lying inside the first adds no text: the first's verdict covers it.
        inside = not reworded and second["end"] <= first["end"]
        if first["status"] != second["status"] and not inside:
            status, checker, checked_at = "unchecked", "", ""
            notes.append(
                f"Merged: the first part was {first['status']}, the second "
                f"{second['status']}; re-check the whole."
            )
        claims_table.update_claim(
            ctx.conn,
            claim_id,
            text=text,
            end=end,
            **quote_selector(body, first["start"], end),
            reworded=reworded,
            score=score,
            reasons=reasons_json(reasons),
            status=status,
            checker=checker,
            checked_at=checked_at,
            note="\n".join(notes),
            correction="\n".join(corrections),
            updated_at=now(),
        )
        copied_sources = sources_table.copy_all_sources(
            ctx.conn, second["id"], claim_id, skip_cited=True
        )
        copied_links = sources_table.links_missing(ctx.conn, second["id"], claim_id)
        sources_table.copy_links(ctx.conn, second["id"], claim_id, copied_links)
        claims_table.update_claim(
            ctx.conn, second["id"], dismissed=ClaimVisibility.MERGED, updated_at=now()
        )
        batch = record_event(
            ctx,
            "merge",
            article_id=first["article_id"],
            claim_id=claim_id,
            old=first,
            new={"merged": second["id"], "sources": copied_sources, "links": copied_links},
            batch=None,
        )
        record_event(
            ctx,
            "merge",
            article_id=first["article_id"],
            claim_id=second["id"],
            old=second,
            new={"into": claim_id},
            batch=batch,
        )
        return int(second["id"])

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        for source_id in new.get("sources", ()):
            sources_table.delete_source(ctx.conn, source_id)
        if event.claim_id is not None:
            for report_id in new.get("links", ()):
                sources_table.delete_link(ctx.conn, event.claim_id, report_id)
        claims_table.restore_snapshot(ctx.conn, old)
