"""One kind of search index, serving the prior reports (`REPORTS`) and the desk's two claim
indexes (claim_search.py): FTS5 over a table's `norm_text` (search terms, space-separated)
and a term table of each term's document frequency, with the totals `' docs'` and
`' terms'`. Matching (core/matching/retrieval.py) reads every corpus through these methods."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck_tui.core.db.chunked import chunks, marks

# What matching reads of a report: id, external id, the fields it shows, its search terms.
REPORT_COLUMNS = (
    "id, external_id, claim_text, coalesce(title, ''), coalesce(rating, ''), "
    "coalesce(publisher, ''), coalesce(url, ''), coalesce(date, ''), coalesce(norm_text, '')"
)


def count_terms(delta: Counter[str], norm: str, sign: int) -> None:
    """Add (sign +1) or take away (-1) one document's search terms to a term-count delta."""
    found = norm.split()
    for term in set(found):
        delta[term] += sign
    delta[" docs"] += sign
    delta[" terms"] += sign * len(found)


@dataclass(frozen=True)
class SearchIndex:
    """The index of one corpus; `rows` selects matching's candidate row (id, external id,
    text, title, rating, publisher, url, date, search terms) and `key` is its id there."""

    docs: str  # the table whose `norm_text` FTS5 indexes
    fts: str
    terms: str
    key: str
    rows: str

    def candidate_sql(self, conn: sqlite3.Connection) -> str:
        """`SELECT <candidate row> FROM …` (a claim index reads the schema to write it)."""
        return self.rows

    def exists(self, conn: sqlite3.Connection) -> bool:
        """Whether the database has this index (a file made before it has not)."""
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (self.terms,))
        return found.fetchone() is not None

    # ----------------------------------------------------------------- writing
    def add_counts(self, conn: sqlite3.Connection, delta: Counter[str]) -> None:
        """Add document-frequency changes to the term table (terms at 0 are dropped; the
        ' docs' and ' terms' totals are kept)."""
        changes = [(term, count) for term, count in delta.items() if count]
        if not changes:
            return
        conn.executemany(
            f"INSERT INTO {self.terms} (term, df) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            changes,
        )
        if any(count < 0 for _, count in changes):
            conn.execute(f"DELETE FROM {self.terms} WHERE df <= 0 AND term NOT LIKE ' %'")

    def recount(self, conn: sqlite3.Connection) -> None:
        """Recount the term table from every document's norm_text (inside a write)."""
        conn.execute(f"DELETE FROM {self.terms}")
        counts: Counter[str] = Counter({" docs": 0, " terms": 0})
        for norm in self.norm_texts(conn):
            count_terms(counts, norm, +1)
        conn.executemany(f"INSERT INTO {self.terms} (term, df) VALUES (?, ?)", list(counts.items()))

    # ----------------------------------------------------------------- reading
    def term_frequencies(self, conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
        """Document frequency of each term (absent ones left out); with ' docs' and ' terms'
        the totals. Raises sqlite3.OperationalError on a database without the index."""
        unique = list(dict.fromkeys(terms))
        return dict(rows_in(conn, f"SELECT term, df FROM {self.terms} WHERE term IN", unique))

    def norm_texts(self, conn: sqlite3.Connection) -> Iterator[str]:
        """Every document's search terms, as stored (space-separated)."""
        for (norm,) in conn.execute(f"SELECT norm_text FROM {self.docs}"):
            yield norm or ""

    def all_match_rows(self, conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
        """Every document's candidate row, by id."""
        return conn.execute(f"{self.candidate_sql(conn)} ORDER BY {self.key}").fetchall()

    def match_rows(self, conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """The candidate rows of the documents with these ids."""
        if not ids:
            return []
        return conn.execute(
            f"{self.candidate_sql(conn)} WHERE {self.key} IN ({marks(ids)})", list(ids)
        ).fetchall()

    def search_terms(self, conn: sqlite3.Connection, ids: Sequence[int]) -> list[tuple[int, str]]:
        """(id, search terms) of the documents with these ids: what a pre-selection is cut on
        before the kept ones' candidate rows are read (#19: reading all 300 rows of a
        million-report pre-selection cost twice as much)."""
        sql = f"SELECT rowid, coalesce(norm_text, '') FROM {self.docs} WHERE rowid IN"
        return rows_in(conn, sql, ids)

    def fts_best(self, conn: sqlite3.Connection, match: str, limit: int) -> list[int]:
        """Ids matching an FTS5 query, best first by FTS5's bm25."""
        rows = conn.execute(
            f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [int(row[0]) for row in rows]

    def fts_weighted(
        self, conn: sqlite3.Connection, weighted: Sequence[tuple[float, str]], limit: int
    ) -> list[int]:
        """Ids holding any of the (weight, FTS5 query) terms, by the sum of the weights of
        the terms each holds, then id; the first `limit` (all of them when it is negative,
        as SQL's LIMIT).

        FTS5 hands each term's posting list over as one string of ids, and numpy sums them
        (#19): the same sum as SQL's `GROUP BY id ORDER BY sum(w)` over a `UNION ALL` of
        the terms, which cost 9.6 ms of CPU a claim at a million reports in SQLite's sorter
        and 3-4 ms this way (`benchmarks/matching_speed.py --desk`), with the same ids."""
        import numpy as np  # only a big corpus comes here (retrieval.py): not at start-up

        lists, weights = [], []
        for weight, query in weighted:
            (joined,) = conn.execute(
                f"SELECT group_concat(rowid) FROM {self.fts} WHERE {self.fts} MATCH ?", (query,)
            ).fetchone()
            lists.append(np.fromstring(joined or "", dtype=np.int64, sep=","))
            weights.append(weight)
        ids = np.concatenate(lists) if lists else np.empty(0, dtype=np.int64)
        if not len(ids) or limit == 0:
            return []
        limit = len(ids) if limit < 0 else limit
        each = np.repeat(np.array(weights, dtype=np.float64), [len(found) for found in lists])
        order = np.argsort(ids, kind="stable")  # stable: each id's weights added in term order
        ids, each = ids[order], each[order]
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        unique, sums = ids[starts], np.add.reduceat(each, starts)
        if len(unique) <= limit:
            return [int(found) for found in unique[np.lexsort((unique, -sums))]]
        # Only the ids over the limit-th sum are sorted (by sum, then id: `unique` is in id
        # order, so a stable sort keeps it); those at that sum follow in id order, as many
        # as fit. The same ids as sorting every tied one (there are thousands at a million
        # reports, sums of a few idf being often equal), in a third of the time (#19).
        line = np.partition(sums, len(unique) - limit)[len(unique) - limit]
        over = np.flatnonzero(sums > line)
        over = over[np.argsort(-sums[over], kind="stable")]
        at_line = np.flatnonzero(sums == line)[: limit - len(over)]
        return [int(found) for found in unique[np.concatenate((over, at_line))]]


def rows_in(conn: sqlite3.Connection, sql: str, values: Sequence[Any]) -> list[Any]:
    """The rows of `sql` (ending in `IN`) for these values, asked a chunk at a time."""
    found: list[Any] = []
    for chunk in chunks(values):
        found += conn.execute(f"{sql} ({marks(chunk)})", chunk).fetchall()
    return found


REPORTS = SearchIndex(
    docs="reports",
    fts="reports_fts",
    terms="report_terms",
    key="id",
    rows=f"SELECT {REPORT_COLUMNS} FROM reports",
)
