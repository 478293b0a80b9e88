"""The article text, with every claim's span tinted by its status and the selected claim
highlighted. Text is shown as data (rich Text), never as markup.

One widget drawing lines (Textual's line API, like its Log), not one Static per paragraph:
re-tinting a claim repaints that paragraph's lines only, and a repaint of the screen around
it does not walk a hundred paragraph widgets (the mark's cost at a 300-claim article)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Sequence

from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factcheck_tui.core.records.models import Claim
from factcheck_tui.tui.widgets.styles import (
    FACT_SPANS,
    SEARCH_HIT,
    SELECTED_SPAN,
    SPAN_TINTS,
    shown,
)


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


PARAGRAPH_GAP = 1  # blank lines between paragraphs


def line_count(plain: str, width: int) -> int:
    """Lines `plain` wraps to at `width`, as rich wraps text (words, long words folded)."""
    from rich._wrap import divide_line

    return sum(len(divide_line(line, width, fold=True)) + 1 for line in plain.split("\n"))


def _galley(claim: Claim) -> tuple[tuple[int, int, str], ...]:
    """(start, end, status) of the claim's facts in the text: the desk's galley marks."""
    return tuple((f.start, f.end, f.status) for f in claim.facts if f.start < f.end)


class ArticleView(ScrollView, can_focus=True):
    """Scrollable article; `show()` re-tints only the paragraphs whose claims changed."""

    def __init__(self, body: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = body
        self.spans = paragraph_spans(body)
        self._texts = [shown(body[start:end]) for start, end in self.spans]
        self._rendered: list[object] = [None] * len(self.spans)
        self._buckets: list[list[int]] = []  # per paragraph: positions of its claims
        self._hits_of: list[list[tuple[int, int]]] = []
        self._bucket_ids: tuple[int, ...] | None = None
        self._hits: tuple[tuple[int, int], ...] = ()
        self._selected_id: int | None = None
        self._starts = [start for start, _ in self.spans]
        self._ends = [end for _, end in self.spans]
        # Wrapped at self._width: each paragraph's lines, its first line, and per screen
        # line (paragraph, line within it), None for the gap between paragraphs.
        self._width = 0
        self._counts: list[int] = []
        self._strips: list[list[Strip] | None] = []
        self._styled: dict[tuple[int, int], Strip] = {}  # drawn lines, the widget's colours on
        self._first_line: list[int] = []
        self._lines: list[tuple[int, int] | None] = []

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
                tuple(
                    (c.id, c.start, c.end, c.status, c.id == selected_id, _galley(c))
                    for c in inside
                ),
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
                for fact_start, fact_end, status in _galley(claim):
                    text.stylize(
                        FACT_SPANS[status],
                        max(fact_start, start) - start,
                        min(fact_end, end) - start,
                    )
            for hit_start, hit_end in found:
                text.stylize(SEARCH_HIT, max(hit_start, start) - start, min(hit_end, end) - start)
            self._set_paragraph(index, text)

    # ----------------------------------------------------------- line drawing
    # A paragraph's lines are wrapped only when first drawn (a long article opens without
    # rendering paragraphs nobody has scrolled to); its line count, needed for the scroll
    # range, is computed from the plain text at each width, which is much cheaper.
    def _wrap(self, text: Text, width: int) -> list[Strip]:
        console = self.app.console
        options = console.options.update_width(width)
        return [
            Strip(line) for line in console.render_lines(text, options, pad=False, new_lines=False)
        ]

    def _layout_lines(self) -> None:
        width = max(self.scrollable_content_region.width, 1)
        self._width = width
        self._counts = [line_count(text.plain, width) for text in self._texts]
        self._strips = [None] * len(self._texts)
        self._styled.clear()
        self._map_lines()

    def _map_lines(self) -> None:
        self._first_line, self._lines = [], []
        for index, count in enumerate(self._counts):
            if index:
                self._lines.extend([None] * PARAGRAPH_GAP)
            self._first_line.append(len(self._lines))
            self._lines.extend((index, line) for line in range(count))
        self.virtual_size = Size(self._width, len(self._lines))
        self.refresh()

    def _paragraph_strips(self, index: int) -> list[Strip]:
        strips = self._strips[index]
        if strips is None:
            strips = self._strips[index] = self._wrap(self._texts[index], self._width)
            if len(strips) != self._counts[index]:  # the plain count missed a wrap rule
                self._counts[index] = len(strips)
                self._map_lines()
        return strips

    def _set_paragraph(self, index: int, text: Text) -> None:
        self._texts[index] = text
        if not self._width:
            return  # drawn at the first layout
        self._strips[index] = None  # same text, new tints: the same lines, wrapped anew
        for line in range(self._counts[index]):
            self._styled.pop((index, line), None)
        self.refresh_lines(self._first_line[index], self._counts[index])

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._layout_lines()

    def on_mount(self) -> None:
        self._layout_lines()

    def notify_style_update(self) -> None:
        # A theme or focus change: the widget's colours change, the lines do not.
        super().notify_style_update()
        self._styled.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        style = self.rich_style
        number = scroll_y + y
        where = self._lines[number] if 0 <= number < len(self._lines) else None
        if where is None:
            return Strip.blank(width, style)
        strip = self._styled.get(where)
        if strip is None:
            paragraph, line = where
            strips = self._paragraph_strips(paragraph)
            if line >= len(strips):
                return Strip.blank(width, style)
            strip = strips[line].apply_style(style).extend_cell_length(self._width, style)
            self._styled[where] = strip
        if scroll_x or strip.cell_length != width:
            strip = strip.crop_extend(scroll_x, scroll_x + width, style)
        return strip

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
                if not self._width:
                    self.call_after_refresh(self.scroll_to_offset, offset)
                    return
                region = Region(0, self._first_line[index], 1, self._counts[index])
                self.scroll_to_region(region, animate=False, center=True, force=True)
                return
