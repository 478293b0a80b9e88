"""Are our own earlier checks found when a checked claim comes back in other words?

Pairs of an original claim and a rewording from follow-up coverage, from CLEF 2020
CheckThat! Task 2 (../shared/data/checkthat2020-task2, never copied into the repo): each
verified claim is a claim a desk checked, and the tweets the qrels pair with it are how it
came back. All 10,375 verified claims go into a temp desk as *checked claims* of articles
(20 a story, verdicts cycling verified / unverified), through the real import and marking
(`Store.add_article`, `set_status`: the checked-claims index is filled by the marks); each
tweet of the split is then queried as a claim would be.

Measured in the same run, on the same desk and tweets:
- new: `core.earlier.find_earlier` (core.match's FTS5 retrieval and reranking over the
  checked-claims index), top 5 — over the line only, and with weak ones (under the line,
  search score 20 and up) shown;
- old: the earlier-check path before issue #14 (a copy below: rapidfuzz token_set_ratio over
  every checked claim, `default_process`, cut at 70), top 5; and the same scan without the
  cut (its best possible ranking).
Recall@1 and @5: the tweet's verified claim is the first / among the first five offered.
Also the median and p95 milliseconds a query of each path.

Usage: python benchmarks/earlier_eval.py [--split dev|train] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck_tui.core.desk.claim_checks import Mark  # noqa: E402
from factcheck_tui.core.intake.importing import ImportArticle  # noqa: E402
from factcheck_tui.core.matching.earlier import find_earlier  # noqa: E402
from factcheck_tui.core.matching.same_claim import SUGGEST_THRESHOLD  # noqa: E402
from factcheck_tui.core.store import Store  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "checkthat2020-task2"
if not DATA.exists():  # a worktree beside the shared folder's parent
    DATA = Path("/work/shared/data/checkthat2020-task2")
CLAIMS_PER_ARTICLE = 20
OLD_MIN_SCORE = 70.0
csv.field_size_limit(10**8)


def read_claims(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return {row[0]: row[1] for row in reader if len(row) >= 2 and row[1].strip()}


def read_queries(path: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            qid, _, text = line.rstrip("\n").partition("\t")
            if qid.strip() and text.strip():
                queries[qid] = text
    return queries


def read_qrels(path: Path) -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            relevant[parts[0]].add(parts[2])
    return relevant


def build_desk(store: Store, claims: dict[str, str]) -> dict[int, str]:
    """Every verified claim as a checked claim of an article; claim id → vclaim id."""
    ids = list(claims)
    by_claim: dict[int, str] = {}
    for start in range(0, len(ids), CLAIMS_PER_ARTICLE):
        chunk = ids[start : start + CLAIMS_PER_ARTICLE]
        body = ""
        spans = []
        for vid in chunk:
            text = " ".join(claims[vid].split())
            if body:
                body += "\n\n"
            spans.append({"text": text, "start": len(body), "end": len(body) + len(text)})
            body += text
        for span in spans:
            span |= {"score": 1.0, "reasons": ["from CheckThat! 2020 verified claims"]}
        article, _ = store.apply(
            ImportArticle(
                title=f"Story {start // CLAIMS_PER_ARTICLE + 1}",
                body=body,
                date=f"2019-{1 + (start // 997) % 12:02d}-01",
                claims=spans,
            )
        )
        made = store.claims(article)
        for claim, vid in zip(made, chunk, strict=True):
            by_claim[claim.id] = vid
        store.apply(Mark([c.id for c in made[::2]], "verified"))
        store.apply(Mark([c.id for c in made[1::2]], "unverified"))
    return by_claim


# ---------------------------------------------- the path before issue #14, kept to compare
def old_earlier_checks(
    checked: list[tuple[int, str]], text: str, limit: int, cut: float
) -> list[tuple[int, float]]:
    """core/matching/earlier.py's scan before issue #14: token_set_ratio over every checked
    claim."""
    from rapidfuzz import fuzz, process, utils

    hits = process.extract(
        utils.default_process(text),
        [row[1] for row in checked],
        scorer=fuzz.token_set_ratio,
        limit=limit,
        score_cutoff=cut,
    )
    return [(checked[index][0], float(score)) for _, score, index in hits]


def recall(runs: dict[str, list[str]], qrels: dict[str, set[str]], k: int) -> float:
    return sum(bool(set(runs.get(q, [])[:k]) & r) for q, r in qrels.items()) / len(qrels)


def timed_run(
    queries: dict[str, str], find: Callable[[str], list[str]]
) -> tuple[dict[str, list[str]], list[float]]:
    runs: dict[str, list[str]] = {}
    times: list[float] = []
    for qid, text in queries.items():
        started = time.perf_counter()
        runs[qid] = find(text)
        times.append((time.perf_counter() - started) * 1000)
    return runs, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    args = parser.parse_args()
    claims = read_claims(args.data / "verified_claims.docs.tsv")
    queries = read_queries(args.data / args.split / "tweets.queries.tsv")
    qrels = read_qrels(args.data / args.split / "tweet-vclaim-pairs.qrels")
    queries = {q: t for q, t in queries.items() if q in qrels}
    with tempfile.TemporaryDirectory(prefix="factcheck-earlier-") as folder:
        started = time.perf_counter()
        store = Store.open(Path(folder) / "desk.db", "bench")
        by_claim = build_desk(store, claims)
        built = time.perf_counter() - started
        from rapidfuzz import utils

        checked = [(c, utils.default_process(claims[v])) for c, v in by_claim.items()]

        def new(weak: bool) -> Callable[[str], list[str]]:
            def find(text: str) -> list[str]:
                found = find_earlier(store, text, 5)
                return [by_claim[c.claim_id] for c in found if weak or not c.weak]

            return find

        def old(cut: float) -> Callable[[str], list[str]]:
            def find(text: str) -> list[str]:
                return [by_claim[c] for c, _ in old_earlier_checks(checked, text, 5, cut)]

            return find

        rows = [
            (f"new: over the line ({SUGGEST_THRESHOLD:.0f})", *timed_run(queries, new(weak=False))),
            ("new: weak ones shown too", *timed_run(queries, new(weak=True))),
            (f"old: token_set_ratio, cut {OLD_MIN_SCORE:.0f}", *timed_run(queries, old(70.0))),
            ("old scan without the cut", *timed_run(queries, old(0.0))),
        ]
        store.close()
    print(
        f"split {args.split}: {len(queries)} tweets, each the follow-up of one of "
        f"{len(by_claim):,} checked claims in {len(by_claim) // CLAIMS_PER_ARTICLE + 1} "
        f"articles (desk built and marked in {built:.0f} s); suggestion line "
        f"{SUGGEST_THRESHOLD:.0f}"
    )
    print(f"{'':<34}{'recall@1':>9}{'recall@5':>9}{'median ms':>11}{'p95 ms':>8}")
    for name, runs, times in rows:
        p95 = sorted(times)[min(len(times) - 1, int(0.95 * len(times)))]
        print(
            f"{name:<34}{recall(runs, qrels, 1):>9.3f}{recall(runs, qrels, 5):>9.3f}"
            f"{statistics.median(times):>11.1f}{p95:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
