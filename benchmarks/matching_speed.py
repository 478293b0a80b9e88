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

`--desk` (issue #14) measures instead what the article screen's worker computes for one
claim on a desk of 1,000,000 reports and 50,000 checked claims (1,000 articles of 50, made by
the same generator, marked through `Store.set_status` so the checked-claims index is filled
by the marks), with a planted paraphrase of each of 200 query claims among the reports and
another among the checked claims; the query claims are an article of their own. Per claim:
`earlier_checks` (3) + `match_with_weak` (5), median and p95, recall of both planted
paraphrases, and the longest stall of another Python thread meanwhile (what the UI thread
would wait for the GIL); beside it, on 20 of the claims, the earlier-check path before issue
#14 (token_set_ratio over every checked claim). The desk is built once (about 2 minutes) and
cached under $FACTCHECK_BENCH_CACHE (default /tmp/factcheck-bench), keyed by its schema.

Usage: python benchmarks/matching_speed.py [--sizes 10000,100000,1000000] [--queries 200]
       [--scan-queries 50] [--workdir DIR]
       python benchmarks/matching_speed.py --desk [--rebuild]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
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

from factcheck_tui.core.desk.claim_checks import Mark  # noqa: E402
from factcheck_tui.core.intake.importing import ImportArticle  # noqa: E402
from factcheck_tui.core.matching import match as matching  # noqa: E402
from factcheck_tui.core.matching import retrieval  # noqa: E402
from factcheck_tui.core.report_files.importing import import_reports, optimize_search_index  # noqa: E402
from factcheck_tui.core.store import Store  # noqa: E402
from factcheck_tui.core.text.pasted import clean_query  # noqa: E402
from factcheck_tui.core.text.search_terms import STOPWORDS  # noqa: E402

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
        original = retrieval.FULL_SCAN_MAX
        retrieval.FULL_SCAN_MAX = size
        try:
            all_times, all_recall = time_matches(store, tweets[:50])
        finally:
            retrieval.FULL_SCAN_MAX = original
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


# ------------------------------------------------------------------------------ --desk
DESK_REPORTS, DESK_ARTICLES, DESK_CLAIMS_PER_ARTICLE, DESK_QUERIES = 1_000_000, 1_000, 50, 200


def desk_path() -> Path:
    import hashlib
    import os

    from big_desk import schema_key

    cache = Path(
        os.environ.get("FACTCHECK_BENCH_CACHE", Path(tempfile.gettempdir()) / "factcheck-bench")
    )
    key = hashlib.sha256(f"desk-1\n{schema_key()}".encode()).hexdigest()[:12]
    return cache / f"matching_desk-{key}.db"


def article_of(sentences: list[list[str]]) -> tuple[str, list[dict[str, object]]]:
    body, spans = "", []
    for words in sentences:
        text = " ".join(words) + "."
        if body:
            body += "\n\n"
        spans.append(
            {
                "text": text,
                "start": len(body),
                "end": len(body) + len(text),
                "score": 1.0,
                "reasons": ["generated"],
            }
        )
        body += text
    return body, spans


def build_desk(target: Path) -> None:
    """1M reports (planted paraphrases of the queries), 50k checked claims (another planted
    paraphrase of each query among them), and the queries as an article of unchecked claims."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="desk-", dir=target.parent))
    source = folder / "reports.csv"
    started = time.perf_counter()
    gen = Generator(DESK_REPORTS)
    queries = [gen.sentence(12, 22) for _ in range(DESK_QUERIES)]
    planted = dict(
        zip(gen.rnd.sample(range(DESK_REPORTS), DESK_QUERIES), range(DESK_QUERIES), strict=True)
    )
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "claim", "title", "rating", "publisher", "url", "date"])
        for i in range(DESK_REPORTS):
            q = planted.get(i)
            words = gen.paraphrase(queries[q]) if q is not None else gen.sentence(8, 24)
            title = " ".join(gen.sentence(4, 9)) if gen.rnd.random() < 0.5 else ""
            writer.writerow(
                [
                    f"q{q}" if q is not None else f"r{i}",
                    " ".join(words),
                    title,
                    "False",
                    f"Desk {i % 40}",
                    f"https://example.org/r/{i}",
                    "2019-01-01",
                ]
            )
    store = Store.open(folder / "desk.db", "bench")
    import_reports(store, source)
    optimize_search_index(store)
    source.unlink()
    total = DESK_ARTICLES * DESK_CLAIMS_PER_ARTICLE
    planted_claims = dict(
        zip(gen.rnd.sample(range(total), DESK_QUERIES), range(DESK_QUERIES), strict=True)
    )
    planted_texts: dict[int, str] = {}
    for a in range(DESK_ARTICLES):
        sentences = []
        for k in range(DESK_CLAIMS_PER_ARTICLE):
            q = planted_claims.get(a * DESK_CLAIMS_PER_ARTICLE + k)
            sentences.append(gen.paraphrase(queries[q]) if q is not None else gen.sentence(8, 24))
            if q is not None:
                planted_texts[q] = " ".join(sentences[-1]) + "."
        body, spans = article_of(sentences)
        article, _ = store.apply(
            ImportArticle(title=f"Archive {a}", body=body, date="2019-01-01", claims=spans)
        )
        store.apply(Mark([c.id for c in store.claims(article)], "verified"))
    body, spans = article_of(queries)
    store.apply(ImportArticle(title="Today's story", body=body, date="2020-01-01", claims=spans))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    target.with_suffix(".planted.json").write_text(json.dumps(planted_texts))
    (folder / "desk.db").replace(target)
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()
    print(f"built {target} in {time.perf_counter() - started:.0f} s")


def desk_speed(rebuild: bool) -> None:
    from big_desk import StallMeter, old_earlier_checks

    from factcheck_tui.core.matching.earlier import earlier_checks

    target = desk_path()
    if rebuild and target.exists():
        target.unlink()
    if not target.exists():
        build_desk(target)
    store = Store.open(target, "bench", read_only=True)
    counts = store.conn.execute(
        "SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM checked_claims)"
    ).fetchone()
    today = store.list_articles()[0]
    claims = store.claims(today.id)
    planted_file = target.with_suffix(".planted.json")
    planted = {int(k): v for k, v in json.loads(planted_file.read_text()).items()}
    for claim in claims[:5]:  # warm the page cache, untimed
        earlier_checks(store, claim.id)
        matching.match_with_weak(store, claim.text, 5)
    total, earlier_ms, reports_ms, stalls, cpu = [], [], [], [], []
    earlier_hits = report_hits = 0
    for number, claim in enumerate(claims):
        with StallMeter() as meter:
            cpu_started = time.thread_time()
            started = time.perf_counter()
            found = earlier_checks(store, claim.id, 3)
            middle = time.perf_counter()
            reports = matching.match_with_weak(store, claim.text, 5)
            ended = time.perf_counter()
            cpu_ended = time.thread_time()
        total.append((ended - started) * 1000)
        # This thread's CPU time (SQLite runs in it too): on a shared,
        # loaded machine the wall clock also counts the wait for a core.
        cpu.append((cpu_ended - cpu_started) * 1000)
        earlier_ms.append((middle - started) * 1000)
        reports_ms.append((ended - middle) * 1000)
        stalls.append(meter.longest * 1000)
        report_hits += any(r.external_id == f"q{number}" for r in reports)
        earlier_hits += any(check.text == planted[number] for check in found)
    old_total, old_earlier, old_stalls = [], [], []
    for claim in claims[:20]:
        with StallMeter() as meter:
            started = time.perf_counter()
            old_earlier_checks(store, claim.id, 3)
            middle = time.perf_counter()
            matching.match_with_weak(store, claim.text, 5)
            ended = time.perf_counter()
        old_total.append((ended - started) * 1000)
        old_earlier.append((middle - started) * 1000)
        old_stalls.append(meter.longest * 1000)
    store.close()
    idle_stalls = []  # the meter's own floor: the same 1 ms sleeps with nothing else running
    for _ in range(50):
        with StallMeter() as meter:
            time.sleep(0.05)
        idle_stalls.append(meter.longest * 1000)

    def line(values: list[float]) -> str:
        return f"median {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms"

    print(f"desk: {counts[0]:,} reports, {counts[1]:,} checked claims; {len(claims)} claims")
    print(f"new, earlier checks + prior reports: {line(total)} (target median <= 50 ms)")
    print(f"    earlier checks {line(earlier_ms)}; prior reports {line(reports_ms)}")
    print(f"    CPU time of the matching thread: {line(cpu)}")
    print(
        f"    planted report in the top 5: {report_hits / len(claims):.3f}; planted checked "
        f"claim among the 3 earlier checks: {earlier_hits / len(claims):.3f}"
    )
    print(f"    longest stall of another thread: {line(stalls)}, max {max(stalls):.0f} ms")
    print(
        f"old earlier-check path (token_set_ratio scan) + prior reports, 20 claims: "
        f"{line(old_total)}; its earlier checks {line(old_earlier)}"
    )
    print(f"    longest stall of another thread: {line(old_stalls)}, max {max(old_stalls):.0f} ms")
    print(f"    the meter's floor, nothing running (50 × 50 ms): {line(idle_stalls)}")
    load = f"{os.getloadavg()[0]:.1f}"
    print(f"load average at the end {load}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--scan-queries", type=int, default=50)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--desk", action="store_true", help="earlier checks + reports (#14)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the --desk database")
    args = parser.parse_args()
    if args.desk:
        desk_speed(args.rebuild)
        return 0
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
    load = f"{os.getloadavg()[0]:.1f}"
    print(f"{args.queries} queries per size; load average at the end {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
