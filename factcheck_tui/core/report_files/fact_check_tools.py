"""Google Fact Check Tools API `claims:search` claims: a claim with its `claimReview[]`, one
report a review.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from factcheck_tui.core.report_files.rows import (
    ReportRecord,
    RowError,
    Tally,
    field_text,
    to_record,
)


def from_fact_check_tools(item: dict[str, Any], where: str, tally: Tally) -> Iterator[ReportRecord]:
    reviews = item.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        tally.problem(where, "claim has no claimReview")
        return
    try:
        yield from _fact_check_tools_reviews(item, reviews, where, tally)
    except RecursionError:
        tally.problem(where, "nested too deeply")


def _fact_check_tools_reviews(
    item: dict[str, Any], reviews: list[Any], where: str, tally: Tally
) -> Iterator[ReportRecord]:
    base = {
        "claim_text": item.get("text"),
        "claimant": item.get("claimant"),
        "item_reviewed": json.dumps(
            {key: item[key] for key in ("claimant", "claimDate") if key in item},
            ensure_ascii=False,
            sort_keys=True,
        ),
    }
    for index, review in enumerate(reviews):
        if not isinstance(review, dict):
            tally.problem(f"{where}.claimReview[{index}]", "not an object")
            continue
        publisher = review.get("publisher")
        publisher_name = ""
        if isinstance(publisher, dict):
            publisher_name = field_text(publisher.get("name")) or field_text(publisher.get("site"))
        values = {
            **base,
            "rating": review.get("textualRating"),
            "publisher": publisher_name,
            "url": review.get("url"),
            "date": review.get("reviewDate") or item.get("claimDate"),
            "title": review.get("title"),
            "language": review.get("languageCode"),
        }
        try:
            yield to_record(values)
        except RowError as error:
            tally.problem(f"{where}.claimReview[{index}]", str(error))
