"""Every parser linear: each hostile input, doubled and doubled again, through the real reader
(best of 3 runs each). A linear reader takes about 2× as long for 2× the input: the last
column, t(4n) / t(n), is about 4 for a linear one and about 16 for a quadratic one.

    .venv/bin/python benchmarks/linear_time.py [--scale 1]

The inputs are the ones hostile testing used: unclosed `<script` tags and unclosed JSON-LD
blocks in a reports page, an article nested n `<div>`s deep, n lists of links nested 150
deep, one line of n words, a binary
file behind a UTF-16 byte-order mark, unclosed HTML comments, a CSV of stray quotes,
JSON nested n deep, and Markdown delimiters that never close.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import REPO  # noqa: F401  (puts the repository on sys.path)

from factcheck_tui.core.intake.article_files import parse_article_bytes
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.formats import detect_format, open_text, records
from factcheck_tui.core.report_files.rows import Tally
from factcheck_tui.core.text.json_ld import script_blocks

SENTENCE = "The council spent 4 million pounds on roads in 2023, its report said. "


def _article(data: bytes, fmt: str) -> None:
    try:
        parse_article_bytes(data, name="bench", fmt=fmt)
    except InputError:
        pass  # refused in one line is an answer too: the time to say so is what is measured


def _reports(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"reports{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            fmt, encoding = detect_format(path)
            with open_text(path, encoding) as handle:
                for _ in records(fmt, handle, path, Tally()):
                    pass
        except InputError:
            pass


CASES: list[tuple[str, int, Callable[[int], None]]] = [
    (
        "reports page: n unclosed <script",
        40_000,
        lambda n: _reports("<html>" + "<script " * n, ".html"),
    ),
    (
        "reports page: n unclosed JSON-LD {",
        20_000,
        lambda n: _reports('<script type="application/ld+json">{' * n, ".html"),
    ),
    (
        "JSON-LD blocks: n unclosed <!--",
        40_000,
        lambda n: list(script_blocks("<!--<script>" * n)) and None,
    ),
    (
        "article: n nested <div>",
        25_000,
        lambda n: _article(b"<div>" * n + SENTENCE.encode() + b"</div>" * n, "html"),
    ),
    (
        # Issue #20: the link-list and card tests look into each item (lists 150 deep)
        "article: n lists of links nested 150 deep",
        5,
        lambda n: _article(
            (
                "<p>"
                + SENTENCE
                + "</p>"
                + ("<ul>" + "<li><a href='/x'>a b c</a><ul>" * 150 + "</ul></li>" * 150 + "</ul>")
                * n
            ).encode(),
            "html",
        ),
    ),
    (
        "article: one line of n sentences",
        2_000,
        lambda n: _article((SENTENCE * n).encode(), "text"),
    ),
    (
        "article: UTF-16 BOM on n binary blocks",
        40_000,
        lambda n: _article(b"\xff\xfe" + b"\x00\x81garbage\x00" * n, "text"),
    ),
    (
        "reports CSV: n stray quotes",
        20_000,
        lambda n: _reports("claim,rating\n" + '"x,y\n' * n, ".csv"),
    ),
    ("article JSON: nested n deep", 50_000, lambda n: _article(b"[" * n + b"]" * n, "json")),
    # Markdown delimiters that never close: the old regex reader backtracked on each
    # (13-19 s for 48 KB); tests/test_markdown_import.py checks the text still arrives whole.
    *(
        (
            f"markdown: n unclosed {unit!r}",
            12_000,
            lambda n, unit=unit: _article(f"# T\n\n{unit * n}\n\n{SENTENCE}".encode(), "markdown"),
        )
        for unit in ("*a ", "_a", "[", "![", "[x](", "`a ", "~~a ", "**a *b ")
    ),
]


def best_of(run: Callable[[int], None], n: int, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run(n)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    args = parser.parse_args()
    print(f"{'input':42} {'n':>8} {'t(n) ms':>9} {'t(2n) ms':>9} {'t(4n) ms':>9} {'t4n/tn':>7}")
    for label, base, run in CASES:
        n = max(1, int(base * args.scale))
        run(max(1, n // 10))  # warm: imports, trafilatura's first call
        times = [best_of(run, n * factor) for factor in (1, 2, 4)]
        ratio = times[2] / times[0] if times[0] > 0 else float("nan")
        print(
            f"{label:42} {n:>8} {times[0] * 1000:>9.1f} {times[1] * 1000:>9.1f} "
            f"{times[2] * 1000:>9.1f} {ratio:>7.1f}"
        )


if __name__ == "__main__":
    main()
