"""Each candidate's 0–100 score (step 3 of matching, see match.py), from term statistics kept
in the search index's term table: Okapi BM25 over all the claim's terms divided by the
claim's own weight (so a score means the same across claims), BM25 against the report's title
alone, the share of the claim's character 4-grams the report holds (spelling variants
stemming misses: Megan / Megyn), and rapidfuzz's ratio for words spelled nearly alike.
Figures are compared: when the claim and the report state numbers of the same kind that
disagree (54 killed / 45 killed) the score is lowered by `NUMBER_PENALTY`.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from factcheck_tui.core.matching.query import Candidate, Query
from factcheck_tui.core.text.folding import WORD_PATTERN, fold, words
from factcheck_tui.core.text.numbers import Figure, numbers_in_folded
from factcheck_tui.core.text.search_terms import STOPWORDS, content_stems

# Okapi BM25 parameters (FTS5's own defaults; k1 and b barely moved MAP on the train split).
K1 = 1.2
B = 0.75
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
# A strong suggestion (same_claim.STRONG_THRESHOLD) shares at least this many words.
MIN_STRONG_WORDS = 8
# A claim of more words than this needs as many shared with a report to be suggested.
MIN_SUGGEST_WORDS = 2


def rerank(
    query: Query,
    terms: Sequence[str],
    scored: list[Candidate],
    docs: int,
    avgdl: float,
    df: dict[str, int],
) -> None:
    """Score each candidate (its `features`, `score`, shared words, close spellings and
    figures); `terms` are the query's terms and the splits and joins retrieval added."""

    # Each term's idf once a claim, not once a candidate (#19).
    idfs = {t: idf(docs, df.get(t, 0)) for t in terms}
    term_idf = idfs.__getitem__

    # Words added by splitting or joining count half: they stand in for words already
    # counted. Words no report contains are left out of the claim's weight: every
    # report lacks them alike (a typo, a name no report mentions).
    base = list(query.terms)
    extra = [t for t in terms if t not in query.terms]
    query_weight = sum(term_idf(t) for t in base if df.get(t, 0) > 0) or 1.0
    for candidate in scored:
        candidate.folded = fold(f"{candidate.claim_text}\n{candidate.title}")
    term_counts = [Counter(candidate.terms) for candidate in scored]
    near = _near_spellings(base, term_counts)
    grams = _shared_grams(query.text, scored)
    for candidate, counts, gram_share in zip(scored, term_counts, grams, strict=True):
        norm = K1 * (1 - B + B * (len(candidate.terms) or 1) / avgdl)
        bm25 = 0.0
        shared: list[str] = []
        for weight, group in ((1.0, base), (0.5, extra)):
            for t in group:
                tf = counts.get(t, 0)
                if tf:
                    bm25 += weight * term_idf(t) * tf * (K1 + 1) / (tf + norm)
                    shared.append(query.surface[t])
        title_terms = content_stems(candidate.title)  # a few words: counted, not a Counter
        title_norm = K1 * (1 - B + B * (len(title_terms) or 1) / TITLE_AVG_TERMS)
        title_bm25 = 0.0
        for t in base:
            tf = title_terms.count(t)
            if tf:
                title_bm25 += term_idf(t) * tf * (K1 + 1) / (tf + title_norm)
        spelling = 0.0
        for t, hits in near.items():
            if t in counts:
                continue
            best = max(((score, v) for v, score in hits if v in counts), default=None)
            if best:
                spelling += term_idf(t) * best[0] / 100
                candidate.near.append((query.surface[t], best[1]))
        candidate.shared = shared
        candidate.agree, candidate.disagree = compare_figures(query.figures, candidate.folded)
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
            # rare the word: never a suggestion, not even a weak one.
            candidate.ruled_out = True


def idf(docs: int, df: int) -> float:
    """BM25's inverse document frequency (the Lucene form: never negative)."""
    return math.log(1.0 + (docs - df + 0.5) / (df + 0.5))


def bm25(weights: dict[str, float], report_terms: Sequence[str], avgdl: float) -> float:
    """Okapi BM25 of a report for query terms weighted by their idf."""
    counts: dict[str, int] = {}
    for t in report_terms:
        if t in weights:
            counts[t] = counts.get(t, 0) + 1
    norm = K1 * (1 - B + B * (len(report_terms) or 1) / avgdl)
    return sum(weights[t] * tf * (K1 + 1) / (tf + norm) for t, tf in counts.items())


def _near_spellings(
    query_terms: Sequence[str], term_counts: Sequence[Counter[str]]
) -> dict[str, list[tuple[str, float]]]:
    """For each query word (not a number), the candidates' words spelled nearly the same
    (rapidfuzz `ratio` ≥ SPELLING_CUTOFF, the word itself aside). A word every candidate
    holds exactly is skipped: its near spellings are read only where it is missing (#19).

    The vocabulary in any order: a word's near spellings are only read for the best
    (score, word) pair, whatever order they are listed in."""
    present = {t for counts in term_counts for t in counts}
    wanted = [
        t
        for t in query_terms
        if not t[0].isdigit() and len(t) > 3 and not all(t in counts for counts in term_counts)
    ]
    if not wanted or not present:
        return {}
    vocabulary = list(present)
    if "numpy" in sys.modules:  # a big corpus's retrieval loaded it (search_index.py)
        found = _near_by_cdist(wanted, vocabulary)
    else:
        found = _near_by_extract(wanted, vocabulary)
    return {t: hits for t, hits in zip(wanted, found, strict=True) if hits}


def _near_by_extract(wanted: Sequence[str], vocabulary: list[str]) -> list[list[tuple[str, float]]]:
    """Each wanted word's near spellings, `process.extract` a word (no numpy: a small desk's
    matching never loads it; these calls take about a millisecond a claim)."""
    found = []
    for t in wanted:
        hits = process.extract(
            t, vocabulary, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF, limit=None
        )
        found.append([(word, float(score)) for word, score, _ in hits if word != t])
    return found


def _near_by_cdist(wanted: Sequence[str], vocabulary: list[str]) -> list[list[tuple[str, float]]]:
    """The same words and scores in one `process.cdist` (the vocabulary converted once, not
    once a word): 0.4 ms less CPU a claim at a million reports (#19)."""
    import numpy as np

    # Scores under the cutoff come back as 0 (a ratio over it never is).
    scores = process.cdist(
        wanted, vocabulary, scorer=fuzz.ratio, score_cutoff=SPELLING_CUTOFF, dtype=np.float64
    )
    return [
        [(vocabulary[i], float(row[i])) for i in np.flatnonzero(row) if vocabulary[i] != t]
        for t, row in zip(wanted, scores, strict=True)
    ]


def _grams(text: str, n: int = 4, *, folded: bool = False) -> set[str]:
    """Character n-grams of a text's content words, each word padded with spaces (by slicing:
    half the time of an overlapping regex over the joined words, the same grams)."""
    found = WORD_PATTERN.findall(text) if folded else words(text)
    return {
        padded[i : i + n]
        for word in found
        if word not in STOPWORDS
        for padded in (f" {word} ",)
        for i in range(len(padded) - n + 1)
    }


def _grams_in(grams: set[str], folded: str) -> set[str]:
    """Which of the `grams` (of padded words, as `_grams` makes them) the folded text's own
    content-word grams include: the same set as `grams & _grams(folded, folded=True)`, read
    by substring search in the text's content words joined by single spaces (a gram holds a
    space only at an end, where a word starts or stops). A third of the time of building
    each candidate's grams, which was the largest Python cost of reranking (#19)."""
    joined = " " + " ".join(w for w in WORD_PATTERN.findall(folded) if w not in STOPWORDS) + " "
    return {g for g in grams if g in joined}


def _shared_grams(query_text: str, scored: Sequence[Candidate]) -> list[float]:
    """For each candidate, the share of the query's character 4-grams it contains, each gram
    weighted by its rarity among the candidates. Catches what stemming cannot: `Megan` /
    `Megyn`, `cornflakes` / `corn flakes`, `Mexico` / `Mexican`."""
    query_grams = _grams(query_text, GRAM_SIZE)
    if not query_grams:
        return [0.0] * len(scored)
    sets = [_grams_in(query_grams, c.folded) for c in scored]
    counts: Counter[str] = Counter()
    for found in sets:
        counts.update(found)
    n = len(scored)
    weight = {g: math.log(1 + (n - counts[g] + 0.5) / (counts[g] + 0.5)) for g in query_grams}
    total = sum(weight.values()) or 1.0
    return [sum(weight[g] for g in found) / total for found in sets]


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
