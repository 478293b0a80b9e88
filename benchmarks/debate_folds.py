"""Leave whole debates out, by date: how well are all 50 CheckThat! debates ranked?

    /work/venv/bin/python benchmarks/debate_folds.py [--data-dir ../shared/data]
        [--folds 5] [--no-ngram] [--json]

`extraction_eval.py` holds out one block, the 10 latest debates (4,069 lines, 42
check-worthy, five debates with a single one): its MAP moves by 0.02 when one line moves
a few ranks, so this script holds out every debate once. The 50 debates of CLEF 2020
CheckThat! task 5, ordered by date, are cut into `--folds` blocks of consecutive debates.
For each block, in the same run and on the same lines:

- model: refitted with the shipped recipe (`scripts/train_checkworthy.fit_with_debates`,
  the `ct_weight`/`ct_positive` recorded in the shipped model) on the ClaimBuster training
  split plus the other blocks' debates. ClaimBuster draws on the same 2012–2016 debates,
  so its sentences that equal or nearly equal a held-out line (rapidfuzz `ratio` ≥ 85 after
  lower-casing and folding punctuation) are left out of that fit: the block's text is never
  seen. The last block's fit has the shipped model's debates, so its MAP is close to
  `extraction_eval.py`'s (which keeps ClaimBuster whole and drops debate lines equal to
  ClaimBuster dev sentences instead);
- rules: the rule-only scorer (nothing trained);
- n-gram: the task organisers' baseline (`baselines/baselines.py` of
  sshaar/clef2020-factchecking-task5): TF-IDF unigrams + RBF SVM (C=1, gamma=0.75)
  trained on the other blocks' debates. It is slow (about a minute per block here);
  `--no-ngram` skips it.

Printed: MAP per block and over all debates (mean AP over the debates with a check-worthy
line), a 95% bootstrap interval over debates (10,000 resamples, seed 0), and for the model
against each other scorer the paired difference with its interval. Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from factcheck_tui.core.extraction import checkworthy  # noqa: E402
from factcheck_tui.core.extraction.extract import score_sentence_rules  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("FACTCHECK_DATA", REPO.parent / "shared" / "data"))
PUBLISHED_NGRAM = 0.095  # the organisers' n-gram baseline on the 10 latest debates
RESAMPLES = 10_000
NEAR_DUPLICATE = 85  # rapidfuzz ratio of normalised text at which two sentences are one

Debate = tuple[str, list[str], list[int]]


def load_debate(path: Path) -> Debate:
    """One debate's (name, sentences, labels) from its `line<TAB>speaker<TAB>text<TAB>label`."""
    sentences: list[str] = []
    labels: list[int] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 4:
            sentences.append(fields[2])
            labels.append(int(fields[3]))
    return path.stem, sentences, labels


def load_debates(directory: Path) -> list[Debate]:
    """Every debate, ordered by name, which starts with its date."""
    return [load_debate(path) for path in sorted(directory.glob("*.tsv"))]


def blocks(count: int, folds: int) -> list[range]:
    """`folds` runs of consecutive indices covering range(count), sizes differing by ≤ 1."""
    edges = [round(i * count / folds) for i in range(folds + 1)]
    return [range(edges[i], edges[i + 1]) for i in range(folds)]


def kept_claimbuster(cb_keys: Sequence[str], held_keys: Sequence[str]) -> list[int]:
    """Indices of ClaimBuster sentences not equal or near-equal to any held-out line."""
    from rapidfuzz import fuzz, process

    similarity = process.cdist(
        cb_keys, held_keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE, workers=-1
    )
    nearest = similarity.max(axis=1)
    return [j for j in range(len(cb_keys)) if nearest[j] < NEAR_DUPLICATE]


def bootstrap_interval(values: Sequence[float]) -> tuple[float, float]:
    """95% percentile interval of the mean of `values`, resampled with replacement."""
    rng = random.Random(0)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(RESAMPLES))
    return means[int(0.025 * RESAMPLES)], means[int(0.975 * RESAMPLES) - 1]


def ngram_scorer(texts: Sequence[str], labels: Sequence[int]) -> Any:
    """The organisers' n-gram baseline, configured as in their baselines.py."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.svm import SVC

    pipeline = Pipeline(
        [
            ("ngrams", TfidfVectorizer(ngram_range=(1, 1))),
            ("clf", SVC(C=1, gamma=0.75, kernel="rbf", random_state=0)),
        ]
    )
    pipeline.fit(list(texts), list(labels))
    return lambda batch: [float(v) for v in pipeline.decision_function(list(batch))]


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    import train_checkworthy as trainer

    started = time.perf_counter()
    model = checkworthy.load_model()
    recorded = model.info.get("debates", {})
    ct_weight = float(recorded.get("ct_weight", 1.0))
    ct_positive = float(recorded.get("ct_positive", 1.0))
    records = trainer.load_claimbuster(args.data_dir / "claimbuster" / "train.json")
    split = model.info.get("split", {})
    train_ids, _ = checkworthy.stratified_split(
        [r["sentence_id"] for r in records],
        [r["label"] for r in records],
        float(split.get("dev_fraction", 0.2)),
        int(split.get("seed", 2020)),
    )
    by_id = {r["sentence_id"]: r for r in records}
    claimbuster = [by_id[i] for i in train_ids]
    cb_rows, _ = trainer.featurise([r["text"] for r in claimbuster])
    cb_keys = [trainer.sentence_key(r["text"]) for r in claimbuster]

    debates = load_debates(args.data_dir / "checkthat2020-task5" / "training")
    debate_rows = [trainer.featurise(sentences)[0] for _, sentences, _ in debates]
    print(f"features ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    scorers = ["model", "rules"] + ([] if args.no_ngram else ["n-gram"])
    ap: dict[str, dict[str, float]] = {name: {} for name in scorers}
    fold_rows: list[dict[str, Any]] = []
    for number, held in enumerate(blocks(len(debates), args.folds), start=1):
        train_idx = [i for i in range(len(debates)) if i not in held]
        keep = kept_claimbuster(
            cb_keys, [trainer.sentence_key(s) for i in held for s in debates[i][1]]
        )
        fitted = trainer.fit_with_debates(
            [cb_rows[j] for j in keep],
            [claimbuster[j]["label"] for j in keep],
            [row for i in train_idx for row in debate_rows[i]],
            [label for i in train_idx for label in debates[i][2]],
            ct_weight,
            ct_positive,
        )
        ngram = None
        if "n-gram" in scorers:
            ngram = ngram_scorer(
                [s for i in train_idx for s in debates[i][1]],
                [y for i in train_idx for y in debates[i][2]],
            )
        fold: dict[str, Any] = {
            "block": number,
            "debates": [debates[i][0] for i in held],
            "cb_dropped": len(cb_keys) - len(keep),
            "map": {},
        }
        for name in scorers:
            aps = []
            for i in held:
                debate, sentences, labels = debates[i]
                if not any(labels):
                    continue
                if name == "model":
                    scores = [float(v) for v in fitted.logits(debate_rows[i])]
                elif name == "rules":
                    scores = [score_sentence_rules(s)[0] for s in sentences]
                else:
                    assert ngram is not None
                    scores = ngram(sentences)
                ap[name][debate] = checkworthy.average_precision(scores, labels)
                aps.append(ap[name][debate])
            fold["map"][name] = round(sum(aps) / len(aps), 4) if aps else None
        fold_rows.append(fold)
        print(
            f"block {number} done ({time.perf_counter() - started:.0f} s): {fold['map']}",
            file=sys.stderr,
        )

    ranked = list(ap["model"])
    overall: dict[str, Any] = {}
    for name in scorers:
        values = [ap[name][d] for d in ranked]
        low, high = bootstrap_interval(values)
        overall[name] = {
            "map": round(sum(values) / len(values), 4),
            "interval": [round(low, 4), round(high, 4)],
        }
    differences: dict[str, Any] = {}
    for name in scorers[1:]:
        values = [ap["model"][d] - ap[name][d] for d in ranked]
        low, high = bootstrap_interval(values)
        differences[name] = {
            "mean": round(sum(values) / len(values), 4),
            "interval": [round(low, 4), round(high, 4)],
            "model_better_in": sum(1 for v in values if v > 0),
        }
    return {
        "folds": fold_rows,
        "debates_ranked": len(ranked),
        "lines": sum(len(debates[i][1]) for i in range(len(debates))),
        "positive": sum(sum(labels) for _, _, labels in debates),
        "overall": overall,
        "model_minus": differences,
        "recipe": {"ct_weight": ct_weight, "ct_positive": ct_positive},
        "seconds": round(time.perf_counter() - started),
    }


def report(result: dict[str, Any]) -> str:
    scorers = list(result["overall"])
    lines = [
        f"CheckThat! 2020 task 5, leave whole debates out by date: {len(result['folds'])} "
        f"blocks, {result['debates_ranked']} debates ranked ({result['lines']} lines, "
        f"{result['positive']} check-worthy)",
        "  block  debates" + "".join(f"{name:>9}" for name in scorers),
    ]
    for fold in result["folds"]:
        names = fold["debates"]
        span = f"{names[0][:8]}..{names[-1][:8]}"
        cells = "".join(
            f"{'-' if fold['map'][n] is None else format(fold['map'][n], '.4f'):>9}"
            for n in scorers
        )
        lines.append(f"  {fold['block']:>5}  {span}{cells}")
    lines.append("  MAP over all debates, 95% bootstrap interval over debates:")
    for name, row in result["overall"].items():
        low, high = row["interval"]
        lines.append(f"    {name:<7} {row['map']:.4f}  [{low:.4f}, {high:.4f}]")
    for name, row in result["model_minus"].items():
        low, high = row["interval"]
        lines.append(
            f"  model - {name}: {row['mean']:+.4f} [{low:+.4f}, {high:+.4f}], model better "
            f"in {row['model_better_in']} of {result['debates_ranked']} debates"
        )
    lines.append(
        f"  (the organisers' n-gram baseline on the 10 latest debates: {PUBLISHED_NGRAM}; "
        "the last block is those debates)"
    )
    lines.append(
        f"model recipe: ct_weight {result['recipe']['ct_weight']}, ct_positive "
        f"{result['recipe']['ct_positive']}; {result['seconds']} s"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-ngram", action="store_true", help="skip the slow n-gram baseline")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("debate_folds: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2
    result = evaluate(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
