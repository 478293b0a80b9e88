"""HTML pages of reports: the ClaimReviews in a page's JSON-LD blocks (core/text/json_ld.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.claim_review import is_claim_review
from factcheck_tui.core.report_files.json_reports import from_item, parsed, top_level_items
from factcheck_tui.core.report_files.rows import ReportRecord, Tally
from factcheck_tui.core.text.json_ld import script_blocks


def html_page_records(text: str, path: Path, tally: Tally) -> Iterator[ReportRecord]:
    found = False
    for number, block in enumerate(script_blocks(text), start=1):
        for document in parsed(block, f"JSON-LD block {number}", tally, with_column=False):
            items, label = top_level_items(document)
            for index, item in enumerate(items or []):
                if is_claim_review(item):
                    found = True
                    where = f"JSON-LD block {number} {label}[{index}]"
                    yield from from_item(item, where, tally)
    if not found and not tally.skipped:
        raise InputError(f"{path}: no ClaimReview JSON-LD in the page")
