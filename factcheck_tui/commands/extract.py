"""Split a text into sentences, score each for check-worthiness and print the claims (with --all,
every sentence) with their character offsets, score and the evidence behind it. Reads what
`factcheck import` reads: a plain text as it is (offsets into the file), Markdown, a saved web
page or a page's link, JSON or a Word draft as the article text import stores (offsets into
that). Nothing is stored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factcheck_tui.core.records.display import json_text, printable
from factcheck_tui.core.records.errors import InputError

NAME = "extract"
HELP = "print the check-worthy sentences of a text, article file or web page"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="text, .md, .html, .json or .docx file, a page's link, or - for stdin",
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


def run(args: argparse.Namespace) -> int:
    from factcheck_tui.core.extraction.extract import ScoredSentence, extract, score_sentence

    threshold = args.threshold
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(f"--threshold {threshold}: must be between 0 and 1")
    text = read_text(args.file)
    if args.one_per_line:
        from factcheck_tui.core.extraction.extract import DEFAULT_THRESHOLD

        limit = DEFAULT_THRESHOLD if threshold is None else threshold
        sentences = []
        for start, end in _line_spans(text):
            score, why = score_sentence(text[start:end])
            sentences.append(
                ScoredSentence(text[start:end], start, end, score, why, score >= limit)
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
    """The text to extract from: a plain-text file (or stdin) as it is, so offsets point into
    the file's own text; any other format `factcheck import` reads (Markdown, a web page or
    its link, JSON, a Word draft; by suffix or, for stdin and unknown suffixes, by content)
    as the article body import would store. Read through core/intake/reading.py, so a FIFO
    or device is refused before it is opened and at most MAX_ARTICLE_BYTES are read; decoded
    as import decodes (never refused for its encoding). One-line InputError for anything
    unreadable or empty (nothing but whitespace)."""
    from factcheck_tui.core.intake.article_files import (
        FORMATS_BY_SUFFIX,
        decode_text,
        parse_article_bytes,
        sniff_format,
    )
    from factcheck_tui.core.intake.fetch import fetch_page, is_url
    from factcheck_tui.core.intake.reading import (
        MAX_ARTICLE_BYTES,
        label_of,
        read_file_bounded,
        read_stdin_bounded,
    )

    content_type = ""
    fmt: str | None
    if name == "-":
        data = read_stdin_bounded(MAX_ARTICLE_BYTES, "a text")
        label, fmt = "<stdin>", None
    elif is_url(name):  # a link: the page it points to, as `factcheck import` fetches it
        page = fetch_page(name)
        data, label, content_type, fmt = page.data, label_of(name), page.content_type, page.fmt
    else:
        path = Path(name)
        label = label_of(name)  # a file name is shown, never executed
        data = read_file_bounded(path, MAX_ARTICLE_BYTES, "a text")
        fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    empty = InputError(
        f"{label}: {'the input' if name == '-' else 'the file'} is empty — nothing to extract"
    )
    if not data.strip():
        raise empty
    if fmt is None:
        fmt = sniff_format(data)
    if fmt != "text":
        return parse_article_bytes(data, name=label, fmt=fmt, content_type=content_type).body
    text = decode_text(data, label, content_type)
    if not text.strip():
        raise empty
    return text


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
