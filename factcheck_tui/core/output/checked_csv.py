"""The checked-claims CSV: one row per claim, UTF-8, RFC 4180 quoting, safe to open in a
spreadsheet, and never half-written over an earlier export.

Lists inside a cell (sources, linked reports) are one item per line.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from factcheck_tui.core.db import exports as export_queries
from factcheck_tui.core.db import facts as facts_table
from factcheck_tui.core.output.exported_desk import ExportedDesk
from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.records.models import Fact
from factcheck_tui.core.records.verdicts import UNCHECKED

CSV_COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "article_date",
    "article_revision",
    "article_url",
    "article_outlet",
    "claim_id",
    "claim_text",
    "reworded",
    "status",
    "dismissed",
    "suggested_correction",
    "note",
    "sources",
    "linked_reports",
    "checker",
    "checked_at",
    # Issue #21: each fact with its status (`54 people: verified; 26 …: unverified`), how many
    # are unchecked, and a dispute of the claim with the editor's call.
    "facts",
    "facts_left",
    "dispute",
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CHECKED = "checked"  # the --status that selects every claim with a verdict
# A spreadsheet set to another separator (`;` in most of Europe, `,` or tab elsewhere) does
# not see our quoting: it starts a new cell after each of its separators and a new row after
# each line break, inside our cells too. One of those straight before a trigger (or before a
# quote and a trigger) would start a formula cell there.
_INNER_FORMULA = re.compile(r"([,;\t\r\n])(?=\"?[=+\-@\t\r])")
# A control character (what without_controls drops, carriage return kept) or an inner formula.
_NEEDS_REWRITE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[,;\t\r\n]\"?[=+\-@\t\r]")


def neutralise(value: Any) -> Any:
    """A text cell as it is written: without control characters (tab, newline and carriage
    return kept), prefixed with `'` when a spreadsheet would evaluate it, and with `'` after
    every `,`, `;`, tab or line break that a spreadsheet using another separator would start
    a formula cell at (`a;=HYPERLINK(…)` becomes `a;'=HYPERLINK(…)`). The writer also quotes
    every text cell, so the cell stays one cell for a reader using `,` (see write_csv)."""
    if not isinstance(value, str) or not value:
        return value
    # Most cells need neither rewrite: one scan finds out (an export of 100,000 claims runs
    # this on 1.7 million cells).
    if _NEEDS_REWRITE.search(value) is not None:
        value = _INNER_FORMULA.sub(r"\1'", without_controls(value, keep_cr=True))
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def claim_rows(
    desk: ExportedDesk,
    *,
    article_id: int | None = None,
    status: str | None = None,
    include_dismissed: bool = False,
) -> Iterator[dict[str, Any]]:
    """Every claim not dismissed (with `include_dismissed`, those too, `dismissed` = yes),
    with its article, sources and linked reports, in order.

    `status` is a verdict of the desk's scale, or `checked` for every claim with a verdict.
    It is checked here, before anything is read or written, so a bad one never leaves a
    header-only file or stream behind."""
    if status is not None and status != CHECKED and status not in desk.scale.by_id:
        raise FactcheckError(
            f"unknown status {status!r}: choose one of {', '.join(desk.scale.by_id)}, "
            f"or {CHECKED} (any verdict)"
        )
    return _claim_rows(desk, article_id, status, include_dismissed)


def _claim_rows(
    desk: ExportedDesk, article_id: int | None, status: str | None, include_dismissed: bool
) -> Iterator[dict[str, Any]]:
    # Shown claims of each article's latest revision (an --article id of an older revision
    # still exports that revision).
    rows = export_queries.csv_rows(
        desk.conn,
        article_id=article_id,
        status=None if status == CHECKED else status,
        any_verdict_but=UNCHECKED if status == CHECKED else None,
        include_dismissed=include_dismissed,
    )
    for batch in _batches(rows, 500):
        facts = facts_table.facts_for(desk.conn, [row[6] for row in batch])
        disputes = facts_table.claim_disputes(desk.conn, [row[6] for row in batch])
        for row in batch:
            values = [value if value is not None else "" for value in row]
            own = facts.get(row[6], [])
            dispute = disputes.get(row[6])
            values += [
                "; ".join(fact_line(fact) for fact in own),
                sum(1 for fact in own if not fact.checked) if own else "",
                dispute.describe() if dispute else "",
            ]
            yield dict(zip(CSV_COLUMNS, values, strict=True))


def fact_line(fact: Fact) -> str:
    """`54 people: verified`, with a fact's dispute and the editor's call when it has one."""
    line = fact.describe()
    if fact.dispute is not None:
        line += f" ({fact.dispute.describe()})"
    return line


def _batches(rows: Iterator[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ExportCancelled(FactcheckError):
    """The checker cancelled a long export; no file was written."""


PROGRESS_EVERY = 1000


def write_csv(
    rows: Iterator[dict[str, Any]],
    out: TextIO,
    *,
    columns: tuple[str, ...] = CSV_COLUMNS,
    progress: Callable[[int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Write rows (of `columns`, the claims' by default) as CSV to an open text stream;
    returns the number of rows.

    Every PROGRESS_EVERY rows `progress(rows_written)` is called and `should_cancel()`
    polled; a cancel raises ExportCancelled (the atomic writer then leaves no file)."""
    csv.writer(out, lineterminator="\r\n").writerow(columns)
    # Every text cell quoted (OWASP): a `;` or `,` inside a cell never splits it for a reader
    # using that separator; numbers (ids, revisions) stay bare.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    count = 0
    for row in rows:
        writer.writerow([neutralise(row[column]) for column in columns])
        count += 1
        if count % PROGRESS_EVERY == 0:
            if should_cancel is not None and should_cancel():
                raise ExportCancelled("export cancelled; no file was written")
            if progress is not None:
                progress(count)
    return count


def write_atomically(path: Path, write: Callable[[TextIO], int]) -> int:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place.

    A failure (disk full, read-only folder, interrupted export) leaves any existing file as it
    was and no temporary file behind. The new file gets the mode of the file it replaces, else
    the usual one for a new file (0666 less the umask). A path naming a pipe, terminal or
    device (`/dev/stdout`, a FIFO) is written straight into: renaming over it would replace
    the device itself. A symbolic link to a file keeps being a link; its target is replaced.
    A SQLite database (a desk, `-o desk.db` for `--db desk.db`) or one of its -wal, -shm or
    -journal files is never replaced.
    """
    path = Path(path)
    if path.is_dir():
        raise FactcheckError(f"cannot write {path}: it is a folder")
    if path.exists() and not path.is_file():
        return _write_in_place(path, write)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    _refuse_database(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        why = "is a file, not a folder" if folder.exists() else "does not exist"
        raise FactcheckError(f"cannot write {path}: folder {folder} {why}")
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        handle, temp_name = _create_temp(folder, path.name)
        if mode is not None:
            os.fchmod(handle, mode)
    except OSError as error:
        raise FactcheckError(f"cannot write {path}: {error.strerror or error}") from None
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


SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _refuse_database(path: Path) -> None:
    """Refuse to replace a SQLite database or one of its side files with an export.

    A database in use has -wal and -shm files beside it, and is recognised by those without
    being opened: opening and closing a database file this process has a SQLite connection
    to would drop that connection's locks. Only a file with no side files is read, for its
    16-byte header.
    """
    name = str(path)
    for suffix in SQLITE_SIDE_FILES:
        base = Path(name[: -len(suffix)])
        if name.endswith(suffix) and base.is_file():
            raise FactcheckError(
                f"cannot write {path}: it belongs to the database {base}; choose another name"
            )
    if not path.is_file():
        return
    database = any(Path(name + suffix).exists() for suffix in ("-wal", "-shm"))
    if not database:
        try:
            with path.open("rb") as handle:
                database = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        except OSError:
            return  # unreadable: the write itself will say why
    if database:
        raise FactcheckError(
            f"cannot write {path}: it is a SQLite database (a desk?), not an export; "
            "choose another name"
        )


def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new hidden file beside the target, created with mode 0666 so the umask applies
    (`tempfile.mkstemp` makes 0600 files, which an editor on another account cannot open)."""
    for _ in range(100):
        temp_name = str(folder / f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temp_name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _write_in_place(path: Path, write: Callable[[TextIO], int]) -> int:
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            return write(out)
    except OSError as error:
        raise FactcheckError(f"cannot write {path}: {error.strerror or error}") from None


def write_to_stream(out: TextIO, write: Callable[[TextIO], int]) -> int:
    """Write to an open stream (standard output) and flush it; a failed write (a full disk
    behind a redirect) is one FactcheckError. A reader that left (`| head`) is not an error
    here: BrokenPipeError goes on to the caller."""
    try:
        count = write(out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        name = getattr(out, "name", "the output")
        raise FactcheckError(f"cannot write to {name}: {error.strerror or error}") from None
    return count


def export_csv(
    desk: ExportedDesk,
    destination: Path | TextIO,
    *,
    article_id: int | None = None,
    status: str | None = None,
    include_dismissed: bool = False,
    excel: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Export claims as CSV to a path (atomically) or an open stream; returns the row count.

    `excel` starts the file with a UTF-8 byte order mark, which Excel needs to read it as
    UTF-8 rather than the local code page. `on_progress(done, total)` and `should_cancel()`
    serve a progress bar that Escape cancels (see write_csv)."""
    rows = claim_rows(
        desk, article_id=article_id, status=status, include_dismissed=include_dismissed
    )
    progress = None
    if on_progress is not None:
        total = count_claims(desk, article_id=article_id, include_dismissed=include_dismissed)
        progress = lambda done: on_progress(done, total)  # noqa: E731

    def write(out: TextIO) -> int:
        if excel:
            out.write("\ufeff")
        return write_csv(rows, out, progress=progress, should_cancel=should_cancel)

    if isinstance(destination, Path):
        return write_atomically(destination, write)
    return write_to_stream(destination, write)


def count_claims(
    desk: ExportedDesk, *, article_id: int | None = None, include_dismissed: bool = False
) -> int:
    """How many rows an export will write (for its progress bar)."""
    return export_queries.count_shown_claims(
        desk.conn, article_id=article_id, include_dismissed=include_dismissed
    )


EXTENSIONS = {
    "csv": "csv",
    "csv-facts": "csv",  # one row per fact (core/output/fact_csv.py)
    "xlsx": "xlsx",  # the CSV's rows as a spreadsheet (core/output/spreadsheet.py)
    "xlsx-facts": "xlsx",
    "claimreview": "json",
    "docx": "docx",
    "docx-all": "docx",  # the Word copy with unchecked claims commented too
    "html": "html",
}
SLUG_AT_MOST = 50


def default_export_name(title: str | None = None, fmt: str = "csv") -> str:
    """`checked-claims-<title-slug>.csv` (or .json, .docx, .html, .xlsx for the other
    formats), or `checked-claims.csv` for the whole database. The slug ends at a whole word
    within SLUG_AT_MOST characters (a first word longer than that is cut)."""
    extension = EXTENSIONS[fmt]
    stem = "checked-facts" if fmt.endswith("-facts") else "checked-claims"
    if not title:
        return f"{stem}.{extension}"
    words = "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()
    slug = words[0][:SLUG_AT_MOST] if words else ""
    for word in words[1:]:
        if len(slug) + 1 + len(word) > SLUG_AT_MOST:
            break
        slug += "-" + word
    return f"{stem}-{slug}.{extension}" if slug else f"{stem}.{extension}"
