"""The article text, one Static per paragraph, with every claim's span tinted by its status
and the selected claim highlighted. Text is shown as data (rich Text), never as markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from factcheck_tui.core.models import Claim
from factcheck_tui.tui.widgets.styles import SEARCH_HIT, SELECTED_SPAN, SPAN_TINTS, shown


def find_all(body: str, query: str) -> list[tuple[int, int]]:
    """Every case-insensitive occurrence of `query` in `body`, as (start, end)."""
    query = query.strip().lower()
    if not query:
        return []
    folded = body.lower()
    hits, index = [], folded.find(query)
    while index != -1:
        hits.append((index, index + len(query)))
        index = folded.find(query, index + 1)
    return hits


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, offsets into body."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", body, flags=re.DOTALL):
        spans.append((match.start(), match.end()))
    return spans


class Paragraph(Static):
    DEFAULT_CLASSES = "paragraph"


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article; `show()` re-tints only the paragraphs whose claims changed."""

    def __init__(self, body: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = body
        self.spans = paragraph_spans(body)
        self._rendered: list[object] = [None] * len(self.spans)

    def compose(self) -> ComposeResult:
        for start, end in self.spans:
            yield Paragraph(shown(self.body[start:end]))

    def show(
        self,
        claims: Sequence[Claim],
        selected_id: int | None,
        hits: Sequence[tuple[int, int]] = (),
        kind_of: Callable[[str], str] = str,
    ) -> None:
        """Tint each claim's span by `kind_of(status)`: its verdict's kind on the scale."""
        paragraphs = list(self.query(Paragraph))
        for index, (start, end) in enumerate(self.spans):
            inside = [c for c in claims if c.start < end and c.end > start]
            found = tuple(h for h in hits if h[0] < end and h[1] > start)
            key = (
                tuple((c.id, c.start, c.end, c.status, c.id == selected_id) for c in inside),
                found,
            )
            if self._rendered[index] == key:
                continue
            self._rendered[index] = key
            text = shown(self.body[start:end])
            for claim in inside:
                style = (
                    SELECTED_SPAN if claim.id == selected_id else SPAN_TINTS[kind_of(claim.status)]
                )
                text.stylize(style, max(claim.start, start) - start, min(claim.end, end) - start)
            for hit_start, hit_end in found:
                text.stylize(SEARCH_HIT, max(hit_start, start) - start, min(hit_end, end) - start)
            # Same text, new tints: the paragraph keeps its size, so no layout pass.
            paragraphs[index].update(text, layout=False)

    def scroll_to_claim(self, claim: Claim) -> None:
        self.scroll_to_offset(claim.start)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the paragraph holding character `offset` of the body into view."""
        for index, (start, end) in enumerate(self.spans):
            if start <= offset < end:
                paragraph = list(self.query(Paragraph))[index]
                self.scroll_to_widget(paragraph, animate=False, center=True)
                return
