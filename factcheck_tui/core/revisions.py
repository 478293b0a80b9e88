"""Revised drafts: importing a new version of an article already in the database (same URL, or
same title and outlet) makes a new revision that keeps the checks still valid.

For each claim of the previous revision:
- its sentence is unchanged in the new text → carried over with status, note, sources, links;
- its sentence changed (rapidfuzz finds a close but different sentence) → carried over as
  "changed — re-check": status back to unchecked, old text kept beside the new, note and
  sources kept;
- its sentence is gone → listed as removed (kept at the end of the list, not counted).
New sentences over the threshold become new claims. The previous revision stays in the
database; the article list and the export show the latest revision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from factcheck_tui.core.ingest import ParsedArticle
from factcheck_tui.core.store import QUOTE_CONTEXT, Store, content_hash, now

# rapidfuzz ratio (0-100) at or above which a new sentence is the same claim, reworded.
CHANGED_MIN_SCORE = 70.0
REMOVED = 3  # claims.dismissed value: the sentence is gone from this revision


@dataclass(frozen=True, slots=True)
class RevisionSummary:
    article_id: int
    previous_id: int
    revision: int
    kept: int
    changed: int
    removed: int
    added: int


def find_previous_revision(store: Store, article: ParsedArticle) -> int | None:
    """The latest revision of the same article (same URL, else same title and outlet)."""
    if article.url:
        where, params = "url = ?", [article.url]
    else:
        where, params = "title = ? AND outlet = ?", [article.title, article.outlet]
    row = store.conn.execute(
        f"SELECT id FROM articles a WHERE {where} AND NOT EXISTS "
        "(SELECT 1 FROM articles b WHERE b.previous_id = a.id) ORDER BY revision DESC LIMIT 1",
        params,
    ).fetchone()
    return int(row[0]) if row else None


def _sentence_index(sentences: list[Any], start: int, end: int) -> int | None:
    for index, sentence in enumerate(sentences):
        if sentence.start <= start and end <= sentence.end:
            return index
    return None


def import_revision(store: Store, article: ParsedArticle, previous_id: int) -> RevisionSummary:
    from rapidfuzz import fuzz, process

    from factcheck_tui.core.extract import extract

    body = article.body
    sentences = extract(body)
    sentence_texts = [s.text for s in sentences]
    used: set[int] = set()
    counts = {"kept": 0, "changed": 0, "removed": 0, "added": 0}
    with store.write():
        previous = store.conn.execute(
            "SELECT revision, threshold FROM articles WHERE id = ?", (previous_id,)
        ).fetchone()
        stamp = now()
        cursor = store.conn.execute(
            "INSERT INTO articles (title, date, url, outlet, body, content_hash, format, "
            "source_name, imported_at, imported_by, revision, previous_id, threshold) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.title,
                article.date,
                article.url,
                article.outlet,
                body,
                content_hash(article.title, body),
                article.fmt,
                article.source_name,
                stamp,
                store.checker,
                previous[0] + 1,
                previous_id,
                previous[1],
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        old_claims = store.conn.execute(
            "SELECT id, text, status, note, checker, checked_at, dismissed, score, reasons, "
            "origin FROM claims WHERE article_id = ? AND dismissed IN (0, 1) "
            "ORDER BY start, position",
            (previous_id,),
        ).fetchall()

        def insert(start: int, end: int, text: str, **fields: Any) -> int:
            values = {
                "article_id": article_id,
                "position": len(used) + counts["removed"],
                "text": text,
                "start": start,
                "end": end,
                "prefix": body[max(0, start - QUOTE_CONTEXT) : start],
                "suffix": body[end : end + QUOTE_CONTEXT],
                "created_at": stamp,
                "updated_at": stamp,
                **fields,
            }
            columns = ", ".join(values)
            marks = ", ".join("?" * len(values))
            result = store.conn.execute(
                f"INSERT INTO claims ({columns}) VALUES ({marks})", list(values.values())
            )
            return int(result.lastrowid or 0)

        for (
            old_id,
            text,
            status,
            note,
            checker,
            checked_at,
            dismissed,
            score,
            reasons,
            origin,
        ) in old_claims:
            exact = body.find(text)
            # What a claim whose check still stands (kept or removed) carries over.
            as_checked = {
                "status": status,
                "note": note,
                "checker": checker,
                "checked_at": checked_at,
                "score": score,
                "reasons": reasons,
                "origin": origin,
            }
            if exact != -1:
                new_id = insert(exact, exact + len(text), text, dismissed=dismissed, **as_checked)
                index = _sentence_index(sentences, exact, exact + len(text))
                if index is not None:
                    used.add(index)
                kind = "kept"
            else:
                best = process.extractOne(
                    text, sentence_texts, scorer=fuzz.ratio, score_cutoff=CHANGED_MIN_SCORE
                )
                if best is not None and best[2] not in used:
                    sentence = sentences[best[2]]
                    used.add(best[2])
                    new_id = insert(
                        sentence.start,
                        sentence.end,
                        sentence.text,
                        status="unchecked",
                        note=note,
                        dismissed=dismissed,
                        score=sentence.score,
                        reasons=json.dumps(list(sentence.reasons)),
                        origin=origin,
                        revision_state="changed",
                        previous_text=text,
                    )
                    kind = "changed"
                else:
                    new_id = insert(
                        len(body),
                        len(body),
                        text,
                        dismissed=REMOVED,
                        revision_state="removed",
                        previous_text=text,
                        **as_checked,
                    )
                    kind = "removed"
            counts[kind] += 1
            store.conn.execute(
                "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by, "
                "added_at) SELECT ?, kind, reference, tier, consulted_on, added_by, added_at "
                "FROM sources WHERE claim_id = ? ORDER BY id",
                (new_id, old_id),
            )
            store.conn.execute(
                "INSERT INTO claim_reports (claim_id, report_id, score, linked_by, linked_at) "
                "SELECT ?, report_id, score, linked_by, linked_at FROM claim_reports "
                "WHERE claim_id = ?",
                (new_id, old_id),
            )
            store.record_event(
                f"revision_{kind}",
                article_id=article_id,
                claim_id=new_id,
                old={"claim_id": old_id, "text": text, "status": status},
                new={"revision": previous[0] + 1},
                batch=None,
            )
        taken = [
            (row[0], row[1])
            for row in store.conn.execute(
                "SELECT start, end FROM claims WHERE article_id = ? AND dismissed != ?",
                (article_id, REMOVED),
            )
        ]
        for index, sentence in enumerate(sentences):
            if index in used or not sentence.is_claim:
                continue
            if any(sentence.start < end and sentence.end > start for start, end in taken):
                continue
            insert(
                sentence.start,
                sentence.end,
                sentence.text,
                score=sentence.score,
                reasons=json.dumps(list(sentence.reasons)),
                status="unchecked",
            )
            counts["added"] += 1
        store.record_event(
            "import_revision",
            article_id=article_id,
            claim_id=None,
            old={"article_id": previous_id},
            new=counts,
            batch=None,
        )
    return RevisionSummary(article_id, previous_id, previous[0] + 1, **counts)
