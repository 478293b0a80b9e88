"""Prior fact-check reports in: read CSV, TSV, JSON Lines, ClaimReview JSON-LD and the Google
Fact Check Tools API's claims:search response, and upsert them into the `reports` table.

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
else a hash of its claim text and publisher; importing the same file again updates the reports
instead of duplicating them. A malformed row is skipped and named by its line (or item)
number; the good rows land.

Line formats are streamed (memory stays bounded whatever the file size) and written in
batches, each batch its own short write transaction (so a long import never holds the
database lock for long and other checkers keep working). **Cancelling keeps the batches already
committed** and stops before the next one; importing the file again finishes the job, since
re-imported reports are updated, not duplicated.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from factcheck_tui.core.errors import InputError
from factcheck_tui.core.normalize import content_stems
from factcheck_tui.core.schema import create_report_search
from factcheck_tui.core.store import Store, now

BATCH_SIZE = 2000
# At most this many problem lines are kept in a summary (the count is always exact).
MAX_PROBLEMS = 50
# A CSV field longer than this is a broken quote swallowing the file, not a claim.
MAX_FIELD_CHARS = 1_000_000
SNIFF_BYTES = 64 * 1024

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

# Columns a report has besides its id: the `reports` table's, in order.
FIELDS: tuple[str, ...] = (
    "claim_text",
    "rating",
    "publisher",
    "url",
    "date",
    "title",
    "language",
    "claimant",
    "item_reviewed",
)

# Header (or flat JSON key) → field. Keys are lower-cased with spaces and dashes as "_".
HEADER_ALIASES: dict[str, str] = {
    "claim": "claim_text",
    "claim_text": "claim_text",
    "claim_reviewed": "claim_text",
    "claimreviewed": "claim_text",
    "text": "claim_text",
    "statement": "claim_text",
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

FORMAT_NAMES = {
    "csv": "CSV",
    "tsv": "TSV",
    "jsonl": "JSON Lines",
    "json": "JSON",
    "html": "HTML (JSON-LD)",
}
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".jsonld": "json",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One prior fact-check as read from a file, before it is stored."""

    external_id: str
    claim_text: str
    rating: str = ""
    publisher: str = ""
    url: str = ""
    date: str = ""
    title: str = ""
    language: str = ""
    claimant: str = ""
    item_reviewed: str = ""


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


@dataclass
class _Tally:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def problem(self, where: str, message: str) -> None:
        self.skipped += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {message}")


class _RowError(ValueError):
    """A row that cannot become a report; the message says why."""


# ------------------------------------------------------------------------ public API
def import_reports(
    store: Store,
    path: str | Path,
    *,
    on_progress: ProgressCallback | None = None,
    should_cancel: CancelCheck | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportSummary:
    """Import one reports file into `store`; returns what happened.

    `on_progress(done, total)` is called after each batch, and once at the end, with the
    bytes of the file read so far and its size. `should_cancel()` is polled between batches:
    when it returns True the import stops, keeping the batches already committed
    (`summary.cancelled`). A file that cannot be read as reports at all raises `InputError`
    with one line; so does one that turns out not to be UTF-8 part-way through, after the
    batches before the bad bytes were committed (the message says how many reports).
    """
    path = Path(path)
    fmt, encoding = detect_format(path)
    ensure_search_index(store)
    tally = _Tally()
    total = path.stat().st_size
    cancelled = False
    batch: list[ReportRecord] = []
    source = path.name
    try:
        with _open_text(path, encoding) as handle:
            raw = handle.buffer
            for item in _records(fmt, handle, path, tally):
                batch.append(item)
                if len(batch) >= batch_size:
                    _write_batch(store, batch, source, tally)
                    batch.clear()
                    if on_progress:
                        on_progress(min(_position(raw), total), total)
                    if should_cancel and should_cancel():
                        cancelled = True
                        break
            if batch and not cancelled:
                _write_batch(store, batch, source, tally)
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


def upsert_reports(
    store: Store, records: Sequence[ReportRecord], *, source_file: str = ""
) -> tuple[int, int, int]:
    """Insert or update reports by external id in one transaction: (imported, updated,
    unchanged). For callers that build reports themselves (a dialog, a test)."""
    ensure_search_index(store)
    tally = _Tally()
    _write_batch(store, list(records), source_file, tally)
    return tally.imported, tally.updated, tally.unchanged


def read_reports(path: str | Path) -> Iterator[ReportRecord]:
    """The reports in a file without storing them (malformed rows are left out)."""
    path = Path(path)
    fmt, encoding = detect_format(path)
    with _open_text(path, encoding) as handle:
        yield from _records(fmt, handle, path, _Tally())


def ensure_search_index(store: Store) -> None:
    """Create the search index of a database made before it existed, and fill it."""
    exists = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'report_terms'"
    ).fetchone()
    if exists:
        return
    with store.write():
        create_report_search(store.db)
        store.conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
        _recount_terms(store)


def rebuild_search_index(store: Store) -> None:
    """Rebuild the FTS index and term counts from `reports` (after edits made outside
    factcheck, e.g. with the sqlite3 shell)."""
    with store.write():
        create_report_search(store.db)
        store.conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
        _recount_terms(store)


def optimize_search_index(store: Store) -> None:
    """Merge the FTS index into one segment: worth it after a large import (seconds)."""
    with store.write():
        store.conn.execute("INSERT INTO reports_fts(reports_fts) VALUES ('optimize')")


def search_terms(claim_text: str, title: str = "") -> str:
    """What `reports.norm_text` holds for a report: the content stems of claim and title."""
    return " ".join(content_stems(f"{claim_text}\n{title}"))


def external_id_for(given_id: str, url: str, claim_text: str, publisher: str) -> str:
    """The file's id, else the URL, else a hash of the claim text and publisher."""
    if given_id.strip():
        return given_id.strip()
    if url.strip():
        return url.strip()
    key = " ".join(claim_text.split()).casefold() + "\x1f" + " ".join(publisher.split()).casefold()
    return "sha1:" + hashlib.sha1(key.encode()).hexdigest()


# -------------------------------------------------------------------- detecting format
def detect_format(path: Path) -> tuple[str, str]:
    """(format, encoding) of a reports file, or InputError saying why it is not one."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a reports file")
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")):
        # A database in use (perhaps our own desk): opening and closing it here would drop
        # this process's SQLite locks on it.
        raise InputError(f"{path}: is a SQLite database in use, not a reports file")
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    if not head.strip():
        raise InputError(f"{path} is empty")
    encoding = "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in head:
        raise InputError(f"{path} is a binary file, not reports (CSV, TSV, JSON Lines or JSON)")
    text = _decode_head(path, head, encoding)
    by_suffix = _SUFFIX_FORMATS.get(path.suffix.lower())
    sniffed = _sniff(text)
    if by_suffix is None:
        if sniffed is None:
            raise InputError(
                f"{path}: not a reports file I can read (CSV, TSV, JSON Lines, JSON or HTML "
                "with ClaimReview JSON-LD)"
            )
        return sniffed, encoding
    if by_suffix in ("csv", "tsv"):
        if sniffed in ("json", "jsonl"):
            raise InputError(f"{path} holds JSON, not {by_suffix.upper()}: rename it to .json")
        if by_suffix == "csv" and sniffed == "tsv":
            return "tsv", encoding
        return by_suffix, encoding
    if by_suffix in ("json", "jsonl"):
        if sniffed not in ("json", "jsonl"):
            raise InputError(f"{path} is not JSON (it starts with {_start(text)!r})")
        if by_suffix == "jsonl" and sniffed == "json" and not _first_line_is_json(text):
            return "json", encoding  # one pretty-printed JSON document
        return ("jsonl" if sniffed == "jsonl" else by_suffix), encoding
    return by_suffix, encoding


def _decode_head(path: Path, head: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError as error:
        line = head[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{head[error.start]:02x} on line {line}); "
            "save it as UTF-8"
        ) from None


def _start(text: str) -> str:
    return text.lstrip()[:20]


def _first_line_is_json(text: str) -> bool:
    try:
        json.loads(text.lstrip().split("\n", 1)[0])
    except json.JSONDecodeError:
        return False
    return True


def _sniff(text: str) -> str | None:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        if not _first_line_is_json(stripped):
            return "json"
        rest = stripped.split("\n", 1)[1].lstrip() if "\n" in stripped else ""
        return "jsonl" if rest.startswith("{") else "json"
    if stripped.startswith("["):
        return "json"
    if stripped.startswith("<"):
        return "html"
    first = stripped.split("\n", 1)[0]
    if "\t" in first:
        return "tsv"
    if "," in first or ";" in first:
        return "csv"
    return None


def _open_text(path: Path, encoding: str) -> IO[str]:
    return path.open("r", encoding=encoding, newline="")


def _position(raw: Any) -> int:
    """Bytes read so far (the buffered reader's raw position: read-ahead included)."""
    try:
        return int(raw.raw.tell())
    except (AttributeError, OSError, ValueError):
        return 0


# ------------------------------------------------------------------------- reading rows
def _records(fmt: str, handle: IO[str], path: Path, tally: _Tally) -> Iterator[ReportRecord]:
    if fmt in ("csv", "tsv"):
        return _delimited(handle, path, "\t" if fmt == "tsv" else None, tally)
    if fmt == "jsonl":
        return _json_lines(handle, tally)
    if fmt == "html":
        return _html(handle.read(), path, tally)
    return _json_document(handle, path, tally)


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def _delimited(
    handle: IO[str], path: Path, delimiter: str | None, tally: _Tally
) -> Iterator[ReportRecord]:
    csv.field_size_limit(MAX_FIELD_CHARS)
    if delimiter is None:
        first = handle.readline()
        delimiter = ";" if first.count(";") > first.count(",") else ","
        handle = _Prepend(first, handle)
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{path} is empty") from None
    except csv.Error as error:
        raise InputError(f"{path}: header line cannot be read: {error}") from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        target = HEADER_ALIASES.get(_header_key(name))
        if target and target not in columns:
            columns[target] = index
    if "claim_text" not in columns:
        shown = ", ".join(repr(name) for name in header[:8]) or "none"
        raise InputError(
            f"{path}: no claim column (claim, claim_reviewed or text) in the header; "
            f"its columns are {shown}"
        )
    width = len(header)
    end_line = reader.line_num
    while True:
        start_line = end_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            end_line = reader.line_num
            tally.problem(f"line {start_line}", f"unreadable row ({error})")
            continue
        end_line = reader.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            tally.problem(f"line {start_line}", f"{len(row)} fields where the header has {width}")
            continue
        values = {name: row[index].strip() for name, index in columns.items()}
        try:
            yield _record(values)
        except _RowError as error:
            tally.problem(f"line {start_line}", str(error))


class _Prepend(io.TextIOBase):
    """A text stream with one already-read line put back in front (for the CSV sniff)."""

    def __init__(self, first: str, rest: IO[str]) -> None:
        self._first: str | None = first
        self._rest = rest
        self.buffer = getattr(rest, "buffer", None)

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self._first is not None:
            line, self._first = self._first, None
            return line
        return self._rest.readline()


def _record(values: dict[str, Any]) -> ReportRecord:
    """A ReportRecord from field → value, or _RowError."""
    cleaned = {name: _text(values.get(name)) for name in (*FIELDS, "id")}
    claim = cleaned["claim_text"]
    if not claim:
        raise _RowError("no claim text")
    return ReportRecord(
        external_id=external_id_for(cleaned["id"], cleaned["url"], claim, cleaned["publisher"]),
        **{name: cleaned[name] for name in FIELDS},
    )


def _text(value: Any) -> str:
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
        return ", ".join(part for part in (_text(item) for item in value) if part)
    return str(value)


def _json_lines(handle: IO[str], tally: _Tally) -> Iterator[ReportRecord]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            tally.problem(f"line {number}", f"not JSON ({error.msg} at column {error.colno})")
            continue
        yield from _from_item(item, f"line {number}", tally)


def _json_document(handle: IO[str], path: Path, tally: _Tally) -> Iterator[ReportRecord]:
    try:
        document = json.load(handle)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    items, label = _top_level_items(document)
    if items is None:
        raise InputError(
            f"{path}: JSON, but not reports (expected ClaimReview JSON-LD, a list of reports "
            "or a Fact Check Tools claims:search response)"
        )
    for index, item in enumerate(items):
        where = f"{label}[{index}]"
        if label == "claims" and isinstance(item, dict):
            yield from _from_fact_check_tools(item, where, tally)
        else:
            yield from _from_item(item, where, tally)


def _top_level_items(document: Any) -> tuple[list[Any] | None, str]:
    if isinstance(document, list):
        return document, "item"
    if not isinstance(document, dict):
        return None, ""
    if isinstance(document.get("claims"), list):
        return document["claims"], "claims"
    if isinstance(document.get("@graph"), list):
        return [item for item in document["@graph"] if _is_claim_review(item)], "@graph"
    if _is_claim_review(document) or any(
        key in document for key in ("claim_text", "claim", "claimReviewed", "text")
    ):
        return [document], "item"
    return None, ""


_LD_JSON = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)


def _html(text: str, path: Path, tally: _Tally) -> Iterator[ReportRecord]:
    blocks = _LD_JSON.findall(text)
    found = False
    for number, block in enumerate(blocks, start=1):
        try:
            document = json.loads(block)
        except json.JSONDecodeError as error:
            tally.problem(f"JSON-LD block {number}", f"not JSON ({error.msg})")
            continue
        items, label = _top_level_items(document)
        for index, item in enumerate(items or []):
            if _is_claim_review(item):
                found = True
                yield from _from_item(item, f"JSON-LD block {number} {label}[{index}]", tally)
    if not found and not tally.skipped:
        raise InputError(f"{path}: no ClaimReview JSON-LD in the page")


def _is_claim_review(item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds or "claimReviewed" in item


def _from_item(item: Any, where: str, tally: _Tally) -> Iterator[ReportRecord]:
    """One JSON item → its reports (a Fact Check Tools claim may hold several reviews)."""
    if not isinstance(item, dict):
        tally.problem(where, f"a {type(item).__name__}, not an object")
        return
    try:
        if isinstance(item.get("claimReview"), list):
            yield from _from_fact_check_tools(item, where, tally)
        elif _is_claim_review(item):
            yield _from_claim_review(item)
        else:
            values = {}
            for key, value in item.items():
                target = HEADER_ALIASES.get(_header_key(str(key)))
                if target and target not in values:
                    values[target] = value
            yield _record(values)
    except _RowError as error:
        tally.problem(where, str(error))


def _from_claim_review(item: dict[str, Any]) -> ReportRecord:
    rating = item.get("reviewRating")
    rating_text = ""
    if isinstance(rating, dict):
        rating_text = _text(rating.get("alternateName")) or _text(rating.get("name"))
        if not rating_text and rating.get("ratingValue") is not None:
            rating_text = f"{_text(rating.get('ratingValue'))}/{_text(rating.get('bestRating'))}"
    elif rating is not None:
        rating_text = _text(rating)
    reviewed = item.get("itemReviewed")
    claimant = ""
    if isinstance(reviewed, dict):
        claimant = _text(reviewed.get("author"))
    values = {
        "id": item.get("@id") or item.get("identifier") or item.get("id"),
        "claim_text": item.get("claimReviewed"),
        "rating": rating_text,
        "publisher": item.get("author") or item.get("publisher"),
        "url": item.get("url"),
        "date": item.get("datePublished") or item.get("dateCreated"),
        "title": item.get("name") or item.get("headline"),
        "language": item.get("inLanguage"),
        "claimant": claimant,
        "item_reviewed": (
            json.dumps(reviewed, ensure_ascii=False, sort_keys=True)
            if isinstance(reviewed, dict | list)
            else reviewed
        ),
    }
    return _record(values)


def _from_fact_check_tools(
    item: dict[str, Any], where: str, tally: _Tally
) -> Iterator[ReportRecord]:
    reviews = item.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        tally.problem(where, "claim has no claimReview")
        return
    base = {
        "claim_text": item.get("text"),
        "claimant": item.get("claimant"),
        "item_reviewed": json.dumps(
            {key: item[key] for key in ("claimant", "claimDate") if key in item},
            ensure_ascii=False,
            sort_keys=True,
        ),
    }
    for index, review in enumerate(reviews):
        if not isinstance(review, dict):
            tally.problem(f"{where}.claimReview[{index}]", "not an object")
            continue
        publisher = review.get("publisher")
        publisher_name = ""
        if isinstance(publisher, dict):
            publisher_name = _text(publisher.get("name")) or _text(publisher.get("site"))
        values = {
            **base,
            "rating": review.get("textualRating"),
            "publisher": publisher_name,
            "url": review.get("url"),
            "date": review.get("reviewDate") or item.get("claimDate"),
            "title": review.get("title"),
            "language": review.get("languageCode"),
        }
        try:
            yield _record(values)
        except _RowError as error:
            tally.problem(f"{where}.claimReview[{index}]", str(error))


# ---------------------------------------------------------------------------- writing
_SELECT_EXISTING = (
    "SELECT external_id, id, norm_text, " + ", ".join(FIELDS) + " FROM reports "
    "WHERE external_id IN ({marks})"
)


def _write_batch(
    store: Store, batch: Sequence[ReportRecord], source_file: str, tally: _Tally
) -> None:
    """Upsert one batch in one transaction, keeping `report_terms` in step."""
    latest: dict[str, ReportRecord] = {}
    for record in batch:
        if record.external_id in latest:
            tally.updated += 1  # the file repeats an id: the later row wins
        latest[record.external_id] = record
    stamp = now()
    with store.write():
        existing: dict[str, tuple[Any, ...]] = {}
        ids = list(latest)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in store.conn.execute(_SELECT_EXISTING.format(marks=marks), chunk):
                existing[row[0]] = row[1:]
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        delta: Counter[str] = Counter()
        docs = 0
        term_count = 0
        for external_id, record in latest.items():
            values = tuple(getattr(record, name) for name in FIELDS)
            norm = search_terms(record.claim_text, record.title)
            old = existing.get(external_id)
            if old is None:
                inserts.append((external_id, norm, *values, source_file, stamp))
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
            store.conn.executemany(
                "INSERT INTO reports (external_id, norm_text, "
                + ", ".join(FIELDS)
                + ", source_file, imported_at) VALUES ("
                + ",".join("?" * (len(FIELDS) + 4))
                + ")",
                inserts,
            )
            tally.imported += len(inserts)
        if updates:
            store.conn.executemany(
                "UPDATE reports SET norm_text = ?, "
                + ", ".join(f"{name} = ?" for name in FIELDS)
                + ", source_file = ?, imported_at = ? WHERE id = ?",
                updates,
            )
        delta[" docs"] += docs
        delta[" terms"] += term_count
        _apply_term_delta(store, delta)


def _apply_term_delta(store: Store, delta: Counter[str]) -> None:
    changes = [(term, count) for term, count in delta.items() if count]
    if not changes:
        return
    store.conn.executemany(
        "INSERT INTO report_terms (term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        changes,
    )
    if any(count < 0 for _, count in changes):
        store.conn.execute("DELETE FROM report_terms WHERE df <= 0 AND term NOT LIKE ' %'")


def _recount_terms(store: Store) -> None:
    """Recount `report_terms` from every report's norm_text (inside a write)."""
    store.conn.execute("DELETE FROM report_terms")
    counts: Counter[str] = Counter()
    docs = 0
    terms = 0
    for (norm,) in store.conn.execute("SELECT norm_text FROM reports"):
        words = (norm or "").split()
        counts.update(set(words))
        docs += 1
        terms += len(words)
    counts[" docs"] = docs
    counts[" terms"] = terms
    store.conn.executemany(
        "INSERT INTO report_terms (term, df) VALUES (?, ?)", list(counts.items())
    )


def records_from(values: Iterable[dict[str, Any]]) -> Iterator[ReportRecord]:
    """ReportRecords from dicts keyed by field name (or a header alias); bad ones raise
    ValueError naming the problem."""
    for item in values:
        mapped = {HEADER_ALIASES.get(_header_key(str(k)), str(k)): v for k, v in item.items()}
        try:
            yield _record(mapped)
        except _RowError as error:
            raise ValueError(str(error)) from None


__all__ = [
    "FIELDS",
    "ImportSummary",
    "ReportRecord",
    "detect_format",
    "ensure_search_index",
    "external_id_for",
    "import_reports",
    "optimize_search_index",
    "read_reports",
    "rebuild_search_index",
    "records_from",
    "search_terms",
    "upsert_reports",
]
