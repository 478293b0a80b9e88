"""A text's search terms: its words that carry meaning (stopwords dropped), stemmed (Porter,
1980: `killed`, `kills` and `killing` meet as `kill`), with a few equivalents made one
(`Syrian` → `syria`, `photograph` → `photo`). Space-separated they are `reports.norm_text`
and the claim indexes' `norm_text`, which FTS5 indexes: both sides of a match go through
the same steps, so a report stored today and a claim typed tomorrow meet on the same terms.
"""

from __future__ import annotations

import functools

from factcheck_tui.core.text.folding import words
from factcheck_tui.core.text.stemming import stem

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


# Short texts' terms are remembered (#19): matching reads a candidate's claim and title up
# to four times per claim (score, judgement, reasons), and a desk's article titles recur.
CACHED_TEXTS = 1024
CACHED_LENGTH = 2_000


def content_stems(text: str) -> list[str]:
    """Search terms of a text: stems of the words that carry meaning (stopwords dropped), in
    order, with a few equivalent words made one (`Syrian` → `syria`, `photograph` → `photo`)."""
    if len(text) > CACHED_LENGTH:
        return _stems(text)
    return list(_cached_stems(text))


def _stems(text: str) -> list[str]:
    return [term(word) for word in words(text) if word not in STOPWORDS]


@functools.lru_cache(maxsize=CACHED_TEXTS)
def _cached_stems(text: str) -> tuple[str, ...]:
    return tuple(_stems(text))


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
