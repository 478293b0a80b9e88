"""One export, whatever its format: the job the CLI (`factcheck export`) and the export dialog
both run. CSV reports progress and polls for a cancel; the other formats are written at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.output.claimreview import export_claimreview
from factcheck_tui.core.output.exported_desk import ExportedDesk


@dataclass(frozen=True, slots=True)
class Exported:
    count: int
    things: str  # what was counted: "claims", or "comments" in a Word copy


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
        return Exported(export_claimreview(desk, destination, article_id=article_id), "claims")
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
