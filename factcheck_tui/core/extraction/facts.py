"""The facts of a sentence, proposed from the evidence extraction already finds.

A pre-publication desk underlines every fact of a galley ("names and figures are facts")
and checks each one. `propose_facts` marks the same things in one claim's sentence: the
figures with what they count ("54 people"), names, places ("eastern Syria"), dates,
quotes and who said it ("a war monitor said"), each as a span of the sentence with a kind.
It reads the sentence with the patterns of `evidence.rule_evidence` (the "why" under a
claim), so a fact is proposed only where a reason was; linear in the sentence, plain Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck_tui.core.extraction.evidence import (
    MAX_SCORED_CHARS,
    Matches,
    find_names,
    overlaps,
    quantity_words,
    sentence_matches,
)

MAX_FACT_CHARS = MAX_SCORED_CHARS  # as extraction: a longer "sentence" is read up to here
FactRow = tuple[int, int, str, str]  # (start, end, words, kind), as the facts table has it


@dataclass(frozen=True, slots=True)
class ProposedFact:
    """A fact of a sentence: offsets into the sentence, its words and its kind."""

    start: int
    end: int
    text: str
    kind: str


# Words that make a name a place: "in Syria", "of eastern Syria", "near Raqqa".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|of|from|near|across|to|into|at|outside|inside|throughout|around)\s+)"
    r"(?P<area>(?:(?:north|south|east|west|central|northern|southern|eastern|western"
    r"|north-eastern|north-western|south-eastern|south-western|northeastern|northwestern"
    r"|southeastern|southwestern|rural|downtown|greater)\s+)?)$",
    re.IGNORECASE,
)
# The attribution words of extraction that say who said it (not "a study", "alleging").
_SAYING = frozenset(
    """
    said says told tells reported claimed announced stated confirmed denied estimated
    insisted warned testified acknowledged admitted revealed disclosed
    """.split()
) | {"according to"}
_CLAUSE_BREAK = re.compile(r"[,;:(\u2014\u2013\"“”]|\s-\s")
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,400})[”\"]")
_WORDS = re.compile(r"\S+")
_ATTRIBUTION_WORDS_BACK = 7  # "the Syrian Observatory for Human Rights said"
_ATTRIBUTION_WORDS_ON = 8  # "according to the Syrian Observatory for Human Rights"


def propose_facts(sentence: str, matches: Matches | None = None) -> list[ProposedFact]:
    """The facts a checker would underline in `sentence`, in reading order. `matches`: the
    sentence's searches, where scoring it already ran them (`evidence.sentence_matches`)."""
    text = sentence[:MAX_FACT_CHARS]
    if matches is None or matches.text != text:
        matches = sentence_matches(text)
    found: list[ProposedFact] = []
    taken: list[tuple[int, int]] = []
    for start, end in matches.dates:
        words = text[start:end]
        lead = len(words) - len(words.lstrip())
        found.append(_fact(text, start + lead, end, "date"))
        taken.append((start, end))
    for start, end, group in matches.numbers:
        if overlaps((start, end), taken):
            continue
        quantity = quantity_words(text, end) if group == "number" else ""
        if quantity:
            end = text.index(quantity, end) + len(quantity)
        elif group == "number" and not text[start].isdigit():
            continue  # "two", "dozens" alone count nothing a checker could look up
        found.append(_fact(text, start, end, "number"))
        taken.append((start, end))
    attributions = _attributions(text, matches.attributions)
    # A figure's words ("54 people") are no name: where they widened a figure, the names
    # are looked for again around the wider spans.
    names = matches.names if tuple(taken) == matches.taken else find_names(text, taken)
    for position, _, name in names:
        start, end = position, _name_end(text, position, name)
        if end <= start or any(s <= start and end <= e for s, e, _ in attributions):
            continue  # the name is part of who said it: checked with the attribution
        before = _PLACE_BEFORE.search(text, 0, start)
        if before is not None and before.end() == start:
            area = before.group("area")
            found.append(_fact(text, start - len(area), end, "place"))
        else:
            found.append(_fact(text, start, end, "name"))
    for match in _QUOTE.finditer(text):
        if len(match.group(1).split()) >= 3:
            found.append(_fact(text, match.start(), match.end(), "quote"))
    found.extend(_fact(text, start, end, "attribution") for start, end, _ in attributions)
    return _distinct(found)


def fact_rows(sentence: str, matches: Matches | None = None) -> list[FactRow]:
    """The proposed facts of a sentence as the facts table stores them: (start, end, words,
    kind), offsets into the sentence."""
    return [(f.start, f.end, f.text, f.kind) for f in propose_facts(sentence, matches)]


def _fact(text: str, start: int, end: int, kind: str) -> ProposedFact:
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return ProposedFact(start, end, text[start:end], kind)


def _name_end(text: str, start: int, name: str) -> int:
    """Where a name `_named` found at `start` ends in the text (its words may be spaced
    differently there, and "ISIS-held" is named "ISIS")."""
    if text.startswith(name, start):
        return start + len(name)
    last = name.split()[-1]
    found = text.find(last, start)
    return -1 if found == -1 else found + len(last)


def _attributions(text: str, found: tuple[tuple[int, int], ...]) -> list[tuple[int, int, str]]:
    """Who said it, with the verb: "a war monitor said", "according to the UN"; `found`:
    the attribution words' spans."""
    spans: list[tuple[int, int, str]] = []
    for word_start, word_end in found:
        word = text[word_start:word_end].lower()
        if word not in _SAYING:
            continue
        if word == "according to":
            end = _clause_end(text, word_end, _ATTRIBUTION_WORDS_ON)
            spans.append((word_start, end, word))
            continue
        start = _clause_start(text, word_start, _ATTRIBUTION_WORDS_BACK)
        end = word_end
        after = _NEXT_NAME.match(text, end)
        if start == word_start:
            if after is not None:  # "…, said Rami Abdel Rahman": the speaker comes after
                end = after.end()
            else:  # "Colonel Ryan, a spokesman for the coalition, said": the one before
                start = _clause_start(text, _last_break(text, start), _ATTRIBUTION_WORDS_BACK)
        elif word in ("told", "tells") and after is not None:
            end = after.end()  # "He told Reuters"
        if end > start and not any(s < end and start < e for s, e, _ in spans):
            spans.append((start, end, word))
    return spans


_CAP = r"[A-Z][\w'’-]*"
_NEXT_NAME = re.compile(rf"\s+{_CAP}(?:\s+(?:(?:of|for|the)\s+)*{_CAP})*")


def _last_break(text: str, position: int) -> int:
    """Where the clause break just before `position` starts (the comma of ", said")."""
    breaks = list(_CLAUSE_BREAK.finditer(text, 0, position))
    return breaks[-1].start() if breaks else 0


def _clause_start(text: str, position: int, most_words: int) -> int:
    """The start of the clause ending at `position`, at most `most_words` words back."""
    before = text[:position]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    words = list(_WORDS.finditer(before, start))
    if len(words) > most_words:
        return words[-most_words].start() if most_words else position
    return words[0].start() if words else position


def _clause_end(text: str, position: int, most_words: int) -> int:
    """The end of the words after `position`, up to a clause break or `most_words`."""
    stop = _CLAUSE_BREAK.search(text, position)
    limit = stop.start() if stop else len(text)
    words = list(_WORDS.finditer(text, position, limit))[:most_words]
    return words[-1].end() if words else position


def _distinct(facts: list[ProposedFact]) -> list[ProposedFact]:
    """One fact per span, in reading order (a span proposed twice is one fact)."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for fact in sorted(facts, key=lambda f: (f.start, -f.end)):
        if (fact.start, fact.end) in seen or not fact.text.strip():
            continue
        seen.add((fact.start, fact.end))
        kept.append(fact)
    return kept
