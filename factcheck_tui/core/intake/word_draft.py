"""Word drafts (`.docx`, also what Google Docs and LibreOffice save): the text as the reader
sees it, and the writer's comments as annotations anchored in it.

- Paragraph by paragraph, in document order, tables row by row (cells joined by " | ").
  Tracked changes are read as if accepted: insertions (`w:ins`, `w:moveTo`) in, deletions
  (`w:del`, `w:moveFrom`, a deleted paragraph mark joining two paragraphs) out. python-docx's
  `Paragraph.text` reads only the paragraph's direct runs, so it would drop every tracked
  insertion, hyperlink field and content control; this module walks the XML itself.
- Headers, footers, footnotes and endnotes are other parts of the package and not read:
  they are not the story's text (a comment anchored there has no claim to attach to).
- The title is the document's core-properties title, else its first heading (a `Title` or
  `Heading N` paragraph), else its first paragraph when that is short and reads like a
  headline; a headline used as the title is not repeated in the body.
- A comment's anchor is the text between `w:commentRangeStart` and `w:commentRangeEnd` with
  its id (a comment with only a reference mark is anchored at that point); it becomes a
  `DraftComment` with character offsets into the body as built here, its author, its date and
  the URLs it holds (typed, or hyperlinked). A comment whose anchor lies wholly in the
  headline has no claim to attach to.
- The file itself is kept with the article (`ParsedArticle.original`, set by the package's
  reader): issue 13 gives the writer's own document back with its formatting and comments.

Zip members are checked before python-docx decompresses them (`reading.check_zip_container`,
the same check `export --onto` makes): a "zip bomb" draft is refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from factcheck_tui.core.intake.reading import check_zip_container
from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
WORD_DOCUMENT = "a Word document (.docx)"
MAX_COMMENT_CHARS = 4000
URL = re.compile(r"https?://[^\s<>\"'\u00a0]+", re.IGNORECASE)

# Elements whose content the reader does not see: deleted text, field codes, properties,
# the fallback copy of a drawing (its mc:Choice twin is read), notes' reference marks.
_HIDDEN = frozenset(
    {
        W + "del",
        W + "moveFrom",
        W + "delText",
        W + "instrText",
        W + "delInstrText",
        W + "rPr",
        W + "pPr",
        W + "tblPr",
        W + "trPr",
        W + "tcPr",
        W + "sectPr",
        MC_FALLBACK,
    }
)
_CHARACTERS = {
    W + "tab": " ",
    W + "ptab": " ",
    W + "br": "\n",
    W + "cr": "\n",
    W + "noBreakHyphen": "-",
}


@dataclass(frozen=True, slots=True)
class DraftComment:
    """One of the writer's comments, anchored at body[start:end]."""

    start: int
    end: int
    text: str
    author: str = ""
    written_at: str = ""  # ISO 8601 as the file gives it, "" when absent
    urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WordDraft:
    """What a .docx gives an article (core/ingest/__init__.py makes it one, with the file's
    bytes; this module imports nothing of the ingest package, so no import circle)."""

    title: str
    body: str
    comments: tuple[DraftComment, ...]


@dataclass(slots=True)
class _Paragraph:
    text: str
    heading: bool
    # comment id -> (start, end) inside this paragraph's text; either may be missing.
    starts: dict[str, int] = field(default_factory=dict)
    ends: dict[str, int] = field(default_factory=dict)
    points: dict[str, int] = field(default_factory=dict)


class _ParagraphText:
    """The text of one visual paragraph as it is walked, with comment marks inside it."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.points: dict[str, int] = {}

    def add(self, text: str) -> None:
        text = without_controls(text.replace("\t", " "))
        self.pieces.append(text)
        self.length += len(text)

    def finish(self, heading: bool) -> _Paragraph:
        raw = "".join(self.pieces)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())

        def local(position: int) -> int:
            return min(max(position - lead, 0), len(text))

        return _Paragraph(
            text,
            heading,
            {k: local(v) for k, v in self.starts.items()},
            {k: local(v) for k, v in self.ends.items()},
            {k: local(v) for k, v in self.points.items()},
        )


def _walk(element: Any, out: _ParagraphText, visible: bool) -> None:
    """Append the text of `element`'s subtree to `out`; comment marks are recorded even in
    hidden (deleted) content, at the position the deletion leaves."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):  # comments and processing instructions
            continue
        if tag == W + "commentRangeStart":
            out.starts.setdefault(child.get(W + "id", ""), out.length)
            continue
        if tag == W + "commentRangeEnd":
            out.ends[child.get(W + "id", "")] = out.length
            continue
        if tag == W + "commentReference":
            out.points.setdefault(child.get(W + "id", ""), out.length)
            continue
        if not visible or tag in _HIDDEN:
            _walk(child, out, False)
            continue
        if tag == W + "t":
            out.add(child.text or "")
        elif tag in _CHARACTERS:
            out.add(_CHARACTERS[tag])
        elif tag == W + "sym":
            continue
        else:
            _walk(child, out, True)


def _paragraph_mark_deleted(paragraph: Any) -> bool:
    properties = paragraph.find(W + "pPr")
    if properties is None:
        return False
    mark = properties.find(W + "rPr")
    return mark is not None and mark.find(W + "del") is not None


def _is_heading(paragraph: Any, heading_styles: set[str]) -> bool:
    properties = paragraph.find(W + "pPr")
    if properties is None:
        return False
    style = properties.find(W + "pStyle")
    if style is not None and style.get(W + "val", "") in heading_styles:
        return True
    level = properties.find(W + "outlineLvl")
    return level is not None and level.get(W + "val", "9") in {str(n) for n in range(9)}


def _blocks(container: Any, heading_styles: set[str]) -> list[_Paragraph]:
    """The paragraphs of a body, table cell or content control, in reading order."""
    paragraphs: list[_Paragraph] = []
    pending: _ParagraphText | None = None  # a paragraph whose mark was deleted joins the next
    for child in container:
        tag = child.tag
        if tag == W + "p":
            text = pending or _ParagraphText()
            _walk(child, text, True)
            if _paragraph_mark_deleted(child):
                pending = text
                continue
            pending = None
            paragraphs.append(text.finish(_is_heading(child, heading_styles)))
        elif tag == W + "tbl":
            paragraphs.extend(_table_rows(child, heading_styles))
        elif tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                paragraphs.extend(_blocks(content, heading_styles))
        elif tag in (W + "ins", W + "moveTo", W + "customXml"):
            paragraphs.extend(_blocks(child, heading_styles))
    if pending is not None:
        paragraphs.append(pending.finish(False))
    return paragraphs


def _table_rows(table: Any, heading_styles: set[str]) -> list[_Paragraph]:
    """Each row one paragraph, its cells' text joined by " | " (a row reads as a line)."""
    rows = []
    row_elements = [*table.findall(W + "tr"), *table.findall(f"{W}sdt/{W}sdtContent/{W}tr")]
    for row in row_elements:
        line = _Paragraph("", False)
        for cell in row.findall(W + "tc"):
            for paragraph in _blocks(cell, heading_styles):
                if not paragraph.text and not (
                    paragraph.starts or paragraph.ends or paragraph.points
                ):
                    continue
                separator = " | " if line.text and paragraph.text else ""
                offset = len(line.text) + len(separator)
                line.text += separator + paragraph.text
                for key, value in paragraph.starts.items():
                    line.starts.setdefault(key, offset + value)
                for key, value in paragraph.points.items():
                    line.points.setdefault(key, offset + value)
                for key, value in paragraph.ends.items():
                    line.ends[key] = offset + value
        rows.append(line)
    return rows


def _without_dangling_relationships(data: bytes) -> bytes:
    """The package with relationships to parts it does not hold removed (the bytes unchanged
    when there are none). python-docx refuses a package with one ("no item named
    'word/#img-1'"): LibreOffice writes such links for a web page's images it could not
    embed, and Word opens the file regardless."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    repaired: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for name in names:
            if not name.endswith(".rels"):
                continue
            # word/_rels/document.xml.rels describes word/document.xml: targets from word/.
            base = posixpath.dirname(posixpath.dirname(name))
            rels = etree.fromstring(archive.read(name), parser)
            dangling = [
                rel
                for rel in rels
                if rel.get("TargetMode") != "External"
                and _part_name(base, str(rel.get("Target", ""))) not in names
            ]
            for rel in dangling:
                rels.remove(rel)
            if dangling:
                repaired[name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
        if not repaired:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for member in archive.infolist():
                copy.writestr(member, repaired.get(member.filename) or archive.read(member))
    return out.getvalue()


def _part_name(base: str, target: str) -> str:
    from urllib.parse import unquote

    path = unquote(target)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    return posixpath.normpath(joined)


def _core_title(data: bytes) -> str:
    """dc:title of the package's core properties, read from the zip itself: python-docx finds
    the part only by its relationship type spelled as Word spells it, and LibreOffice spells
    it `.../officedocument/...` — python-docx then invents the title "Word Document"."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        target = "docProps/core.xml"
        if "_rels/.rels" in names:
            rels = etree.fromstring(archive.read("_rels/.rels"), parser)
            for rel in rels:
                if str(rel.get("Type", "")).lower().endswith("/metadata/core-properties"):
                    target = str(rel.get("Target", target)).lstrip("/")
        if target not in names:
            return ""
        core = etree.fromstring(archive.read(target), parser)
    title = core.find("{http://purl.org/dc/elements/1.1/}title")
    return (title.text or "") if title is not None else ""


def _date_of(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def _comment_text(element: Any, rels: Any) -> tuple[str, tuple[str, ...]]:
    """A comment's text (its paragraphs joined by spaces) and the URLs it holds."""
    parts = []
    for paragraph in element.iter(W + "p"):
        text = _ParagraphText()
        _walk(paragraph, text, True)
        parts.append(" ".join(text.finish(False).text.split()))
    joined = " ".join(part for part in parts if part)[:MAX_COMMENT_CHARS]
    urls: list[str] = []
    for link in element.iter(W + "hyperlink"):
        rel_id = link.get(R_ID)
        rel = rels.get(rel_id) if rel_id else None
        if rel is not None and rel.is_external and rel.target_ref.lower().startswith("http"):
            urls.append(rel.target_ref)
    for found in URL.finditer(joined):
        urls.append(found.group(0).rstrip(".,;:!?)]}"))
    return joined, tuple(dict.fromkeys(url for url in urls if len(url) <= 2000))


def parse_word_draft(data: bytes, *, name: str) -> WordDraft:
    """Read a .docx's bytes into its text and comments; one-line InputError else."""
    check_zip_container(data, name, "word/document.xml", WORD_DOCUMENT)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(_without_dangling_relationships(data)))
        except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
            raise InputError(f"{name}: not a readable Word document ({error})") from None
        heading_styles = {
            style.style_id
            for style in document.styles
            if style.name and (style.name == "Title" or style.name.startswith("Heading"))
        }
        paragraphs = _blocks(document.element.body, heading_styles)
        properties_title = _core_title(data)
        comments: list[tuple[str, str, str, str, tuple[str, ...]]] = []
        part = document.part
        if part._comments_part is not None:
            rels = part._comments_part.rels
            for comment in document.comments:
                text, urls = _comment_text(comment._comment_elm, rels)
                if text or urls:
                    comments.append(
                        (
                            str(comment.comment_id),
                            text,
                            " ".join((comment.author or "").split()),
                            _date_of(comment.timestamp),
                            urls,
                        )
                    )
    except InputError:
        raise
    except Exception as error:  # lxml syntax errors, a broken part: the file is damaged
        detail = " ".join(str(error).split())[:120]
        raise InputError(
            f"{name}: damaged Word document ({type(error).__name__}: {detail})"
        ) from None
    return _assemble(paragraphs, properties_title, comments, name)


def _assemble(
    paragraphs: list[_Paragraph],
    properties_title: str,
    comments: list[tuple[str, str, str, str, tuple[str, ...]]],
    name: str,
) -> WordDraft:
    title = " ".join(properties_title.split())
    shown = [index for index, paragraph in enumerate(paragraphs) if paragraph.text]
    headline: int | None = None
    if shown:
        first = paragraphs[shown[0]]
        headings = [index for index in shown if paragraphs[index].heading]
        if not title and headings:
            title = paragraphs[headings[0]].text
            headline = headings[0] if headings[0] == shown[0] else None
        elif not title and len(first.text) <= 200 and not first.text.endswith((".", "?", "!")):
            title, headline = first.text, shown[0]
        elif title and " ".join(first.text.split()) == title:
            headline = shown[0]
    # Body offsets of every comment mark, paragraph by paragraph.
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    points: dict[str, int] = {}
    texts: list[str] = []
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        dropped = index == headline or not paragraph.text
        base = offset + (2 if texts and not dropped else 0)
        for source, target in ((paragraph.starts, starts), (paragraph.ends, ends)):
            for key, value in source.items():
                position = offset if dropped else base + value
                if source is paragraph.starts:
                    target.setdefault(key, position)
                else:
                    target[key] = position
        for key, value in paragraph.points.items():
            points.setdefault(key, offset if dropped else base + value)
        if dropped:
            continue
        texts.append(paragraph.text)
        offset = base + len(paragraph.text)
    body = "\n\n".join(texts)
    annotations = []
    for comment_id, text, author, written_at, urls in comments:
        start = starts.get(comment_id, points.get(comment_id))
        end = ends.get(comment_id, points.get(comment_id, start))
        if start is None or end is None:
            continue  # a comment anchored nowhere in the text (a header, a footnote)
        if end < start:
            start, end = end, start
        if headline is not None and start == end == 0 and body:
            # Anchored only on the headline, which is not part of the body.
            continue
        annotations.append(DraftComment(start, end, text, author, written_at, urls))
    if not body.strip():
        raise InputError(f"{name}: no text in the Word document")
    return WordDraft(title=title, body=body, comments=tuple(annotations))
