"""Which reports are worth scoring for a claim (steps 1–2 of matching, see match.py), read
from a search index (core/db/search_index.py: the prior reports, or a claim index of the
desk) without loading the corpus into Python."""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck_tui.core.db.search_index import SearchIndex
from factcheck_tui.core.matching.query import Candidate, Query, candidate_from_row
from factcheck_tui.core.matching.reranking import bm25, idf
from factcheck_tui.core.text.search_terms import STOPWORDS, term

# Candidates scored in Python per claim.
CANDIDATES = 100
# Up to this many reports, every report is a candidate (no FTS query; it also catches a
# report sharing no exact word). Beyond, FTS is faster: median 9 ms against 12 ms for scoring
# all of 300 reports, 14 against 18 ms at 1,000, 20 against 114 ms at 10,000.
FULL_SCAN_MAX = 100
# Which reports FTS5 finds (see Retriever._candidates), chosen at a million reports in
# benchmarks/matching_speed.py so that a claim stays well under 50 ms. The budget: 60,000
# posting entries cost 14.5 ms of CPU a claim in SQLite's sum of weights (the largest single
# cost of a claim's suggestions, #19); 30,000 cost half as much and found the planted report
# as often (0.995 of 200 claims at 1,000,000 reports, `--desk`). The budget binds only on a
# big corpus: at the 10,375 Snopes reports no query reaches it. (Since #19's third round the
# sum is numpy's, not SQLite's GROUP BY: about 4 ms for these 30,000, the same ids.)
POSTINGS_BUDGET = 30_000
MIN_QUERY_TERMS = 3
# Up to this many posting entries FTS5's bm25 ranks the matches; beyond, the matched terms'
# idf are summed. At 20,000 (before #19's second round) almost half the claims took
# bm25, 27 ms of CPU each at a million reports against 10 ms for the sum; at 5,000 the
# claim's CPU time fell from 43 to 34 ms (`--desk`, median), the planted report found as
# often (0.995), and trust_eval.py's dev-tune figures were the same to the third decimal.
BM25_POSTINGS = 5_000
PRESELECT = 300
# Unknown long words tried as two known words (and pairs of words as one) from this length.
SPLIT_MIN_LENGTH = 7
# Unknown words from this length are tried one typing slip away (see Retriever._expand).
FUZZY_MIN_LENGTH = 5


def _one_edit(word: str) -> set[str]:
    """Every word one letter dropped, swapped, replaced or added away (Norvig's edits1)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in cuts if b),
        *(a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1),
        *(a + c + b[1:] for a, b in cuts if b for c in letters),
        *(a + c + b for a, b in cuts for c in letters),
    }


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH string that searches each term literally: every term is quoted, so
    `AND`, `NEAR`, `*`, `"` or parentheses in a claim are words, never operators."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


@dataclass(frozen=True, slots=True)
class SearchLimits:
    """How much work one claim may cost: posting-list entries read, reports scored in Python.
    The defaults were chosen at a million reports; a smaller corpus read the same way would
    read most of itself (see `CHECKED_LIMITS`)."""

    candidates: int = CANDIDATES
    postings_budget: int = POSTINGS_BUDGET
    bm25_postings: int = BM25_POSTINGS
    preselect: int = PRESELECT


# The desk's own checked claims (tens of thousands, not a million): about the same share of
# the corpus read per claim as at a million reports, and fewer candidates scored in Python
# (the reranking is what holds the GIL). At 50,000 checked claims (benchmarks/
# matching_speed.py --desk) the earlier checks of a claim took 78 ms with the report limits,
# 20 ms with these; on benchmarks/earlier_eval.py recall@5 is 0.863 at 60 candidates as at 100
# (0.848 at 40).
CHECKED_LIMITS = SearchLimits(
    candidates=60, postings_budget=6_000, bm25_postings=2_000, preselect=180
)


class Retriever:
    """Reads one search index on one connection (read-only use). `_no_index` is True when
    the database has no term table (made before it): every document is read."""

    def __init__(self, conn: sqlite3.Connection, index: SearchIndex, limits: SearchLimits) -> None:
        self.conn = conn
        self.index = index
        self.limits = limits
        self._no_index = False

    def retrieve(
        self, query: Query, candidates: int, exclude: frozenset[int]
    ) -> tuple[list[Candidate], list[str], tuple[int, float, dict[str, int]]] | None:
        """The candidates worth scoring (at most `candidates`, ids in `exclude` left out),
        the query's terms with splits and joins added, and the term statistics (documents,
        average length, document frequencies); None when there is nothing to score."""
        if not query.terms:
            return None
        stats = self._stats(query.terms)
        if stats is None:
            return None
        docs, avgdl, df = stats
        terms = self._expand(query, df)
        weights = {t: idf(docs, df.get(t, 0)) for t in query.terms}

        def best(keyed: Sequence[tuple[object, ...]]) -> list[int]:
            """Positions of the `candidates` best of these (id, search terms, …) by BM25,
            then id: a pre-selection (or every report) cut for scoring in Python."""

            def weight(i: int) -> tuple[float, int]:
                return (-bm25(weights, str(keyed[i][1]).split(), avgdl), int(keyed[i][0]))  # type: ignore[call-overload]

            return sorted(range(len(keyed)), key=weight)[:candidates]

        if docs <= FULL_SCAN_MAX or self._no_index:
            rows = [r for r in self.index.all_match_rows(self.conn) if r[0] not in exclude]
            if len(rows) > candidates:
                rows = [rows[i] for i in best([(r[0], r[8]) for r in rows])]
        else:
            ids = [i for i in self._candidates(terms, docs, df, len(exclude)) if i not in exclude]
            if len(ids) > candidates:
                # Cut on the search terms alone: only the kept ones' rows are read (#19).
                keyed = self.index.search_terms(self.conn, ids)
                ids = [int(keyed[i][0]) for i in best(keyed)]
            rows = self.index.match_rows(self.conn, ids)
        if not rows:
            return None
        return [candidate_from_row(row) for row in rows], terms, stats

    # --------------------------------------------------------------- statistics
    def _stats(self, terms: Sequence[str]) -> tuple[int, float, dict[str, int]] | None:
        try:
            df = self._df([*terms, " docs", " terms"])
        except sqlite3.OperationalError:  # a database made before the search index
            return self._scan_stats()
        docs = df.pop(" docs", 0)
        total = df.pop(" terms", 0)
        if docs <= 0:
            return None
        return docs, max(total / docs, 1.0), df

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequency of each term (absent ones left out)."""
        return self._df(terms)

    def _df(self, terms: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        if self._no_index:  # every term was counted by _scan_stats
            return found
        found.update(self.index.term_frequencies(self.conn, terms))
        return found

    def _scan_stats(self) -> tuple[int, float, dict[str, int]] | None:
        """Term statistics counted from every report (no `report_terms` table)."""
        counts: Counter[str] = Counter()
        docs = total = 0
        for norm in self.index.norm_texts(self.conn):
            found = norm.split()
            counts.update(set(found))
            docs += 1
            total += len(found)
        self._no_index = True
        if not docs:
            return None
        return docs, max(total / docs, 1.0), dict(counts)

    def _expand(self, query: Query, df: dict[str, int]) -> list[str]:
        """The query's terms plus splits of unknown long words and joins of word pairs that
        the reports know (`georgesoros` → `george`, `soros`; `air strike` → `airstrike`)."""
        terms = list(query.terms)
        surface = query.surface
        splits: list[list[tuple[str, str]]] = []
        for t in terms:
            word = surface[t]
            if df.get(t, 0) or len(word) < SPLIT_MIN_LENGTH or not word.isalpha():
                continue
            splits.append(
                [
                    (word[:cut], word[cut:])
                    for cut in range(3, len(word) - 2)
                    if word[:cut] not in STOPWORDS and word[cut:] not in STOPWORDS
                ]
            )
        joins = [
            (surface[a] + surface[b], term(surface[a] + surface[b]))
            for a, b in itertools.pairwise(query.terms)
            if len(surface[a]) + len(surface[b]) >= SPLIT_MIN_LENGTH
            and surface[a].isalpha()
            and surface[b].isalpha()
        ]
        slips = {
            t: {term(v) for v in _one_edit(surface[t])} - {t}
            for t in terms
            if not df.get(t, 0) and len(surface[t]) >= FUZZY_MIN_LENGTH and surface[t].isalpha()
        }
        wanted = {term(piece) for options in splits for pair in options for piece in pair}
        wanted.update(joined for _, joined in joins)
        wanted.update(v for variants in slips.values() for v in variants)
        wanted -= df.keys()
        if wanted:
            df.update(self._df(wanted))
        for options in splits:
            known = [
                (min(df.get(term(left), 0), df.get(term(right), 0)), left, right)
                for left, right in options
            ]
            known = [option for option in known if option[0] > 0]
            if known:
                _, left, right = max(known)
                for piece in (left, right):
                    if term(piece) not in terms:
                        terms.append(term(piece))
                        surface.setdefault(term(piece), piece)
        for word, joined in joins:
            if df.get(joined, 0) > 0 and joined not in terms:
                terms.append(joined)
                surface.setdefault(joined, word)
        for t, variants in slips.items():
            # A word no document holds, one typing slip or spelling from one that many do
            # (`vacine` → vaccine, `colour` → color): the most common such word stands in.
            common = sorted((-df.get(v, 0), v) for v in variants if df.get(v, 0) > 0)
            if common and common[0][1] not in terms:
                terms.append(common[0][1])
                surface.setdefault(common[0][1], surface[t])
        return terms

    # --------------------------------------------------------------- candidates
    def _candidates(
        self, terms: Sequence[str], docs: int, df: dict[str, int], extra: int = 0
    ) -> list[int]:
        """Ids of the reports worth scoring: FTS5 finds the reports holding the claim's terms.

        Terms are taken from the rarest up while their posting lists hold POSTINGS_BUDGET
        entries in all (at least MIN_QUERY_TERMS terms). When those lists are short, FTS5's
        bm25 ranks the matches (best CANDIDATES). Beyond BM25_POSTINGS, bm25's cost (it reads
        every matching report's length: ~1.3 µs a row at a million reports) is avoided:
        each report's matched terms' idf are summed instead (search_index.fts_weighted,
        ~0.15 µs a posting) and the best PRESELECT kept, which `retrieve` cuts to
        CANDIDATES by BM25 in Python on their search terms alone."""
        known = sorted((t for t in terms if df.get(t, 0) > 0), key=lambda t: (df[t], t))
        chosen: list[str] = []
        postings = 0
        for t in known:
            if len(chosen) >= MIN_QUERY_TERMS and postings + df[t] > self.limits.postings_budget:
                break
            chosen.append(t)
            postings += df[t]
        if not chosen:
            return []
        if postings <= self.limits.bm25_postings:
            return self.index.fts_best(self.conn, fts_query(chosen), self.limits.candidates + extra)
        weighted = [(idf(docs, df[t]), fts_query([t])) for t in chosen]
        return self.index.fts_weighted(self.conn, weighted, self.limits.preselect + extra)
