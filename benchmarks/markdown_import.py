"""Import time of a 1 MB Markdown file beside 1 MB of plain text, in the same run (issue 11:
"a 1 MB Markdown or HTML file imports in about the time of 1 MB of plain text").

1. Plain text: the sample article's paragraphs, numbers and names varied, to 1 MB.
2. Markdown: the same paragraphs to 1 MB with what a newsroom's Markdown carries: front
   matter, a heading every five paragraphs, bold figures, links on names, a list, a quote.
3. The worst case found for markdown-it (a 1 MB run of `![`, an image opener that never
   closes; tests/test_markdown_import.py has the others): the old regex reader took
   quadratic time on such runs (13–19 s for a 48 KB article); this one is linear but slow.

Each: `read_article_file` + `import_article` (parse, extract, store) into a new database,
median of --runs (the worst case: once). Target: Markdown within 1.2x of plain text.

Usage: python benchmarks/markdown_import.py [--runs N] [--no-worst]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from _common import SAMPLE_ARTICLE, median, ms, verdict

from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.store import Store

SIZE = 1_000_000
TARGET_RATIO = 1.2
NAMES = ["Syria", "Iraq", "Lebanon", "Jordan", "Turkey", "Yemen", "Libya", "Egypt"]


def paragraphs() -> list[str]:
    _, _, body = SAMPLE_ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def varied(round_: int, paragraph: str) -> str:
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + round_), paragraph)
    return text.replace("Syria", NAMES[round_ % len(NAMES)])


def plain_text(path: Path) -> int:
    out = ["Airstrikes in the east (long)", ""]
    size, round_ = 0, 0
    while size < SIZE:
        round_ += 1
        for paragraph in paragraphs():
            out.extend([varied(round_, paragraph), ""])
            size += len(out[-2]) + 2
    path.write_text("\n".join(out), encoding="utf-8")
    return path.stat().st_size


def markdown(path: Path) -> int:
    out = [
        "---",
        "title: Airstrikes in the east (long)",
        "date: 2018-07-13",
        "outlet: The Desk",
        "url: https://example.org/long",
        "---",
        "",
    ]
    size, round_ = 0, 0
    while size < SIZE:
        round_ += 1
        for index, paragraph in enumerate(paragraphs()):
            text = varied(round_, paragraph)
            text = re.sub(r"\b(\d[\d,.]*)\b", r"**\1**", text)
            text = re.sub(
                r"\b(Observatory|Reuters|coalition)\b", r"[\1](https://example.org/\1)", text
            )
            if index % 5 == 0:
                out.extend([f"## Part {round_}.{index}", ""])
            if index % 7 == 3:
                text = f"> {text}"
            elif index % 7 == 5:
                text = "\n".join(f"- {s}" for s in text.split(". ") if s)
            out.extend([text, ""])
            size += len(text) + 2
    path.write_text("\n".join(out), encoding="utf-8")
    return path.stat().st_size


def worst_case(path: Path) -> int:
    path.write_text("# Worst case\n\n" + "![" * (SIZE // 2) + "\n", encoding="utf-8")
    return path.stat().st_size


def time_import(path: Path, work: Path, runs: int) -> tuple[float, int]:
    times, claims = [], 0
    for run in range(runs):
        db = work / f"{path.stem}-{run}.db"
        with Store.open(db, "bench") as store:
            started = time.perf_counter()
            result = import_article(store, read_article_file(path))
            times.append(time.perf_counter() - started)
            claims = result.claims
    return median(times), claims


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-worst", action="store_true", help="skip the worst case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-md-") as folder:
        work = Path(folder)
        text_file, md_file = work / "long.txt", work / "long.md"
        text_size, md_size = plain_text(text_file), markdown(md_file)
        # Interleaved so a change in the machine's load moves both.
        plain, plain_claims = time_import(text_file, work, args.runs)
        ours, md_claims = time_import(md_file, work, args.runs)
        ratio = ours / plain
        print(f"import (read + parse + extract + store), median of {args.runs}:")
        print(f"  plain text, {text_size / 1e6:.2f} MB: {ms(plain)} ({plain_claims} claims)")
        print(f"  Markdown,   {md_size / 1e6:.2f} MB: {ms(ours)} ({md_claims} claims)")
        print(f"  ratio {ratio:.2f}; target <= {TARGET_RATIO}: {verdict(ratio, TARGET_RATIO)}")
        if not args.no_worst:
            worst_file = work / "worst.md"
            size = worst_case(worst_file)
            worst, _ = time_import(worst_file, work, 1)
            print(
                f"  worst case found, {size / 1e6:.2f} MB of '![': {ms(worst)} "
                f"({worst / plain:.1f}x plain text; linear, see tests/test_markdown_import.py)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
