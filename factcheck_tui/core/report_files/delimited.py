"""CSV and TSV report files: a header row naming the columns (core/report_files/rows.py),
then a report a row. A quoted field may span lines; a stray quote swallowing the rows after it
is caught and only its row is skipped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.rows import (
    HEADER_ALIASES,
    MAX_FIELD_CHARS,
    ReportRecord,
    RowError,
    Tally,
    header_key,
    to_record,
)


def delimited_records(
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
    if header and not header[0].strip() and "id" not in columns:
        # An unnamed first column is a row index (pandas writes one): the report's id, so
        # two reports of the same claim text stay two.
        columns["id"] = 0
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
            index = _past_closing_quote(line, index)
            if index < 0:
                return True
            in_quotes, at_field_start = False, False
            continue
        if at_field_start and line[index] == '"':
            in_quotes, index = True, index + 1
            continue
        next_delimiter = line.find(delimiter, index)
        if next_delimiter < 0:
            return False
        index, at_field_start = next_delimiter + 1, True
    return in_quotes


def _past_closing_quote(line: str, index: int) -> int:
    """Where the quoted field whose text starts at `index` ends (just past its closing quote;
    `""` inside it is a quote), or -1 when the line ends first."""
    while True:
        quote = line.find('"', index)
        if quote < 0:
            return -1
        if line.startswith('"', quote + 1):
            index = quote + 2
            continue
        return quote + 1


def _clean_record_width(line: str, delimiter: str) -> int | None:
    """The number of fields of `line` read alone when it is a complete, cleanly quoted record
    (every quote opens a field, closes it before a delimiter or the line's end, or is
    doubled inside one), else None. A line swallowed by a stray quote is such a row."""
    body = line.rstrip("\r\n")
    index, size, fields = 0, len(body), 1
    while index <= size:
        if index < size and body[index] == '"':
            index = _past_closing_quote(body, index + 1)
            if index < 0:
                return None
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
