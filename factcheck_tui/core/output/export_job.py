"""One export, whatever its format: the job the CLI (`factcheck export`) and the export dialog
both run. CSV and the spreadsheet report progress and poll for a cancel; the other formats
are written at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from factcheck_tui.core.output.checked_csv import claim_rows, count_claims, export_csv
from factcheck_tui.core.output.claimreview import export_claimreview
from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.models import Organisation


@dataclass(frozen=True, slots=True)
class Exported:
    count: int
    things: str  # what was counted: "claims", or "comments" in a Word copy
    # What the file lacks that its reader wants, one line each (ClaimReview without a url).
    warnings: tuple[str, ...] = ()

    @property
    def counted(self) -> str:
        """'1 claim', '2 claims', '1 comment': the count with its noun, for the one line."""
        return f"{self.count} {self.things.removesuffix('s') if self.count == 1 else self.things}"


def export_checks(
    desk: ExportedDesk,
    destination: Path | TextIO,
    fmt: str,
    *,
    article_id: int | None = None,
    status: str | None = None,
    include_dismissed: bool = False,
    excel: bool = False,
    include_unchecked: bool = False,
    original: bytes | None = None,
    organisation: Organisation | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> Exported:
    """Write `fmt` (a key of checked_csv.EXTENSIONS: "docx-all" is the Word copy with the
    unchecked claims commented too) to a path (atomically) or a stream. The options of one
    format are ignored by the others."""
    if fmt in ("docx", "docx-all"):
        from factcheck_tui.core.output.word_copy import export_docx  # python-docx: slow import

        comments = export_docx(
            desk,
            destination,
            article_id=article_id,
            include_unchecked=include_unchecked or fmt == "docx-all",
            original=original,
        )
        return Exported(comments, "comments")
    if fmt == "html":
        from factcheck_tui.core.output.html_report import export_html

        return Exported(export_html(desk, destination, article_id=article_id), "claims")
    if fmt == "claimreview":
        found = export_claimreview(
            desk, destination, article_id=article_id, organisation=organisation
        )
        return Exported(len(found.reviews), "claims", found.warnings)
    if fmt in ("xlsx", "xlsx-facts"):
        return _export_xlsx(
            desk,
            destination,
            fmt,
            article_id=article_id,
            status=status,
            include_dismissed=include_dismissed,
            on_progress=on_progress,
            should_cancel=should_cancel,
        )
    if fmt == "csv-facts":
        from factcheck_tui.core.output.fact_csv import export_fact_csv

        facts = export_fact_csv(
            desk, destination, article_id=article_id, status=status, excel=excel
        )
        return Exported(facts, "facts")
    count = export_csv(
        desk,
        destination,
        article_id=article_id,
        status=status,
        include_dismissed=include_dismissed,
        excel=excel,
        on_progress=on_progress,
        should_cancel=should_cancel,
    )
    return Exported(count, "claims")


def _export_xlsx(
    desk: ExportedDesk,
    destination: Path | TextIO,
    fmt: str,
    *,
    article_id: int | None,
    status: str | None,
    include_dismissed: bool,
    on_progress: Callable[[int, int], None] | None,
    should_cancel: Callable[[], bool] | None,
) -> Exported:
    """The CSV's rows (claims, or with "xlsx-facts" facts) as a spreadsheet."""
    from factcheck_tui.core.output.checked_csv import CSV_COLUMNS
    from factcheck_tui.core.output.fact_csv import FACT_COLUMNS, fact_rows
    from factcheck_tui.core.output.spreadsheet import CUT_MARK, export_sheet

    facts = fmt == "xlsx-facts"
    if facts:
        rows = fact_rows(desk, article_id=article_id, status=status)
    else:
        rows = claim_rows(
            desk, article_id=article_id, status=status, include_dismissed=include_dismissed
        )
    progress = None
    if on_progress is not None and not facts:
        total = count_claims(desk, article_id=article_id, include_dismissed=include_dismissed)
        progress = lambda done: on_progress(done, total)  # noqa: E731
    written = export_sheet(
        rows,
        destination,
        FACT_COLUMNS if facts else CSV_COLUMNS,
        sheet_name="facts" if facts else "claims",
        progress=progress,
        should_cancel=should_cancel,
    )
    warnings: tuple[str, ...] = ()
    if written.cut_cells:
        warnings = (
            f"{written.cut_cells} cells held more than a spreadsheet cell can (32,767 "
            f"characters) and end with “{CUT_MARK.strip()}”",
        )
    return Exported(written.rows, "facts" if facts else "claims", warnings)
