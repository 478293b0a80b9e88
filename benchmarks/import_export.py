"""Import and export at desk scale.

1. Import + extract a 10,000-word article (the sample's paragraphs repeated with their numbers
   and names varied): read the file, extract the claims, store article and claims.
   Target <= 0.2 s. Baseline: reading the file and splitting it into sentences alone.
2. Export 100,000 claims (1,000 articles x 100 claims, some marked, noted and sourced) to
   CSV through export_csv. Target <= 2 s. Baseline: csv.writer writing the same rows from a
   plain list in memory.

Usage: python benchmarks/import_export.py [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import SAMPLE_ARTICLE, median, ms, verdict

from factcheck_tui.core.extraction.extract import extract_claims
from factcheck_tui.core.extraction.segment import split_sentences
from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_csv import CSV_COLUMNS, claim_rows, export_csv
from factcheck_tui.core.store import Store
from tests.tmux_driver import factcheck_command

IMPORT_TARGET = 0.2
EXPORT_TARGET = 2.0
WORDS = 10_000
ARTICLES, CLAIMS_PER_ARTICLE = 1_000, 100
NAMES = ["Syria", "Iraq", "Lebanon", "Jordan", "Turkey", "Yemen", "Libya", "Egypt"]


def long_article(path: Path) -> int:
    """Write a dated article of at least WORDS words; returns its word count."""
    title, _, body = SAMPLE_ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    out: list[str] = []
    words = 0
    round_ = 0
    while words < WORDS:
        round_ += 1
        for paragraph in paragraphs:
            shift = round_
            varied = re.sub(r"\d+", lambda m, k=shift: str(int(m.group()) + k), paragraph)
            varied = varied.replace("Syria", NAMES[round_ % len(NAMES)])
            out.append(varied)
            words += len(varied.split())
    path.write_text(f"{title.strip()} (long)\n\n" + "\n\n".join(out) + "\n", encoding="utf-8")
    return words


def best_of(runs: int, setup: Callable[[int], object], body: Callable[[object], object]) -> float:
    times = []
    for run in range(runs):
        prepared = setup(run)
        started = time.perf_counter()
        body(prepared)
        times.append(time.perf_counter() - started)
    return median(times)


def bench_import(work: Path, runs: int) -> None:
    article = work / "long.txt"
    words = long_article(article)

    def new_store(run: int) -> Store:
        return Store.open(work / f"import-{run}.db", "bench")

    def do_import(store: object) -> None:
        assert isinstance(store, Store)
        import_article(store, read_article_file(article))
        store.close()

    ours = best_of(runs, new_store, do_import)
    baseline = best_of(
        runs,
        lambda run: None,
        lambda _: split_sentences(article.read_text(encoding="utf-8")),
    )
    body = read_article_file(article).body
    extract_only = best_of(runs, lambda run: None, lambda _: extract_claims(body))
    with Store.open(work / "import-0.db", "bench") as store:
        claims = store.progress(1).total
        sentences = len(split_sentences(store.article(1).body))
    started = time.perf_counter()
    subprocess.run(
        [factcheck_command(), "import", str(article), "--db", str(work / "cli.db")],
        check=True,
        capture_output=True,
    )
    cli = time.perf_counter() - started
    print(f"import + extract, {words:,} words ({sentences} sentences, {claims} claims):")
    print(f"  read + extract + store: {ms(ours)} median of {runs}")
    print(f"  of which extract_claims (split + score every sentence): {ms(extract_only)}")
    print(f"  baseline, read + split_sentences only: {ms(baseline)}; ratio {ours / baseline:.1f}")
    print(f"  target <= {ms(IMPORT_TARGET)}: {verdict(ours, IMPORT_TARGET)}")
    print(f"  (the whole `factcheck import` command, Python start-up included: {ms(cli)})")


def build_desk(path: Path) -> float:
    """1,000 articles x 100 claims through executemany in one transaction; returns seconds."""
    started = time.perf_counter()
    store = Store.open(path, "bench")
    stamp = "2024-05-01T09:00:00.000Z"
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    articles = []
    for a in range(1, ARTICLES + 1):
        body = f"Article {a} body. " * 20
        digest = hashlib.sha256(f"t{a}\n\n{body}".encode()).hexdigest()
        title = f"Council story {a}: roads, schools and $4m"
        articles.append(
            (a, title, "2024-05-01", "", "Desk", body, digest, "text", f"s{a}.txt", stamp, "b", 1)
        )
    conn.executemany(
        "INSERT INTO articles (id, title, date, url, outlet, body, content_hash, format, "
        "source_name, imported_at, imported_by, revision) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        articles,
    )
    statuses = ("unchecked", "verified", "unverified", "unchecked")
    reasons = json.dumps(["number: 4", "attribution: said"])
    claims = []
    for a in range(1, ARTICLES + 1):
        for c in range(CLAIMS_PER_ARTICLE):
            status = statuses[c % 4]
            text = f"The mayor said {c + a} roads, costing ${c}m, were repaired in 2023 (#{a})."
            note = "" if c % 3 else f'Checked with the "roads" office, {c} calls; see =source'
            checker, checked_at = ("", "") if status == "unchecked" else ("amira", stamp)
            start = c * 80
            end = start + len(text)
            row = (a, c, text, start, end, "", "", 0.8, reasons, status, note, checker)
            claims.append((*row, checked_at, "extracted", 0, stamp, stamp))
    conn.executemany(
        "INSERT INTO claims (article_id, position, text, start, end, prefix, suffix, score, "
        "reasons, status, note, checker, checked_at, origin, dismissed, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        claims,
    )
    conn.executemany(
        "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by, added_at) "
        "VALUES (?,?,?,?,?,?,?)",
        [
            (
                claim_id,
                "url",
                f"https://example.org/{claim_id}",
                "primary",
                "2024-05-02",
                "a",
                stamp,
            )
            for claim_id in range(1, ARTICLES * CLAIMS_PER_ARTICLE + 1, 7)
        ],
    )
    conn.execute("COMMIT")
    store.close()
    return time.perf_counter() - started


def bench_export(work: Path, runs: int) -> None:
    db = work / "desk.db"
    built = build_desk(db)
    with Store.open(db, "bench", read_only=True) as store:
        out = work / "checked.csv"
        ours = best_of(runs, lambda run: None, lambda _: export_csv(store, out))
        with out.open(encoding="utf-8", newline="") as handle:
            exported = sum(1 for _ in csv.reader(handle)) - 1
        started = time.perf_counter()
        rows = [[row[column] for column in CSV_COLUMNS] for row in claim_rows(store)]
        query = time.perf_counter() - started

    def plain_write(_: object) -> None:
        with (work / "plain.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(CSV_COLUMNS)
            writer.writerows(rows)

    baseline = best_of(runs, lambda run: None, plain_write)
    print(f"export, {exported:,} claims from {ARTICLES:,} articles (desk built in {built:.1f} s):")
    print(f"  export_csv to a file: {ms(ours)} median of {runs}")
    print(f"  of which the query alone (rows into a list): {ms(query)}")
    print(f"  baseline, csv.writer of the same rows from a list: {ms(baseline)}")
    print(f"  ratio {ours / baseline:.1f}; target <= {EXPORT_TARGET:.0f} s: {verdict(ours, 2.0)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-io-") as folder:
        bench_import(Path(folder), args.runs)
        bench_export(Path(folder), max(3, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
