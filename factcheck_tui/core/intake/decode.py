"""Bytes to text for article files and fetched pages: never refuse a file for its encoding.

The order, and why:

1. A byte-order mark (UTF-8, UTF-16 or UTF-32) decides: it is the one unambiguous signal.
2. Bytes that are valid UTF-8 and contain non-ASCII are UTF-8, whatever a page declares: a
   legacy single-byte text (Latin-1, windows-1252) is practically never valid UTF-8 by
   chance, while pages that say `iso-8859-1` and are in fact UTF-8 are common.
3. The charset a page declares (the HTTP `Content-Type`, else `<meta charset>` or
   `<meta http-equiv>` in the first 4 KB, else an XML declaration), with the WHATWG rule
   that `iso-8859-1` and `ascii` mean windows-1252 (what browsers do, and what such pages
   are in practice: their curly quotes are cp1252 bytes).
4. Detection (charset-normalizer, the detector trafilatura also uses) for undeclared bytes,
   trusted for the scripts it tells apart well (Cyrillic, Greek, Hebrew, Arabic, Thai and
   the multi-byte East Asian encodings). When it names another single-byte Latin code page
   (it says cp1006 or cp1257 for short French or German text), windows-1252 is used: the
   encoding of nearly every legacy Western file, and a superset of Latin-1's letters.
5. Windows-1252 with replacement characters: some text rather than a refusal.

A file with NUL bytes and no UTF-16/32 byte-order mark is binary (a picture, a PDF, a
database), which is refused by the caller; that is not an encoding question. And whatever
its byte-order mark says, text whose decoded characters are implausible (unassigned or
private-use code points, lone surrogates, a stray U+FEFF, NULs and other control
characters) is binary too (`implausible_text`): a BOM is two bytes any file can start with.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same 2 bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# The WHATWG Encoding Standard's labels that browsers read as windows-1252.
WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"}
)
META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)
XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})""")
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE)
PRESCAN_BYTES = 4096  # the HTML standard says 1024; real pages put 3 KB of scripts first
DETECTION_SAMPLE = 64 * 1024
# Single-byte code pages of non-Latin scripts, which detection tells apart reliably.
TRUSTED_DETECTIONS = frozenset(
    {
        "cp1251", "iso8859-5", "koi8-r", "koi8-u", "cp866", "mac-cyrillic",
        "cp1253", "iso8859-7", "cp1255", "iso8859-8", "cp1256", "iso8859-6",
        "tis-620", "cp874",
    }
)  # fmt: skip


# Decoded text with more than this share of implausible characters is not text: real
# articles have none (a stray BOM where two files were joined is one in thousands).
MAX_IMPLAUSIBLE_SHARE = 0.005
IMPLAUSIBLE_SAMPLE = 64 * 1024
_IMPLAUSIBLE_CATEGORIES = frozenset({"Cn", "Co", "Cs"})


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    how: str  # "bom", "utf-8", "declared", "detected" or "fallback"


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start and no UTF-16/32 byte-order mark: not a text file."""
    return b"\x00" in data[:8192] and not any(data.startswith(bom) for bom, _ in BOMS)


def implausible_text(text: str) -> bool:
    """Whether decoded text is really a binary file: in its first 64 K characters, more
    than MAX_IMPLAUSIBLE_SHARE are unassigned, private-use or surrogate code points, NULs,
    or a U+FEFF after the start. (Other control characters are a hostile article's, which
    is text: they are dropped when stored.) Linear: one count of the characters."""
    from collections import Counter

    sample = text[:IMPLAUSIBLE_SAMPLE]
    if not sample:
        return False
    # Most pages hold no such character at all: their distinct characters say so, 3x
    # faster than counting every character.
    if not any(_implausible(char) for char in set(sample)):
        return False
    counts = Counter(sample)
    odd = counts["\x00"] + counts["\ufeff"] - (sample[0] == "\ufeff")
    odd += sum(
        count
        for char, count in counts.items()
        if unicodedata.category(char) in _IMPLAUSIBLE_CATEGORIES
    )
    return odd > max(2, len(sample) * MAX_IMPLAUSIBLE_SHARE)


def _implausible(char: str) -> bool:
    return char in "\x00\ufeff" or unicodedata.category(char) in _IMPLAUSIBLE_CATEGORIES


def decode_bytes(data: bytes, content_type: str = "") -> Decoded:
    """Decode `data` by BOM, UTF-8, declared charset and detection, in that order.

    `content_type` is an HTTP Content-Type header when the bytes were fetched."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(encoding, errors="replace"), encoding, "bom")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared:
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except UnicodeDecodeError:
            pass
    detected = _detect(data)
    if detected:
        try:
            return Decoded(data.decode(detected), detected, "detected")
        except (UnicodeDecodeError, LookupError):
            pass
    return Decoded(data.decode("cp1252", errors="replace"), "cp1252", "fallback")


def declared_charset(data: bytes, content_type: str = "") -> str:
    """The Python codec name of the charset the header or the page declares, or ""."""
    labels: list[str] = []
    header = HEADER_CHARSET.search(content_type)
    if header:
        labels.append(header.group(1))
    head = data[:PRESCAN_BYTES]
    for pattern in (META_CHARSET, XML_ENCODING):
        found = pattern.search(head)
        if found:
            labels.append(found.group(1).decode("ascii", errors="ignore"))
    for label in labels:
        codec = _codec(label)
        if codec:
            return codec
    return ""


def _codec(label: str) -> str:
    label = label.strip().lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return ""
    # A page that declares UTF-16 without a BOM is almost always UTF-8 saved by a tool
    # that copied the meta tag; bytes that fail UTF-8 are better detected than forced.
    return "" if name.startswith(("utf-16", "utf-32", "utf-8")) else name


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    sample = data if len(data) <= DETECTION_SAMPLE else data[:DETECTION_SAMPLE]
    best = from_bytes(sample).best()
    detected = codecs.lookup(str(best.encoding)).name if best is not None else ""
    if detected in TRUSTED_DETECTIONS or not _single_byte(detected):
        return detected
    return "cp1252"


def _single_byte(codec: str) -> bool:
    """One character a byte: its 128 high bytes decode to 128 characters."""
    try:
        return len(bytes(range(128, 256)).decode(codec, errors="replace")) == 128
    except LookupError:
        return False
