"""Reading a 100,000-row prior-report CSV (real Snopes claims, quoted as the csv module quotes
them) with `core.report_formats.records`, the line-aware reader that resynchronises after a
stray quote: median of 5, beside `csv.reader` alone over the same file.

    .venv/bin/python benchmarks/report_csv_parse.py [--rows 100000] [--data-dir ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import tempfile
import time
from pathlib import Path

from _common import REPO, ms

from factcheck_tui.core.report_files.formats import detect_format, open_text, records
from factcheck_tui.core.report_files.rows import Tally

DEFAULT_DATA = Path(os.environ.get("FACTCHECK_DATA", REPO.parent / "shared" / "data"))


def claims_from(data: Path) -> list[str]:
    source = data / "checkthat2020-task2" / "verified_claims.docs.tsv"
    if not source.exists():
        source = REPO.parent.parent / "shared" / "data" / source.relative_to(data)
    if not source.exists():
        return [f'Claim number {n}, with a comma and a "quote"' for n in range(1000)]
    with source.open(encoding="utf-8", newline="") as handle:
        return [row["vclaim"] for row in csv.DictReader(handle, delimiter="\t")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    claims = claims_from(args.data_dir)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "claim", "rating", "publisher", "url"])
    for n in range(args.rows):
        writer.writerow([n, claims[n % len(claims)], "False", "Snopes", f"https://s.example/{n}"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        ours: list[float] = []
        plain: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            fmt, encoding = detect_format(path)
            with open_text(path, encoding) as handle:
                count = sum(1 for _ in records(fmt, handle, path, Tally()))
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            with path.open(encoding="utf-8", newline="") as handle:
                sum(1 for _ in csv.reader(handle))
            plain.append(time.perf_counter() - start)
    assert count == args.rows, count
    a, b = statistics.median(ours), statistics.median(plain)
    print(
        f"report CSV, {args.rows:,} rows: records() {ms(a)}; csv.reader alone {ms(b)} "
        f"(ratio {a / b:.1f})"
    )


if __name__ == "__main__":
    main()
