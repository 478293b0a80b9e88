"""Find the check-worthy sentences of an article.

Rules first: each sentence is searched for evidence a fact-checker would recognise
(`evidence.rule_evidence`), every piece kept as a short reason ("number: 54", "attribution:
said", "named: ISIS") so the checker can see why a sentence was picked; the rules' weights
below make the v1 scorer (`score_sentence_rules`).
`score_sentence` feeds that evidence, with the sentence's n-grams, to the trained model
in `checkworthy` (measured by `benchmarks/extraction_eval.py`) and keeps the rules'
reasons beside its score. Deterministic, plain Python, under a millisecond per sentence.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace

from factcheck_tui.core.extraction import checkworthy, news
from factcheck_tui.core.extraction.evidence import Evidence, rule_evidence
from factcheck_tui.core.extraction.facts import FactRow, fact_rows
from factcheck_tui.core.extraction.segment import split_sentences

DEFAULT_THRESHOLD: float = 0.5
LEDE_SCORE = 0.6  # a lede with something to check: a claim at the default threshold
MAX_REASONS = 10


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """One sentence of a body with its offsets, score in [0, 1] and readable reasons."""

    text: str
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    is_claim: bool
    # A claim's proposed facts, where `extract(..., with_facts=True)` marked them from the
    # searches its scoring ran (None: not worked out).
    facts: tuple[FactRow, ...] | None = None


# Weight of the first piece of evidence of each kind, and of each further one.
_WEIGHTS: dict[str, tuple[float, float]] = {
    "number": (1.3, 0.3),
    "quantity": (1.5, 0.3),
    "percent": (1.8, 0.3),
    "money": (1.8, 0.3),
    "ordinal": (0.6, 0.1),
    "date": (0.8, 0.2),
    "named": (0.6, 0.2),
    "attribution": (0.8, 0.2),
    "comparison": (0.7, 0.2),
    "causal": (0.6, 0.2),
    "opinion": (-0.6, -0.3),
    "question": (-1.2, 0.0),
    "short": (-1.5, 0.0),
}
_CAPS: dict[str, float] = {"named": 1.2, "number": 2.0, "quantity": 2.0}
_BIAS = -1.4  # evidence needed before a sentence reaches a score of 0.5


# --- scoring ----------------------------------------------------------------------------


def rule_logit(evidence: Evidence) -> float:
    """The rules' log-odds for a sentence: 0 is the rule-only threshold of 0.5."""
    total = _BIAS
    for kind, count in evidence.counts.items():
        first, further = _WEIGHTS[kind]
        value = first + further * (count - 1)
        cap = _CAPS.get(kind)
        if cap is not None:
            value = min(value, cap)
        total += value
    return total


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def score_sentence_rules(text: str) -> tuple[float, tuple[str, ...]]:
    """Rule-only check-worthiness (v1): a score in [0, 1] and the reasons behind it."""
    evidence = rule_evidence(text)
    return round(_sigmoid(rule_logit(evidence)), 4), evidence.reasons[:MAX_REASONS]


def score_sentence(text: str) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of one sentence on its own (a debate line, a claim a checker
    added): a score in [0, 1] and the reasons a checker reads (the rules' evidence).

    The score is the shipped model (`checkworthy`: n-grams plus the rules' evidence, with
    the rules' own logit added as training chose), as measured on debates."""
    evidence = rule_evidence(text)
    model = checkworthy.load_model()
    score = model.probability(text, evidence.counts, evidence.words, rule_logit(evidence))
    reasons = news.claim_reasons(evidence.reasons, score >= DEFAULT_THRESHOLD)
    return round(score, 4), reasons[:MAX_REASONS]


def score_sentence_model(text: str) -> float:
    """The model's score unrounded (benchmarks compare it with other model files)."""
    evidence = rule_evidence(text)
    model = checkworthy.load_model()
    return model.probability(text, evidence.counts, evidence.words, rule_logit(evidence))


def score_story_sentence(text: str, position: int) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of the sentence at `position` (0-based) of a story, as `extract`
    scores an article: the model's logit moved by what makes a news sentence a claim
    (`news`), and the lede (the first sentences) a claim unless it holds nothing to check,
    with "lede: …" first among its reasons."""
    score, reasons, _ = _story_score(text, position)
    return score, reasons


def _story_score(text: str, position: int) -> tuple[float, tuple[str, ...], Evidence]:
    """`score_story_sentence`, with the evidence it read."""
    evidence = rule_evidence(text)
    model = checkworthy.load_model()
    logit = model.decision_logit(text, evidence.counts, evidence.words, rule_logit(evidence))
    score = news.probability(news.news_logit(logit, text, evidence.counts, evidence.words))
    lede = news.lede_reason(position, text, evidence.counts)
    if lede:
        score = max(score, LEDE_SCORE)
    reasons = news.claim_reasons(evidence.reasons, score >= DEFAULT_THRESHOLD)
    return round(score, 4), ((lede, *reasons) if lede else reasons)[:MAX_REASONS], evidence


def extract(
    body: str, threshold: float | None = None, *, with_facts: bool = False
) -> list[ScoredSentence]:
    """Every sentence of `body`, scored; `is_claim` when the score reaches the threshold;
    `with_facts`: each claim with its proposed facts (`facts.fact_rows`), read from the
    searches its scoring ran.

    A sentence printed twice (a pull quote repeating the story's text, a paragraph pasted
    twice) is one claim: the first occurrence is the claim, and its reasons end with
    "also appears at paragraph N" for each later one (paragraphs are the body's blank-line
    blocks, counted from 1). A later occurrence keeps its own offsets and score but is not
    a claim, so the checker sees one claim to mark, can find the repeat from the reason,
    and can still add it by hand (it stays a candidate of the add-claim dialog).
    Sentences are the same when they are equal apart from case, spacing and the quotation
    marks around them.
    """
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    scored: list[ScoredSentence] = []
    first_seen: dict[str, int] = {}  # normalised text -> index in `scored` of the claim
    paragraph_starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(body)]
    for start, end in split_sentences(body):
        sentence = body[start:end]
        score, reasons, evidence = _story_score(sentence, len(scored))
        is_claim = score >= limit
        if is_claim:
            key = _repeat_key(sentence)
            first = first_seen.get(key)
            if first is None:
                first_seen[key] = len(scored)
            else:
                paragraph = bisect.bisect_right(paragraph_starts, start) + 1
                claim = scored[first]
                also = f"also appears at paragraph {paragraph}"
                scored[first] = replace(claim, reasons=(*claim.reasons, also))
                is_claim = False
        facts = tuple(fact_rows(sentence, evidence.matches)) if with_facts and is_claim else None
        scored.append(ScoredSentence(sentence, start, end, score, reasons, is_claim, facts))
    return scored


# The blank line between two paragraphs, as `segment` reads it.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")
_QUOTES_AROUND = "\"'“”‘’«» "


def _repeat_key(sentence: str) -> str:
    return " ".join(sentence.split()).strip(_QUOTES_AROUND).casefold()


ONE_LINE_LIMIT = 600  # characters: two tweets' worth


def one_line_claim(body: str) -> ScoredSentence | None:
    """The whole body as one claim when it is one short line (up to ONE_LINE_LIMIT
    characters: a tweet, a sentence pasted from chat), whatever it scores — the checker
    brought it to be checked; None for anything longer (extract_claims decides)."""
    stripped = body.strip()
    if not stripped or "\n" in stripped or len(stripped) > ONE_LINE_LIMIT:
        return None
    scored = extract(body)
    start = body.index(stripped)
    best = max((s.score for s in scored), default=0.0)
    reasons = tuple(dict.fromkeys(r for s in scored for r in s.reasons))
    return ScoredSentence(
        stripped,
        start,
        start + len(stripped),
        best,
        ("one-line text: checked as one claim", *reasons),
        True,
    )


def extract_claims(body: str, threshold: float | None = None) -> list[ScoredSentence]:
    """Only the sentences of `body` that score at or above the threshold."""
    return [sentence for sentence in extract(body, threshold) if sentence.is_claim]
