"""Prior fact-check reports in: read CSV, TSV, JSON Lines, ClaimReview JSON-LD and the Google
Fact Check Tools API's claims:search response (the readers are in core/report_files/formats.py),
and upsert them into the `reports` table with its search index.

Formats (detected from the extension, then confirmed by the content):

- CSV / TSV with a header row; header names are matched case-insensitively
  (claim / claim_reviewed / text → claim_text, rating / verdict / label → rating,
  publisher / author / site → publisher, url, date, title, language, id).
- JSON Lines: one object a line, each a flat record (the CSV names), a ClaimReview, or one
  `claims[]` entry of the Fact Check Tools API.
- JSON: a ClaimReview object, a list of them, a JSON-LD page with `@graph`, or a Fact Check
  Tools `claims:search` response (one report per `claimReview[]` entry). `.html` pages are
  read for their `<script type="application/ld+json">` blocks.

Each report gets a stable external id: the file's own `id` (or JSON-LD `@id`), else its URL,
else a hash of its claim text and publisher (the second and later reports of a file on one
URL, several ClaimReviews on one page, are `URL#2`, `URL#3`…). Its identity is that id within
who published it (the publisher, else the file it came from): importing the same file again
updates its reports instead of duplicating them, and another publisher's file never replaces
them. A malformed row is skipped and named by its line (or item)
number; the good rows land.

Line formats are streamed (memory stays bounded whatever the file size) and written in
batches, each batch its own short write transaction (so a long import never holds the
database lock for long and other checkers keep working). **Cancelling keeps the batches already
committed** and stops before the next one; importing the file again finishes the job, since
re-imported reports are updated, not duplicated.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from factcheck_tui.core.db import reports as reports_table
from factcheck_tui.core.db.report_identity import report_identity
from factcheck_tui.core.db.search_index import REPORTS
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.display import name_text, without_controls
from factcheck_tui.core.records.errors import FactcheckError, InputError
from factcheck_tui.core.report_files.formats import (
    FORMAT_NAMES,
    detect_format,
    open_text,
    position,
    records,
)
from factcheck_tui.core.report_files.rows import (
    FIELDS,
    ReportRecord,
    Tally,
)
from factcheck_tui.core.text.search_terms import content_stems

BATCH_SIZE = 2000

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class ReportDesk(Protocol):
    """What importing reports needs of a desk (the Store is one): its connection, and one
    write transaction at a time."""

    conn: sqlite3.Connection

    def write(self) -> AbstractContextManager[None]: ...


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What one file's import did; `problems` name the skipped rows by line or item."""

    path: Path
    format: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: tuple[str, ...] = ()
    cancelled: bool = False

    def describe(self) -> str:
        """`prior.csv (CSV): 30 imported, 2 updated, 0 unchanged, 1 skipped`."""
        text = (
            f"{self.path.name} ({FORMAT_NAMES.get(self.format, self.format)}): "
            f"{self.imported} imported, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.skipped} skipped"
        )
        return text + (" — cancelled, whole batches kept" if self.cancelled else "")

    def describe_with_problems(self, shown: int) -> str:
        """`describe()`, then the first `shown` skipped rows by line and how many more."""
        lines = [self.describe(), *(f"skipped {p}" for p in self.problems[:shown])]
        hidden = self.skipped - min(len(self.problems), shown)
        if hidden > 0:
            lines.append(f"… and {hidden} more skipped (`factcheck reports import` lists them)")
        return "\n".join(lines)


# ------------------------------------------------------------------------ public API
def import_reports(
    desk: ReportDesk,
    path: str | Path,
    *,
    on_progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Import one reports file into `desk`; returns what happened.

    `on_progress(done, total)` is called after each batch, and once at the end, with the
    bytes of the file read so far and its size. `should_cancel()` is polled between batches:
    when it returns True the import stops, keeping the batches already committed
    (`summary.cancelled`). A file that cannot be read as reports at all raises `InputError`
    with one line; so does one that turns out not to be UTF-8 part-way through, after the
    batches before the bad bytes were committed (the message says how many reports).
    """
    path = Path(path)
    fmt, encoding = detect_format(path)
    ensure_search_index(desk)
    tally = Tally()
    total = path.stat().st_size
    cancelled = False
    batch: list[ReportRecord] = []
    source = name_text(path.name)  # stored, and shown: a name is text like the rest
    try:
        with open_text(path, encoding) as handle:
            raw = handle.buffer
            for item in numbered_by_url(records(fmt, handle, path, tally)):
                batch.append(item)
                if len(batch) >= batch_size:
                    _write_batch(desk, batch, source, tally)
                    batch.clear()
                    if on_progress:
                        on_progress(min(position(raw), total), total)
                    if should_cancel and should_cancel():
                        cancelled = True
                        break
            if batch and not cancelled:
                _write_batch(desk, batch, source, tally)
    except UnicodeDecodeError:
        done = tally.imported + tally.updated + tally.unchanged
        raise InputError(
            f"{path}: not {'UTF-16' if encoding == 'utf-16' else 'UTF-8'} text part-way "
            f"through; the {done} reports before that were imported: save it as UTF-8"
        ) from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    if on_progress and not cancelled:
        on_progress(total, total)
    return ImportSummary(
        path=path,
        format=fmt,
        imported=tally.imported,
        updated=tally.updated,
        unchanged=tally.unchanged,
        skipped=tally.skipped,
        problems=tuple(tally.problems),
        cancelled=cancelled,
    )


@dataclass(slots=True)
class ReportFileImports:
    """What importing several report files did: a summary for each file read, and the one
    line of each file that could not be."""

    summaries: list[ImportSummary] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(summary.skipped for summary in self.summaries)


def import_report_files(
    desk: ReportDesk,
    names: Iterable[str | Path],
    *,
    on_imported: Callable[[ImportSummary], None] | None = None,
    on_refused: Callable[[str], None] | None = None,
    on_progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
) -> ReportFileImports:
    """Import report files one after another (`import_reports` each): a file that cannot be
    read as reports is named by its one line and the others still land. `on_imported` and
    `on_refused` hear each file as it ends; `on_progress` and `should_cancel` are the current
    file's (see `import_reports`), and a cancelled file is the last."""
    done = ReportFileImports()
    for name in names:
        if should_cancel and should_cancel():
            break
        try:
            summary = import_reports(
                desk, name, on_progress=on_progress, should_cancel=should_cancel
            )
        except FactcheckError as error:
            done.refusals.append(str(error))
            if on_refused:
                on_refused(str(error))
            continue
        done.summaries.append(summary)
        if on_imported:
            on_imported(summary)
        if summary.cancelled:
            break
    return done


def numbered_by_url(items: Iterable[ReportRecord]) -> Iterator[ReportRecord]:
    """Reports known only by their URL (no id of their own) that share it with an earlier one
    in the same file — several ClaimReviews on one page — become `URL#2`, `URL#3`…: each is a
    report of its own, and importing the page again finds each one again in its place.
    Remembers a 64-bit hash per such URL (not the URLs), so memory stays small."""
    seen: dict[int, int] = {}
    for item in items:
        if item.url and item.external_id == item.url.strip():
            key = hash(item.external_id)
            count = seen.get(key, 0) + 1
            seen[key] = count
            if count > 1:
                item = dataclasses.replace(item, external_id=f"{item.external_id}#{count}")
        yield item


def upsert_reports(
    desk: ReportDesk, records: Sequence[ReportRecord], *, source_file: str = ""
) -> tuple[int, int, int]:
    """Insert or update reports by external id in one transaction: (imported, updated,
    unchanged). For callers that build reports themselves (a dialog, a test); their fields
    are stored without control characters, as a file's are."""
    ensure_search_index(desk)
    tally = Tally()

    def cleaned(record: ReportRecord) -> ReportRecord:
        texts: dict[str, Any] = {
            name: without_controls(getattr(record, name)) for name in ("external_id", *FIELDS)
        }
        return dataclasses.replace(record, **texts)

    clean = [cleaned(record) for record in records]
    _write_batch(desk, list(numbered_by_url(clean)), name_text(source_file), tally)
    return tally.imported, tally.updated, tally.unchanged


def ensure_search_index(desk: ReportDesk) -> None:
    """Create the search index of a database made before it existed, and fill it."""
    if REPORTS.exists(desk.conn):
        return
    with desk.write():
        reports_table.rebuild_search_index(desk.conn)


def rebuild_search_index(desk: ReportDesk) -> None:
    """Rebuild the FTS index and term counts from `reports` (after edits made outside
    factcheck, e.g. with the sqlite3 shell)."""
    with desk.write():
        reports_table.rebuild_search_index(desk.conn)


def optimize_search_index(desk: ReportDesk) -> None:
    """Merge the FTS index into one segment: worth it after a large import (seconds)."""
    with desk.write():
        reports_table.optimize_search_index(desk.conn)


def search_terms(claim_text: str, title: str = "") -> str:
    """What `reports.norm_text` holds for a report: the content stems of claim and title."""
    return " ".join(content_stems(f"{claim_text}\n{title}"))


# ---------------------------------------------------------------------------- writing
def _write_batch(
    desk: ReportDesk, batch: Sequence[ReportRecord], source_file: str, tally: Tally
) -> None:
    """Upsert one batch in one transaction, keeping `report_terms` in step."""
    latest: dict[str, ReportRecord] = {}
    for record in batch:
        identity = report_identity(record.external_id, record.publisher, source_file)
        if identity in latest:
            tally.updated += 1  # the file repeats an id: the later row wins
        latest[identity] = record
    stamp = now()
    with desk.write():
        existing = reports_table.existing_reports(desk.conn, list(latest))
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        delta: Counter[str] = Counter()
        docs = 0
        term_count = 0
        for identity, record in latest.items():
            values = tuple(getattr(record, name) for name in FIELDS)
            norm = search_terms(record.claim_text, record.title)
            old = existing.get(identity)
            if old is None:
                inserts.append((identity, record.external_id, norm, *values, source_file, stamp))
                terms = norm.split()
                delta.update(set(terms))
                docs += 1
                term_count += len(terms)
                continue
            if tuple(old[2:]) == values and old[1] == norm:
                tally.unchanged += 1
                continue
            updates.append((norm, *values, source_file, stamp, old[0]))
            if old[1] != norm:
                old_terms = (old[1] or "").split()
                terms = norm.split()
                delta.subtract(set(old_terms))
                delta.update(set(terms))
                term_count += len(terms) - len(old_terms)
            tally.updated += 1
        if inserts:
            reports_table.insert_reports(desk.conn, inserts)
            tally.imported += len(inserts)
        if updates:
            reports_table.update_reports(desk.conn, updates)
        delta[" docs"] += docs
        delta[" terms"] += term_count
        REPORTS.add_counts(desk.conn, delta)
