"""A saved or fetched web page to an article: the story's text and its metadata.

The main text comes from trafilatura (`bare_extraction`), the field's reference extractor
(F1 0.92 on our 105 dev pages against 0.69 for all visible text: `benchmarks/html_eval.py`).
Around it, what a checker needs and the library does not give:

- Its output tree is read as paragraphs by core/intake/extracted_tree.py: headings are
  paragraphs of their own, each list item is one, and a table becomes one readable row a
  paragraph ("Year: 2019; Rate: 3.5%" under a header row, "a | b | c" without one).
- Page furniture it keeps is dropped by generic rules (core/intake/page_furniture.py);
  teaser cards (a link wrapping a block) and lists of link-only items are removed from
  the tree before it reads it.
- The standfirst it drops is put back as the lede, found by the page's declared
  descriptions; an editor's note or correction it drops closes the story; a page dated by
  nothing it declares is dated by its visible dateline.
- The text is composed Unicode (NFC), whatever form the page was saved in.
- Readers' comments are left out (`include_comments=False`): they are not the story.
- Metadata is read from the page's own declarations before the library's guesses
  (core/intake/page_metadata.py).

A page trafilatura finds nothing in (a fragment, a page of links) falls back to its visible
text, so a small hand-written HTML file still imports.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from factcheck_tui.core.intake.extracted_tree import INVISIBLE, paragraphs_of
from factcheck_tui.core.intake.page_furniture import TO_THE_READER, without_furniture
from factcheck_tui.core.intake.page_metadata import (
    LibraryGuesses,
    PageMetadata,
    choose_metadata,
    flat,
    read_declarations,
)
from factcheck_tui.core.text.dates import dateline_dates

if TYPE_CHECKING:
    from lxml.html import HtmlElement

HIDDEN_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "title", "button"}
)
BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote article section header footer tr td th "
    "figcaption pre ul ol table main aside nav hr dd dt body".split()
)


def parse_web_page(
    text: str, name: str, url: str = "", shallower: Callable[[str], str] | None = None
) -> tuple[PageMetadata, list[str]]:
    """The page's metadata and its story as paragraphs; ([], ...) when it has none.

    `url` is where the page was fetched from, if it was. `shallower(text)` gives the page
    with its too deeply nested tags dropped; it is used only when the parsed page reaches
    that depth (a pass over every tag, which most pages need not pay). Raises nothing on
    odd HTML: lxml repairs what it can and an unparseable page comes back empty."""
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is not None and shallower is not None and _nested_deeper_than(tree, DEEP_PAGE):
        tree = load_html(shallower(text))
    if tree is None:
        # A fragment ("<p>…</p>" alone), which the library refuses: its visible text.
        return PageMetadata(url=url), _fragment_text(text)
    declared = read_declarations(tree, text)
    summary = page_summary(tree, declared_descriptions(tree))
    notes = editors_notes(tree)
    drop_hidden_inline(tree)
    drop_boxes_beside_story(tree)
    drop_link_cards(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url or None,
        # Its metadata guesses are made below, only those the page's declarations leave
        # open: asked for all of them, the library spent a third of its time on them.
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    paragraphs: list[str] = []
    if isinstance(document, Document) and document.body is not None:
        paragraphs = list(paragraphs_of(document.body))
    # The page's own date declarations are read first; htmldate's extensive search of the
    # whole text is the slowest step of a big page and is not needed.
    library = LibraryGuesses(tree, url, {"extensive_search": False, "original_date": True})
    metadata = choose_metadata(
        declared, library, url, lambda: dateline_dates(_above_story(tree, paragraphs))
    )
    if paragraphs and summary and not _already_read(summary, paragraphs):
        paragraphs.insert(0, summary)  # the standfirst the extractor dropped is the lede
    if paragraphs:
        # An editor's note or correction the extractor dropped closes the story, as most
        # pages set it: the checker reads that the story changed or where it came from.
        read_so_far = " ".join(" ".join(paragraph.split()) for paragraph in paragraphs)
        paragraphs.extend(note for note in notes if note not in read_so_far)
    if not paragraphs:
        # Nothing the library calls a story (a fragment, a page of links): its visible text.
        paragraphs = visible_text(tree)
    # Composed Unicode ("ü", not "u" and a combining mark), as the search and a checker's
    # typing have it: some pages are saved decomposed.
    paragraphs = [
        unicodedata.normalize("NFC", paragraph.translate(INVISIBLE)) for paragraph in paragraphs
    ]
    metadata.title = unicodedata.normalize("NFC", metadata.title)
    metadata.outlet = unicodedata.normalize("NFC", metadata.outlet)
    return metadata, without_furniture(paragraphs, metadata)


# A story's summary or standfirst, which extractors often drop as page chrome (RT keeps
# its lede in `<div class="article__summary">`): class names, as whole hyphen/underscore
# separated words of a class.
SUMMARY_CLASS = re.compile(
    r"(?:^|[\s_-])(?:summary|standfirst|dek|subheadline|sub-headline|article-lead|lead-text"
    r"|intro-text|teaser-text)(?:$|\s)",
    re.IGNORECASE,
)
SUMMARY_WORDS = (8, 80)
# An editor's note or a correction, by its class (Salon's `<p class="editors_note">This post
# originally appeared on Grist.</p>`, "article-correction"): whole hyphen/underscore
# separated words of a class, as SUMMARY_CLASS.
EDITORS_NOTE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:editor'?s?[-_]?notes?|ednote|corrections?|correction[-_](?:note|notice)"
    r"|update[-_]note)(?:$|[\s_-])",
    re.IGNORECASE,
)
NOTE_WORDS = (4, 120)
HEADLINES_LOOKED_AT = 3  # the first <h1> is often the site's logo
# Classes a story's standfirst has, and so do the teasers of a list of posts: a block of
# one is the summary only when it opens as the page's declared description does.
EXCERPT_CLASS = re.compile(r"excerpt|(?:^|[\s_-])(?:lead|intro|lede)(?:$|[\s_-])", re.IGNORECASE)
# A story's dateline sits above it or among its first lines; a date further down belongs
# to a teaser of another story.
DATELINE_BLOCKS_AFTER = 3
# Hover cards and tooltips: text hidden until the mouse is over a name (The Hill's
# "rollover-people-block"), glued into the sentence by a text extractor.
HOVER_CLASS = re.compile(
    r"rollover-[\w-]*block|hover-?card|popover|tooltip(?:-content|-text|__content)?(?:$|\s)",
    re.IGNORECASE,
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
INLINE_TAGS = frozenset({"span", "a", "em", "strong", "b", "i", "sup", "small", "div"})


# libxml2 stops reading at about 255 nested elements; a parsed page this deep may have lost
# its text there, and is parsed again with its deeper tags dropped.
DEEP_PAGE = 190


def _nested_deeper_than(tree: HtmlElement, depth: int) -> bool:
    """Whether some element sits `depth` levels down (one XPath, evaluated in C)."""
    return bool(tree.getroottree().xpath("boolean(" + "/*" * depth + ")"))


DESCRIPTIONS = frozenset({"og:description", "description", "twitter:description"})


def declared_descriptions(tree: HtmlElement) -> tuple[str, ...]:
    """Every description the page declares, in its order. A page may declare two (meedia.de:
    a plugin's excerpt of the body's start, then the editor's standfirst): the standfirst
    may open as either."""
    found: dict[str, None] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key in DESCRIPTIONS:
            value = flat(element.get("content") or "")
            if value:
                found.setdefault(value)
    return tuple(found)


def page_summary(tree: HtmlElement, descriptions: tuple[str, ...] = ()) -> str:
    """The story's summary or standfirst, or "". When the page declares a description,
    the block that opens as one does: a summary-classed block (SUMMARY_CLASS, EXCERPT_CLASS)
    or the paragraph set right under a headline (`<h1>…</h1><p>standfirst</p>`); a teaser
    of another story has those classes too, and does not open so. Without a description,
    the first SUMMARY_CLASS block."""
    classed = [
        element
        for element in tree.iter("p", "div", "h2")
        if SUMMARY_CLASS.search(element.get("class") or "")
        or EXCERPT_CLASS.search(element.get("class") or "")
    ]
    if not descriptions:
        strict = (e for e in classed if SUMMARY_CLASS.search(e.get("class") or ""))
        return next((text for text in map(_summary_text, strict) if text), "")
    under_headlines = [
        heading.getnext()
        for heading in itertools.islice(tree.iter("h1"), HEADLINES_LOOKED_AT)
        if heading.getnext() is not None and heading.getnext().tag in ("p", "div")
    ]
    for element in [*under_headlines, *classed]:
        text = _summary_text(element)
        opening = " ".join(text.split()[: SUMMARY_WORDS[0]])
        if text and any(opening in description for description in descriptions):
            return text
    return ""


def editors_notes(tree: HtmlElement) -> list[str]:
    """The text of each editor's note or correction block (EDITORS_NOTE_CLASS), outermost
    only, of a note's length (NOTE_WORDS). A block that asks the reader for something ("Spot
    an error? Send us a correction", a form, a lone link) is the site's, not a note."""
    notes: list[str] = []
    looked_at: set[HtmlElement] = set()
    for element in tree.iter("p", "div", "aside", "section", "em"):
        if not EDITORS_NOTE_CLASS.search(element.get("class") or ""):
            continue
        # Only the outermost classed block is read: the text of blocks nested in it is
        # its text, and reading each would cost the page's size again at every level.
        if any(ancestor in looked_at for ancestor in element.iterancestors()):
            continue
        looked_at.add(element)
        text = flat(element.text_content()).translate(INVISIBLE)
        if (
            NOTE_WORDS[0] <= len(text.split()) <= NOTE_WORDS[1]
            and text not in notes
            and not TO_THE_READER.search(text)
            and next(element.iter("form", "input", "button", "textarea"), None) is None
            and not _only_links(element)
        ):
            notes.append(text)
    return notes


def _summary_text(element: HtmlElement) -> str:
    """The summary block's first visible paragraph, when of a summary's length: a wrapper
    holding the standfirst and then the byline and the date (Vice's "header-dek-wrapper":
    "…on Monday.by Jane Roe21 August 2019, 7:40amShareTweet") gives the standfirst alone."""
    if len(element.text_content().split()) > SUMMARY_WORDS[1]:
        return ""  # counted in C first: a block of a story's size is walked no further
    blocks = visible_text(element)
    text = blocks[0].translate(INVISIBLE) if blocks else ""
    return text if SUMMARY_WORDS[0] <= len(text.split()) <= SUMMARY_WORDS[1] else ""


def drop_hidden_inline(tree: HtmlElement) -> None:
    """Remove hover cards and hidden inline elements (their text is not on the page until
    a mouse asks); the text after each is kept."""
    doomed = [
        element
        for element in tree.iter(*INLINE_TAGS)
        if HOVER_CLASS.search(element.get("class") or "")
        or HIDDEN_STYLE.search(element.get("style") or "")
        or (element.get("hidden") is not None and element.tag != "div")
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


# The box about the story's author (its job, its other stories: FAZ's "cbx-Author",
# "author-bio", "about-the-author"), kept by the extractor at the story's end: not the
# story. A block classed so is dropped when it is short, as such a box is (a whole story
# WordPress classes "single-author" is not).
AUTHOR_BOX_CLASS = re.compile(
    r"(?:^|\s)(?:[\w-]*[-_])?(?:author|autor|auteur)(?:[-_]?(?:box|bio|info|card|profile"
    r"|details|description|container|block|wrapper))?(?:$|\s)|about[-_]?(?:the[-_]?)?author",
    re.IGNORECASE,
)
AUTHOR_BOX_MAX_WORDS = 120
AUTHOR_BOX_PARAGRAPHS = 3
# A block of the next or previous story, or of related ones, by its class or id
# (boingboing's `<div id="next-post-thumbnails"><div class="nextstory"><h2><a>…`): another
# story's headline, which the extractor reads as this story's last line.
OTHER_STORIES = re.compile(
    r"(?:^|[\s_-])(?:(?:next|prev|previous)[-_]?(?:story|stories|post|posts|article|articles)"
    r"|(?:related|recommended|more)[-_]?(?:posts|stories|articles|reads))(?:$|[\s_-])"
    # A block the page keeps hidden until a script shows it: a newsletter or login modal,
    # whose form's labels and error messages ("Bitte geben Sie Ihre E-Mail-Adresse ein!")
    # the extractor reads as text.
    r"|(?:^|\s)(?:hidden|hide|d-none|is-hidden)(?:$|\s)|(?:^|[\s_-])modal(?:$|[\s_-])",
    re.IGNORECASE,
)
# Bootstrap's "d-none d-md-block": hidden on a phone, shown from a tablet's width up. A
# block so classed is on the page a checker reads at a desk.
SHOWN_WIDER = re.compile(
    r"(?:^|\s)d-(?:sm|md|lg|xl|xxl)-(?:block|flex|inline|inline-block|inline-flex|grid|table)"
    r"(?:$|\s)"
)
BOX_TAGS = ("div", "aside", "section", "footer", "p", "ul", "nav")


def drop_boxes_beside_story(tree: HtmlElement) -> None:
    """Remove the author's box (when short) and blocks of other stories; the text after each
    is kept."""
    doomed = [
        element
        for element in tree.iter(*BOX_TAGS)
        if (
            OTHER_STORIES.search(f"{element.get('class') or ''} {element.get('id') or ''}")
            and not _holds_the_headline(element)
            and not SHOWN_WIDER.search(element.get("class") or "")
        )
        or (AUTHOR_BOX_CLASS.search(element.get("class") or "") and _box_sized(element))
    ]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _holds_the_headline(element: HtmlElement) -> bool:
    """A block holding an <h1> is the story's own ("article more-stories-enabled"), never a
    block of other stories."""
    return next(element.iter("h1"), None) is not None


def _box_sized(element: HtmlElement) -> bool:
    """Short, in a few paragraphs: a box, not a story its page classes by its author."""
    return (
        len(element.text_content().split()) <= AUTHOR_BOX_MAX_WORDS
        and sum(1 for _ in element.iter("p")) <= AUTHOR_BOX_PARAGRAPHS
    )


# A link wrapping a paragraph or a heading is a card that leads to another page (the
# "More about …" teasers under a story): its text is that page's headline, not this story.
# XPath, evaluated in C: a pass over the page's elements in Python costs more than the rest.
CARDS = (
    "//a[@href][descendant::*[self::p or self::div or self::li or self::figure or self::h2"
    " or self::h3 or self::h4 or self::h5 or self::h6]]"  # one walk below a link, not nine
)
# Items of a list that are nothing but a link each ("Related: <a>headline</a>" lists, a
# "Read more" block of headlines) lead to other pages. Two such siblings make a link list.
LINKED_ITEMS = (
    "//*[self::li or self::p or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
    "[descendant::a[@href]][parent::ul or parent::ol or parent::div or parent::section"
    " or parent::aside or parent::nav]"
)
LINK_ITEM_MIN_WORDS = 3
LINK_WRAPPERS = frozenset({"span", "em", "strong", "b", "i", "small", "h2", "h3", "h4", "h5"})
LINK_WRAPPER_DEPTH = 3


def drop_link_cards(tree: HtmlElement) -> None:
    """Remove links that wrap a block of text (teaser cards), and list items and paragraphs
    that are only a link where two or more sit together under one parent (a list of other
    pages' headlines); the text after each is kept."""
    for link in tree.xpath(CARDS):
        if link.getparent() is not None:
            link.drop_tree()
    siblings: dict[HtmlElement, list[HtmlElement]] = {}
    for item in tree.xpath(LINKED_ITEMS):
        if _link_only(item):
            siblings.setdefault(item.getparent(), []).append(item)
    for items in siblings.values():
        if len(items) >= 2:
            for item in items:
                item.drop_tree()


def _link_only(element: HtmlElement) -> bool:
    """Nothing but links (of three words or more), whatever inline tags wrap them."""
    return _only_links(element) and len(element.text_content().split()) >= LINK_ITEM_MIN_WORDS


def _only_links(element: HtmlElement, depth: int = 0) -> bool:
    # Structure first: most items fail at their own text, before any text is joined. Only
    # a few inline wrappers are looked into (a nested list is not a link item), so the
    # test stays linear however deep the page's lists nest.
    if (element.text or "").strip() or depth > LINK_WRAPPER_DEPTH:
        return False
    for child in element:
        if (child.tail or "").strip():
            return False
        if child.tag == "a" and child.get("href"):
            continue
        if child.tag not in LINK_WRAPPERS or not _only_links(child, depth + 1):
            return False
    return len(element) > 0


def _above_story(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """The page's visible blocks down to a few past the story's first paragraph."""
    if not paragraphs:
        return []
    blocks = visible_text(tree)
    opening = paragraphs[0][:60]
    first = next((i for i, block in enumerate(blocks) if opening in block), -1)
    return blocks[: first + 1 + DATELINE_BLOCKS_AFTER] if first >= 0 else []


def _already_read(summary: str, paragraphs: list[str]) -> bool:
    key = " ".join(summary.split()[:8])
    return any(key in paragraph for paragraph in paragraphs[:5])


def _fragment_text(text: str) -> list[str]:
    from lxml import etree
    from lxml.html import document_fromstring

    try:
        return visible_text(document_fromstring(text))
    except (etree.ParserError, ValueError):
        return []


def visible_text(tree: HtmlElement) -> list[str]:
    """Every visible block of text of the page, a paragraph each (no main-text choice)."""
    from lxml import etree

    parts: list[str] = []
    hidden_depth = 0
    for event, node in etree.iterwalk(tree, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag in HIDDEN_TAGS:
                hidden_depth += 1
            elif not hidden_depth:
                if tag in BLOCK_TAGS:
                    parts.append("\n\n")
                if node.text and tag:
                    parts.append(node.text)
            continue
        if tag in HIDDEN_TAGS:
            hidden_depth -= 1
        elif not hidden_depth and tag in BLOCK_TAGS:
            parts.append("\n\n")
        if not hidden_depth and node.tail:
            parts.append(node.tail)
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", "".join(parts)))
    return [paragraph for paragraph in paragraphs if paragraph]
