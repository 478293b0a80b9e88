"""Train the check-worthiness model shipped as
factcheck_tui/core/extraction/checkworthy_model.json.gz.

    /work/venv/bin/python scripts/train_checkworthy.py [--data-dir ../shared/data]

Data, read in place and never copied:

- ClaimBuster `claimbuster/train.json` (7,976 debate sentences, label 1 = check-worthy).
  A fixed, seeded, stratified 20% is held out as the dev split
  (`checkworthy.stratified_split`) and never touched here.
- CheckThat! 2020 task 5 `checkthat2020-task5/training/*.tsv` (50 debates and speeches).
  The last 20% by date (`DEV_DEBATE_FRACTION`, the 10 latest) are the dev debates of
  `benchmarks/extraction_eval.py`: only their file names are listed here, their lines are
  never read.
- CheckThat! 2024 task 1 `train.tsv` and `dev.tsv`: ClaimBuster's crowdsourced sentences.
  Rows whose sentence id or text is in ClaimBuster's file are left out (the training split
  has them, the dev split must not be learnt): 14,559 + 290 sentences are added.
  `dev-test.tsv` is read only for its sentences' text (below) and by the benchmark.

From every source (ClaimBuster's training split too) each sentence equal or nearly equal
(rapidfuzz `ratio` >= `NEAR_DUPLICATE` of the lower-cased, punctuation-folded text) to a
sentence of the ClaimBuster dev split or of CheckThat! 2024 dev-test is dropped, so no
figure is measured on its own training text; the counts are printed and recorded in the
model's info ("near_duplicates_dropped").

Everything below is chosen by 5-fold cross-validation on the training data only. Fold k
trains on 4/5 of the ClaimBuster training sentences (stratified folds), the CheckThat! 2024
sentences and the training debates not in debate group k (debate i is in group i % 5,
whole debates held out), less every sentence nearly equal to one of the fold's held-out
ClaimBuster sentences, and predicts the held-out ClaimBuster sentences (F1) and held-out
debates (MAP):

1. features: `checkworthy.features` (word 1–2-grams, char 2–5-grams, rule evidence);
   columns seen in fewer than 2 (words) or 3 (chars) training sentences are dropped;
2. sample weights: each ClaimBuster sentence 1; each CheckThat! 2024 sentence one of
   `EXTRA_WEIGHTS`; each debate line 1, its check-worthy lines `ct_positive` times more,
   the debate lines then scaled to weigh `ct_weight` times the ClaimBuster sentences in
   total;
3. each column is scaled by |log-count ratio| ** 0.5 (NB weighting, Wang & Manning 2012,
   from weighted counts), then an L2-regularised logistic regression (scikit-learn, C=3)
   is fitted; the scaling is folded into the shipped weights, so scoring needs only a
   dict lookup per feature;
4. (`ct_weight`, `ct_positive`) from `GRID`, the CheckThat! 2024 weight and how much of the
   rules' logit to add (0, 0.25, 0.5 or 1) are the combination with the best
   cross-validated F1 + MAP (equal weight, both in [0, 1]); the decision threshold is then
   the one with the best cross-validated ClaimBuster F1 for that combination.

The shipped file is still the one the previous recipe trained (main at 3924dc3: train.tsv
only, at weight 0.5, exact copies of held-out sentences only dropped). This recipe's model
(issue #20, fifth round; cross-validated F1 0.7953, MAP 0.1263: debates x0.5, CheckThat!
2024 x1.0, rule weight 0) was measured once beside it in one run of
`benchmarks/extraction_eval.py --model`: ClaimBuster dev F1 0.764 against 0.764 (paired
bootstrap of the difference, 95%: -0.014 to +0.014), CheckThat! 2024 dev-test 0.772 against
0.751 (3 of 318 sentences decided otherwise), CheckThat! 2020 dev debates MAP 0.080 against
0.084. Not measurably better, so it was not shipped; the next retraining (the rules'
fingerprint asks for one when they change) uses this recipe.

numpy/scipy/scikit-learn are needed here only (`pip install scikit-learn`); the package
scores with the standard library.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck_tui.core.extraction import checkworthy  # noqa: E402
from factcheck_tui.core.extraction.evidence import rule_evidence  # noqa: E402
from factcheck_tui.core.extraction.extract import rule_logit  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("FACTCHECK_DATA", REPO.parent / "shared" / "data"))
SEED = 2020
DEV_FRACTION = 0.2
C = 3.0
NB_POWER = 0.5
MIN_DF = {"w:": 2, "c:": 3, "h:": 1}
RULE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)
FOLDS = 5
DEV_DEBATE_FRACTION = 0.2  # as benchmarks/extraction_eval.py: the latest debates are dev
# (ct_weight, ct_positive): the debates' total weight relative to ClaimBuster's, and how
# much more a check-worthy debate line weighs than another one. (0, 1), (0.5, 1), (1, 1)
# and (2, 5) were in the grid until issue #20's fifth round and never chosen.
GRID: tuple[tuple[float, float], ...] = (
    (0.25, 5.0),
    (0.5, 5.0),
    (1.0, 5.0),
)


# Sentences whose rule evidence is fingerprinted into the model: when the rules change,
# the fingerprint no longer matches and tests/test_checkworthy.py asks for a retrain.
CANARY_SENTENCES: tuple[str, ...] = (
    "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
    "including 28 civilians as well as 26 terror fanatics, a war monitor said earlier today.",
    "The Syrian Observatory for Human Rights said the air strike hit the area on Thursday.",
    "Unemployment fell to 4.1 percent in 2017, the lowest rate in 17 years.",
    "The bill would cost $1.2 trillion over ten years, according to the CBO.",
    "We have lost 70,000 factories since China joined the WTO in 2001.",
    "Crime rose because police budgets were cut last year.",
    "He was the third president to win a second term by more than 10 points.",
    "I think we can do better, and we will.",
    "Thank you very much, and God bless America!",
    "Why would anyone want to do that?",
    "What a day.",
    "George W. Bush met Col. Sean Ryan and Gen. Lee in Washington, D.C. on May 5, 2004.",
)


def evidence_fingerprint() -> str:
    """A digest of what the rules find in `CANARY_SENTENCES` (model features depend on it)."""
    import hashlib

    found = []
    for text in CANARY_SENTENCES:
        evidence = rule_evidence(text)
        found.append(
            [sorted(evidence.counts.items()), evidence.words, round(rule_logit(evidence), 6)]
        )
    payload = json.dumps(found, sort_keys=True).encode("utf-8")
    return hashlib.sha1(payload).hexdigest()[:16]


def load_claimbuster(path: Path) -> list[dict[str, Any]]:
    """The ClaimBuster records: `{"sentence_id", "label", "text"}`."""
    with path.open(encoding="utf-8") as handle:
        records = json.load(handle)
    return [
        {"sentence_id": int(r["sentence_id"]), "label": int(r["label"]), "text": str(r["text"])}
        for r in records
    ]


def debate_files(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """CheckThat! task 5 debates by date: (training, dev); dev = the latest 20%."""
    every = sorted((data_dir / "checkthat2020-task5" / "training").glob("*.tsv"))
    held_out = math.ceil(len(every) * DEV_DEBATE_FRACTION)
    return every[: len(every) - held_out], every[len(every) - held_out :]


def load_debate(path: Path) -> list[tuple[str, int]]:
    """(sentence, label) of each line of one CheckThat! debate."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 4:
            lines.append((fields[2], int(fields[3])))
    return lines


def sentence_key(text: str) -> str:
    """Text compared across the two sources: lower-cased, punctuation folded."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def featurise(texts: Sequence[str]) -> tuple[list[dict[str, float]], list[float]]:
    """Model features and rule logits of each text, computed as the package does."""
    rows: list[dict[str, float]] = []
    rule_logits: list[float] = []
    for text in texts:
        evidence = rule_evidence(text)
        rows.append(checkworthy.features(text, evidence.counts, evidence.words))
        rule_logits.append(rule_logit(evidence))
    return rows, rule_logits


class Fitted:
    """A logistic regression fitted on feature dicts, with the NB scaling folded in."""

    def __init__(
        self,
        rows: Sequence[dict[str, float]],
        labels: Sequence[int],
        sample_weight: Sequence[float] | None = None,
        c: float = C,
        nb_power: float = NB_POWER,
    ) -> None:
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(labels)
        weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight)
        document_frequency: dict[str, int] = {}
        for row in rows:
            for name in row:
                document_frequency[name] = document_frequency.get(name, 0) + 1
        self.columns = sorted(
            name for name, df in document_frequency.items() if df >= MIN_DF[name[:2]]
        )
        self.index = {name: i for i, name in enumerate(self.columns)}
        matrix = self._matrix(rows)
        present = (matrix > 0).astype(np.float64)
        positive = np.asarray(present[y == 1].T @ weight[y == 1]).ravel() + 1.0
        negative = np.asarray(present[y == 0].T @ weight[y == 0]).ravel() + 1.0
        ratio = np.log((positive / positive.sum()) / (negative / negative.sum()))
        self.scale = np.abs(ratio) ** nb_power
        regression = LogisticRegression(C=c, max_iter=5000)
        regression.fit(matrix.multiply(self.scale).tocsr(), y, sample_weight=weight)
        self.weights = regression.coef_[0] * self.scale
        self.bias = float(regression.intercept_[0])

    def _matrix(self, rows: Sequence[dict[str, float]]) -> Any:
        import numpy as np
        from scipy.sparse import csr_matrix

        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for row in rows:
            for name, value in row.items():
                column = self.index.get(name)
                if column is not None:
                    indices.append(column)
                    values.append(value)
            indptr.append(len(indices))
        return csr_matrix(
            (np.asarray(values), np.asarray(indices), np.asarray(indptr)),
            shape=(len(rows), len(self.columns)),
        )

    def logits(self, rows: Sequence[dict[str, float]]) -> Any:
        return self._matrix(rows) @ self.weights + self.bias


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> tuple[float, float]:
    """(F1, threshold) maximising F1 of label 1 when `score >= threshold` is predicted 1."""
    pairs = sorted(zip(scores, labels, strict=True), key=lambda pair: -pair[0])
    total_positive = sum(labels)
    best = (0.0, pairs[0][0] if pairs else 0.0)
    true_positive = 0
    for rank, (score, label) in enumerate(pairs, start=1):
        true_positive += label
        if rank < len(pairs) and pairs[rank][0] == score:
            continue  # only cut between distinct scores
        precision = true_positive / rank
        recall = true_positive / total_positive if total_positive else 0.0
        f1 = 2 * precision * recall / (precision + recall) if true_positive else 0.0
        if f1 > best[0]:
            following = pairs[rank][0] if rank < len(pairs) else score - 1.0
            best = (f1, (score + following) / 2)
    return best


def source_weights(
    labels: Sequence[int], ct_weight: float, ct_positive: float, cb_total: float
) -> list[float]:
    """Weights of debate lines: positives `ct_positive`-fold, summing to ct_weight · cb_total."""
    raw = [ct_positive if label else 1.0 for label in labels]
    scale = ct_weight * cb_total / sum(raw) if raw else 0.0
    return [value * scale for value in raw]


def load_checkthat2024(path: Path) -> list[tuple[int, str, int]]:
    """(Sentence_id, text, label) of a CheckThat! 2024 task 1 file (label 1 = "Yes")."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (int(row["Sentence_id"]), row["Text"], int(row["class_label"] == "Yes"))
            for row in reader
        ]


# CheckThat! 2024 task 1's train.tsv and dev.tsv are ClaimBuster's crowdsourced sentences
# (the same debates and question: on the 7,298 sentence ids train.tsv shares with
# ClaimBuster's file, 7,290 labels agree). Rows whose id or text is in ClaimBuster's file
# are left out (the training split has them already, the dev split must not be learnt);
# the rest weigh one of `EXTRA_WEIGHTS` each, chosen by cross-validation.
EXTRA_WEIGHTS = (0.5, 1.0)
# rapidfuzz `ratio` of two sentence keys at which they are one sentence (as debate_folds.py)
NEAR_DUPLICATE = 85


@dataclass
class Source:
    """One training source's sentences, featurised as the package does."""

    texts: list[str]
    labels: list[int]
    groups: list[int]  # the debate's number for debate lines, else 0
    rows: list[dict[str, float]] = field(default_factory=list)
    rule_logits: list[float] = field(default_factory=list)

    def featurise(self) -> None:
        self.rows, self.rule_logits = featurise(self.texts)

    def keys(self) -> list[str]:
        return [sentence_key(text) for text in self.texts]


def near_duplicates(keys: Sequence[str], others: Sequence[str]) -> list[list[int]]:
    """For each of `keys`, the indices of `others` equal or nearly equal to it."""
    import numpy as np
    from rapidfuzz import fuzz, process

    found: list[list[int]] = [[] for _ in keys]
    if not others:
        return found
    for start in range(0, len(keys), 4000):  # blocks keep the score matrix small
        similarity = process.cdist(
            keys[start : start + 4000],
            others,
            scorer=fuzz.ratio,
            score_cutoff=NEAR_DUPLICATE,
            dtype=np.uint8,
            workers=-1,
        )
        for i, j in zip(*np.nonzero(similarity), strict=True):
            found[start + int(i)].append(int(j))
    return found


def without_held_out(source: Source, held_keys: Sequence[str]) -> tuple[Source, int]:
    """`source` less every sentence equal or nearly equal to a held-out one; and how many."""
    near = near_duplicates(source.keys(), held_keys)
    keep = [i for i, found in enumerate(near) if not found]
    kept = Source(
        [source.texts[i] for i in keep],
        [source.labels[i] for i in keep],
        [source.groups[i] for i in keep],
    )
    return kept, len(source.texts) - len(keep)


@dataclass
class Training:
    """Everything the model learns from, with what was dropped and why."""

    claimbuster: Source
    extra: Source  # CheckThat! 2024 train.tsv + dev.tsv sentences not in ClaimBuster's file
    debates: Source
    dev_ids: list[int]
    train_size: int  # the ClaimBuster training split before near-duplicates were dropped
    train_debates: list[Path]
    dev_debates: list[Path]
    dropped: dict[str, int]


def training_data(data_dir: Path, *, featurised: bool = True) -> Training:
    """The training sources, each less the sentences equal or nearly equal (`NEAR_DUPLICATE`)
    to a sentence of the ClaimBuster dev split or of CheckThat! 2024 dev-test, so neither
    figure is measured on its own training text."""
    records = load_claimbuster(data_dir / "claimbuster" / "train.json")
    by_id = {r["sentence_id"]: r for r in records}
    train_ids, dev_ids = checkworthy.stratified_split(
        [r["sentence_id"] for r in records], [r["label"] for r in records], DEV_FRACTION, SEED
    )
    folder = data_dir / "checkthat2024-task1"
    held_keys = sorted(
        {sentence_key(by_id[i]["text"]) for i in dev_ids}
        | {sentence_key(t) for _, t, _ in load_checkthat2024(folder / "dev-test.tsv")}
    )
    claimbuster = Source(
        [by_id[i]["text"] for i in train_ids], [by_id[i]["label"] for i in train_ids], []
    )
    claimbuster.groups = [0] * len(train_ids)
    claimbuster_keys = {sentence_key(r["text"]) for r in records}
    extra = Source([], [], [])
    for name in ("train.tsv", "dev.tsv"):
        for sentence_id, text, label in load_checkthat2024(folder / name):
            if sentence_id not in by_id and sentence_key(text) not in claimbuster_keys:
                extra.texts.append(text)
                extra.labels.append(label)
                extra.groups.append(0)
    train_debates, dev_debates = debate_files(data_dir)
    debates = Source([], [], [])
    for number, path in enumerate(train_debates):
        for text, label in load_debate(path):
            debates.texts.append(text)
            debates.labels.append(label)
            debates.groups.append(number)
    dropped: dict[str, int] = {}
    claimbuster, dropped["claimbuster_train"] = without_held_out(claimbuster, held_keys)
    extra, dropped["checkthat2024"] = without_held_out(extra, held_keys)
    debates, dropped["debates"] = without_held_out(debates, held_keys)
    if featurised:
        for source in (claimbuster, extra, debates):
            source.featurise()
    return Training(
        claimbuster,
        extra,
        debates,
        dev_ids,
        len(train_ids),
        train_debates,
        dev_debates,
        dropped,
    )


def fit_with_debates(
    rows: Sequence[dict[str, float]],
    labels: Sequence[int],
    debate_rows: Sequence[dict[str, float]],
    debate_labels: Sequence[int],
    ct_weight: float,
    ct_positive: float,
    extra_rows: Sequence[dict[str, float]] = (),
    extra_labels: Sequence[int] = (),
    extra_weight: float = 0.0,
) -> Fitted:
    """The shipped recipe: ClaimBuster sentences weigh 1, debate lines as `source_weights`,
    CheckThat! 2024 sentences `extra_weight` each."""
    all_rows = list(rows)
    all_labels = list(labels)
    weights = [1.0] * len(rows)
    if extra_weight > 0 and extra_rows:
        all_rows += extra_rows
        all_labels += extra_labels
        weights += [extra_weight] * len(extra_rows)
    if ct_weight > 0 and debate_rows:
        all_rows += debate_rows
        all_labels += debate_labels
        weights += source_weights(debate_labels, ct_weight, ct_positive, len(rows))
    return Fitted(all_rows, all_labels, weights)


@dataclass
class Choice:
    """One cross-validated setting and its figures."""

    ct_weight: float
    ct_positive: float
    extra_weight: float
    rule_weight: float
    f1: float
    map: float
    threshold: float

    @property
    def objective(self) -> float:
        return round(self.f1 + self.map, 4)


def cross_validate(data: Training, grid: Sequence[tuple[float, float, float]]) -> list[Choice]:
    """Out-of-fold F1 on ClaimBuster training sentences and MAP on training debates of each
    setting. Fold k leaves out a fifth of the ClaimBuster sentences (stratified) and the
    debates of group k (debate i is in group i % FOLDS), and every training sentence equal or
    nearly equal to one of its held-out ClaimBuster sentences: the final figures are
    measured so, and a near-copy in training would flatter a setting that leans on it."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    cb, extra, debates = data.claimbuster, data.extra, data.debates
    cb_keys = cb.keys()
    near = {
        "cb": near_duplicates(cb_keys, cb_keys),
        "extra": near_duplicates(cb_keys, extra.keys()),
        "debates": near_duplicates(cb_keys, debates.keys()),
    }
    y = np.asarray(cb.labels)
    debate_y = np.asarray(debates.labels)
    debate_of = np.asarray(debates.groups)
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(y, y))
    ranked = [d for d in sorted(set(debates.groups)) if debate_y[debate_of == d].any()]
    choices = []
    for ct_weight, ct_positive, extra_weight in grid:
        held_out = np.zeros(len(y))
        debate_held_out = np.zeros(len(debate_y))
        for k, (fold_train, fold_test) in enumerate(folds):
            out = {name: {j for i in fold_test for j in near[name][i]} for name in near}
            keep = [i for i in fold_train if i not in out["cb"]]
            keep_extra = [i for i in range(len(extra.rows)) if i not in out["extra"]]
            keep_debates = [
                i for i in np.flatnonzero(debate_of % FOLDS != k) if int(i) not in out["debates"]
            ]
            fitted = fit_with_debates(
                [cb.rows[i] for i in keep],
                [cb.labels[i] for i in keep],
                [debates.rows[i] for i in keep_debates],
                [debates.labels[i] for i in keep_debates],
                ct_weight,
                ct_positive,
                [extra.rows[i] for i in keep_extra],
                [extra.labels[i] for i in keep_extra],
                extra_weight,
            )
            held_out[fold_test] = fitted.logits([cb.rows[i] for i in fold_test])
            debate_test = np.flatnonzero(debate_of % FOLDS == k)
            debate_held_out[debate_test] = fitted.logits([debates.rows[i] for i in debate_test])
        for rule_weight in RULE_WEIGHTS:
            f1, threshold = best_threshold(
                list(held_out + rule_weight * np.asarray(cb.rule_logits)), cb.labels
            )
            combined = debate_held_out + rule_weight * np.asarray(debates.rule_logits)
            aps = [
                checkworthy.average_precision(
                    list(combined[debate_of == d]), list(debate_y[debate_of == d])
                )
                for d in ranked
            ]
            choice = Choice(
                ct_weight,
                ct_positive,
                extra_weight,
                rule_weight,
                f1,
                sum(aps) / len(aps),
                threshold,
            )
            choices.append(choice)
            print(
                f"cv: debates x{ct_weight:<4} positives x{ct_positive:<4} CheckThat! 2024 "
                f"x{extra_weight:<4} rule weight {rule_weight:<4}  F1 {choice.f1:.4f}  "
                f"MAP {choice.map:.4f}  threshold {threshold:+.3f}",
                flush=True,
            )
    return choices


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=checkworthy.MODEL_PATH)
    parser.add_argument(
        "--keep-weights",
        action="store_true",
        help="cross-validate only the shipped model's source weights, not all of GRID",
    )
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("train_checkworthy: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    data = training_data(args.data_dir)
    cb, extra, debates = data.claimbuster, data.extra, data.debates
    print(
        f"ClaimBuster train {len(cb.texts)} sentences ({sum(cb.labels)} check-worthy), dev "
        f"{len(data.dev_ids)} held out; CheckThat! 2024 train+dev {len(extra.texts)} "
        f"({sum(extra.labels)} Yes); debates: {len(data.train_debates)} for training "
        f"({len(debates.texts)} lines, {sum(debates.labels)} check-worthy), "
        f"{len(data.dev_debates)} dev debates not read; dropped as equal or nearly equal to "
        f"a ClaimBuster dev or CheckThat! 2024 dev-test sentence: {data.dropped}"
    )
    grid = [(w, p, e) for w, p in GRID for e in EXTRA_WEIGHTS]
    if args.keep_weights:
        info = checkworthy.load_model().info
        shipped, added = info.get("debates", {}), info.get("checkthat2024", {})
        grid = [
            (float(shipped["ct_weight"]), float(shipped["ct_positive"]), float(added["weight"]))  # type: ignore[index]
        ]
    choices = cross_validate(data, grid)
    # Best F1 + MAP; ties go to less debate weight, then less rule weight (first listed).
    best = max(choices, key=lambda c: (c.objective, -c.ct_weight, -c.ct_positive, -c.rule_weight))
    fitted = fit_with_debates(
        cb.rows,
        cb.labels,
        debates.rows,
        debates.labels,
        best.ct_weight,
        best.ct_positive,
        extra.rows,
        extra.labels,
        best.extra_weight,
    )
    size, count = write_model(args.output, fitted, best, choices, data)
    print(
        f"wrote {args.output} ({count} weights, {size / 1e6:.2f} MB); cv F1 {best.f1:.4f}, "
        f"MAP {best.map:.4f}, debates x{best.ct_weight}, positives x{best.ct_positive}, "
        f"CheckThat! 2024 x{best.extra_weight}, rule weight {best.rule_weight}, "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


def write_model(
    output: Path, fitted: Fitted, best: Choice, choices: Sequence[Choice], data: Training
) -> tuple[int, int]:
    """Write the model file (gzip, no timestamp: the same data gives the same bytes);
    returns its size and the number of weights."""
    weights = {
        name: float(f"{weight:.4g}")
        for name, weight in zip(fitted.columns, fitted.weights, strict=True)
        if abs(weight) >= 1e-4
    }
    blocks: dict[str, dict[str, float]] = {}  # the file keeps weights by block ("w:", …)
    for name, weight in weights.items():
        blocks.setdefault(name[:2], {})[name[2:]] = weight
    model = {
        "format": checkworthy.FORMAT,
        "bias": round(fitted.bias, 6),
        "rule_weight": best.rule_weight,
        "threshold": round(float(best.threshold), 6),
        "info": {
            "trained_by": "scripts/train_checkworthy.py",
            "data": "ClaimBuster two_class train.json (Arslan et al., ICWSM 2020) + "
            "CLEF 2020 CheckThat! task 5 training debates (dev debates excluded) + "
            "CheckThat! 2024 task 1 train.tsv and dev.tsv (sentences of ClaimBuster's file "
            "out); every sentence equal or nearly equal to a ClaimBuster dev or CheckThat! "
            "2024 dev-test sentence out",
            "checkthat2024": {
                "weight": best.extra_weight,
                "sentences": len(data.extra.texts),
            },
            "near_duplicates_dropped": {"ratio_at_least": NEAR_DUPLICATE, **data.dropped},
            "debates": {
                "dev_fraction": DEV_DEBATE_FRACTION,
                "training": [path.stem for path in data.train_debates],
                "dev_never_read": [path.stem for path in data.dev_debates],
                "lines": len(data.debates.texts),
                "ct_weight": best.ct_weight,
                "ct_positive": best.ct_positive,
            },
            "split": {
                "seed": SEED,
                "dev_fraction": DEV_FRACTION,
                "train_size": data.train_size,
                "dev_size": len(data.dev_ids),
                "dev_ids_sha1": checkworthy.ids_digest(data.dev_ids),
            },
            "features": {
                "word_ngrams": list(checkworthy.WORD_NGRAMS),
                "char_ngrams": list(checkworthy.CHAR_NGRAMS),
                "min_df": MIN_DF,
                "evidence": list(checkworthy.EVIDENCE_KINDS),
            },
            "regression": {"C": C, "nb_power": NB_POWER, "solver": "sklearn lbfgs"},
            "cv": {
                "folds": FOLDS,
                "f1": round(best.f1, 4),
                "map": round(best.map, 4),
                "rule_weight": best.rule_weight,
                "grid": [
                    {
                        "ct_weight": c.ct_weight,
                        "ct_positive": c.ct_positive,
                        "checkthat2024_weight": c.extra_weight,
                        "rule_weight": c.rule_weight,
                        "f1": round(c.f1, 4),
                        "map": round(c.map, 4),
                    }
                    for c in choices
                ],
            },
            "evidence_fingerprint": evidence_fingerprint(),
        },
        "blocks": blocks,
    }
    payload = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with (
        output.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
    ):
        handle.write(payload.encode("utf-8"))
    return output.stat().st_size, len(weights)


if __name__ == "__main__":
    raise SystemExit(main())
