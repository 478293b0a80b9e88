"""A report as read from a file, before it is stored: the fields a file's columns (or flat
JSON keys) name, a row of them to a ReportRecord, and the tally of the rows skipped and why.
Shared by every format's reader.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from factcheck_tui.core.db.schema import REPORT_FIELDS
from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.models import Report

# At most this many problem lines are kept in a summary (the count is always exact).
MAX_PROBLEMS = 50
# A CSV field longer than this is a broken quote swallowing the file, not a claim.
MAX_FIELD_CHARS = 1_000_000

# Columns a report has besides its id: the `reports` table's, in order.
FIELDS: tuple[str, ...] = REPORT_FIELDS

# Header (or flat JSON key) → field. Keys are lower-cased with spaces and dashes as "_".
HEADER_ALIASES: dict[str, str] = {
    "claim": "claim_text",
    "claim_text": "claim_text",
    "claim_reviewed": "claim_text",
    "claimreviewed": "claim_text",
    "text": "claim_text",
    "statement": "claim_text",
    "vclaim": "claim_text",  # CLEF CheckThat! verified-claims files
    "rating": "rating",
    "verdict": "rating",
    "label": "rating",
    "textual_rating": "rating",
    "textualrating": "rating",
    "publisher": "publisher",
    "author": "publisher",
    "site": "publisher",
    "url": "url",
    "link": "url",
    "review_url": "url",
    "date": "date",
    "date_published": "date",
    "datepublished": "date",
    "review_date": "date",
    "reviewdate": "date",
    "title": "title",
    "headline": "title",
    "language": "language",
    "lang": "language",
    "language_code": "language",
    "languagecode": "language",
    "claimant": "claimant",
    "item_reviewed": "item_reviewed",
    "id": "id",
    "external_id": "id",
    "report_id": "id",
}


# One prior fact-check as read from a file, before it is stored: the one report record.
ReportRecord = Report


@dataclass
class Tally:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def problem(self, where: str, message: str) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {message}")


class RowError(ValueError):
    """A row that cannot become a report; the message says why."""


def external_id_for(given_id: str, url: str, claim_text: str, publisher: str) -> str:
    """The file's id, else the URL, else a hash of the claim text and publisher."""
    if given_id.strip():
        return given_id.strip()
    if url.strip():
        return url.strip()
    key = " ".join(claim_text.split()).casefold() + "\x1f" + " ".join(publisher.split()).casefold()
    return "sha1:" + hashlib.sha1(key.encode()).hexdigest()


def header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def to_record(values: dict[str, Any]) -> ReportRecord:
    """A ReportRecord from field → value, or RowError. Every field is stored without control
    characters (a report file is third-party data; see core/records/display.py)."""
    cleaned = {
        name: without_controls(field_text(values.get(name))).strip() for name in (*FIELDS, "id")
    }
    claim = cleaned["claim_text"]
    if not claim:
        raise RowError("no claim text")
    return ReportRecord(
        external_id=external_id_for(cleaned["id"], cleaned["url"], claim, cleaned["publisher"]),
        claim_text=claim,
        rating=cleaned["rating"],
        publisher=cleaned["publisher"],
        url=cleaned["url"],
        date=cleaned["date"],
        title=cleaned["title"],
        language=cleaned["language"],
        claimant=cleaned["claimant"],
        item_reviewed=cleaned["item_reviewed"],
    )


def field_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split()) if "\n" in value or "\r" in value else value.strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("name", "alternateName", "@id", "url"):
            if isinstance(value.get(key), str):
                return value[key].strip()
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        return ", ".join(part for part in (field_text(item) for item in value) if part)
    return str(value)
