"""The article text, one Static per paragraph, with every claim's span tinted by its status
and the selected claim highlighted. Text is shown as data (rich Text), never as markup."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from factcheck_tui.core.models import Claim
from factcheck_tui.tui.widgets.styles import SEARCH_HIT, SELECTED_SPAN, SPAN_TINTS


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
        self._paragraph_widgets: list[Paragraph] = []
        self._buckets: list[list[int]] = []  # per paragraph: positions of its claims
        self._hits_of: list[list[tuple[int, int]]] = []
        self._bucket_ids: tuple[int, ...] | None = None
        self._hits: tuple[tuple[int, int], ...] = ()
        self._selected_id: int | None = None
        self._starts = [start for start, _ in self.spans]
        self._ends = [end for _, end in self.spans]

    def compose(self) -> ComposeResult:
        for start, end in self.spans:
            yield Paragraph(Text(self.body[start:end]))

    def show(
        self,
        claims: Sequence[Claim],
        selected_id: int | None,
        hits: Sequence[tuple[int, int]] = (),
        kind_of: Callable[[str], str] = str,
        changed: Collection[int] | None = None,
    ) -> None:
        """Tint each claim's span by `kind_of(status)`: its verdict's kind on the scale.

        `changed` (claim ids) says only those claims changed since the last call, in the
        same list: then only their paragraphs and those of the old and new selection are
        looked at, so a mark costs the same in a long article as in a short one."""
        paragraphs = self._paragraphs()
        ids = tuple(claim.id for claim in claims)
        hits = tuple(hits)
        if ids != self._bucket_ids or hits != self._hits:
            # Claims and hits bucketed by paragraph in one pass each (not every claim
            # tested against every paragraph: 300 claims in 100 paragraphs was 30,000).
            self._buckets = [[] for _ in self.spans]
            for position, claim in enumerate(claims):
                for index in self._paragraphs_over(claim.start, claim.end):
                    self._buckets[index].append(position)
            self._hits_of = [[] for _ in self.spans]
            for hit in hits:
                for index in self._paragraphs_over(*hit):
                    self._hits_of[index].append(hit)
            self._bucket_ids, self._hits = ids, hits
            changed = None
        if changed is None:
            dirty: Iterable[int] = range(len(self.spans))
        else:
            by_id = {claim.id: claim for claim in claims}
            touched = [by_id[i] for i in {*changed, self._selected_id, selected_id} if i in by_id]
            dirty = sorted({i for c in touched for i in self._paragraphs_over(c.start, c.end)})
        self._selected_id = selected_id
        for index in dirty:
            start, end = self.spans[index]
            inside = [claims[position] for position in self._buckets[index]]
            found = tuple(self._hits_of[index])
            key = (
                tuple((c.id, c.start, c.end, c.status, c.id == selected_id) for c in inside),
                found,
            )
            if self._rendered[index] == key:
                continue
            self._rendered[index] = key
            text = Text(self.body[start:end])
            for claim in inside:
                style = (
                    SELECTED_SPAN if claim.id == selected_id else SPAN_TINTS[kind_of(claim.status)]
                )
                text.stylize(style, max(claim.start, start) - start, min(claim.end, end) - start)
            for hit_start, hit_end in found:
                text.stylize(SEARCH_HIT, max(hit_start, start) - start, min(hit_end, end) - start)
            # Same text, new tints: the paragraph keeps its size, so no layout pass.
            paragraphs[index].update(text, layout=False)

    def _paragraphs(self) -> list[Paragraph]:
        if len(self._paragraph_widgets) != len(self.spans):
            self._paragraph_widgets = list(self.query(Paragraph))
        return self._paragraph_widgets

    def _paragraphs_over(self, start: int, end: int) -> range:
        """Indices of the paragraphs that the span [start, end) overlaps."""
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end)
        return range(first, last)

    def scroll_to_claim(self, claim: Claim) -> None:
        self.scroll_to_offset(claim.start)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the paragraph holding character `offset` of the body into view."""
        for index, (start, end) in enumerate(self.spans):
            if start <= offset < end:
                paragraph = self._paragraphs()[index]
                self.scroll_to_widget(paragraph, animate=False, center=True)
                return
