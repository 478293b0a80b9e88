"""Reading articles in each format, and refusing bad files with one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.records.errors import InputError
from tests.conftest import SAMPLE_ARTICLE


def test_sample_form_gives_date_title_and_paragraph_body() -> None:
    article = read_article_file(SAMPLE_ARTICLE)
    assert article.date == "2018-07-13"
    assert article.title == "ISIS Reduced to a Handful of Holdouts in Syria"
    assert article.body.startswith("A massive airstrike struck")
    assert "\n\nThe Syrian Observatory" in article.body
    assert article.body.endswith("near the border.")


def test_plain_text_first_line_is_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Council votes on budget\n\nThe council approved $4.2 million on Monday.\n")
    article = read_article_file(path)
    assert (article.title, article.body) == (
        "Council votes on budget",
        "The council approved $4.2 million on Monday.",
    )


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ndate: 2024-03-01\noutlet: The Ledger\n---\n# Budget passes\n\n"
        "The **council** approved [$4.2 million](https://example.org) on Monday.\n\n"
        "- It was 7 votes to 2.\n"
    )
    article = read_article_file(path)
    assert article.title == "Budget passes"
    assert article.date == "2024-03-01"
    assert article.outlet == "The Ledger"
    assert article.body == "The council approved $4.2 million on Monday.\n\nIt was 7 votes to 2."


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>Site | Budget passes</title><style>p{color:red}</style>"
        "<script>var x = 'hidden';</script></head><body><h1>Budget passes</h1>"
        "<p>The council approved &pound;4.2m on Monday.</p><p>It was 7 votes to 2.</p>"
        "</body></html>"
    )
    article = read_article_file(path)
    assert article.title == "Budget passes"
    assert article.body == "The council approved £4.2m on Monday.\n\nIt was 7 votes to 2."


def test_json(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(
        json.dumps(
            {
                "title": "Budget passes",
                "date": "2024-03-01T10:00:00Z",
                "url": "https://example.org/b",
                "outlet": "Ledger",
                "body": "The council approved it.\n\nIt was 7 votes to 2.",
            }
        )
    )
    article = read_article_file(path)
    assert (article.title, article.date, article.url, article.outlet) == (
        "Budget passes",
        "2024-03-01",
        "https://example.org/b",
        "Ledger",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("story.pdf", b"%PDF-1.4", "not a readable PDF"),
        ("story.xls", b"\xd0\xcf\x11\xe0", "unknown format"),
        ("bad.json", b'{"title": ', "invalid JSON"),
        ("list.json", b"[1, 2]", "JSON object"),
        ("nobody.json", b'{"title": "x"}', "body"),
    ],
)
def test_bad_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article_file(path)


def test_missing_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article_file(tmp_path / "nope.txt")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(InputError, match="20 MB"):
        read_article_file(huge)
