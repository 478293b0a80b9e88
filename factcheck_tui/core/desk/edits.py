"""Fixing the claim list: add, reword, split, merge, dismiss and restore claims, and re-derive
an article's claims at another threshold. Every edit is one event batch, undoable.

A claim is "touched" once any event names it (a mark, a note, a source, a link, an edit):
re-deriving at a new threshold never removes a touched claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import events as events_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.db.claims import quote_selector, reasons_json
from factcheck_tui.core.desk.change import Change
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.visibility import ClaimVisibility

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store

# rapidfuzz alignment score (0-100) above which typed text counts as found in the article.
ANCHOR_MIN_SCORE = 90.0


def claim_snapshot(store: Store, claim_id: int) -> dict[str, Any]:
    found = claims_table.snapshot(store.conn, claim_id)
    if found is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return found


def _body(store: Store, article_id: int) -> str:
    return store.article(article_id).body


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


def _insert_claim(
    store: Store,
    article_id: int,
    start: int,
    end: int,
    *,
    origin: str,
    score: float = 0.0,
    reasons: tuple[str, ...] = (),
) -> int:
    """A new unchecked claim over the article's start..end, last in position (in a write)."""
    body = _body(store, article_id)
    return claims_table.insert_claim(
        store.conn,
        article_id=article_id,
        position=claims_table.next_position(store.conn, article_id),
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
class AddClaim(Change):
    """Make the article's text start..end a claim (a checker's own pick); returns its id."""

    actions: ClassVar[tuple[str, ...]] = ("add_claim",)
    article_id: int
    start: int
    end: int

    def apply(self, store: Store) -> int:
        article_id = self.article_id
        start = self.start
        end = self.end
        from factcheck_tui.core.extraction.extract import score_sentence

        body = _body(store, article_id)
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        if not 0 <= start < end <= len(body):
            raise ChangeRefused("choose some of the article's text to make a claim")
        score, reasons = score_sentence(body[start:end])
        with store.write():
            same = claims_table.same_span(store.conn, article_id, start, end)
            if same is not None:
                hidden = " (dismissed: D shows it, d restores it)" if same else ""
                raise ChangeRefused(f"that text is already a claim{hidden}")
            claim_id = _insert_claim(
                store, article_id, start, end, origin="manual", score=score, reasons=reasons
            )
            store.record_event(
                "add_claim",
                article_id=article_id,
                claim_id=claim_id,
                old=None,
                new={"id": claim_id, "start": start, "end": end},
                batch=None,
            )
        return claim_id

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_add(store, event, old, new)


def add_claim(store: Store, article_id: int, start: int, end: int) -> int:
    """`AddClaim` applied: add_claim."""
    return AddClaim(article_id, start, end).apply(store)


def add_claim_from_text(store: Store, article_id: int, text: str, near: int = 0) -> int:
    span = locate(_body(store, article_id), text, near)
    if span is None:
        raise ChangeRefused("that text is not in the article; copy it from the article")
    return add_claim(store, article_id, *span)


def revert_add(store: Store, event: Event, old: Any, new: Any) -> None:
    claims_table.delete_claim(store.conn, new["id"], with_evidence=True)


@dataclass(frozen=True, slots=True)
class EditText(Change):
    """Change a claim's wording. When the new text is in the article, the claim re-anchors to
    it; otherwise its offsets stay and it is marked reworded. Returns True when reworded."""

    actions: ClassVar[tuple[str, ...]] = ("edit_text",)
    claim_id: int
    text: str

    def apply(self, store: Store) -> bool:
        claim_id = self.claim_id
        text = self.text
        from factcheck_tui.core.extraction.extract import score_sentence

        text = " ".join(text.split())
        if not text:
            raise ChangeRefused("a claim needs some text; dismiss it instead (d)")
        # The score and its reasons describe the words now in the claim, not the old ones.
        score, reasons = score_sentence(text)
        with store.write():
            before = claim_snapshot(store, claim_id)
            body = _body(store, before["article_id"])
            span = locate(body, text, before["start"]) if text in body else None
            start, end = span if span else (before["start"], before["end"])
            reworded = 0 if span else 1
            claims_table.update_claim(
                store.conn,
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
            store.record_event(
                "edit_text",
                article_id=before["article_id"],
                claim_id=claim_id,
                old=before,
                new={"text": text, "reworded": reworded},
                batch=None,
            )
        return bool(reworded)

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_snapshot(store, event, old, new)


def edit_claim_text(store: Store, claim_id: int, text: str) -> bool:
    """`EditText` applied: edit_text."""
    return EditText(claim_id, text).apply(store)


def revert_snapshot(store: Store, event: Event, old: Any, new: Any) -> None:
    """Put the claim back as the event's snapshot holds it (an edit or a split)."""
    claims_table.restore_snapshot(store.conn, old)


@dataclass(frozen=True, slots=True)
class Split(Change):
    """Split a claim at character `at` of its text into two claims; returns the new one's id.

    The first keeps the marks, note and sources; the second starts unchecked. A cut inside a
    word moves back to the start of that word: no claim begins or ends with half a word."""

    actions: ClassVar[tuple[str, ...]] = ("split",)
    claim_id: int
    at: int

    def apply(self, store: Store) -> int:
        claim_id = self.claim_id
        at = self.at
        from factcheck_tui.core.extraction.extract import score_sentence

        with store.write():
            before = claim_snapshot(store, claim_id)
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
            body = _body(store, before["article_id"])
            score, reasons = score_sentence(first)
            claims_table.update_claim(
                store.conn,
                claim_id,
                text=first,
                end=first_end,
                **quote_selector(body, before["start"], first_end),
                score=score,
                reasons=reasons_json(reasons),
                updated_at=now(),
            )
            score, reasons = score_sentence(second)
            new_id = _insert_claim(
                store,
                before["article_id"],
                second_start,
                before["end"],
                origin="split",
                score=score,
                reasons=reasons,
            )
            batch = store.record_event(
                "split",
                article_id=before["article_id"],
                claim_id=claim_id,
                old=before,
                new={"second": new_id, "at": at},
                batch=None,
            )
            store.record_event(
                "add_claim",
                article_id=before["article_id"],
                claim_id=new_id,
                old=None,
                new={"id": new_id},
                batch=batch,
            )
        return new_id

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_snapshot(store, event, old, new)


def split_claim(store: Store, claim_id: int, at: int) -> int:
    """`Split` applied: split."""
    return Split(claim_id, at).apply(store)


@dataclass(frozen=True, slots=True)
class Merge(Change):
    """Merge a claim with the next shown claim of its article; returns the merged-away id.

    The first claim spans both and takes over the second's check: notes joined, sources and
    report links added (a source already there is not repeated). The verdict stays only when
    both had the same one, or the second lies inside the first (no text is added); otherwise
    the merged claim is unchecked again, since no one has checked it as a whole, and its note
    says what each part was. The second claim is kept
    hidden as merged (undo brings both back exactly as they were)."""

    actions: ClassVar[tuple[str, ...]] = ("merge",)
    claim_id: int

    def apply(self, store: Store) -> int:
        claim_id = self.claim_id
        from factcheck_tui.core.extraction.extract import score_sentence

        with store.write():
            first = claim_snapshot(store, claim_id)
            next_id = claims_table.next_shown(
                store.conn, first["article_id"], first["start"], first["position"]
            )
            if next_id is None:
                raise ChangeRefused("this is the last claim: nothing to merge it with")
            second = claim_snapshot(store, next_id)
            body = _body(store, first["article_id"])
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
                store.conn,
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
                store.conn, second["id"], claim_id, skip_cited=True
            )
            copied_links = sources_table.links_missing(store.conn, second["id"], claim_id)
            sources_table.copy_links(store.conn, second["id"], claim_id, copied_links)
            claims_table.update_claim(
                store.conn, second["id"], dismissed=ClaimVisibility.MERGED, updated_at=now()
            )
            batch = store.record_event(
                "merge",
                article_id=first["article_id"],
                claim_id=claim_id,
                old=first,
                new={"merged": second["id"], "sources": copied_sources, "links": copied_links},
                batch=None,
            )
            store.record_event(
                "merge",
                article_id=first["article_id"],
                claim_id=second["id"],
                old=second,
                new={"into": claim_id},
                batch=batch,
            )
        return int(second["id"])

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_merge(store, event, old, new)


def merge_with_next(store: Store, claim_id: int) -> int:
    """`Merge` applied: merge."""
    return Merge(claim_id).apply(store)


def revert_merge(store: Store, event: Event, old: Any, new: Any) -> None:
    for source_id in new.get("sources", ()):
        sources_table.delete_source(store.conn, source_id)
    if event.claim_id is not None:
        for report_id in new.get("links", ()):
            sources_table.delete_link(store.conn, event.claim_id, report_id)
    claims_table.restore_snapshot(store.conn, old)


@dataclass(frozen=True, slots=True)
class SetDismissed(Change):
    """Dismiss claims as not check-worthy (hidden by default) or restore them. A claim whose
    sentence is gone from this revision is restored as removed: listed, never counted."""

    actions: ClassVar[tuple[str, ...]] = (
        "dismiss",
        "restore",
    )
    claim_ids: list[int]
    dismissed: bool

    def apply(self, store: Store) -> int:
        claim_ids = self.claim_ids
        dismissed = self.dismissed
        changed = 0
        with store.write():
            batch: int | None = None
            for claim_id in claim_ids:
                before = claim_snapshot(store, claim_id)
                target = ClaimVisibility.DISMISSED if dismissed else ClaimVisibility.SHOWN
                if not dismissed and before["revision_state"] == "removed":
                    target = ClaimVisibility.REMOVED
                if before["dismissed"] == target:
                    continue
                claims_table.update_claim(store.conn, claim_id, dismissed=target, updated_at=now())
                event = store.record_event(
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
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_dismiss(store, event, old, new)


def set_dismissed(store: Store, claim_ids: list[int], dismissed: bool) -> int:
    """`SetDismissed` applied: dismiss."""
    return SetDismissed(claim_ids, dismissed).apply(store)


def revert_dismiss(store: Store, event: Event, old: Any, new: Any) -> None:
    if event.claim_id is not None:
        claims_table.update_claim(store.conn, event.claim_id, dismissed=old, updated_at=now())


def touched_claims(store: Store, article_id: int) -> set[int]:
    """Claims a checker has acted on, here or (carried over) in an earlier revision: named by
    a checker's event, or holding a verdict, note, source, link or revision flag. Events the
    import writes itself (`revision_kept` ...) do not count as a touch."""
    return claims_table.touched(store.conn, article_id)


@dataclass(frozen=True, slots=True)
class Rederive(Change):
    """Re-derive an article's claims at `threshold`: untouched extracted claims below it go,
    sentences now above it come in; a claim any checker touched always stays.
    Returns (added, removed)."""

    actions: ClassVar[tuple[str, ...]] = ("rederive",)
    article_id: int
    threshold: float

    def apply(self, store: Store) -> tuple[int, int]:
        article_id = self.article_id
        threshold = self.threshold
        from factcheck_tui.core.extraction.extract import extract

        if not 0.0 <= threshold <= 1.0:
            raise ChangeRefused("the threshold is a score between 0 and 1")
        body = _body(store, article_id)
        sentences = extract(body, threshold)
        with store.write():
            touched = touched_claims(store, article_id)
            rows = claims_table.spans(store.conn, article_id)
            spans = {(start, end) for _, start, end, _, _ in rows}
            keep_spans = {(s.start, s.end) for s in sentences if s.is_claim}
            removed = [
                claim_snapshot(store, claim_id)
                for claim_id, start, end, origin, dismissed in rows
                if claim_id not in touched
                and origin == "extracted"
                and dismissed == ClaimVisibility.SHOWN
                and (start, end) not in keep_spans
            ]
            for snapshot in removed:
                claims_table.delete_claim(store.conn, snapshot["id"])
            added = [
                _insert_claim(
                    store,
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
            old_threshold = articles_table.threshold(store.conn, article_id)
            articles_table.set_threshold(store.conn, article_id, threshold)
            store.record_event(
                "rederive",
                article_id=article_id,
                claim_id=None,
                old={"threshold": old_threshold, "removed": removed},
                new={"threshold": threshold, "added": added},
                batch=None,
            )
        return len(added), len(removed)

    @staticmethod
    def revert(store: Store, event: Event, old: Any, new: Any) -> None:
        revert_rederive(store, event, old, new)


def set_threshold(store: Store, article_id: int, threshold: float) -> tuple[int, int]:
    """`Rederive` applied: rederive."""
    return Rederive(article_id, threshold).apply(store)


def revert_rederive(store: Store, event: Event, old: Any, new: Any) -> None:
    for claim_id in new["added"]:
        if events_table.acted_on_since(store.conn, claim_id, event.id):
            raise DatabaseError("cannot undo: a re-derived claim was checked since")
        claims_table.delete_claim(store.conn, claim_id)
    for snapshot in old["removed"]:
        claims_table.restore_snapshot(store.conn, snapshot)
    if event.article_id is not None:
        articles_table.set_threshold(store.conn, event.article_id, old["threshold"])
