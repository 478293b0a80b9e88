"""Why a report, an earlier check or a desk hit matched, in one wording: the reasons a
checker reads under prior reports, earlier checks and desk-search hits are built here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck_tui.core.matching.anchors import figure_pairs
from factcheck_tui.core.matching.query import Candidate
from factcheck_tui.core.matching.reranking import MIN_STRONG_WORDS
from factcheck_tui.core.matching.same_claim import STRONG_THRESHOLD, SUGGEST_THRESHOLD
from factcheck_tui.core.records.models import Report
from factcheck_tui.core.text.search_terms import content_stems, term

# Shared words listed in a reason; more are shown as " …".
WORDS_SHOWN = 12
# Close spellings listed in a reason.
SPELLINGS_SHOWN = 4
WEAK = f"weak: under the suggestion line ({SUGGEST_THRESHOLD:.0f}% likely the same claim)"


@dataclass(frozen=True, slots=True)
class Suggestion(Report):
    """A prior report that may already check the claim, and why."""

    score: float = 0.0
    strong: bool = False
    reasons: tuple[str, ...] = ()
    shared_words: tuple[str, ...] = ()
    numbers_agree: tuple[str, ...] = ()
    numbers_disagree: tuple[tuple[str, str], ...] = ()
    # Under the suggestion line (SUGGEST_THRESHOLD): listed folded, never linked unasked.
    weak: bool = False
    # Why the model's rating over the line was held under it ("matched on one name only
    # (osama bin laden)", "claim not in English"; matching/anchors.py), "" when it was not.
    held: str = ""

    @property
    def why(self) -> str:
        """The reasons as one line."""
        return "; ".join(self.reasons)


def held(reason: str) -> str:
    """`held under the line: matched on one name only (osama bin laden)`"""
    return f"held under the line: {reason}"


def shared_words(words: Sequence[str]) -> str:
    """`3 shared words: strike, syria, killed`"""
    shown = ", ".join(words[:WORDS_SHOWN]) + (" …" if len(words) > WORDS_SHOWN else "")
    return f"{len(words)} shared word{'s' if len(words) != 1 else ''}: {shown}"


def close_spellings(near: Sequence[tuple[str, str]]) -> str:
    """`close spelling: megan ~ megyn`"""
    return "close spelling: " + ", ".join(f"{a} ~ {b}" for a, b in near[:SPELLINGS_SHOWN])


def numbers_agree(figures: Sequence[str]) -> str:
    return "numbers agree: " + ", ".join(figures)


def numbers_disagree(
    pairs: Sequence[tuple[str, str]], *, here: str = "here", there: str = "in the report"
) -> str:
    """`numbers disagree: 45 here, 54 in the report` (where each figure stands, as the
    reader sees it: "searched" and "here" for a desk-search hit)."""
    return "numbers disagree: " + figure_pairs(pairs, here=here, there=there)


def spellings_and_figures(
    candidate: Candidate, *, here: str = "here", there: str = "in the report", lowered: bool = False
) -> list[str]:
    """The close spellings a candidate was found by, and the figures it agrees and disagrees
    on (`lowered`: the score was lowered for them)."""
    reasons = [close_spellings(candidate.near)] if candidate.near else []
    if candidate.agree:
        reasons.append(numbers_agree(candidate.agree))
    if candidate.disagree:
        disagree = numbers_disagree(candidate.disagree, here=here, there=there)
        reasons.append(f"{disagree} (score lowered)" if lowered else disagree)
    return reasons


def suggestion(candidate: Candidate) -> Suggestion:
    """A scored candidate as the suggestion a checker reads, its reasons and strength."""
    words_shared = tuple(dict.fromkeys(candidate.shared))
    reasons = [shared_words(words_shared)] if words_shared else []
    reasons += _where(candidate, words_shared)
    reasons += spellings_and_figures(candidate, lowered=True)
    strong = candidate.probability >= STRONG_THRESHOLD
    weak = candidate.probability < SUGGEST_THRESHOLD
    if candidate.held:  # first: the one thing a checker needs to read about it
        reasons.insert(0, held(candidate.held))
    elif weak:
        reasons.append(WEAK)
    if strong and len(words_shared) < MIN_STRONG_WORDS:
        strong = False
        reasons.append(f"not strong: {len(words_shared)} shared words, {MIN_STRONG_WORDS} needed")
    if strong and candidate.disagree:
        strong = False
        reasons.append("not strong: the numbers disagree")
    return Suggestion(
        report_id=candidate.report_id,
        external_id=candidate.external_id,
        claim_text=candidate.claim_text,
        rating=candidate.rating,
        publisher=candidate.publisher,
        url=candidate.url,
        date=candidate.date,
        score=round(candidate.probability, 1),
        strong=strong,
        reasons=tuple(reasons),
        title=candidate.title,
        shared_words=words_shared,
        numbers_agree=tuple(candidate.agree),
        numbers_disagree=tuple(candidate.disagree),
        weak=weak,
        held=candidate.held,
    )


def _where(candidate: Candidate, words_shared: Sequence[str]) -> list[str]:
    """Whether the shared words are in the report's claim, its title or both."""
    claim_terms = set(content_stems(candidate.claim_text))
    title_terms = set(content_stems(candidate.title)) if candidate.title else set()
    in_claim = any(term(w) in claim_terms for w in words_shared)
    in_title = any(term(w) in title_terms for w in words_shared)
    if in_claim and in_title:
        return ["matches the report's claim and title"]
    if in_title:
        return ["matches the report's title"]
    if in_claim:
        return ["matches the report's claim"]
    return []
