"""What a claim and a candidate agree on, counted in anchors, and why a candidate the model
rates over the suggestion line is held under it (#19).

A checker trusts a match that rests on more than one thing: the name *and* what is said of
it, the figure *and* what it counts. An anchor is a name (the words of one name count once:
"Osama bin Laden" is one anchor), a figure the two state alike, or a rare word
(`ANCHOR_IDF`); common words ("vote", "war", "people") are no anchors. The model, learnt on
tweets that each had a fact-check, rated short debate lines that share one of them as
near-certain ("Some of them I voted for." → a report on rigged voting machines, 95 %;
"We had to go into Pakistan … to get Osama bin Laden." → a photograph of Hillary Clinton
with him, 99 %).

A candidate is held under the line, with the reason a checker reads, when
- the claim is not in English (text/language.py): the reports are, and a claim in another
  language meets them only on a false friend or a figure;
- most of the claim's words are in no report (UNKNOWN_*: a page's boilerplate, a code);
- the two agree on fewer than `MIN_ANCHORS` anchors, or on figures alone;
- the report is about something the claim does not say (`unsaid_subject`): a claim and a
  report on one subject share names and rare words, and the report's own point is what
  tells them apart ("Trump said he would build a wall and make Mexico pay for it" → "Donald
  Trump suggested he'd use nuclear weapons against Mexico if they refused to build and pay
  for a wall.", 97 % before, shares Trump, Mexico, wall and pay).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck_tui.core.matching.query import Candidate, Query
from factcheck_tui.core.matching.reranking import idf
from factcheck_tui.core.text.dates import ENGLISH_MONTHS
from factcheck_tui.core.text.folding import fold
from factcheck_tui.core.text.language import in_english
from factcheck_tui.core.text.search_terms import STOPWORDS, content_stems, term

# A shared word is an anchor when it is at least this rare (BM25 idf: in at most ~1 % of the
# reports of a big desk; chosen on the CheckThat! train tweets and the debates' half A).
ANCHOR_IDF = 4.5
MIN_ANCHORS = 2
# Rarity means something only in a big corpus: in a desk of a few hundred checked claims
# every shared word is an anchor.
RARITY_MIN_DOCS = 1_000
# A claim of at least UNKNOWN_MIN_TERMS search terms most of which no document of the corpus
# contains ("Geschieht dies nicht, ist die Preisanpassung unwirksam" meets Snopes on "die" and
# "dies" alone): the model, learnt on English tweets, rates the few words it shares as if they
# were all it said. Only in a corpus of UNKNOWN_MIN_DOCS documents or more: a desk's first
# checked claims know few words of any claim.
UNKNOWN_MIN_DOCS = 1_000
UNKNOWN_SHARE = 0.5
UNKNOWN_MIN_TERMS = 4
# The report's subject: what its title names (the title's rarest word, by the desk's document
# frequencies) and its claim's SUBJECT_CLAIM rarest words. It is unsaid when the claim states
# none of them ("nuke"; "he'd", "nuclear", "suggested"). Chosen on the CheckThat! train and
# dev-tune tweets' right answers, which it must keep, and the debates' half A: it holds 21 of
# the 90 suggestions over the line of half A (1 of them relevant: "the gold standard of trade
# deals" → the Trans-Pacific Partnership report) and 1 of the 74 dev-tune tweets whose right
# answer was over it. Tried and dropped: the title alone (none of its three rarest words said)
# held 5 more of half A, but also a report whose title does not describe its claim (half the
# planted paraphrases of benchmarks/matching_speed.py's desk, whose titles are random words);
# as two features of the model instead, their weights came out near 0 and half A rose to 6.9 %.
# A report with no title (and a desk's own checked claims) is not read this way.
SUBJECT_CLAIM = 3
UNSAID = "the report is about what the claim does not say"
SUBJECT_SHOWN = 3
_REPORT_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A held candidate's probability is shown at most this (under the line, a weak suggestion).
HELD_CAP = 35.0
NOT_ENGLISH = "claim not in English"
MOSTLY_UNKNOWN = "most of the claim's words are in no report"
# Words that join the parts of one name: "Osama bin Laden", "Dome of the Rock".
_JOINERS = frozenset("bin al el de da du del der van von la le of the".split())
# Capitalised but naming no one: days and months end a name ("Donald J. Trump January").
NOT_NAMES = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", *ENGLISH_MONTHS)
)
# What stands before a sentence's first word: nothing, or an end of sentence and quotes.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*)[\"'“‘(\s]*$")
_WORD = re.compile(r"[^\W_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class ClaimAnchors:
    """What the claim brings to every candidate's count: its names' terms, grouped."""

    # term → the name it is part of (its words joined), for the claim's names only.
    name_of: dict[str, str]
    rarity: bool
    held: str
    # A one-word "claim" is a search for that word: agreeing on it is all it asks.
    searched_word: bool = False


def capitals_mark_names(words: Sequence[str]) -> bool:
    """Whether a text's capitals mark its names: it has 3 words or more, some but not most
    of them capitalised (an all-capitals, all-lower-case or Title Case text has none to
    read, so re-casing a claim never invents or hides a name)."""
    capitalised = sum(1 for word in words if word[0].isupper())
    return len(words) >= 3 and 0 < capitalised <= 0.6 * len(words)


def name_groups(text: str) -> dict[str, str]:
    """Each search term of the claim's names → the whole name, from runs of capitalised
    words ("Osama bin Laden", "Secretary of State Hillary Clinton"), where the text's case
    means something (an all-capitals or all-lower-case text has no names to read). A
    sentence's capitalised first word alone is no name ("Premiums have gone up.")."""
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    if not capitals_mark_names([t for t, _ in tokens if t[0].isalpha()]):
        return {}
    groups: dict[str, str] = {}
    run: list[str] = []
    opens = False  # the run began a sentence

    def close() -> None:
        while run and fold(run[-1]) in _JOINERS:
            run.pop()
        parts = [fold(w) for w in run]
        stems = [term(p) for p in parts if p not in STOPWORDS]
        if stems and not (opens and len(run) == 1):
            name = " ".join(parts)
            for s in stems:
                groups.setdefault(s, name)
        run.clear()

    for token, start in tokens:
        if token.isupper() and len(token) > 1:  # an acronym, or a shouted word: one each
            close()
            run.append(token)
            opens = False
            close()
        elif fold(token) in NOT_NAMES:
            close()
        elif token[0].isupper() or (run and fold(token) in _JOINERS):
            if not run:
                opens = _SENTENCE_START.search(text[:start]) is not None
            run.append(token)
        else:
            close()
    close()
    return groups


def for_claim(query: Query, docs: int, df: dict[str, int]) -> ClaimAnchors:
    """The claim's side of the count, and whether every candidate is held (its language)."""
    held = ""
    if not in_english(query.text):
        held = NOT_ENGLISH
    elif docs >= UNKNOWN_MIN_DOCS and mostly_unknown(query, df):
        held = MOSTLY_UNKNOWN
    one_word = len(_WORD.findall(query.text)) == 1
    return ClaimAnchors(name_groups(query.text), docs >= RARITY_MIN_DOCS, held, one_word)


def mostly_unknown(query: Query, df: dict[str, int]) -> bool:
    """Whether most of a claim's terms are in no document of the corpus (see UNKNOWN_SHARE)."""
    body = query.body_terms or query.terms
    if len(body) < UNKNOWN_MIN_TERMS:
        return False
    return sum(1 for t in body if df.get(t, 0) > 0) < UNKNOWN_SHARE * len(body)


def agreement(
    query: Query, claim: ClaimAnchors, candidate: Candidate, docs: int, df: dict[str, int]
) -> tuple[list[str], list[str], list[str]]:
    """(names, rare words, figures) the claim and the candidate agree on. Two rare words that
    stand side by side in both, and are all they agree on, are one phrase, one anchor ("birth
    certificate", "twitter followers", "affirmative action")."""
    held = set(candidate.terms)
    near = {a for a, _ in candidate.near}
    names: list[str] = []
    rare: list[str] = []
    for t in query.terms:  # a tweet's author too: "— Neko Case" is who the report is about
        if t not in held and query.surface.get(t, "") not in near:
            continue
        if any(ch.isdigit() for ch in t):
            continue  # a figure counts as a figure, once, when the two state it alike
        name = claim.name_of.get(t)
        if name is not None:
            if name not in names:
                names.append(name)
        elif not claim.rarity or idf(docs, df.get(t, 0)) >= ANCHOR_IDF:
            rare.append(t)
    figures = list(dict.fromkeys(candidate.agree))
    if claim.rarity and not names and not figures and len(rare) == 2:
        pair = (rare[0], rare[1])
        if pair in itertools.pairwise(query.terms) and pair in itertools.pairwise(candidate.terms):
            rare = [" ".join(rare)]
    return names, [" ".join(query.surface.get(t, t) for t in r.split()) for r in rare], figures


def held_reason(
    claim: ClaimAnchors, names: Sequence[str], rare: Sequence[str], figures: Sequence[str]
) -> str:
    """Why a candidate agreeing on these anchors stays under the line ("" when it need not)."""
    if claim.held or claim.searched_word:
        return claim.held
    count = len(names) + len(rare) + len(figures)
    if names or rare:
        if count >= MIN_ANCHORS:
            return ""
        if names:
            return f"matched on one name only ({names[0]})"
        if rare:
            return f"matched on one {'phrase' if ' ' in rare[0] else 'word'} only ({rare[0]})"
    if figures:
        shown = ", ".join(figures[:3])
        return f"matched on {'one figure' if len(figures) == 1 else 'figures'} only ({shown})"
    return "matched on common words only"


def figures_disagree(claim: ClaimAnchors, candidate: Candidate) -> str:
    """A held reason when every figure of a kind both state disagrees and none agrees ("45
    killed" here, "54 killed" in the report): another claim about the same thing."""
    if not claim.rarity or claim.searched_word or not candidate.disagree or candidate.agree:
        return ""
    return f"figures disagree ({figure_pairs(candidate.disagree[:2])})"


def figure_pairs(
    pairs: Sequence[tuple[str, str]], *, here: str = "here", there: str = "in the report"
) -> str:
    """`45 here, 54 in the report` (where each figure stands, as the reader sees it)."""
    return ", ".join(f"{a} {here}, {b} {there}" for a, b in pairs)


def unsaid_subject(
    query: Query, claim: ClaimAnchors, candidate: Candidate, docs: int, df: dict[str, int]
) -> str:
    """What the report is about that the claim does not say, as a held reason ("the report is
    about what the claim does not say (nuclear weapons)"), or "" (see SUBJECT_CLAIM). `df`
    holds the document frequencies of the candidate's claim and title terms."""
    if not claim.rarity or claim.searched_word or not candidate.title.strip():
        return ""
    said = set(query.terms) | {b for _, b in candidate.near}
    title = _rarest(content_stems(candidate.title), df, 1)
    own = _rarest(content_stems(candidate.claim_text), df, SUBJECT_CLAIM)
    if not title or not own or said & {*title, *own}:
        return ""
    return f"{UNSAID} ({_in_report_words(candidate, said, df, docs) or ', '.join(own)})"


def _rarest(terms: Sequence[str], df: dict[str, int], count: int) -> list[str]:
    """The `count` rarest terms the corpus knows (figures are no subject: they agree or not)."""
    known = {t for t in terms if df.get(t, 0) > 0 and not any(ch.isdigit() for ch in t)}
    return sorted(known, key=lambda t: (df[t], t))[:count]


def _in_report_words(candidate: Candidate, said: set[str], df: dict[str, int], docs: int) -> str:
    """What the report says that the claim does not, in the report's own words and order: its
    rare words the claim lacks, neighbours joined into a phrase, the longest phrases first
    ("nuclear weapons, suggested, refused"). A contraction ("he'd") is no subject."""
    phrases: list[list[tuple[int, str]]] = []
    last = -2
    seen: set[str] = set()
    for position, match in enumerate(_REPORT_WORD.finditer(candidate.claim_text)):
        word = match.group(0)
        folded = fold(word)
        stem = term(folded)
        if (
            len(word) < 2  # "U" of "U.S."
            or "'" in word
            or "’" in word
            or folded in STOPWORDS
            or stem in said
            or stem in seen
            or any(ch.isdigit() for ch in stem)
            or idf(docs, df.get(stem, 0)) < ANCHOR_IDF
        ):
            continue
        seen.add(stem)
        if position == last + 1 and phrases:
            phrases[-1].append((position, word))
        else:
            phrases.append([(position, word)])
        last = position
    shown = sorted(sorted(phrases, key=lambda p: (-len(p), p[0][0]))[:SUBJECT_SHOWN])
    return ", ".join(" ".join(w for _, w in p) for p in shown)
