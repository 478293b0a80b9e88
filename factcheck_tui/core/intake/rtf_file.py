"""RTF drafts (`.rtf`, what WordPad, TextEdit and many newsroom systems save): the text as
the reader sees it, a paragraph per `\\par`, where each explicit page break (`\\page`) begins.

One pass over the file with one tokenizer (control word, hex byte, control symbol, brace,
text run): linear in its input. striprtf, the library candidate, runs regular expressions
that take quadratic time on hostile input (a 200 KB file of field groups or a long font table:
53 s; benchmarks/office_formats.py), so this reader does the same walk itself.

- Destinations are skipped: `{\\*...}` groups and the groups this module names (font, colour
  and style tables, document info except its title, headers, footers, footnotes, pictures,
  objects, a field's instruction (its result is read), comments, bookmarks, list text).
- Text is decoded in the file's code page (`\\ansicpg`, cp1252 when it names none);
  `\\uN` is a Unicode character and its fallback characters (`\\ucN`) are skipped.
- A table row reads as one line, its cells joined by " | "; tabs read as spaces; soft
  hyphens are dropped. The title is the document info's, else a short first line (not
  repeated in the body).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import InputError

TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # a control word and its number
    rb"|\\'([0-9a-fA-F]{2})"  # a byte in the code page
    rb"|\\([^a-zA-Z])"  # a control symbol
    rb"|([{}])"
    rb"|[\r\n]+"
    rb"|([^\\{}\r\n]+)"  # text
    rb"|(\\)"  # a backslash at the very end
)
SKIPPED_DESTINATIONS = frozenset(
    {
        "fonttbl",
        "colortbl",
        "stylesheet",
        "info",
        "header",
        "headerl",
        "headerr",
        "headerf",
        "footer",
        "footerl",
        "footerr",
        "footerf",
        "footnote",
        "pict",
        "object",
        "fldinst",
        "annotation",
        "atnid",
        "atnauthor",
        "atndate",
        "atnref",
        "atrfstart",
        "atrfend",
        "bkmkstart",
        "bkmkend",
        "pntext",
        "pntxta",
        "pntxtb",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "xmlnstbl",
        "themedata",
        "colorschememapping",
        "datastore",
        "latentstyles",
        "shp",
        "shpinst",
        "shprslt",
        "nonshppict",
        "ftnsep",
        "ftnsepc",
        "aftnsep",
        "aftnsepc",
        "revtbl",
        "filetbl",
        "pgdsctbl",
        "listtext",
        "template",
        "userprops",
        "docvar",
        "formfield",
        "private",
        "comment",
        "author",
        "operator",
        "keywords",
        "subject",
        "company",
        "doccomm",
        "buptim",
        "creatim",
        "revtim",
        "printim",
    }
)
SYMBOLS = {
    b"~": "\u00a0",
    b"_": "-",
    b"-": "",  # a soft hyphen
    b"{": "{",
    b"}": "}",
    b"\\": "\\",
    b"\n": "\n",
    b"\r": "\n",
}
WORDS = {
    "tab": " ",
    "emdash": "\u2014",
    "endash": "\u2013",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
    "bullet": "\u2022",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "line": " ",
    "cell": " | ",
    "nestcell": " | ",
}
PARAGRAPH_ENDS = frozenset({"par", "row", "sect", "page"})
MAX_BIN_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RtfText:
    title: str
    body: str
    pages: tuple[int, ...]  # where page 1, 2, … begins in `body`; () without \page


@dataclass(slots=True)
class _Reader:
    codepage: str = "cp1252"
    paragraphs: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)  # \'hh bytes not yet decoded
    title: list[str] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)  # paragraph indices
    high: int | None = None  # the first half of a surrogate pair, waiting for its second

    def text(self, piece: str, in_title: bool) -> None:
        self.flush()
        (self.title if in_title else self.current).append(piece)

    def unicode(self, code: int, in_title: bool) -> None:
        """A `\\uN` character: a character beyond U+FFFF comes as two (a surrogate pair)."""
        if 0xD800 <= code < 0xDC00:
            self.high = code
            return
        if 0xDC00 <= code < 0xE000:
            high, self.high = self.high, None
            character = chr(0x10000 + ((high - 0xD800) << 10) + code - 0xDC00) if high else "\ufffd"
        else:
            character = chr(code)
        self.text(character, in_title)

    def flush(self) -> None:
        if self.pending:
            self.current.append(bytes(self.pending).decode(self.codepage, "replace"))
            self.pending.clear()

    def end_paragraph(self, row: bool = False) -> None:
        self.flush()
        line = " ".join(without_controls("".join(self.current)).split())
        if row and line.endswith("|"):  # the separator after a row's last cell
            line = line[:-1].rstrip()
        self.current = []
        if line:
            self.paragraphs.append(line)


def _codepage(number: bytes | None) -> str:
    name = f"cp{int(number)}" if number and number.lstrip(b"-").isdigit() else "cp1252"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def read_rtf(data: bytes, *, name: str) -> RtfText:
    """Read an RTF file's bytes into its text; one-line InputError for what is not RTF."""
    if not data.lstrip()[:5] == b"{\\rtf":
        raise InputError(f"{name}: not an RTF document (it does not begin with {{\\rtf)")
    reader = _Reader()
    # Per group: (skipped, in the info's title, fallback characters after \uN)
    state = (False, False, 1)
    stack: list[tuple[bool, bool, int]] = []
    skip_fallback = 0
    position = 0
    while position < len(data):
        token = TOKEN.match(data, position)
        if token is None:  # cannot happen: the last alternatives take any byte
            break
        position = token.end()
        word, number, hex_byte, symbol, brace, text, _ = token.groups()
        skipped, in_title, fallback = state
        if skip_fallback and (hex_byte or text):
            if text and len(text) > skip_fallback:
                text = text[skip_fallback:]
                skip_fallback = 0
            else:
                skip_fallback -= 1 if hex_byte else len(text or b"")
                skip_fallback = max(skip_fallback, 0)
                continue
        if brace == b"{":
            stack.append(state)
        elif brace == b"}":
            state = stack.pop() if stack else (True, False, 1)
        elif symbol == b"*":
            state = (True, in_title, fallback)
        elif word:
            command = word.decode("ascii")
            if command == "bin":  # raw bytes follow: skipped whole
                position += min(int(number or b"0"), MAX_BIN_BYTES) if number else 0
            elif command == "ansicpg":
                reader.codepage = _codepage(number)
            elif command == "title":  # inside the skipped info group: its one part read
                state = (False, True, fallback)
            elif command in SKIPPED_DESTINATIONS:
                state = (True, False, fallback)
            elif command == "uc":
                state = (skipped, in_title, max(0, min(int(number or b"1"), 10)))
            elif skipped:
                continue
            elif command == "u" and number:
                reader.unicode(int(number) % 65536, in_title)
                skip_fallback = fallback
            elif command == "pagebb":  # this paragraph begins a page
                reader.page_breaks.append(len(reader.paragraphs))
            elif command in PARAGRAPH_ENDS:
                reader.end_paragraph(row=command == "row")
                if command == "page":
                    reader.page_breaks.append(len(reader.paragraphs))
            elif command in WORDS:
                reader.text(WORDS[command], in_title)
        elif skipped:
            continue
        elif hex_byte:
            byte = bytes.fromhex(hex_byte.decode("ascii"))
            if in_title:
                reader.title.append(byte.decode(reader.codepage, "replace"))
            else:
                reader.pending.extend(byte)
        elif symbol is not None:
            piece = SYMBOLS.get(symbol)
            if piece is not None:
                reader.text(piece, in_title)
        elif text:
            reader.text(text.decode(reader.codepage, "replace"), in_title)
    reader.end_paragraph()
    return _assemble(reader, name)


def _assemble(reader: _Reader, name: str) -> RtfText:
    paragraphs = reader.paragraphs
    title = " ".join(without_controls("".join(reader.title)).split())[:300]
    first = paragraphs[0] if paragraphs else ""
    headline = (
        bool(first)
        and len(paragraphs) > 1
        and (
            first == title
            or (not title and len(first) <= 200 and not first.endswith((".", "?", "!")))
        )
    )
    if headline:
        title = title or first
    kept = paragraphs[1:] if headline else paragraphs
    body = "\n\n".join(kept)
    if not body.strip():
        raise InputError(f"{name}: no text in the RTF document")
    offsets, position = [], 0
    for text in kept:
        offsets.append(position)
        position += len(text) + 2
    starts = sorted(
        {
            offsets[index - headline]
            for index in reader.page_breaks
            if 0 < index - headline < len(kept)
        }
    )
    return RtfText(title, body, (0, *starts) if starts else ())
