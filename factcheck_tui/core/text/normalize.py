"""Text normalisation shared by report import and matching.

Both sides of a match go through the same steps, so a report stored today and a claim typed
tomorrow meet on the same terms:

- `split_pasted` / `clean_query` strip what a pasted tweet or web snippet carries besides its
  claim: links, `pic.twitter.com/…`, `RT @x:`, HTML entities; hashtags and handles become the
  words they are made of (`#ImpeachTrump` → `Impeach Trump`); an embedded tweet's tail
  `— Ilhan Omar (@IlhanMN) January 6, 2020` is kept apart as `Ilhan Omar January 2020`
  (fact-checks often say who claimed what, and when; its date is not a figure of the claim).
- `fold` lower-cases, folds accents and typographic quotes, joins digit groups
  (`54,000` → `54000`) and dotted acronyms; the country acronym is read from capitals only
  (`U.S.`, `US`, `USA` → `usa`; lower-case `us` is the pronoun, a stopword, and `use`/`used`
  stay verbs).
- `words` splits folded text into word tokens; `term` stems one (Porter, 1980: `killed`,
  `kills` and `killing` meet as `kill`) and maps a few equivalents to one term
  (`Syrian` → `syria`, `photograph` → `photo`).
- `content_stems` gives a text's search terms (stopwords dropped): space-separated, they are
  `reports.norm_text`, which FTS5 indexes.
- `numbers` pulls the figures out of a text so a match can say whether they agree.

Pure standard library; no Textual, no database.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass

# Common English function words: never used to find candidates, never counted as a shared
# word. Kept short on purpose: negations ("not", "no", "never") are *not* here, they change
# what a claim says.
STOPWORDS: frozenset[str] = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves s t ll re ve d m o y via amp
    rt also says said say saying now get got one like us
    """.split()
)
# Written in capitals, these name a country; in lower case they are other words (the pronoun
# "us", which also stems like "use" and "used"). `fold` maps only the upper-case token to the
# country's term, so "Teachers use materials" shares nothing with "the US-led coalition".
COUNTRY_ACRONYMS: dict[str, str] = {"US": "usa", "USA": "usa"}
_COUNTRY_ACRONYM = re.compile(r"\b(?:" + "|".join(COUNTRY_ACRONYMS) + r")\b")

_URL = re.compile(r"(?:https?://|www\.)\S+|pic\s?\.twitter\.com/\S*|\bt\.co/\S+", re.IGNORECASE)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# The tail of an embedded tweet: "— Name (@handle) January 6, 2020" (also "-" or "–").
_TWEET_TAIL = re.compile(
    r"\s*[—–-]+\s*(?P<name>[^—–\n]{0,80}?)\s*\(@\w{1,30}\)\s*"
    rf"(?:(?P<month>{_MONTHS})\.?\s+\d{{1,2}},?\s+(?P<year>\d{{4}})|[\w ,.]{{0,20}})\s*[\"']?\s*$",
    re.IGNORECASE,
)
_RETWEET = re.compile(r"^\s*RT\s+@\w+:?\s*", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")
_HASHTAG = re.compile(r"#(\w+)")
# Where to split run-together words: fooBar, FOOBar, Hillary2016, 7Charlevoix, snake_case.
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d{4})|(?<=\d)(?=[A-Z][a-z])|_"
)
_SPACES = re.compile(r"\s+")

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


def clean_query(text: str) -> str:
    """Strip tweet and web clutter from pasted text, keeping what says who claimed what.

    Links and `pic.twitter.com/…` go; `#ImpeachTrump` and `@realDonaldTrump` become the
    words they are made of; an embedded tweet's tail `— Ilhan Omar (@IlhanMN) January 6, 2020`
    is kept as `Ilhan Omar January 2020` (fact-checks often name who said it and when).
    """
    body, attribution = split_pasted(text)
    return f"{body} {attribution}".strip()


def split_pasted(text: str) -> tuple[str, str]:
    """(the claim, cleaned; who posted it and when, from an embedded tweet's tail or "")."""
    text = html.unescape(text)
    text = _RETWEET.sub("", text)
    text = _URL.sub(" ", text)
    attribution = ""
    tail = _TWEET_TAIL.search(text)
    if tail:
        kept = [tail.group("name"), tail.group("month") or "", tail.group("year") or ""]
        attribution = _SPACES.sub(" ", " ".join(kept)).strip()
        text = text[: tail.start()]
    text = _HASHTAG.sub(lambda m: " " + split_words(m.group(1)) + " ", text)
    text = _HANDLE.sub(lambda m: " " + split_words(m.group(1)) + " ", text)
    attribution = _HANDLE.sub(lambda m: " " + split_words(m.group(1)) + " ", attribution)
    return _SPACES.sub(" ", text).strip(), _SPACES.sub(" ", attribution).strip()


def split_words(word: str) -> str:
    """`ImpeachTrump` → `Impeach Trump`, `tyler_mitchell` → `tyler mitchell`."""
    return _CAMEL.sub(" ", word).strip()


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


def content_stems(text: str) -> list[str]:
    """Search terms of a text: stems of the words that carry meaning (stopwords dropped), in
    order, with a few equivalent words made one (`Syrian` → `syria`, `photograph` → `photo`)."""
    return [term(word) for word in words(text) if word not in STOPWORDS]


def term(word: str) -> str:
    """The search term of one folded word: its stem, or the stem it is equivalent to."""
    stemmed = stem(word)
    return EQUIVALENT_STEMS.get(stemmed, stemmed)


# Stems that mean the same thing to a fact-checker, mapped to one: a country and its
# adjective ("Syrian strikes" is about Syria), and the words for a picture.
EQUIVALENT_STEMS: dict[str, str] = {
    "syrian": "syria",
    "iraqi": "iraq",
    "iranian": "iran",
    "russian": "russia",
    "ukrainian": "ukrain",
    "turkish": "turkei",
    "kurdish": "kurd",
    "isra": "israel",
    "palestinian": "palestin",
    "lebanes": "lebanon",
    "jordanian": "jordan",
    "egyptian": "egypt",
    "libyan": "libya",
    "yemeni": "yemen",
    "afghan": "afghanistan",
    "pakistani": "pakistan",
    "indian": "india",
    "chines": "china",
    "japanes": "japan",
    "korean": "korea",
    "american": "america",
    "mexican": "mexico",
    "canadian": "canada",
    "cuban": "cuba",
    "venezuelan": "venezuela",
    "brazilian": "brazil",
    "british": "britain",
    "french": "franc",
    "german": "germani",
    "italian": "itali",
    "spanish": "spain",
    "swedish": "sweden",
    "polish": "poland",
    "irish": "ireland",
    "scottish": "scotland",
    "dutch": "netherland",
    "european": "europ",
    "african": "africa",
    "nigerian": "nigeria",
    "australian": "australia",
    "photograph": "photo",
    "pictur": "photo",
    "pic": "photo",
    "imag": "photo",
    "foto": "photo",
}


# ------------------------------------------------------------------------------- numbers
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


# ------------------------------------------------------------------------ Porter stemmer
_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem_part: str) -> int:
    """m in [C](VC)^m[V]."""
    count = 0
    previous_vowel = False
    for i in range(len(stem_part)):
        vowel = not _is_consonant(stem_part, i)
        if previous_vowel and not vowel:
            count += 1
        previous_vowel = vowel
    return count


def _has_vowel(stem_part: str) -> bool:
    return any(not _is_consonant(stem_part, i) for i in range(len(stem_part)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    return (
        _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _replace(word: str, rules: tuple[tuple[str, str], ...], min_measure: int) -> str:
    for suffix, replacement in rules:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            return base + replacement if _measure(base) > min_measure else word
    return word


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stemmer (1980, with the `bli`/`logi` revisions); numbers and non-ASCII words
    and words of two letters or fewer are returned as they are."""
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    # Step 1a
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("ss"):
        pass
    elif word.endswith("s"):
        word = word[:-1]
    # Step 1b
    extra = False
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    elif word.endswith("ed") and _has_vowel(word[:-2]):
        word, extra = word[:-2], True
    elif word.endswith("ing") and _has_vowel(word[:-3]):
        word, extra = word[:-3], True
    if extra:
        if word.endswith(("at", "bl", "iz")):
            word += "e"
        elif _double_consonant(word) and word[-1] not in "lsz":
            word = word[:-1]
        elif _measure(word) == 1 and _cvc(word):
            word += "e"
    # Step 1c
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    # Steps 2 and 3
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    # Step 4
    for suffix in _STEP4:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if _measure(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
                word = base
            break
    # Step 5a
    if word.endswith("e"):
        base = word[:-1]
        measure = _measure(base)
        if measure > 1 or (measure == 1 and not _cvc(base)):
            word = base
    # Step 5b
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word
