"""News calibration: the debate-trained model's logit, moved by what makes a news
sentence worth checking.

The model (`checkworthy`) learnt from debate transcripts, where a named person or a date
is rare and "I", "we" and "you" are everywhere; in a news story nearly every sentence
stating who did what, when, is a claim, and a miss is a missed check while a dismissal
costs a key. So the story's sentences are scored as `MODEL × model logit + the weights
below`: a logistic regression of these features, rounded, fitted on all 20 pages of
`tests/data/news_claims.tsv` labelled in the first round (13 dev, 7 held out then) with
check-worthy sentences weighing 2.25 (recall first), chosen by leaving one page out at a
time; the 10 pages labelled in the second round (`fresh`) are never fitted on
(`benchmarks/news_claims.py`). The lede, the story's first sentences, is a claim unless it
holds nothing to check (see `lede_reason`).

A claim's reasons say what makes it check-worthy (`claim_reasons`): the evidence for it
first, what counts against it marked "against: …", and when no evidence was found, that
the model's reading of its wording carried it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

# Log-odds added to `MODEL × the model's logit + BIAS` for each feature's value (see
# `news_features`); rounded from the fit of scripts/fit_news_weights.py.
MODEL = 0.95  # times the debate-trained model's logit
BIAS = 0.2  # with these weights, 0 is the news threshold (a score of 0.5)
WEIGHTS: dict[str, float] = {
    "named": 0.7,  # a person, place or organisation named
    "date": 0.6,  # a date or a time reference ("on Tuesday", "in 2017", "last week")
    "figure": 1.1,  # a number, quantity, percentage or sum of money
    "past": 0.8,  # a verb in the past tense: an event reported, not a description or view
    "personal": -1.9,  # "I", "we", "you": the writer's or a speaker's own view
    "opens_quote": -0.8,  # a sentence that opens a quotation
    "length": 1.0,  # min(words, 40) / 40: a full sentence carries more than a fragment
    "short": -1.2,  # under five words
    "question": -0.8,
    "unfinished": -2.3,  # no full stop, "?" or "!" at its end: a heading, caption, byline
    "symbols": -0.6,  # min(10 × share of code-like symbols, 1): commands, code, markup
}
LEDE_SENTENCES = 2  # the first sentences of the story that are its lede

_PERSONAL = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|me|my|we|we're|we've|our|us|you|your|you're)\b", re.IGNORECASE
)
_QUOTES = "\"“‘'«"
# A quotation inside reported speech ('He told Reuters …, adding: "We have no …"'): the
# reporter's sentence is the claim, the speaker's "we" is not the writer's view.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
_CHECKABLE = ("named", "date", "number", "quantity", "percent", "money", "attribution")
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|made|took|gave|found|won|lost|began|became"
    r"|left|met|paid|sold|built|grew|fell|rose|got|wrote|ran|\w{3,}ed)\b",
    re.IGNORECASE,
)
_MAX_CHARS = 2_000  # as evidence.MAX_SCORED_CHARS: a longer "sentence" is a paragraph
# A character that is neither a letter, a digit, a space nor ordinary punctuation.
_ODD = re.compile(r"[^\w\s.,;:'\"’“”‘\-—–()?!%$]|_")
_ENDINGS = ".!?…"
_CLOSERS = "\"'”’)] "
# Evidence against a claim: shown after the evidence for it, marked "against".
_AGAINST = frozenset({"opinion", "question", "short"})
WORDING_REASON = "wording: like the debate claims checkers picked (no figure, name or date found)"


def news_logit(model_logit: float, text: str, counts: Mapping[str, int], words: int) -> float:
    """The news log-odds of one sentence (0 at the claim threshold of 0.5)."""
    found = news_features(text, counts, words)
    return MODEL * model_logit + BIAS + sum(WEIGHTS[name] * value for name, value in found.items())


def news_features(text: str, counts: Mapping[str, int], words: int) -> dict[str, float]:
    """The value of each feature of `WEIGHTS` for one sentence (absent ones are 0); like
    the rules, only the first `_MAX_CHARS` characters are read."""
    text = text[:_MAX_CHARS]
    opens_quote = text.lstrip()[:1] in _QUOTES
    reported = text if opens_quote else _QUOTED.sub(" ", text)  # the reporter's words
    flags = {
        "named": bool(counts.get("named")),
        "date": bool(counts.get("date")),
        "figure": any(counts.get(kind) for kind in ("number", "quantity", "percent", "money")),
        "past": _PAST.search(reported) is not None,
        "personal": _PERSONAL.search(reported) is not None,
        "opens_quote": opens_quote,
        "short": bool(counts.get("short")),
        "question": bool(counts.get("question")),
        "unfinished": text.rstrip(_CLOSERS)[-1:] not in _ENDINGS,
    }
    found = {name: 1.0 for name, present in flags.items() if present}
    found["length"] = min(words, 40) / 40
    symbols = _symbol_share(text)
    if symbols:
        found["symbols"] = symbols
    return found


def _symbol_share(text: str) -> float:
    """min(10 × the share of characters that are neither letters, digits, spaces nor
    ordinary punctuation, 1): near 0 for prose, 1 for a shell command or code."""
    return min(10 * len(_ODD.findall(text)) / max(1, len(text)), 1.0)


def claim_reasons(reasons: tuple[str, ...], is_claim: bool) -> tuple[str, ...]:
    """The rules' reasons ordered to say what makes the sentence check-worthy: evidence for
    it first, evidence against it marked "against: …"; a claim without any evidence says
    that its wording carried it."""
    for_it = tuple(r for r in reasons if _kind(r) not in _AGAINST)
    against = tuple(f"against: {r}" for r in reasons if _kind(r) in _AGAINST)
    if is_claim and not for_it:
        for_it = (WORDING_REASON,)
    return for_it + against


def _kind(reason: str) -> str:
    return reason.partition(":")[0]


def lede_reason(index: int, text: str, counts: Mapping[str, int]) -> str:
    """ "lede: …" when the sentence at `index` (0-based, of the story) is part of the lede
    and holds something to check (a name, a date, a figure or an attribution), else ""."""
    if index >= LEDE_SENTENCES or counts.get("short") or counts.get("question"):
        return ""
    if _PERSONAL.search(text) or not any(counts.get(kind) for kind in _CHECKABLE):
        return ""
    return (
        "lede: the story's opening sentence" if index == 0 else "lede: the story's second sentence"
    )


def probability(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    exp = math.exp(logit)
    return exp / (1.0 + exp)
