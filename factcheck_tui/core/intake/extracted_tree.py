"""trafilatura's output tree as paragraphs, the text a checker reads: a block each, a
heading its own, a list item one, a table row one ("Year: 2019; Rate: 3.5%" under a header
row, "a | b | c" without one; a header-only table's header carried to the tables right after
it), the blocks inside a cell or an item a line each, text loose between blocks kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factcheck_tui.core.intake.page_metadata import flat

if TYPE_CHECKING:
    from lxml.html import HtmlElement


# Soft hyphens and zero-width spaces: invisible on the page, but they split words for the
# article search, the claim extraction and a checker's copy-paste ("Ma\xadcron"). So do
# the direction isolates an embedded tweet wraps its @names in ("\u2066@elonmusk\u2069").
INVISIBLE = str.maketrans(
    dict.fromkeys(["\xad", "\u200b", "\u2060", "\ufeff", "\u2066", "\u2067", "\u2068", "\u2069"])
)

# Text loose in the body under this many words is a timestamp or a link label ("19:49",
# "View Comments"), not the story.
LOOSE_MIN_WORDS = 4


def paragraphs_of(body: HtmlElement) -> Iterator[str]:
    """trafilatura's output tree as paragraphs: a block each, a table row each."""
    if len(body) == 1 and body[0].tag == "p" and len(body[0]) == 0 and "\n" in (body[0].text or ""):
        # The library's baseline for short pages: the page's text blocks, one a line.
        for line in (body[0].text or "").translate(INVISIBLE).split("\n"):
            if line.strip():
                yield " ".join(line.split())
        return
    # Text loose in the body, between its blocks (trafilatura leaves text between two
    # headings there), is read as paragraphs too; a scrap of under LOOSE_MIN_WORDS words
    # there is a timestamp or a link label ("19:49", "View Comments"), not the story.
    loose = flat(body.text)
    if len(loose.split()) >= LOOSE_MIN_WORDS:
        yield loose
    carried: list[str] = []  # a header-only table's header, for the tables right after it
    for element in body:
        yield from _block(element, carried)
        tail = flat(element.tail)
        if len(tail.split()) >= LOOSE_MIN_WORDS:
            yield tail


def _block(element: HtmlElement, carried: list[str]) -> Iterator[str]:
    tag = element.tag
    if tag == "table":
        yield from _table_rows(element, carried)
        return
    carried.clear()  # a header carries over tables only, none between
    if tag == "list":
        for item in element:
            if item.tag == "item":
                nested = [child for child in item if child.tag in ("list", "table")]
                for child in nested:
                    item.remove(child)  # rendered after the item's own text
                text = _text(item)
                if text:
                    yield text
                for child in nested:
                    yield from _block(child, carried)
            else:
                yield from _block(item, carried)
    elif tag in ("div", "quote", "article", "section") and any(
        child.tag in ("p", "list", "table", "head", "quote") for child in element
    ):
        text = flat(element.text)
        if text:
            yield text
        for child in element:
            yield from _block(child, carried)
            tail = flat(child.tail)
            if tail:
                yield tail
    elif tag == "graphic":
        return
    else:
        text = _text(element)
        if text:
            yield text


# Blocks of the extractor's tree that may sit inside a cell or an item: a line of their own
# (a cell holding "…gekränkt hat.<p>Heute werde…</p>" reads "hat." and "Heute" apart).
INNER_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "div", "table", "row"})


def _text(element: HtmlElement) -> str:
    """An element's text; its line breaks, and the blocks inside it, kept as single
    newlines."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text.replace("\n", " "))
        for child in node:
            inner_block = child.tag in INNER_BLOCKS
            if inner_block:
                parts.append("\n")
            walk(child)
            if inner_block:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail.replace("\n", " "))

    walk(element)
    text = "".join(parts).translate(INVISIBLE)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _table_rows(table: HtmlElement, carried: list[str]) -> Iterator[str]:
    """One paragraph per row: "Header: value; Header: value" under a header row. A table of
    its header alone (SPIP sets each row of a figures table in a table of its own) gives its
    header line, and its header to the headerless tables of as many columns right after."""
    header: list[str] = []
    rows = 0
    for row in table.iter("row"):
        cells = [flat(_text(cell).replace("\n", " ")) for cell in row if cell.tag == "cell"]
        is_header = bool(cells) and all(cell.get("role") == "head" for cell in row)
        if not any(cells):
            continue
        if is_header and not header:
            header = cells
            continue
        if not header and len(carried) == len(cells):
            header = carried
        rows += 1
        filled = [cell for cell in cells if cell]
        if len(filled) == 1:
            # A row that is a sub-heading ("Up to 4 years"), or a layout table's one cell
            # holding the page's blocks: its lines kept, to be judged a line at a time.
            yield next(text for text in map(_text, row) if text)
        elif header and len(header) == len(cells):
            pairs = zip(header, cells, strict=True)
            yield "; ".join(f"{h}: {c}" if h else c for h, c in pairs if c)
        else:
            yield " | ".join(cell for cell in cells if cell)
    if header and not rows:
        carried[:] = header
        yield " | ".join(header)
    elif header is not carried:
        carried.clear()
