"""PDF articles (press releases, reports) through PDFium (pypdfium2): the text in reading
order, paragraphs rebuilt from the lines' geometry, words hyphenated at a line's end joined,
the running headers and footers left out, and where each page begins in the body (so a
claim on page 4 can be cited "p. 4").

- A word hyphenated at a line's end is joined; a compound's own hyphen stays (LineJoiner:
  the document's other words decide, PDFium marks both kinds alike).
- A running header or footer is a line among the first or last three of a page that repeats
  (digits aside: "page 3" and "page 4" are one line) on several pages; a bare page number
  there goes too.
- A paragraph ends where the next line is further down than line spacing, is indented, moves
  up (a new column), or where a line stops short of the right margin; it runs on across a
  page break unless the page's last line ends it.
- Pages are numbered as a viewer shows them (the first is 1), not by printed page labels.

Refused in one line: a PDF with no text layer (a scan: factcheck does no OCR), one behind a
password, a damaged file, more than MAX_PAGES pages, and a decompression bomb (page contents
inflating to over MAX_INFLATED bytes, counted before PDFium sees the file). PDFium is the
PDF engine of Chromium, fuzzed continuously there; a PDF is parsed under a lock (PDFium is
not thread-safe).
"""

from __future__ import annotations

import itertools
import re
import statistics
import threading
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import InputError

MAX_PAGES = 5000
# What a PDF's compressed page contents may inflate to (a .docx's zip has the same bound).
MAX_INFLATED = 200 * 1024 * 1024
DICTIONARY_BYTES = 400  # how far before `stream` its dictionary is looked for
READ_PIECE = 1 << 22
EDGE_LINES = 3  # lines at a page's top and bottom where headers and footers are looked for
HYPHENS = ("\ufffe", "\x02", "\u00ad")  # PDFium's mark of a word broken at a line's end
SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")")
PAGE_NUMBER = re.compile(r"^[-–—\s]*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?[-–—\s]*$", re.I)
_DIGITS = re.compile(r"\d+")
# A line of PDFium's text: up to a line break, or up to and with the mark of a hyphen where
# PDFium joined two lines itself (each visual line its own, with its own box).
_LINE = re.compile(r"[^\r\n\ufffe\x02]*[\ufffe\x02]|[^\r\n\ufffe\x02]+")
_PDFIUM = threading.Lock()
# Whole words only: not the halves of a word PDFium joined across lines (next to U+FFFE).
# Bounded lengths keep every match short: linear in the line, however long.
WORD_CHARS = 60
_WORD = re.compile(r"(?<![\w\ufffe])\w{1,60}(?:-\w{1,60}){0,4}(?![\w\ufffe-])")
_LAST_WORD = re.compile(r"\w{1,60}$")
_FIRST_WORD = re.compile(r"\w{1,60}")
REAL_HYPHENS = ("-", "\u2010", "\u2011")
# Words after a suspended hyphen ("Informations- und Kommunikationsdienste", "pre- and post-")
SUSPENDED_BEFORE = frozenset({"und", "oder", "bzw", "sowie", "bis", "and", "or", "nor", "to"})
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page: its text and box (PDF units, y upwards)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float


@dataclass(frozen=True, slots=True)
class PdfText:
    title: str
    body: str
    pages: tuple[int, ...]  # where page 1, 2, … begins in `body`


def read_pdf(data: bytes, *, name: str) -> PdfText:
    """The text of a PDF's bytes; InputError in one line for what cannot be read."""
    refuse_decompression_bombs(data, name)
    pages, title = _lines_of(data, name)
    if not any(pages):
        raise InputError(
            f"{name}: no text layer in this PDF (a scan?): factcheck does not read images "
            "of text; run OCR on it first (e.g. ocrmypdf) or paste the text"
        )
    return assemble(pages, title)


def refuse_decompression_bombs(data: bytes, name: str, limit: int = MAX_INFLATED) -> None:
    """InputError when the PDF's compressed streams (page contents, object streams; not
    images, which text extraction never decodes) inflate to over `limit` bytes in all, or a
    stream is compressed twice over. PDFium inflates a stream whole into memory (a 1 MB PDF
    of one 1 GB content stream took 2.9 GB and 6.5 s), so this is counted first, each stream
    inflated once, in pieces, and never kept: linear in the file, bounded in memory."""
    budget = limit
    position = 0
    while (start := data.find(b"stream", position)) >= 0:
        position = start + 6
        if data[start - 3 : start] == b"end":
            continue
        body = start + 6 + (2 if data[start + 6 : start + 8] == b"\r\n" else 1)
        end = data.find(b"endstream", body)
        end = len(data) if end < 0 else end
        position = max(position, end)
        dictionary = data[max(0, start - DICTIONARY_BYTES) : start]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        if b"/Image" in dictionary:
            continue
        flates = len(_FLATE.findall(dictionary))
        if flates > 1:
            raise InputError(f"{name}: a PDF stream compressed twice over (refused as a bomb)")
        if flates:
            budget -= _inflated_size(data[body:end], budget + 1)
        if budget < 0:
            raise InputError(
                f"{name}: the PDF inflates to over {limit // (1024 * 1024)} MB of page contents "
                "(refused as a decompression bomb)"
            )


def _inflated_size(compressed: bytes, limit: int) -> int:
    """How many bytes `compressed` (a zlib stream) inflates to, counting at most `limit`."""
    inflater = zlib.decompressobj()
    size = 0
    pending = compressed
    try:
        while pending and size < limit:
            size += len(inflater.decompress(pending, min(READ_PIECE, limit - size)))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # PDFium reads what inflates before the damage: counted up to there
    return size


def _lines_of(data: bytes, name: str) -> tuple[list[list[Line]], str]:
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            if "password" in str(error).lower():
                raise InputError(f"{name}: the PDF is protected by a password") from None
            raise InputError(f"{name}: not a readable PDF (damaged or not a PDF)") from None
        try:
            if len(document) > MAX_PAGES:
                raise InputError(f"{name}: over the {MAX_PAGES}-page limit for an article")
            title = _title(document)
            pages = []
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                pages.append(page_lines(textpage))
                textpage.close()
                page.close()
        except pdfium.PdfiumError as error:
            detail = " ".join(str(error).split())[:100]
            raise InputError(f"{name}: damaged PDF ({detail})") from None
        finally:
            document.close()
    return pages, title


def _title(document: Any) -> str:
    """The document's own title, unless it is a file name a converter wrote there."""
    title = " ".join(without_controls(str(document.get_metadata_value("Title") or "")).split())
    if title.lower().startswith("microsoft word") or re.search(r"\.\w{2,4}$", title):
        return ""
    return title[:300]


def page_lines(textpage: Any) -> list[Line]:
    """The non-blank lines of a page in PDFium's reading order, each with its box."""
    text = textpage.get_text_range()
    boxed = len(text) == textpage.count_chars()  # else PDFium's char list differs: no boxes
    lines = []
    for found in _LINE.finditer(text):
        words = found.group()
        if not words.strip(" \ufffe\x02"):
            continue
        first = found.start() + len(words) - len(words.lstrip())
        last = found.end() - 1 - (len(words) - len(words.rstrip()))
        if boxed:
            # Loose boxes (the font's height, not the glyph's): lines of one size line up.
            left, bottom, _, top = textpage.get_charbox(first, loose=True)
            _, low, right, high = textpage.get_charbox(last, loose=True)
            box = (left, min(bottom, low), right, max(top, high))
        else:
            box = (0.0, 0.0, 0.0, 0.0)
        lines.append(Line(_clean(words), *box))
    return lines


def _clean(words: str) -> str:
    """A line's text: spaces collapsed, controls gone. PDFium's mark of a hyphen at a line's
    end (U+FFFE, where it joins two lines itself, or at the end) is kept for the joiner to
    decide; a soft hyphen inside the line was not printed."""
    text = " ".join(words.replace("\x02", "\ufffe").split())
    if text.endswith("\u00ad"):
        text = text[:-1] + "\ufffe"
    return without_controls(text.replace("\u00ad", ""))


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def without_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without their running headers, footers and bare page numbers."""
    edges = [page[:EDGE_LINES] + page[-EDGE_LINES:] for page in pages]
    seen = Counter(key for edge in edges for key in {_furniture_key(line.text) for line in edge})
    needed = 2 if len(pages) <= 4 else 3
    repeated = {key for key, count in seen.items() if count >= needed}
    # A page's very first or last line with a number in it (a chapter's running head with
    # its page number) needs to repeat on two pages only.
    numbered = {key for key, count in seen.items() if count >= 2 and "#" in key}
    kept = []
    for page, edge in zip(pages, edges, strict=True):
        outer = {id(line) for line in page[:1] + page[-1:]}
        dropped = {
            id(line)
            for line in edge
            if _furniture_key(line.text) in repeated
            or PAGE_NUMBER.match(line.text)
            or (id(line) in outer and _furniture_key(line.text) in numbered)
        }
        kept.append([line for line in page if id(line) not in dropped])
    return kept


def _median(values: list[float], default: float) -> float:
    return statistics.median(values) if values else default


def _breaks(lines: list[Line]) -> list[bool]:
    """For each line of a page, whether a paragraph ends after it (within the page)."""
    heights = [line.top - line.bottom for line in lines if line.top > line.bottom]
    height = _median(heights, 10.0)
    # The pitch from one line's foot to the next: a paragraph's space makes it longer.
    pitches = [a.bottom - b.bottom for a, b in itertools.pairwise(lines)]
    pitch = _median([value for value in pitches if 0 < value < 3 * height], height * 1.2)
    body_left = min((line.left for line in lines), default=0.0)
    ends = []
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        # The right edge of the block around the line: a shorter line ended its paragraph
        # when the next line's first word would have fitted after it.
        edge = max(other.right for other in (before, line, after) if other is not None)
        room = edge - line.right
        if after is None:
            ends.append(room > 2 * height)  # else the paragraph runs on to the next page
            continue
        width = (line.right - line.left) / max(len(line.text), 1)
        first_word = after.text.split(" ", 1)[0]
        ends.append(
            line.bottom - after.bottom > pitch * 1.25
            or after.top > line.top + height  # a new column
            or room > (len(first_word) + 1) * width
            or (after.left > body_left + height and line.text.endswith(SENTENCE_END))
        )
    return ends


@dataclass(frozen=True, slots=True)
class LineJoiner:
    """Joins a paragraph's lines. PDFium marks a hyphen at a line's end (U+FFFE) whether it
    broke a word ("gover-" / "nment") or is the compound's own ("XXL-" / "Tasche"): the
    document's other words decide, as a reader does. Joined without the hyphen when the
    joined word occurs in the document; kept when the compound does, before a capital or a
    digit ("Baden-Württemberg", "4,90-Kassenbon"), after an acronym ("NRW-Wahlkampf"), when
    both halves are words the document uses ("encryption-and-decryption"); a suspended
    hyphen keeps its space ("Strand- oder Poolparty")."""

    words: frozenset[str]
    compounds: frozenset[str]

    @classmethod
    def of(cls, pages: list[list[Line]]) -> LineJoiner:
        tokens = {
            token.lower() for page in pages for line in page for token in _WORD.findall(line.text)
        }

        return cls(
            frozenset(token for token in tokens if "-" not in token),
            frozenset(token for token in tokens if "-" in token),
        )

    def resolved(self, text: str) -> str:
        """`text` with each hyphen mark PDFium put where it joined two lines decided."""
        end = text[-1:] if text.endswith(HYPHENS) else ""  # the line's own end: join decides
        text = text[: len(text) - len(end)]
        if "\ufffe" not in text:
            return text + end
        parts = text.split("\ufffe")
        out = [parts[0]]
        for before, after in itertools.pairwise(parts):
            out.append(self._hyphen(before, after) + after)
        return "".join(out) + end

    def _hyphen(self, before: str, after: str) -> str:
        """What stands between two halves PDFium joined: "", "-" or "- " (suspended)."""
        left, right = _LAST_WORD.search(before[-WORD_CHARS:]), _FIRST_WORD.match(after)
        if right is not None and right.group().lower() in SUSPENDED_BEFORE:
            return "- "
        if left is None or right is None:
            return ""
        return "-" if self.keeps_hyphen(left.group(), right.group(), broken_by_pdfium=True) else ""

    def join(self, paragraph: str, line: str) -> str:
        line = self.resolved(line)
        if not paragraph:
            return line
        mark = paragraph[-1]
        if not (mark in HYPHENS or (mark in REAL_HYPHENS and paragraph[-2:-1].isalnum())):
            return f"{paragraph} {line}"
        head = paragraph[:-1]
        shown = "-" if mark in HYPHENS else mark
        if line.split(" ", 1)[0].lower() in SUSPENDED_BEFORE:
            return f"{head}{shown} {line}"
        left, right = _LAST_WORD.search(head[-WORD_CHARS:]), _FIRST_WORD.match(line)
        if left is None or right is None:
            return head + shown + line if mark not in HYPHENS else head + line
        if self.keeps_hyphen(left.group(), right.group(), broken_by_pdfium=mark in HYPHENS):
            return head + shown + line
        return head + line

    def keeps_hyphen(self, left: str, right: str, *, broken_by_pdfium: bool) -> bool:
        joined, compound = (left + right).lower(), f"{left}-{right}".lower()
        if compound in self.compounds and joined not in self.words:
            return True
        if joined in self.words:
            return False
        if right[0].isupper() or right[0].isdigit() or left[-1].isdigit() or left.isupper():
            return True
        if left.lower() in self.words and right.lower() in self.words and len(right) > 2:
            return True
        return not broken_by_pdfium


def assemble(pages: list[list[Line]], title: str = "") -> PdfText:
    """The body (paragraphs separated by a blank line) and each page's start in it."""
    paragraphs: list[str] = []
    current = ""
    page_first: list[tuple[int, int]] = []  # (paragraph index, offset in it) per page
    pages = without_furniture(pages)
    joiner = LineJoiner.of(pages)
    for page in pages:
        ends = _breaks(page)
        page_first.append((len(paragraphs), -1))
        for line, ends_here in zip(page, ends, strict=True):
            if page_first[-1][1] < 0:
                joined = joiner.join(current, line.text)
                page_first[-1] = (len(paragraphs), len(joined) - len(line.text))
                current = joined
            else:
                current = joiner.join(current, line.text)
            if ends_here:
                paragraphs.append(current)
                current = ""
    if current:
        paragraphs.append(current)
    paragraphs = [kept for text in paragraphs if (kept := text.rstrip("".join(HYPHENS)))]
    if not title and paragraphs and len(paragraphs[0]) <= 200:
        if not paragraphs[0].endswith((".", "?", "!")):
            title = paragraphs[0]
    return _with_page_starts(paragraphs, page_first, title)


def _with_page_starts(
    paragraphs: list[str], page_first: list[tuple[int, int]], title: str
) -> PdfText:
    """The body and page starts; a first paragraph that is the title is not repeated."""
    skip = 1 if paragraphs and title and paragraphs[0] == title and len(paragraphs) > 1 else 0
    offsets, position = [], 0
    for text in paragraphs[skip:]:
        offsets.append(position)
        position += len(text) + 2
    body = "\n\n".join(paragraphs[skip:])
    starts: list[int] = []
    for index, within in page_first:
        if within < 0 or index - skip >= len(offsets):
            starts.append(starts[-1] if starts else 0)  # a page with no text of its own
        elif index < skip:
            starts.append(0)
        else:
            starts.append(min(offsets[index - skip] + within, len(body)))
    return PdfText(title, body, tuple(_monotonic(starts)))


def _monotonic(starts: list[int]) -> list[int]:
    out: list[int] = []
    for start in starts:
        out.append(max(start, out[-1]) if out else 0)
    return out
