"""One article as the editor gets it back: its text cut into paragraphs and segments at the
claims' offsets, and each claim's check written out as lines a person reads.

Shared by the Word copy (`export_docx`) and the HTML report (`export_html`), so both say the
same thing about a claim in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.records.models import Article, Claim, Fact
from factcheck_tui.core.records.verdicts import Scale
from factcheck_tui.core.records.visibility import ClaimVisibility

# Paragraphs of a stored article are separated by a blank line (ingest writes them so).
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# Characters XML 1.0 cannot hold (a .docx is XML) that printable() leaves as they are.
_XML_INVALID = re.compile("[\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text for a .docx: control characters shown as symbols (as on screen), never raw."""
    return _XML_INVALID.sub("\ufffd", printable(text))


@dataclass(frozen=True, slots=True)
class CheckedArticle:
    article: Article
    claims: tuple[Claim, ...]  # shown claims of the article, in reading order
    scale: Scale

    def is_checked(self, claim: Claim) -> bool:
        return self.scale.verdict(claim.status).kind != "open"


def load_checked_article(desk: ExportedDesk, article_id: int | None) -> CheckedArticle:
    """The article to export: the one asked for, else the desk's only article (a Word copy or a
    report is of one story; a desk of several needs `--article`)."""
    if article_id is None:
        articles = desk.list_articles()
        if len(articles) != 1:
            raise FactcheckError(
                "this export is of one article: choose it with --article ID "
                f"(the desk has {len(articles)}; `factcheck status` lists them)"
            )
        article_id = articles[0].id
    article = desk.article(article_id)
    body_length = len(article.body)
    claims = tuple(
        claim
        for claim in desk.claims(article_id)
        if claim.dismissed == ClaimVisibility.SHOWN and 0 <= claim.start < claim.end <= body_length
    )
    return CheckedArticle(article, claims, desk.scale)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    claims: tuple[int, ...]  # indexes (into CheckedArticle.claims) of the claims covering it


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    segments: tuple[Segment, ...]


def paragraphs(
    body: str, claims: Sequence[Claim], more_cuts: Sequence[int] = ()
) -> list[Paragraph]:
    """The body's paragraphs, each cut at every claim start and end inside it (and at
    `more_cuts`: where the facts a Word copy comments on start and end).

    Linear in the body plus the claims (one sweep over sorted boundaries)."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(body):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(body)))
    cuts = sorted({c.start for c in claims} | {c.end for c in claims} | set(more_cuts))
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for index, claim in enumerate(claims):
        starts.setdefault(claim.start, []).append(index)
        ends.setdefault(claim.end, []).append(index)
    open_claims: set[int] = set()
    cut_index = 0
    result: list[Paragraph] = []
    # Claims that began in an earlier paragraph (or its break) are still open here.
    for para_start, para_end in bounds:
        while cut_index < len(cuts) and cuts[cut_index] <= para_start:
            offset = cuts[cut_index]
            open_claims -= set(ends.get(offset, ()))
            open_claims |= set(starts.get(offset, ()))
            cut_index += 1
        segments: list[Segment] = []
        position = para_start
        while position < para_end:
            next_cut = cuts[cut_index] if cut_index < len(cuts) else para_end
            end = min(next_cut, para_end)
            if end > position:
                segments.append(Segment(position, end, tuple(sorted(open_claims))))
            position = end
            if next_cut <= para_end and cut_index < len(cuts):
                open_claims -= set(ends.get(next_cut, ()))
                open_claims |= set(starts.get(next_cut, ()))
                cut_index += 1
        if para_end > para_start:
            result.append(Paragraph(para_start, para_end, tuple(segments)))
    return result


def check_lines(
    claim: Claim, scale: Scale, *, draft_comments: bool = True
) -> Iterator[tuple[str, str]]:
    """The claim's check as (label, text) pairs, in the order an editor reads them: verdict
    and who, the correction, the note, sources (worded as the CSV words them), linked
    fact-checks. An empty label continues the list above it. `draft_comments=False` leaves
    out what the writer's own draft comments gave as sources, the comment and every link in
    it (in the writer's document they are already there, beside ours)."""
    verdict = scale.verdict(claim.status)
    if verdict.kind == "open":
        yield "Verdict", "not checked"
    else:
        who = f" — {printable(claim.checker)}" if claim.checker else ""
        when = f", {readable_time(claim.checked_at)}" if claim.checked_at else ""
        yield "Verdict", f"{verdict.label}{who}{when}"
    if claim.correction:
        yield "Suggested correction", claim.correction
    if claim.reworded:
        yield "Reworded as", claim.text
    if claim.note:
        yield "Note", claim.note
    if claim.dispute is not None:
        yield "Dispute", claim.dispute.describe()
    if claim.facts:
        checked = len(claim.facts) - claim.facts_left
        left = [fact.text for fact in claim.facts if not fact.checked]
        yield (
            "Facts",
            f"{checked} of {len(claim.facts)} checked"
            + (f"; left: {'; '.join(left)}" if left else ""),
        )
    sources = [
        s for s in claim.sources if (draft_comments or not s.from_draft) and s.fact_id is None
    ]
    for number, source in enumerate(sources):
        yield "Sources" if number == 0 else "", source.describe()
    for number, report in enumerate(claim.linked_reports):
        where = " ".join(part for part in (report.publisher, report.url) if part)
        yield (
            "Linked fact-checks" if number == 0 else "",
            f"{report.rating or 'unrated'} — {where}".rstrip(" —"),
        )


def check_text(claim: Claim, scale: Scale, *, draft_comments: bool = True) -> str:
    """The claim's check as plain lines (a Word comment's paragraphs)."""
    lines = []
    for label, text in check_lines(claim, scale, draft_comments=draft_comments):
        lines.append(f"{label}: {text}" if label else f"  {text}")
    return "\n".join(lines)


def has_own_comment(claim: Claim, fact: Fact) -> bool:
    """A fact the Word copy comments on its own words: checked, noted, sourced or disputed."""
    return (
        fact.checked
        or bool(fact.note)
        or fact.dispute is not None
        or bool(claim.fact_sources(fact.id))
    )


def fact_check_text(claim: Claim, fact: Fact) -> str:
    """A fact's own comment: `Fact “26 terror fanatics”: unverified — ann, …`, its note,
    its sources (with where in them) and its dispute."""
    who = f" — {printable(fact.checker)}" if fact.checker and fact.checked else ""
    when = f", {readable_time(fact.checked_at)}" if fact.checked_at else ""
    lines = [f"Fact “{fact.text}”: {fact.status}{who}{when}"]
    if fact.revision_state == "changed":
        lines.append(f"Changed since the previous draft (was “{fact.previous_text}”)")
    if fact.note:
        lines.append(f"Note: {fact.note}")
    lines.extend(f"Source: {source.describe()}" for source in claim.fact_sources(fact.id))
    if fact.dispute is not None:
        lines.append(f"Dispute: {fact.dispute.describe()}")
    return "\n".join(lines)


def readable_time(stamp: str) -> str:
    """`2026-07-14T09:30:00.000Z` as `2026-07-14 09:30 UTC` (stored times are UTC)."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp
