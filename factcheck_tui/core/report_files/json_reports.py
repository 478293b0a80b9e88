"""JSON report files: JSON Lines (streamed a line at a time), a top-level list (a ClaimReview
feed, decoded an item at a time), or one document (a ClaimReview, a page's `@graph`, a Fact
Check Tools `claims:search` response). An item is a flat record (the CSV's names), a
ClaimReview or a Fact Check Tools claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from factcheck_tui.core.intake.reading import (
    UntrustedJSONError,
    loads_untrusted,
    refuse_lone_surrogates,
    untrusted_decoder,
)
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.claim_review import from_claim_review, is_claim_review
from factcheck_tui.core.report_files.fact_check_tools import from_fact_check_tools
from factcheck_tui.core.report_files.rows import (
    HEADER_ALIASES,
    MAX_FIELD_CHARS,
    ReportRecord,
    RowError,
    Tally,
    header_key,
    to_record,
)

# A top-level JSON list (a ClaimReview feed) is read item by item instead, whatever its size.
STREAM_CHUNK = 64 * 1024
MAX_ITEM_CHARS = 4 * MAX_FIELD_CHARS
# A JSON Lines record longer than this is not a report (JSON Lines is streamed line by line).
MAX_LINE_CHARS = MAX_FIELD_CHARS


def json_list(head: str, handle: IO[str], path: Path, tally: Tally) -> Iterator[ReportRecord]:
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
        yield from from_item(item, f"item[{index}]", tally)
        index += 1
        skip_space()
        if position >= len(buffer):
            raise invalid("the list is not closed")
        if buffer[position] == "]":
            return
        if buffer[position] != ",":
            raise invalid("expected ',' or ']' between items")
        position += 1


def json_lines(handle: IO[str], tally: Tally) -> Iterator[ReportRecord]:
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
        for item in parsed(line, f"line {number}", tally, with_column=True):
            yield from from_item(item, f"line {number}", tally)


def parsed(text: str, where: str, tally: Tally, *, with_column: bool) -> Iterator[Any]:
    """The JSON value of `text` (one), or none when it is not JSON or refused, tallied as a
    problem at `where` (with the column of the error when `with_column`)."""
    try:
        yield loads_untrusted(text)
    except json.JSONDecodeError as error:
        column = f" at column {error.colno}" if with_column else ""
        tally.problem(where, f"not JSON ({error.msg}{column})")
    except UntrustedJSONError as error:
        tally.problem(where, f"JSON refused: {error}")


def json_document(text: str, path: Path, tally: Tally) -> Iterator[ReportRecord]:
    try:
        document = loads_untrusted(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    except UntrustedJSONError as error:
        raise InputError(f"{path}: JSON refused: {error}") from None
    items, label = top_level_items(document)
    if items is None:
        raise InputError(
            f"{path}: JSON, but not reports (expected ClaimReview JSON-LD, a list of reports "
            "or a Fact Check Tools claims:search response)"
        )
    for index, item in enumerate(items):
        where = f"{label}[{index}]"
        if label == "claims" and isinstance(item, dict):
            yield from from_fact_check_tools(item, where, tally)
        else:
            yield from from_item(item, where, tally)


def top_level_items(document: Any) -> tuple[list[Any] | None, str]:
    if isinstance(document, list):
        return document, "item"
    if not isinstance(document, dict):
        return None, ""
    if isinstance(document.get("claims"), list):
        return document["claims"], "claims"
    if isinstance(document.get("@graph"), list):
        return list(_graph_claim_reviews(document["@graph"])), "@graph"
    if is_claim_review(document) or any(
        key in document for key in ("claim_text", "claim", "claimReviewed", "text")
    ):
        return [document], "item"
    return None, ""


def _graph_claim_reviews(graph: list[Any]) -> Iterator[Any]:
    """The ClaimReviews of a `@graph`, however its nodes nest (a `@graph` inside a node of
    it, a list inside the list): none is dropped. Iterative: one visit a node (the parser
    already refused JSON nested too deeply)."""
    stack: list[Any] = list(reversed(graph))
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif is_claim_review(node):
            yield node
        elif isinstance(node, dict) and isinstance(node.get("@graph"), list):
            stack.extend(reversed(node["@graph"]))


def from_item(item: Any, where: str, tally: Tally) -> Iterator[ReportRecord]:
    """One JSON item → its reports (a Fact Check Tools claim may hold several reviews)."""
    if not isinstance(item, dict):
        tally.problem(where, f"a {type(item).__name__}, not an object")
        return
    try:
        if isinstance(item.get("claimReview"), list):
            yield from from_fact_check_tools(item, where, tally)
        elif is_claim_review(item):
            yield from_claim_review(item)
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
