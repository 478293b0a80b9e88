"""A claim as the matcher sees it (`analyse`), and a report being scored (`Candidate`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck_tui.core.text.folding import words
from factcheck_tui.core.text.numbers import Figure, numbers
from factcheck_tui.core.text.pasted import split_pasted
from factcheck_tui.core.text.search_terms import STOPWORDS, term


@dataclass(frozen=True, slots=True)
class Query:
    """A claim as the matcher sees it."""

    text: str
    terms: tuple[str, ...]
    surface: dict[str, str]
    figures: tuple[Figure, ...]
    # The terms of the claim itself, without a pasted tweet's attribution (who posted it).
    body_terms: tuple[str, ...] = ()


@dataclass(slots=True)
class Candidate:
    """A report being scored; `features` are what the score is made of (for tuning)."""

    report_id: int
    external_id: str
    claim_text: str
    title: str
    rating: str
    publisher: str
    url: str
    date: str
    terms: list[str]
    features: dict[str, float] = field(default_factory=dict)
    shared: list[str] = field(default_factory=list)
    agree: list[str] = field(default_factory=list)
    disagree: list[tuple[str, str]] = field(default_factory=list)
    near: list[tuple[str, str]] = field(default_factory=list)
    score: float = 0.0
    folded: str = ""  # claim and title through text.folding.fold, computed once
    # True when the candidate shares too few words to be a suggestion at all, even weak.
    ruled_out: bool = False
    # How likely it checks the same claim, 0–100 (same_claim.py), and what that was read
    # from; 0 for a candidate not judged.
    probability: float = 0.0
    judged: dict[str, float] = field(default_factory=dict)
    # Why the model's rating over the suggestion line was held under it ("" when it was not):
    # "matched on one name only (osama bin laden)", "claim not in English" (anchors.py).
    held: str = ""


def analyse(text: str) -> Query:
    """Clean a claim and cut it into search terms (first spelling of each kept for display).
    Figures are read from the claim itself, not from a tweet's date line."""
    body, attribution = split_pasted(text)
    cleaned = f"{body} {attribution}".strip()
    surface: dict[str, str] = {}
    terms: list[str] = []
    for word in words(cleaned):
        if word in STOPWORDS:
            continue
        stemmed = term(word)
        if stemmed not in surface:
            surface[stemmed] = word
            terms.append(stemmed)
    body_terms = tuple(dict.fromkeys(term(w) for w in words(body) if w not in STOPWORDS))
    return Query(cleaned, tuple(terms), surface, tuple(numbers(body)), body_terms)


def candidate_from_row(row: Sequence[object]) -> Candidate:
    """A candidate row of a search index (id, external id, claim, title, rating, publisher,
    url, date, search terms)."""
    return Candidate(
        report_id=int(row[0]),  # type: ignore[call-overload]
        external_id=str(row[1]),
        claim_text=str(row[2]),
        title=str(row[3]),
        rating=str(row[4]),
        publisher=str(row[5]),
        url=str(row[6]),
        date=str(row[7]),
        terms=str(row[8]).split(),
    )
