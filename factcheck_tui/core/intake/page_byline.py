"""trafilatura's guess at a page's byline (`trafilatura.metadata.extract_author`), the same
answer for a fraction of its cost: it copies the whole page, prunes comments, dates and
figures from the copy, and runs three XPath expressions over it, 5 ms a page (a quarter of
all our own page reading beside the extractor). Here one pass over the page's elements
tests the same conditions in Python, and only a candidate holding a pruned element is
copied and pruned.

The conditions are those of trafilatura 2's `AUTHOR_XPATHS` and `AUTHOR_DISCARD_XPATHS`,
each of which tests an element's own name and attributes; tests/test_page_byline.py holds
the two to the same answer on the dev pages and on made-up pages built to tell them apart.
A page with a `<rel>` element (which one expression reads by its text) is left to
trafilatura itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_LENGTH = 120  # extract_author's len_limit
# The three byline expressions, most specific first: (tags or None for any, a test of the
# element's attributes).
SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
SPECIFIC_CLASS = re.compile("author-?name|AuthorName|authorName")
GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
GENERIC_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
GENERIC_ID = re.compile("author|zuozhe|bianji|xiaobian")
GENERIC_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
ANY_ID = re.compile("[Aa]uthor")
ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# What is pruned before looking: comment sections, titles, dates, sidebars… and every
# <time> and <figure>.
PRUNED_TAGS = frozenset({"a", "div", "section", "span"})
PRUNED_CLASSES = frozenset({"comments", "title", "date"})
PRUNED_ID = re.compile("^comments|comment-?list|ProductReviews")
PRUNED_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
PRUNED_ALWAYS = frozenset({"time", "figure"})


def byline_guess(tree: HtmlElement) -> str | None:
    """What `trafilatura.metadata.extract_author(tree)` returns."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.metadata import extract_author

    found = _candidates(tree)
    if found is None:
        return extract_author(tree)
    candidates, pruned_first, pruned_then = found
    pruned = {*pruned_first, *pruned_then}
    holding_pruned = {ancestor for element in pruned for ancestor in element.iterancestors()}
    for element in candidates:
        if element in pruned or any(a in pruned for a in element.iterancestors()):
            continue  # pruned with its block
        if element in holding_pruned:
            element = _pruned_copy(element, pruned_first, pruned_then)
        content = " ".join(" ".join(element.itertext()).split())
        if 2 < len(content) < MAX_LENGTH:
            return normalize_authors(None, content)
    return None


def _candidates(
    tree: HtmlElement,
) -> tuple[list[HtmlElement], set[HtmlElement], set[HtmlElement]] | None:
    """The elements each byline expression finds, in its order (the specific expression's,
    then the generic one's, then the last resort's, each in document order), and the
    elements pruned first and then; None on a page with a <rel> element."""
    found: tuple[list[HtmlElement], list[HtmlElement], list[HtmlElement]] = ([], [], [])
    pruned_first: set[HtmlElement] = set()
    pruned_then: set[HtmlElement] = set()
    for element in _elements(tree):
        tag = element.tag
        if tag == "rel":
            return None
        get = element.get
        klass, ident, itemprop = get("class"), get("id"), get("itemprop") or ""
        if (tag in SPECIFIC_TAGS and _specific(element, klass, ident)) or tag == "author":
            found[0].append(element)
        if tag in GENERIC_TAGS and (
            klass in GENERIC_CLASSES
            or "author" in itemprop
            or GENERIC_ID.search(ident or "")
            or GENERIC_CLASS.search(klass or "")
        ):
            found[1].append(element)
        if (
            "Byline" in (get("data-component") or "")
            or "author" in itemprop
            or ANY_ID.search(ident or "")
            or ANY_CLASS.search(klass or "")
        ):
            found[2].append(element)
        if tag in PRUNED_TAGS and element is not tree and _pruned(element, klass, ident):
            pruned_first.add(element)
        if tag in PRUNED_ALWAYS:
            pruned_then.add(element)
    return [*found[0], *found[1], *found[2]], pruned_first, pruned_then


def _elements(tree: HtmlElement) -> Iterator[HtmlElement]:
    return (element for element in tree.iter() if isinstance(element.tag, str))


def _specific(element: HtmlElement, klass: str | None, ident: str | None) -> bool:
    get = element.get
    return (
        get("rel") == "author"
        or ident == "author"
        or klass == "author"
        or get("itemprop") == "author name"
        or get("data-testid") in ("AuthorCard", "AuthorURL")
        or bool(SPECIFIC_CLASS.search(klass or ""))
    )


def _pruned(element: HtmlElement, klass: str | None, ident: str | None) -> bool:
    return (
        ident == "comments"
        or klass in PRUNED_CLASSES
        or bool(PRUNED_ID.search(ident or ""))
        or bool(PRUNED_CLASS.search(klass or ""))
        or "Figure" in (element.get("data-component") or "")
    )


def _pruned_copy(
    element: HtmlElement, pruned_first: set[HtmlElement], pruned_then: set[HtmlElement]
) -> HtmlElement:
    """A copy of `element` with the blocks inside it pruned as trafilatura prunes them: the
    first kind, then <time> and <figure>, each in document order, the text after each kept."""
    from trafilatura.xml import delete_element

    copied = deepcopy(element)
    pairs = list(zip(element.iter(), copied.iter(), strict=True))
    for doomed in (pruned_first, pruned_then):
        for original, copy in pairs:
            if original in doomed:
                delete_element(copy)
    return copied
