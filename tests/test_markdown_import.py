"""Markdown articles through markdown-it-py: what a reader of the rendered page reads, and the
inputs that made the old regex reader backtrack (13–19 s for 48 KB) imported in a time bounded
by a multiple of plain text's, measured in the same test."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from factcheck_tui.core.extraction.extract import extract
from factcheck_tui.core.intake.article_files import parse_article_text, read_article_file
from tests.tmux_driver import factcheck_command

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "sample_db" / "seed_article.txt"

ARTICLE = """---
title: >
  Drought deepens
  in the valley
date: "2026-07-14"
url: https://example.org/drought
outlet: 'The Valley Courier'
---

# Headline repeated in the page

The reservoir held **41 percent** of its capacity in June, the [lowest level](https://x.example/a)
since 1977, officials said.

## What farmers say

- Farmers said *3,000 wells* ran dry last year.
- The `WELLS-2` survey counted 1,200 more.

> "We have never seen it this dry," said Ana Ruiz.

| Year | Wells dry |
|------|-----------|
| 2024 | 3,000 |

```python
print("code is not prose")
```

    indented code is not prose either

<div class="ad">Subscribe now</div>

![Photo of the dam](dam.jpg)

***

Rain is forecast for ~~Monday~~ Tuesday.
"""


def test_markdown_reads_as_the_rendered_page() -> None:
    article = parse_article_text(ARTICLE, fmt="markdown")
    assert article.title == "Drought deepens in the valley"  # the folded `>` block, not ">"
    assert (article.date, article.url, article.outlet) == (
        "2026-07-14",
        "https://example.org/drought",
        "The Valley Courier",
    )
    assert article.body.split("\n\n") == [
        "Headline repeated in the page",
        "The reservoir held 41 percent of its capacity in June, the lowest level since 1977, "
        "officials said.",
        "What farmers say",
        "Farmers said 3,000 wells ran dry last year.",
        "The WELLS-2 survey counted 1,200 more.",
        '"We have never seen it this dry," said Ana Ruiz.',
        "Year | Wells dry",
        "2024 | 3,000",
        "Rain is forecast for Monday Tuesday.",
    ]


def test_without_front_matter_the_first_heading_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("Intro line? no.\n\n# The Title\n\nUnemployment fell to 4.1 percent.\n")
    article = read_article_file(path)
    assert article.title == "The Title"
    assert article.body == "Intro line? no.\n\nUnemployment fell to 4.1 percent."
    # A front matter that never closes is text, not metadata.
    open_ended = parse_article_text("---\ntitle: x\n\nBody text here.", fmt="markdown")
    assert "Body text here." in open_ended.body


SIZE = 50_000
# Inputs the regex reader took quadratic time on (each line a run of emphasis- or link-like
# delimiters that never close); markdown-it's inline rules are linear in them.
BACKTRACKED = {
    "stars": "*a ",
    "underscores": "_a",
    "brackets": "[",
    "image_brackets": "![",
    "unclosed_links": "[x](",
    "backticks": "`a ",
    "strikethrough": "~~a ",
    "nested_emphasis": "**a *b ",
}


def sized(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


@pytest.mark.parametrize("unit", BACKTRACKED.values(), ids=BACKTRACKED.keys())
def test_inputs_that_backtracked_are_read_whole(unit: str) -> None:
    """The regex reader took 13-19 s on these; markdown-it reads them linearly (the time is
    measured by benchmarks/linear_time.py, 'markdown: n …'). Here: the text after the run
    of unclosed delimiters still arrives, and its claim is found."""
    text = "# Title\n\n" + sized(unit) + "\n\nUnemployment fell to 4.1 percent in 2017."
    article = parse_article_text(text, fmt="markdown")
    assert article.title == "Title"
    assert article.body.endswith("Unemployment fell to 4.1 percent in 2017.")
    claims = [s.text for s in extract(article.body) if s.is_claim]
    assert "Unemployment fell to 4.1 percent in 2017." in claims


def test_a_markdown_file_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run(
        [factcheck_command(), "extract", str(path), "--all"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "The reservoir held 41 percent" in result.stdout
    assert "**" not in result.stdout and "](" not in result.stdout and "title:" not in result.stdout
    assert "code is not prose" not in result.stdout
