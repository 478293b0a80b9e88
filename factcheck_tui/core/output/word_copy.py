"""The checked copy as a Word document: the article with one comment on each checked claim.

Each comment is anchored on exactly the claim's words (`w:commentRangeStart` before the
claim's first run, `w:commentRangeEnd` after its last: the runs are cut at the claims'
offsets) and holds the verdict, the checker and date, the suggested correction, the note,
the sources (kind, tier, date consulted) and the linked fact-checks (core.checked_copy writes
those lines). Unchecked claims get a "not checked" comment only when asked. The comment's own
date is the date the claim was checked.

Two ways to build it:
- `build_docx`: a new document from the stored text (title, a line with outlet, date and URL,
  then the paragraphs; a single line break inside a paragraph stays one).
- `annotate_docx`: the writer's own .docx (the draft the story was imported from), kept as it
  is — its formatting and its comments — with ours added. Claims are found in its text by
  their words (whitespace may differ), in reading order; the run a claim starts or ends in is
  cut there, both halves keeping the run's formatting. A run holding more than text (a
  picture, a field) is never cut: the comment then covers the whole run. Where a writer's
  comment covers the same text, ours is filed as a reply to it (in word/commentsExtended.xml,
  where Word, LibreOffice and Google Docs read threads: `w15:paraIdParent` names the
  writer's comment) and says so in its first line ("Answering X's comment on this text."), for a
  reader that shows no threads.

python-docx is imported inside these functions: the first screen does not pay for it.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

from factcheck_tui.core.output.checked_copy import (
    CheckedArticle,
    check_text,
    fact_check_text,
    has_own_comment,
    load_checked_article,
    paragraphs,
    xml_safe,
)
from factcheck_tui.core.output.checked_csv import write_atomically
from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.records.models import Claim, Fact

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.run import Run

APP_AUTHOR = "factcheck"
# Run children that are text (what `Run.text` reads and writes): only such runs are cut.
_TEXT_CHILDREN = {"rPr", "t", "tab", "br", "cr", "noBreakHyphen", "softHyphen"}


def commented_claims(checked: CheckedArticle, include_unchecked: bool) -> list[int]:
    """Indexes of the claims that get a comment."""
    return [
        index
        for index, claim in enumerate(checked.claims)
        if include_unchecked or checked.is_checked(claim)
    ]


def _author(claim: Claim, checked: CheckedArticle) -> tuple[str, str]:
    name = claim.checker if checked.is_checked(claim) and claim.checker else APP_AUTHOR
    initials = "".join(part[0] for part in name.split() if part)[:4].upper() or "FC"
    return xml_safe(name), xml_safe(initials)


def _comment_date(checked_at: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(checked_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _add_comment(
    document: Document,
    runs: Sequence[Run],
    claim: Claim,
    checked: CheckedArticle,
    lead: str = "",
    *,
    draft_comments: bool = True,
) -> Any:
    author, initials = _author(claim, checked)
    text = check_text(claim, checked.scale, draft_comments=draft_comments)
    if lead:
        text = f"{lead}\n{text}"
    comment = document.add_comment(list(runs), xml_safe(text), author, initials)
    stamp = _comment_date(claim.checked_at)
    if stamp is not None:
        comment._comment_elm.date = stamp  # the comment says when the check was made
    return comment


def build_docx(checked: CheckedArticle, *, include_unchecked: bool = False) -> tuple[bytes, int]:
    """A new .docx of the article's text with our comments: (its bytes, comments added)."""
    import docx

    article = checked.article
    document = docx.Document()
    document.core_properties.title = xml_safe(article.title)[:255]
    document.core_properties.author = APP_AUTHOR
    document.add_heading(xml_safe(article.title), level=1)
    about = " · ".join(part for part in (article.outlet, article.date, article.url) if part)
    if about:
        document.add_paragraph().add_run(xml_safe(about)).italic = True
    wanted = set(commented_claims(checked, include_unchecked))
    first_run: dict[int, Any] = {}
    last_run: dict[int, Any] = {}
    facts = [(c, f) for c in checked.claims for f in c.facts if has_own_comment(c, f)]
    cuts = [offset for _, fact in facts for offset in (fact.start, fact.end)]
    runs: list[tuple[int, int, Any]] = []
    for paragraph in paragraphs(article.body, checked.claims, cuts):
        block = document.add_paragraph()
        for segment in paragraph.segments:
            run = block.add_run(xml_safe(article.body[segment.start : segment.end]))
            runs.append((segment.start, segment.end, run))
            for index in segment.claims:
                if index in wanted:
                    first_run.setdefault(index, run)
                    last_run[index] = run
    for index in sorted(first_run):
        _add_comment(document, [first_run[index], last_run[index]], checked.claims[index], checked)
    fact_comments = _comment_facts(document, facts, runs)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), len(first_run) + fact_comments


def _runs_within(runs: Sequence[tuple[int, int, Any]], first: int, end: int) -> list[Any]:
    """The runs from index `first` that lie before offset `end`."""
    covered = []
    for start, _, run in runs[first:]:
        if start >= end:
            break
        covered.append(run)
    return covered


def _comment_facts(
    document: Document, facts: Sequence[tuple[Claim, Fact]], runs: Sequence[tuple[int, int, Any]]
) -> int:
    """A comment on exactly the words of each fact with a check of its own; how many."""
    starts = [start for start, _, _ in runs]
    added = 0
    for claim, fact in facts:
        first = bisect_left(starts, fact.start)
        if first >= len(runs) or runs[first][0] != fact.start:
            continue  # the fact's words were not cut out (not in the article's text)
        covered = _runs_within(runs, first, fact.end)
        name = fact.checker or APP_AUTHOR
        initials = "".join(part[0] for part in name.split() if part)[:4].upper() or "FC"
        text = xml_safe(fact_check_text(claim, fact))
        comment = document.add_comment(
            [covered[0], covered[-1]], text, xml_safe(name), xml_safe(initials)
        )
        stamp = _comment_date(fact.checked_at)
        if stamp is not None:
            comment._comment_elm.date = stamp
        added += 1
    return added


# ---------------------------------------------------------------- the writer's own document
class _TextMap:
    """The document's paragraph text as one string (paragraphs joined by a blank line), and
    where each run's text lies in it."""

    def __init__(self, document: Document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.runs: list[Any] = []  # CT_R elements in reading order
        self.starts: list[int] = []
        pieces: list[str] = []
        length = 0
        for paragraph in _all_paragraphs(document):
            if pieces:
                pieces.append("\n\n")
                length += 2
            for run in paragraph.xpath(
                "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"
            ):
                text = run.text
                self.runs.append(run)
                self.starts.append(length)
                pieces.append(text)
                length += len(text)
        self.text = "".join(pieces)

    def run_at(self, offset: int) -> int:
        """Index of the run holding the character at `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def splittable(self, run: Any) -> bool:
        return all(
            isinstance(child.tag, str) and child.tag.split("}")[-1] in _TEXT_CHILDREN
            for child in run
        )


def _all_paragraphs(document: Document) -> list[Any]:
    """Every body paragraph in reading order, table cells included (CT_P elements)."""
    from docx.oxml.ns import qn

    body = document.element.body
    return [p for p in body.iter(qn("w:p")) if not _in_comment_or_textbox(p)]


def _in_comment_or_textbox(paragraph: Any) -> bool:
    parent = paragraph.getparent()
    while parent is not None:
        if parent.tag.split("}")[-1] in {"txbxContent", "del"}:
            return True
        parent = parent.getparent()
    return False


def _find_claims(text: str, body: str, claims: Sequence[Claim]) -> dict[int, tuple[int, int]]:
    """Where each claim's words are in the document's text: the first match at or after the
    previous claim's, else anywhere. Claims not found get no comment."""
    found: dict[int, tuple[int, int]] = {}
    position = 0
    for index, claim in enumerate(claims):
        words = body[claim.start : claim.end].split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
        match = pattern.search(text, position) or pattern.search(text)
        if match is None:
            continue
        found[index] = (match.start(), match.end())
        position = match.start()
    return found


def _cut_runs(text_map: _TextMap, offsets: set[int]) -> None:
    """Cut runs so that every offset (that falls inside a text run) is a run boundary; each
    piece keeps the run's formatting (a copy of its w:rPr)."""
    by_run: dict[int, list[int]] = {}
    for offset in offsets:
        index = text_map.run_at(offset)
        start = text_map.starts[index] if text_map.runs else 0
        if text_map.runs and start < offset < start + len(text_map.runs[index].text):
            by_run.setdefault(index, []).append(offset - start)
    for index, cuts in by_run.items():
        run = text_map.runs[index]
        if not text_map.splittable(run):
            continue
        text = run.text
        pieces = list(itertools.pairwise([0, *sorted(set(cuts)), len(text)]))
        for left, right in pieces[:-1]:
            piece = copy.deepcopy(run)
            piece.text = text[left:right]
            run.addprevious(piece)
        run.text = text[pieces[-1][0] :]


def _writer_comment_ranges(
    document: Document, text_map: _TextMap
) -> list[tuple[int, int, str, int]]:
    """(start, end, author, comment id) of the writer's comments in the document's text."""
    from docx.oxml.ns import qn

    authors = {comment.comment_id: comment.author for comment in document.comments}
    position_of = {
        id(run): start for run, start in zip(text_map.runs, text_map.starts, strict=True)
    }
    ranges: dict[int, list[int]] = {}
    pending: list[int] = []  # comments whose range starts at the next text run
    last_end = 0
    for element in document.element.body.iter(
        qn("w:r"), qn("w:commentRangeStart"), qn("w:commentRangeEnd")
    ):
        tag = element.tag.split("}")[-1]
        if tag == "r":
            start = position_of.get(id(element))
            if start is not None:
                for comment_id in pending:
                    ranges[comment_id] = [start, start]
                pending.clear()
                last_end = start + len(element.text)
            continue
        comment_id = int(element.get(qn("w:id")))
        if tag == "commentRangeStart":
            pending.append(comment_id)
            ranges[comment_id] = [last_end, last_end]
        elif comment_id in ranges:
            ranges[comment_id][1] = last_end
    return [
        (start, end, authors.get(comment_id, "the writer"), comment_id)
        for comment_id, (start, end) in ranges.items()
    ]


def annotate_docx(
    original: bytes, checked: CheckedArticle, *, include_unchecked: bool = False
) -> tuple[bytes, int]:
    """The writer's .docx with our comments added, its formatting and comments kept:
    (its bytes, comments added). A claim whose words are not in the draft gets none."""
    import docx

    try:
        document = docx.Document(io.BytesIO(original))
    except Exception as error:  # python-docx raises several kinds for a file that is not one
        raise FactcheckError(f"the draft cannot be read as a Word document ({error})") from None
    wanted = commented_claims(checked, include_unchecked)
    text_map = _TextMap(document)
    chosen = [checked.claims[index] for index in wanted]
    located = _find_claims(text_map.text, checked.article.body, chosen)
    writer_ranges = _writer_comment_ranges(document, text_map)
    replies: list[tuple[int, int]] = []  # (our comment id, the writer's it answers)
    _cut_runs(text_map, {offset for span in located.values() for offset in span})
    text_map = _TextMap(document)
    from docx.text.run import Run

    for position, (start, end) in sorted(located.items()):
        claim = chosen[position]
        first = text_map.run_at(start)
        last = text_map.run_at(end - 1)
        lead = ""
        answered = [
            (author, comment_id)
            for w_start, w_end, author, comment_id in writer_ranges
            if w_start < end and start < w_end
        ]
        if answered:
            names = ", ".join(dict.fromkeys(author for author, _ in answered))
            lead = f"Answering {names}'s comment on this text."
        runs = [Run(text_map.runs[first], None), Run(text_map.runs[last], None)]  # type: ignore[arg-type]
        comment = _add_comment(document, runs, claim, checked, lead, draft_comments=False)
        if answered:
            replies.append((comment.comment_id, answered[0][1]))
    if replies:
        _thread_replies(document, replies)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), len(located)


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
COMMENTS_EXTENDED = "/word/commentsExtended.xml"
COMMENTS_EXTENDED_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
COMMENTS_EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def _thread_replies(document: Document, replies: Sequence[tuple[int, int]]) -> None:
    """File each (reply, parent) comment pair as a thread in word/commentsExtended.xml.

    A comment is known there by the w14:paraId of its last paragraph: one is given where the
    comment has none (python-docx writes none; Word does). An existing commentsExtended part
    (a draft saved by Word) is extended, never replaced."""
    import secrets

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    by_id = {comment.comment_id: comment for comment in document.comments}
    para_attr = f"{{{W14}}}paraId"
    taken = {
        value
        for element in document.element.iter()
        if (value := element.get(para_attr)) is not None
    }
    for comment in by_id.values():
        taken |= {p.get(para_attr) for p in comment._comment_elm.iter() if p.get(para_attr)}

    def para_id(comment_id: int) -> str:
        paragraph = by_id[comment_id]._comment_elm.xpath("./w:p")[-1]
        value = paragraph.get(para_attr)
        while value is None or (value in taken and paragraph.get(para_attr) is None):
            value = f"{secrets.randbelow(0x7FFFFFFF) + 1:08X}"  # below 0x80000000, as Word's
        if paragraph.get(para_attr) is None:
            taken.add(value)
            paragraph.set(para_attr, value)
        return str(value)

    document_part = document.part
    part = next(
        (
            rel.target_part
            for rel in document_part.rels.values()
            if rel.reltype == COMMENTS_EXTENDED_REL and not rel.is_external
        ),
        None,
    )
    if part is not None:
        root = etree.fromstring(part.blob)
    else:
        root = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    for reply, parent in replies:
        entry = etree.SubElement(root, f"{{{W15}}}commentEx")
        entry.set(f"{{{W15}}}paraId", para_id(reply))
        entry.set(f"{{{W15}}}paraIdParent", para_id(parent))
        entry.set(f"{{{W15}}}done", "0")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is not None:
        part._blob = blob  # a generic Part: its bytes are what is saved
    else:
        part = Part(PackURI(COMMENTS_EXTENDED), COMMENTS_EXTENDED_TYPE, blob, document_part.package)
        document_part.relate_to(part, COMMENTS_EXTENDED_REL)


def imported_draft(desk: ExportedDesk, article_id: int) -> bytes | None:
    """The .docx the article was imported from, as the import kept it, or None."""
    from factcheck_tui.core.db.drafts import DOCX_MEDIA_TYPE, original_file

    kept = original_file(desk.conn, article_id)
    if kept is None or kept[1] != DOCX_MEDIA_TYPE:
        return None
    return kept[2]


# ---------------------------------------------------------------------------- writing
def write_bytes(destination: Path | BinaryIO | TextIO, data: bytes) -> None:
    """Write bytes to a path (atomically, like the CSV) or an open stream."""
    if isinstance(destination, Path):

        def write(out: TextIO) -> int:
            out.flush()
            out.buffer.write(data)
            return len(data)

        write_atomically(destination, write)
        return
    target = cast(BinaryIO, getattr(destination, "buffer", destination))
    target.write(data)
    target.flush()


def export_docx(
    desk: ExportedDesk,
    destination: Path | BinaryIO | TextIO,
    *,
    article_id: int | None = None,
    include_unchecked: bool = False,
    original: bytes | None = None,
) -> int:
    """Write the checked copy; returns how many comments were added. The writer's .docx is
    annotated instead of a new document being made: `original` if given (`--onto`), else the
    draft the article was imported from, when it came from one (kept by the import, #11)."""
    checked = load_checked_article(desk, article_id)
    if original is None:
        original = imported_draft(desk, checked.article.id)
    if original is not None:
        data, count = annotate_docx(original, checked, include_unchecked=include_unchecked)
    else:
        data, count = build_docx(checked, include_unchecked=include_unchecked)
    write_bytes(destination, data)
    return count
