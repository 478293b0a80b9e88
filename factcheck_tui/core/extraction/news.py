"""News calibration: the debate-trained model's logit, moved by what makes a news
sentence worth checking.

The model (`checkworthy`) learnt from debate transcripts, where a named person or a date
is rare and "I", "we" and "you" are everywhere; in a news story nearly every sentence
stating who did what, when, is a claim, and a miss is a missed check while a dismissal
costs a key. So the story's sentences are scored as `model logit + the weights below`,
fitted (a logistic regression of six features, then rounded) on the 13 development pages
of `tests/data/news_claims.tsv` and checked once on its 7 held-out pages
(`benchmarks/news_claims.py`). The lede, the story's first sentences, is a claim unless it
holds nothing to check (see `lede_reason`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

# (feature, weight) in log-odds, added to the model's logit; rounded from the dev fit.
NAMED = 0.9  # a person, place or organisation named
DATE = 0.7  # a date or a time reference ("on Tuesday", "in 2017", "last week")
FIGURE = 0.3  # a number, quantity, percentage or sum of money
FIRST_OR_SECOND_PERSON = -1.9  # "I", "we", "you": the writer's or a speaker's own view
QUOTE_OPENING = -0.2  # a sentence that opens a quotation
LENGTH = 1.4  # times min(words, 40) / 40: a full sentence carries more than a fragment
SHORT = -1.6  # under five words
QUESTION = -0.4
BIAS = -0.14  # with the weights above, 0 is the news threshold (a score of 0.5)
LEDE_SENTENCES = 2  # the first sentences of the story that are its lede

_PERSONAL = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|me|my|we|we're|we've|our|us|you|your|you're)\b", re.IGNORECASE
)
_QUOTES = "\"“‘'«"
# A quotation inside reported speech ('He told Reuters …, adding: "We have no …"'): the
# reporter's sentence is the claim, the speaker's "we" is not the writer's view.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
_CHECKABLE = ("named", "date", "number", "quantity", "percent", "money", "attribution")


def news_logit(model_logit: float, text: str, counts: Mapping[str, int], words: int) -> float:
    """The news log-odds of one sentence (0 at the claim threshold of 0.5)."""
    total = model_logit + BIAS + LENGTH * min(words, 40) / 40
    if counts.get("named"):
        total += NAMED
    if counts.get("date"):
        total += DATE
    if any(counts.get(kind) for kind in ("number", "quantity", "percent", "money")):
        total += FIGURE
    opens_quote = text.lstrip()[:1] in _QUOTES
    if _PERSONAL.search(text if opens_quote else _QUOTED.sub(" ", text)):
        total += FIRST_OR_SECOND_PERSON
    if opens_quote:
        total += QUOTE_OPENING
    if counts.get("short"):
        total += SHORT
    if counts.get("question"):
        total += QUESTION
    return total


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


def logit_of(score: float) -> float:
    clipped = min(max(score, 1e-6), 1 - 1e-6)
    return math.log(clipped / (1 - clipped))
