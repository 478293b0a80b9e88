"""The article text, one Static per paragraph, with every claim's span tinted by its status
and the selected claim highlighted. Text is shown as data (rich Text), never as markup."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from factcheck_tui.core.models import Claim
from factcheck_tui.tui.widgets.styles import SELECTED_SPAN, SPAN_TINTS


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
        self._rendered: list[tuple[object, ...] | None] = [None] * len(self.spans)

    def compose(self) -> ComposeResult:
        for start, end in self.spans:
            yield Paragraph(Text(self.body[start:end]))

    def show(self, claims: Sequence[Claim], selected_id: int | None) -> None:
        paragraphs = list(self.query(Paragraph))
        for index, (start, end) in enumerate(self.spans):
            inside = [c for c in claims if c.start < end and c.end > start]
            key = tuple((c.id, c.start, c.end, c.status, c.id == selected_id) for c in inside)
            if self._rendered[index] == key:
                continue
            self._rendered[index] = key
            text = Text(self.body[start:end])
            for claim in inside:
                style = SELECTED_SPAN if claim.id == selected_id else SPAN_TINTS[claim.status]
                text.stylize(style, max(claim.start, start) - start, min(claim.end, end) - start)
            paragraphs[index].update(text)

    def scroll_to_claim(self, claim: Claim) -> None:
        for index, (start, end) in enumerate(self.spans):
            if start <= claim.start < end:
                paragraph = list(self.query(Paragraph))[index]
                self.scroll_to_widget(paragraph, animate=False, center=True)
                return
