"""The desk-wide search: "have we checked anything about '45 killed' this week?"

Every listed claim of every article (the latest revision of each), by its text, note,
suggested correction and sources, through the desk index (core/db/claim_search.py `DESK`)
and the same retrieval, scoring and wording of reasons as prior-report matching (match.py):
fuzzy (stems, close spellings, character n-grams) and number-aware (a hit whose figures
disagree with the query's says so). Hits scoring at least `SEARCH_MIN_SCORE` are listed
newest first (the claim's last change), so this week's work comes before last year's.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck_tui.core.db import claim_search
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.matching import reasons as why
from factcheck_tui.core.matching.match import Matcher, Reader
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.text.search_terms import content_stems

# A typed search wants anything sharing the words, not only suggestion-grade matches, but a
# hit must hold more than one word of a longer query (matching's one-word rule).
SEARCH_MIN_SCORE = 15.0
SEARCH_LIMIT = 50


@dataclass(frozen=True, slots=True)
class DeskHit:
    claim_id: int
    article_id: int
    article_title: str
    article_date: str
    status: str
    text: str
    note: str
    changed_at: str
    score: float
    # Where the query's words were found: claim, note, correction, source.
    found_in: tuple[str, ...]
    reasons: tuple[str, ...]


def search_desk(reader: Reader, text: str, limit: int = SEARCH_LIMIT) -> list[DeskHit]:
    """The claims of the desk matching `text`, newest change first."""
    query = analyse(text)
    ranked = Matcher(reader.conn, claim_search.DESK).rank(query)
    ranked = [c for c in ranked if c.score >= SEARCH_MIN_SCORE and not c.ruled_out]
    details = claim_search.details(reader.conn, [c.report_id for c in ranked])
    hits: list[DeskHit] = []
    for candidate in ranked:
        detail = details.get(candidate.report_id)
        if detail is None or detail[7] or detail[8]:  # gone, replaced by a newer draft, archived
            continue
        claim = claims_table.read_claim(reader.conn, candidate.report_id)
        if claim is None:
            continue
        shared = {t for t in query.terms if t in set(candidate.terms)}
        if not shared and not candidate.near:  # spelled-alike grams alone are not a hit
            continue
        fields = {
            "claim": claim.text,
            "note": claim.note,
            "correction": str(getattr(claim, "correction", "") or ""),
            "source": "\n".join(source.reference for source in claim.sources),
        }
        # The query's terms, and the words they were found as (a close spelling).
        wanted = shared | {b for _, b in candidate.near}
        found_in = tuple(
            name for name, value in fields.items() if value and wanted & set(content_stems(value))
        )
        words = [query.surface[t] for t in query.terms if t in shared]
        reasons = [why.shared_words(words)] if words else []
        reasons += why.spellings_and_figures(candidate, here="searched", there="here")
        hits.append(
            DeskHit(
                claim_id=claim.id,
                article_id=claim.article_id,
                article_title=printable(detail[1]),
                article_date=detail[6],
                status=claim.status,
                text=claim.text,
                note=claim.note,
                changed_at=candidate.date,
                score=round(candidate.score, 1),
                found_in=found_in,
                reasons=tuple(reasons),
            )
        )
    hits.sort(key=lambda hit: (hit.changed_at, hit.article_date, hit.claim_id), reverse=True)
    return hits[:limit]
