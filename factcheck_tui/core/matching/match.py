"""Find the prior fact-checks a claim may already have: `match(store, text)`.

How (each step measured in benchmarks/matching_eval.py and benchmarks/matching_speed.py):

1. The claim is cleaned like any pasted text (links, handles, hashtags, an embedded tweet's
   tail; see `text.pasted.split_pasted`) and cut into search terms: folded, stemmed, stopwords
   dropped. A long word no report contains is tried as two words the reports know
   (`georgesoros` → `george soros`), and two words as one (`air strike` → `airstrike`).
2. Candidates come from SQLite FTS5 over `reports.norm_text`, never from loading every
   report into Python. The FTS query ORs the claim's terms from the rarest up, within a budget
   of posting-list entries (the common terms' long lists are what make a full OR query slow
   at a million reports). Short lists are ranked by FTS5's bm25; long ones by the sum of the
   matched terms' idf (eight times cheaper a posting), then by BM25 in Python. Up to
   `FULL_SCAN_MAX` reports every report is a candidate.
3. Each candidate gets a 0–100 score, from term statistics kept in `report_terms`: Okapi BM25
   over all the claim's terms divided by the claim's own weight (so a score means the same
   across claims), BM25 against the report's title alone, the share of the claim's character
   4-grams the report holds (spelling variants stemming misses: Megan / Megyn), and
   rapidfuzz's ratio for words spelled nearly alike. Figures are compared: when the claim
   and the report state numbers of the same kind that disagree (54 killed / 45 killed) the
   score is lowered by `NUMBER_PENALTY` and the reasons say so.
4. A suggestion is *strong* at `STRONG_THRESHOLD` and above, and only when it shares at least
   `MIN_STRONG_WORDS` words with the claim and no figure disagrees.

Retrieval is in retrieval.py, the score in reranking.py, the reasons in reasons.py. Only
reads, through a search index of core/db/ on a connection: safe in a worker thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Protocol

from factcheck_tui.core.db.search_index import REPORTS, SearchIndex
from factcheck_tui.core.matching.query import Candidate, Query, analyse
from factcheck_tui.core.matching.reasons import Suggestion, suggestion
from factcheck_tui.core.matching.reranking import rerank
from factcheck_tui.core.matching.retrieval import Retriever, SearchLimits
from factcheck_tui.core.matching.same_claim import (
    JUDGED,
    SUGGEST_THRESHOLD,
    WEAK_FLOOR,
    SameClaimModel,
    judge,
)


class Reader(Protocol):
    """What matching reads a desk through (a `Store` is one): its connection."""

    @property
    def conn(self) -> sqlite3.Connection: ...


def match(
    reader: Reader, claim_text: str, k: int = 5, *, min_score: float = SUGGEST_THRESHOLD
) -> list[Suggestion]:
    """The `k` best prior reports for a claim at least `min_score` likely (0–100) to check the
    same claim, best first."""
    return Matcher(reader.conn).match(claim_text, k, min_score=min_score)


def match_with_weak(reader: Reader, claim_text: str, k: int = 5) -> list[Suggestion]:
    """The `k` best prior reports, those under the suggestion line marked `weak` (retrieval
    score down to WEAK_FLOOR; never one sharing too few words), best first."""
    return Matcher(reader.conn).match_with_weak(claim_text, k)


def search_reports(reader: Reader, text: str, k: int, *, min_score: float) -> list[Suggestion]:
    """A search of the prior reports (`R`): the `k` best by retrieval score (how much of the
    searched words they hold) at least `min_score`, each with its same-claim probability."""
    return Matcher(reader.conn).search(text, k, min_score=min_score)


def match_many(
    reader: Reader, claims: Iterable[str], k: int = 5, *, min_score: float = SUGGEST_THRESHOLD
) -> Iterator[list[Suggestion]]:
    """`match` for each claim in turn, sharing one reader (for batches)."""
    matcher = Matcher(reader.conn)
    for text in claims:
        yield matcher.match(text, k, min_score=min_score)


def rank_many(reader: Reader, claims: Iterable[str], k: int = 5) -> Iterator[list[Suggestion]]:
    """For each claim, the `k` best candidates whatever their probability (weak ones marked):
    what an evaluation run keeps."""
    matcher = Matcher(reader.conn)
    for text in claims:
        yield [suggestion(c) for c in matcher.judged(analyse(text))[:k]]


def listed(candidate: Candidate) -> bool:
    """Whether a judged candidate is shown at all: over the suggestion line, or under it with
    a retrieval score of at least WEAK_FLOOR; never one sharing too few words."""
    if candidate.ruled_out:
        return False
    return candidate.probability >= SUGGEST_THRESHOLD or candidate.score >= WEAK_FLOOR


class Matcher:
    """Matches claims against one corpus in one connection (read-only use): prior reports
    (`REPORTS`, the default) or the desk's own claims (core/db/claim_search.py,
    `Matcher(conn, claim_search.CHECKED)`): the same retrieval, the same scores."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        index: SearchIndex = REPORTS,
        *,
        limits: SearchLimits | None = None,
        model: SameClaimModel | None = None,
    ) -> None:
        self.limits = limits or SearchLimits()
        self.retriever = Retriever(conn, index, self.limits)
        self.model = model

    def match(
        self, claim_text: str, k: int = 5, *, min_score: float = SUGGEST_THRESHOLD
    ) -> list[Suggestion]:
        ranked = self.judged(analyse(claim_text))
        return [suggestion(c) for c in ranked[:k] if c.probability >= min_score and not c.ruled_out]

    def match_with_weak(
        self, claim_text: str, k: int = 5, *, exclude: frozenset[int] = frozenset()
    ) -> list[Suggestion]:
        """The `k` best, the weak ones (under SUGGEST_THRESHOLD, retrieval score at least
        WEAK_FLOOR) marked."""
        ranked = self.judged(analyse(claim_text), exclude=exclude)
        shown = [c for c in ranked if listed(c)]
        return [suggestion(c) for c in shown[:k]]

    def search(self, text: str, k: int, *, min_score: float) -> list[Suggestion]:
        query = analyse(text)
        ranked, docs, df = self._ranked(query, None, frozenset())
        found = [c for c in ranked if c.score >= min_score and not c.ruled_out][:k]
        if found:
            judge(query, found, docs, df, self.retriever.frequencies, self.model)
        return [suggestion(c) for c in found]

    def rank(
        self,
        query: Query,
        candidates: int | None = None,
        *,
        exclude: frozenset[int] = frozenset(),
    ) -> list[Candidate]:
        """Every candidate for the query, by its retrieval score (how much of the claim's
        wording it shares), best first (ids in `exclude` left out): what a search lists."""
        return self._ranked(query, candidates, exclude)[0]

    def judged(self, query: Query, *, exclude: frozenset[int] = frozenset()) -> list[Candidate]:
        """The best candidates by retrieval score, judged by the same-claim model
        (same_claim.py): those over the suggestion line first, most likely first, then the
        others in retrieval order (the probability is a line, not a better ranking: ordered
        by it, the weak ones buried right answers the wording ranks high)."""
        ranked, docs, df = self._ranked(query, None, exclude)
        if not ranked:
            return []
        judge(query, ranked, docs, df, self.retriever.frequencies, self.model)
        judged = ranked[:JUDGED]
        over = [c for c in judged if c.probability >= SUGGEST_THRESHOLD]
        over.sort(key=lambda c: (-c.probability, -c.score, c.report_id))
        return over + [c for c in judged if c.probability < SUGGEST_THRESHOLD]

    def _ranked(
        self, query: Query, candidates: int | None, exclude: frozenset[int]
    ) -> tuple[list[Candidate], int, dict[str, int]]:
        found = self.retriever.retrieve(
            query, self.limits.candidates if candidates is None else candidates, exclude
        )
        if found is None:
            return [], 0, {}
        scored, terms, (docs, avgdl, df) = found
        rerank(query, terms, scored, docs, avgdl, df)
        scored.sort(key=lambda c: (-c.score, c.report_id))
        return scored, docs, df
