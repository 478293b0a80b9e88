"""Fixing the claim list: add, reword, split, merge, dismiss and restore claims, and re-derive
an article's claims at another threshold. Every edit is one event batch, undoable.

A claim is "touched" once any event names it (a mark, a note, a source, a link, an edit):
re-deriving at a new threshold never removes a touched claim.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck_tui.core.errors import DatabaseError
from factcheck_tui.core.history import reverts
from factcheck_tui.core.models import Event
from factcheck_tui.core.store import QUOTE_CONTEXT, Store, now

CLAIM_FIELDS = (
    "id",
    "article_id",
    "position",
    "text",
    "start",
    "end",
    "prefix",
    "suffix",
    "score",
    "reasons",
    "status",
    "note",
    "checker",
    "checked_at",
    "origin",
    "dismissed",
    "reworded",
    "revision_state",
    "previous_text",
    "created_at",
    "updated_at",
)
# claims.dismissed: shown; dismissed as not check-worthy; merged into the claim before it;
# removed (its sentence is gone from this revision: listed, not counted; see core.revisions).
SHOWN, DISMISSED, MERGED, REMOVED = 0, 1, 2, 3
# rapidfuzz alignment score (0-100) above which typed text counts as found in the article.
ANCHOR_MIN_SCORE = 90.0


def claim_snapshot(store: Store, claim_id: int) -> dict[str, Any]:
    row = store.conn.execute(
        f"SELECT {', '.join(CLAIM_FIELDS)} FROM claims WHERE id = ?", (claim_id,)
    ).fetchone()
    if row is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return dict(zip(CLAIM_FIELDS, row, strict=True))


def _restore_snapshot(store: Store, snapshot: dict[str, Any]) -> None:
    marks = ", ".join("?" * len(CLAIM_FIELDS))
    store.conn.execute(
        f"INSERT OR REPLACE INTO claims ({', '.join(CLAIM_FIELDS)}) VALUES ({marks})",
        [snapshot[field] for field in CLAIM_FIELDS],
    )


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
    text: str | None = None,
) -> int:
    body = _body(store, article_id)
    stamp = now()
    position = store.conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM claims WHERE article_id = ?", (article_id,)
    ).fetchone()[0]
    claim_id = store.next_claim_id()
    store.conn.execute(
        "INSERT INTO claims (id, article_id, position, text, start, end, prefix, suffix, score, "
        "reasons, status, origin, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unchecked', ?, ?, ?)",
        (
            claim_id,
            article_id,
            position,
            text if text is not None else body[start:end],
            start,
            end,
            body[max(0, start - QUOTE_CONTEXT) : start],
            body[end : end + QUOTE_CONTEXT],
            score,
            json.dumps(list(reasons), ensure_ascii=False),
            origin,
            stamp,
            stamp,
        ),
    )
    return claim_id


def add_claim(store: Store, article_id: int, start: int, end: int) -> int:
    """Make the article's text start..end a claim (a checker's own pick); returns its id."""
    from factcheck_tui.core.extract import score_sentence

    body = _body(store, article_id)
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if not 0 <= start < end <= len(body):
        raise ValueError("choose some of the article's text to make a claim")
    score, reasons = score_sentence(body[start:end])
    with store.write():
        same = store.conn.execute(
            "SELECT dismissed FROM claims WHERE article_id = ? AND start = ? "
            "AND end = ? AND dismissed != ? AND reworded = 0",
            (article_id, start, end, MERGED),
        ).fetchone()
        if same is not None:
            hidden = " (dismissed: D shows it, d restores it)" if same[0] else ""
            raise ValueError(f"that text is already a claim{hidden}")
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


def add_claim_from_text(store: Store, article_id: int, text: str, near: int = 0) -> int:
    span = locate(_body(store, article_id), text, near)
    if span is None:
        raise ValueError("that text is not in the article; copy it from the article")
    return add_claim(store, article_id, *span)


@reverts("add_claim")
def _revert_add(store: Store, event: Event, old: Any, new: Any) -> None:
    claim_id = new["id"]
    store.conn.execute("DELETE FROM sources WHERE claim_id = ?", (claim_id,))
    store.conn.execute("DELETE FROM claim_reports WHERE claim_id = ?", (claim_id,))
    store.conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))


def edit_claim_text(store: Store, claim_id: int, text: str) -> bool:
    """Change a claim's wording. When the new text is in the article, the claim re-anchors to
    it; otherwise its offsets stay and it is marked reworded. Returns True when reworded."""
    from factcheck_tui.core.extract import score_sentence

    text = " ".join(text.split())
    if not text:
        raise ValueError("a claim needs some text; dismiss it instead (d)")
    # The score and its reasons describe the words now in the claim, not the old ones.
    score, reasons = score_sentence(text)
    with store.write():
        before = claim_snapshot(store, claim_id)
        body = _body(store, before["article_id"])
        span = locate(body, text, before["start"]) if text in body else None
        start, end = span if span else (before["start"], before["end"])
        reworded = 0 if span else 1
        store.conn.execute(
            "UPDATE claims SET text = ?, start = ?, end = ?, prefix = ?, suffix = ?, "
            "reworded = ?, score = ?, reasons = ?, updated_at = ? WHERE id = ?",
            (
                text,
                start,
                end,
                body[max(0, start - QUOTE_CONTEXT) : start],
                body[end : end + QUOTE_CONTEXT],
                reworded,
                score,
                json.dumps(list(reasons), ensure_ascii=False),
                now(),
                claim_id,
            ),
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


@reverts("edit_text")
def _revert_snapshot(store: Store, event: Event, old: Any, new: Any) -> None:
    _restore_snapshot(store, old)


def split_claim(store: Store, claim_id: int, at: int) -> int:
    """Split a claim at character `at` of its text into two claims; returns the new one's id.

    The first keeps the marks, note and sources; the second starts unchecked. A cut inside a
    word moves back to the start of that word: no claim begins or ends with half a word."""
    from factcheck_tui.core.extract import score_sentence

    with store.write():
        before = claim_snapshot(store, claim_id)
        text = before["text"]
        while 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace():
            at -= 1
        first, second = text[:at].rstrip(), text[at:].lstrip()
        if not first or not second:
            raise ValueError("put the cursor inside the claim's text to split it")
        if before["reworded"]:
            raise ValueError("a reworded claim cannot be split; edit its text instead")
        cut = before["start"] + at
        first_end = before["start"] + len(first)
        second_start = cut + (len(text[at:]) - len(second))
        body = _body(store, before["article_id"])
        score, reasons = score_sentence(first)
        store.conn.execute(
            "UPDATE claims SET text = ?, end = ?, suffix = ?, score = ?, reasons = ?, "
            "updated_at = ? WHERE id = ?",
            (
                first,
                first_end,
                body[first_end : first_end + QUOTE_CONTEXT],
                score,
                json.dumps(list(reasons), ensure_ascii=False),
                now(),
                claim_id,
            ),
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


@reverts("split")
def _revert_split(store: Store, event: Event, old: Any, new: Any) -> None:
    _restore_snapshot(store, old)


def merge_with_next(store: Store, claim_id: int) -> int:
    """Merge a claim with the next shown claim of its article; returns the merged-away id.

    The first claim spans both and takes over the second's check: notes joined, sources and
    report links added (a source already there is not repeated). The verdict stays only when
    both had the same one, or the second lies inside the first (no text is added); otherwise
    the merged claim is unchecked again, since no one has checked it as a whole, and its note
    says what each part was. The second claim is kept
    hidden as merged (undo brings both back exactly as they were)."""
    from factcheck_tui.core.extract import score_sentence

    with store.write():
        first = claim_snapshot(store, claim_id)
        row = store.conn.execute(
            "SELECT id FROM claims WHERE article_id = ? AND dismissed = 0 AND "
            "(start > ? OR (start = ? AND position > ?)) ORDER BY start, position LIMIT 1",
            (first["article_id"], first["start"], first["start"], first["position"]),
        ).fetchone()
        if row is None:
            raise ValueError("this is the last claim: nothing to merge it with")
        second = claim_snapshot(store, row[0])
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
        # A second claim lying inside the first adds no text: the first's verdict covers it.
        inside = not reworded and second["end"] <= first["end"]
        if first["status"] != second["status"] and not inside:
            status, checker, checked_at = "unchecked", "", ""
            notes.append(
                f"Merged: the first part was {first['status']}, the second "
                f"{second['status']}; re-check the whole."
            )
        store.conn.execute(
            "UPDATE claims SET text = ?, end = ?, suffix = ?, reworded = ?, score = ?, "
            "reasons = ?, status = ?, checker = ?, checked_at = ?, note = ?, updated_at = ? "
            "WHERE id = ?",
            (
                text,
                end,
                body[end : end + QUOTE_CONTEXT],
                reworded,
                score,
                json.dumps(list(reasons), ensure_ascii=False),
                status,
                checker,
                checked_at,
                "\n".join(notes),
                now(),
                claim_id,
            ),
        )
        copied_sources = _copy_sources(store, second["id"], claim_id)
        copied_links = [
            report_id
            for (report_id,) in store.conn.execute(
                "SELECT report_id FROM claim_reports WHERE claim_id = ? AND report_id NOT IN "
                "(SELECT report_id FROM claim_reports WHERE claim_id = ?)",
                (second["id"], claim_id),
            ).fetchall()
        ]
        store.conn.execute(
            "INSERT INTO claim_reports (claim_id, report_id, score, linked_by, linked_at, "
            "seen_claim_text, seen_rating, seen_url) SELECT ?, report_id, score, linked_by, "
            "linked_at, seen_claim_text, seen_rating, seen_url FROM claim_reports "
            f"WHERE claim_id = ? AND report_id IN ({', '.join('?' * len(copied_links))})",
            (claim_id, second["id"], *copied_links),
        )
        store.conn.execute(
            "UPDATE claims SET dismissed = ?, updated_at = ? WHERE id = ?",
            (MERGED, now(), second["id"]),
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


def _copy_sources(store: Store, from_id: int, to_id: int) -> list[int]:
    """Copy a claim's sources to another claim, skipping ones it already cites; new ids."""
    have = {
        (kind, reference)
        for kind, reference in store.conn.execute(
            "SELECT kind, reference FROM sources WHERE claim_id = ?", (to_id,)
        )
    }
    copied = []
    for kind, reference, tier, consulted_on, added_by, added_at in store.conn.execute(
        "SELECT kind, reference, tier, consulted_on, added_by, added_at FROM sources "
        "WHERE claim_id = ? ORDER BY id",
        (from_id,),
    ).fetchall():
        if (kind, reference) in have:
            continue
        have.add((kind, reference))
        cursor = store.conn.execute(
            "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by, "
            "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (to_id, kind, reference, tier, consulted_on, added_by, added_at),
        )
        copied.append(int(cursor.lastrowid or 0))
    return copied


@reverts("merge")
def _revert_merge(store: Store, event: Event, old: Any, new: Any) -> None:
    for source_id in new.get("sources", ()):
        store.conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
    for report_id in new.get("links", ()):
        store.conn.execute(
            "DELETE FROM claim_reports WHERE claim_id = ? AND report_id = ?",
            (event.claim_id, report_id),
        )
    _restore_snapshot(store, old)


def set_dismissed(store: Store, claim_ids: list[int], dismissed: bool) -> int:
    """Dismiss claims as not check-worthy (hidden by default) or restore them. A claim whose
    sentence is gone from this revision is restored as removed: listed, never counted."""
    changed = 0
    with store.write():
        batch: int | None = None
        for claim_id in claim_ids:
            before = claim_snapshot(store, claim_id)
            target = DISMISSED if dismissed else SHOWN
            if not dismissed and before["revision_state"] == "removed":
                target = REMOVED
            if before["dismissed"] == target:
                continue
            store.conn.execute(
                "UPDATE claims SET dismissed = ?, updated_at = ? WHERE id = ?",
                (target, now(), claim_id),
            )
            event = store.record_event(
                "dismiss" if dismissed else "restore",
                article_id=before["article_id"],
                claim_id=claim_id,
                old=before["dismissed"],
                new=target,
                batch=batch,
            )
            batch = batch or event
            changed += 1
    return changed


@reverts("dismiss")
@reverts("restore")
def _revert_dismiss(store: Store, event: Event, old: Any, new: Any) -> None:
    store.conn.execute(
        "UPDATE claims SET dismissed = ?, updated_at = ? WHERE id = ?", (old, now(), event.claim_id)
    )


def touched_claims(store: Store, article_id: int) -> set[int]:
    """Claims a checker has acted on, here or (carried over) in an earlier revision: named by
    a checker's event, or holding a verdict, note, source, link or revision flag. Events the
    import writes itself (`revision_kept` ...) do not count as a touch."""
    rows = store.conn.execute(
        "SELECT DISTINCT claim_id FROM events WHERE article_id = ? AND claim_id IS NOT NULL "
        "AND action NOT LIKE 'revision\\_%' ESCAPE '\\' "
        "UNION SELECT id FROM claims WHERE article_id = ? AND (status != 'unchecked' "
        "OR note != '' OR coalesce(revision_state, '') NOT IN ('', 'new') OR reworded != 0 "
        "OR id IN (SELECT claim_id FROM sources) OR id IN (SELECT claim_id FROM claim_reports))",
        (article_id, article_id),
    )
    return {row[0] for row in rows}


def set_threshold(store: Store, article_id: int, threshold: float) -> tuple[int, int]:
    """Re-derive an article's claims at `threshold`: untouched extracted claims below it go,
    sentences now above it come in; a claim any checker touched always stays.
    Returns (added, removed)."""
    from factcheck_tui.core.extract import extract

    if not 0.0 <= threshold <= 1.0:
        raise ValueError("the threshold is a score between 0 and 1")
    body = _body(store, article_id)
    sentences = extract(body, threshold)
    with store.write():
        touched = touched_claims(store, article_id)
        rows = store.conn.execute(
            "SELECT id, start, end, origin, dismissed FROM claims WHERE article_id = ?",
            (article_id,),
        ).fetchall()
        spans = {(start, end) for _, start, end, _, _ in rows}
        keep_spans = {(s.start, s.end) for s in sentences if s.is_claim}
        removed = [
            claim_snapshot(store, claim_id)
            for claim_id, start, end, origin, dismissed in rows
            if claim_id not in touched
            and origin == "extracted"
            and dismissed == SHOWN
            and (start, end) not in keep_spans
        ]
        for snapshot in removed:
            store.conn.execute("DELETE FROM claims WHERE id = ?", (snapshot["id"],))
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
        old_threshold = store.conn.execute(
            "SELECT threshold FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        store.conn.execute(
            "UPDATE articles SET threshold = ? WHERE id = ?", (threshold, article_id)
        )
        store.record_event(
            "rederive",
            article_id=article_id,
            claim_id=None,
            old={"threshold": old_threshold, "removed": removed},
            new={"threshold": threshold, "added": added},
            batch=None,
        )
    return len(added), len(removed)


@reverts("rederive")
def _revert_rederive(store: Store, event: Event, old: Any, new: Any) -> None:
    for claim_id in new["added"]:
        if store.conn.execute(
            "SELECT 1 FROM events WHERE claim_id = ? AND id > ? AND action != 'undo'",
            (claim_id, event.id),
        ).fetchone():
            raise DatabaseError("cannot undo: a re-derived claim was checked since")
        store.conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
    for snapshot in old["removed"]:
        _restore_snapshot(store, snapshot)
    store.conn.execute(
        "UPDATE articles SET threshold = ? WHERE id = ?", (old["threshold"], event.article_id)
    )
