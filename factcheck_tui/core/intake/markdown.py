"""Markdown articles, through markdown-it-py (CommonMark, plus GitHub's tables and
strikethrough): the text a reader of the rendered page reads, a paragraph per block.

- Front matter between `---` lines at the very top: `title`, `date`, `url`, `outlet` (also
  `source`/`publisher`/`site` for the outlet, `link`/`canonical` for the URL) as YAML-ish
  `key: value` lines; quoted values are unquoted and YAML block scalars (`title: >` or `|`,
  then indented lines) read as their folded text. Read line by line, without a YAML library.
- The title is the front matter's, else the first heading (not repeated in the body).
  Other headings, paragraphs, list items, quotes and table rows (cells joined by " | ") are
  paragraphs. Emphasis and links are reduced to their text; inline code keeps its text.
- Dropped, as no reader checks them as prose: fenced and indented code blocks, raw HTML,
  images (their alt text is a description, not the article's words), horizontal rules.

The old regex reader backtracked on emphasis- and link-like runs (a line of `*a*a*a…`, of
`[`, of `_`): quadratic per line, 13–19 s for a 48 KB article. markdown-it's inline parser
works through delimiters in linear time; tests/test_ingest_formats.py measures those
inputs against plain text of the same size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FRONT_MATTER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "datepublished": "date",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "canonical_url": "url",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "site_name": "outlet",
}


@dataclass(frozen=True, slots=True)
class MarkdownPage:
    """What a Markdown file gives an article (core/ingest/__init__.py makes it one; this
    module imports nothing of the ingest package, so no import circle)."""

    title: str
    body: str
    date: str = ""
    url: str = ""
    outlet: str = ""


# Inline tokens whose text a reader sees; everything else inline (images, raw HTML) is not.
_INLINE_TEXT = frozenset({"text", "code_inline", "html_entity"})


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields, rest of the text) when the text opens with a `---` block, else ({}, text)."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next(
        (index for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")),
        None,
    )
    if end is None:
        return {}, text
    fields: dict[str, str] = {}
    index = 1
    while index < end:
        line = lines[index]
        index += 1
        if not line.strip() or line[0] in " \t#" or ":" not in line:
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if value[:1] in (">", "|"):  # a block scalar: the indented lines that follow
            block = []
            while index < end and (not lines[index].strip() or lines[index][0] in " \t"):
                block.append(lines[index].strip())
                index += 1
            value = " ".join(part for part in block if part)
        elif len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        name = FRONT_MATTER_KEYS.get(key.strip().lower().replace("-", "_"))
        if name and name not in fields:
            fields[name] = " ".join(value.split())
    return fields, "\n".join(lines[end + 1 :])


def _inline_text(token: Any) -> str:
    parts = []
    for child in token.children or ():
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


def parse_markdown(text: str) -> MarkdownPage:
    from markdown_it import MarkdownIt

    fields, text = _front_matter(text)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(text)
    title = fields.get("title", "")
    paragraphs: list[str] = []
    row: list[str] | None = None
    in_heading = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row and any(row):
                paragraphs.append(" | ".join(row))
            row = None
        elif kind == "inline":
            content = _inline_text(token)
            if row is not None:
                row.append(content)
            elif in_heading and not title:
                title = content
            elif content:
                paragraphs.append(content)
    body = "\n\n".join("\n".join(line.strip() for line in p.split("\n")) for p in paragraphs)
    return MarkdownPage(
        title=title,
        body=body,
        date=fields.get("date", ""),
        url=fields.get("url", ""),
        outlet=fields.get("outlet", ""),
    )
