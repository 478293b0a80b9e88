"""ClaimReview (schema.org JSON-LD), the format publishers use for their fact-checks: one
object a review, its rating, publisher, date and the claim's author as schema.org names them.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck_tui.core.report_files.rows import ReportRecord, field_text, to_record


def is_claim_review(item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds or "claimReviewed" in item


def from_claim_review(item: dict[str, Any]) -> ReportRecord:
    rating = item.get("reviewRating")
    rating_text = ""
    if isinstance(rating, dict):
        rating_text = field_text(rating.get("alternateName")) or field_text(rating.get("name"))
        if not rating_text and rating.get("ratingValue") is not None:
            rating_text = (
                f"{field_text(rating.get('ratingValue'))}/{field_text(rating.get('bestRating'))}"
            )
    elif rating is not None:
        rating_text = field_text(rating)
    reviewed = item.get("itemReviewed")
    claimant = ""
    if isinstance(reviewed, dict):
        claimant = field_text(reviewed.get("author"))
    values = {
        "id": item.get("@id") or item.get("identifier") or item.get("id"),
        "claim_text": item.get("claimReviewed"),
        "rating": rating_text,
        "publisher": item.get("author") or item.get("publisher"),
        "url": item.get("url"),
        "date": item.get("datePublished") or item.get("dateCreated"),
        "title": item.get("name") or item.get("headline"),
        "language": item.get("inLanguage"),
        "claimant": claimant,
        "item_reviewed": (
            json.dumps(reviewed, ensure_ascii=False, sort_keys=True)
            if isinstance(reviewed, dict | list)
            else reviewed
        ),
    }
    return to_record(values)
