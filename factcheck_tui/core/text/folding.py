"""Text folded so two spellings of one word meet: lower case, accents and typographic quotes
folded, digit groups joined (`54,000` → `54000`), dotted acronyms joined; the country acronym
is read from capitals only (`U.S.`, `US`, `USA` → `usa`; lower-case `us` is the pronoun, a
stopword, and `use`/`used` stay verbs). `words` splits folded text into word tokens.
"""

from __future__ import annotations

import re
import unicodedata

# Written in capitals, these name a country; in lower case they are other words (the pronoun
# "us", which also stems like "use" and "used"). `fold` maps only the upper-case token to the
# country's term, so "Teachers use materials" shares nothing with "the US-led coalition".
COUNTRY_ACRONYMS: dict[str, str] = {"US": "usa", "USA": "usa"}
_COUNTRY_ACRONYM = re.compile(r"\b(?:" + "|".join(COUNTRY_ACRONYMS) + r")\b")

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
# Combining diacritical marks (what NFKD splits off "é", "ñ", "ş").
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[,\u202f\u2009](?=\d{3}(?!\d))")
# A word: letters and digits (any script); a number keeps one decimal point ("3.5").
WORD_PATTERN = re.compile(r"\d+(?:\.\d+)?|[^\W_]+")
_APOSTROPHE_S = re.compile(r"(?<=\w)'s\b|(?<=\w)'(?=\w)")
# Dotted acronyms: "U.S." → "US", "U.S.A." → "USA".
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def fold(text: str) -> str:
    """Lower-case, fold accents and typographic punctuation, join digit groups."""
    if not text.isascii():
        text = text.translate(_QUOTES)
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    if "," in text or "\u202f" in text or "\u2009" in text:
        text = _DIGIT_GROUPS.sub("", text)
    if "." in text:
        text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    if "US" in text:
        text = _COUNTRY_ACRONYM.sub(lambda m: COUNTRY_ACRONYMS[m.group(0)], text)
    if "'" in text:
        text = _APOSTROPHE_S.sub("", text)
    return text.casefold()


def words(text: str) -> list[str]:
    """Folded word tokens of `text` in order (numbers keep their decimal point)."""
    return WORD_PATTERN.findall(fold(text))
