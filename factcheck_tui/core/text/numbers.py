"""The figures a text states, so a match can say whether a claim's and a report's agree."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck_tui.core.text.folding import fold

_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|percent\b|per\s*cent\b)?"
    r"(?:\s*(thousand|million|billion|trillion|bn|mn)\b)?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?\b",
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number found in a text: its value and how it was written."""

    value: float
    text: str


def numbers(text: str) -> list[Figure]:
    """The figures a text states: digits ("54", "54,000", "3.5 million", "70%") and number
    words from one to ninety-nine ("fifty-four"). "one" on its own is not counted: it is
    more often a pronoun than a figure."""
    return numbers_in_folded(fold(text))


def numbers_in_folded(folded: str) -> list[Figure]:
    """`numbers` of a text already through `fold`."""
    found: list[Figure] = []
    seen: set[float] = set()
    for match in _NUMBER.finditer(folded):
        value = float(match.group(1))
        scale = (match.group(3) or "").lower()
        if scale:
            value *= _SCALES[scale]
        if value not in seen:
            seen.add(value)
            found.append(Figure(value, match.group(0).strip()))
    for match in _WORD_NUMBER.finditer(folded):
        tens, unit = match.group(1), match.group(2)
        if tens == "one" and not unit:
            continue
        value = float(_NUMBER_WORDS[tens] + (_NUMBER_WORDS[unit] if unit else 0))
        if value not in seen:
            seen.add(value)
            found.append(Figure(value, match.group(0)))
    return found
