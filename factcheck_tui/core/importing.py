"""Turn parsed articles into stored articles with their extracted claims."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck_tui.core.ingest import ParsedArticle
from factcheck_tui.core.store import Store


@dataclass(frozen=True, slots=True)
class ImportResult:
    article_id: int
    title: str
    created: bool
    claims: int


def import_article(store: Store, article: ParsedArticle) -> ImportResult:
    """Extract the article's claims and store both; an article already stored is not duplicated."""
    from factcheck_tui.core.extract import extract_claims

    claims = [
        {
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "score": claim.score,
            "reasons": claim.reasons,
        }
        for claim in extract_claims(article.body)
    ]
    article_id, created = store.add_article(
        title=article.title,
        body=article.body,
        date=article.date,
        url=article.url,
        outlet=article.outlet,
        fmt=article.fmt,
        source_name=article.source_name,
        claims=claims,
    )
    stored_claims = len(claims) if created else store.progress(article_id).total
    return ImportResult(article_id, article.title, created, stored_claims)
