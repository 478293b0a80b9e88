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
  never read. From the 40 earlier debates, lines whose text equals a ClaimBuster dev
  sentence (lower-cased, punctuation folded) are dropped, so the ClaimBuster dev split is
  not learned through the debates that share its sentences.

Everything below is chosen by 5-fold cross-validation on the training data only. Fold k
trains on 4/5 of the ClaimBuster training sentences (stratified folds) plus the training
debates not in debate group k (debate i is in group i % 5, whole debates held out), and
predicts the held-out ClaimBuster sentences (F1) and held-out debates (MAP):

1. features: `checkworthy.features` (word 1–2-grams, char 2–5-grams, rule evidence);
   columns seen in fewer than 2 (words) or 3 (chars) training sentences are dropped;
2. sample weights: each ClaimBuster sentence 1; each debate line 1, its check-worthy lines
   `ct_positive` times more, the debate lines then scaled to weigh `ct_weight` times the
   ClaimBuster sentences in total (`ct_weight` 0 = ClaimBuster only);
3. each column is scaled by |log-count ratio| ** 0.5 (NB weighting, Wang & Manning 2012,
   from weighted counts), then an L2-regularised logistic regression (scikit-learn, C=3)
   is fitted; the scaling is folded into the shipped weights, so scoring needs only a
   dict lookup per feature;
4. (`ct_weight`, `ct_positive`) from `GRID` and how much of the rules' logit to add
   (0, 0.25, 0.5 or 1) are the combination with the best cross-validated F1 + MAP
   (equal weight, both in [0, 1]); the decision threshold is then the one with the best
   cross-validated ClaimBuster F1 for that combination.

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
# much more a check-worthy debate line weighs than another one.
GRID: tuple[tuple[float, float], ...] = (
    (0.0, 1.0),
    (0.5, 1.0),
    (1.0, 1.0),
    (1.0, 5.0),
    (2.0, 5.0),
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


# Rows of CheckThat! 2024's train.tsv (sentences not in ClaimBuster's file, in its dev
# split, or in CheckThat! 2024's dev and dev-test) added to every fit with this weight;
# chosen among 0, 0.5 and 1 (C 1 or 3) by F1 on CheckThat! 2024 dev.tsv: 0.940, 0.952,
# 0.926 (C 1) — dev-test is read only by benchmarks/extraction_eval.py.
CT2024_WEIGHT = 0.5
EXTRA: list[tuple[dict[str, float], int]] = []  # (features, label) of those rows


def fit_with_debates(
    rows: Sequence[dict[str, float]],
    labels: Sequence[int],
    debate_rows: Sequence[dict[str, float]],
    debate_labels: Sequence[int],
    ct_weight: float,
    ct_positive: float,
) -> Fitted:
    """The shipped recipe: ClaimBuster sentences weigh 1, debate lines as `source_weights`,
    CheckThat! 2024 training sentences `CT2024_WEIGHT`."""
    weights = [1.0] * len(rows) + [CT2024_WEIGHT] * len(EXTRA)
    all_rows = list(rows) + [row for row, _ in EXTRA]
    all_labels = list(labels) + [label for _, label in EXTRA]
    if ct_weight > 0 and debate_rows:
        all_rows += debate_rows
        all_labels += debate_labels
        weights += source_weights(debate_labels, ct_weight, ct_positive, len(rows))
    return Fitted(all_rows, all_labels, weights)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=checkworthy.MODEL_PATH)
    parser.add_argument(
        "--keep-debate-weights",
        action="store_true",
        help="cross-validate only the shipped model's (ct_weight, ct_positive), not all of GRID",
    )
    args = parser.parse_args(argv)
    try:
        import numpy as np
        from sklearn.model_selection import StratifiedKFold
    except ImportError:
        print("train_checkworthy: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    source = args.data_dir / "claimbuster" / "train.json"
    records = load_claimbuster(source)
    by_id = {r["sentence_id"]: r for r in records}
    train_ids, dev_ids = checkworthy.stratified_split(
        [r["sentence_id"] for r in records], [r["label"] for r in records], DEV_FRACTION, SEED
    )
    train = [by_id[i] for i in train_ids]
    labels = [r["label"] for r in train]
    rows, rule_logits = featurise([r["text"] for r in train])
    print(f"train {len(train)} sentences ({sum(labels)} check-worthy), dev {len(dev_ids)} held out")

    # CheckThat! training debates (never the dev debates), minus ClaimBuster dev sentences.
    train_debates, dev_debates = debate_files(args.data_dir)
    dev_keys = {sentence_key(by_id[i]["text"]) for i in dev_ids}
    debate_of: list[int] = []
    debate_texts: list[str] = []
    debate_labels: list[int] = []
    dropped = 0
    for number, path in enumerate(train_debates):
        for text, label in load_debate(path):
            if sentence_key(text) in dev_keys:
                dropped += 1
                continue
            debate_of.append(number)
            debate_texts.append(text)
            debate_labels.append(label)
    debate_rows, debate_rule_logits = featurise(debate_texts)
    folder = args.data_dir / "checkthat2024-task1"
    held = {
        sentence_key(t)
        for name in ("dev.tsv", "dev-test.tsv")
        for _, t, _ in load_checkthat2024(folder / name)
    }
    claimbuster_keys = {sentence_key(r["text"]) for r in records}
    extra = [
        (text, label)
        for sentence_id, text, label in load_checkthat2024(folder / "train.tsv")
        if sentence_id not in by_id and sentence_key(text) not in held | claimbuster_keys | dev_keys
    ]
    EXTRA.extend(zip(featurise([t for t, _ in extra])[0], [y for _, y in extra], strict=True))
    print(f"CheckThat! 2024 train: {len(extra)} sentences added (weight {CT2024_WEIGHT})")
    print(
        f"debates: {len(train_debates)} for training ({len(debate_texts)} lines, "
        f"{sum(debate_labels)} check-worthy, {dropped} lines equal to ClaimBuster dev "
        f"sentences dropped); {len(dev_debates)} dev debates not read"
    )

    # Cross-validated logits on the training data choose the setting and threshold.
    y = np.asarray(labels)
    debate_y = np.asarray(debate_labels)
    debate_group = np.asarray(debate_of) % FOLDS
    folds = list(
        StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(np.zeros(len(train)), y)
    )
    rules = np.asarray(rule_logits)
    debate_rules = np.asarray(debate_rule_logits)
    ranked = [d for d in range(len(train_debates)) if debate_y[np.asarray(debate_of) == d].any()]
    choices = []
    grid = GRID
    if args.keep_debate_weights:
        shipped = checkworthy.load_model().info.get("debates", {})
        grid = ((float(shipped["ct_weight"]), float(shipped["ct_positive"])),)  # type: ignore[index]
    for ct_weight, ct_positive in grid:
        held_out = np.zeros(len(train))
        debate_held_out = np.zeros(len(debate_texts))
        for k, (fold_train, fold_test) in enumerate(folds):
            debate_train = np.flatnonzero(debate_group != k)
            fitted = fit_with_debates(
                [rows[i] for i in fold_train],
                [labels[i] for i in fold_train],
                [debate_rows[i] for i in debate_train],
                [debate_labels[i] for i in debate_train],
                ct_weight,
                ct_positive,
            )
            held_out[fold_test] = fitted.logits([rows[i] for i in fold_test])
            debate_test = np.flatnonzero(debate_group == k)
            debate_held_out[debate_test] = fitted.logits([debate_rows[i] for i in debate_test])
        for weight in RULE_WEIGHTS:
            f1, threshold = best_threshold(list(held_out + weight * rules), labels)
            combined = debate_held_out + weight * debate_rules
            aps = []
            for d in ranked:
                members = np.asarray(debate_of) == d
                aps.append(
                    checkworthy.average_precision(list(combined[members]), list(debate_y[members]))
                )
            cv_map = sum(aps) / len(aps)
            choices.append(
                (round(f1 + cv_map, 4), ct_weight, ct_positive, weight, f1, cv_map, threshold)
            )
            print(
                f"cv: debates x{ct_weight:<4} positives x{ct_positive:<5} rule weight "
                f"{weight:<4}  F1 {f1:.4f}  MAP {cv_map:.4f}  threshold {threshold:+.3f}",
                flush=True,
            )
    # Best F1 + MAP; ties go to less debate weight, then less rule weight (first listed).
    best = max(choices, key=lambda c: (c[0], -c[1], -c[2], -c[3]))
    _, ct_weight, ct_positive, rule_weight, cv_f1, cv_map, threshold = best

    fitted = fit_with_debates(rows, labels, debate_rows, debate_labels, ct_weight, ct_positive)
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
        "rule_weight": rule_weight,
        "threshold": round(float(threshold), 6),
        "info": {
            "trained_by": "scripts/train_checkworthy.py",
            "data": "ClaimBuster two_class train.json (Arslan et al., ICWSM 2020) + "
            "CLEF 2020 CheckThat! task 5 training debates (dev debates excluded) + "
            "CheckThat! 2024 task 1 train.tsv (sentences of ClaimBuster, dev, dev-test out)",
            "checkthat2024": {"weight": CT2024_WEIGHT, "sentences": len(EXTRA)},
            "debates": {
                "dev_fraction": DEV_DEBATE_FRACTION,
                "training": [path.stem for path in train_debates],
                "dev_never_read": [path.stem for path in dev_debates],
                "lines": len(debate_texts),
                "dropped_as_claimbuster_dev": dropped,
                "ct_weight": ct_weight,
                "ct_positive": ct_positive,
            },
            "split": {
                "seed": SEED,
                "dev_fraction": DEV_FRACTION,
                "train_size": len(train_ids),
                "dev_size": len(dev_ids),
                "dev_ids_sha1": checkworthy.ids_digest(dev_ids),
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
                "f1": round(cv_f1, 4),
                "map": round(cv_map, 4),
                "rule_weight": rule_weight,
                "grid": [
                    {
                        "ct_weight": c[1],
                        "ct_positive": c[2],
                        "rule_weight": c[3],
                        "f1": round(c[4], 4),
                        "map": round(c[5], 4),
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
        args.output.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
    ):
        handle.write(payload.encode("utf-8"))
    size = args.output.stat().st_size
    print(
        f"wrote {args.output} ({len(weights)} weights, {size / 1e6:.2f} MB); "
        f"cv F1 {cv_f1:.4f}, MAP {cv_map:.4f}, debates x{ct_weight}, positives x{ct_positive}, "
        f"rule weight {rule_weight}, {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
