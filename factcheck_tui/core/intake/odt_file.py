"""OpenDocument text drafts (`.odt`, LibreOffice's own format): the text as the reader sees
it, the writer's comments (office:annotation) anchored in it, and where each page begins.

`content.xml` is read directly with lxml (already installed under trafilatura), with entity
expansion and the network off; odfpy's text extraction put each comment's text inside the
paragraph it annotates (benchmarks/office_formats.py), and this needs no more than a walk.

- Headings, paragraphs, list items and sections in document order; a table row is one line,
  its cells joined by " | ". Headers and footers live in styles.xml and are not read.
- Tracked changes read as if accepted: the deleted text sits in `text:tracked-changes`,
  which is skipped; inserted text is inline.
- Footnotes, text boxes and drawings are not the story's text and are left out; soft hyphens
  (U+00AD) are dropped, `text:s`/`text:tab`/`text:line-break` read as spaces.
- A comment's anchor is the text between `office:annotation` and its `office:annotation-end`
  (a comment with no end is anchored at its point); its author, date and URLs are kept, as
  for a Word draft (core/intake/word_draft.py's `DraftComment`).
- Pages: LibreOffice records where its layout broke pages (`text:soft-page-break`) and a
  paragraph whose style starts a new page (`fo:break-before="page"`, or the one after a
  `fo:break-after="page"`) begins one; a file saved without them has no page starts.
- The title is the document's dc:title, else its first heading (not repeated in the body).

The zip is checked before anything in it is inflated (`reading.check_zip_container`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from factcheck_tui.core.intake.reading import check_zip_container
from factcheck_tui.core.intake.word_draft import URL, DraftComment
from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import InputError

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
ODT_DOCUMENT = "an OpenDocument text (.odt)"
MAX_COMMENT_CHARS = 4000
# Elements whose text the reader of the story does not read.
_SKIPPED = frozenset(
    {
        TEXT + "tracked-changes",
        TEXT + "note",
        TEXT + "sequence-decls",
        OFFICE + "forms",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}custom-shape",
        TEXT + "bookmark-ref",
        TEXT + "table-of-content",
    }
)
_BLOCKS = frozenset({TEXT + "p", TEXT + "h"})
_CONTAINERS = frozenset(
    {TEXT + "list", TEXT + "list-item", TEXT + "list-header", TEXT + "section", OFFICE + "text"}
)


@dataclass(frozen=True, slots=True)
class OdtDraft:
    title: str
    body: str
    comments: tuple[DraftComment, ...]
    pages: tuple[int, ...]  # where page 1, 2, … begins in `body`; () when the file says not


@dataclass(slots=True)
class _Walk:
    """The body as it is built: paragraphs, comment marks and page breaks at body offsets.

    Marks inside the paragraph being read are kept at offsets into its raw text and placed
    when it ends, once its spaces are tidied: every step is linear in the input."""

    page_styles: dict[str, str]  # paragraph style -> "before" | "after"
    paragraphs: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    length: int = 0  # of the raw text of the current paragraph
    done: int = 0  # where the current paragraph begins in the body
    headings: list[int] = field(default_factory=list)  # paragraph indices
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, key, raw offset)
    starts: dict[str, int] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)
    breaks: list[int] = field(default_factory=list)  # body offsets where a page begins
    break_next: bool = False

    def add(self, text: str) -> None:
        text = without_controls(text.replace("\u00ad", ""))
        self.current.append(text)
        self.length += len(text)

    def mark(self, kind: str, key: str = "") -> None:
        self.marks.append((kind, key, self.length))

    def finish(self, heading: bool) -> None:
        raw = "".join(self.current)
        text = " ".join(raw.split())
        mapping = tidied_offsets(raw) if text != raw else None
        for kind, key, at in self.marks:
            position = self.done + min(mapping[at] if mapping else at, len(text))
            if kind == "start":
                self.starts.setdefault(key, position)
            elif kind == "end":
                self.ends[key] = position
            else:
                self.breaks.append(position)
        self.current, self.length, self.marks = [], 0, []
        if text:
            if heading:
                self.headings.append(len(self.paragraphs))
            self.paragraphs.append(text)
            self.done += len(text) + 2


def tidied_offsets(raw: str) -> list[int]:
    """For each offset into `raw`, the offset into `" ".join(raw.split())`."""
    mapping, kept, previous_space = [], 0, True
    for char in raw:
        mapping.append(kept)
        if char.isspace():
            if not previous_space:
                kept += 1
            previous_space = True
        else:
            kept += 1
            previous_space = False
    mapping.append(kept)
    return mapping


def _page_styles(*roots: Any) -> dict[str, str]:
    """Paragraph styles that begin ("before") or end ("after") a page."""
    found: dict[str, str] = {}
    parents: dict[str, str] = {}
    for root in roots:
        for style in root.iter(STYLE + "style"):
            name = style.get(STYLE + "name", "")
            parents[name] = style.get(STYLE + "parent-style-name", "")
            for props in style.iter(STYLE + "paragraph-properties"):
                if props.get(FO + "break-before") == "page":
                    found[name] = "before"
                elif props.get(FO + "break-after") == "page":
                    found[name] = "after"
    for name, parent in parents.items():  # one level of inheritance, as styles are written
        if name not in found and parent in found:
            found[name] = found[parent]
    return found


def _inline(element: Any, walk: _Walk) -> None:
    """Append the text inside a paragraph, recording comment marks and page breaks."""
    if element.text:
        walk.add(element.text)
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            pass
        elif tag == OFFICE + "annotation":
            name = child.get(OFFICE + "name", f"point{len(walk.notes)}")
            walk.notes.setdefault(name, child)
            walk.mark("start", name)
        elif tag == OFFICE + "annotation-end":
            walk.mark("end", child.get(OFFICE + "name", ""))
        elif tag == TEXT + "soft-page-break":
            walk.mark("break")
        elif tag == TEXT + "s":
            walk.add(" " * min(_count(child.get(TEXT + "c")), 100))
        elif tag in (TEXT + "tab", TEXT + "line-break"):
            walk.add(" ")
        elif tag not in _SKIPPED:
            _inline(child, walk)
        if child.tail:
            walk.add(child.tail)


def _count(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 5 else 1


def _blocks(container: Any, walk: _Walk) -> None:
    for child in container:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag in _BLOCKS:
            style = walk.page_styles.get(child.get(TEXT + "style-name", ""))
            if style == "before" or walk.break_next:
                walk.mark("break")
            walk.break_next = style == "after"
            _inline(child, walk)
            walk.finish(tag == TEXT + "h")
        elif tag in _CONTAINERS:
            _blocks(child, walk)
        elif tag == TEXT + "soft-page-break":
            walk.breaks.append(walk.done)
        elif tag == TABLE + "table":
            rows = [
                *child.findall(f"{TABLE}table-header-rows/{TABLE}table-row"),
                *child.findall(f"{TABLE}table-row"),
                *child.findall(f"{TABLE}table-rows/{TABLE}table-row"),
            ]
            for row in rows:
                cells = []
                for cell in row.findall(TABLE + "table-cell"):
                    inner = _Walk({})
                    _blocks(cell, inner)
                    cells.append(" ".join(inner.paragraphs))
                walk.add(" | ".join(cell for cell in cells if cell))
                walk.finish(False)


def _comment(note: Any) -> tuple[str, str, str, tuple[str, ...]]:
    """A comment's text (its paragraphs joined), author, date and URLs."""
    parts = []
    for paragraph in note.iter(TEXT + "p"):
        inner = _Walk({})
        _inline(paragraph, inner)
        parts.append(" ".join("".join(inner.current).split()))
    text = " ".join(part for part in parts if part)[:MAX_COMMENT_CHARS]
    author = note.find(DC + "creator")
    date = note.find(DC + "date")
    urls = [found.group(0).rstrip(".,;:!?)]}") for found in URL.finditer(text)]
    return (
        text,
        " ".join(without_controls(author.text or "").split()) if author is not None else "",
        without_controls(date.text or "").strip() if date is not None else "",
        tuple(dict.fromkeys(url for url in urls if len(url) <= 2000)),
    )


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(member), parser)


def read_odt(data: bytes, *, name: str) -> OdtDraft:
    """Read an .odt's bytes into its text, comments and page starts; one-line InputError."""
    check_zip_container(data, name, "content.xml", ODT_DOCUMENT)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = set(archive.namelist())
            content = _xml(archive, "content.xml")
            styles = _xml(archive, "styles.xml") if "styles.xml" in members else content
            meta = _xml(archive, "meta.xml") if "meta.xml" in members else None
    except InputError:
        raise
    except Exception as error:  # lxml syntax errors, a damaged member
        detail = " ".join(str(error).split())[:120]
        kind = type(error).__name__
        raise InputError(f"{name}: damaged OpenDocument file ({kind}: {detail})") from None
    text_root = content.find(f"{OFFICE}body/{OFFICE}text")
    if text_root is None:
        raise InputError(f"{name}: an OpenDocument file, but not a text document (no text)")
    walk = _Walk(_page_styles(styles, content))
    _blocks(text_root, walk)
    title_element = meta.find(f".//{DC}title") if meta is not None else None
    title = " ".join((title_element.text or "").split()) if title_element is not None else ""
    return _assemble(walk, title, name)


def _assemble(walk: _Walk, title: str, name: str) -> OdtDraft:
    paragraphs = walk.paragraphs
    headline = None
    if paragraphs and (0 in walk.headings or paragraphs[0] == title):
        if not title or paragraphs[0] == title:
            title, headline = paragraphs[0], 0
    if not title and walk.headings:
        title = paragraphs[walk.headings[0]]
    shift = len(paragraphs[0]) + 2 if headline == 0 and len(paragraphs) > 1 else 0
    body = "\n\n".join(paragraphs[1:] if shift else paragraphs)
    if not body.strip():
        raise InputError(f"{name}: no text in the OpenDocument file")

    def place(position: int) -> int:
        return min(max(position - shift, 0), len(body))

    comments = []
    for key, note in walk.notes.items():
        start = place(walk.starts[key])
        end = place(walk.ends.get(key, walk.starts[key]))
        text, author, date, urls = _comment(note)
        if (text or urls) and not (shift and walk.starts[key] < shift and end == 0):
            comments.append(DraftComment(start, max(start, end), text, author, date, urls))
    starts = sorted({place(position) for position in walk.breaks} - {0})
    pages = (0, *starts) if starts else ()
    return OdtDraft(title, body, tuple(comments), pages)
