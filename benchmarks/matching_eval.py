"""How well does `factcheck match` find the prior fact-check a claim needs? Measured on real data.

Data: CLEF 2020 CheckThat! Task 2 (verified claim retrieval), read from ../shared/data (never
copied into the repo): 10,373 Snopes fact-checks as reports, tweets as queries, qrels saying
which fact-check verifies each tweet.

What runs:
- ours: the fact-checks are imported with `factcheck_tui.core.report_files.importing.import_reports`
  (a copy of the TSV with its header renamed to id / claim / title, so external id = vclaim_id)
  into a
  temp database; each tweet goes through the same core call `factcheck match --queries` makes
  (`match_many` with `min_score=0`, top 5), in this process. `--cli` runs the real command
  instead (`python -m factcheck_tui match --queries FILE --top 5 --min-score 0`) and scores
  its output: the figures are the same.
- BM25: Okapi BM25 (k1 1.5, b 0.75) over claim + title, lower-cased word tokens, no cleaning,
  implemented below, on the same queries.

Metrics, as the task defines them: AP@k = (1/|relevant|) · Σ over ranks i ≤ k holding a
relevant claim of precision@i, averaged over queries (MAP@1, MAP@5); MRR over the top 5.

`--tune` fits the score weights on the *train* split (coordinate ascent on MAP@5 over the
features `Matcher.rank` computes, with 5-fold cross-validation on train saying whether the
features earn their place) and prints them; the dev split is only ever reported.
`--choices` measures, on train, the number of candidates scored and the rapidfuzz scorers
left out. `--distractors N` adds N made-up reports (bigram-chain sentences over the real
claims) to measure quality and speed at scale, e.g. 989627 for a million reports.
It also prints what the two score thresholds mean on the split.

Usage: python benchmarks/matching_eval.py [--split dev] [--cli] [--tune] [--choices]
       [--distractors N] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck_tui.core.matching import match as matching  # noqa: E402
from factcheck_tui.core.matching import reranking, same_claim  # noqa: E402
from factcheck_tui.core.matching.query import analyse  # noqa: E402
from factcheck_tui.core.report_files.importing import import_reports  # noqa: E402
from factcheck_tui.core.store import Store  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "checkthat2020-task2"
csv.field_size_limit(10**8)


# ------------------------------------------------------------------------------ data
def read_claims(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return {row[0]: (row[1], row[2]) for row in reader if len(row) >= 3}


def read_queries(path: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            qid, _, text = line.rstrip("\n").partition("\t")
            if qid.strip() and text.strip():  # the file's first line is a header
                queries[qid] = text
    return queries


def read_qrels(path: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            relevant[parts[0]].add(parts[2])
    return relevant


# --------------------------------------------------------------------------- metrics
def average_precision(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    hits = 0
    total = 0.0
    for i, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str], k: int = 5) -> float:
    for i, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            return 1.0 / i
    return 0.0


def metrics(run: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    n = len(qrels)
    return {
        "MAP@1": sum(average_precision(run.get(q, []), r, 1) for q, r in qrels.items()) / n,
        "MAP@5": sum(average_precision(run.get(q, []), r, 5) for q, r in qrels.items()) / n,
        "MRR": sum(reciprocal_rank(run.get(q, []), r) for q, r in qrels.items()) / n,
    }


# ------------------------------------------------------------------------------ BM25
def bm25_run(
    claims: dict[str, tuple[str, str]], queries: dict[str, str], k1: float = 1.5, b: float = 0.75
) -> dict[str, list[str]]:
    """Plain Okapi BM25 over claim + title with lower-cased word tokens (the reference)."""

    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    ids = list(claims)
    tfs = [Counter(tokens(c + " " + t)) for c, t in claims.values()]
    lengths = [sum(tf.values()) for tf in tfs]
    avgdl = sum(lengths) / len(lengths)
    df: Counter[str] = Counter()
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for j, tf in enumerate(tfs):
        df.update(tf.keys())
        for word, count in tf.items():
            postings[word].append((j, count))
    n = len(ids)
    idf = {w: math.log((n - d + 0.5) / (d + 0.5) + 1) for w, d in df.items()}
    run: dict[str, list[str]] = {}
    for qid, text in queries.items():
        scores: dict[int, float] = defaultdict(float)
        for word in tokens(text):
            for j, count in postings.get(word, ()):
                norm = k1 * (1 - b + b * lengths[j] / avgdl)
                scores[j] += idf[word] * count * (k1 + 1) / (count + norm)
        top = sorted(scores.items(), key=lambda item: -item[1])[:5]
        run[qid] = [ids[j] for j, _ in top]
    return run


# ------------------------------------------------------------------------------- ours
def build_database(claims_file: Path, folder: Path, distractors: int = 0) -> tuple[Store, float]:
    """Import the fact-checks as reports (header renamed so vclaim_id is the id), plus
    `distractors` made-up reports (see `distractor_texts`)."""
    renamed = folder / "verified_claims.tsv"
    with claims_file.open(encoding="utf-8", newline="") as source:
        source.readline()
        with renamed.open("w", encoding="utf-8", newline="") as target:
            target.write("id\tclaim\ttitle\n")
            for chunk in iter(lambda: source.read(1 << 20), ""):
                target.write(chunk)
            if distractors:
                claims = read_claims(claims_file)
                writer = csv.writer(target, delimiter="\t", lineterminator="\n")
                for i, (claim, title) in enumerate(distractor_texts(claims, distractors)):
                    writer.writerow([f"distractor-{i}", claim, title])
    store = Store.open(folder / "reports.db", "benchmark")
    started = time.perf_counter()
    summary = import_reports(store, renamed)
    elapsed = time.perf_counter() - started
    print(f"imported {summary.describe()} in {elapsed:.1f} s", file=sys.stderr)
    return store, elapsed


def distractor_texts(
    claims: dict[str, tuple[str, str]], count: int, seed: int = 7
) -> Iterator[tuple[str, str]]:
    """Reports that are not fact-checks of any query: sentences walked from a word-bigram
    chain over the real claims and titles. Same vocabulary, same phrases, often whole runs of
    a real claim: harder distractors than a million real, mostly unrelated, fact-checks."""
    following: dict[str, list[str]] = defaultdict(list)
    for pair in claims.values():
        for text in pair:
            chain = ["<s>", *text.split(), "</s>"]
            for a, b in itertools.pairwise(chain):
                following[a].append(b)
    rnd = random.Random(seed)

    def walk(limit: int) -> str:
        out: list[str] = []
        word = "<s>"
        while len(out) < limit:
            word = rnd.choice(following[word])
            if word == "</s>":
                break
            out.append(word)
        return " ".join(out)

    for _ in range(count):
        yield walk(40), walk(15)


def ours_run(store: Store, queries: dict[str, str]) -> tuple[dict[str, list[str]], list[float]]:
    """The run (every candidate scored, top 5: what `factcheck match --queries` prints), and
    each query's milliseconds."""
    results = matching.rank_many(store, queries.values(), k=5)
    run: dict[str, list[str]] = {}
    times: list[float] = []
    for qid in queries:
        started = time.perf_counter()
        found = next(results)
        times.append((time.perf_counter() - started) * 1000)
        run[qid] = [s.external_id for s in found]
    return run, sorted(times)


def shown_runs(store: Store, queries: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """What a checker sees in the top 5: only suggestions over the line, and with the weak
    ones (under the line, retrieval score down to WEAK_FLOOR, never a one-word overlap)."""
    matcher = matching.Matcher(store.conn)
    above: dict[str, list[str]] = {}
    with_weak: dict[str, list[str]] = {}
    for qid, text in queries.items():
        ranked = [c for c in matcher.judged(analyse(text)) if not c.ruled_out]
        above[qid] = [
            c.external_id for c in ranked if c.probability >= same_claim.SUGGEST_THRESHOLD
        ][:5]
        with_weak[qid] = [c.external_id for c in ranked if matching.listed(c)][:5]
    return {"suggestions over the line": above, "... and weak ones shown": with_weak}


def cli_run(db: Path, queries: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """The same through the real command: `factcheck match --queries FILE`."""
    query_file = folder / "queries.tsv"
    query_file.write_text(
        "".join(f"{qid}\t{' '.join(text.split())}\n" for qid, text in queries.items()),
        encoding="utf-8",
    )
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck_tui",
            "match",
            "--db",
            str(db),
            "--queries",
            str(query_file),
            "--top",
            "5",
            "--min-score",
            "0",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    run: dict[str, list[str]] = defaultdict(list)
    for line in output.splitlines():
        qid, _rank, external_id, _score = line.split("\t")
        run[qid].append(external_id)
    return run


# ------------------------------------------------------------------------------ tuning
FeatureRows = dict[str, list[tuple[str, dict[str, float]]]]


def feature_rows(store: Store, queries: dict[str, str]) -> FeatureRows:
    matcher = matching.Matcher(store.conn)
    rows: FeatureRows = {}
    for qid, text in queries.items():
        ranked = matcher.rank(analyse(text))
        rows[qid] = [(c.external_id, dict(c.features)) for c in ranked]
    return rows


def rerank(rows: FeatureRows, score: Callable[[dict[str, float]], float]) -> dict[str, list[str]]:
    return {
        qid: [eid for eid, _ in sorted(cands, key=lambda c: -score(c[1]))][:5]
        for qid, cands in rows.items()
    }


FEATURE_WEIGHTS = {
    "WEIGHT_TITLE": "title_bm25",
    "WEIGHT_SPELLING": "spelling",
    "WEIGHT_CHARGRAMS": "chargrams",
}


def scorer(weights: dict[str, float]) -> Callable[[dict[str, float]], float]:
    """`match.combine` with other weights (BM25's weight stays 1: it sets the scale)."""

    def score(f: dict[str, float]) -> float:
        raw = f["bm25"] + sum(
            weights[name] * f[feature] for name, feature in FEATURE_WEIGHTS.items()
        )
        raw = max(raw, 0.0)
        penalty = reranking.NUMBER_PENALTY * f["numbers_disagree"]
        return 100 * raw / (raw + reranking.SCORE_HALF) - penalty

    return score


def fit(rows: FeatureRows, qrels: dict[str, set[str]], names: Sequence[str]) -> dict[str, float]:
    """Coordinate ascent on MAP@5 over the named weights (the others stay 0)."""
    weights = dict.fromkeys(FEATURE_WEIGHTS, 0.0)
    best = metrics(rerank(rows, scorer(weights)), qrels)["MAP@5"]
    for _ in range(3):
        improved = False
        for name in names:
            for step in (-0.2, -0.1, 0.1, 0.2, 0.4):
                trial = dict(weights)
                trial[name] = max(0.0, trial[name] + step)
                value = metrics(rerank(rows, scorer(trial)), qrels)["MAP@5"]
                if value > best + 1e-4:
                    best, weights, improved = value, trial, True
        if not improved:
            break
    return weights


def tune(rows: FeatureRows, qrels: dict[str, set[str]]) -> dict[str, float]:
    """Fit the weights on train; 5-fold cross-validation on train says whether the features
    earn their place (the dev split is not looked at)."""
    qids = sorted(rows)
    random.Random(0).shuffle(qids)
    folds = [qids[i::5] for i in range(5)]
    for label, names in (("BM25 alone", ()), ("all features", tuple(FEATURE_WEIGHTS))):
        held_out = []
        for i, fold in enumerate(folds):
            train = {q: rows[q] for j, f in enumerate(folds) if j != i for q in f}
            weights = fit(train, qrels, names)
            test = {q: rows[q] for q in fold}
            held_out.append(metrics(rerank(test, scorer(weights)), {q: qrels[q] for q in fold}))
        cv = sum(m["MAP@5"] for m in held_out) / len(held_out)
        print(f"train 5-fold CV MAP@5, {label}: {cv:.4f}")
    weights = fit(rows, qrels, tuple(FEATURE_WEIGHTS))
    value = metrics(rerank(rows, scorer(weights)), qrels)["MAP@5"]
    print(f"fitted on all of train: MAP@5 {value:.4f} with {weights}")
    return weights


def choices(store: Store, queries: dict[str, str], qrels: dict[str, set[str]]) -> None:
    """The measurements behind CANDIDATES and the rapidfuzz scorers left out (train split)."""
    from rapidfuzz import fuzz, utils

    matcher = matching.Matcher(store.conn)
    print("candidates scored per claim (train):")
    for count in (30, 50, 100, 200):
        started = time.perf_counter()
        run = {
            qid: [c.external_id for c in matcher.rank(analyse(text), count)[:5]]
            for qid, text in queries.items()
        }
        per_query = (time.perf_counter() - started) * 1000 / len(queries)
        print(f"  {count:>4}: MAP@5 {metrics(run, qrels)['MAP@5']:.4f}, {per_query:.1f} ms a claim")
    ranked = {qid: matcher.rank(analyse(text)) for qid, text in queries.items()}
    cleaned = {qid: utils.default_process(analyse(t).text) for qid, t in queries.items()}
    base = {
        qid: [(c.external_id, dict(c.features)) for c in cands] for qid, cands in ranked.items()
    }
    plain = metrics(rerank(base, reranking.combine), qrels)["MAP@5"]
    print(f"rapidfuzz whole-text scorers as one more feature (train MAP@5 without: {plain:.4f}):")
    scorers = {
        "ratio": fuzz.ratio,
        "QRatio": fuzz.QRatio,
        "token_sort_ratio": fuzz.token_sort_ratio,
        "token_set_ratio": fuzz.token_set_ratio,
        "partial_ratio": fuzz.partial_ratio,
        "WRatio": fuzz.WRatio,
    }
    for name, scorer in scorers.items():
        rows: FeatureRows = {}
        started = time.perf_counter()
        for qid, cands in ranked.items():
            texts = [utils.default_process(f"{c.claim_text} {c.title}") for c in cands]
            rows[qid] = [
                (c.external_id, dict(c.features) | {"extra": scorer(cleaned[qid], text) / 100})
                for c, text in zip(cands, texts, strict=True)
            ]
        cost = (time.perf_counter() - started) * 1000 / len(ranked)
        best = max(
            (
                metrics(
                    rerank(rows, lambda f, w=w: reranking.combine(f) + 100 * w * f["extra"]), qrels
                )["MAP@5"],
                w,
            )
            for w in (0.0, 0.05, 0.1, 0.2, 0.4)
        )
        print(
            f"  {name:<17} {cost:6.1f} ms a claim for 100 candidates; "
            f"best MAP@5 {best[0]:.4f} at weight {best[1]}"
        )


def calibration(store: Store, queries: dict[str, str], qrels: dict[str, set[str]]) -> None:
    """What the thresholds mean on this split: the right report's probability, and the best
    wrong candidate's (a stand-in for a claim no report covers)."""
    matcher = matching.Matcher(store.conn)
    right: list[float] = []
    wrong: list[float] = []
    top: list[tuple[float, bool]] = []
    for qid, text in queries.items():
        ranked = matcher.judged(analyse(text))
        if not ranked:
            continue
        top.append((ranked[0].probability, ranked[0].external_id in qrels[qid]))
        right += [c.probability for c in ranked if c.external_id in qrels[qid]][:1]
        wrong += [c.probability for c in ranked if c.external_id not in qrels[qid]][:1]
    for name, threshold in (
        ("suggest", same_claim.SUGGEST_THRESHOLD),
        ("strong", same_claim.STRONG_THRESHOLD),
    ):
        kept = [ok for score, ok in top if score >= threshold]
        print(
            f"{name} threshold {threshold:.0f}: right report scores above it for "
            f"{sum(s >= threshold for s in right) / len(queries):.0%} of queries; "
            f"best suggestion above it for {len(kept) / len(queries):.0%}, right for "
            f"{sum(kept) / max(len(kept), 1):.1%} of those; best wrong candidate above it for "
            f"{sum(s >= threshold for s in wrong) / len(queries):.0%}"
        )


# ------------------------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--cli", action="store_true", help="run the real `factcheck match`")
    parser.add_argument("--tune", action="store_true", help="fit the weights on train")
    parser.add_argument(
        "--choices", action="store_true", help="measure candidate counts and scorers on train"
    )
    parser.add_argument(
        "--distractors",
        type=int,
        default=0,
        metavar="N",
        help="add N made-up reports (e.g. 990000 for a million) to measure at scale",
    )
    args = parser.parse_args()
    claims = read_claims(args.data / "verified_claims.docs.tsv")
    with tempfile.TemporaryDirectory(prefix="factcheck-eval-") as tmp:
        folder = Path(tmp)
        store, import_seconds = build_database(
            args.data / "verified_claims.docs.tsv", folder, args.distractors
        )
        if args.choices:
            choices(
                store,
                read_queries(args.data / "train" / "tweets.queries.tsv"),
                read_qrels(args.data / "train" / "tweet-vclaim-pairs.qrels"),
            )
        if args.tune:
            train_q = read_queries(args.data / "train" / "tweets.queries.tsv")
            train_r = read_qrels(args.data / "train" / "tweet-vclaim-pairs.qrels")
            tuned = tune(feature_rows(store, train_q), train_r)
            for name, value in tuned.items():  # the dev run below uses the train fit
                setattr(matching, name, value)
        queries = read_queries(args.data / args.split / "tweets.queries.tsv")
        qrels = read_qrels(args.data / args.split / "tweet-vclaim-pairs.qrels")
        if args.cli:
            store.close()
            started = time.perf_counter()
            run = cli_run(folder / "reports.db", queries, folder)
            times = [(time.perf_counter() - started) * 1000 / len(queries)]
            how = "factcheck match --queries (subprocess; mean ms including start-up)"
        else:
            run, times = ours_run(store, queries)
            how = "core match_many (same call as factcheck match --queries)"
        baseline = bm25_run(claims, queries)
        shown = {} if args.cli else shown_runs(store, queries)
        if not args.cli:
            calibration(store, queries, qrels)
    ours = metrics(run, qrels)
    reference = metrics(baseline, qrels)
    print(
        f"split {args.split}: {len(queries)} queries, {len(claims)} fact-checks"
        + (
            f" + {args.distractors} distractor reports (BM25 column: fact-checks only)"
            if args.distractors
            else ""
        )
    )
    print(f"{'':<28}{'MAP@1':>8}{'MAP@5':>8}{'MRR':>8}")
    rows = [(f"ours ({how.split(' ')[0]})", ours), ("BM25 k1 1.5 b 0.75", reference)]
    rows += [(f"  {name}", metrics(run, qrels)) for name, run in shown.items()]
    for name, values in rows:
        print(f"{name:<28}" + "".join(f"{values[m]:>8.4f}" for m in ("MAP@1", "MAP@5", "MRR")))
    median = times[len(times) // 2]
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(
        f"ours via {how}: median {median:.1f} ms, p95 {p95:.1f} ms a query; "
        f"import {import_seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
