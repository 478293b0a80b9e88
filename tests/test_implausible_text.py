"""A decoded file is refused as binary by its share of characters no text holds (NUL, a
byte-order mark past the start, unassigned, private-use, surrogate): the quick answer for a
page holding none of them is the answer the full count gives."""

from __future__ import annotations

import pytest

from factcheck_tui.core.intake.decode import implausible_text


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("", False),
        ("A plain story. " * 400, False),
        ("\ufeff" + "Une histoire, déjà lue. " * 100, False),  # a BOM at the start is fine
        ("Zwei\ufeff Dateien\ufeff zusammengefügt\ufeff" + "x" * 100, True),
        ("\x00\x00\x00" + "a" * 10, True),
        ("\x00" + "a" * 1_000, False),  # one stray NUL in a thousand characters
        ("\ue000" * 5 + "a" * 100, True),  # private use
        ("a" * 50 + "\ud800\udfff\ud801", True),  # surrogates
        ("\U000e0fff\U000e0ffe\U0010fffe" + "a" * 50, True),  # unassigned
        ("tweet 🙂 " * 100, False),
    ],
)
def test_text_is_told_from_binary(text: str, binary: bool) -> None:
    assert implausible_text(text) is binary
