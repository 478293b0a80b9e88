"""Pasted text made a claim: what a tweet or web snippet carries besides its claim goes.

Links, `pic.twitter.com/…`, `RT @x:` and HTML entities are dropped; hashtags and handles
become the words they are made of (`#ImpeachTrump` → `Impeach Trump`); an embedded tweet's
tail `— Ilhan Omar (@IlhanMN) January 6, 2020` is kept apart as `Ilhan Omar January 2020`
(fact-checks often say who claimed what, and when; its date is not a figure of the claim).
"""

from __future__ import annotations

import html
import re

from factcheck_tui.core.text.dates import ENGLISH_ABBREVIATIONS, ENGLISH_MONTHS

_URL = re.compile(r"(?:https?://|www\.)\S+|pic\s?\.twitter\.com/\S*|\bt\.co/\S+", re.IGNORECASE)
_MONTHS = "|".join((*ENGLISH_MONTHS, *ENGLISH_ABBREVIATIONS))
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
