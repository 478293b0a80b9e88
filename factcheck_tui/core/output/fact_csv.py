"""The facts CSV (`factcheck export --facts`): one row per fact, under its claim, as a
newsroom's fact-check spreadsheet keeps them ("facts left" per sentence). The same cells,
quoting and atomic write as the claims CSV (core/output/checked_csv.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from factcheck_tui.core.db import facts as facts_table
from factcheck_tui.core.db import sources as sources_table
from factcheck_tui.core.output.checked_csv import (
    claim_rows,
    write_atomically,
    write_csv,
    write_to_stream,
)
from factcheck_tui.core.output.exported_desk import ExportedDesk

FACT_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "claim_id",
    "claim_text",
    "claim_status",
    "facts_left",
    "fact_id",
    "fact",
    "kind",
    "fact_status",
    "note",
    "sources",
    "dispute",
    "revision",
    "checker",
    "checked_at",
)


def fact_rows(
    desk: ExportedDesk, *, article_id: int | None = None, status: str | None = None
) -> Iterator[dict[str, Any]]:
    """A row per fact of each exported claim (the claims CSV's choice of claims), in reading
    order; a claim without facts gives none."""
    for claim in claim_rows(desk, article_id=article_id, status=status):
        claim_id = int(claim["claim_id"])
        facts = facts_table.facts_for(desk.conn, [claim_id]).get(claim_id, [])
        sources = sources_table.sources_for(desk.conn, [claim_id]).get(claim_id, [])
        for fact in facts:
            yield {
                "article_id": claim["article_id"],
                "article_title": claim["article_title"],
                "claim_id": claim_id,
                "claim_text": claim["claim_text"],
                "claim_status": claim["status"],
                "facts_left": claim["facts_left"],
                "fact_id": fact.id,
                "fact": fact.text,
                "kind": fact.kind,
                "fact_status": fact.status,
                "note": fact.note,
                "sources": "\n".join(s.describe() for s in sources if s.fact_id == fact.id),
                "dispute": fact.dispute.describe() if fact.dispute else "",
                "revision": (
                    f"changed — was “{fact.previous_text}”" if fact.revision_state else ""
                ),
                "checker": fact.checker,
                "checked_at": fact.checked_at[:19].replace("T", " "),
            }


def export_fact_csv(
    desk: ExportedDesk,
    destination: Path | TextIO,
    *,
    article_id: int | None = None,
    status: str | None = None,
    excel: bool = False,
) -> int:
    """Write the facts CSV to a path (atomically) or a stream; returns the row count."""
    rows = fact_rows(desk, article_id=article_id, status=status)

    def write(out: TextIO) -> int:
        if excel:
            out.write("\ufeff")
        return write_csv(rows, out, columns=FACT_COLUMNS)

    if isinstance(destination, Path):
        return write_atomically(destination, write)
    return write_to_stream(destination, write)
