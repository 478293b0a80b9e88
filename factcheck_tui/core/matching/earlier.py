"""Our own earlier checks: claims this desk already checked, in other articles or elsewhere in
the same one (a pull quote), matched to the selected claim, shown before prior reports, and
applied with one key.

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

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck_tui.core.db import articles as articles_table
from factcheck_tui.core.db import claim_search
from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.matching import reasons as why
from factcheck_tui.core.matching.match import Matcher, Reader
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.matching.reranking import SUGGEST_THRESHOLD, WEAK_FLOOR
from factcheck_tui.core.matching.reranking import compare_figures as figures_against
from factcheck_tui.core.matching.retrieval import CHECKED_LIMITS
from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.text.folding import fold

if TYPE_CHECKING:
    pass

# Points taken off, beyond matching's own, when the figures disagree: the earlier verdict
# was about another figure. Kept small: on the CheckThat! pairs of benchmarks/earlier_eval.py
# every point costs recall (recall@5 with weak ones 0.883 at 0, 0.858 at 20), as follow-ups
# state dates and counts the first claim lacks; one-key apply is refused on disagreement anyway.
NUMBER_PENALTY = 10.0


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
    # Under the suggestion line: listed folded.
    weak: bool = False

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
    checks: list[EarlierCheck] = []
    seen: set[tuple[str, str, str]] = set()
    for suggestion in found:
        detail = details.get(suggestion.report_id)
        if detail is None or detail[8]:  # gone, or in an article archived as a mistake
            continue
        other_article, title, checked_at, status, note = detail[:5]
        # A check carried into a later revision is one check, not two.
        key = (suggestion.claim_text, status, note)
        if key in seen:
            continue
        seen.add(key)
        score = suggestion.score
        reasons: list[str] = []
        if suggestion.numbers_disagree:  # named first: it outweighs any figure that agrees
            score = max(score - NUMBER_PENALTY, 0.0)
            reasons.append(f"{disagreement(suggestion.numbers_disagree)} (score lowered)")
        if suggestion.numbers_agree:
            reasons.append(why.numbers_agree(suggestion.numbers_agree))
        if suggestion.shared_words:
            reasons.append(why.shared_words(suggestion.shared_words))
        if score < WEAK_FLOOR:
            continue
        weak = score < SUGGEST_THRESHOLD
        if weak:
            reasons.append(why.WEAK)
        checks.append(
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
                same_article=article_id is not None and other_article == article_id,
                weak=weak,
            )
        )
    checks.sort(key=lambda check: (-check.score, -check.claim_id))
    return checks[:limit]
