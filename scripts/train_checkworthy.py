"""Train the check-worthiness model shipped as factcheck_tui/core/checkworthy_model.json.gz.

    /work/venv/bin/python scripts/train_checkworthy.py [--data-dir ../shared/data]

Data: ClaimBuster `claimbuster/train.json` (7,976 debate sentences, label 1 = check-worthy),
read in place and never copied. A fixed, seeded, stratified 20% is held out as the dev
split (`checkworthy.stratified_split`) and never touched here: everything below is chosen
on the other 80% only, with 5-fold cross-validation:

1. features: `checkworthy.features` (word 1–2-grams, char 2–5-grams, rule evidence);
   columns seen in fewer than 2 (words) or 3 (chars) training sentences are dropped;
2. each column is scaled by |log-count ratio| ** 0.5 (NB weighting, Wang & Manning 2012),
   then an L2-regularised logistic regression (scikit-learn, C=3) is fitted; the scaling
   is folded into the shipped weights, so scoring needs only a dict lookup per feature;
3. how much of the rules' logit to add (0, 0.25, 0.5 or 1) and the decision threshold are
   the pair with the best cross-validated F1 of the check-worthy class.

numpy/scipy/scikit-learn are needed here only (`pip install scikit-learn`); the package
scores with the standard library.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck_tui.core import checkworthy  # noqa: E402
from factcheck_tui.core.extract import rule_evidence, rule_logit  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("FACTCHECK_DATA", REPO.parent / "shared" / "data"))
SEED = 2020
DEV_FRACTION = 0.2
C = 3.0
NB_POWER = 0.5
MIN_DF = {"w:": 2, "c:": 3, "h:": 1}
RULE_WEIGHTS = (0.0, 0.25, 0.5, 1.0)
FOLDS = 5


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
        c: float = C,
        nb_power: float = NB_POWER,
    ) -> None:
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(labels)
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
        positive = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
        negative = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
        ratio = np.log((positive / positive.sum()) / (negative / negative.sum()))
        self.scale = np.abs(ratio) ** nb_power
        regression = LogisticRegression(C=c, max_iter=5000)
        regression.fit(matrix.multiply(self.scale).tocsr(), y)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=checkworthy.MODEL_PATH)
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

    # Cross-validated logits on the training split choose the rule weight and threshold.
    y = np.asarray(labels)
    held_out = np.zeros(len(train))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for fold_train, fold_test in folds.split(np.zeros(len(train)), y):
        fitted = Fitted([rows[i] for i in fold_train], [labels[i] for i in fold_train])
        held_out[fold_test] = fitted.logits([rows[i] for i in fold_test])
    rules = np.asarray(rule_logits)
    choices = []
    for weight in RULE_WEIGHTS:
        f1, threshold = best_threshold(list(held_out + weight * rules), labels)
        choices.append((round(f1, 4), -weight, threshold))
        print(f"cv: rule weight {weight:<4}  F1 {f1:.4f}  threshold {threshold:+.3f}")
    cv_f1, negative_weight, threshold = max(choices)
    rule_weight = -negative_weight

    fitted = Fitted(rows, labels)
    weights = {
        name: float(f"{weight:.4g}")
        for name, weight in zip(fitted.columns, fitted.weights, strict=True)
        if abs(weight) >= 1e-4
    }
    model = {
        "format": checkworthy.FORMAT,
        "bias": round(fitted.bias, 6),
        "rule_weight": rule_weight,
        "threshold": round(float(threshold), 6),
        "info": {
            "trained_by": "scripts/train_checkworthy.py",
            "data": "ClaimBuster two_class train.json (Arslan et al., ICWSM 2020)",
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
            "cv": {"folds": FOLDS, "f1": cv_f1, "rule_weight": rule_weight},
            "evidence_fingerprint": evidence_fingerprint(),
        },
        "weights": weights,
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
        f"cv F1 {cv_f1:.4f}, rule weight {rule_weight}, {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
