"""Train the same-claim model (core/matching/same_claim.py) and choose its lines.

Data: CLEF 2020 CheckThat! task 2 (../shared/data/checkthat2020-task2, never copied): the
10,373 Snopes fact-checks as the desk's reports; the tweets of a split as claims.

Each tweet is ranked twice by the real matcher (`Matcher.judged`): with its right report(s)
present, and with them removed (what a desk sees for a claim no one has checked yet). Every
judged candidate is a row: 1 when it is a right report, 0 otherwise; so the best wrong
candidate at rank 1, with nothing better behind it, is a negative.

- The regression is kept as shipped (`--refit-regression` fits it anew on the *train* tweets:
  scikit-learn logistic regression, L2, C chosen by 5-fold cross-validation, folds by tweet;
  refitted today it gives dev-tune 0.545 against the shipped 0.553, so it stays).
- Beside it, for a big desk, gradient-boosted trees (HistGradientBoostingClassifier, TREES of
  DEPTH) on the train tweets and DEBATE_NEGATIVES debate sentences; each train row's
  probability is cross-validated (5 folds by tweet) for the line. The trees' baseline is then
  moved so the line falls where the regression alone has its own: one line on every desk.
- Every figure here applies the hold rules of anchors.py, as the desk does: a candidate they
  hold is never over the line, whatever the model says.
- The lines: the lowest whose false alarm (share of answer-removed tweets with any suggestion
  over it) is at most 5 % (1 % for the strong line) both on train, by the cross-validated
  probabilities, and on the *dev-tune* part of the dev tweets: a seeded two thirds
  (`split_dev`, seed 19). The other third is held out: never looked at while tuning, printed
  once with `--held-out` (benchmarks/trust_eval.py --held-out prints it beside main).

`--debate-negatives N` adds N sentences of the debates' half A1 (CheckThat! 2020 task 5,
extraction's claims) as claims no report checks (DEBATE_NEGATIVES by default).

scikit-learn is needed here only (`pip install scikit-learn`); the package scores the
exported weights and trees in plain Python.

Usage: python scripts/train_same_claim.py [--data DIR] [--write] [--held-out]
       [--debate-negatives N] [--refit-regression]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from matching_eval import DATA, build_database, read_qrels, read_queries  # noqa: E402

from factcheck_tui.core.matching import same_claim  # noqa: E402
from factcheck_tui.core.matching.match import Matcher  # noqa: E402
from factcheck_tui.core.matching.query import analyse  # noqa: E402
from factcheck_tui.core.store import Store  # noqa: E402
from factcheck_tui.core.text.folding import fold  # noqa: E402

SEED = 19
DEBATES = REPO.parent / "shared" / "data" / "checkthat2020-task5" / "training"
# The debates' fixed split, made before any of them was read: half A to develop on (its own
# seeded halves: A1 gives the model negatives, A2 is measured while developing), half B
# measured once at the end (benchmarks/trust_eval.py --debates --half B).
DEBATE_SEED = 2020
A_SEED = 7
# How many sentences of A1 (seeded) join the train tweets as claims with no fact-check, for the
# trees only. With the regression (#19's fourth round), 700 of them made the debates quiet
# (half A2 over the line 0.8 %, 11 of 1,391, none relevant; 7.6 % with the anchors rule alone,
# 10.3 % without; the real-news pages 4 -> 0, the one relevant lost) at the line it chose,
# 65 (dev-tune false alarm 0.038, right over 0.553 against 0.561), but a plain right answer
# fell: "Nike said they can afford to let go of all Make America Great Again customers."
# 99 % -> 20 % (40 % with 250 negatives). The line is to mean "same claim", not "not a debate".
# Round 5: the regression stays as it was (learnt on the tweets alone) and trees learnt with
# 300 of them are averaged with it on a big desk. Trees and regression both learnt with them
# cost a short claim its report on a small desk ("#georgesoros funded the protest" -> "George
# Soros funded the protest, a meme claims" 99.8 % -> 20 % among 430 reports).
DEBATE_NEGATIVES = 300
# The trees beside the regression: few and shallow (12 candidates score in a quarter of a
# millisecond in plain Python); MIN_LEAF keeps a leaf from learning one tweet.
TREES = 100
DEPTH = 3
MIN_LEAF = 40
# Rates every candidate 100 %, so the hold rules read every one (`Candidate.held`) and each
# row says whether they would hold it at any line (the features do not depend on the model).
EVERY_ONE_OVER = same_claim.SameClaimModel((), (), (), (), 40.0)
LINEAR_FIELDS = ("names", "means", "scales", "weights", "intercept")
# A row: (tweet id, answer present?, rank, features, label, held by anchors.py?)
Row = tuple[str, bool, int, dict[str, float], int, bool]


def split_dev(qids: list[str], seed: int = SEED) -> tuple[list[str], list[str]]:
    """The dev tweets' fixed split: (dev-tune, held-out), two thirds / one third."""
    ordered = sorted(qids)
    random.Random(seed).shuffle(ordered)
    cut = len(ordered) // 3
    return sorted(ordered[cut:]), sorted(ordered[:cut])


def debate_halves(folder: Path = DEBATES) -> dict[str, list[Path]]:
    """The debates (one file each) cut by fixed seeds: halves A and B, and A's halves A1, A2."""
    files = sorted(folder.glob("*.tsv"))
    random.Random(DEBATE_SEED).shuffle(files)
    cut = len(files) // 2
    half_a, half_b = sorted(files[:cut]), sorted(files[cut:])
    shuffled = list(half_a)
    random.Random(A_SEED).shuffle(shuffled)
    a_cut = len(shuffled) // 2
    return {
        "A": half_a,
        "B": half_b,
        "A1": sorted(shuffled[:a_cut]),
        "A2": sorted(shuffled[a_cut:]),
    }


def debate_claims(files: list[Path]) -> list[str]:
    """The sentences of the debates that extraction proposes as claims (its own line), as a
    checker would see them: `line<TAB>speaker<TAB>sentence<TAB>label` rows."""
    from factcheck_tui.core.extraction.extract import DEFAULT_THRESHOLD, score_sentence

    claims: list[str] = []
    for file in files:
        for row in file.read_text(encoding="utf-8").splitlines():
            parts = row.split("\t")
            if len(parts) < 3 or not parts[2].strip():
                continue
            if score_sentence(parts[2])[0] >= DEFAULT_THRESHOLD:
                claims.append(parts[2].strip())
    return claims


def debate_negatives(count: int = DEBATE_NEGATIVES) -> dict[str, str]:
    """A seeded sample of half A1's claims, as claims with no fact-check: real political
    sentences, most of which no Snopes report checks (a few do: label noise the model bears)."""
    claims = debate_claims(debate_halves()["A1"])
    picked = random.Random(SEED).sample(claims, min(count, len(claims)))
    return {f"debate-{n}": text for n, text in enumerate(picked)}


def answers(store: Store) -> dict[str, frozenset[int]]:
    """Each report's external id → the ids of the reports stating the same claim: itself and
    its copies (the Snopes file holds some claims twice, once with "double" and once with
    'single' quotes). Removing an answer removes its copies too: a copy is the answer."""
    by_text: dict[str, set[int]] = {}
    ids: dict[str, str] = {}
    for report_id, external_id, claim in store.conn.execute(
        "SELECT id, external_id, claim_text FROM reports"
    ):
        key = " ".join(re.findall(r"[^\W_]+", fold(claim)))
        by_text.setdefault(key, set()).add(report_id)
        ids[external_id] = key
    return {e: frozenset(by_text[key]) for e, key in ids.items()}


def rows_for(store: Store, queries: dict[str, str], qrels: dict[str, set[str]]) -> list[Row]:
    """Judged candidates of every tweet, its right reports present and removed."""
    matcher = Matcher(store.conn, model=EVERY_ONE_OVER)
    same = answers(store)
    rows: list[Row] = []
    for qid, text in queries.items():
        relevant = qrels.get(qid, set())
        removed = frozenset(i for e in relevant for i in same.get(e, ()))
        # A claim no report checks is ranked once: every candidate is a negative.
        rankings = ((True, frozenset[int]()), (False, removed)) if relevant else ((False, removed),)
        for present, exclude in rankings:
            for rank, c in enumerate(matcher.judged(analyse(text), exclude=exclude)):
                if c.ruled_out:
                    continue
                label = int(c.report_id in removed)
                rows.append((qid, present, rank, c.judged, label, bool(c.held)))
    return rows


def load(split: str, data: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    queries = read_queries(data / split / "tweets.queries.tsv")
    qrels = read_qrels(data / split / "tweet-vclaim-pairs.qrels")
    return {q: t for q, t in queries.items() if q in qrels}, qrels


def fit(rows: list[Row], names: list[str]) -> tuple[same_claim.SameClaimModel, list[float]]:
    """The model fitted on all rows, and each row's probability cross-validated (5 folds by
    tweet: the fold's model never saw the row's tweet), for the line."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    x = np.array([[r[3].get(n, 0.0) for n in names] for r in rows])
    y = np.array([r[4] for r in rows])
    folds = list(GroupKFold(5).split(x, y, [r[0] for r in rows]))
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales
    best_c, best_loss, cross_validated = 1.0, float("inf"), np.zeros(len(y))
    for c in (0.01, 0.03, 0.1, 0.3, 1.0, 3.0):
        p = np.zeros(len(y))
        for train, test in folds:
            model = LogisticRegression(C=c, max_iter=2000).fit(z[train], y[train])
            p[test] = model.predict_proba(z[test])[:, 1]
        clipped = np.clip(p, 1e-6, 1 - 1e-6)
        loss = -float(np.mean(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)))
        print(f"  C={c}: cross-validated log loss {loss:.4f}", file=sys.stderr)
        if loss < best_loss:
            best_c, best_loss, cross_validated = c, loss, p
    model = LogisticRegression(C=best_c, max_iter=2000).fit(z, y)
    print(f"  chose C={best_c}", file=sys.stderr)
    fitted = same_claim.SameClaimModel(
        tuple(names),
        tuple(float(v) for v in means),
        tuple(float(v) for v in scales),
        tuple(float(v) for v in model.coef_[0]),
        float(model.intercept_[0]),
    )
    return fitted, [float(v) for v in cross_validated]


def with_trees(
    linear: same_claim.SameClaimModel, rows: list[Row], names: list[str]
) -> tuple[same_claim.SameClaimModel, list[float]]:
    """The regression with gradient-boosted trees fitted on `rows` beside it (logits averaged,
    as same_claim.py scores a big desk), and each row's probability with the trees
    cross-validated (5 folds by tweet)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    assert tuple(names) == linear.names
    x = np.array([[r[3].get(n, 0.0) for n in names] for r in rows])
    y = np.array([r[4] for r in rows])
    p = np.clip([linear.probability(r[3]) for r in rows], 1e-12, 1 - 1e-12)
    regression = np.log(p / (1 - p))
    boosted = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, [r[0] for r in rows]):
        boosted[test] = _trees().fit(x[train], y[train]).decision_function(x[test])
    fitted = _trees().fit(x, y)
    model = same_claim.SameClaimModel(
        linear.names,
        linear.means,
        linear.scales,
        linear.weights,
        linear.intercept,
        float(fitted._baseline_prediction.ravel()[0]),
        _exported(fitted),
    )
    # The plain-Python walk gives what scikit-learn gives.
    mine = [model.probability(r[3], big_desk=True) for r in rows[:2000]]
    theirs = 1 / (1 + np.exp(-(regression[:2000] + fitted.decision_function(x[:2000])) / 2))
    assert np.allclose(mine, theirs, atol=1e-7)
    return model, [float(v) for v in 1 / (1 + np.exp(-(regression + boosted) / 2))]


def model_json(
    model: same_claim.SameClaimModel, suggest: float, strong: float, negatives: int
) -> str:
    """same_claim_model.json: the regression one value a line, the trees one line each."""
    trees = ",\n  ".join(
        json.dumps(
            {"feature": f, "threshold": t, "left": left, "right": right, "value": v},
            separators=(",", ":"),
        )
        for f, t, left, right, v in model.trees
    )
    text = json.dumps(
        {
            "about": "scripts/train_same_claim.py: logistic regression, CheckThat! 2020 task 2 "
            "train tweets, answers present and removed; on a big desk averaged with "
            f"gradient-boosted trees learnt on the same and {negatives} debate sentences of "
            "half A1",
            "features": model.names,
            "means": [round(v, 6) for v in model.means],
            "scales": [round(v, 6) for v in model.scales],
            "weights": [round(v, 6) for v in model.weights],
            "intercept": round(model.intercept, 6),
            "trees": {"baseline": model.baseline, "trees": "TREES"},
            "suggest_line": suggest,
            "strong_line": strong,
        },
        indent=1,
    )
    return text.replace('"TREES"', f"[\n  {trees}\n  ]") + "\n"


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


def _trees() -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=TREES,
        learning_rate=0.1,
        max_depth=DEPTH,
        max_leaf_nodes=2**DEPTH,
        min_samples_leaf=MIN_LEAF,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=SEED,
    )


def _exported(fitted: Any) -> tuple[same_claim.Tree, ...]:
    """scikit-learn's trees as the plain lists same_claim.py walks (a leaf's feature is -1)."""
    return tuple(
        (
            tuple(-1 if n["is_leaf"] else int(n["feature_idx"]) for n in predictor.nodes),
            tuple(float(n["num_threshold"]) for n in predictor.nodes),
            tuple(int(n["left"]) for n in predictor.nodes),
            tuple(int(n["right"]) for n in predictor.nodes),
            tuple(float(n["value"]) if n["is_leaf"] else 0.0 for n in predictor.nodes),
        )
        for (predictor,) in fitted._predictors
    )


def outcomes(
    rows: list[Row], probabilities: list[float], line: float, tweets: int
) -> dict[str, float]:
    """False alarm (answer removed: any candidate over the line), right answer over the line
    (answer present: a right report among the top 5 over it), top suggestion right; a
    candidate the hold rules hold is never over the line. Shares of all the part's `tweets`,
    those with no candidate (or none not held) included."""
    by_query: dict[tuple[str, bool], list[tuple[float, int]]] = {}
    for (qid, present, _rank, _f, label, held), p in zip(rows, probabilities, strict=True):
        found = by_query.setdefault((qid, present), [])
        if not held:
            found.append((100 * p, label))
    alarms = rights = tops = 0
    for (_, present), found in by_query.items():
        found.sort(key=lambda item: -item[0])
        over = [label for p, label in found if p >= line][:5]
        if present:
            rights += any(over)
            tops += bool(over) and over[0] == 1
        else:
            alarms += bool(over)
    queries = max(tweets, 1)
    return {
        "false_alarm": alarms / queries,
        "right_over": rights / queries,
        "top_right": tops / queries,
    }


Part = tuple[list[Row], list[float], int]  # rows, their probabilities, the tweets


def choose_line(parts: list[Part], alarm: float) -> float:
    """The lowest whole line whose false alarm is at most `alarm` on every part."""
    for line in range(1, 100):
        if all(outcomes(*part[:2], float(line), part[2])["false_alarm"] <= alarm for part in parts):
            return float(line)
    return 99.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--write", action="store_true", help="write same_claim_model.json")
    parser.add_argument("--held-out", action="store_true", help="also print the held-out third")
    parser.add_argument(
        "--debate-negatives",
        type=int,
        default=DEBATE_NEGATIVES,
        metavar="N",
        help="sentences of the debates' half A1 learnt as claims no report checks (0: none)",
    )
    parser.add_argument(
        "--refit-regression",
        action="store_true",
        help="fit the regression anew (else the shipped one is kept and trees fitted beside it)",
    )
    args = parser.parse_args()
    train_q, train_rel = load("train", args.data)
    dev_q, dev_rel = load("dev", args.data)
    tune_ids, held_ids = split_dev(list(dev_q))
    with tempfile.TemporaryDirectory(prefix="factcheck-same-claim-") as folder:
        store, _ = build_database(args.data / "verified_claims.docs.tsv", Path(folder))
        train_rows = rows_for(store, train_q, train_rel)
        negatives = (
            rows_for(store, debate_negatives(args.debate_negatives), {})
            if args.debate_negatives
            else []
        )
        tune_rows = rows_for(store, {q: dev_q[q] for q in tune_ids}, dev_rel)
        held_rows = (
            rows_for(store, {q: dev_q[q] for q in held_ids}, dev_rel) if args.held_out else []
        )
        store.close()
    names = sorted(train_rows[0][3])
    if args.refit_regression:
        linear = fit(train_rows, names)[0]
    else:
        shipped = same_claim.load_model()
        linear = same_claim.SameClaimModel(*(getattr(shipped, f) for f in LINEAR_FIELDS))
    model, cross_validated = with_trees(linear, train_rows + negatives, names)
    cross_validated = cross_validated[: len(train_rows)]  # the line is read on tweets only
    probabilities = {
        label: [model.probability(r[3], big_desk=True) for r in rows]
        for label, rows in (("dev-tune", tune_rows), ("held-out", held_rows))
    }
    both: list[Part] = [
        (train_rows, cross_validated, len(train_q)),
        (tune_rows, probabilities["dev-tune"], len(tune_ids)),
    ]
    # One line on every desk: the trees' baseline moves so that the big desk's line falls
    # where the regression alone has its own (a small desk is judged by the regression alone).
    alone = [linear.probability(r[3]) for r in tune_rows]
    wanted = choose_line([(tune_rows, alone, len(tune_ids))], 0.05)
    shift = 2 * (_logit(wanted / 100) - _logit(choose_line(both, 0.05) / 100))
    model = dataclasses.replace(model, baseline=model.baseline + shift)
    probabilities = {
        label: [model.probability(r[3], big_desk=True) for r in rows]
        for label, rows in (("dev-tune", tune_rows), ("held-out", held_rows))
    }
    cross_validated = [1 / (1 + math.exp(-(_logit(p) + shift / 2))) for p in cross_validated]
    both = [
        (train_rows, cross_validated, len(train_q)),
        (tune_rows, probabilities["dev-tune"], len(tune_ids)),
    ]
    suggest, strong = choose_line(both, 0.05), choose_line(both, 0.01)
    print(
        f"suggestion line {suggest:.0f}, strong line {strong:.0f} (train cross-validated: "
        f"{choose_line(both[:1], 0.05):.0f} and {choose_line(both[:1], 0.01):.0f}; dev-tune: "
        f"{choose_line(both[1:], 0.05):.0f} and {choose_line(both[1:], 0.01):.0f})"
    )
    for name, value in sorted(
        zip(model.names, model.weights, strict=True), key=lambda i: -abs(i[1])
    ):
        print(f"  {name:<22}{value:+.3f}")
    parts = [("train (cv)", *both[0]), ("dev-tune", *both[1])]
    if held_rows:
        parts.append(("held-out", held_rows, probabilities["held-out"], len(held_ids)))
    for line in (suggest, strong):
        for label, rows, found, tweets in parts:
            o = outcomes(rows, found, line, tweets)
            print(
                f"line {line:.0f} {label:<10} false alarm {o['false_alarm']:.3f}  right answer "
                f"over the line {o['right_over']:.3f}  top suggestion right {o['top_right']:.3f}"
            )
    if args.write:
        same_claim.MODEL_PATH.write_text(
            model_json(model, suggest, strong, args.debate_negatives), encoding="utf-8"
        )
        print(f"wrote {same_claim.MODEL_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
