"""Reading prior fact-check report files: which format a file is (extension, then content),
and the ReportRecords each format yields — CSV/TSV, JSON Lines, ClaimReview JSON-LD (one
object, a list, a page's `@graph`, or an HTML page's ld+json blocks) and Google Fact Check
Tools `claims:search` responses. A malformed row raises RowError and is tallied by line.
Storing them is core/report_files/importing.py's job.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from factcheck_tui.core.db.schema import REPORT_FIELDS
from factcheck_tui.core.intake.reading import (
    UntrustedJSONError,
    check_regular_file,
    loads_untrusted,
    open_regular_file,
    refuse_lone_surrogates,
    untrusted_decoder,
)
from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.records.models import Report

# At most this many problem lines are kept in a summary (the count is always exact).
MAX_PROBLEMS = 50
# A CSV field longer than this is a broken quote swallowing the file, not a claim.
MAX_FIELD_CHARS = 1_000_000
SNIFF_BYTES = 64 * 1024
# A JSON object (a Fact Check Tools response, a page's @graph) or HTML page is parsed whole:
# past this size it is refused, before it is read, with a pointer to JSON Lines.
# Parsing takes about 5 times the file's size in memory (64 MB took 311 MB).
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
# A top-level JSON list (a ClaimReview feed) is read item by item instead, whatever its size.
STREAM_CHUNK = 64 * 1024
MAX_ITEM_CHARS = 4 * MAX_FIELD_CHARS
# A JSON Lines record longer than this is not a report (JSON Lines is streamed line by line).
MAX_LINE_CHARS = MAX_FIELD_CHARS
WHAT = "a reports file"

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


# -------------------------------------------------------------------- detecting format
def detect_format(path: Path) -> tuple[str, str]:
    """(format, encoding) of a reports file, or InputError saying why it is not one."""
    # A FIFO, a device or a folder is refused before it is opened (core/intake/reading.py).
    check_regular_file(path, WHAT)
    if any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm")):
        # A database in use (perhaps our own desk): opening and closing it here would drop
        # this process's SQLite locks on it.
        raise InputError(f"{path}: is a SQLite database in use, not a reports file")
    try:
        with open_regular_file(path, WHAT) as handle:
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
        loads_untrusted(text.lstrip().split("\n", 1)[0])
    except ValueError:  # malformed, or refused for its shape (read again as a whole)
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


def open_text(path: Path, encoding: str) -> TextIO:
    """The file as text, opened as core/intake/reading.py opens untrusted files."""
    return io.TextIOWrapper(open_regular_file(path, WHAT), encoding=encoding, newline="")


def position(raw: Any) -> int:
    """Bytes read so far (the buffered reader's raw position: read-ahead included)."""
    try:
        return int(raw.raw.tell())
    except (AttributeError, OSError, ValueError):
        return 0


# ------------------------------------------------------------------------- reading rows
def records(fmt: str, handle: IO[str], path: Path, tally: Tally) -> Iterator[ReportRecord]:
    if fmt in ("csv", "tsv"):
        return _delimited(handle, path, "\t" if fmt == "tsv" else None, tally)
    if fmt == "jsonl":
        return _json_lines(handle, tally)
    if fmt == "html":
        return _html(_whole_document(handle, path), path, tally)
    head = handle.read(STREAM_CHUNK)
    if head.lstrip().startswith("["):
        return _json_list(head, handle, path, tally)  # a feed: read item by item, any size
    return _json_document(head + _whole_document(handle, path, len(head)), path, tally)


def _whole_document(handle: IO[str], path: Path, already: int = 0) -> str:
    """The (rest of the) text of a JSON or HTML reports file, or InputError past
    MAX_DOCUMENT_BYTES (checked on the file's size first, then on what is read: a pipe has
    no size); `already` characters were read before."""
    limit = MAX_DOCUMENT_BYTES - already
    too_big = InputError(
        f"{path}: over the {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB limit for a JSON object "
        "or HTML page of reports, which is read whole (a top-level list is read item by "
        "item at any size): convert it to JSON Lines, one report a line (e.g. jq -c "
        "'.claims[]'), which is read line by line whatever its size"
    )
    try:
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise too_big
    except OSError:
        pass
    text = handle.read(limit + 1)
    if len(text) > limit:
        raise too_big
    return text


def _json_list(head: str, handle: IO[str], path: Path, tally: Tally) -> Iterator[ReportRecord]:
    """The reports of a top-level JSON list (a ClaimReview feed), decoded one item at a time
    so memory follows the largest item, not the file; an item over MAX_ITEM_CHARS is not a
    report and stops the import with one line."""
    decoder = untrusted_decoder()
    buffer, position, index, line = head, head.index("[") + 1, 0, 1
    done = False

    def more(size: int = STREAM_CHUNK) -> bool:
        nonlocal buffer, position, line, done
        if done:
            return False
        chunk = handle.read(size)
        line += buffer.count("\n", 0, position)
        buffer, position = buffer[position:] + chunk, 0
        done = not chunk
        return bool(chunk)

    def skip_space() -> None:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer) or not more():
                return

    def invalid(message: str) -> InputError:
        where = line + buffer.count("\n", 0, position)
        return InputError(f"{path}: not valid JSON ({message} near line {where}, item {index})")

    while True:
        skip_space()
        if position >= len(buffer):
            raise invalid("the list is not closed")
        if buffer[position] == "]" and index == 0:
            return
        while True:
            try:
                item, end = decoder.raw_decode(buffer, position)
                refuse_lone_surrogates(item)
                break
            except UntrustedJSONError as error:
                raise InputError(f"{path}: JSON refused: {error} (item {index})") from None
            except json.JSONDecodeError as error:
                if len(buffer) - position > MAX_ITEM_CHARS:
                    raise invalid(f"an item over {MAX_ITEM_CHARS:,} characters") from None
                # An item cut by the chunk: read as much again (doubling keeps it linear).
                if not more(max(STREAM_CHUNK, len(buffer) - position)):
                    raise invalid(error.msg) from None
            except RecursionError:
                raise InputError(f"{path}: JSON nested too deeply to be reports") from None
        position = end
        yield from _from_item(item, f"item[{index}]", tally)
        index += 1
        skip_space()
        if position >= len(buffer):
            raise invalid("the list is not closed")
        if buffer[position] == "]":
            return
        if buffer[position] != ",":
            raise invalid("expected ',' or ']' between items")
        position += 1


def header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def _delimited(
    handle: IO[str], path: Path, delimiter: str | None, tally: Tally
) -> Iterator[ReportRecord]:
    csv.field_size_limit(MAX_FIELD_CHARS)
    lines = PhysicalLines(handle)
    first = lines.next_line()
    if first is None or not first.strip():
        raise InputError(f"{path} is empty")
    if delimiter is None:
        delimiter = ";" if first.count(";") > first.count(",") else ","
    lines.put_back([first])
    header_record = next(_csv_records(lines, delimiter), None)
    if header_record is None or header_record[1] is None:
        raise InputError(f"{path}: header line cannot be read (a quote is never closed)")
    header = header_record[1]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        target = HEADER_ALIASES.get(header_key(name))
        if target and target not in columns:
            columns[target] = index
    if "claim_text" not in columns:
        shown = ", ".join(repr(name) for name in header[:8]) or "none"
        raise InputError(
            f"{path}: no claim column (claim, claim_reviewed or text) in the header; "
            f"its columns are {shown}"
        )
    width = len(header)
    records = _csv_records(lines, delimiter, width=width)
    while True:
        try:
            start_line, row, spans = next(records)
        except StopIteration:
            return
        except RowError as error:  # csv refused the row's characters (a NUL byte, say)
            where, _, message = str(error).partition(": ")
            tally.problem(where, message)
            records = _csv_records(lines, delimiter, width=width)
            continue
        if row is None:
            tally.problem(
                f"line {start_line}",
                "a quote opened on this line runs on into the rows after it (a stray "
                "quote?): this row is skipped, the next line is read as a new row",
            )
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            detail = f"{len(row)} fields where the header has {width}"
            if spans > 1:
                detail += " (a stray quote?): the next line is read as a new row"
            tally.problem(f"line {start_line}", detail)
            continue
        values = {name: row[index].strip() for name, index in columns.items()}
        try:
            yield to_record(values)
        except RowError as error:
            tally.problem(f"line {start_line}", str(error))


# A quoted field may hold line breaks (a claim over several lines); one that runs on for more
# physical lines (or characters) than this is a stray quote swallowing the rows after it.
MAX_RECORD_LINES = 100


class PhysicalLines:
    """The file's physical lines with their numbers, and lines put back to be read again
    (after a stray quote, the lines it swallowed are re-read as rows of their own)."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self._back: list[tuple[int, str]] = []  # a stack: last item is read next
        self._number = 0  # number of the last line taken from the file

    def next_line(self) -> str | None:
        item = self.next_numbered()
        return None if item is None else item[1]

    def next_numbered(self) -> tuple[int, str] | None:
        if self._back:
            return self._back.pop()
        line = self._handle.readline()
        if not line:
            return None
        self._number += 1
        return self._number, line

    def put_back(self, lines: list[str], first_number: int | None = None) -> None:
        start = self._number - len(lines) + 1 if first_number is None else first_number
        for offset in range(len(lines) - 1, -1, -1):
            self._back.append((start + offset, lines[offset]))


def _quote_open_after(line: str, delimiter: str, in_quotes: bool, at_field_start: bool) -> bool:
    """Whether a quoted field is still open at the end of `line`, reading as Python's csv
    module does: a quote opens a field only at its start, `""` inside one is a quote, and a
    quote inside an unquoted field is a character. Jumps between quotes and delimiters, so a
    line costs a step per field, not per character."""
    index, size = 0, len(line)
    while index < size:
        if in_quotes:
            quote = line.find('"', index)
            if quote < 0:
                return True
            if quote + 1 < size and line[quote + 1] == '"':
                index = quote + 2
                continue
            in_quotes, at_field_start, index = False, False, quote + 1
            continue
        if at_field_start and line[index] == '"':
            in_quotes, index = True, index + 1
            continue
        next_delimiter = line.find(delimiter, index)
        if next_delimiter < 0:
            return False
        index, at_field_start = next_delimiter + 1, True
    return in_quotes


def _clean_record_width(line: str, delimiter: str) -> int | None:
    """The number of fields of `line` read alone when it is a complete, cleanly quoted record
    (every quote opens a field, closes it before a delimiter or the line's end, or is
    doubled inside one), else None. A line swallowed by a stray quote is such a row."""
    body = line.rstrip("\r\n")
    index, size, fields = 0, len(body), 1
    while index <= size:
        if index < size and body[index] == '"':
            index += 1
            while True:
                quote = body.find('"', index)
                if quote < 0:
                    return None
                if quote + 1 < size and body[quote + 1] == '"':
                    index = quote + 2
                    continue
                index = quote + 1
                break
            if index == size:
                return fields
            if body[index] != delimiter:
                return None
        else:
            next_delimiter = body.find(delimiter, index)
            end = size if next_delimiter < 0 else next_delimiter
            if '"' in body[index:end]:
                return None
            if next_delimiter < 0:
                return fields
            index = next_delimiter
        index += 1
        fields += 1
    return fields


class _OneRecord:
    """The iterator a csv.reader reads: the one record handed to it, then nothing."""

    def __init__(self) -> None:
        self.record: str | None = None

    def __iter__(self) -> _OneRecord:
        return self

    def __next__(self) -> str:
        record, self.record = self.record, None
        if record is None:
            raise StopIteration
        return record


def _csv_records(
    lines: PhysicalLines, delimiter: str, width: int | None = None
) -> Iterator[tuple[int, list[str] | None, int]]:
    """(first line number, fields, physical lines spanned) per CSV record; fields None for a
    stray quote: one not closed within MAX_RECORD_LINES lines (or MAX_FIELD_CHARS characters,
    or by the end of the file), or one whose quoted field swallowed a line that is a clean row
    of `width` fields on its own. After such a record, or a multi-line record whose field
    count is not `width`, only its first line is given up: the lines after it are read
    again as rows (a legitimate multi-line field is kept whole).
    Each line is read at most MAX_RECORD_LINES times, so the parse stays linear."""
    feed = _OneRecord()
    reader = csv.reader(feed, delimiter=delimiter)  # one reader: making one a row costs more

    def parse(record: str) -> list[str]:
        feed.record = record
        return next(reader, [])

    while True:
        item = lines.next_numbered()
        if item is None:
            return
        start, line = item
        if '"' not in line:  # the common case: no quoting, the line is the record
            try:
                yield start, parse(line), 1
            except csv.Error as error:
                raise RowError(f"line {start}: unreadable row ({error})") from None
            continue
        taken = [line]
        chars = len(line)
        open_quote = _quote_open_after(line, delimiter, False, True)
        while open_quote and len(taken) < MAX_RECORD_LINES and chars <= MAX_FIELD_CHARS:
            following = lines.next_line()
            if following is None:
                break
            taken.append(following)
            chars += len(following)
            open_quote = _quote_open_after(following, delimiter, True, False)
        swallowed = (
            width is not None
            and len(taken) > 1
            and any(_clean_record_width(later, delimiter) == width for later in taken[1:])
        )
        if open_quote or swallowed:
            lines.put_back(taken[1:], start + 1)
            yield start, None, len(taken)
            continue
        try:
            row = parse("".join(taken))
        except csv.Error as error:
            raise RowError(f"line {start}: unreadable row ({error})") from None
        if len(taken) > 1 and width is not None and len(row) != width:
            lines.put_back(taken[1:], start + 1)
        yield start, row, len(taken)


def to_record(values: dict[str, Any]) -> ReportRecord:
    """A ReportRecord from field → value, or RowError. Every field is stored without control
    characters (a report file is third-party data; see core/records/display.py)."""
    cleaned = {name: without_controls(_text(values.get(name))).strip() for name in (*FIELDS, "id")}
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


def _json_lines(handle: IO[str], tally: Tally) -> Iterator[ReportRecord]:
    number = 0
    while line := handle.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            tally.problem(f"line {number}", f"over {MAX_LINE_CHARS:,} characters; skipped")
            while (rest := handle.readline(MAX_LINE_CHARS + 1)) and not rest.endswith("\n"):
                pass
            continue
        if not line.strip():
            continue
        try:
            item = loads_untrusted(line)
        except json.JSONDecodeError as error:
            tally.problem(f"line {number}", f"not JSON ({error.msg} at column {error.colno})")
            continue
        except UntrustedJSONError as error:
            tally.problem(f"line {number}", f"JSON refused: {error}")
            continue
        yield from _from_item(item, f"line {number}", tally)


def _json_document(text: str, path: Path, tally: Tally) -> Iterator[ReportRecord]:
    try:
        document = loads_untrusted(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    except UntrustedJSONError as error:
        raise InputError(f"{path}: JSON refused: {error}") from None
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


def _html(text: str, path: Path, tally: Tally) -> Iterator[ReportRecord]:
    blocks = _LD_JSON.findall(text)
    found = False
    for number, block in enumerate(blocks, start=1):
        try:
            document = loads_untrusted(block)
        except json.JSONDecodeError as error:
            tally.problem(f"JSON-LD block {number}", f"not JSON ({error.msg})")
            continue
        except UntrustedJSONError as error:
            tally.problem(f"JSON-LD block {number}", f"JSON refused: {error}")
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


def _from_item(item: Any, where: str, tally: Tally) -> Iterator[ReportRecord]:
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
                target = HEADER_ALIASES.get(header_key(str(key)))
                if target and target not in values:
                    values[target] = value
            yield to_record(values)
    except RowError as error:
        tally.problem(where, str(error))
    except RecursionError:
        tally.problem(where, "nested too deeply")


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
    return to_record(values)


def _from_fact_check_tools(
    item: dict[str, Any], where: str, tally: Tally
) -> Iterator[ReportRecord]:
    reviews = item.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        tally.problem(where, "claim has no claimReview")
        return
    try:
        yield from _fact_check_tools_reviews(item, reviews, where, tally)
    except RecursionError:
        tally.problem(where, "nested too deeply")


def _fact_check_tools_reviews(
    item: dict[str, Any], reviews: list[Any], where: str, tally: Tally
) -> Iterator[ReportRecord]:
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
            yield to_record(values)
        except RowError as error:
            tally.problem(f"{where}.claimReview[{index}]", str(error))
