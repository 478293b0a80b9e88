"""Revised drafts: importing a new version of an article already in the database makes a new
revision that keeps the checks still valid.

A same-title article is a revision only when it is the same story: the same URL, or the same
title and outlet with at least REVISION_MIN_OVERLAP of the old draft's sentences found in the
new text (`sentence_overlap`). Anything else that shares the title is a new article, and the
import says so (`factcheck import --revision-of ID` or `--new` decide it; the TUI asks).

For each claim of the previous revision, shown or dismissed (a claim merged into another lives
on in that one), found again by the article's own words it stood on (for a reworded claim, the
sentence under the checker's wording; for a merged one, all its sentences):
- those words are unchanged in the new text → carried over with status, note, sources, links
  (and the checker's wording, if reworded);
- they changed (rapidfuzz finds close but different sentences, unchanged claims placed first)
  → carried over as "changed — re-check": status back to unchecked, old text kept beside the
  new, note and sources kept;
- they are gone → listed as removed (kept at the end of the list, not counted).
A dismissed claim stays dismissed in all three cases. New sentences over the article's
threshold (the one the desk set for it, else the default) that no carried claim covers become
new claims, marked "new in this revision" (revision_state "new": not a checker's touch, so a
later threshold change may drop them). The previous revision stays in the database; the
article list and the export show the latest revision.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.db.drafts import standing_claim_spans
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.intake.article_files import COMMENTED_FORMATS, ParsedArticle
from factcheck_tui.core.intake.draft_annotations import ANNOTATED_REASON, annotated, keep_draft
from factcheck_tui.core.intake.revised_facts import carry_facts, propose_for
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.records.visibility import ClaimVisibility

if TYPE_CHECKING:
    from factcheck_tui.core.intake.word_draft import DraftComment

# rapidfuzz ratio (0-100) at or above which a new sentence is the same claim, reworded.
CHANGED_MIN_SCORE = 70.0


@dataclass(frozen=True, slots=True)
class RevisionSummary:
    article_id: int
    previous_id: int
    revision: int
    kept: int
    changed: int
    removed: int
    added: int


def sentence_overlap(old_body: str, new_body: str) -> float:
    """The share of the old article's sentences found in the new one (0.0–1.0): each
    sentence compared with case and spacing folded, an empty old article counting as 0."""
    from factcheck_tui.core.extraction.segment import split_sentences

    def sentences(body: str) -> list[str]:
        return [" ".join(body[s:e].split()).casefold() for s, e in split_sentences(body)]

    old = [s for s in sentences(old_body) if s]
    if not old:
        return 0.0
    new = set(sentences(new_body))
    return sum(1 for s in old if s in new) / len(old)


@dataclass(frozen=True, slots=True)
class RevisionMatch:
    """What the desk holds that an imported article may be a new draft of.

    `decided` is True when the rule settles it (same URL; or same title and outlet with at
    least REVISION_MIN_OVERLAP of the old sentences kept); otherwise the article is imported
    as a new one unless the checker says it is a revision (`--revision-of`, or the TUI's
    question), and `reason` says why it was not taken as one."""

    previous_id: int
    previous_title: str
    previous_outlet: str
    revision: int  # the revision number it would get
    overlap: float
    decided: bool
    reason: str


# At least half of the old draft's sentences must survive, word for word, for a same-title,
# same-outlet article to count as the same story: an edited draft keeps most of its text,
# while two "Morning briefing"s of different days share almost none.
REVISION_MIN_OVERLAP = 0.5


def match_previous_revision(
    conn: sqlite3.Connection, article: ParsedArticle
) -> RevisionMatch | None:
    """The stored article this one is a revision of, or may be (see RevisionMatch).

    Same URL: a revision. Otherwise the latest drafts with the same title are compared by
    sentence overlap: same outlet (both may be empty) and overlap ≥ REVISION_MIN_OVERLAP is a
    revision; any other same-title draft (the best-overlapping) is returned undecided."""
    if article.url:
        same_url = articles_table.latest_with_url(conn, article.url)
        if same_url is not None:
            return RevisionMatch(
                same_url.id,
                same_url.title,
                same_url.outlet,
                same_url.revision + 1,
                sentence_overlap(same_url.body, article.body),
                True,
                "same URL",
            )
    candidates = [
        draft
        for draft in articles_table.latest_with_title(conn, article.title)
        # A different URL on both sides is a different story, whatever its title.
        if not (article.url and draft.url and draft.url != article.url)
    ]
    if not candidates:
        return None
    scored = sorted(
        (
            (sentence_overlap(d.body, article.body), d.outlet == article.outlet, d)
            for d in candidates
        ),
        key=lambda item: (item[1], item[0], item[2].id),
        reverse=True,
    )
    overlap, same_outlet, draft = scored[0]
    share = f"{overlap:.0%} of its sentences are in this one"
    if same_outlet and overlap >= REVISION_MIN_OVERLAP:
        decided, reason = True, f"same title and outlet, {share}"
    elif same_outlet:
        decided, reason = False, f"same title, but only {share}"
    else:
        outlet = draft.outlet or "no outlet"
        decided, reason = False, f"same title, but another outlet ({outlet}); {share}"
    return RevisionMatch(
        draft.id, draft.title, draft.outlet, draft.revision + 1, overlap, decided, reason
    )


def chosen_revision_of(conn: sqlite3.Connection, article_id: int) -> RevisionMatch:
    """The draft `--revision-of ID` names (its chain's latest revision), or DatabaseError."""
    draft = articles_table.latest_draft_of(conn, article_id)
    if draft is None:
        raise DatabaseError(f"no article #{article_id} to make this a revision of")
    return RevisionMatch(
        draft.id, draft.title, draft.outlet, draft.revision + 1, 0.0, True, "asked for"
    )


@dataclass(frozen=True, slots=True)
class _OldClaim:
    id: int
    text: str
    # Where the claim stood in the previous text: the article's own words, also for a
    # reworded claim (whose text is the checker's) and a merged one (several sentences).
    quote: str
    # The W3C TextQuoteSelector context stored with the claim: the previous text's words just
    # before and after it. When the quote stands more than once in the new text, the
    # occurrence whose surroundings match these best is the claim's.
    prefix: str
    suffix: str
    status: str
    note: str
    checker: str
    checked_at: str
    dismissed: int
    reworded: int
    score: float
    reasons: str
    origin: str
    correction: str = ""
    start: int = 0  # where the claim stood in the previous text (its facts are offsets there)


def _overlapping(sentences: list[Any], start: int, end: int) -> set[int]:
    return {i for i, s in enumerate(sentences) if s.start < end and start < s.end}


def _context_match(body: str, hit: tuple[int, int], claim: _OldClaim) -> int:
    """How many characters of the claim's stored prefix and suffix surround `hit` in the new
    text (the prefix compared from its end, the suffix from its start)."""
    before = body[max(0, hit[0] - len(claim.prefix)) : hit[0]]
    after = body[hit[1] : hit[1] + len(claim.suffix)]
    matched = 0
    for a, b in zip(reversed(before), reversed(claim.prefix), strict=False):
        if a != b:
            break
        matched += 1
    for a, b in zip(after, claim.suffix, strict=False):
        if a != b:
            break
        matched += 1
    return matched


def _anchor(
    claims: list[_OldClaim], body: str, sentences: list[Any]
) -> list[tuple[int, int, bool] | None]:
    """Where each claim of the previous revision stands in the new text, in two passes.

    1. Unchanged: the claim's quote found verbatim (each occurrence anchors one claim; of
       several, the one whose surroundings match the stored prefix and suffix best).
    2. Changed: the unused run of sentences closest to the quote by rapidfuzz's ratio, at
       least CHANGED_MIN_SCORE; a run as long as the quote (a merged claim spans several
       sentences), or one sentence shorter or longer (a sentence split or joined in the
       edit). Best scores are placed first, so no claim takes another's sentence.
    Returns (start, end, changed) per claim, or None when the claim's sentence is gone."""
    from rapidfuzz import fuzz, process

    from factcheck_tui.core.extraction.segment import split_sentences

    anchors: list[tuple[int, int] | None] = [None] * len(claims)
    changed: set[int] = set()
    used: set[int] = set()
    exact: set[tuple[int, int]] = set()
    for i, claim in enumerate(claims):
        if not claim.quote:
            continue
        hits = []
        index = body.find(claim.quote)
        while index != -1:
            hits.append((index, index + len(claim.quote)))
            index = body.find(claim.quote, index + 1)
        if hits:
            free = [h for h in hits if h not in exact] or hits[:1]
            hit = max(free, key=lambda h: (_context_match(body, h, claim), -h[0]))
            anchors[i] = hit
            exact.add(hit)
            used |= _overlapping(sentences, *hit)
    runs: dict[int, list[tuple[int, str]]] = {}
    options: list[tuple[float, int, int, int]] = []
    for i, claim in enumerate(claims):
        if anchors[i] is not None or not claim.quote:
            continue
        length = max(1, len(split_sentences(claim.quote)))
        for size in range(max(1, length - 1), length + 2):
            if size not in runs:
                runs[size] = [
                    (first, body[sentences[first].start : sentences[first + size - 1].end])
                    for first in range(len(sentences) - size + 1)
                    if not used & set(range(first, first + size))
                ]
            found = process.extract(
                claim.quote,
                [text for _, text in runs[size]],
                scorer=fuzz.ratio,
                score_cutoff=CHANGED_MIN_SCORE,
                limit=None,
            )
            options.extend((score, i, runs[size][k][0], size) for _, score, k in found)
    for _, i, first, size in sorted(options, key=lambda o: (-o[0], o[1], o[2], o[3])):
        span = set(range(first, first + size))
        if anchors[i] is not None or used & span:
            continue
        used |= span
        anchors[i] = (sentences[first].start, sentences[first + size - 1].end)
        changed.add(i)
    return [None if a is None else (a[0], a[1], i in changed) for i, a in enumerate(anchors)]


class _RevisionClaims:
    """The claims of the new revision, inserted in reading order as they are decided."""

    def __init__(self, conn: sqlite3.Connection, article_id: int, body: str, stamp: str) -> None:
        self.conn, self.article_id, self.body, self.stamp = conn, article_id, body, stamp
        self.inserted = 0

    def insert(self, start: int, end: int, text: str, **fields: Any) -> int:
        claim_id = claims_table.insert_claim(
            self.conn,
            article_id=self.article_id,
            position=self.inserted,
            body=self.body,
            start=start,
            end=end,
            text=text,
            stamp=self.stamp,
            **fields,
        )
        self.inserted += 1
        return claim_id


def _old_claims(conn: sqlite3.Connection, previous_id: int, old_body: str) -> list[_OldClaim]:
    """The claims of the previous revision to carry: shown and dismissed ones (dismissed ones
    stay dismissed); claims merged away live on in the claim they were merged into; claims
    already gone from the previous revision are not carried again."""
    return [
        _OldClaim(
            id=row["id"],
            text=row["text"],
            quote=(
                old_body[row["start"] : row["end"]]
                if row["reworded"] and row["start"] < row["end"]
                else row["text"]
            ),
            prefix=row["prefix"] or "",
            suffix=row["suffix"] or "",
            status=row["status"],
            note=row["note"],
            checker=row["checker"],
            checked_at=row["checked_at"],
            dismissed=row["dismissed"],
            reworded=row["reworded"] or 0,
            score=row["score"],
            reasons=row["reasons"],
            origin=row["origin"],
            correction=row["correction"] or "",
            start=row["start"],
        )
        for row in claims_table.carried_claims(conn, previous_id)
    ]


def _carry(
    claims: _RevisionClaims,
    old: _OldClaim,
    anchor: tuple[int, int, bool] | None,
    sentences: list[Any],
) -> tuple[str, int]:
    """Insert the new revision's claim for `old`: ("kept" | "changed" | "removed", its id)."""
    from factcheck_tui.core.extraction.extract import score_sentence

    # What a claim whose check still stands (kept or removed) carries over.
    as_checked = {
        "status": old.status,
        "note": old.note,
        "correction": old.correction,
        "checker": old.checker,
        "checked_at": old.checked_at,
        "score": old.score,
        "reasons": old.reasons,
        "origin": old.origin,
        "dismissed": old.dismissed,
        "reworded": old.reworded,
    }
    if anchor is not None and not anchor[2]:
        # Unchanged: a reworded claim keeps the checker's wording.
        return "kept", claims.insert(anchor[0], anchor[1], old.text, **as_checked)
    if anchor is not None:
        start, end, _ = anchor
        text = claims.body[start:end]
        one = next((s for s in sentences if (s.start, s.end) == (start, end)), None)
        score, reasons = (one.score, one.reasons) if one else score_sentence(text)
        new_id = claims.insert(
            start,
            end,
            text,
            status="unchecked",
            note=old.note,
            correction=old.correction,
            dismissed=old.dismissed,
            score=score,
            reasons=json.dumps(list(reasons)),
            origin=old.origin,
            revision_state="changed",
            previous_text=old.text,
        )
        return "changed", new_id
    # Gone: listed at the end, not counted; a dismissed claim stays hidden.
    end_of_text = len(claims.body)
    new_id = claims.insert(
        end_of_text,
        end_of_text,
        old.text,
        revision_state="removed",
        previous_text=old.text,
        **{**as_checked, "dismissed": old.dismissed or ClaimVisibility.REMOVED},
    )
    return "removed", new_id


def _add_new_sentences(
    claims: _RevisionClaims, sentences: list[Any], comments: Sequence[DraftComment]
) -> int:
    """New sentences over the threshold (or annotated by the writer) that no carried claim
    covers become claims "new in this revision"; how many."""
    taken = claims_table.standing_spans(claims.conn, claims.article_id)
    added = 0
    for sentence in sentences:
        reasons = sentence.reasons
        if not sentence.is_claim:
            if not annotated(sentence.start, sentence.end, comments):
                continue
            reasons = (*reasons, ANNOTATED_REASON)
        if any(sentence.start < end and sentence.end > start for start, end in taken):
            continue
        claim_id = claims.insert(
            sentence.start,
            sentence.end,
            sentence.text,
            score=sentence.score,
            reasons=json.dumps(list(reasons)),
            status="unchecked",
            revision_state="new",
        )
        propose_for(claims.conn, claim_id, sentence.start, sentence.text, claims.stamp)
        added += 1
    return added


@dataclass(frozen=True, slots=True)
class CarryOver(Change[RevisionSummary]):
    """Store `article` as the next revision of `previous_id`, carrying over the checks still
    valid (see the module's docstring). Not undoable: the import is the desk's record."""

    actions: ClassVar[tuple[str, ...]] = (
        "import_revision",
        "revision_kept",
        "revision_changed",
        "revision_removed",
    )
    undoable: ClassVar[bool] = False
    article: ParsedArticle
    previous_id: int

    def apply(self, ctx: ChangeContext) -> RevisionSummary:
        from factcheck_tui.core.extraction.extract import extract

        article, previous_id, body = self.article, self.previous_id, self.article.body
        found = articles_table.revision_and_threshold(ctx.conn, previous_id)
        old_body = articles_table.article_body(ctx.conn, previous_id)
        if found is None or old_body is None:
            raise DatabaseError(f"no article with id {previous_id}")
        # New sentences become claims at the threshold the desk set for the previous draft.
        sentences = extract(body, found[1])
        revision = found[0] + 1
        stamp = now()
        article_id = articles_table.insert_article(
            ctx.conn,
            title=article.title,
            date=article.date,
            url=article.url,
            outlet=article.outlet,
            body=body,
            content_hash=articles_table.content_hash(article.title, body),
            fmt=article.fmt,
            source_name=article.source_name,
            imported_at=stamp,
            imported_by=ctx.checker,
            revision=revision,
            previous_id=previous_id,
            threshold=found[1],
        )
        claims = _RevisionClaims(ctx.conn, article_id, body, stamp)
        counts = {"kept": 0, "changed": 0, "removed": 0, "added": 0}
        old_claims = _old_claims(ctx.conn, previous_id, old_body)
        for old, anchor in zip(old_claims, _anchor(old_claims, body, sentences), strict=True):
            kind, new_id = _carry(claims, old, anchor, sentences)
            counts[kind] += 1
            # A new Word draft brings its own comments: the previous draft's are not carried.
            sources_table.copy_all_sources(
                ctx.conn, old.id, new_id, with_draft_comments=article.fmt not in COMMENTED_FORMATS
            )
            sources_table.copy_links(ctx.conn, old.id, new_id)
            carry_facts(ctx.conn, old.id, old.start, new_id, body, kind, stamp)
            record_event(
                ctx,
                f"revision_{kind}",
                article_id=article_id,
                claim_id=new_id,
                old={"claim_id": old.id, "text": old.text, "status": old.status},
                new={"revision": revision},
                batch=None,
            )
        counts["added"] = _add_new_sentences(claims, sentences, article.comments)
        keep_draft(
            ctx.conn,
            article_id,
            standing_claim_spans(ctx.conn, article_id),
            article.comments,
            article.original,
            source_name=article.source_name,
            added_by=ctx.checker,
            added_at=stamp,
            pages=article.pages,
        )
        record_event(
            ctx,
            "import_revision",
            article_id=article_id,
            claim_id=None,
            old={"article_id": previous_id},
            new=counts,
            batch=None,
        )
        return RevisionSummary(article_id, previous_id, revision, **counts)
