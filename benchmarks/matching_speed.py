"""How fast is `match` at 10k, 100k and a million reports, and does it still find the report?

For each size, in a fresh process (so peak RSS is that size's own):

1. Write a CSV of N synthetic reports (words drawn from a Zipf distribution over 40,000 made-up
   words, English function words mixed in, some figures), with a *planted paraphrase* of
   each of Q query claims among them: 20% of the words dropped, a tenth replaced, two
   neighbours swapped.
2. Import it with `import_reports` (the real streaming import), then merge the FTS index
   (`optimize_search_index`): both timed; the database file's size after a WAL checkpoint.
3. Match each query, dressed as a tweet (link, @handle, hashtag, "— Name (@handle) date"
   tail), with `match(store, text, k=5)`: median and p95 milliseconds per claim, and recall
   (planted paraphrase in the top 5).
4. The reference: a full rapidfuzz `token_set_ratio` scan of every report (claim + title,
   `default_process`) for the first `--scan-queries` queries, streamed in chunks: its top-5
   recall and time per claim.
5. Peak RSS (`resource.getrusage`) after import + matching, and again after the full scan.

Up to 20,000 reports it also times scoring every report (`FULL_SCAN_MAX` raised) against the
FTS path, which is how `FULL_SCAN_MAX` was chosen.

Usage: python benchmarks/matching_speed.py [--sizes 10000,100000,1000000] [--queries 200]
       [--scan-queries 50] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from factcheck_tui.core import match as matching  # noqa: E402
from factcheck_tui.core.normalize import STOPWORDS, clean_query  # noqa: E402
from factcheck_tui.core.reports import import_reports, optimize_search_index  # noqa: E402
from factcheck_tui.core.store import Store  # noqa: E402

VOCABULARY = 40_000
ZIPF_S = 1.05
FUNCTION_WORDS = sorted(w for w in STOPWORDS if len(w) > 1)[:60]
MONTHS = "January February March April May June July August September October November".split()


class Generator:
    """Deterministic synthetic claims with a natural-language-like term distribution."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["an", "el", "or", "is"]
        words: set[str] = set()
        while len(words) < VOCABULARY:
            n = self.rnd.choice((2, 2, 3, 3, 3, 4))
            words.add("".join(self.rnd.choice(syllables) for _ in range(n)))
        self.words = sorted(words)
        self.rnd.shuffle(self.words)
        weights = [1 / (rank**ZIPF_S) for rank in range(1, VOCABULARY + 1)]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def content(self, n: int) -> list[str]:
        return self.rnd.choices(self.words, cum_weights=self.cumulative, k=n)

    def sentence(self, low: int, high: int) -> list[str]:
        out = []
        for word in self.content(self.rnd.randint(low, high)):
            if self.rnd.random() < 0.35:
                out.append(self.rnd.choice(FUNCTION_WORDS))
            out.append(word)
        if self.rnd.random() < 0.3:
            out.insert(self.rnd.randrange(len(out)), str(self.rnd.randint(2, 5000)))
        out[0] = out[0].capitalize()
        return out

    def paraphrase(self, claim: list[str]) -> list[str]:
        kept = [w for w in claim if self.rnd.random() > 0.2]
        for i, _ in enumerate(kept):
            if self.rnd.random() < 0.1 and not kept[i].isdigit():
                kept[i] = self.content(1)[0]
        for _ in range(2):
            if len(kept) > 3:
                i = self.rnd.randrange(len(kept) - 1)
                kept[i], kept[i + 1] = kept[i + 1], kept[i]
        return kept

    def tweet(self, claim: list[str]) -> str:
        tag = self.rnd.choice([w for w in claim if w.isalpha()] or ["news"]).capitalize()
        handle = "".join(w.capitalize() for w in self.content(2))
        name = " ".join(w.capitalize() for w in self.content(2))
        return (
            f"BREAKING: {' '.join(claim)} #{tag} https://t.co/{self.rnd.randint(10**6, 10**7)} "
            f"@{handle} — {name} (@{handle[:12]}) {self.rnd.choice(MONTHS)} "
            f"{self.rnd.randint(1, 28)}, 2019"
        )


def write_reports(path: Path, size: int, queries: int, seed: int) -> list[tuple[str, str]]:
    """The CSV of `size` reports; returns (query tweet, planted report id) pairs."""
    gen = Generator(seed)
    claims = [gen.sentence(12, 22) for _ in range(queries)]
    planted = dict(zip(gen.rnd.sample(range(size), queries), range(queries), strict=True))
    pairs = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "claim", "title", "rating", "publisher", "url", "date"])
        for i in range(size):
            query = planted.get(i)
            words = gen.paraphrase(claims[query]) if query is not None else gen.sentence(8, 24)
            title = " ".join(gen.sentence(4, 9)) if gen.rnd.random() < 0.5 else ""
            writer.writerow(
                [
                    f"r{i}",
                    " ".join(words),
                    title,
                    gen.rnd.choice(("True", "False", "Mostly false", "Misleading")),
                    f"Desk {i % 40}",
                    f"https://example.org/r/{i}",
                    f"20{10 + i % 10}-0{1 + i % 9}-1{i % 10}",
                ]
            )
            if query is not None:
                pairs.append((query, f"r{i}"))
    pairs.sort()
    return [(gen.tweet(claims[q]), rid) for q, rid in pairs]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def time_matches(store: Store, tweets: list[tuple[str, str]]) -> tuple[list[float], float]:
    times: list[float] = []
    hits = 0
    for text, planted in tweets:
        started = time.perf_counter()
        found = matching.match(store, text, 5, min_score=0)
        times.append((time.perf_counter() - started) * 1000)
        hits += any(s.external_id == planted for s in found)
    return times, hits / len(tweets)


def full_scan(store: Store, tweets: list[tuple[str, str]]) -> tuple[float, float]:
    """Recall@5 and ms per claim of a full token_set_ratio scan (chunks of 50,000 reports)."""
    from rapidfuzz import fuzz, process, utils

    queries = [utils.default_process(clean_query(text)) for text, _ in tweets]
    best: list[list[tuple[float, str]]] = [[] for _ in queries]
    started = time.perf_counter()
    cursor = store.conn.execute(
        "SELECT external_id, claim_text || ' ' || coalesce(title, '') FROM reports"
    )
    while chunk := cursor.fetchmany(50_000):
        ids = [row[0] for row in chunk]
        texts = [utils.default_process(row[1]) for row in chunk]
        for i, query in enumerate(queries):
            for _, score, index in process.extract(
                query, texts, scorer=fuzz.token_set_ratio, limit=5
            ):
                best[i].append((score, ids[index]))
            best[i] = sorted(best[i], reverse=True)[:5]
    elapsed = (time.perf_counter() - started) * 1000 / len(queries)
    recall = sum(
        any(rid == planted for _, rid in found)
        for found, (_, planted) in zip(best, tweets, strict=True)
    ) / len(queries)
    return recall, elapsed


def run_one(size: int, queries: int, scan_queries: int, workdir: Path) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"match-{size}-", dir=workdir))
    source = folder / "reports.csv"
    tweets = write_reports(source, size, queries, seed=size)
    store = Store.open(folder / "reports.db", "benchmark")
    started = time.perf_counter()
    summary = import_reports(store, source)
    import_seconds = time.perf_counter() - started
    assert summary.imported == size, summary.describe()
    started = time.perf_counter()
    optimize_search_index(store)
    optimize_seconds = time.perf_counter() - started
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = sum(p.stat().st_size for p in folder.glob("reports.db*")) / 1e6
    source_mb = source.stat().st_size / 1e6
    source.unlink()
    time_matches(store, tweets[:5])  # warm the page cache a little, as a session would
    times, recall = time_matches(store, tweets)
    result = {
        "size": size,
        "import_s": import_seconds,
        "optimize_s": optimize_seconds,
        "csv_mb": source_mb,
        "db_mb": size_mb,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "recall": recall,
        "rss_mb": peak_rss_mb(),
    }
    if size <= 20_000:
        original = matching.FULL_SCAN_MAX
        matching.FULL_SCAN_MAX = size
        try:
            all_times, all_recall = time_matches(store, tweets[:50])
        finally:
            matching.FULL_SCAN_MAX = original
        result["score_all_median_ms"] = statistics.median(all_times)
        result["score_all_recall"] = all_recall
    if scan_queries:
        scan_recall, scan_ms = full_scan(store, tweets[:scan_queries])
        ours_on_same = (
            sum(
                any(s.external_id == planted for s in matching.match(store, text, 5, min_score=0))
                for text, planted in tweets[:scan_queries]
            )
            / scan_queries
        )
        result |= {
            "scan_recall": scan_recall,
            "scan_ms": scan_ms,
            "recall_same_queries": ours_on_same,
            "rss_after_scan_mb": peak_rss_mb(),
        }
    store.close()
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--scan-queries", type=int, default=50)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.queries, args.scan_queries, args.workdir)))
        return 0
    print(
        f"{'reports':>9} {'import s':>9} {'optim s':>8} {'db MB':>7} {'med ms':>7} {'p95 ms':>7} "
        f"{'recall':>7} {'RSS MB':>7} | {'scan recall':>11} {'scan ms':>8} {'RSS MB':>7}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(size),
                "--queries",
                str(args.queries),
                "--scan-queries",
                str(args.scan_queries),
                "--workdir",
                str(args.workdir),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        scan = (
            f"{r['scan_recall']:>11.3f} {r['scan_ms']:>8.0f} {r['rss_after_scan_mb']:>7.0f}"
            if "scan_recall" in r
            else ""
        )
        print(
            f"{r['size']:>9} {r['import_s']:>9.1f} {r['optimize_s']:>8.1f} {r['db_mb']:>7.1f} "
            f"{r['median_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['recall']:>7.3f} "
            f"{r['rss_mb']:>7.0f} | {scan}",
            flush=True,
        )
        if "score_all_median_ms" in r:
            print(
                f"{'':>9} scoring every report instead of the FTS candidates: "
                f"{r['score_all_median_ms']:.1f} ms median, recall {r['score_all_recall']:.3f}"
            )
        if "recall_same_queries" in r:
            print(
                f"{'':>9} on the {args.scan_queries} scanned queries ours recalls "
                f"{r['recall_same_queries']:.3f}; CSV was {r['csv_mb']:.0f} MB"
            )
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"{args.queries} queries per size; load average at the end {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
