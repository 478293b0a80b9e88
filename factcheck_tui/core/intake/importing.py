"""Turn parsed articles into stored articles with their extracted claims."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import facts as facts_table
from factcheck_tui.core.db.articles import content_hash
from factcheck_tui.core.db.claim_search import sync_claims
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.extraction.facts import fact_rows
from factcheck_tui.core.intake.article_files import ParsedArticle
from factcheck_tui.core.intake.draft_annotations import ANNOTATED_REASON, annotated, keep_draft
from factcheck_tui.core.intake.revisions import (
    CarryOver,
    RevisionMatch,
    RevisionSummary,
    chosen_revision_of,
    match_previous_revision,
)
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.display import name_text
from factcheck_tui.core.records.models import counted

if TYPE_CHECKING:
    from factcheck_tui.core.intake.word_draft import DraftComment

Result = TypeVar("Result")


class ImportingDesk(Protocol):
    """What an import needs of the desk (the store satisfies it): its connection to look for
    the article and its earlier drafts, and `apply` to store it."""

    conn: sqlite3.Connection

    def apply(self, change: Change[Result]) -> Result: ...


@dataclass(frozen=True, slots=True)
class ImportResult:
    article_id: int
    title: str
    created: bool
    claims: int
    # Set when the article was a new revision of one already stored.
    revision: RevisionSummary | None = None
    # A same-title article it was *not* taken as a revision of, and why (a new article).
    not_a_revision_of: RevisionMatch | None = None
    # The same text as a stored draft, with new or changed comments: what was updated.
    draft_update: DraftUpdate | None = None

    def describe(self) -> str:
        if self.draft_update is not None:
            return f"updated the draft #{self.article_id} {self.title}: {self.draft_update}"
        if not self.created:
            return f"already in the database: #{self.article_id} {self.title}"
        if self.revision:
            r = self.revision
            return (
                f"imported #{self.article_id} {self.title} as revision {r.revision} of "
                f"#{r.previous_id}: {r.kept} claims kept, {r.changed} changed (re-check), "
                f"{r.removed} removed, {r.added} new"
            )
        text = (
            f"imported #{self.article_id} {self.title} as a new article "
            f"({counted(self.claims, 'claim')})"
        )
        other = self.not_a_revision_of
        if other is not None:
            text += (
                f"; not a revision of #{other.previous_id} ({other.reason}): "
                f"--revision-of {other.previous_id} makes it one"
            )
        return text


def import_article(
    desk: ImportingDesk,
    article: ParsedArticle,
    *,
    revision_of: int | None = None,
    new: bool = False,
) -> ImportResult:
    """Extract the article's claims and store both.

    The same article again is not duplicated. A new version of a stored article becomes its
    next revision when core.revisions decides it is the same story (same URL, or same title
    and outlet with most of its sentences kept); `revision_of` (an article id: its latest
    revision is the one revised) or `new` decide it instead.
    """
    existing = articles_table.find_by_hash(desk.conn, content_hash(article.title, article.body))
    if existing is not None:
        return _already_stored(desk, existing, article)
    match: RevisionMatch | None = None
    if revision_of is not None:
        match = chosen_revision_of(desk.conn, revision_of)
    elif not new:
        match = match_previous_revision(desk.conn, article)
    if match is not None and match.decided:
        summary = desk.apply(CarryOver(article, match.previous_id))
        return ImportResult(
            summary.article_id,
            article.title,
            True,
            _claims_shown(desk, summary.article_id),
            summary,
        )

    claims = []
    for sentence in with_scored_sentences(article).scored or ():
        reasons = sentence.reasons
        if not sentence.is_claim:
            # A sentence the writer annotated with its source is a fact to check.
            if not (article.comments and annotated(sentence.start, sentence.end, article.comments)):
                continue
            reasons = (*reasons, ANNOTATED_REASON)
        claims.append(
            {
                "text": sentence.text,
                "start": sentence.start,
                "end": sentence.end,
                "score": sentence.score,
                "reasons": reasons,
                "facts": sentence.facts,
            }
        )
    article_id, created = desk.apply(
        ImportArticle(
            title=article.title,
            body=article.body,
            date=article.date,
            url=article.url,
            outlet=article.outlet,
            fmt=article.fmt,
            source_name=name_text(article.source_name),
            claims=claims,
            comments=article.comments,
            original=article.original,
            pages=article.pages,
        )
    )
    stored_claims = len(claims) if created else _claims_shown(desk, article_id)
    return ImportResult(article_id, article.title, created, stored_claims, None, match)


def with_scored_sentences(article: ParsedArticle) -> ParsedArticle:
    """The article with its sentences scored (`scored`), as they become its claims: a plain
    text of one line (a tweet, a sentence from chat) is one claim; an article (or any
    structured file: JSON, HTML, Markdown, Word), what extraction finds."""
    from factcheck_tui.core.extraction.extract import extract, one_line_claim

    if article.scored is not None:
        return article
    whole = one_line_claim(article.body) if article.fmt == "text" else None
    if whole is not None:
        return replace(article, scored=(whole,))
    return replace(article, scored=tuple(extract(article.body, with_facts=True)))


def _already_stored(desk: ImportingDesk, existing: int, article: ParsedArticle) -> ImportResult:
    """The same text again. A draft's identity is its text and its comments: the same text
    with new comments (a source the writer added) updates the stored draft rather than
    being dropped."""
    update = None
    if article.original and _comments_differ(desk, existing, article):
        update = desk.apply(UpdateDraftComments(existing, article.comments, article.original))
    elif article.comments and not article.original:  # an .odt or .rtf: no file kept
        fresh = _unstored_comments(desk.conn, existing, article.comments)
        if fresh:
            update = desk.apply(UpdateDraftComments(existing, fresh, b""))
    shown = _claims_shown(desk, existing)
    return ImportResult(existing, article.title, False, shown, draft_update=update)


def _claims_shown(desk: ImportingDesk, article_id: int) -> int:
    return claims_table.progress(desk.conn, article_id, (), (), ()).total


@dataclass(frozen=True, slots=True)
class ImportArticle(Change[tuple[int, bool]]):
    """A new article and its extracted claims; returns (id, created). The same title and body
    imported again returns the existing id with created False.

    Each claim dict has text, start, end, score and reasons (and facts: its proposed facts'
    rows, or None to propose them here). A Word draft's `comments` become
    sources of the claims they cover and its `original` bytes are kept, in the same
    transaction (core/intake/draft_annotations.py, core/db/drafts.py). Not undoable: the
    import is the desk's record; a wrong import is deleted, not undone."""

    actions: ClassVar[tuple[str, ...]] = ("import_article",)
    undoable: ClassVar[bool] = False
    title: str
    body: str
    date: str = ""
    url: str = ""
    outlet: str = ""
    fmt: str = ""
    source_name: str = ""
    claims: Sequence[dict[str, Any]] = ()
    # A Word draft's comments (sources of the claims they cover) and its original bytes.
    comments: Sequence[DraftComment] = ()
    original: bytes = b""
    pages: Sequence[int] = ()  # where each page of a paginated file begins in `body`

    def apply(self, ctx: ChangeContext) -> tuple[int, bool]:
        title, body = self.title, self.body
        digest = content_hash(title, body)
        existing = articles_table.find_by_hash(ctx.conn, digest)
        if existing is not None:
            return existing, False
        stamp = now()
        article_id = articles_table.insert_article(
            ctx.conn,
            title=title,
            date=self.date,
            url=self.url,
            outlet=self.outlet,
            body=body,
            content_hash=digest,
            fmt=self.fmt,
            source_name=self.source_name,
            imported_at=stamp,
            imported_by=ctx.checker,
        )
        first_id = claims_table.next_claim_id(ctx.conn)
        spans: list[tuple[int, int, int]] = []
        rows: list[dict[str, Any]] = []
        fact_rows_stored: list[tuple[int, int, int, str, str, str, str]] = []
        for position, claim in enumerate(self.claims):
            claim_id = first_id + position
            spans.append((claim_id, claim["start"], claim["end"]))
            rows.append(
                claims_table.claim_row(
                    claim_id=claim_id,
                    article_id=article_id,
                    position=position,
                    body=body,
                    start=claim["start"],
                    end=claim["end"],
                    text=claim["text"],
                    stamp=stamp,
                    score=claim["score"],
                    reasons=claims_table.reasons_json(claim["reasons"]),
                )
            )
            facts = claim.get("facts")  # proposed with its score, where extraction ran
            if facts is None:
                facts = fact_rows(body[claim["start"] : claim["end"]])
            fact_rows_stored += facts_table.proposed_rows(claim_id, claim["start"], facts, stamp)
        # The article's claims, their facts and the claim search indexes a statement each,
        # not a few statements a claim.
        claims_table.insert_claims(ctx.conn, rows)
        facts_table.insert_proposed_rows(ctx.conn, fact_rows_stored)
        sync_claims(ctx.conn, [claim_id for claim_id, _, _ in spans])
        keep_draft(
            ctx.conn,
            article_id,
            spans,
            self.comments,
            self.original,
            source_name=self.source_name,
            added_by=ctx.checker,
            added_at=stamp,
            pages=self.pages,
        )
        record_event(
            ctx,
            "import_article",
            article_id=article_id,
            claim_id=None,
            old=None,
            new={"title": title, "claims": len(self.claims)},
            batch=None,
        )
        return article_id, True


def _key(comment: DraftComment) -> tuple[object, ...]:
    return (comment.start, comment.end, comment.text, comment.author, comment.urls)


def _stored_comments(conn: sqlite3.Connection, article_id: int) -> list[DraftComment]:
    """The comments of the .docx kept with the article (none when no draft is kept)."""
    from factcheck_tui.core.db.drafts import original_file
    from factcheck_tui.core.intake.word_draft import parse_word_draft

    kept = original_file(conn, article_id)
    if kept is None:
        return []
    return list(parse_word_draft(kept[2], name=kept[0]).comments)


def _unstored_comments(
    conn: sqlite3.Connection, article_id: int, comments: Sequence[DraftComment]
) -> list[DraftComment]:
    """The comments of a draft kept only as its sources (an .odt) not stored yet."""
    from factcheck_tui.core.db.drafts import draft_comment_keys

    stored = draft_comment_keys(conn, article_id)
    return [
        comment
        for comment in comments
        if (comment.text or (comment.urls or ("",))[0], comment.author, comment.written_at)
        not in stored
    ]


def _comments_differ(desk: ImportingDesk, article_id: int, article: ParsedArticle) -> bool:
    from factcheck_tui.core.db.drafts import original_file

    kept = original_file(desk.conn, article_id)
    if kept is not None and kept[2] == article.original:
        return False
    stored = sorted(map(_key, _stored_comments(desk.conn, article_id)), key=repr)
    return stored != sorted(map(_key, article.comments), key=repr) or kept is None


@dataclass(frozen=True, slots=True)
class DraftUpdate:
    """What a draft with the stored text and other comments changed."""

    new_comments: int
    sources_added: int
    uncovered: int  # new comments on no claim: kept in the .docx, no source to attach
    gone: int  # comments of the stored draft no longer in this one: their sources stay
    kept_file: bool = True  # the .docx is kept; an .odt is kept only as its comments' sources

    def __str__(self) -> str:
        text = (
            f"{counted(self.new_comments, 'new or changed comment')}, "
            f"{counted(self.sources_added, 'source')} added"
        )
        if self.kept_file:
            text += "; the kept .docx is this one"
        if self.uncovered:
            text += f"; {self.uncovered} of them on no claim (add the claim to attach it)"
        if self.gone:
            text += f"; {counted(self.gone, 'earlier comment')} no longer in it (sources kept)"
        return text


@dataclass(frozen=True, slots=True)
class UpdateDraftComments(Change[DraftUpdate]):
    """A draft whose text is stored already, brought again with new or changed comments:
    each new comment becomes sources of the claims it covers (as at import), and the new
    .docx is the one kept (the Word copy is built on it). Earlier comments' sources are
    never removed. An .odt (`original` empty) is kept only as its comments' sources: the
    caller gives only the comments not stored yet. Not undoable, as an import is not."""

    actions: ClassVar[tuple[str, ...]] = ("import_draft_comments",)
    undoable: ClassVar[bool] = False
    article_id: int
    comments: Sequence[DraftComment]
    original: bytes

    def apply(self, ctx: ChangeContext) -> DraftUpdate:
        from factcheck_tui.core.db.drafts import (
            DOCX_MEDIA_TYPE,
            insert_draft_sources,
            original_file,
            standing_claim_spans,
            store_original_file,
        )
        from factcheck_tui.core.db.pages import page_starts
        from factcheck_tui.core.intake.draft_annotations import draft_sources

        stored = {_key(comment) for comment in _stored_comments(ctx.conn, self.article_id)}
        fresh = [comment for comment in self.comments if _key(comment) not in stored]
        new_keys = {_key(comment) for comment in self.comments}
        spans = standing_claim_spans(ctx.conn, self.article_id)
        rows = draft_sources(spans, fresh, page_starts(ctx.conn, self.article_id))
        stamp = now()
        insert_draft_sources(ctx.conn, rows, added_by=ctx.checker, added_at=stamp)
        if self.original:
            kept = original_file(ctx.conn, self.article_id)
            name = kept[0] if kept else "draft.docx"
            store_original_file(ctx.conn, self.article_id, name, self.original, DOCX_MEDIA_TYPE)
        uncovered = sum(
            not any(annotated(start, end, [comment]) for _, start, end in spans)
            for comment in fresh
        )
        gone = len(stored - new_keys)
        update = DraftUpdate(len(fresh), len(rows), uncovered, gone, bool(self.original))
        record_event(
            ctx,
            "import_draft_comments",
            article_id=self.article_id,
            claim_id=None,
            old=None,
            new={"comments": len(fresh), "sources": len(rows)},
            batch=None,
        )
        return update
