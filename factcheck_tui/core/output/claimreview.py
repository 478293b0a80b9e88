"""Checked claims as schema.org ClaimReview JSON-LD, the format publishers already use, with
what Google's ClaimReview guidelines require (`claimReviewed`, `reviewRating` with its
`alternateName`, and `url`) and recommend (`author`, `datePublished`, `itemReviewed` with the
claim's `appearance`, and the rating's name and numbers where the scale has them).

One ClaimReview per checked claim (open verdicts are left out): `claimReviewed` is the claim,
`reviewRating` the verdict on the desk's scale (ratingValue/bestRating/worstRating where the
scale has numbers; `alternateName` and `name` the verdict's label, or the note with the
conclusion scale), `url` the page where the desk's own fact-check of the article is published
(the article's published URL, `factcheck article edit ID --published-url URL`; every review
of an article shares it, as the reviews of one page do), `author` the desk's organisation
(the config's `[organisation]`: name, url, logo; without one, the checker), `itemReviewed`
the claim with the article it appeared in, and `isBasedOn` the prior fact-checks linked to
it. A suggested correction goes where schema.org has a place for it: `correction` (a
CorrectionComment) on the article in `itemReviewed`'s appearance, and as the last paragraph
of `reviewBody` for readers of the text alone. Written atomically like the CSV.

The export writes even when something Google wants is missing, and says so in one line each
(`ReviewList.warnings`): the reviews without a `url`, and an author that is not the
organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from factcheck_tui.core.db import exports as export_queries
from factcheck_tui.core.output.checked_csv import write_atomically
from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.display import json_text
from factcheck_tui.core.records.models import Organisation, counted


@dataclass(frozen=True, slots=True)
class ReviewList:
    reviews: list[dict[str, Any]]
    warnings: tuple[str, ...]  # one line each: what Google asks for that is missing


def claim_reviews(
    desk: ExportedDesk,
    *,
    article_id: int | None = None,
    organisation: Organisation | None = None,
) -> ReviewList:
    organisation = organisation or Organisation()
    rows = export_queries.review_rows(desk.conn, article_id=article_id)
    reviews = []
    without_url: dict[int, int] = {}  # article id: its reviews that have no url
    for row in rows:
        claim_id, text, status, note, checker, checked_at, title, date, url, outlet, fix = row[:11]
        owner_id, published_url = row[11], row[12]
        if desk.scale.verdict(status).kind == "open":
            continue
        conclusion = note if desk.scale.name == "conclusion" else ""
        rating = desk.scale.claimreview_rating(status, conclusion)
        rating["name"] = rating["alternateName"]  # Google recommends both; one label here
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": f"factcheck-claim-{claim_id}",
        }
        if published_url:
            review["url"] = published_url
        else:
            without_url[owner_id] = without_url.get(owner_id, 0) + 1
        review |= {
            "claimReviewed": text,
            "datePublished": (checked_at or "")[:10],
            "author": _author(organisation, checker or desk.checker),
            "reviewRating": rating,
            "itemReviewed": _claim(title, date, url, outlet, fix),
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
    return ReviewList(reviews, _warnings(without_url, organisation, bool(reviews)))


def _author(organisation: Organisation, checker: str) -> dict[str, Any]:
    """The organisation that publishes the check (Google: the publisher of the fact-check),
    else the checker as a Person."""
    if not organisation.name:
        return {"@type": "Person", "name": checker}
    author: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
    if organisation.url:
        author["url"] = organisation.url
    if organisation.logo:
        # schema.org's Organization.logo; Google's fact-check tools read author.image.
        author["logo"] = organisation.logo
        author["image"] = organisation.logo
    return author


def _claim(title: str, date: str, url: str, outlet: str, fix: str) -> dict[str, Any]:
    """The claim reviewed, with the article it appears in."""
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
    claim: dict[str, Any] = {"@type": "Claim", "appearance": [appearance]}
    if date:
        claim["datePublished"] = date  # when it entered public discourse, as far as we know
    return claim


def _warnings(
    without_url: dict[int, int], organisation: Organisation, any_review: bool
) -> tuple[str, ...]:
    lines = []
    if without_url:
        count = sum(without_url.values())
        ids = ", ".join(f"#{article}" for article in sorted(without_url)[:5])
        if len(without_url) > 5:
            ids += f" and {len(without_url) - 5} more"
        which = f"article {ids} has" if len(without_url) == 1 else f"articles {ids} have"
        lines.append(
            f"{counted(count, 'review')} without the url Google requires ({which} no "
            "published URL): set it with `factcheck article edit ID --published-url URL` "
            "or M in the article list"
        )
    if any_review and not organisation.name:
        lines.append(
            "author is each review's checker: name the organisation that publishes the "
            "checks in the config's [organisation] (name, url, logo), as Google recommends"
        )
    return tuple(lines)


def export_claimreview(
    desk: ExportedDesk,
    destination: Path | TextIO,
    *,
    article_id: int | None = None,
    organisation: Organisation | None = None,
) -> ReviewList:
    """Write the ClaimReview list as JSON to a path (atomically) or a stream; returns it
    with its warnings."""
    found = claim_reviews(desk, article_id=article_id, organisation=organisation)

    def write(out: TextIO) -> int:
        out.write(json_text(found.reviews, indent=2) + "\n")  # C1 and bidi escaped too
        return len(found.reviews)

    if isinstance(destination, Path):
        write_atomically(destination, write)
    else:
        write(destination)
    return found
