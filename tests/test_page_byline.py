"""The byline guess (core/intake/page_byline.py) answers as trafilatura's `extract_author`
does, on every dev page and on pages made to tell the two apart: a byline holding a date or
a figure that trafilatura prunes (the text around them joined as its pruning joins it), a
byline inside a pruned block, a pruned element that is itself a candidate, a candidate too
long or too short for a byline, and the order of the three expressions."""

from __future__ import annotations

import pytest
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from factcheck_tui.core.intake.page_byline import byline_guess
from tests.dev_pages import DEV_PAGES

MADE_UP = {
    "date inside the byline": (
        '<div class="author">By Jane Roe<span class="date">3 May 2021</span>, staff'
        "<time>10:00</time> writer</div>"
    ),
    "figure and nested prunes": (
        '<p class="byline">Anna<figure>photo<span class="date">x</span>tail</figure>'
        ' Berg <a class="print">print</a>and Carl Dahl</p>'
    ),
    "byline in comments": (
        '<div id="comments"><span class="author">Troll Name</span></div>'
        '<span class="writer">Real Writer</span>'
    ),
    "pruned candidate": '<time class="author">Not Me</time><div id="authorbox">Eve Fox</div>',
    "too long, then short, then right": (
        f'<a rel="author">{"word " * 40}</a><span class="author">Al</span>'
        '<h4 class="byl">Gus Hale</h4>'
    ),
    "specific after generic in the page": (
        '<p class="byline">Generic Person</p><strong class="authorName">Specific Person</strong>'
    ),
    "itemprop and data attributes": (
        '<section data-component="Byline">Ida Jung</section>'
        '<div itemprop="author">Kim Lee</div><span data-testid="AuthorCard">Mo Ng</span>'
    ),
    "the author element": "<p>text</p><author>Ola Pike</author>",
    "a rel element": '<a><rel>me</rel>Quinn Ray</a><span class="author">Other One</span>',
    "nothing": "<p>Just a story.</p>",
    "an id only": '<div id="Author-7">Sam Todd <span class="date">today</span></div>',
}


@pytest.mark.parametrize("name", sorted(MADE_UP))
def test_made_up_pages_answer_as_trafilatura(name: str) -> None:
    tree = load_html(f"<html><head></head><body>{MADE_UP[name]}</body></html>")
    expected = extract_author(tree)
    assert byline_guess(tree) == expected


def test_the_made_up_pages_tell_pruning_apart() -> None:
    # Not only empty answers: the pruned text is gone and the text after it joined.
    tree = load_html(f"<html><body>{MADE_UP['date inside the byline']}</body></html>")
    assert byline_guess(tree) == extract_author(tree) == "Jane Roe; Staff Writer"


@pytest.mark.skipif(DEV_PAGES is None, reason="../shared/data/html-pages-dev is not here")
def test_every_dev_page_answers_as_trafilatura() -> None:
    assert DEV_PAGES is not None
    found = 0
    for page in sorted(DEV_PAGES.glob("*.html")):
        tree = load_html(page.read_bytes())
        expected = extract_author(tree)
        assert byline_guess(tree) == expected, page.name
        found += bool(expected)
    assert found >= 40  # the comparison is not only of pages without a byline
