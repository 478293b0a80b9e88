"""The writer's comments in a Word draft become sources of the claims whose text they cover.

A comment covers the claims its anchor overlaps (a comment anchored at a point covers the
claim around that point). Each covered claim gets one source of kind "draft" (the comment's
text, "from the draft", with its author and date) and one "url" source per URL in the
comment; both are marked `origin = "draft"`: the writer's word for where a fact comes from,
which the checker still has to consult. So they are listed and exported like any source but
do not count toward a desk rule's independent sources (core/records/verdicts.py). In a
paginated draft (an ODT that records its pages) each says where it is: "p. 4".

A sentence the writer annotated is a claim even when the extractor would not have picked it:
the annotation says it is a fact with a source.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from factcheck_tui.core.records.models import DraftSource

if TYPE_CHECKING:
    from factcheck_tui.core.intake.word_draft import DraftComment

ANNOTATED_REASON = "the writer annotated it in the draft"


def covers(comment: DraftComment, start: int, end: int) -> bool:
    """Whether the comment's anchor overlaps the text start..end."""
    if comment.start == comment.end:
        return start <= comment.start < end or comment.start == end > start
    return comment.start < end and comment.end > start


def page_locator(pages: Sequence[int], offset: int) -> str:
    """ "p. 4" for a body offset on page 4 of an article whose pages begin at `pages`; ""
    for an article without pages."""
    return f"p. {bisect.bisect_right(pages, offset)}" if pages else ""


def draft_sources(
    claims: Sequence[tuple[int, int, int]],
    comments: Sequence[DraftComment],
    pages: Sequence[int] = (),
) -> list[DraftSource]:
    """Sources for (claim id, start, end) claims from the comments that cover them, in the
    comments' order (a point comment attaches to one claim only: the first around it); each
    located on the page its anchor begins on when the draft has `pages`."""
    rows: list[DraftSource] = []
    ordered = sorted(claims, key=lambda claim: (claim[1], claim[2]))
    for comment in comments:
        covered = [claim for claim in ordered if covers(comment, claim[1], claim[2])]
        if comment.start == comment.end:
            covered = covered[:1]
        where = page_locator(pages, comment.start)
        by, at = comment.author, comment.written_at
        for claim_id, _, _ in covered:
            if comment.text:
                rows.append(DraftSource(claim_id, "draft", comment.text, by, at, where))
            rows.extend(DraftSource(claim_id, "url", url, by, at, where) for url in comment.urls)
    return rows


def annotated(start: int, end: int, comments: Sequence[DraftComment]) -> bool:
    return any(covers(comment, start, end) for comment in comments)


def keep_draft(
    conn: sqlite3.Connection,
    article_id: int,
    claims: Sequence[tuple[int, int, int]],
    comments: Sequence[DraftComment],
    original: bytes,
    *,
    source_name: str,
    added_by: str,
    added_at: str,
    pages: Sequence[int] = (),
) -> None:
    """Inside the import's transaction: the comments as sources of the (id, start, end)
    claims they cover, the original .docx bytes kept with the article, and where each page
    of a paginated file begins (core/db/pages.py)."""
    if pages:
        from factcheck_tui.core.db.pages import store_pages

        store_pages(conn, article_id, pages)
    if not comments and not original:
        return
    from factcheck_tui.core.db.drafts import (
        DOCX_MEDIA_TYPE,
        insert_draft_sources,
        store_original_file,
    )

    insert_draft_sources(
        conn, draft_sources(claims, comments, pages), added_by=added_by, added_at=added_at
    )
    if original:
        file_name = PurePath(source_name).name or "draft.docx"
        store_original_file(conn, article_id, file_name, original, DOCX_MEDIA_TYPE)
