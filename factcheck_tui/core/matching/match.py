"""Find the prior fact-checks a claim may already have: `match(store, text)`.

How (each step measured in benchmarks/matching_eval.py and benchmarks/matching_speed.py):

1. The claim is cleaned like any pasted text (links, handles, hashtags, an embedded tweet's
   tail; see `normalize.split_pasted`) and cut into search terms: folded, stemmed, stopwords
   dropped. A long word no report contains is tried as two words the reports know
   (`georgesoros` → `george soros`), and two words as one (`air strike` → `airstrike`).
2. Candidates come from SQLite FTS5 over `reports.norm_text`, never from loading every
   report into Python. The FTS query ORs the claim's terms from the rarest up, within a budget
   of posting-list entries (the common terms' long lists are what make a full OR query slow
   at a million reports). Short lists are ranked by FTS5's bm25; long ones by the sum of the
   matched terms' idf in SQL (four times cheaper a row), then by BM25 in Python. Up to
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

Only reads, through core/db/reports.py on `store.conn` (or any sqlite3 connection): safe in a
worker thread.
"""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from factcheck_tui.core.db import reports as reports_table
from factcheck_tui.core.records.models import Report
from factcheck_tui.core.text.normalize import (
    STOPWORDS,
    WORD_PATTERN,
    Figure,
    content_stems,
    fold,
    numbers,
    numbers_in_folded,
    split_pasted,
    term,
    words,
)

if TYPE_CHECKING:
    from factcheck_tui.core.store import Store

# ----------------------------------------------------------------- tuned constants
# Okapi BM25 parameters (FTS5's own defaults; k1 and b barely moved MAP on the train split).
K1 = 1.2
B = 0.75
# Candidates scored in Python per claim.
CANDIDATES = 100
# Up to this many reports, every report is a candidate (no FTS query; it also catches a
# report sharing no exact word). Beyond, FTS is faster: median 9 ms against 12 ms for scoring
# all of 300 reports, 14 against 18 ms at 1,000, 20 against 114 ms at 10,000.
FULL_SCAN_MAX = 100
# Which reports FTS5 finds (see Matcher._candidates), chosen at a million reports in
# benchmarks/matching_speed.py so that a claim stays well under 50 ms.
POSTINGS_BUDGET = 60_000
MIN_QUERY_TERMS = 3
BM25_POSTINGS = 20_000
PRESELECT = 300
# Score weights, fitted on the CheckThat! 2020 task 2 *train* split (5-fold cross-validation
# chose the features, coordinate ascent the weights: benchmarks/matching_eval.py --tune).
WEIGHT_BM25 = 1.0
WEIGHT_TITLE = 0.3
WEIGHT_SPELLING = 0.2
WEIGHT_CHARGRAMS = 0.5
# The weighted sum at which the score is 50.
SCORE_HALF = 0.5
# Points taken off when the claim's figures and the report's disagree. Kept small: on the
# train split the right report disagrees on a figure six times as often as a wrong candidate
# does (a fact-check often exists *because* a figure is wrong), and every larger penalty cost
# MAP there. Disagreeing figures also rule out "strong".
NUMBER_PENALTY = 5.0
# A word that missed counts as a near spelling at this rapidfuzz ratio or above.
SPELLING_CUTOFF = 80.0
# Character n-grams compared (4 beat 3 and 5 in cross-validation on train).
GRAM_SIZE = 4
# Typical number of search terms in a report's title (BM25 length normalisation of titles).
TITLE_AVG_TERMS = 8.0
# Thresholds on the 0–100 score, read off the train split (benchmarks/matching_eval.py
# prints them for any split): at 35, 9 in 10 right reports are still shown; at 65 the best
# suggestion was the right report 99 times in 100, and the best *wrong* candidate reached it
# for 4 claims in 100.
SUGGEST_THRESHOLD = 35.0
STRONG_THRESHOLD = 65.0
# Below the line, candidates down to this score are still listed, folded and marked weak (on
# held-out tweet sets the right report is in the top 5 but under 35 for about 1 query in 20,
# at 31–35). Under it a candidate shares little more than a word or two.
WEAK_FLOOR = 20.0
MIN_STRONG_WORDS = 8
# A claim of more words than this needs as many shared with a report to be suggested.
MIN_SUGGEST_WORDS = 2
# Unknown long words tried as two known words (and pairs of words as one) from this length.
SPLIT_MIN_LENGTH = 7


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

    @property
    def why(self) -> str:
        """The reasons as one line."""
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Query:
    """A claim as the matcher sees it."""

    text: str
    terms: tuple[str, ...]
    surface: dict[str, str]
    figures: tuple[Figure, ...]


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
    folded: str = ""  # claim and title through normalize.fold, computed once
    # True when the candidate shares too few words to be a suggestion at all, even weak.
    ruled_out: bool = False


# ------------------------------------------------------------------------- public API
def match(
    store: Store, claim_text: str, k: int = 5, *, min_score: float = SUGGEST_THRESHOLD
) -> list[Suggestion]:
    """The `k` best prior reports for a claim scoring at least `min_score`, best first."""
    return Matcher(store.conn).match(claim_text, k, min_score=min_score)


def match_with_weak(store: Store, claim_text: str, k: int = 5) -> list[Suggestion]:
    """The `k` best prior reports, those under the suggestion line marked `weak` (down to
    WEAK_FLOOR; never one sharing too few words), best first."""
    return Matcher(store.conn).match_with_weak(claim_text, k)


def match_many(
    store: Store, claims: Iterable[str], k: int = 5, *, min_score: float = SUGGEST_THRESHOLD
) -> Iterator[list[Suggestion]]:
    """`match` for each claim in turn, sharing one reader (for batches)."""
    matcher = Matcher(store.conn)
    for text in claims:
        yield matcher.match(text, k, min_score=min_score)


def rank_many(store: Store, claims: Iterable[str], k: int = 5) -> Iterator[list[Suggestion]]:
    """For each claim, the `k` best candidates whatever their score (weak ones marked): what
    an evaluation run keeps."""
    matcher = Matcher(store.conn)
    for text in claims:
        ranked = matcher.rank(analyse(text))
        yield [_suggestion(c) for c in ranked[:k]]


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
    return Query(cleaned, tuple(terms), surface, tuple(numbers(body)))


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH string that searches each term literally: every term is quoted, so
    `AND`, `NEAR`, `*`, `"` or parentheses in a claim are words, never operators."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


@dataclass(frozen=True, slots=True)
class SearchLimits:
    """How much work one claim may cost: posting-list entries read, reports scored in Python.
    The defaults were chosen at a million reports; a smaller corpus read the same way would
    read most of itself (see `CHECKED_LIMITS`)."""

    candidates: int = CANDIDATES
    postings_budget: int = POSTINGS_BUDGET
    bm25_postings: int = BM25_POSTINGS
    preselect: int = PRESELECT


# The desk's own checked claims (tens of thousands, not a million): about the same share of
# the corpus read per claim as at a million reports, and fewer candidates scored in Python
# (the reranking is what holds the GIL). At 50,000 checked claims (benchmarks/
# matching_speed.py --desk) the earlier checks of a claim took 78 ms with the report limits,
# 20 ms with these; on benchmarks/earlier_eval.py recall@5 is 0.863 at 60 candidates as at 100
# (0.848 at 40).
CHECKED_LIMITS = SearchLimits(
    candidates=60, postings_budget=6_000, bm25_postings=2_000, preselect=180
)


class Matcher:
    """Matches claims against one corpus in one connection (read-only use): prior reports
    (core/db/reports.py, the default) or the desk's own checked claims
    (core/db/claim_search.py, `Matcher(conn, claim_search.CHECKED)`): the same retrieval, the same
    scores."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        table: Any = reports_table,
        *,
        limits: SearchLimits | None = None,
    ) -> None:
        self.conn = conn
        self.table = table
        self.limits = limits or SearchLimits()
        # True when the database has no search index (made before it): every report is read.
        self._no_index = False

    # ------------------------------------------------------------------ top level
    def match(
        self, claim_text: str, k: int = 5, *, min_score: float = SUGGEST_THRESHOLD
    ) -> list[Suggestion]:
        query = analyse(claim_text)
        ranked = self.rank(query)
        return [_suggestion(c) for c in ranked[:k] if c.score >= min_score]

    def match_with_weak(
        self, claim_text: str, k: int = 5, *, exclude: frozenset[int] = frozenset()
    ) -> list[Suggestion]:
        """The `k` best, the weak ones (under SUGGEST_THRESHOLD, at least WEAK_FLOOR) marked."""
        ranked = self.rank(analyse(claim_text), exclude=exclude)
        return [_suggestion(c) for c in ranked[:k] if c.score >= WEAK_FLOOR and not c.ruled_out]

    def rank(
        self,
        query: Query,
        candidates: int | None = None,
        *,
        exclude: frozenset[int] = frozenset(),
    ) -> list[Candidate]:
        """Every candidate for the query, scored, best first (ids in `exclude` left out)."""
        if candidates is None:
            candidates = self.limits.candidates
        if not query.terms:
            return []
        stats = self._stats(query.terms)
        if stats is None:
            return []
        docs, avgdl, df = stats
        terms = self._expand(query, df)
        rows = self._candidates(terms, docs, df, len(exclude))
        if exclude:
            rows = [row for row in rows if row[0] not in exclude]
        if not rows:
            return []
        scored = [_candidate(row) for row in rows]
        if len(scored) > candidates:  # a pre-selection (or every report): keep the best by BM25
            weights = {t: _idf(docs, df.get(t, 0)) for t in query.terms}

            def weight(candidate: Candidate) -> tuple[float, int]:
                return (-_bm25(weights, candidate.terms, avgdl), candidate.report_id)

            scored = sorted(scored, key=weight)[:candidates]
        self._score(query, terms, scored, docs, avgdl, df)
        scored.sort(key=lambda c: (-c.score, c.report_id))
        return scored

    # --------------------------------------------------------------- statistics
    def _stats(self, terms: Sequence[str]) -> tuple[int, float, dict[str, int]] | None:
        try:
            df = self._df([*terms, " docs", " terms"])
        except sqlite3.OperationalError:  # a database made before the search index
            return self._scan_stats()
        docs = df.pop(" docs", 0)
        total = df.pop(" terms", 0)
        if docs <= 0:
            return None
        return docs, max(total / docs, 1.0), df

    def _df(self, terms: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        if self._no_index:  # every term was counted by _scan_stats
            return found
        found.update(self.table.term_frequencies(self.conn, terms))
        return found

    def _scan_stats(self) -> tuple[int, float, dict[str, int]] | None:
        """Term statistics counted from every report (no `report_terms` table)."""
        counts: Counter[str] = Counter()
        docs = total = 0
        for norm in self.table.norm_texts(self.conn):
            found = norm.split()
            counts.update(set(found))
            docs += 1
            total += len(found)
        self._no_index = True
        if not docs:
            return None
        return docs, max(total / docs, 1.0), dict(counts)

    def _expand(self, query: Query, df: dict[str, int]) -> list[str]:
        """The query's terms plus splits of unknown long words and joins of word pairs that
        the reports know (`georgesoros` → `george`, `soros`; `air strike` → `airstrike`)."""
        terms = list(query.terms)
        surface = query.surface
        splits: list[list[tuple[str, str]]] = []
        for t in terms:
            word = surface[t]
            if df.get(t, 0) or len(word) < SPLIT_MIN_LENGTH or not word.isalpha():
                continue
            splits.append(
                [
                    (word[:cut], word[cut:])
                    for cut in range(3, len(word) - 2)
                    if word[:cut] not in STOPWORDS and word[cut:] not in STOPWORDS
                ]
            )
        joins = [
            (surface[a] + surface[b], term(surface[a] + surface[b]))
            for a, b in itertools.pairwise(query.terms)
            if len(surface[a]) + len(surface[b]) >= SPLIT_MIN_LENGTH
            and surface[a].isalpha()
            and surface[b].isalpha()
        ]
        wanted = {term(piece) for options in splits for pair in options for piece in pair}
        wanted.update(joined for _, joined in joins)
        wanted -= df.keys()
        if wanted:
            df.update(self._df(wanted))
        for options in splits:
            known = [
                (min(df.get(term(left), 0), df.get(term(right), 0)), left, right)
                for left, right in options
            ]
            known = [option for option in known if option[0] > 0]
            if known:
                _, left, right = max(known)
                for piece in (left, right):
                    if term(piece) not in terms:
                        terms.append(term(piece))
                        surface.setdefault(term(piece), piece)
        for word, joined in joins:
            if df.get(joined, 0) > 0 and joined not in terms:
                terms.append(joined)
                surface.setdefault(joined, word)
        return terms

    # --------------------------------------------------------------- candidates
    def _candidates(
        self, terms: Sequence[str], docs: int, df: dict[str, int], extra: int = 0
    ) -> list[tuple[object, ...]]:
        """Report rows worth scoring: FTS5 finds the reports holding the claim's terms.

        Terms are taken from the rarest up while their posting lists hold POSTINGS_BUDGET
        entries in all (at least MIN_QUERY_TERMS terms). When those lists are short, FTS5's
        bm25 ranks the matches (best CANDIDATES). Beyond BM25_POSTINGS, bm25's cost (it reads
        every matching report's length: ~1.3 µs a row at a million reports) is avoided:
        SQLite sums each report's matched terms' idf instead (~0.3 µs a row) and keeps the
        best PRESELECT, which `rank` cuts to CANDIDATES by BM25 in Python."""
        if docs <= FULL_SCAN_MAX or self._no_index:
            return self.table.all_match_rows(self.conn)
        known = sorted((t for t in terms if df.get(t, 0) > 0), key=lambda t: (df[t], t))
        chosen: list[str] = []
        postings = 0
        for t in known:
            if len(chosen) >= MIN_QUERY_TERMS and postings + df[t] > self.limits.postings_budget:
                break
            chosen.append(t)
            postings += df[t]
        if not chosen:
            return []
        if postings <= self.limits.bm25_postings:
            ids = self.table.fts_best(self.conn, fts_query(chosen), self.limits.candidates + extra)
        else:
            weighted = [(_idf(docs, df[t]), fts_query([t])) for t in chosen]
            ids = self.table.fts_weighted(self.conn, weighted, self.limits.preselect + extra)
        return self.table.match_rows(self.conn, ids)

    # ------------------------------------------------------------------ scoring
    def _score(
        self,
        query: Query,
        terms: Sequence[str],
        scored: list[Candidate],
        docs: int,
        avgdl: float,
        df: dict[str, int],
    ) -> None:
        def idf(t: str) -> float:
            return _idf(docs, df.get(t, 0))

        # Words added by splitting or joining count half: they stand in for words already
        # counted. Words no report contains are left out of the claim's weight: every
        # report lacks them alike (a typo, a name no report mentions).
        base = list(query.terms)
        extra = [t for t in terms if t not in query.terms]
        query_weight = sum(idf(t) for t in base if df.get(t, 0) > 0) or 1.0
        for candidate in scored:
            candidate.folded = fold(f"{candidate.claim_text}\n{candidate.title}")
        near = _near_spellings(base, scored)
        grams = _shared_grams(query.text, scored)
        for candidate, gram_share in zip(scored, grams, strict=True):
            counts = Counter(candidate.terms)
            norm = K1 * (1 - B + B * (len(candidate.terms) or 1) / avgdl)
            bm25 = 0.0
            shared: list[str] = []
            for weight, group in ((1.0, base), (0.5, extra)):
                for t in group:
                    tf = counts.get(t, 0)
                    if tf:
                        bm25 += weight * idf(t) * tf * (K1 + 1) / (tf + norm)
                        shared.append(query.surface[t])
            title_terms = Counter(content_stems(candidate.title))
            title_norm = K1 * (1 - B + B * (sum(title_terms.values()) or 1) / TITLE_AVG_TERMS)
            title_bm25 = 0.0
            for t in base:
                tf = title_terms.get(t, 0)
                if tf:
                    title_bm25 += idf(t) * tf * (K1 + 1) / (tf + title_norm)
            spelling = 0.0
            for t, hits in near.items():
                if t in counts:
                    continue
                best = max(((score, v) for v, score in hits if v in counts), default=None)
                if best:
                    spelling += idf(t) * best[0] / 100
                    candidate.near.append((query.surface[t], best[1]))
            candidate.shared = shared
            _compare_numbers(query, candidate)
            candidate.features = {
                "bm25": bm25 / query_weight,
                "title_bm25": title_bm25 / query_weight,
                "spelling": spelling / query_weight,
                "chargrams": gram_share,
                "numbers_disagree": 1.0 if candidate.disagree else 0.0,
            }
            candidate.score = combine(candidate.features)
            if len(set(shared)) < MIN_SUGGEST_WORDS and len(base) > MIN_SUGGEST_WORDS:
                # One shared word ("city") is no sign two claims say the same thing, however
                # rare the word: below the suggestion line, whatever its weight, and not
                # even a weak suggestion.
                candidate.score = min(candidate.score, SUGGEST_THRESHOLD - 1)
                candidate.ruled_out = True


def _idf(docs: int, df: int) -> float:
    """BM25's inverse document frequency (the Lucene form: never negative)."""
    return math.log(1.0 + (docs - df + 0.5) / (df + 0.5))


def _bm25(weights: dict[str, float], report_terms: Sequence[str], avgdl: float) -> float:
    """Okapi BM25 of a report for query terms weighted by their idf."""
    counts: dict[str, int] = {}
    for t in report_terms:
        if t in weights:
            counts[t] = counts.get(t, 0) + 1
    norm = K1 * (1 - B + B * (len(report_terms) or 1) / avgdl)
    return sum(weights[t] * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items())


def _near_spellings(
    query_terms: Sequence[str], scored: Sequence[Candidate]
) -> dict[str, list[tuple[str, float]]]:
    """For each query word (not a number), the candidates' words spelled nearly the same
    (rapidfuzz `ratio` ≥ SPELLING_CUTOFF, the word itself aside).

    `process.extract` per word, not `process.cdist`: cdist needs numpy, which factcheck does
    not depend on; these calls take about a millisecond per claim, too short for holding the
    GIL to matter."""
    present = {t for c in scored for t in c.terms}
    wanted = [t for t in query_terms if not t[0].isdigit() and len(t) > 3]
    if not wanted or not present:
        return {}
    vocabulary = sorted(present)
    near: dict[str, list[tuple[str, float]]] = {}
    for t in wanted:
        hits = process.extract(
            t, vocabulary, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF, limit=None
        )
        found = [(word, float(score)) for word, score, _ in hits if word != t]
        if found:
            near[t] = found
    return near


def _grams(text: str, n: int = 4, *, folded: bool = False) -> set[str]:
    """Character n-grams of a text's content words, each word padded with spaces."""
    found = WORD_PATTERN.findall(text) if folded else words(text)
    content = [word for word in found if word not in STOPWORDS]
    if not content:
        return set()
    joined = " " + "  ".join(content) + " "
    # Overlapping n-grams in C; those spanning two words hold the double space.
    return {g for g in _NGRAM[n].findall(joined) if "  " not in g}


_NGRAM = {n: re.compile(f"(?=(.{{{n}}}))") for n in (3, 4, 5)}


def _shared_grams(query_text: str, scored: Sequence[Candidate]) -> list[float]:
    """For each candidate, the share of the query's character 4-grams it contains, each gram
    weighted by its rarity among the candidates. Catches what stemming cannot: `Megan` /
    `Megyn`, `cornflakes` / `corn flakes`, `Mexico` / `Mexican`."""
    query_grams = _grams(query_text, GRAM_SIZE)
    if not query_grams:
        return [0.0] * len(scored)
    sets = [query_grams & _grams(c.folded, GRAM_SIZE, folded=True) for c in scored]
    counts: Counter[str] = Counter()
    for found in sets:
        counts.update(found)
    n = len(scored)
    weight = {g: math.log(1 + (n - counts[g] + 0.5) / (counts[g] + 0.5)) for g in query_grams}
    total = sum(weight.values()) or 1.0
    return [sum(weight[g] for g in found) / total for found in sets]


def _candidate(row: Sequence[object]) -> Candidate:
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


def combine(features: dict[str, float]) -> float:
    """The 0–100 score from a candidate's features: a weighted sum squashed to 0–100
    (`raw / (raw + SCORE_HALF)`, so scores never tie at the top), less the number penalty."""
    raw = (
        WEIGHT_BM25 * features["bm25"]
        + WEIGHT_TITLE * features["title_bm25"]
        + WEIGHT_SPELLING * features["spelling"]
        + WEIGHT_CHARGRAMS * features["chargrams"]
    )
    raw = max(raw, 0.0)
    score = 100.0 * raw / (raw + SCORE_HALF)
    if features.get("numbers_disagree"):
        score = max(score - NUMBER_PENALTY, 0.0)
    return score


def _compare_numbers(query: Query, candidate: Candidate) -> None:
    candidate.agree, candidate.disagree = compare_figures(query.figures, candidate.folded)


def compare_figures(
    figures: Sequence[Figure], other_folded: str
) -> tuple[list[str], list[tuple[str, str]]]:
    """Which of a claim's figures another text (folded) states too, and which it contradicts:
    a claim figure the other lacks, facing one of the other's the claim lacks, of the same kind
    (two years, or two amounts within a factor of ten: "54 killed" / "45 killed"). Shared by
    prior-report matching and our own earlier checks (core.earlier)."""
    if not figures:
        return [], []
    other_figures = numbers_in_folded(other_folded)
    if not other_figures:
        return [], []
    theirs = {f.value for f in other_figures}
    ours = {f.value for f in figures}
    agree = [f.text for f in figures if f.value in theirs]
    pairs = sorted(
        (_distance(a.value, b.value), i, a, b)
        for i, a in enumerate(f for f in figures if f.value not in theirs)
        for b in other_figures
        if b.value not in ours and _comparable(a.value, b.value)
    )
    disagree: list[tuple[str, str]] = []
    used: set[float] = set()
    paired: set[float] = set()
    for _, _, a, b in pairs:  # closest first, each figure in one pair at most
        if a.value in paired or b.value in used:
            continue
        paired.add(a.value)
        used.add(b.value)
        disagree.append((a.text, b.text))
    return agree, disagree


def _is_year(value: float) -> bool:
    return value.is_integer() and 1800 <= value <= 2100


def _comparable(a: float, b: float) -> bool:
    if _is_year(a) or _is_year(b):
        return _is_year(a) and _is_year(b)
    if a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= 10


def _distance(a: float, b: float) -> float:
    return abs(math.log10(abs(a) + 1) - math.log10(abs(b) + 1))


def _suggestion(candidate: Candidate) -> Suggestion:
    words_shared = tuple(dict.fromkeys(candidate.shared))
    claim_terms = set(content_stems(candidate.claim_text))
    title_terms = set(content_stems(candidate.title)) if candidate.title else set()
    in_claim = [w for w in words_shared if term(w) in claim_terms]
    in_title = [w for w in words_shared if term(w) in title_terms]
    reasons: list[str] = []
    shown = ", ".join(words_shared[:12]) + (" …" if len(words_shared) > 12 else "")
    if words_shared:
        plural = "s" if len(words_shared) != 1 else ""
        reasons.append(f"{len(words_shared)} shared word{plural}: {shown}")
    if in_claim and in_title:
        reasons.append("matches the report's claim and title")
    elif in_title:
        reasons.append("matches the report's title")
    elif in_claim:
        reasons.append("matches the report's claim")
    if candidate.near:
        pairs = ", ".join(f"{a} ~ {b}" for a, b in candidate.near[:4])
        reasons.append(f"close spelling: {pairs}")
    if candidate.agree:
        reasons.append("numbers agree: " + ", ".join(candidate.agree))
    if candidate.disagree:
        pairs = ", ".join(f"{a} here, {b} in the report" for a, b in candidate.disagree)
        reasons.append(f"numbers disagree: {pairs} (score lowered)")
    strong = candidate.score >= STRONG_THRESHOLD
    weak = candidate.score < SUGGEST_THRESHOLD
    if weak:
        reasons.append(f"weak: under the suggestion line ({SUGGEST_THRESHOLD:.0f})")
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
        score=round(candidate.score, 1),
        strong=strong,
        reasons=tuple(reasons),
        title=candidate.title,
        shared_words=words_shared,
        numbers_agree=tuple(candidate.agree),
        numbers_disagree=tuple(candidate.disagree),
        weak=weak,
    )
