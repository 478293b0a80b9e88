"""Reading prior fact-check report files: which format a file is (extension, then content),
and the format's reader that yields its ReportRecords: CSV/TSV (delimited.py), JSON Lines,
a JSON list or document (json_reports.py, with ClaimReview in claim_review.py and Google Fact
Check Tools `claims:search` responses in fact_check_tools.py), an HTML page's JSON-LD
(html_page.py). A malformed row is tallied by line. Storing them is
core/report_files/importing.py's job.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from factcheck_tui.core.intake.reading import (
    check_regular_file,
    loads_untrusted,
    open_regular_file,
)
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.delimited import delimited_records
from factcheck_tui.core.report_files.html_page import html_page_records
from factcheck_tui.core.report_files.json_reports import (
    STREAM_CHUNK,
    json_document,
    json_lines,
    json_list,
)
from factcheck_tui.core.report_files.rows import ReportRecord, Tally

SNIFF_BYTES = 64 * 1024
# A JSON object (a Fact Check Tools response, a page's @graph) or HTML page is parsed whole:
# past this size it is refused, before it is read, with a pointer to JSON Lines.
# Parsing takes about 5 times the file's size in memory (64 MB took 311 MB).
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
WHAT = "a reports file"

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
        return delimited_records(handle, path, "\t" if fmt == "tsv" else None, tally)
    if fmt == "jsonl":
        return json_lines(handle, tally)
    if fmt == "html":
        return html_page_records(_whole_document(handle, path), path, tally)
    head = handle.read(STREAM_CHUNK)
    if head.lstrip().startswith("["):
        return json_list(head, handle, path, tally)  # a feed: read item by item, any size
    return json_document(head + _whole_document(handle, path, len(head)), path, tally)


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
