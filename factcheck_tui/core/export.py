"""The checked-claims CSV: one row per claim, UTF-8, RFC 4180 quoting, safe to open in a
spreadsheet, and never half-written over an earlier export.

Lists inside a cell (sources, linked reports) are one item per line.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from factcheck_tui.core.errors import FactcheckError
from factcheck_tui.core.models import STATUSES
from factcheck_tui.core.store import Store

CSV_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "article_date",
    "article_revision",
    "claim_id",
    "claim_text",
    "status",
    "note",
    "sources",
    "linked_reports",
    "checker",
    "checked_at",
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a text cell a spreadsheet would evaluate with `'`, which shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def claim_rows(
    store: Store, *, article_id: int | None = None, status: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every claim not dismissed, with its article, sources and linked reports, in order."""
    if status is not None and status not in STATUSES:
        raise FactcheckError(f"unknown status {status!r}: choose one of {', '.join(STATUSES)}")
    where = ["c.dismissed = 0"]
    params: list[Any] = []
    if article_id is not None:
        where.append("c.article_id = ?")
        params.append(article_id)
    if status is not None:
        where.append("c.status = ?")
        params.append(status)
    sql = f"""
        SELECT a.id, a.title, a.date, a.revision, c.id, c.text, c.status, c.note,
          (SELECT group_concat(line, char(10)) FROM (
              SELECT s.tier || ' ' || s.kind || ' ' || s.reference
                     || ' (consulted ' || s.consulted_on || ')' AS line
              FROM sources s WHERE s.claim_id = c.id ORDER BY s.id)),
          (SELECT group_concat(line, char(10)) FROM (
              SELECT coalesce(nullif(r.rating, ''), 'unrated') || ' ' || coalesce(
                     nullif(r.url, ''), r.external_id) AS line
              FROM claim_reports l JOIN reports r ON r.id = l.report_id
              WHERE l.claim_id = c.id ORDER BY l.linked_at)),
          c.checker, c.checked_at
        FROM claims c JOIN articles a ON a.id = c.article_id
        WHERE {" AND ".join(where)}
        ORDER BY a.id, c.start, c.position
    """
    for row in store.conn.execute(sql, params):
        values = [value if value is not None else "" for value in row]
        yield dict(zip(CSV_COLUMNS, values, strict=True))


def write_csv(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    """Write rows as CSV to an open text stream; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([neutralise(row[column]) for column in CSV_COLUMNS])
        count += 1
    return count


def write_atomically(path: Path, write: Callable[[TextIO], int]) -> int:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place.

    A failure (disk full, read-only folder, interrupted export) leaves any existing file as it
    was and no temporary file behind.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FactcheckError(f"cannot write {path}: folder {folder} does not exist")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise FactcheckError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise FactcheckError(
            f"cannot write {path}: {error.strerror or error}; any earlier file is unchanged"
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return count


def export_csv(
    store: Store,
    destination: Path | TextIO,
    *,
    article_id: int | None = None,
    status: str | None = None,
) -> int:
    """Export claims as CSV to a path (atomically) or an open stream; returns the row count."""
    rows = claim_rows(store, article_id=article_id, status=status)
    if isinstance(destination, Path):
        return write_atomically(destination, lambda out: write_csv(rows, out))
    return write_csv(rows, destination)


def default_export_name(title: str | None = None) -> str:
    """`checked-claims-<title-slug>.csv`, or `checked-claims.csv` for the whole database."""
    if not title:
        return "checked-claims.csv"
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:50]
    return f"checked-claims-{slug}.csv"
