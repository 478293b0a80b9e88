"""`factcheck extract`: the check-worthy sentences of a text file, without a database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck_tui.core.display import json_text, printable
from factcheck_tui.core.errors import InputError

MAX_INPUT_BYTES = 20_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the check-worthy sentences of a text file or web page",
        description="Split a text (of a web page, its story as import reads it) into sentences, "
        "score each for check-worthiness and "
        "print the claims (with --all, every sentence) with their character offsets, "
        "score and the evidence behind it. Nothing is stored.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="text file, saved web page or a page's link; - for stdin"
    )
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='one JSON object a line: {"text", "start", "end", "score", "is_claim", "reasons"}',
    )
    parser.add_argument("--all", action="store_true", help="every sentence, not only claims")
    parser.add_argument(
        "--one-per-line",
        action="store_true",
        help="score each non-blank input line as one sentence, without splitting it",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="T",
        help="score in [0, 1] from which a sentence is a claim (default: the model's)",
    )
    parser.set_defaults(handler=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    from factcheck_tui.core.extract import ScoredSentence, extract, score_sentence

    threshold = args.threshold
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(f"--threshold {threshold}: must be between 0 and 1")
    text = read_text(args.file)
    if args.one_per_line:
        from factcheck_tui.core.extract import DEFAULT_THRESHOLD

        limit = DEFAULT_THRESHOLD if threshold is None else threshold
        sentences = []
        for start, end in _line_spans(text):
            score, reasons = score_sentence(text[start:end])
            sentences.append(
                ScoredSentence(text[start:end], start, end, score, reasons, score >= limit)
            )
    else:
        sentences = extract(text, threshold)
    out = sys.stdout
    for sentence in sentences:
        if not (args.all or sentence.is_claim):
            continue
        if args.jsonl:
            record = {
                "text": sentence.text,
                "start": sentence.start,
                "end": sentence.end,
                "score": sentence.score,
                "is_claim": sentence.is_claim,
                "reasons": list(sentence.reasons),
            }
            out.write(json_text(record) + "\n")
        else:
            # Input text reaches the terminal as data: whitespace runs (newlines included)
            # collapsed to one space, every other control character shown as a symbol.
            mark = "*" if sentence.is_claim else " "
            flat = printable(sentence.text, one_line=True)
            reasons_text = printable("; ".join(sentence.reasons), one_line=True)
            out.write(f"{mark} {sentence.score:.2f} [{sentence.start}:{sentence.end}] {flat}\n")
            if reasons_text:
                out.write(f"      {reasons_text}\n")
    return 0


def read_text(name: str) -> str:
    """The text of a file (`-`: stdin), a web page's story for HTML; one-line InputError for
    anything unreadable or empty (nothing but whitespace)."""
    from factcheck_tui.core.ingest.fetch import fetch_page, is_url

    content_type = ""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        label = "<stdin>"
    elif is_url(name):  # a link: the page it points to, as `factcheck import` fetches it
        page = fetch_page(name)
        data, label, content_type = page.data, printable(name), page.content_type
    else:
        path = Path(name)
        label = printable(name)  # a file name is shown, never executed
        if not path.exists():
            raise InputError(f"{label}: no such file")
        if path.is_dir():
            raise InputError(f"{label}: is a directory, not a text file")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            raise InputError(f"{label}: cannot read: {error.strerror}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{label}: over the {MAX_INPUT_BYTES // 1_000_000} MB limit")
    from factcheck_tui.core.ingest.decode import decode_bytes, looks_binary

    if looks_binary(data):
        raise InputError(f"{label}: looks like a binary file, not text")
    # BOM, UTF-8, declared charset, detection: never refused for its encoding.
    text = decode_bytes(data, content_type).text
    if not text.strip():
        what = "the input" if name == "-" else "the file"
        raise InputError(f"{label}: {what} is empty — nothing to extract")
    if content_type.lower().startswith(("text/html", "application/xhtml")) or _is_web_page(
        name, text
    ):
        # The story, as `factcheck import` stores it: offsets point into that text.
        from factcheck_tui.core.ingest import parse_article_text

        return parse_article_text(text, name=label, fmt="html").body
    return text


def _is_web_page(name: str, text: str) -> bool:
    from factcheck_tui.core.ingest import FORMATS_BY_SUFFIX

    suffix = Path(name.split("?")[0]).suffix.lower() if name != "-" else ""
    if FORMATS_BY_SUFFIX.get(suffix) == "html":
        return True
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line with its surrounding whitespace left out."""
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
        position += len(line)
    return spans
