"""How likely a candidate checks the same claim: a calibrated probability (step 4 of
matching, see match.py), not "how much of the wording is shared".

A logistic regression over what retrieval already knows and what a checker weighs: how much
of each side the shared terms cover, weighted by rarity (a report about a stun-gun video
shares "two Muslim" with a claim about Congress, and covers little of either); the rarest
word each side lacks; the figures and names that agree or disagree; lengths; the retrieval
score, rank and the gap to the next candidate. Learnt from the CheckThat! 2020 task 2 *train*
pairs, each tweet's ranking taken with its right report present and with it removed (so a
best-but-wrong candidate at rank 1 is a negative) by scripts/train_same_claim.py, which
writes `same_claim_model.json`; scored here in plain Python (no numpy at start-up).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factcheck_tui.core.matching import anchors
from factcheck_tui.core.matching.query import Candidate, Query
from factcheck_tui.core.matching.reranking import idf
from factcheck_tui.core.text.folding import fold
from factcheck_tui.core.text.search_terms import STOPWORDS, content_stems

MODEL_PATH = Path(__file__).with_name("same_claim_model.json")
# Candidates (best by retrieval score) given a probability; the rest are not suggestions.
JUDGED = 12
# The lines on the probability (0–100), chosen on the CheckThat! dev tweets by
# scripts/train_same_claim.py (their precision and recall are in the README).
SUGGEST_THRESHOLD = 70.0
STRONG_THRESHOLD = 89.0
# Under the suggestion line, candidates whose retrieval score (0–100, how much of the
# claim's wording they share) is at least this are still listed, folded and weak, in
# retrieval order: the old ranking's floor (before #19). A floor on the probability instead
# (2 %) buried earlier checks the ranking found (benchmarks/earlier_eval.py recall@5 with
# weak ones 0.766 against 0.883; the line is made for "same claim", not for ordering).
WEAK_FLOOR = 20.0
# A name: a capitalised word not opening its sentence, in text written in mixed case.
_NAME = re.compile(r"(?<![.!?:\"]\s)(?<!^)\b[A-Z][\w'-]*[a-z][\w'-]*|\b[A-Z]{2,}\b")
_CASED_WORD = re.compile(r"\b[^\W\d_]+\b")


def names(text: str) -> set[str]:
    """The names a text mentions (folded), read from capitals only where the text's case
    means something: an all-capitals, all-lower-case or Title Case text gives none (its
    capitals say nothing), so re-casing a claim never invents or hides a name."""
    if not anchors.capitals_mark_names(_CASED_WORD.findall(text)):
        return set()
    out: set[str] = set()
    for match in _NAME.finditer(text):
        word = fold(match.group(0)).strip("'-")
        if word and word not in STOPWORDS and word not in anchors.NOT_NAMES and len(word) > 1:
            out.add(word)
    return out


def name_disagreement(query_names: set[str], other_folded: str) -> tuple[list[str], list[str]]:
    """The claim's names the other text also states, and those it lacks."""
    other_words = set(re.findall(r"[^\W_]+", other_folded))
    agree = sorted(n for n in query_names if set(n.split("-")) <= other_words or n in other_words)
    return agree, sorted(query_names - set(agree))


# One tree as parallel node lists: the feature's index (-1 at a leaf), the threshold (at most
# it goes left), the left and right nodes, and a leaf's value (a logit).
Tree = tuple[
    tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]
]


@dataclass(frozen=True, slots=True)
class SameClaimModel:
    """Standardised features, weights, intercept: p = σ(b + Σ w·(x − μ)/σ); on a big desk
    averaged, as logits, with gradient-boosted trees (`baseline` + the leaf each tree reaches).
    The trees were learnt on the 10,375 Snopes reports with debate lines no report checks, so
    they read a desk of that kind; on a small one (fewer than RARITY_MIN_DOCS documents, where
    rarity means little) the regression alone decides."""

    names: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    baseline: float = 0.0
    trees: tuple[Tree, ...] = ()

    def probability(self, features: dict[str, float], *, big_desk: bool = False) -> float:
        values = [features.get(name, 0.0) for name in self.names]
        logit = self.intercept
        for value, mean, scale, weight in zip(
            values, self.means, self.scales, self.weights, strict=True
        ):
            logit += weight * (value - mean) / scale
        if big_desk and self.trees:
            boosted = self.baseline
            for feature, threshold, left, right, leaf in self.trees:
                node = 0
                while (index := feature[node]) >= 0:
                    node = left[node] if values[index] <= threshold[node] else right[node]
                boosted += leaf[node]
            logit = (logit + boosted) / 2
        if logit < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-logit))


@cache
def load_model(path: Path = MODEL_PATH) -> SameClaimModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    boosted = data.get("trees", {"baseline": 0.0, "trees": []})
    trees = tuple(
        (
            tuple(tree["feature"]),
            tuple(tree["threshold"]),
            tuple(tree["left"]),
            tuple(tree["right"]),
            tuple(tree["value"]),
        )
        for tree in boosted["trees"]
    )
    return SameClaimModel(
        tuple(data["features"]),
        tuple(data["means"]),
        tuple(data["scales"]),
        tuple(data["weights"]),
        float(data["intercept"]),
        float(boosted["baseline"]),
        trees,
    )


def features(
    query: Query,
    query_names: set[str],
    ranked: Sequence[Candidate],
    docs: int,
    df: dict[str, int],
) -> list[dict[str, float]]:
    """The model's features of the first candidates of a ranking (best retrieval score first);
    `df` holds the document frequency of the query's and the candidates' terms."""
    top = math.log(docs + 1.0)
    body = [t for t in (query.body_terms or query.terms) if df.get(t, 0) > 0]
    body_weight = sum(idf(docs, df[t]) for t in body) or 1.0
    rarest = sorted(body, key=lambda t: df[t])[:3]
    pairs = set(itertools.pairwise(query.body_terms or query.terms))
    said = set(query.terms)
    scores = [c.score / 100 for c in ranked]
    best = max(scores, default=0.0)
    rows: list[dict[str, float]] = []
    for candidate in ranked:
        counts = set(candidate.terms)
        near = {b for _, b in candidate.near}
        near_query = {a for a, _ in candidate.near}
        hits = [t for t in body if t in counts or query.surface.get(t, "") in near_query]
        missed = [idf(docs, df[t]) for t in body if t not in hits]
        own = content_stems(candidate.claim_text) or candidate.terms
        title = content_stems(candidate.title)
        score = candidate.score / 100
        # Ranks and gaps by score, ties sharing them: a report's copy is judged like it.
        higher = sum(1 for other in scores if other > score)
        following = max((other for other in scores if other < score), default=0.0)
        agree_names, missing_names = name_disagreement(query_names, candidate.folded)
        f = dict(candidate.features)
        f |= {
            "score": score,
            "cover_query": sum(idf(docs, df[t]) for t in hits) / body_weight,
            "cover_report": _covered(own, said | near, docs, df),
            "cover_title": _covered(title, said | near, docs, df),
            "rarest_found": sum(t in hits for t in rarest) / (len(rarest) or 1),
            "pairs_found": _pairs_found(pairs, own + title),
            "query_missed_rarest": max(missed, default=0.0) / top,
            "shared_terms": math.log1p(len(hits)),
            "query_terms": math.log1p(len(body)),
            "report_terms": math.log1p(len(set(own))),
            "numbers_agree": min(len(candidate.agree), 2) / 2,
            "numbers_disagree": 1.0 if candidate.disagree else 0.0,
            "names_agree": min(len(agree_names), 2) / 2,
            "names_missing": min(len(missing_names), 2) / 2,
            "first": 1.0 if higher == 0 else 0.0,
            "gap_next": score - following,
            "gap_best": best - score,
            "best": best,
        }
        rows.append(f)
    return rows


def _covered(own: Sequence[str], found: set[str], docs: int, df: dict[str, int]) -> float:
    """The rarity-weighted share of a report's terms (of its claim, or its title) the claim
    states: how much of what the report is about the claim covers."""
    known = {t for t in own if df.get(t, 0) > 0}
    total = sum(idf(docs, df[t]) for t in known)
    if not total:
        return 0.0
    return sum(idf(docs, df[t]) for t in known if t in found) / total


def _pairs_found(pairs: set[tuple[str, str]], other: Sequence[str]) -> float:
    """The share of the claim's adjacent term pairs the report holds as a pair too."""
    if not pairs:
        return 0.0
    theirs = set(itertools.pairwise(other))
    return len(pairs & theirs) / len(pairs)


def judge(
    query: Query,
    ranked: list[Candidate],
    docs: int,
    df: dict[str, int],
    frequencies: Callable[[Iterable[str]], dict[str, int]],
    model: SameClaimModel | None = None,
) -> None:
    """Give the first JUDGED candidates of a ranking (best retrieval score first) their
    probability of checking the same claim (`Candidate.probability`, 0–100); the others
    keep 0. `frequencies` reads the document frequency of the candidates' own terms. One
    the model rates over the suggestion line is held under it, with its reason
    (`Candidate.held`), when the two agree on fewer than two anchors, the claim is not
    comparable word by word, or the report is about what the claim does not say
    (anchors.py)."""
    judged = ranked[:JUDGED]
    wanted = {
        t for c in judged for t in (*content_stems(c.claim_text), *content_stems(c.title))
    } - df.keys()
    if wanted:
        df = {**df, **frequencies(wanted)}
    rows = features(query, names(query.text), judged, docs, df)
    model = model or load_model()
    claim = anchors.for_claim(query, docs, df)
    for candidate, row in zip(judged, rows, strict=True):
        candidate.judged = row
        probability = 100.0 * model.probability(row, big_desk=docs >= anchors.RARITY_MIN_DOCS)
        if probability >= SUGGEST_THRESHOLD:  # over the line only on more than one anchor
            found = anchors.agreement(query, claim, candidate, docs, df)
            candidate.held = (
                anchors.held_reason(claim, *found)
                or anchors.unsaid_subject(query, claim, candidate, docs, df)
                or anchors.figures_disagree(claim, candidate)
            )
            if candidate.held:
                probability = min(probability, anchors.HELD_CAP)
        candidate.probability = probability
