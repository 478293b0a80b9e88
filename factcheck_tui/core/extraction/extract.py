"""Find the check-worthy sentences of an article.

Rules first: each sentence is searched for evidence a fact-checker would recognise, and
every piece is kept as a short reason ("number: 54", "attribution: said", "named: ISIS")
so the checker can see why a sentence was picked (`score_sentence_rules`, the v1 scorer).
`score_sentence` feeds that evidence, with the sentence's n-grams, to the trained model
in `checkworthy` (measured by `benchmarks/extraction_eval.py`) and keeps the rules'
reasons beside its score. Deterministic, plain Python, under a millisecond per sentence.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace

from factcheck_tui.core.extraction import checkworthy, news
from factcheck_tui.core.extraction.segment import split_sentences
from factcheck_tui.core.text.dates import ENGLISH_ABBREVIATIONS, ENGLISH_MONTHS

DEFAULT_THRESHOLD: float = 0.5
LEDE_SCORE = 0.6  # a lede with something to check: a claim at the default threshold
MAX_REASONS = 10
MAX_SCORED_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    """One sentence of a body with its offsets, score in [0, 1] and readable reasons."""

    text: str
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    is_claim: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the rules found in one sentence: counts per kind and the reasons to show."""

    counts: dict[str, int]
    reasons: tuple[str, ...]
    words: int


# --- vocabulary -------------------------------------------------------------------------

# "May" is left to the patterns below: alone it is more often the verb.
_MONTHS = "|".join(
    [name for name in ENGLISH_MONTHS if name != "may"]
    + [re.escape(f"{abbreviation}.") for abbreviation in ENGLISH_ABBREVIATIONS]
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = re.compile(
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
    re.IGNORECASE,
)
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    "|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion"
    "|hundreds|thousands|millions|billions|trillions|dozen|dozens|scores|half|twice"
    "|double|doubled|triple|tripled|quadrupled|halved|one-third|two-thirds|one-quarter"
)
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|bn|m|k)\b)?"
_NUMBER = re.compile(
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
    re.IGNORECASE,
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

_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|tells|according to|reported|reports|reportedly|claimed|claims"
    r"|announced|announces|accused|accuses|stated|states that|confirmed|confirms|denied"
    r"|denies|estimated|estimates|alleged|alleging|alleges|insisted|warned|testified"
    r"|acknowledged|admitted|revealed|disclosed|quoted|cited|citing|found that|shows that"
    r"|showed that|show that|data show|study|survey|poll|census|statistics)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse|faster"
    r"|slower|older|younger|cheaper|[a-z]+er)\s+than\b"
    r"|\b(?:as (?:many|much|few|little|high|low) as|at least|at most|up to|nearly|almost"
    r"|most|least|majority|minority|record|all-time|only|half of)\b"
    r"|\b(?:increased?|increasing|decreased?|decreasing|rose|risen|rising|fell|fallen"
    r"|falling|grew|grown|growing|declined?|dropped|doubled|tripled|halved|surged|soared"
    r"|plunged|cut|raised|lowered|reduced|gone up|gone down|went up|went down)\b"
    r"|\b[a-z]{2,}est\b",
    re.IGNORECASE,
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
_CAUSAL = re.compile(
    r"\b(?:because|caused?|causes|causing|led to|leads? to|leading to|due to|as a result"
    r"|resulted in|results? in|result of|owing to|thanks to|blamed|blames|responsible for"
    r"|therefore|consequently|contributed to|triggered|so that)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:i think|i believe|i feel|i hope|i want|i'm going to|i am going to|i will|i'll"
    r"|we will|we'll|we must|we should|we need to|we're going to|let me|let's|thank you"
    r"|thanks|good evening|good morning|in my opinion|my friends|god bless|of course"
    r"|great|wonderful|terrible|awful|amazing|fantastic|beautiful|horrible|disgrace"
    r"|disgraceful|ridiculous|love|hate|should|ought to|must|would|might|maybe|perhaps)\b",
    re.IGNORECASE,
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

# Weight of the first piece of evidence of each kind, and of each further one.
_WEIGHTS: dict[str, tuple[float, float]] = {
    "number": (1.3, 0.3),
    "quantity": (1.5, 0.3),
    "percent": (1.8, 0.3),
    "money": (1.8, 0.3),
    "ordinal": (0.6, 0.1),
    "date": (0.8, 0.2),
    "named": (0.6, 0.2),
    "attribution": (0.8, 0.2),
    "comparison": (0.7, 0.2),
    "causal": (0.6, 0.2),
    "opinion": (-0.6, -0.3),
    "question": (-1.2, 0.0),
    "short": (-1.5, 0.0),
}
_ORDER = {kind: index for index, kind in enumerate(_WEIGHTS)}  # reasons listed in this order
_CAPS: dict[str, float] = {"named": 1.2, "number": 2.0, "quantity": 2.0}
_BIAS = -1.4  # evidence needed before a sentence reaches a score of 0.5
_SHORT_WORDS = 5


# --- evidence ---------------------------------------------------------------------------


def rule_evidence(text: str) -> Evidence:
    """Every piece of evidence the rules find in one sentence, with a reason for each.

    Only the first `MAX_SCORED_CHARS` characters are read: a longer "sentence" is a
    paragraph with no full stop, and reading all of it would cost time, not information.
    """
    text = text[:MAX_SCORED_CHARS]
    found: list[tuple[int, str, str]] = []  # (position, kind, shown text)
    taken: list[tuple[int, int]] = []

    for match in _DATE.finditer(text):
        found.append((match.start(), "date", match.group().strip()))
        taken.append(match.span())
    for match in _NUMBER.finditer(text):
        if _overlaps(match.span(), taken):
            continue
        kind = match.lastgroup or "number"
        shown = match.group()
        if kind == "number":
            quantity = _quantity_words(text, match.end())
            if quantity:
                kind, shown = "quantity", f"{shown} {quantity}"
        found.append((match.start(), kind, shown))
        taken.append(match.span())
    found.extend(_named(text, taken))
    for kind, pattern in (
        ("attribution", _ATTRIBUTION),
        ("comparison", _COMPARISON),
        ("causal", _CAUSAL),
        ("opinion", _OPINION),
    ):
        for match in pattern.finditer(text):
            word = match.group()
            if kind == "comparison" and _not_comparison(word):
                continue
            found.append((match.start(), kind, word.lower()))

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
    return Evidence(counts=counts, reasons=tuple(reasons), words=words)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _quantity_words(text: str, position: int) -> str:
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


def _named(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, str, str]]:
    """Names: capitalised runs not opening the sentence, and acronyms ("ISIS", "U.S.")."""
    found: list[tuple[int, str, str]] = []
    tokens = [m for m in _WORD.finditer(text)]
    first_word = tokens[0].start() if tokens else -1
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = _name_part(token.group())
        if not word or _overlaps(token.span(), taken):
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
            if _name_part(probe_word) and not _overlaps(tokens[probe].span(), taken):
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
    if not word or word == "I":
        return ""
    parts = word.split("-")
    if parts[0][:1].isupper():
        while len(parts) > 1 and not parts[-1][:1].isupper():
            parts.pop()  # "US-led", "ISIS-held"
        return "-".join(parts)
    if any(part[:1].isupper() for part in parts[1:]):
        return word  # "al-Sousa", "pro-Damascus", "ez-Zzor"
    return ""


# --- scoring ----------------------------------------------------------------------------


def rule_logit(evidence: Evidence) -> float:
    """The rules' log-odds for a sentence: 0 is the rule-only threshold of 0.5."""
    total = _BIAS
    for kind, count in evidence.counts.items():
        first, further = _WEIGHTS[kind]
        value = first + further * (count - 1)
        cap = _CAPS.get(kind)
        if cap is not None:
            value = min(value, cap)
        total += value
    return total


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def score_sentence_rules(text: str) -> tuple[float, tuple[str, ...]]:
    """Rule-only check-worthiness (v1): a score in [0, 1] and the reasons behind it."""
    evidence = rule_evidence(text)
    return round(_sigmoid(rule_logit(evidence)), 4), evidence.reasons[:MAX_REASONS]


def score_sentence(text: str) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of one sentence on its own (a debate line, a claim a checker
    added): a score in [0, 1] and the reasons a checker reads (the rules' evidence).

    The score is the shipped model (`checkworthy`: n-grams plus the rules' evidence, with
    the rules' own logit added as training chose), as measured on debates."""
    evidence = rule_evidence(text)
    model = checkworthy.load_model()
    score = model.probability(text, evidence.counts, evidence.words, rule_logit(evidence))
    reasons = news.claim_reasons(evidence.reasons, score >= DEFAULT_THRESHOLD)
    return round(score, 4), reasons[:MAX_REASONS]


def score_sentence_model(text: str) -> float:
    """The model's score unrounded (benchmarks compare it with other model files)."""
    evidence = rule_evidence(text)
    model = checkworthy.load_model()
    return model.probability(text, evidence.counts, evidence.words, rule_logit(evidence))


def score_story_sentence(text: str, position: int) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of the sentence at `position` (0-based) of a story, as `extract`
    scores an article: the model's logit moved by what makes a news sentence a claim
    (`news`), and the lede (the first sentences) a claim unless it holds nothing to check,
    with "lede: …" first among its reasons."""
    evidence = rule_evidence(text)
    model = checkworthy.load_model()
    logit = model.decision_logit(text, evidence.counts, evidence.words, rule_logit(evidence))
    score = news.probability(news.news_logit(logit, text, evidence.counts, evidence.words))
    lede = news.lede_reason(position, text, evidence.counts)
    if lede:
        score = max(score, LEDE_SCORE)
    reasons = news.claim_reasons(evidence.reasons, score >= DEFAULT_THRESHOLD)
    return round(score, 4), ((lede, *reasons) if lede else reasons)[:MAX_REASONS]


def extract(body: str, threshold: float | None = None) -> list[ScoredSentence]:
    """Every sentence of `body`, scored; `is_claim` when the score reaches the threshold.

    A sentence printed twice (a pull quote repeating the story's text, a paragraph pasted
    twice) is one claim: the first occurrence is the claim, and its reasons end with
    "also appears at paragraph N" for each later one (paragraphs are the body's blank-line
    blocks, counted from 1). A later occurrence keeps its own offsets and score but is not
    a claim, so the checker sees one claim to mark, can find the repeat from the reason,
    and can still add it by hand (it stays a candidate of the add-claim dialog).
    Sentences are the same when they are equal apart from case, spacing and the quotation
    marks around them.
    """
    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    scored: list[ScoredSentence] = []
    first_seen: dict[str, int] = {}  # normalised text -> index in `scored` of the claim
    paragraph_starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(body)]
    for start, end in split_sentences(body):
        sentence = body[start:end]
        score, reasons = score_story_sentence(sentence, len(scored))
        is_claim = score >= limit
        if is_claim:
            key = _repeat_key(sentence)
            first = first_seen.get(key)
            if first is None:
                first_seen[key] = len(scored)
            else:
                paragraph = bisect.bisect_right(paragraph_starts, start) + 1
                claim = scored[first]
                also = f"also appears at paragraph {paragraph}"
                scored[first] = replace(claim, reasons=(*claim.reasons, also))
                is_claim = False
        scored.append(ScoredSentence(sentence, start, end, score, reasons, is_claim))
    return scored


# The blank line between two paragraphs, as `segment` reads it.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")
_QUOTES_AROUND = "\"'“”‘’«» "


def _repeat_key(sentence: str) -> str:
    return " ".join(sentence.split()).strip(_QUOTES_AROUND).casefold()


ONE_LINE_LIMIT = 600  # characters: two tweets' worth


def one_line_claim(body: str) -> ScoredSentence | None:
    """The whole body as one claim when it is one short line (up to ONE_LINE_LIMIT
    characters: a tweet, a sentence pasted from chat), whatever it scores — the checker
    brought it to be checked; None for anything longer (extract_claims decides)."""
    stripped = body.strip()
    if not stripped or "\n" in stripped or len(stripped) > ONE_LINE_LIMIT:
        return None
    scored = extract(body)
    start = body.index(stripped)
    best = max((s.score for s in scored), default=0.0)
    reasons = tuple(dict.fromkeys(r for s in scored for r in s.reasons))
    return ScoredSentence(
        stripped,
        start,
        start + len(stripped),
        best,
        ("one-line text: checked as one claim", *reasons),
        True,
    )


def extract_claims(body: str, threshold: float | None = None) -> list[ScoredSentence]:
    """Only the sentences of `body` that score at or above the threshold."""
    return [sentence for sentence in extract(body, threshold) if sentence.is_claim]
