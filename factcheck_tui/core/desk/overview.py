"""The desk overview: which articles are unchecked, in progress, done, have unverified claims,
and are ready to publish; filtered and sorted the same way in `factcheck status` and the TUI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck_tui.core.records.models import ArticleSummary

STATE_FILTERS: tuple[str, ...] = (
    "all",
    "unchecked",
    "in progress",
    "done",
    "has unverified",
    "ready",
)
SORT_KEYS: dict[str, Callable[[ArticleSummary], Any]] = {
    "date": lambda a: (a.date, a.id),
    "title": lambda a: a.title.lower(),
    "outlet": lambda a: a.outlet.lower(),
    "claims": lambda a: a.claims,
    "progress": lambda a: (a.checked / a.claims) if a.claims else -1.0,
    "unverified": lambda a: a.unverified,
    "checkers": lambda a: ", ".join(a.checkers),
    "last change": lambda a: a.last_change,
    "due": lambda a: (a.due == "", a.due),  # soonest first, then the ones with no due time
    "owner": lambda a: (a.owner == "", a.owner.lower()),
}


# Columns read alphabetically (A→Z) when first sorted by; numbers and dates newest or
# largest first.
ASCENDING_FIRST: frozenset[str] = frozenset({"title", "outlet", "checkers", "due", "owner"})


def first_direction(sort: str) -> bool:
    """`descending` for a sort just chosen: False (A→Z) for text columns, else True."""
    return sort not in ASCENDING_FIRST


@dataclass(frozen=True, slots=True)
class DeskView:
    """What the desk is looking at: a text filter, a state, a checker, an owner (`mine`:
    the articles assigned to that checker) and a sort."""

    text: str = ""
    state: str = "all"
    checker: str = ""
    owner: str = ""
    sort: str = "date"
    descending: bool = True

    def apply(self, articles: Sequence[ArticleSummary]) -> list[ArticleSummary]:
        words = self.text.lower().split()
        shown = [
            article
            for article in articles
            if all(word in f"{article.title} {article.outlet}".lower() for word in words)
            and _in_state(article, self.state)
            and (not self.checker or self.checker in article.checkers)
            and (not self.owner or article.owner == self.owner)
        ]
        return sorted(shown, key=SORT_KEYS[self.sort], reverse=self.descending)

    def describe(self) -> str:
        parts = [f"sorted by {self.sort} {'↓' if self.descending else '↑'}"]
        if self.state != "all":
            parts.append(f"state: {self.state}")
        if self.checker:
            parts.append(f"checker: {self.checker}")
        if self.owner:
            parts.append(f"assigned to {self.owner}")
        if self.text:
            parts.append(f"matching “{self.text}”")
        return " · ".join(parts)


def _in_state(article: ArticleSummary, state: str) -> bool:
    if state == "all":
        return True
    if state == "has unverified":
        return article.unverified > 0
    if state == "ready":
        return article.ready
    return article.state == state


def overview_rows(articles: Sequence[ArticleSummary]) -> list[dict[str, Any]]:
    """Plain rows for `factcheck status --json` and the shell table."""
    return [
        {
            "id": a.id,
            "date": a.date,
            "title": a.title,
            "outlet": a.outlet,
            "claims": a.claims,
            "checked": a.checked,
            "verified": a.verified,
            "unverified": a.unverified,
            "state": a.state,
            "ready": a.ready,
            "checkers": list(a.checkers),
            "last_change": a.last_change,
            "owner": a.owner,
            "due": a.due,
            "facts": a.facts,
            "facts_left": a.facts_left,
        }
        for a in articles
    ]
