"""Read an article file (plain text, the sample's dated form, Markdown, HTML, JSON, Word,
OpenDocument, RTF, PDF) into a `ParsedArticle`: a title, a plain-text body whose character
offsets claims point into, and what metadata the file carries.

The body is stored as plain text with paragraphs separated by one blank line, whatever the
input format, so offsets mean the same thing for every article.

This package is the way in for every article format: this module reads and dispatches; a
format that needs more than a few functions (web pages, Word drafts, Markdown, links) gets a
module of its own beside it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck_tui.core.intake.reading import (
    MAX_ARTICLE_BYTES,
    UntrustedJSONError,
    check_regular_file,
    label_of,
    loads_untrusted,
    read_file_bounded,
    read_stdin_bounded,
)
from factcheck_tui.core.records.display import printable, without_controls
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.text.dates import normalise_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from factcheck_tui.core.extraction.extract import ScoredSentence
    from factcheck_tui.core.intake.word_draft import DraftComment

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".pdf": "pdf",
}
# Formats read from their bytes by a module of their own (the others are decoded to text).
DOCUMENT_FORMATS = frozenset({"docx", "odt", "rtf", "pdf"})
# Drafts that bring the writer's comments (a new revision brings its own, not the last one's).
COMMENTED_FORMATS = frozenset({"docx", "odt", "rtf"})
ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"
# The sample's first line: `date 2018-07-13 Title of the piece`.
DATED_TITLE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    title: str
    body: str
    date: str = ""
    url: str = ""
    outlet: str = ""
    fmt: str = "text"
    source_name: str = ""
    # A Word draft's comments, anchored by offsets into `body` (core/intake/word_draft.py).
    comments: tuple[DraftComment, ...] = ()
    # The file as given, kept for formats whose original the desk hands back (.docx).
    original: bytes = b""
    # Where page 1, 2, … begins in `body`, for a paginated file (PDF; ODT and RTF where the
    # file records its page breaks): a claim's or source's locator says "p. 4".
    pages: tuple[int, ...] = ()
    # The body's sentences scored, when a batch import's worker process already scored them
    # (`importing.with_scored_sentences`); None: `import_article` scores them.
    scored: tuple[ScoredSentence, ...] | None = None


def read_article_file(
    path: str | Path, fmt: str | None = None, *, should_cancel: Callable[[], bool] | None = None
) -> ParsedArticle:
    """Read and parse one article file (or web page, given its http(s) link); `-` reads
    standard input. Raises InputError. `should_cancel()` is polled while a link is fetched.

    Anything but a regular file (a FIFO, a device, a directory) is refused before it is read,
    and no more than MAX_ARTICLE_BYTES + 1 bytes are ever read (core/intake/reading.py)."""
    if str(path).lower().startswith(("http://", "https://")):
        return _read_article_url(str(path), fmt, should_cancel)  # a link: the page it points to
    if str(path) == "-":
        return parse_article_bytes(read_stdin_bounded(MAX_ARTICLE_BYTES), name="<stdin>", fmt=fmt)
    path = Path(path)
    name = label_of(path)
    check_regular_file(path, "an article file")
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")):
        # A database in use, perhaps this very process's desk: opening and closing it here
        # would drop this process's SQLite locks on it, so it is refused without being read.
        raise InputError(f"{name}: is a SQLite database in use, not an article")
    if fmt is None:
        fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            raise InputError(
                f"{name}: unknown format {printable(path.suffix)!r} "
                "(factcheck reads .txt, .md, .html, .json, .docx, .odt, .rtf and .pdf articles)"
            )
    data = read_file_bounded(path, MAX_ARTICLE_BYTES, "an article")
    return parse_article_bytes(data, name=name, fmt=fmt)


def parse_article_bytes(
    data: bytes, *, name: str, fmt: str | None = None, url: str = "", content_type: str = ""
) -> ParsedArticle:
    """Decode and parse article bytes; `fmt` None sniffs a Word document (a zip), JSON, HTML,
    Markdown or text from the content.

    `url` and `content_type` are given for a fetched page: the URL the article keeps when the
    page names no canonical one, and the HTTP header's charset. The encoding never refuses
    a file (see `decode`): BOM, UTF-8, declared charset, detection."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"{name}: over the 20 MB limit for an article")
    if fmt is None:
        fmt = _document_format(data)
    if fmt in DOCUMENT_FORMATS:
        return _finished(_read_document(data, name, fmt), name, fmt, url)
    return parse_article_text(decode_text(data, name, content_type), name=name, fmt=fmt, url=url)


def decode_text(data: bytes, name: str, content_type: str = "") -> str:
    """The text of article bytes, whatever their encoding (core/intake/decode.py: BOM, UTF-8,
    declared charset, detection); one-line InputError for empty or binary input. `import`
    and `extract` both decode here."""
    from factcheck_tui.core.intake.decode import decode_bytes, implausible_text, looks_binary

    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not an article")
    text = decode_bytes(data, content_type).text
    if implausible_text(text):  # a BOM on a binary file, or a file that only decodes
        raise InputError(f"{name}: looks like a binary file, not an article")
    return text


def _read_article_url(
    url: str, fmt: str | None = None, should_cancel: Callable[[], bool] | None = None
) -> ParsedArticle:
    """Fetch and parse a page; the article keeps its canonical URL, else the fetched one."""
    from factcheck_tui.core.intake.fetch import fetch_page

    page = fetch_page(url, should_cancel=should_cancel)
    return parse_article_bytes(
        page.data,
        name=url.strip(),
        fmt=fmt or page.fmt,
        url=page.url,
        content_type=page.content_type,
    )


def parse_article_text(
    text: str, *, name: str = "<text>", fmt: str | None = None, url: str = ""
) -> ParsedArticle:
    """Parse article text; used for files, stdin and the TUI's paste-from-clipboard."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt is None:
        fmt = _sniff(text)
    parser = {
        "text": _parse_text,
        "markdown": _parse_markdown,
        "html": _parse_html,
        "json": _parse_json,
    }.get(fmt)
    if parser is None:
        raise InputError(f"{name}: unknown format {fmt!r}")
    if fmt == "html":
        article = _parse_html(without_controls(text), name, url)
    else:
        article = parser(without_controls(text), name)
    return _finished(article, name, fmt, url)


def _finished(article: ParsedArticle, name: str, fmt: str, url: str = "") -> ParsedArticle:
    """The parsed article with controls gone, its title and date normalised."""
    # Again after parsing: JSON escapes and HTML character references decode to controls.
    body = without_controls(article.body)
    if body != article.body:
        body = _paragraphs(body.split("\n"))
    if not body.strip():
        raise InputError(f"{name}: no article text found")
    title = " ".join(without_controls(article.title).split())[:300] or _first_words(body)
    return replace(
        article,
        title=title,
        body=body,
        date=normalise_date(without_controls(article.date)),
        url=without_controls(article.url or url).strip(),
        outlet=without_controls(article.outlet).strip(),
        fmt=fmt,
        source_name=name,
    )


def _document_format(data: bytes) -> str | None:
    """The document format bytes are in, from their content: None for text formats."""
    if data.startswith(b"PK\x03\x04"):
        return "odt" if data[30 : 30 + len(ODT_MIMETYPE)] == ODT_MIMETYPE else "docx"
    head = data[:1024].lstrip()
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if b"%PDF-" in head:  # a PDF may begin with a few bytes before its header
        return "pdf"
    return None


def _read_document(data: bytes, name: str, fmt: str) -> ParsedArticle:
    """A Word, OpenDocument, RTF or PDF file's bytes to an article (each its own module)."""
    if fmt == "docx":
        from factcheck_tui.core.intake.word_draft import parse_word_draft

        draft = parse_word_draft(data, name=name)
        return ParsedArticle(
            title=draft.title, body=draft.body, comments=draft.comments, original=data
        )
    if fmt == "odt":
        from factcheck_tui.core.intake.odt_file import read_odt

        odt = read_odt(data, name=name)
        return ParsedArticle(odt.title, odt.body, comments=odt.comments, pages=odt.pages)
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if fmt == "rtf":
        from factcheck_tui.core.intake.rtf_file import read_rtf

        rtf = read_rtf(data, name=name)
        return ParsedArticle(rtf.title, rtf.body, comments=rtf.comments, pages=rtf.pages)
    from factcheck_tui.core.intake.pdf_file import read_pdf

    pdf = read_pdf(data, name=name)
    return ParsedArticle(pdf.title, pdf.body, pages=pdf.pages)


def sniff_format(data: bytes) -> str:
    """The format of article bytes from their content: a zip is a Word or OpenDocument
    draft, RTF and PDF by their headers, else what the text's start says (JSON, HTML,
    Markdown, text)."""
    return _document_format(data) or _sniff(data[:1024].decode("utf-8", "ignore").lstrip("\ufeff"))


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<p", "<h1")):
        return "html"
    if head.startswith("# "):
        return "markdown"
    return "text"


def _paragraphs(lines: list[str]) -> str:
    """Join lines into paragraphs: a blank line separates them, single newlines are kept."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        stripped = line.strip()
        if stripped:
            blocks[-1].append(stripped)
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join("\n".join(block) for block in blocks if block)


def _parse_text(text: str, name: str) -> ParsedArticle:
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return ParsedArticle(title="", body="")
    first = lines[0]
    dated = DATED_TITLE.match(first)
    if dated:
        return ParsedArticle(title=dated.group(2), body=_paragraphs(lines[1:]), date=dated.group(1))
    # Ordinary plain text: the first line is the title when it reads like one and text
    # follows; a text of one line (a tweet, a sentence from chat) is the body itself.
    if any(line.strip() for line in lines[1:]) and len(first.strip()) <= 200:
        return ParsedArticle(title=first.strip(), body=_paragraphs(lines[1:]))
    return ParsedArticle(title="", body=_paragraphs(lines))


def _parse_markdown(text: str, name: str) -> ParsedArticle:
    from factcheck_tui.core.intake.markdown import parse_markdown

    page = parse_markdown(text)
    return ParsedArticle(
        title=page.title, body=page.body, date=page.date, url=page.url, outlet=page.outlet
    )


def _parse_html(text: str, name: str, url: str = "") -> ParsedArticle:
    from factcheck_tui.core.intake.web_page import parse_web_page

    page, paragraphs = parse_web_page(text, name, url, shallower=within_depth)
    return ParsedArticle(
        title=page.title,
        body=_paragraphs("\n\n".join(paragraphs).split("\n")),
        date=page.date,
        url=page.url,
        outlet=page.outlet,
    )


# libxml2 (under trafilatura) stops at about 255 nested elements and the page then has "no
# article text"; a page nested deeper keeps its text with the deeper tags dropped.
MAX_NESTING = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})(?=[\s/>])[^<>]{0,2000}>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def within_depth(page: str, limit: int = MAX_NESTING) -> str:
    """`page` with the element tags nested deeper than `limit` removed (their text kept);
    the page itself when it is not nested that deep. One pass over the tags: linear."""
    open_names: list[str] = []
    in_stack: dict[str, int] = {}
    dropped: dict[str, int] = {}
    cuts: list[tuple[int, int]] = []
    for tag in _TAG.finditer(page):
        closing, name = tag.group(1), tag.group(2).lower()
        if name in _VOID or tag.group().endswith("/>"):
            continue
        if not closing:
            if len(open_names) >= limit:
                dropped[name] = dropped.get(name, 0) + 1
                cuts.append(tag.span())
                continue
            open_names.append(name)
            in_stack[name] = in_stack.get(name, 0) + 1
        elif dropped.get(name):
            dropped[name] -= 1
            cuts.append(tag.span())
        elif in_stack.get(name):
            while open_names:  # close up to the element it names, as a parser does
                top = open_names.pop()
                in_stack[top] -= 1
                if top == name:
                    break
    if not cuts:
        return page
    kept, start = [], 0
    for begin, end in cuts:
        kept.append(page[start:begin])
        start = end
    kept.append(page[start:])
    return "".join(kept)


def _parse_json(text: str, name: str) -> ParsedArticle:
    try:
        data = loads_untrusted(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: invalid JSON at line {error.lineno}: {error.msg}") from None
    except UntrustedJSONError as error:
        raise InputError(f"{name}: JSON refused: {error}") from None
    except RecursionError:  # the JSON reader recurses once a level
        raise InputError(f"{name}: JSON nested too deeply to be an article") from None
    if not isinstance(data, dict):
        raise InputError(f"{name}: expected a JSON object with title and body")
    body = data.get("body")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f'{name}: JSON article needs a non-empty string "body"')
    fields = {key: data.get(key, "") for key in ("title", "date", "url", "outlet")}
    for key, value in fields.items():
        if value is None:
            fields[key] = ""
        elif not isinstance(value, str):
            raise InputError(f"{name}: JSON field {key!r} must be a string")
    return ParsedArticle(body=_paragraphs(body.replace("\r\n", "\n").split("\n")), **fields)


def _first_words(body: str, count: int = 8) -> str:
    words = body.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
