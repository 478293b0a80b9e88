"""Check-worthiness model: a logistic regression scored in plain Python.

Features (see `features`): word 1–2-grams and character 2–5-grams of the sentence with
numbers folded into classes (`_num_`, `_pct_`, `_money_`, `_year_`), each block binary and
L2-normalised, plus the rule scorer's evidence counts (`evidence.rule_evidence`). The
weights are trained by `scripts/train_checkworthy.py` on a fixed, seeded, stratified
80% of the ClaimBuster sentences plus the 40 earlier CheckThat! 2020 task 5 debates
(sample-weighted, settings chosen by cross-validation on that training data) and shipped
in `checkworthy_model.json.gz`; the held-out ClaimBuster 20% and the 10 latest debates are
what `benchmarks/extraction_eval.py` measures. Standard library only.

The shipped threshold is folded in: `probability(...) >= 0.5` is the decision the
training script chose by cross-validation on the training split.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factcheck_tui.core.extraction.evidence import KINDS

MODEL_PATH = Path(__file__).with_name("checkworthy_model.json.gz")
FORMAT = 2  # 2: weights by block (1: one flat table)
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
MAX_CHARS = 2_000  # as the rules: a longer "sentence" is read only this far
EVIDENCE_KINDS = KINDS  # the rules' evidence kinds, a feature each ("h:<kind>")
_EVIDENCE_CAP = 3
_WORDS_CAP = 60

_MONEY = re.compile(r"[$£€¥]\s?\d[\d,.]*")
_PERCENT = re.compile(r"\d[\d,.]*\s?(?:%|percent\b)")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DIGITS = re.compile(r"\d[\d,.]*")
_WORD_TOKEN = re.compile(r"\w+|[?!]")


def normalise(text: str) -> str:
    """Lower-case `text` and fold numbers into classes, so "$4.2" and "$300" look alike."""
    text = text[:MAX_CHARS].lower()
    text = _MONEY.sub(" _money_ ", text)
    text = _PERCENT.sub(" _pct_ ", text)
    text = _YEAR.sub(" _year_ ", text)
    return _DIGITS.sub(" _num_ ", text)


def word_grams(normalised: str) -> set[str]:
    """Word 1–2-grams of normalised text ("?" and "!" count as words)."""
    tokens = _WORD_TOKEN.findall(normalised)
    grams: set[str] = set(tokens)
    low, high = WORD_NGRAMS
    for size in range(max(low, 2), high + 1):
        for index in range(len(tokens) - size + 1):
            grams.add(" ".join(tokens[index : index + size]))
    return grams


def char_grams(normalised: str) -> set[str]:
    """Character 2–5-grams inside each whitespace-separated word, padded with a space."""
    # One union of the words' grams: the same set, built in the same order, as adding
    # each word's in turn (so the model sums its weights in the same order too).
    return set().union(*map(_word_char_grams, normalised.split()))


@functools.lru_cache(maxsize=1 << 16)
def _word_char_grams(word: str) -> frozenset[str]:
    """One word's grams; cached because an article repeats its words (import ~25% faster)."""
    low, high = CHAR_NGRAMS
    padded = f" {word} "
    length = len(padded)
    return frozenset(
        padded[index : index + size]
        for size in range(low, min(high, length) + 1)
        for index in range(length - size + 1)
    )


def features(text: str, evidence: Mapping[str, int], words: int) -> dict[str, float]:
    """The model's sparse input for one sentence: name → value.

    `evidence` and `words` are what `evidence.rule_evidence(text)` found (passed in so the
    rules run once per sentence).
    """
    normalised = normalise(text)
    out: dict[str, float] = {}
    for prefix, grams in (("w:", word_grams(normalised)), ("c:", char_grams(normalised))):
        if grams:
            value = 1.0 / math.sqrt(len(grams))
            for gram in grams:
                out[prefix + gram] = value
    for kind in EVIDENCE_KINDS:
        count = evidence.get(kind, 0)
        if count:
            out["h:" + kind] = min(count, _EVIDENCE_CAP) / _EVIDENCE_CAP
    out["h:words"] = min(words, _WORDS_CAP) / _WORDS_CAP
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """Weights of the shipped logistic regression and how to combine it with the rules."""

    # The weights by block of features ("w:" word grams, "c:" character grams, "h:" the
    # rules' evidence): block -> feature name without its prefix -> weight. The file keeps
    # them so, and loading needs no second pass over its 132,000 weights.
    blocks: dict[str, dict[str, float]]
    bias: float
    rule_weight: float  # the rules' logit is added with this weight
    threshold: float  # combined logit at which a sentence becomes a claim
    info: dict[str, object]

    @property
    def weights(self) -> dict[str, float]:
        """Every weight by its feature's name as `features` spells it ("w:tax")."""
        return {
            prefix + name: weight
            for prefix, block in self.blocks.items()
            for name, weight in block.items()
        }

    def logit(self, text: str, evidence: Mapping[str, int], words: int) -> float:
        """The model's own logit: `bias + Σ weight · features(text, ...)`, computed fast."""
        normalised = normalise(text)
        total = self.bias
        for prefix, grams in (("w:", word_grams(normalised)), ("c:", char_grams(normalised))):
            block = self.blocks.get(prefix)
            if grams and block:
                total += sum(filter(None, map(block.get, grams))) / math.sqrt(len(grams))
        hand = self.blocks.get("h:", {})
        for kind in EVIDENCE_KINDS:
            count = evidence.get(kind, 0)
            if count:
                total += hand.get(kind, 0.0) * min(count, _EVIDENCE_CAP) / _EVIDENCE_CAP
        return total + hand.get("words", 0.0) * min(words, _WORDS_CAP) / _WORDS_CAP

    def decision_logit(
        self, text: str, evidence: Mapping[str, int], words: int, rule_logit: float
    ) -> float:
        """Log-odds with the training's threshold at 0."""
        combined = self.logit(text, evidence, words) + self.rule_weight * rule_logit
        return combined - self.threshold

    def probability(
        self, text: str, evidence: Mapping[str, int], words: int, rule_logit: float
    ) -> float:
        """Score in [0, 1]; 0.5 is the decision threshold chosen in training."""
        return _sigmoid(self.decision_logit(text, evidence, words, rule_logit))


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


@cache
def load_model(path: Path = MODEL_PATH) -> Model:
    """Read the shipped weights once (well under 0.1 s); later calls return the same model."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: model format {data.get('format')!r}, expected {FORMAT}")
    return Model(
        blocks=data["blocks"],
        bias=float(data["bias"]),
        rule_weight=float(data["rule_weight"]),
        threshold=float(data["threshold"]),
        info=dict(data.get("info", {})),
    )


def stratified_split(
    ids: Sequence[int], labels: Sequence[int], dev_fraction: float = 0.2, seed: int = 2020
) -> tuple[list[int], list[int]]:
    """Split `ids` into (train, dev), each label class shuffled with `seed` and cut alike.

    Deterministic for given inputs whatever their order: ids are sorted before shuffling.
    """
    train: list[int] = []
    dev: list[int] = []
    for label in sorted(set(labels)):
        members = sorted(i for i, lab in zip(ids, labels, strict=True) if lab == label)
        random.Random(f"{seed}:{label}").shuffle(members)
        cut = round(len(members) * dev_fraction)
        dev.extend(members[:cut])
        train.extend(members[cut:])
    return sorted(train), sorted(dev)


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """AP of one ranking by score (ties keep the input order, e.g. a debate's line order);
    shared by scripts/train_checkworthy.py and benchmarks/extraction_eval.py."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits = 0
    total = 0.0
    for rank, index in enumerate(order, start=1):
        if labels[index]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def ids_digest(ids: Iterable[int]) -> str:
    """A short fingerprint of a set of ids, recorded with the model to identify its split."""
    import hashlib

    joined = ",".join(str(i) for i in sorted(ids))
    return hashlib.sha1(joined.encode("ascii")).hexdigest()[:16]
