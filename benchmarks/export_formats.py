"""Export of one long checked article to the Word copy and the HTML report, beside the CSV
of the same claims in the same run.

The article: 10,000 words made from the sample's paragraphs with numbers and names varied
(the same text as import_export.py); 300 of its sentences stored as claims, spread over the
whole text; a third verified and a quarter unverified, every other checked claim with a
note, every third with two sources, every fifth with a suggested correction. Each format is
exported to a file `--runs` times, interleaved, and the median is printed, with its ratio to
the CSV's. The issue sets no target: the figure is for the README beside the CSV's.

Usage: python benchmarks/export_formats.py [--runs N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import median, ms
from import_export import long_article

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetCorrection, SetNote
from factcheck_tui.core.extraction.segment import split_sentences
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.output.html_report import export_html
from factcheck_tui.core.output.word_copy import export_docx
from factcheck_tui.core.store import Store

CLAIMS = 300


def build_desk(work: Path) -> tuple[Store, int, int]:
    """The checked article; returns (store, article id, words)."""
    text_file = work / "long.txt"
    words = long_article(text_file)
    title, _, body = text_file.read_text(encoding="utf-8").partition("\n\n")
    body = body.strip()
    sentences = list(split_sentences(body))
    step = max(1, len(sentences) // CLAIMS)
    chosen = sentences[::step][:CLAIMS]
    claims = [
        {"text": body[start:end], "start": start, "end": end, "score": 0.8, "reasons": ("number",)}
        for start, end in chosen
    ]
    store = Store.open(work / "desk.db", "bench")
    article_id, _ = store.apply(ImportArticle(title=title, body=body, claims=claims))
    stored = store.claims(article_id)
    assert len(stored) == CLAIMS, len(stored)
    verified = [c.id for i, c in enumerate(stored) if i % 3 == 0]
    unverified = [c.id for i, c in enumerate(stored) if i % 4 == 1]
    store.apply(Mark(verified, "verified"))
    store.apply(Mark(unverified, "unverified"))
    for index, claim in enumerate(stored):
        if claim.id not in verified and claim.id not in unverified:
            continue
        if index % 2 == 0:
            store.apply(SetNote(claim.id, f"Checked against the Observatory's statement {index}."))
        if index % 3 == 0:
            for tier in ("primary", "secondary"):
                store.apply(
                    AddSource(
                        claim.id,
                        kind="url",
                        reference=f"https://example.org/{tier}/{index}",
                        tier=tier,
                        consulted_on="2018-07-14",
                    )
                )
        if index % 5 == 0 and hasattr(store, "set_correction"):
            store.apply(SetCorrection(claim.id, f"{index + 1} killed, per the update of 14 July"))
    return store, article_id, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store, article_id, words = build_desk(work)
        exports: dict[str, Callable[[Path], object]] = {
            "csv": lambda path: export_csv(store, path, article_id=article_id),
            "docx": lambda path: export_docx(store, path, article_id=article_id),
            "html": lambda path: export_html(store, path, article_id=article_id),
        }
        times: dict[str, list[float]] = {fmt: [] for fmt in exports}
        sizes: dict[str, int] = {}
        for fmt, export in exports.items():  # a warm-up run each (imports, page cache)
            export(work / f"warm.{fmt}")
        for run in range(args.runs):
            for fmt, export in exports.items():
                path = work / f"run{run}.{fmt}"
                started = time.perf_counter()
                export(path)
                times[fmt].append(time.perf_counter() - started)
                sizes[fmt] = path.stat().st_size
        print(f"article: {words:,} words, {CLAIMS} claims; median of {args.runs} runs each")
        csv_time = median(times["csv"])
        for fmt in exports:
            value = median(times[fmt])
            print(
                f"  {fmt:5} {ms(value):>9}  ({value / csv_time:5.1f} × the CSV)  "
                f"{sizes[fmt] / 1024:,.0f} KiB"
            )
        store.close()


if __name__ == "__main__":
    main()
