"""Dates as typed in articles and pages, to ISO `YYYY-MM-DD` so they sort as dates."""

from __future__ import annotations

import datetime as dt
import re

# The one month table. English names, and the abbreviations English copy uses ("Sept.";
# "may" is written in full): the tweet tail of pasted text, the dates of extraction and the
# abbreviations of the sentence splitter read these.
ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
).split()
ENGLISH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept oct nov dec".split()
# The French and German names of the pages we read, month by month.
_FRENCH_AND_GERMAN = (
    "janvier janv januar jän",
    "février fév fevrier fev februar",
    "mars märz maerz mär",
    "avril avr",
    "mai",
    "juin juni",
    "juillet juil juli",
    "août aout",
    "septembre",
    "octobre okt oktober",
    "novembre",
    "décembre déc decembre dez dezember",
)
# Month name (any language, lower case) → the month's number.
MONTHS = {
    name: number
    for number, (english, others) in enumerate(
        zip(ENGLISH_MONTHS, _FRENCH_AND_GERMAN, strict=True), start=1
    )
    for name in (
        english,
        *(a for a in ENGLISH_ABBREVIATIONS if english.startswith(a)),
        *others.split(),
    )
}
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
WORD_DATE = re.compile(
    r"^(?:[^\W\d_]+\.?,?\s+)?"  # a weekday
    r"(?:(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})"  # 13 July 2018
    r"|([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b"  # July 13, 2018
)


def normalise_date(value: str, *, strict: bool = False) -> str:
    """A date as ISO `YYYY-MM-DD`, so dates sort as dates.

    Read: ISO dates and timestamps (the publisher's local date is kept: the first 10
    characters), `2018/07/13`, `13.07.2018` (day first, as in Europe), `07/13/2018`
    (month first, as in the U.S., unless the first number is over 12), `20180713`, "13 July
    2018", "July 13, 2018", "Fri, 13 Jul 2018 10:00:00 GMT" (month names in English, German
    and French). Anything else is kept as typed (cut to 40 characters), or "" when `strict`
    (metadata of web pages, where a wrong guess is worse than none)."""
    value = " ".join(value.split())
    if not value:
        return ""
    parts: tuple[str | int, ...] | None = None
    if found := ISO_DATE.match(value) or YEAR_FIRST.match(value) or COMPACT_DATE.match(value):
        parts = found.group(1), found.group(2), found.group(3)
    elif found := NUMERIC_DATE.match(value):
        first, separator, second, year = found.groups()
        day_first = separator in ".-" or int(first) > 12
        parts = (year, second, first) if day_first else (year, first, second)
    elif found := WORD_DATE.match(value):
        day, month_name, year = found.group(1, 2, 3) if found.group(1) else found.group(5, 4, 6)
        month = MONTHS.get(month_name.lower().rstrip("."))
        if month:
            parts = year, month, day
    if parts is not None:
        try:
            return dt.date(*(int(part) for part in parts)).isoformat()
        except ValueError:
            pass
    return "" if strict else value[:40]


EARLIEST_YEAR = 1900


def plausible_date(value: str, today: dt.date | None = None) -> str:
    """A page's date as ISO when it can be its publication date, else "": placeholders
    (`0001-01-01T00:00:00Z`), dates before 1900 and dates more than a day ahead of `today`
    (the machine's date, UTC) are refused, so the next source is read."""
    iso = normalise_date(value, strict=True)
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    limit = (today or dt.datetime.now(dt.UTC).date()) + dt.timedelta(days=1)
    return iso if EARLIEST_YEAR <= day.year and day <= limit else ""


# A date written inside a line of text: "March 5, 2019", "5 March 2019", "Mar. 5, 2019",
# "2019-03-05", "05.03.2019"; each candidate is read by `normalise_date`.
DATE_IN_TEXT = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}"
    r"|(?:\d{1,2}(?:st|nd|rd|th|er)?\.?\s+)?[^\W\d_]{3,9}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
    r"\d{4}"
)
# A visible dateline: "Published 3:04 p.m. ET March 5, 2019 | Updated 7:22 a.m. ET March 6".
# The word opens the block, or follows a separator or the date or time zone before it, so
# "He published a book on March 5, 2019" is not read as one.
DATELINE_WORD = re.compile(
    r"(?:^|[|•·]\s*|(?<=\d)\s+|(?<=(?-i:[A-Z]{2}))\s+|(?<=\.)\s+)"
    r"((?:first\s+)?published|posted|updated|last\s+updated|veröffentlicht"
    r"|aktualisiert|publié|mis\s+à\s+jour)\b(?:\s+(?:on|at|am|le))?\s*:?\s*",
    re.IGNORECASE,
)
UPDATED_WORD = re.compile(r"updated|aktualisiert|mis", re.IGNORECASE)
DATELINE_MAX_CHARS = 160


def dateline_dates(blocks: list[str]) -> tuple[str, str]:
    """(published, updated) as ISO from a page's visible datelines, each "" when none:
    the first short block saying "Published …" (or "Posted …") and "Updated …"."""
    found = {"published": "", "updated": ""}
    for block in blocks:
        if len(block) > DATELINE_MAX_CHARS:
            continue
        words = list(DATELINE_WORD.finditer(block))
        for index, word in enumerate(words):
            end = words[index + 1].start() if index + 1 < len(words) else len(block)
            kind = "updated" if UPDATED_WORD.search(word.group(1)) else "published"
            if not found[kind]:
                found[kind] = _first_date(block[word.end() : end])
        if found["published"]:
            break
    return found["published"], found["updated"]


def _first_date(text: str) -> str:
    for candidate in DATE_IN_TEXT.finditer(text):
        iso = plausible_date(candidate.group())
        if iso:
            return iso
    return ""
