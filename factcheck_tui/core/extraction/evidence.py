"""The rules' evidence: what a fact-checker recognises in a sentence (figures, dates,
names, attributions, comparisons, causes; opinion, questions and short lines against),
each piece kept as a short reason ("number: 54", "attribution: said", "named: ISIS").

`extract` scores a sentence from these counts, and `facts` marks the same figures, dates,
names and attributions as a claim's facts, so a fact is proposed only where a reason was.
Linear in the sentence, plain Python.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from factcheck_tui.core.text.dates import ENGLISH_ABBREVIATIONS, ENGLISH_MONTHS

MAX_SCORED_CHARS = 2_000  # a longer "sentence" is a paragraph: read only this far
# Evidence kinds, in the order reasons are listed (the rules' weights and the model's
# features use the same kinds).
KINDS: tuple[str, ...] = (
    "number",
    "quantity",
    "percent",
    "money",
    "ordinal",
    "date",
    "named",
    "attribution",
    "comparison",
    "causal",
    "opinion",
    "question",
    "short",
)
_ORDER = {kind: index for index, kind in enumerate(KINDS)}
_SHORT_WORDS = 5


def _lower_literals(source: str) -> str:
    """A pattern's source with its letters lower-cased; escapes (`\\b`, `\\S`) and named
    groups (`(?P<money>`) kept."""
    out: list[str] = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out).replace("(?p<", "(?P<")


def _for_lowered_text(source: str) -> re.Pattern[str]:
    """A case-insensitive pattern, compiled to search lower-cased text (`caseless`):
    2-4x faster here than re.IGNORECASE on the text itself."""
    return re.compile(_lower_literals(source))


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Matches:
    """What the searches for figures, dates, names and attributions found in one sentence,
    as spans of `text` (its first MAX_SCORED_CHARS characters): the rules count them, and
    `facts` marks them without searching the sentence again."""

    text: str
    dates: tuple[Span, ...]
    numbers: tuple[tuple[int, int, str], ...]  # every figure found: start, end, its group
    taken: tuple[Span, ...]  # the dates and the figures not inside one: names skip them
    names: tuple[tuple[int, str, str], ...]  # `find_names(text, taken)`
    attributions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rules found in one sentence: counts per kind and the reasons to show."""

    counts: dict[str, int]
    reasons: tuple[str, ...]
    words: int
    matches: Matches | None = field(default=None, compare=False, repr=False)


# "May" is left to the patterns below: alone it is more often the verb.
_MONTHS = "|".join(
    [name for name in ENGLISH_MONTHS if name != "may"]
    + [re.escape(f"{abbreviation}.") for abbreviation in ENGLISH_ABBREVIATIONS]
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
DATE = _for_lowered_text(
    r"\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|\b(?:{_MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+\d{{4}})?"
    r"|\bMay\s+\d{1,2}\b|\bMay,?\s+\d{4}\b|\b\d{1,2}\s+May\b"
    rf"|\b(?:{_WEEKDAYS})(?:'s)?\b"
    r"|\b(?:18|19|20)\d\d(?:s|'s)?\b(?![.,]\d|\s*%|\s*percent)"
    r"|\b(?:last|this|next|past|previous|coming)\s+"
    r"(?:week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|night)\b"
    r"|\b(?:yesterday|today|tonight|tomorrow)\b"
    r"|\b(?:in\s+)?recent\s+(?:days|weeks|months|years)\b"
    r"|\b(?:\w+\s+)?(?:days|weeks|months|years|decades)\s+ago\b",
)
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    "|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion"
    "|hundreds|thousands|millions|billions|trillions|dozen|dozens|scores|half|twice"
    "|double|doubled|triple|tripled|quadrupled|halved|one-third|two-thirds|one-quarter"
)
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
NUMBER = _for_lowered_text(
    # money: $4.2 billion, £300, 20 million dollars
    rf"(?P<money>[$£€¥]\s?\d[\d,]*(?:\.\d+)?{_SCALE}"
    r"|\b\d[\d,]*(?:\.\d+)?(?:\s(?:thousand|million|billion|trillion))?\s"
    r"(?:dollars|euros|pounds|cents|yuan|rupees|USD|EUR)\b)"
    # percentages: 3.5%, 12 percent, two percentage points
    r"|(?P<percent>\b\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b|percentage points?\b)"
    rf"|\b(?:{_NUMBER_WORDS})\s(?:per\s?cent|percentage points?)\b)"
    # ordinals: 3rd, 21st, third
    r"|(?P<ordinal>\b\d+(?:st|nd|rd|th)\b"
    r"|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twentieth|hundredth)"
    r"(?=\s+(?:largest|biggest|highest|lowest|most|least|time|year|straight|consecutive"
    r"|quarter|round|term|day|week|month))\b)"
    # plain numbers: 54, 1,200, 3.5, 52-48
    r"|(?P<number>\b\d[\d,]*(?:\.\d+)?(?:-\d+)?\b"
    rf"|\b(?:{_NUMBER_WORDS})\b)",
)
# Words after a number that end the quantity it counts ("54 people | including").
_QUANTITY_STOP = frozenset(
    """
    a an the of in on at to for from by with and or but as than that which who were was
    is are be been had has have including includes across per each among into over under
    more less fewer about after before since during while this these those it its their
    his her our your my people's said says told years year days months weeks ago
    """.split()
)
_WORD_AFTER = re.compile(r"\s+([a-z][a-z'-]*)")

ATTRIBUTION = _for_lowered_text(
    r"\b(?:said|says|told|tells|according to|reported|reports|reportedly|claimed|claims"
    r"|announced|announces|accused|accuses|stated|states that|confirmed|confirms|denied"
    r"|denies|estimated|estimates|alleged|alleging|alleges|insisted|warned|testified"
    r"|acknowledged|admitted|revealed|disclosed|quoted|cited|citing|found that|shows that"
    r"|showed that|show that|data show|study|survey|poll|census|statistics)\b",
)
_COMPARISON = _for_lowered_text(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse|faster"
    r"|slower|older|younger|cheaper|[a-z]+er)\s+than\b"
    r"|\b(?:as (?:many|much|few|little|high|low) as|at least|at most|up to|nearly|almost"
    r"|most|least|majority|minority|record|all-time|only|half of)\b"
    r"|\b(?:increased?|increasing|decreased?|decreasing|rose|risen|rising|fell|fallen"
    r"|falling|grew|grown|growing|declined?|dropped|doubled|tripled|halved|surged|soared"
    r"|plunged|cut|raised|lowered|reduced|gone up|gone down|went up|went down)\b"
    r"|\b[a-z]{2,}est\b",
)
# Words ending in "est" that are not superlatives.
_NOT_SUPERLATIVE = frozenset(
    """
    interest request protest arrest forest honest modest harvest contest suggest digest
    manifest invest priest quest conquest unrest guest chest nest pest rest test vest west
    zest lest crest behest earnest midwest northwest southwest bequest inquest divest
    infest molest attest detest congest ingest protest pretest retest southeast northeast
    tempest everest dishonest
    """.split()
)
_CAUSAL = _for_lowered_text(
    r"\b(?:because|caused?|causes|causing|led to|leads? to|leading to|due to|as a result"
    r"|resulted in|results? in|result of|owing to|thanks to|blamed|blames|responsible for"
    r"|therefore|consequently|contributed to|triggered|so that)\b",
)
_OPINION = _for_lowered_text(
    r"\b(?:i think|i believe|i feel|i hope|i want|i'm going to|i am going to|i will|i'll"
    r"|we will|we'll|we must|we should|we need to|we're going to|let me|let's|thank you"
    r"|thanks|good evening|good morning|in my opinion|my friends|god bless|of course"
    r"|great|wonderful|terrible|awful|amazing|fantastic|beautiful|horrible|disgrace"
    r"|disgraceful|ridiculous|love|hate|should|ought to|must|would|might|maybe|perhaps)\b",
)

# Capitalised words, acronyms and connectors for named-entity spotting.
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z][A-Z0-9&]{1,7}s?\b")
_CONNECTORS = frozenset("of for the and de del da di du la le al bin ibn von van y on".split())
_FUNCTION_WORDS = frozenset(
    """
    the a an in on at to of for from by with and or but as if so yet then when while after
    before since during i we you he she it they this that these those there here his her its
    their our my your what who why how where which mr mrs ms dr no not yes one all some many
    most every each also however meanwhile now still because although though earlier later
    today yesterday tonight according
    """.split()
)
_MONTH_AND_DAY_NAMES = frozenset([*ENGLISH_MONTHS, *_WEEKDAYS.split("|")])
_NOT_ACRONYM = frozenset({"I", "A", "OK", "TV", "AM", "PM", "II", "III"})


def sentence_matches(text: str) -> Matches:
    """The figures, dates, names and attributions of one sentence (its first
    `MAX_SCORED_CHARS` characters), each search run once."""
    return _searched(text)[0]


def _searched(text: str) -> tuple[Matches, dict[re.Pattern[str], re.Pattern[str]], str]:
    """`sentence_matches`, with the patterns and text `caseless` gave for the other searches."""
    text = text[:MAX_SCORED_CHARS]
    patterns, searched = caseless(text)
    dates = tuple(match.span() for match in patterns[DATE].finditer(searched))
    taken = list(dates)
    numbers: list[tuple[int, int, str]] = []
    for match in patterns[NUMBER].finditer(searched):
        start, end = match.span()
        numbers.append((start, end, match.lastgroup or "number"))
        if not overlaps((start, end), taken):
            taken.append((start, end))
    matches = Matches(
        text=text,
        dates=dates,
        numbers=tuple(numbers),
        taken=tuple(taken),
        names=tuple(find_names(text, taken)),
        attributions=tuple(m.span() for m in patterns[ATTRIBUTION].finditer(searched)),
    )
    return matches, patterns, searched


def rule_evidence(text: str) -> Evidence:
    """Every piece of evidence the rules find in one sentence, with a reason for each.

    Only the first `MAX_SCORED_CHARS` characters are read: a longer "sentence" is a
    paragraph with no full stop, and reading all of it would cost time, not information.
    """
    matches, patterns, searched = _searched(text)
    text = matches.text
    found: list[tuple[int, str, str]] = []  # (position, kind, shown text)
    found.extend((start, "date", text[start:end].strip()) for start, end in matches.dates)
    counted = set(matches.taken[len(matches.dates) :])  # the figures not inside a date
    for start, end, kind in matches.numbers:
        if (start, end) not in counted:
            continue  # inside a date
        shown = text[start:end]
        if kind == "number":
            quantity = quantity_words(text, end)
            if quantity:
                kind, shown = "quantity", f"{shown} {quantity}"
        found.append((start, kind, shown))
    found.extend(matches.names)
    found.extend((at, "attribution", text[at:end].lower()) for at, end in matches.attributions)
    for kind, pattern in (("comparison", _COMPARISON), ("causal", _CAUSAL), ("opinion", _OPINION)):
        for match in patterns[pattern].finditer(searched):
            start, end = match.span()
            word = text[start:end]
            if kind == "comparison" and _not_comparison(word):
                continue
            found.append((start, kind, word.lower()))

    words = len(_WORD.findall(text)) + len(re.findall(r"\b\d", text))
    stripped = text.rstrip("\"'”’)] ")
    if stripped.endswith("?"):
        found.append((len(text), "question", ""))
    if words < _SHORT_WORDS:
        found.append((len(text), "short", f"{words} word{'s' if words != 1 else ''}"))

    counts: dict[str, int] = {}
    reasons: list[str] = []
    seen: set[str] = set()
    for _, kind, shown in sorted(found, key=lambda item: (_ORDER[item[1]], item[0])):
        counts[kind] = counts.get(kind, 0) + 1
        reason = f"{kind}: {shown}" if shown else kind
        if reason not in seen:
            seen.add(reason)
            reasons.append(reason)
    return Evidence(counts=counts, reasons=tuple(reasons), words=words, matches=matches)


# The case-insensitive patterns: they search the lower-cased sentence, which finds what
# re.IGNORECASE finds in the sentence wherever lower-casing keeps every character in place
# and folds as re.IGNORECASE does. It does not for "İ", which lower-cases to two
# characters, nor for "ı" and "ſ", which match "i" and "s" only under re.IGNORECASE: such
# a sentence is searched as it is, with the patterns compiled again with re.IGNORECASE.
_CASELESS_PATTERNS = (DATE, NUMBER, ATTRIBUTION, _COMPARISON, _CAUSAL, _OPINION)
_AS_THEY_ARE = {pattern: pattern for pattern in _CASELESS_PATTERNS}
_FOLDED_APART = frozenset("ıſ")


@functools.cache
def _ignoring_case() -> dict[re.Pattern[str], re.Pattern[str]]:
    """The same patterns for text that cannot be lower-cased in place (compiled when first
    needed: most sentences never need them)."""
    return {pattern: re.compile(pattern.pattern, re.IGNORECASE) for pattern in _CASELESS_PATTERNS}


def caseless(text: str) -> tuple[dict[re.Pattern[str], re.Pattern[str]], str]:
    """The patterns to search `text` with (`patterns[DATE]` for `DATE`), and the text to
    search: spans found are spans of `text`; take the words from `text`, not the match."""
    lowered = text.lower()
    if len(lowered) != len(text) or not _FOLDED_APART.isdisjoint(text):
        return _ignoring_case(), text
    return _AS_THEY_ARE, lowered


def overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def quantity_words(text: str, position: int) -> str:
    """Up to two lower-case words after a number that say what it counts, or ""."""
    words: list[str] = []
    for _ in range(2):
        match = _WORD_AFTER.match(text, position)
        if match is None:
            break
        word = match.group(1)
        if word in _QUANTITY_STOP or word.endswith(("ed", "ing", "ly")):
            break
        words.append(word)
        position = match.end()
    return " ".join(words)


def _not_comparison(word: str) -> bool:
    lowered = word.lower()
    if " " in lowered:
        return False
    return lowered.endswith("est") and (lowered in _NOT_SUPERLATIVE or len(lowered) < 5)


def _ends_sentence(token: str) -> bool:
    """A word with a full stop that is not an abbreviation or initial ("Iraqis." but not
    "Col.", "W." or "U.S."): a name does not run on past it into the next sentence."""
    if not token.endswith("."):
        return False
    word = token.rstrip(".")
    return "." not in word and len(word) > 3


def find_names(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """Names: capitalised runs not opening the sentence, and acronyms ("ISIS", "U.S.")."""
    found: list[tuple[int, str, str]] = []
    tokens = [m for m in _WORD.finditer(text)]
    first_word = tokens[0].start() if tokens else -1
    index = 0
    while index < len(tokens):
        token = tokens[index]
        spelled = token.group()
        # Most words: lower-case, unhyphenated (what `_name_part` refuses first), skipped here.
        word = _name_part(spelled) if "-" in spelled or spelled[0].isupper() else ""
        if not word or overlaps(token.span(), taken):
            index += 1
            continue
        # Grow the run over adjacent capitalised words and inner connectors.
        run = [token]
        last_cap = index
        probe = index + 1
        while probe < len(tokens):
            gap = text[tokens[probe - 1].end() : tokens[probe].start()]
            if gap.strip() or not gap or _ends_sentence(tokens[probe - 1].group()):
                break
            probe_word = tokens[probe].group().rstrip(".'’-")
            if _name_part(probe_word) and not overlaps(tokens[probe].span(), taken):
                run.append(tokens[probe])
                last_cap = probe
            elif probe_word.lower() in _CONNECTORS:
                run.append(tokens[probe])
            else:
                break
            probe += 1
        run = run[: last_cap - index + 1]
        index = last_cap + 1
        names = [_name_part(t.group()) or t.group() for t in run]
        # Leading function words ("The Syrian Observatory", "In Syria") are not the name.
        while names and names[0].lower() in _FUNCTION_WORDS:
            names.pop(0)
            run.pop(0)
        if not names:
            continue
        starts_sentence = run[0].start() == first_word or _after_stop(text, run[0].start())
        if len(names) == 1:
            lowered = names[0].lower()
            if starts_sentence or lowered in _MONTH_AND_DAY_NAMES or lowered in _FUNCTION_WORDS:
                continue
        found.append((run[0].start(), "named", " ".join(names)))
    for match in _ACRONYM.finditer(text):
        acronym = match.group()
        if acronym in _NOT_ACRONYM or any(
            start <= match.start() < start + len(name) for start, _, name in found
        ):
            continue
        found.append((match.start(), "named", acronym))
    return found


def _after_stop(text: str, position: int) -> bool:
    """Whether a word at `position` opens a sentence or quotation inside `text`."""
    before = text[max(0, position - 4) : position].rstrip()
    return before.endswith((".", "!", "?", ":", '"', "“", "‘", "(")) or not before


def _name_part(token: str) -> str:
    """The part of a word that names something: "ISIS-held" → "ISIS", "al-Sousa" kept whole.

    Returns "" for a word that does not look like (part of) a name.
    """
    word = token.rstrip(".'’-")
    if not word or word == "I" or ("-" not in word and not word[0].isupper()):
        return ""  # most words: decided without splitting
    parts = word.split("-")
    if parts[0][:1].isupper():
        while len(parts) > 1 and not parts[-1][:1].isupper():
            parts.pop()  # "US-led", "ISIS-held"
        return "-".join(parts)
    if any(part[:1].isupper() for part in parts[1:]):
        return word  # "al-Sousa", "pro-Damascus", "ez-Zzor"
    return ""
