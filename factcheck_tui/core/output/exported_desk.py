"""What an export reads of a desk: its connection, checker and verdict scale, its articles
and their claims. `Store` is one; the output modules type against this, not the store, so
they stay below it.
"""

from __future__ import annotations

import sqlite3
from typing import Protocol

from factcheck_tui.core.records.models import Article, ArticleSummary, Claim
from factcheck_tui.core.records.verdicts import Scale


class ExportedDesk(Protocol):
    @property
    def conn(self) -> sqlite3.Connection: ...

    @property
    def checker(self) -> str: ...

    @property
    def scale(self) -> Scale: ...

    def list_articles(self) -> list[ArticleSummary]: ...

    def article(self, article_id: int) -> Article: ...

    def claims(self, article_id: int, *, include_dismissed: bool = False) -> list[Claim]: ...
