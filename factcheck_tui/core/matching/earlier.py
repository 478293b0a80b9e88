"""Our own earlier checks: claims this desk already checked, in other articles or elsewhere in
the same one (a pull quote), matched to the selected claim, shown before prior reports, and
applied with one key when over the suggestion line.

Found by the same retrieval and reranking as prior reports (match.py: FTS5 candidates
from the checked-claims index, core/db/claim_search.py, kept current in the transaction of
every mark; then the same 0–100 score with the number guard). A candidate stating a figure of
the same kind that disagrees ("45 killed" here, "54 killed" there) is shown lower
(`NUMBER_PENALTY` on top of matching's own) and says so, even when its other figures agree,
and is never applied with one key: its verdict was about another figure. Under the
suggestion line a check is still listed, folded and marked weak.

Left out: the claim itself, and its own copies in earlier revisions of its article (the
claims it was carried over from, and same-text claims of other revisions): the new draft
carried their checks over already. A changed sentence's old check is still offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claim_search
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.matching import reasons as why
from factcheck_tui.core.matching.match import Matcher, Reader
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.matching.reranking import compare_figures as figures_against
from factcheck_tui.core.matching.retrieval import CHECKED_LIMITS
from factcheck_tui.core.matching.same_claim import SUGGEST_THRESHOLD, names
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.text.folding import fold, words
from factcheck_tui.core.text.search_terms import content_stems, term

# Points taken off, beyond matching's own, when the figures disagree: the earlier verdict
# was about another figure. Kept small: on the CheckThat! pairs of benchmarks/earlier_eval.py
# every point costs recall (recall@5 with weak ones 0.883 at 0, 0.858 at 20), as follow-ups
# state dates and counts the first claim lacks; one-key apply is refused on disagreement anyway.
NUMBER_PENALTY = 10.0
# "Also in this article" is offered only for the same claim said again: a repeated sentence,
# or a close rewording (over the suggestion line and this close in wording, rapidfuzz
# token_sort_ratio of the folded words), never a sentence that merely shares words.
SAME_ARTICLE_WORDING = 75.0


@dataclass(frozen=True, slots=True)
class EarlierCheck:
    claim_id: int
    article_id: int
    article_title: str
    checked_on: str
    status: str
    text: str
    note: str
    score: float
    reasons: tuple[str, ...]
    # (figure here, figure in the earlier check) pairs that disagree: 45 here, 54 there.
    numbers_disagree: tuple[tuple[str, str], ...] = ()
    # The check stands in the same article (a repeated sentence: a pull quote).
    same_article: bool = False
    # Under the suggestion line: listed folded, never applied with one key.
    weak: bool = False
    # (names here, names in the earlier check) when each names someone the other does not.
    names_disagree: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    # Why the model's rating over the line was held under it (matching/anchors.py).
    held: str = ""

    @property
    def refusal(self) -> str:
        """Why one key may not apply this check ("" when it may)."""
        if self.weak and self.held:
            return f"not applied: held under the suggestion line, {self.held}; set the verdict"
        if self.weak:
            return (
                f"not applied: the earlier check is under the suggestion line ({self.score:.0f}% "
                f"likely the same claim, the line is {SUGGEST_THRESHOLD:.0f}%); set the verdict"
            )
        if self.numbers_disagree:
            return f"not applied: {disagreement(self.numbers_disagree)}; check the figure"
        if self.names_disagree:
            return f"not applied: {names_disagreement(self.names_disagree)}; check who it is"
        return ""

    def headline(self, label: str) -> str:
        """`checked on 2018-07-13 in 'ISIS Reduced to…' — verified — note …`"""
        if self.same_article:
            line = f"checked on {self.checked_on[:10]} also in this article — {label}"
        else:
            title = self.article_title
            if len(title) > 40:
                title = title[:39] + "…"
            line = f"checked on {self.checked_on[:10]} in '{title}' — {label}"
        if self.note:
            note = " ".join(self.note.split())
            line += f" — note: {note[:80]}{'…' if len(note) > 80 else ''}"
        return line


def compare_figures(text: str, other: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The figures of `text` that `other` states too, and the (here, there) pairs of figures of
    the same kind that disagree: prior-report matching's number guard, between two claims."""
    agree, disagree = figures_against(analyse(text).figures, fold(other))
    return tuple(agree), tuple(disagree)


def compare_names(text: str, other: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names each text states and the other lacks, when the two name no one in common:
    "Trump" here, "Biden" there. None when they share a name (one adding a place or a day to
    the same people is detail, not disagreement) or either text names no one."""
    ours, theirs = names(text), names(other)
    our_terms, their_terms = set(content_stems(text)), set(content_stems(other))

    def stated(name: str, said: set[str]) -> bool:
        return all(term(part) in said for part in re.split(r"[-']", name) if part)

    if any(stated(n, their_terms) for n in ours) or any(stated(n, our_terms) for n in theirs):
        return None
    here, there = tuple(sorted(ours)), tuple(sorted(theirs))
    return (here, there) if here and there else None


def names_disagreement(pair: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    """`names disagree: Trump here, Biden in the earlier check`"""
    return f"names disagree: {', '.join(pair[0])} here, {', '.join(pair[1])} in the earlier check"


def same_claim_again(text: str, other: str) -> bool:
    """A repeated sentence or a close rewording of it (see SAME_ARTICLE_WORDING)."""
    ours, theirs = " ".join(words(text)), " ".join(words(other))
    return ours == theirs or fuzz.token_sort_ratio(ours, theirs) >= SAME_ARTICLE_WORDING


def disagreement(pairs: tuple[tuple[str, str], ...]) -> str:
    """`numbers disagree: 45 here, 54 in the earlier check`"""
    return why.numbers_disagree(pairs, there="in the earlier check")


def own_copies(reader: Reader, claim_id: int, article_id: int, text: str) -> frozenset[int]:
    """The claim and its copies in the other revisions of its article (the claims it was
    carried over from unchanged, and any same-text claim there): never offered as its
    earlier checks. A claim it was carried over from whose sentence changed is not a copy:
    its check is about the old wording and figures, offered with what disagrees."""
    chain = [a for a in articles_table.revision_chain(reader.conn, article_id) if a != article_id]
    # The claims of its lineage (Store.claim_lineage) carried over unchanged are among these.
    copies = claim_search.same_text_in(reader.conn, chain, text)
    return frozenset([claim_id, *copies])


def earlier_checks(reader: Reader, claim_id: int, limit: int = 3) -> list[EarlierCheck]:
    """The best-matching checked claims of the desk, best first, weak ones (under the
    suggestion line) included and marked."""
    claim = claims_table.read_claim(reader.conn, claim_id)
    if claim is None:
        raise DatabaseError(f"no claim with id {claim_id}")
    return find_earlier(
        reader,
        claim.text,
        limit,
        exclude=own_copies(reader, claim.id, claim.article_id, claim.text),
        article_id=claim.article_id,
    )


def find_earlier(
    reader: Reader,
    text: str,
    limit: int = 3,
    *,
    exclude: frozenset[int] = frozenset(),
    article_id: int | None = None,
) -> list[EarlierCheck]:
    """The checked claims of the desk that may already check `text`, best first (for a claim
    of the desk, `exclude` its own copies and give its `article_id`)."""
    matcher = Matcher(reader.conn, claim_search.CHECKED, limits=CHECKED_LIMITS)
    found = matcher.match_with_weak(text, limit * 3, exclude=exclude)
    details = claim_search.details(reader.conn, [s.report_id for s in found])
    checks: list[tuple[tuple[bool, float, int], EarlierCheck]] = []
    seen: set[tuple[str, str, str]] = set()
    for rank, suggestion in enumerate(found):
        detail = details.get(suggestion.report_id)
        if detail is None or detail[8]:  # gone, or in an article archived as a mistake
            continue
        other_article, title, checked_at, status, note = detail[:5]
        # A check carried into a later revision is one check, not two.
        key = (suggestion.claim_text, status, note)
        if key in seen:
            continue
        seen.add(key)
        same_article = article_id is not None and other_article == article_id
        if same_article and (suggestion.weak or not same_claim_again(text, suggestion.claim_text)):
            continue  # another sentence of this story that shares words: not the same claim
        score = suggestion.score
        reasons: list[str] = []
        if suggestion.numbers_disagree:  # named first: it outweighs any figure that agrees
            score = max(score - NUMBER_PENALTY, 0.0)
            reasons.append(f"{disagreement(suggestion.numbers_disagree)} (score lowered)")
        named = compare_names(text, suggestion.claim_text)
        if named:
            reasons.append(names_disagreement(named))
        if suggestion.numbers_agree:
            reasons.append(why.numbers_agree(suggestion.numbers_agree))
        if suggestion.shared_words:
            reasons.append(why.shared_words(suggestion.shared_words))
        weak = score < SUGGEST_THRESHOLD
        if suggestion.held:  # first: why the model's rating over the line was held under it
            reasons.insert(0, why.held(suggestion.held))
        elif weak:
            reasons.append(why.WEAK)
        # Over the line most likely first; the weak ones in matching's order (retrieval score).
        order = (weak, 0.0 if weak else -score, rank)
        checks.append(
            (
                order,
                EarlierCheck(
                    suggestion.report_id,
                    other_article,
                    printable(title),
                    checked_at,
                    status,
                    printable(suggestion.claim_text),
                    printable(note),
                    round(score, 1),
                    tuple(reasons),
                    suggestion.numbers_disagree,
                    same_article=same_article,
                    weak=weak,
                    names_disagree=named,
                    held=suggestion.held,
                ),
            )
        )
    checks.sort(key=lambda item: item[0])
    return [check for _, check in checks[:limit]]
