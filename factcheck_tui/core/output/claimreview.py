"""Checked claims as schema.org ClaimReview JSON-LD, the format publishers already use.

One ClaimReview per checked claim (open verdicts are left out): `claimReviewed` is the claim,
`reviewRating` the verdict on the desk's scale (ratingValue/bestRating/worstRating where the
scale has numbers; `alternateName` the verdict's label, or the note with the conclusion
scale), `itemReviewed` the article the claim appeared in, `author` the checker, and
`isBasedOn` the prior fact-checks linked to it. A suggested correction goes where schema.org
has a place for it: `correction` (a CorrectionComment) on the article in `itemReviewed`'s
appearance, and as the last paragraph of `reviewBody` for readers of the text alone. Written
atomically like the CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from factcheck_tui.core.db import exports as export_queries
from factcheck_tui.core.output.checked_csv import write_atomically
from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.display import json_text


def claim_reviews(desk: ExportedDesk, *, article_id: int | None = None) -> list[dict[str, Any]]:
    rows = export_queries.review_rows(desk.conn, article_id=article_id)
    reviews = []
    for claim_id, text, status, note, checker, checked_at, title, date, url, outlet, fix in rows:
        if desk.scale.verdict(status).kind == "open":
            continue
        conclusion = note if desk.scale.name == "conclusion" else ""
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": title}
        if url:
            appearance["url"] = url
        if date:
            appearance["datePublished"] = date
        if outlet:
            appearance["publisher"] = {"@type": "Organization", "name": outlet}
        if fix:
            # schema.org CreativeWork.correction: a correction to the article the claim is in.
            appearance["correction"] = {"@type": "CorrectionComment", "text": fix}
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": f"factcheck-claim-{claim_id}",
            "claimReviewed": text,
            "datePublished": (checked_at or "")[:10],
            "author": {"@type": "Person", "name": checker or desk.checker},
            "reviewRating": desk.scale.claimreview_rating(status, conclusion),
            "itemReviewed": {"@type": "Claim", "appearance": [appearance]},
        }
        body = [note] if note and not conclusion else []
        if fix:
            body.append(f"Suggested correction: {fix}")
        if body:
            review["reviewBody"] = "\n\n".join(body)
        linked = export_queries.linked_report_addresses(desk.conn, claim_id)
        if linked:
            review["isBasedOn"] = [report_url or external for report_url, external in linked]
        reviews.append(review)
    return reviews


def export_claimreview(
    desk: ExportedDesk, destination: Path | TextIO, *, article_id: int | None = None
) -> int:
    """Write the ClaimReview list as JSON to a path (atomically) or a stream; returns count."""
    reviews = claim_reviews(desk, article_id=article_id)

    def write(out: TextIO) -> int:
        out.write(json_text(reviews, indent=2) + "\n")  # C1 and bidi escaped too
        return len(reviews)

    if isinstance(destination, Path):
        return write_atomically(destination, write)
    return write(destination)
