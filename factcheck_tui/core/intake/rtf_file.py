"""RTF drafts (`.rtf`, what WordPad, TextEdit and many newsroom systems save): the text as
the reader sees it, a paragraph per `\\par`, the writer's comments anchored in it, and where
each explicit page break (`\\page`, `\\pagebb`) begins.

One pass over the file with one tokenizer (control word, hex byte, control symbol, brace,
text run): linear in its input. striprtf, the library candidate, runs regular expressions
that take quadratic time on hostile input (a 200 KB file of field groups or a long font table:
53 s; benchmarks/office_formats.py), so this reader does the same walk itself.

- Destinations are skipped: `{\\*...}` groups and the groups this module names (font, colour
  and style tables, document info except its title, headers, footers, footnotes, pictures,
  objects, a field's instruction (its result is read), bookmarks, list text).
- A comment (`{\\*\\atrfstart N}` … `{\\*\\atrfend N}`, then its author, date and
  `{\\*\\annotation {\\*\\atnref N} …}`) is read apart from the story and anchored on its
  range, or at its point: a `DraftComment` as a Word draft's (core/intake/word_draft.py).
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

from factcheck_tui.core.intake.odt_file import tidied_offsets
from factcheck_tui.core.intake.word_draft import URL, DraftComment
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
        "atnid",
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
# Destinations whose text is read apart from the story: the title and the writer's comments
# (a range `{\\*\\atrfstart N}`…`{\\*\\atrfend N}`, then the comment: its author, date, and
# `{\\*\\annotation {\\*\\atnref N} text}`).
CAPTURED = frozenset(
    {"title", "annotation", "atnauthor", "atndate", "atnref", "atrfstart", "atrfend"}
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
    comments: tuple[DraftComment, ...] = ()


@dataclass(slots=True)
class _Reader:
    """The story as it is read, a paragraph at a time, and what is captured beside it.
    Comment marks inside the paragraph being read are kept at offsets into its raw text and
    placed when it ends, its spaces tidied (as core/intake/odt_file.py does)."""

    codepage: str = "cp1252"
    paragraphs: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    length: int = 0  # of the current paragraph's raw text
    done: int = 0  # where the current paragraph begins, all paragraphs counted
    pending: bytearray = field(default_factory=bytearray)  # \'hh bytes not yet decoded
    title: str = ""
    captured: dict[str, list[str]] = field(default_factory=dict)
    page_breaks: list[int] = field(default_factory=list)  # paragraph indices
    high: int | None = None  # the first half of a surrogate pair, waiting for its second
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, key, raw offset)
    starts: dict[str, int] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    note: dict[str, str] = field(default_factory=dict)  # the comment being read: author…
    notes: list[tuple[str, str, str, str]] = field(default_factory=list)  # key, text, by, at
    anchored: set[str] = field(default_factory=set)  # comment keys whose range has begun

    def text(self, piece: str, target: str) -> None:
        if target:
            self.captured.setdefault(target, []).append(piece)
            return
        self.flush()
        piece = without_controls(piece)
        self.current.append(piece)
        self.length += len(piece)

    def unicode(self, code: int, target: str) -> None:
        """A `\\uN` character: a character beyond U+FFFF comes as two (a surrogate pair)."""
        if 0xD800 <= code < 0xDC00:
            self.high = code
            return
        if 0xDC00 <= code < 0xE000:
            high, self.high = self.high, None
            character = chr(0x10000 + ((high - 0xD800) << 10) + code - 0xDC00) if high else "\ufffd"
        else:
            character = chr(code)
        self.text(character, target)

    def flush(self) -> None:
        if self.pending:
            piece = without_controls(bytes(self.pending).decode(self.codepage, "replace"))
            self.current.append(piece)
            self.length += len(piece)
            self.pending.clear()

    def begin(self, target: str) -> None:
        self.captured[target] = []

    def finish(self, target: str) -> None:
        """A captured destination's group has ended: what its text says."""
        text = " ".join(without_controls("".join(self.captured.pop(target, []))).split())
        if target == "title":
            self.title = text
        elif target in ("atrfstart", "atrfend"):
            self.flush()
            self.marks.append((target, text, self.length))
            self.anchored.add(text)
        elif target == "annotation":
            self.flush()
            key = self.note.pop("atnref", "") or f"point {len(self.notes)}"
            if key not in self.anchored:
                self.marks.append(("atrfstart", key, self.length))  # a comment at a point
            self.notes.append(
                (key, text, self.note.pop("atnauthor", ""), _dttm(self.note.pop("atndate", "")))
            )
            self.note.clear()
        else:
            self.note[target] = text

    def end_paragraph(self, row: bool = False) -> None:
        self.flush()
        raw = "".join(self.current)
        line = " ".join(raw.split())
        if row and line.endswith("|"):  # the separator after a row's last cell
            line = line[:-1].rstrip()
        mapping = tidied_offsets(raw) if self.marks and line != raw else None
        for kind, key, at in self.marks:
            position = self.done + min(mapping[at] if mapping else at, len(line))
            if kind == "atrfstart":
                self.starts.setdefault(key, position)
            else:
                self.ends[key] = position
        self.current, self.length, self.marks = [], 0, []
        if line:
            self.paragraphs.append(line)
            self.done += len(line) + 2


def _dttm(value: str) -> str:
    """RTF's packed date (`\\atndate`: minutes, hours, day, month, year since 1900 in bits)
    as ISO 8601; "" when it is not one."""
    if not value.isdigit() or len(value) > 12:
        return ""
    packed = int(value)
    year, month, day = ((packed >> 20) & 0x1FF) + 1900, (packed >> 16) & 0xF, (packed >> 11) & 0x1F
    hour, minute = (packed >> 6) & 0x1F, packed & 0x3F
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00"


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
    # Per group: (skipped, where its text goes: "" the story or a CAPTURED destination,
    # fallback characters after \uN)
    state: tuple[bool, str, int] = (False, "", 1)
    stack: list[tuple[bool, str, int]] = []
    skip_fallback = 0
    position = 0
    while position < len(data):
        token = TOKEN.match(data, position)
        if token is None:  # cannot happen: the last alternatives take any byte
            break
        position = token.end()
        word, number, hex_byte, symbol, brace, text, _ = token.groups()
        skipped, target, fallback = state
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
            closing, state = state, stack.pop() if stack else (True, "", 1)
            if closing[1] and closing[1] != state[1]:
                reader.finish(closing[1])
        elif symbol == b"*":
            state = (True, target, fallback)
        elif word:
            command = word.decode("ascii")
            if command == "bin":  # raw bytes follow: skipped whole
                position += min(int(number or b"0"), MAX_BIN_BYTES) if number else 0
            elif command == "ansicpg":
                reader.codepage = _codepage(number)
            elif command in CAPTURED:  # "title" inside the skipped info group: read
                state = (False, command, fallback)
                reader.begin(command)
            elif command in SKIPPED_DESTINATIONS:
                state = (True, "", fallback)
            elif command == "uc":
                state = (skipped, target, max(0, min(int(number or b"1"), 10)))
            elif skipped:
                continue
            elif command == "u" and number:
                reader.unicode(int(number) % 65536, target)
                skip_fallback = fallback
            elif command == "pagebb" and not target:  # this paragraph begins a page
                reader.page_breaks.append(len(reader.paragraphs))
            elif command in PARAGRAPH_ENDS:
                if target:  # a comment's paragraphs are joined by a space
                    reader.text(" ", target)
                    continue
                reader.end_paragraph(row=command == "row")
                if command == "page":
                    reader.page_breaks.append(len(reader.paragraphs))
            elif command in WORDS:
                reader.text(WORDS[command], target)
        elif skipped:
            continue
        elif hex_byte:
            byte = bytes.fromhex(hex_byte.decode("ascii"))
            if target:
                reader.text(byte.decode(reader.codepage, "replace"), target)
            else:
                reader.pending.extend(byte)
        elif symbol is not None:
            piece = SYMBOLS.get(symbol)
            if piece is not None:
                reader.text(piece, target)
        elif text:
            reader.text(text.decode(reader.codepage, "replace"), target)
    reader.end_paragraph()
    return _assemble(reader, name)


def _assemble(reader: _Reader, name: str) -> RtfText:
    paragraphs = reader.paragraphs
    title = reader.title[:300]
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
    shift = len(first) + 2 if headline else 0
    return RtfText(title, body, (0, *starts) if starts else (), _comments(reader, shift, len(body)))


def _comments(reader: _Reader, shift: int, size: int) -> tuple[DraftComment, ...]:
    """The writer's comments, anchored in the body (a headline dropped moves them by `shift`)."""
    out = []
    for key, text, author, written_at in reader.notes:
        if key not in reader.starts or not text:
            continue
        start = reader.starts[key]
        end = max(start, reader.ends.get(key, start))
        if shift and end < shift:
            continue  # anchored on the headline only: no claim to attach to
        start, end = (min(max(value - shift, 0), size) for value in (start, end))
        urls = [found.group(0).rstrip(".,;:!?)]}") for found in URL.finditer(text)]
        out.append(DraftComment(start, end, text, author, written_at, tuple(dict.fromkeys(urls))))
    return tuple(out)
