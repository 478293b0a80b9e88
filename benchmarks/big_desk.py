"""A big desk: 1,000 articles, 50,000 claims and 1,000,000 prior fact-check reports.

Measures, for the real `factcheck` under tmux, the time from launch to the article list
painted, against the sample database measured the same way in the same run (target <= 1.5x),
and the peak RSS of the app process (VmHWM from /proc, read after the first article has been
opened, before quitting; target <= 300 MB).

The database is built once and cached under $FACTCHECK_BENCH_CACHE (default
/tmp/factcheck-bench), keyed by the schema the current code creates; reruns reuse it.
Reports go in through factcheck_tui.core.report_files.importing.import_reports (a generated
CSV) when that module exists, so the search index and term counts are built as for a real
import; otherwise
they are inserted into `reports` directly and the search index may be missing.

With `--suggestions` it times, in this process on the same desk, what the article screen's
worker computes for a claim (issue #14): our earlier checks (`core.earlier.earlier_checks`
over the 50,000 checked claims) plus prior reports (`core.match.match_with_weak` over the
million), median and p95 of 200 claims; beside it in the same run the earlier-check path
before issue #14 (a copy: token_set_ratio over every checked claim) on 20 claims; and for
both, the longest stall of another Python thread while they run (a thread sleeping 1 ms in a
loop records its longest gap: what the UI thread would wait for the GIL).

With `--keys` it measures, under tmux, key latency while suggestions load: in an article,
`j` (the next claim: a suggestions worker starts) then at once the timed mark (`c` on the
big desk, whose claims are all checked; `v` on the sample; `j` and `k` alternate between
the first two claims), from send-keys of the mark to the status line's change; on the big
desk and on the sample in the same run.

Usage: python benchmarks/big_desk.py [--runs N] [--rebuild] [--suggestions] [--keys]
       [--presses N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _common import (
    CACHE,
    SAMPLE_ARTICLE,
    SAMPLE_TITLE,
    fresh_sample,
    isolated_env,
    median,
    ms,
    verdict,
)

from factcheck_tui.core.extraction.extract import score_sentence
from factcheck_tui.core.extraction.segment import split_sentences
from factcheck_tui.core.store import Store
from tests.tmux_driver import TmuxSession, factcheck_command

ARTICLES, CLAIMS_PER_ARTICLE, REPORTS = 1_000, 50, 1_000_000
RATIO_TARGET, RSS_TARGET_MB = 1.5, 300
BIG_TITLE = "Desk story"
GENERATOR_VERSION = "2"  # 2: every claim checked (issue #14: 50,000 checked claims)
WORDS = (
    "council mayor budget schools roads hospital minister police army election tax "
    "unemployment inflation migrants border airstrike civilians vaccine climate emissions "
    "ceasefire coalition province refugees wages pension housing crime turnout deficit"
).split()
RATINGS = ["False", "Mostly false", "Half true", "Mostly true", "True", "Misleading"]
PUBLISHERS = ["AFP Fact Check", "PolitiFact", "Full Fact", "Maldita", "Africa Check"]


def schema_key() -> str:
    """A hash of the schema the current code creates, so a schema change rebuilds the cache."""
    with tempfile.TemporaryDirectory() as folder:
        Store.open(Path(folder) / "probe.db", "bench").close()
        conn = sqlite3.connect(Path(folder) / "probe.db")
        sql = "\n".join(
            row[0] or "" for row in conn.execute("SELECT sql FROM sqlite_master ORDER BY name")
        )
        conn.close()
    how = "import_reports" if reports_importer() else "direct"
    return hashlib.sha256(f"{GENERATOR_VERSION}\n{how}\n{sql}".encode()).hexdigest()[:12]


def reports_importer() -> bool:
    """Whether factcheck_tui.core.report_files.importing exists here, with import_reports."""
    if importlib.util.find_spec("factcheck_tui.core.report_files.importing") is None:
        return False
    from factcheck_tui.core.report_files import importing as reports

    return hasattr(reports, "import_reports")


def sample_sentences() -> list[str]:
    body = SAMPLE_ARTICLE.read_text(encoding="utf-8").partition("\n\n")[2]
    return [body[start:end].replace("\n", " ") for start, end in split_sentences(body)]


def add_articles(store: Store) -> None:
    """ARTICLES articles of CLAIMS_PER_ARTICLE sentences each, every sentence a claim with true
    offsets and its real score, inserted with executemany in one transaction."""
    sentences = sample_sentences()
    scores = {sentence: score_sentence(sentence) for sentence in sentences}
    stamp = "2024-05-01T09:00:00.000Z"
    # Every claim checked: earlier checks are looked for among 50,000 checked claims.
    statuses = ("verified", "unverified", "verified", "verified")
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    for a in range(1, ARTICLES + 1):
        picked = [sentences[(a + k) % len(sentences)] for k in range(CLAIMS_PER_ARTICLE)]
        picked = [re.sub(r"\d+", lambda m, a=a: str(int(m.group()) + a), s) for s in picked]
        body = ""
        spans = []
        for k, sentence in enumerate(picked):
            if body:
                body += "\n\n" if k % 5 == 0 else " "
            spans.append((len(body), len(body) + len(sentence)))
            body += sentence
        title = f"{BIG_TITLE} {a}: {picked[0][:60]}"
        digest = hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
        date = f"2024-{1 + a % 12:02d}-{1 + a % 28:02d}"
        conn.execute(
            "INSERT INTO articles (id, title, date, url, outlet, body, content_hash, format, "
            "source_name, imported_at, imported_by, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,1)",
            (
                a,
                title,
                date,
                f"https://n.example/{a}",
                "Desk",
                body,
                digest,
                "text",
                "s",
                stamp,
                "b",
            ),
        )
        rows = []
        for k, (start, end) in enumerate(spans):
            status = statuses[(a + k) % 4]
            score, reasons = scores[sentences[(a + k) % len(sentences)]]
            checker, checked_at = ("", "") if status == "unchecked" else ("amira", stamp)
            prefix, suffix = body[max(0, start - 32) : start], body[end : end + 32]
            text, why = body[start:end], json.dumps(list(reasons))
            row = (a, k, text, start, end, prefix, suffix, score, why, status, checker)
            rows.append((*row, checked_at, stamp, stamp))
        conn.executemany(
            "INSERT INTO claims (article_id, position, text, start, end, prefix, suffix, score, "
            "reasons, status, checker, checked_at, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    if importlib.util.find_spec("factcheck_tui.core.db.claim_search") is not None:
        # The rows went in by SQL, past the writes that keep the claim indexes: fill them.
        from factcheck_tui.core.db import claim_search

        claim_search.rebuild_all(conn)
    conn.execute("COMMIT")


def report_rows(count: int) -> Iterator[list[str]]:
    chance = random.Random(1)
    for i in range(count):
        words = " ".join(chance.choice(WORDS) for _ in range(chance.randint(8, 16)))
        yield [
            f"report-{i}",
            f"{words.capitalize()} rose by {chance.randint(2, 90)} percent in "
            f"{1990 + i % 35}, the {chance.choice(WORDS)} minister said",
            chance.choice(RATINGS),
            chance.choice(PUBLISHERS),
            f"https://factcheck.example/{i}",
            f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        ]


def add_reports(store: Store, work: Path) -> str:
    if reports_importer():
        from factcheck_tui.core.report_files import importing as reports

        path = work / "reports.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "claim", "rating", "publisher", "url", "date"])
            writer.writerows(report_rows(REPORTS))
        summary = reports.import_reports(store, path)
        return f"through core.reports.import_reports: {summary.describe()}"
    stamp = "2024-05-01T09:00:00.000Z"
    with store.write():
        store.conn.executemany(
            "INSERT INTO reports (external_id, claim_text, norm_text, rating, publisher, url, "
            "date, source_file, imported_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (row[0], row[1], row[1].lower(), row[2], row[3], row[4], row[5], "gen", stamp)
                for row in report_rows(REPORTS)
            ),
        )
    return "inserted directly into `reports` (no core.reports import: FTS may be missing)"


def big_desk() -> Path:
    target = CACHE / f"big_desk-{schema_key()}.db"
    if target.exists():
        print(f"big desk: cached {target} ({target.stat().st_size / 1e6:.0f} MB)")
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=CACHE) as folder:
        building = Path(folder) / "big_desk.db"
        with Store.open(building, "bench") as store:
            add_articles(store)
            how = add_reports(store, Path(folder))
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.replace(target)
    print(f"big desk: built {target} in {time.perf_counter() - started:.0f} s; reports {how}")
    return target


def app_pid(term: TmuxSession) -> int:
    shell = term.pane_pid()
    for _ in range(500):
        for child in Path(f"/proc/{shell}/task/{shell}/children").read_text().split():
            if b"factcheck" in Path(f"/proc/{child}/cmdline").read_bytes():
                return int(child)
        time.sleep(0.01)
    raise RuntimeError("no factcheck process found under the tmux pane")


def first_screen(db: Path, title: str, env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    with TmuxSession([factcheck_command(), str(db)], env=env, cwd=cwd) as term:
        painted = term.wait_for(title, timeout=120, interval=0.002)
    return painted - started


def peak_rss_mb(db: Path, title: str, env: dict[str, str], cwd: Path) -> float:
    """VmHWM of the app after the list and then the first article have been shown."""
    with TmuxSession([factcheck_command(), str(db)], env=env, cwd=cwd) as term:
        term.wait_for(title, timeout=120)
        pid = app_pid(term)
        term.send("Enter")
        term.wait_for(" checked · ", timeout=120)
        time.sleep(1.5)  # the screen's workers (suggestions against the reports) run
        status = Path(f"/proc/{pid}/status").read_text()
    kilobytes = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
    return kilobytes / 1024


# ------------------------------------------------------------------ --suggestions
class StallMeter:
    """A thread that sleeps 1 ms in a loop and keeps its longest gap between wake-ups: how
    long another Python thread (the UI's) could not run."""

    def __init__(self) -> None:
        import threading

        self.longest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> StallMeter:
        self._thread.start()
        time.sleep(0.01)
        self.longest = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def old_earlier_checks(store: Store, claim_id: int, limit: int = 3) -> list[tuple[int, float]]:
    """The earlier-check scan before issue #14 (core/matching/earlier.py then): token_set_ratio over
    the checked claims of other articles, cut at 70. Its SQL is inlined here."""
    from rapidfuzz import fuzz, process, utils

    claim = store.claim(claim_id)
    rows = store.conn.execute(
        "SELECT id, text FROM claims WHERE status != 'unchecked' AND dismissed = 0 "
        "AND article_id != ?",
        (claim.article_id,),
    ).fetchall()
    texts = [utils.default_process(row[1]) for row in rows]
    hits = process.extract(
        utils.default_process(claim.text),
        texts,
        scorer=fuzz.token_set_ratio,
        limit=limit * 4,
        score_cutoff=70.0,
    )
    return [(rows[index][0], float(score)) for _, score, index in hits]


def suggestion_speed(big: Path, claims: int = 200, old_claims: int = 20) -> None:
    from factcheck_tui.core.matching.earlier import earlier_checks
    from factcheck_tui.core.matching.match import match_with_weak

    store = Store.open(big, "bench", read_only=True)
    chance = random.Random(14)
    ids = [row[0] for row in store.conn.execute("SELECT id FROM claims ORDER BY id")]
    sample = chance.sample(ids, claims)
    texts = {claim_id: store.claim(claim_id).text for claim_id in sample}
    for claim_id in sample[:5]:  # warm the page cache, untimed
        earlier_checks(store, claim_id)
        match_with_weak(store, texts[claim_id], 5)
    total, earlier_times, report_times, stalls = [], [], [], []
    offered = 0
    for claim_id in sample:
        with StallMeter() as meter:
            started = time.perf_counter()
            found = earlier_checks(store, claim_id, 3)
            middle = time.perf_counter()
            match_with_weak(store, texts[claim_id], 5)
            ended = time.perf_counter()
        offered += bool(found)
        earlier_times.append(middle - started)
        report_times.append(ended - middle)
        total.append(ended - started)
        stalls.append(meter.longest)
    old_times, old_stalls = [], []
    for claim_id in sample[:old_claims]:
        with StallMeter() as meter:
            started = time.perf_counter()
            old_earlier_checks(store, claim_id, 3)
            middle = time.perf_counter()
            match_with_weak(store, texts[claim_id], 5)
            ended = time.perf_counter()
        old_times.append((middle - started, ended - started))
        old_stalls.append(meter.longest)
    store.close()

    def line(values: list[float]) -> str:
        return f"median {ms(median(values))}, p95 {ms(sorted(values)[int(0.95 * len(values))])}"

    print(f"suggestions for one claim, {claims} claims of the big desk (checked claims: all):")
    print(
        f"  new: earlier checks + prior reports {line(total)} (target <= 50 ms median: "
        f"{verdict(median(total), 0.050)})"
    )
    print(
        f"       earlier checks alone {line(earlier_times)}; prior reports alone "
        f"{line(report_times)}; an earlier check offered for {offered}/{claims}"
    )
    print(f"       longest stall of another thread: {line(stalls)}, max {ms(max(stalls))}")
    print(
        f"  old earlier-check path (token_set_ratio scan), {old_claims} claims: earlier checks "
        f"{line([a for a, _ in old_times])}, with prior reports {line([b for _, b in old_times])}"
    )
    print(f"       longest stall of another thread: {line(old_stalls)}, max {ms(max(old_stalls))}")


# ------------------------------------------------------------------------ --keys
def first_article_title(db: Path) -> str:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    title = conn.execute("SELECT title FROM articles ORDER BY date DESC, id DESC").fetchone()[0]
    conn.close()
    return str(title)


def keys_while_loading(
    db: Path, title: str, checked: bool, env: dict[str, str], cwd: Path, presses: int
) -> list[float]:
    """`presses` times: move to the other of the article's first two claims (`j` / `k`: a
    suggestions worker starts for it), then at once the timed mark that changes it (`c` when
    it is checked, else `v`), from send-keys of the mark to the status line changed."""

    def status_line(screen: str) -> str:
        return next((line for line in screen.splitlines() if " checked · " in line), "")

    latencies: list[float] = []
    state = [checked, checked]
    with TmuxSession([factcheck_command(), str(db)], env=env, cwd=cwd) as term:
        term.wait_for(title[:30], timeout=120)
        term.send("Enter")
        term.wait_for(lambda screen: bool(status_line(screen)), timeout=120)
        time.sleep(1.5)  # the first claim's suggestions, the poll timer
        current = status_line(term.screen())
        position = 0
        for _ in range(presses):
            term.send("j" if position == 0 else "k")
            position ^= 1
            mark = "c" if state[position] else "v"
            state[position] = not state[position]
            time.sleep(0.005)  # the worker for the new claim has started
            started = time.perf_counter()
            term.send(mark)
            while True:
                line = status_line(term.screen())
                if line and line != current:
                    break
                if time.perf_counter() - started > 10:
                    raise TimeoutError(f"{mark!r} never changed the status line: {line!r}")
            latencies.append(time.perf_counter() - started)
            current = line
            time.sleep(0.05)
    return latencies


def key_latency_while_loading(big: Path, presses: int) -> None:
    with tempfile.TemporaryDirectory(prefix="factcheck-big-keys-") as folder:
        work = Path(folder)
        env = isolated_env(work / "home")
        sample = fresh_sample(work / "sample.db")
        copy = work / "big.db"
        import shutil

        shutil.copyfile(big, copy)  # marks are written: never into the cached file
        small = keys_while_loading(sample, SAMPLE_TITLE, False, env, work, presses)
        large = keys_while_loading(copy, first_article_title(copy), True, env, work, presses)
    for name, values in (("big desk", large), ("sample", small)):
        p95 = sorted(values)[int(0.95 * (len(values) - 1))]
        print(f"  {name}: median {ms(median(values))}, p95 {ms(p95)} ({len(values)} presses)")
    print(f"  ratio big/sample {median(large) / median(small):.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument("--suggestions", action="store_true", help="time suggestions only")
    parser.add_argument("--keys", action="store_true", help="key latency while loading only")
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    if args.rebuild:
        for old in CACHE.glob("big_desk-*.db*"):
            old.unlink()
    big = big_desk()
    if args.suggestions or args.keys:
        if args.suggestions:
            suggestion_speed(big)
        if args.keys:
            print("key latency while suggestions load (j, then at once the timed mark):")
            key_latency_while_loading(big, args.presses)
        return 0
    conn = sqlite3.connect(f"{big.as_uri()}?mode=ro", uri=True)
    counts = [
        conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "claims", "reports")
    ]
    conn.close()
    print(f"big desk holds {counts[0]:,} articles, {counts[1]:,} claims, {counts[2]:,} reports")
    with tempfile.TemporaryDirectory(prefix="factcheck-big-") as folder:
        work = Path(folder)
        env = isolated_env(work / "home")
        sample = fresh_sample(work / "sample.db")
        first_screen(sample, SAMPLE_TITLE, env, work)  # warm caches, untimed
        first_screen(big, BIG_TITLE, env, work)
        small_times, big_times = [], []
        for _ in range(max(5, args.runs)):
            small_times.append(first_screen(sample, SAMPLE_TITLE, env, work))
            big_times.append(first_screen(big, BIG_TITLE, env, work))
        ratio = median(big_times) / median(small_times)
        small_rss = peak_rss_mb(sample, SAMPLE_TITLE, env, work)
        big_rss = peak_rss_mb(big, BIG_TITLE, env, work)
    print(f"first screen under tmux, median of {len(big_times)}:")
    print(f"  big desk: {ms(median(big_times))} ({', '.join(ms(t) for t in big_times)})")
    print(f"  sample:   {ms(median(small_times))} ({', '.join(ms(t) for t in small_times)})")
    print(f"  ratio {ratio:.2f} (target <= {RATIO_TARGET}: {verdict(ratio, RATIO_TARGET)})")
    print("peak RSS of the app (VmHWM, list + first article opened):")
    print(f"  big desk: {big_rss:.0f} MB; sample: {small_rss:.0f} MB")
    print(f"  target <= {RSS_TARGET_MB} MB: {verdict(big_rss, RSS_TARGET_MB)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
