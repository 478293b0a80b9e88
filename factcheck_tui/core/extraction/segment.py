"""Sentence segmentation for news copy: character offsets, no dependencies.

`split_sentences(text)` returns `(start, end)` pairs such that `text[start:end]` is one
sentence with the whitespace around it left out. It is built for wire copy and debate
transcripts: abbreviations, titles and initials ("U.S.", "then-Rep.", "(D-Calif.)",
"George W. Bush", "5 p.m."), decimals ("3.5%", "$4.2 billion"), ellipses, quotes and
brackets closing after the full stop (`he said "we will." Then`), footnote marks
("Hinton.[1] It"), Unicode quotes and dashes, paragraph breaks and list items (a line
that starts with a bullet or "1." is a sentence of its own).

Quoted speech that runs on into its attribution stays one sentence with it, however many
sentences the quotation holds: `"We tried. It just doesn't," said Jeff Miller.` is one
sentence (the checker checks what Jeff Miller said, and the first half alone has no
speaker). A quotation that ends with its own full stop (`"It failed. We know why."`)
ends a sentence there and is split like any other text. An ellipsis inside a quotation
(`"…his hatred ... I think we have to stop him."`, spaced `. . .` too) marks an omission:
the quotation goes on. "At 5 a.m. Mr. Smith went" is one sentence (a sentence that is so
far only a time phrase does not end at "a.m."), "Donald Trump and I. Donald, it's good"
is two (the pronoun "I", and a letter after "War" or "Plan", is no initial). The choice
between this and pysbd, measured on `tests/data/sentence_cases.tsv`, real debate
transcripts and 1 MB inputs, is in `benchmarks/segmentation.py`.

Every step is a single left-to-right pass or a lookup bounded by a small constant, so the
cost is linear in the length of the text whatever it holds (no regex here can backtrack
over more than one run of characters).
"""

from __future__ import annotations

import re

from factcheck_tui.core.text.dates import ENGLISH_ABBREVIATIONS

# A hard break: a blank line (whitespace-only line), a Unicode paragraph separator, or a
# line break before a list bullet ("- ", "* ", "• ", "1. ", "2) ").
_HARD_BREAK = re.compile(
    r"\n[^\S\n]*\n"
    r"|\u2029"
    r"|\n(?=[^\S\n]*(?:[-*•‣◦▪·–—]|\d{1,3}[.)])[^\S\n])"
)

# A run of terminal punctuation, the quotes or brackets that close over it, and the
# footnote marks after it ("Hinton.[1]", "restored.*"). A spaced ellipsis (". . .", and
# ". . . ." ending a sentence) is one run, not three full stops.
_TERMINATOR = re.compile(
    r"(?:\.(?:[ \u00a0]\.){2,3}(?![ \u00a0]\.)|[.!?…‽。！？]+)[\"'”’»›)\]}]*(?:\[\d{1,3}\])*\*{0,3}"
)
# A list item's marker at the start of a line: a bullet or "1." / "2)".
_LIST_MARKER = re.compile(r"[^\S\n]*(?:[-*•‣◦▪·–—]|\d{1,3}[.)])[^\S\n]")
# Full-width terminators end a sentence without a following space (CJK has none).
_CJK_TERMINATORS = frozenset("。！？")

# Titles that come before a name and never end a sentence.
_TITLES = frozenset(
    """
    mr mrs ms mx dr prof col gen lt sgt capt cpt maj cpl pvt adm cmdr cdr brig
    sen rep gov pres supt det insp rev hon fr sr jr messrs mme mlle gens sens reps
    """.split()
)
# Titles that, after an abbreviation that may end a sentence, open the next one
# ("at the U.N. Mr. Herter said"); not "U.S. Sen. Cruz", where the title belongs to it.
_OPENING_TITLES = frozenset("mr mrs ms mx dr prof messrs".split())
# Abbreviations that rarely end a sentence: no break after them.
_NEVER_FINAL = frozenset("e.g i.e vs v cf viz approx est fig figs ca re p.s".split())
# Abbreviations that may end a sentence: a break only when a sentence-opening word follows.
_AMBIGUOUS = frozenset(
    """
    st no nos inc ltd co corp bros llc plc etc al dept univ ave blvd rd mt ft
    mon tue tues wed thu thur thurs fri sat sun
    a.m p.m u.s u.k u.n u.s.a e.u d.c prop pp vol
    ala ariz ark calif colo conn del fla ga ill ind kan ky md mass mich minn miss mo mont
    neb nev okla ore pa penn tenn tex va vt wash wis wyo
    """.split()
).union(ENGLISH_ABBREVIATIONS)
# Words that open sentences; after an ambiguous abbreviation they signal a break.
_OPENERS = frozenset(
    """
    the a an he she it they we i you this that these those there here his her its their
    our my your but and or so yet then now still also however meanwhile in on at after
    before when while if as for some many most several officials according since during
    although though because what who why how where which no not one two three its it's
    """.split()
)
# Words that open a time phrase ("At 5 a.m. Mr. Smith went"): a sentence that is so far
# only such a phrase does not end at its "a.m." / "p.m.", whatever follows.
_TIME_PHRASE_OPENERS = frozenset(
    "at by around about until till before after shortly just since from on early late".split()
)
_TIME_PHRASE_WORDS = 6  # "On Tuesday at 10:30 a.m." is 5 words
_CLOCK = frozenset({"a.m", "p.m"})
# Words before a single capital letter that make it a label, not a name's initial:
# "World War I. Germany lost", "Plan B. Democrats".
_LABEL_NOUNS = frozenset(
    """
    war plan group class type vitamin title section article part grade phase stage
    category schedule level division tier appendix exhibit chapter form model channel
    """.split()
)
_INITIALS = re.compile(r"[^\W\d_](?:\.[^\W\d_])*")  # "W", "U.S", "e.g", "a.m", "Ph.D"
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([^\W\d_]\w{0,30})")  # "That's" gives "That"
_TOKEN_LOOKBACK = 24  # longest abbreviation token examined before a full stop
_OPENING_BRACKETS = frozenset("([{")
# Quotation marks: curly ones say which way they face; a straight one opens when it
# follows a space, an opening bracket or dash, or starts the paragraph.
_OPENING_QUOTES = frozenset("“«")
_CLOSING_QUOTES = frozenset("”»")
_STRAIGHT_QUOTE = '"'
_QUOTE_MARK = re.compile('[“”«»"]')
_BEFORE_OPENING_QUOTE = frozenset("([{—–-/")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of each sentence of `text`: `text[start:end]` is the sentence, stripped.

    Never raises on a `str`, never yields an empty span; spans are in order and disjoint.
    """
    spans: list[tuple[int, int]] = []
    block_start = 0
    for match in _HARD_BREAK.finditer(text):
        _split_list_item(text, block_start, match.start(), spans)
        block_start = match.end()
    _split_list_item(text, block_start, len(text), spans)
    return spans


def _split_list_item(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """A block that opens with a list marker ends its item at the end of that line."""
    if _LIST_MARKER.match(text, start, end):
        line_end = text.find("\n", start, end)
        if line_end >= 0:
            _split_block(text, start, line_end, spans)
            start = line_end + 1
    _split_block(text, start, end, spans)


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentences of `text[start:end]` (a paragraph or list item) to `spans`."""
    sentence_start = start
    quotes = iter(_quotations(text, start, end))
    quote = next(quotes, None)
    for match in _TERMINATOR.finditer(text, start, end):
        punct, cut = match.start(), match.end()
        while quote is not None and quote[1] < punct:
            quote = next(quotes, None)
        if quote is not None and quote[0] < punct and cut <= quote[1]:
            if quote[2] or _is_ellipsis(match.group()):
                continue  # a quotation running on into its attribution, or an omission
        if _is_boundary(text, sentence_start, punct, cut, end):
            _append_stripped(text, sentence_start, cut, spans)
            sentence_start = cut
    _append_stripped(text, sentence_start, end, spans)


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(opening mark, closing mark, runs on) of each quotation in `text[start:end]`; it runs
    on when the sentence goes on after it: it closes on a comma (`"…," said X`), or on
    "?"/"!" with a lower-case word after it (`"…?" she asked`). Inside any quotation an
    ellipsis marks an omission, not a sentence's end. One pass; an unclosed quotation is
    ignored."""
    found: list[tuple[int, int, bool]] = []
    opened = -1
    for match in _QUOTE_MARK.finditer(text, start, end):
        index = match.start()
        char = text[index]
        if char in _OPENING_QUOTES or (char == _STRAIGHT_QUOTE and _opens_here(text, index, start)):
            opened = index
        elif opened >= 0 and (char in _CLOSING_QUOTES or char == _STRAIGHT_QUOTE):
            found.append((opened, index, _sentence_goes_on(text, index, end)))
            opened = -1
    return found


def _opens_here(text: str, index: int, start: int) -> bool:
    return index == start or text[index - 1].isspace() or text[index - 1] in _BEFORE_OPENING_QUOTE


def _sentence_goes_on(text: str, close: int, end: int) -> bool:
    """Whether the sentence continues after the closing quotation mark at `close`."""
    before = text[close - 1] if close > 0 else ""
    if before == ",":
        return True
    if before in "?!":
        nxt = _next_visible(text, close + 1, end)
        return nxt >= 0 and text[nxt].islower()
    return False


def _is_boundary(text: str, sentence_start: int, punct: int, cut: int, end: int) -> bool:
    """Whether the punctuation run `text[punct:cut]` ends the sentence begun at `sentence_start`."""
    if cut >= end:
        return True
    if text[punct] in _CJK_TERMINATORS and text[cut - 1] in _CJK_TERMINATORS:
        return _has_content(text, sentence_start, punct)
    if not text[cut].isspace():
        return False  # "3.5", "example.com", "U.S.-led", "?!" inside a word
    if not _has_content(text, sentence_start, punct):
        return False  # a leading ellipsis, or punctuation alone
    if punct > 0 and text[punct - 1] in _OPENING_BRACKETS:
        return False  # "[...]" marks an omission inside a quotation
    nxt = _next_visible(text, cut, end)
    if nxt < 0:
        return True
    if text[nxt].islower():
        return False  # "Will we?" he asked. / "He paused... then went on."
    run = text[punct:cut]
    if run.endswith("*") and not text[punct - 1].isalnum():
        return False  # "*.*" is not a sentence with a footnote mark ("restored.* This")
    if text[nxt] == "(" and run[-1] in _CLOSING_QUOTES:
        return False  # a quoted title and its reference: “Headed to a recount?” (Page B1)
    if not run.startswith(".") or _is_ellipsis(run):
        return True  # "?", "!", an ellipsis: ends here when a capital (or digit) follows
    return _full_stop_ends(text, sentence_start, punct, nxt, end)


def _full_stop_ends(text: str, sentence_start: int, punct: int, nxt: int, end: int) -> bool:
    """Whether the full stop at `punct`, before the capital at `nxt`, ends the sentence."""
    token = _token_before(text, sentence_start, punct)
    if _is_list_number(text, sentence_start, punct, token):
        return False  # "1. Christie Leigh Mueller": the number of a list item
    key = token.lower()
    if key.rpartition("-")[2] in _TITLES or key in _NEVER_FINAL:
        return False  # "Gen.", "then-Rep.", "e.g."
    if key in _CLOCK and _only_time_phrase(text, sentence_start, punct - len(token)):
        return False  # "At 5 a.m. Mr. Smith went": the phrase opens the sentence
    if len(token) == 1 and token.isupper() and _is_label(text, sentence_start, punct - 1, token):
        return True  # "Donald Trump and I. Donald, it's good", "World War I. Germany"
    if key in _AMBIGUOUS or (_INITIALS.fullmatch(token) and not token.isdigit()):
        return _opens_sentence(text, nxt, end)
    return True


def _is_ellipsis(run: str) -> bool:
    return ".." in run or "…" in run or ". ." in run or ".\u00a0." in run


def _only_time_phrase(text: str, sentence_start: int, stop: int) -> bool:
    """Whether `text[sentence_start:stop]` is a short phrase opening with "At", "By", ...
    (bounded: only a few words are ever looked at)."""
    if stop - sentence_start > 60:
        return False
    words = text[sentence_start:stop].split()
    if not words or len(words) > _TIME_PHRASE_WORDS:
        return False
    return words[0].strip("\"'“‘«([").lower() in _TIME_PHRASE_OPENERS


def _is_label(text: str, sentence_start: int, letter: int, token: str) -> bool:
    """Whether the capital letter at `letter` is a label or the pronoun "I", not an initial:
    after a label noun ("War I", "Plan B"), or "I" after a lower-case word ("and I")."""
    previous = _word_before(text, sentence_start, letter)
    if previous.lower() in _LABEL_NOUNS:
        return True
    return token == "I" and previous[:1].islower()


def _word_before(text: str, sentence_start: int, position: int) -> str:
    """The word ending just before the space before `position` (at most 24 characters)."""
    stop = position
    while stop > sentence_start and text[stop - 1] == " ":
        stop -= 1
    if stop == position:
        return ""
    begin = stop
    while begin > max(sentence_start, stop - _TOKEN_LOOKBACK) and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:stop]


def _is_list_number(text: str, sentence_start: int, punct: int, token: str) -> bool:
    """Whether `token` is a short number alone at the start of its sentence ("1.", "10.")."""
    if not (token.isdigit() and len(token) <= 3):
        return False
    return not _has_content(text, sentence_start, punct - len(token))


def _has_content(text: str, start: int, stop: int) -> bool:
    """Whether `text[start:stop]` holds anything but whitespace (checked from the end)."""
    for index in range(stop - 1, start - 1, -1):
        if not text[index].isspace():
            return True
    return False


def _next_visible(text: str, position: int, end: int) -> int:
    """Index of the first non-space character at or after `position`, or -1 before `end`."""
    while position < end:
        if not text[position].isspace():
            return position
        position += 1
    return -1


def _token_before(text: str, sentence_start: int, punct: int) -> str:
    """The word just before a full stop, without leading quotes or brackets ("U.S", "Col")."""
    begin = punct
    limit = max(sentence_start, punct - _TOKEN_LOOKBACK)
    while begin > limit and not text[begin - 1].isspace():
        begin -= 1
    if begin == limit and begin > sentence_start and not text[begin - 1].isspace():
        return ""  # a long unbroken run: not an abbreviation
    return text[begin:punct].lstrip("\"'“‘«([{")


def _opens_sentence(text: str, position: int, end: int) -> bool:
    """Whether the word at `position` is one that typically opens a sentence."""
    match = _NEXT_WORD.match(text, position, min(end, position + 40))
    if match is None:
        return False
    word = match.group(1).lower()
    return word in _OPENERS or word in _OPENING_TITLES


def _append_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
