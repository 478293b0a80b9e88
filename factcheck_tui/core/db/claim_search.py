"""Search indexes over the desk's own claims (issue #14), of the kind of the prior-report index
(search_index.py: FTS5 over search terms, and each term's document frequency) so that
matching's retrieval and reranking run over them unchanged:

- `CHECKED` (tables `checked_claims`, `checked_fts`, `checked_terms`): every shown claim with
  a verdict, by its text. Earlier checks are found here.
- `DESK` (`desk_claims`, `desk_fts`, `desk_terms`): every listed claim (shown or removed in a
  revision), by its text, note, suggested correction (when the column exists: issue #13) and
  sources. The desk-wide search runs here.

Kept current by `sync_claims`, which core/db/claims.py and core/db/sources.py call from every
function that writes a claim or a source: the indexes change in the same transaction as the
mark, whichever change made it. `rebuild` refills one from scratch (the migration's
backfill; a desk written by another tool).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck_tui.core.db.chunked import marks
from factcheck_tui.core.db.search_index import SearchIndex, count_terms, rows_in
from factcheck_tui.core.text.search_terms import content_stems

# ClaimVisibility values (schema.py imports this module for its migration, so this one cannot
# import schema.py): SHOWN, and REMOVED (gone in a later revision, still listed).
SHOWN = 0
REMOVED = 3
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '.'"
# issue #13's claims.correction (a suggested correction); searched when the column exists.
CORRECTION_COLUMN = "correction"


def norm_text(text: str) -> str:
    return " ".join(content_stems(text))


def has_correction(conn: sqlite3.Connection) -> bool:
    return any(row[1] == CORRECTION_COLUMN for row in conn.execute("PRAGMA table_info(claims)"))


@dataclass(frozen=True)
class ClaimIndex(SearchIndex):
    """One FTS5 index over claims (`claim_index` names its tables)."""

    name: str  # table prefix
    # Which claims it holds, as SQL over `claims c`.
    where: str
    # What matching's candidate rows hold as a "title" (searched and scored beside the
    # claim's text), as SQL over `claims c`.
    extra_sql: str
    # The claims columns `where` and the document read: a write of other columns only
    # (a mark's checker and time, for the desk index) leaves the index as it was.
    reads: frozenset[str]

    # ------------------------------------------------------------------ schema
    def create(self, conn: sqlite3.Connection) -> None:
        """The tables, FTS5 index and triggers (idempotent)."""
        d, f = self.docs, self.fts
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {d} "
            "(claim_id INTEGER PRIMARY KEY, norm_text TEXT NOT NULL)"
        )
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {f} USING fts5(norm_text, content='{d}', "
            f"content_rowid='claim_id', tokenize=\"{TOKENIZER}\")"
        )
        conn.execute(
            f"CREATE TRIGGER IF NOT EXISTS {f}_insert AFTER INSERT ON {d} BEGIN "
            f"INSERT INTO {f}(rowid, norm_text) VALUES (new.claim_id, new.norm_text); END"
        )
        conn.execute(
            f"CREATE TRIGGER IF NOT EXISTS {f}_delete AFTER DELETE ON {d} BEGIN "
            f"INSERT INTO {f}({f}, rowid, norm_text) "
            "VALUES ('delete', old.claim_id, old.norm_text); END"
        )
        conn.execute(
            f"CREATE TRIGGER IF NOT EXISTS {f}_update AFTER UPDATE OF norm_text ON {d} BEGIN "
            f"INSERT INTO {f}({f}, rowid, norm_text) "
            "VALUES ('delete', old.claim_id, old.norm_text); "
            f"INSERT INTO {f}(rowid, norm_text) VALUES (new.claim_id, new.norm_text); END"
        )
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.terms} "
            "(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
        )

    # ----------------------------------------------------------------- writing
    def _document_sql(self, conn: sqlite3.Connection) -> str:
        """SQL over `claims c` giving the text to index (claim text, then the extra)."""
        return f"c.text || char(10) || {self._extra(conn)}"

    def _extra(self, conn: sqlite3.Connection) -> str:
        extra = self.extra_sql
        if "{correction}" in extra:
            correction = f"coalesce(c.{CORRECTION_COLUMN}, '')" if has_correction(conn) else "''"
            extra = extra.replace("{correction}", correction)
        return extra

    def sync(self, conn: sqlite3.Connection, claim_ids: Iterable[int]) -> None:
        """Bring the index in step with these claims as they now stand (inside a write).
        Read and written a batch at a time (an import syncs a whole article's claims): one
        query a side rather than two a claim."""
        if not self.exists(conn):  # a file being migrated to the version that adds it
            return
        ids = list(dict.fromkeys(claim_ids))
        document = self._document_sql(conn)
        wanted = {
            int(claim_id): norm_text(text or "")
            for claim_id, text in rows_in(
                conn, f"SELECT c.id, {document} FROM claims c WHERE ({self.where}) AND c.id IN", ids
            )
        }
        held = {
            int(claim_id): str(norm)
            for claim_id, norm in rows_in(
                conn, f"SELECT claim_id, norm_text FROM {self.docs} WHERE claim_id IN", ids
            )
        }
        delta: Counter[str] = Counter()
        gone: list[tuple[int]] = []
        written: list[tuple[int, str]] = []
        for claim_id in ids:
            old, new = held.get(claim_id), wanted.get(claim_id)
            if old == new:
                continue
            if old is not None:
                count_terms(delta, old, -1)
            if new is None:
                gone.append((claim_id,))
            else:
                count_terms(delta, new, +1)
                written.append((claim_id, new))
        conn.executemany(f"DELETE FROM {self.docs} WHERE claim_id = ?", gone)
        conn.executemany(
            f"INSERT INTO {self.docs} (claim_id, norm_text) VALUES (?, ?) "
            "ON CONFLICT(claim_id) DO UPDATE SET norm_text = excluded.norm_text",
            written,
        )
        self.add_counts(conn, delta)

    def rebuild(self, conn: sqlite3.Connection) -> int:
        """Create the index if missing and refill it from every claim (inside a write).
        Returns how many claims it holds."""
        self.create(conn)
        conn.execute(f"DELETE FROM {self.docs}")
        rows = [
            (claim_id, norm_text(document or ""))
            for claim_id, document in conn.execute(
                f"SELECT c.id, {self._document_sql(conn)} FROM claims c WHERE {self.where}"
            )
        ]
        conn.executemany(f"INSERT INTO {self.docs} (claim_id, norm_text) VALUES (?, ?)", rows)
        self.recount(conn)
        return len(rows)

    # ----------------------------------------------------------------- reading
    def candidate_sql(self, conn: sqlite3.Connection) -> str:
        # Matching's candidate row of a claim: the claim, what else is searched, its verdict,
        # its article title and url, when it was last changed.
        return (
            f"SELECT c.id, CAST(c.id AS TEXT), c.text, {self._extra(conn)}, c.status, "
            "coalesce(a.title, ''), coalesce(a.url, ''), coalesce(c.updated_at, ''), "
            f"coalesce(k.norm_text, '') FROM {self.docs} k JOIN claims c ON c.id = k.claim_id "
            "JOIN articles a ON a.id = c.article_id"
        )


def claim_index(name: str, *, where: str, extra_sql: str, reads: frozenset[str]) -> ClaimIndex:
    return ClaimIndex(
        docs=f"{name}_claims",
        fts=f"{name}_fts",
        terms=f"{name}_terms",
        key="k.claim_id",
        rows="",
        name=name,
        where=where,
        extra_sql=extra_sql,
        reads=reads,
    )


CHECKED = claim_index(
    "checked",
    where=f"c.status != 'unchecked' AND c.dismissed = {SHOWN}",
    extra_sql="''",
    reads=frozenset({"status", "dismissed", "text"}),
)
DESK = claim_index(
    "desk",
    where=f"c.dismissed IN ({SHOWN}, {REMOVED})",
    extra_sql=(
        "trim(coalesce(c.note, '') || char(10) || {correction} || char(10) || coalesce(("
        "SELECT group_concat(s.reference, char(10)) FROM sources s WHERE s.claim_id = c.id), ''))"
    ),
    reads=frozenset({"dismissed", "text", "note", CORRECTION_COLUMN}),  # and the sources
)
INDEXES = (CHECKED, DESK)


# Every claims column some index reads (core/db/claims.py re-syncs on a write of one).
INDEXED_COLUMNS = frozenset().union(*(index.reads for index in INDEXES))


def sync_claims(
    conn: sqlite3.Connection, claim_ids: Iterable[int], columns: Iterable[str] | None = None
) -> None:
    """Every index in step with these claims (inside the write that changed them); with
    `columns` (the claims columns written), only the indexes that read one of them: a mark
    re-syncs the checked-claims index, not the desk one (its text, note and sources stand)."""
    ids = list(claim_ids)
    written = None if columns is None else frozenset(columns)
    for index in INDEXES:
        if written is None or index.reads & written:
            index.sync(conn, ids)


def rebuild_all(conn: sqlite3.Connection) -> None:
    for index in INDEXES:
        index.rebuild(conn)


# ------------------------------------------------------------------ what results show
def details(
    conn: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, tuple[int, str, str, str, str, int, str, int, int]]:
    """claim id → (article id, article title, checked_at, status, note, article revision,
    article date, 1 when a newer revision replaced the article, 1 when it is archived)."""
    if not claim_ids:
        return {}
    in_list = marks(claim_ids)
    return {
        int(row[0]): (
            int(row[1]),
            str(row[2]),
            row[3] or "",
            str(row[4]),
            row[5] or "",
            int(row[6] or 1),
            row[7] or "",
            int(row[8]),
            int(row[9]),
        )
        for row in conn.execute(
            "SELECT c.id, c.article_id, a.title, c.checked_at, c.status, c.note, a.revision, "
            "a.date, EXISTS (SELECT 1 FROM articles n WHERE n.previous_id = a.id), "
            "EXISTS (SELECT 1 FROM article_desk d WHERE d.article_id = a.id "
            "AND d.archived_at != '') "
            f"FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({in_list})",
            list(claim_ids),
        )
    }


def same_text_in(conn: sqlite3.Connection, article_ids: Sequence[int], text: str) -> list[int]:
    """Ids of the claims of these articles whose text is exactly `text`."""
    if not article_ids:
        return []
    in_list = marks(article_ids)
    return [
        int(row[0])
        for row in conn.execute(
            f"SELECT id FROM claims WHERE article_id IN ({in_list}) AND text = ?",
            [*article_ids, text],
        )
    ]
