"""Untrusted text (articles, reports, notes, names, file names) on its way out of factcheck.

One policy, three doors:

- `printable` decides how text is *shown*, on every surface: the TUI's widgets and
  notifications, every line the CLI prints. Control characters (C0 but tab and newline, DEL,
  C1) become visible stand-ins (U+2400 control pictures, U+2421, U+FFFD) and the bidi
  controls that reorder what a reader sees (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069)
  become U+FFFD, one character for one, so character offsets into an article stay valid.
  With `one_line`, line breaks and tabs are shown as spaces too: a report's rating cannot
  forge a line of output. Markup is the widgets' job: they show text as `Text`/`Content`,
  never parse it.
- `without_controls` decides what is *stored* from a file: imports drop control characters
  (tab and newline kept); bidi marks are kept, since Arabic and Hebrew text needs them.
- `name_text` is a file name as text (UTF-8 whatever the locale, controls dropped).
- `clipboard_text` decides what is *copied*: no control or bidi character reaches the
  clipboard (OSC 52 payload or the system clipboard).

`json_text` writes JSON whose every character is safe on a terminal (C0 is escaped by json
itself; DEL, C1, bidi controls and U+2028/U+2029 are escaped here) and parses back the same.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

BIDI_CONTROLS: tuple[int, ...] = (
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)
REPLACEMENT = 0xFFFD

_SHOWN: dict[int, int] = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n"},
    0x7F: 0x2421,
    **{code: REPLACEMENT for code in range(0x80, 0xA0)},
    **{code: REPLACEMENT for code in BIDI_CONTROLS},
    # Lone surrogates: a file name's undecodable bytes; no encoder can write them.
    **{code: REPLACEMENT for code in range(0xD800, 0xE000)},
}
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_BUT_CR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CLIPBOARD_DROPPED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(chr(code) for code in BIDI_CONTROLS) + "]"
)
_JSON_ESCAPES = str.maketrans(
    {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS, 0x2028, 0x2029)}
)


def printable(text: str, *, one_line: bool = False) -> str:
    """`text` as it may be shown: control and bidi characters as visible stand-ins (same
    length); with `one_line`, every run of whitespace (line breaks, tabs) as one space."""
    shown = text.translate(_SHOWN)
    if one_line:
        return " ".join(shown.split())
    return shown


def without_controls(text: str, *, keep_cr: bool = False) -> str:
    """`text` without the control characters a terminal would act on (tab and newline kept,
    and carriage return with `keep_cr`, for a CSV cell's Windows line breaks): what an import
    stores and an export writes."""
    return (_CONTROLS_BUT_CR if keep_cr else _CONTROLS).sub("", text)


def name_text(name: str) -> str:
    """A file name as text to store and show: its bytes read as UTF-8 whatever the locale's
    encoding (under `LANG=C` Python hands names over with undecodable bytes escaped), what
    is not UTF-8 as U+FFFD, control characters dropped."""
    try:
        raw = os.fsencode(name)
    except UnicodeError:
        raw = name.encode("utf-8", "surrogatepass")
    return without_controls(raw.decode("utf-8", "replace"))


def clipboard_text(text: str) -> str:
    """`text` without control or bidi characters (tab and newline kept): what is copied."""
    return _CLIPBOARD_DROPPED.sub("", text)


def json_text(value: Any, *, indent: int | None = None) -> str:
    """`value` as JSON that is safe to print: non-ASCII kept readable, every character a
    terminal or a line-splitting reader would act on escaped (it parses back the same)."""
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_JSON_ESCAPES)
