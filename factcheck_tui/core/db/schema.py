"""The database schema, its version and its migrations.

The version lives in `PRAGMA user_version`; `PRAGMA application_id` marks the file as
factcheck's so another program's SQLite file is refused rather than written into.
A migration is a function from version N-1 to N, run inside one transaction; a file
whose version is higher than `SCHEMA_VERSION` was made by a newer factcheck and is
refused without being touched.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from factcheck_tui.core.db import claim_search
from factcheck_tui.core.db.chunked import chunks, marks
from factcheck_tui.core.db.search_index import REPORTS, count_terms
from factcheck_tui.core.records.visibility import ClaimVisibility
from factcheck_tui.core.text.search_terms import content_stems

if TYPE_CHECKING:  # imported only to migrate: sqlite_utils costs ~0.1 s at start-up
    import sqlite_utils

# "FCHK" as a big-endian int: lets `file`-style tools and us recognise the database.
APPLICATION_ID = 0x4643484B
SCHEMA_VERSION = 8


def is_shown(alias: str = "") -> str:
    """SQL: the claim is shown and counted (not dismissed, merged away or removed). The one
    place this rule is written; `alias` is the claims table's alias in the query."""
    return f"{alias + '.' if alias else ''}dismissed = {ClaimVisibility.SHOWN:d}"


# Listed in the article's claim list (with and without the dismissed ones shown).
LISTED = (ClaimVisibility.SHOWN, ClaimVisibility.REMOVED)
LISTED_WITH_DISMISSED = (*LISTED, ClaimVisibility.DISMISSED)
# A previous revision's claims carried into a new one (merged ones live on in their host).
CARRIED = (ClaimVisibility.SHOWN, ClaimVisibility.DISMISSED)
# A report's columns beside its ids and bookkeeping (norm_text, source_file, imported_at), in
# this order everywhere: import, matching, links.
REPORT_FIELDS: tuple[str, ...] = (
    "claim_text",
    "rating",
    "publisher",
    "url",
    "date",
    "title",
    "language",
    "claimant",
    "item_reviewed",
)
# How much of the article either side of a claim is stored with it (a W3C TextQuoteSelector:
# exact = the claim's words, prefix and suffix its context), to find it again in a revision.
QUOTE_CONTEXT = 32


def _create_v1(db: sqlite_utils.Database) -> None:
    _create_articles(db)
    _create_claims(db)
    _create_sources(db)
    _create_reports(db)
    _create_events(db)


def _create_articles(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "title": str,
            "date": str,
            "url": str,
            "outlet": str,
            "body": str,
            # sha256 of title + body: importing the same article twice finds it here.
            "content_hash": str,
            "format": str,
            "source_name": str,
            "imported_at": str,
            "imported_by": str,
            # Per-article claim threshold; NULL means the extractor's default.
            "threshold": float,
            "revision": int,
            "previous_id": int,
        },
        pk="id",
        not_null={"title", "body", "content_hash", "imported_at"},
        defaults={"date": "", "url": "", "outlet": "", "revision": 1},
        foreign_keys=[("previous_id", "articles", "id")],
    )
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["url"])
    db.table("articles").create_index(["previous_id"])


def _create_claims(db: sqlite_utils.Database) -> None:
    db.table("claims").create(
        {
            "id": int,
            "article_id": int,
            "position": int,
            "text": str,
            # Character offsets into articles.body, plus a W3C TextQuoteSelector
            # (exact = text, with prefix and suffix) to find the claim again.
            "start": int,
            "end": int,
            "prefix": str,
            "suffix": str,
            "score": float,
            "reasons": str,  # JSON list of strings a checker can read
            "status": str,
            "note": str,
            "checker": str,
            "checked_at": str,
            "origin": str,  # extracted | manual | split
            # A ClaimVisibility (shown, dismissed, merged, removed).
            "dismissed": int,
            # 1 when a checker's edit no longer matches the article text at start..end.
            "reworded": int,
            "revision_state": str,  # NULL | new | changed | removed
            "previous_text": str,
            # The claim (in another article) whose earlier verdict was applied to this one.
            "copied_from": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"article_id", "text", "status"},
        defaults={
            "status": "unchecked",
            "note": "",
            "checker": "",
            "checked_at": "",
            "origin": "extracted",
            "dismissed": 0,
            "reworded": 0,
            "prefix": "",
            "suffix": "",
        },
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("claims").create_index(["article_id", "position"])
    db.table("claims").create_index(["status"])
    # Covers the article list's per-article counts (a desk of 50,000 claims in ~30 ms).
    db.table("claims").create_index(
        ["article_id", "dismissed", "status", "checker", "updated_at"], index_name="idx_claims_desk"
    )


def _create_sources(db: sqlite_utils.Database) -> None:
    db.table("sources").create(
        {
            "id": int,
            "claim_id": int,
            "kind": str,  # url | document | person
            "reference": str,
            "tier": str,  # primary | secondary
            "consulted_on": str,  # YYYY-MM-DD
            "added_by": str,
            "added_at": str,
        },
        pk="id",
        not_null={"claim_id", "reference"},
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("sources").create_index(["claim_id"])


def _create_reports(db: sqlite_utils.Database) -> None:
    """Prior reports, their search index and their links to claims."""
    db.table("reports").create(
        {
            "id": int,
            # The file's own id, else its URL: re-importing updates instead of duplicating.
            "external_id": str,
            "claim_text": str,
            # Claim + title as search terms (text.search_terms.content_stems: folded, stemmed, no
            # stopwords), space-separated: what reports_fts indexes and matching compares.
            "norm_text": str,
            "rating": str,
            "publisher": str,
            "url": str,
            "date": str,
            "title": str,
            "language": str,
            "claimant": str,
            "item_reviewed": str,
            "source_file": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"external_id", "claim_text"},
    )
    db.table("reports").create_index(["external_id"], unique=True)
    create_report_search(db)
    db.table("claim_reports").create(
        {
            "claim_id": int,
            "report_id": int,
            "score": float,
            "linked_by": str,
            "linked_at": str,
        },
        pk=("claim_id", "report_id"),
        foreign_keys=[("claim_id", "claims", "id"), ("report_id", "reports", "id")],
    )
    db.table("claim_reports").create_index(["report_id"])


def _create_events(db: sqlite_utils.Database) -> None:
    db.table("events").create(
        {
            "id": int,
            "at": str,
            "checker": str,
            "article_id": int,
            "claim_id": int,
            # status | note | add_source | remove_source | link_report | unlink_report
            # | import_article | undo
            "action": str,
            "old_value": str,  # JSON
            "new_value": str,  # JSON
            # Changes made by one key press share a batch (the first event's id): undo
            # reverts a whole batch.
            "batch": int,
            "undone_by": int,
        },
        pk="id",
        not_null={"at", "checker", "action"},
    )
    db.table("events").create_index(["claim_id", "id"])
    db.table("events").create_index(["checker", "article_id", "id"])
    db.table("events").create_index(["article_id", "id"])


def create_report_search(db: sqlite_utils.Database) -> None:
    """The prior-report search index: FTS5 over `reports.norm_text`, kept in step by triggers,
    and `report_terms`, each term's document frequency (plus the report count under ' docs'
    and the total term count under ' terms'), which core.reports maintains on every write.

    Matching reads term frequencies from `report_terms` because FTS5's own vocabulary table
    counts a term by walking its whole posting list (milliseconds for a common term at a
    million reports). Idempotent: also adds the index to a database made without it.
    FTS5's default detail=full: at a million reports its bm25 queries ran 1.5–4 times faster
    than with detail=column or detail=none, in a file the same size as with column.
    """
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS reports_fts USING fts5(norm_text, "
        "content='reports', content_rowid='id', "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\")"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS reports_fts_insert AFTER INSERT ON reports BEGIN "
        "INSERT INTO reports_fts(rowid, norm_text) VALUES (new.id, new.norm_text); END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS reports_fts_delete AFTER DELETE ON reports BEGIN "
        "INSERT INTO reports_fts(reports_fts, rowid, norm_text) "
        "VALUES ('delete', old.id, old.norm_text); END"
    )
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS reports_fts_update AFTER UPDATE OF norm_text ON reports "
        "WHEN old.norm_text IS NOT new.norm_text BEGIN "
        "INSERT INTO reports_fts(reports_fts, rowid, norm_text) "
        "VALUES ('delete', old.id, old.norm_text); "
        "INSERT INTO reports_fts(rowid, norm_text) VALUES (new.id, new.norm_text); END"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS report_terms "
        "(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
    )


def _checked_claims_index_v6(db: sqlite_utils.Database) -> None:
    """Version 6 (issue #14): the search indexes of the desk's own claims
    (core/db/claim_search.py: checked claims, for earlier checks found like prior reports;
    every claim with its note and sources, for the desk-wide search), filled from the claims
    there. The same version reads "US" as the country only in capitals (text.folding):
    reports whose stored terms hold the old ambiguous "us" get their terms recomputed."""
    claim_search.rebuild_all(db.conn)
    _renormalize_reports_with_term(db.conn, "us")


def _renormalize_reports_with_term(conn: sqlite3.Connection, term: str) -> int:
    """Recompute `reports.norm_text` of the reports whose stored terms hold `term`, keeping
    `reports_fts` (its triggers) and `report_terms` in step (inside a write): schema 6's
    migration, for the normalisation change that only touches that term ("us"). Returns how
    many changed."""
    if not REPORTS.exists(conn):
        return 0
    ids = REPORTS.fts_best(conn, '"' + term.replace('"', '""') + '"', -1)
    delta: Counter[str] = Counter()
    updates: list[tuple[str, int]] = []
    for chunk in chunks(ids):
        for report_id, old, claim_text, title in conn.execute(
            "SELECT id, coalesce(norm_text, ''), claim_text, coalesce(title, '') FROM reports "
            f"WHERE id IN ({marks(chunk)})",
            chunk,
        ):
            new = " ".join(content_stems(f"{claim_text}\n{title}"))
            if new != old:
                count_terms(delta, old, -1)
                count_terms(delta, new, +1)
                updates.append((new, report_id))
    conn.executemany("UPDATE reports SET norm_text = ? WHERE id = ?", updates)
    REPORTS.add_counts(conn, delta)
    return len(updates)


def _word_drafts_v2(db: sqlite_utils.Database) -> None:
    """Draft comments as sources (author, date, origin) and the original files kept."""
    from factcheck_tui.core.db.drafts import migrate_to_v2

    migrate_to_v2(db.conn)


def _add_correction_v4(db: sqlite_utils.Database) -> None:
    """Each claim's suggested correction: the wording the piece should use instead."""
    from factcheck_tui.core.db.corrections import add_correction_column

    add_correction_column(db.conn)


def _v5_report_identity_and_link_snapshots(db: sqlite_utils.Database) -> None:
    """Schema 5 (issue #10): a report's identity includes who published it, and a link keeps
    what the checker saw when linking.

    - `reports.identity` (core.db.report_identity: publisher, else source file, plus the
      file's id) is the unique key instead of `external_id`, so another publisher's file
      with the same ids adds reports instead of replacing them;
    - `claim_reports.seen_claim_text`, `seen_rating`, `seen_url`: the report as it was when
      linked (filled from the report now, for links made before); a trigger fills them for
      any link inserted without them.
    """
    from factcheck_tui.core.db.report_identity import report_identity

    conn = db.conn
    conn.create_function("report_identity", 3, report_identity, deterministic=True)
    conn.execute("ALTER TABLE reports ADD COLUMN identity TEXT")
    conn.execute(
        "UPDATE reports SET identity = "
        "report_identity(external_id, coalesce(publisher, ''), coalesce(source_file, ''))"
    )
    for (name,) in conn.execute(
        "SELECT name FROM pragma_index_list('reports') WHERE \"unique\" AND origin = 'c'"
    ).fetchall():
        conn.execute(f"DROP INDEX [{name}]")
    conn.execute("CREATE UNIQUE INDEX idx_reports_identity ON reports (identity)")
    conn.execute("CREATE INDEX idx_reports_external_id ON reports (external_id)")
    for column in ("seen_claim_text", "seen_rating", "seen_url"):
        conn.execute(f"ALTER TABLE claim_reports ADD COLUMN {column} TEXT")
    conn.execute(
        "UPDATE claim_reports SET (seen_claim_text, seen_rating, seen_url) = "
        "(SELECT claim_text, coalesce(rating, ''), coalesce(url, '') FROM reports "
        "WHERE reports.id = claim_reports.report_id)"
    )
    conn.execute(
        "CREATE TRIGGER claim_reports_snapshot AFTER INSERT ON claim_reports "
        "WHEN new.seen_claim_text IS NULL BEGIN "
        "UPDATE claim_reports SET (seen_claim_text, seen_rating, seen_url) = "
        "(SELECT claim_text, coalesce(rating, ''), coalesce(url, '') FROM reports "
        "WHERE reports.id = new.report_id) "
        "WHERE claim_id = new.claim_id AND report_id = new.report_id; END"
    )


# MIGRATIONS[n] takes a database at version n to version n + 1.
def _desk_v3(db: sqlite_utils.Database) -> None:
    """Schema 3: who owns an article, by when, and whether it is archived (one row per
    article ever assigned or archived; read and written by core/db/desk_meta.py)."""
    db.execute(
        """
        CREATE TABLE article_desk (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            archived_at TEXT NOT NULL DEFAULT '',
            archived_by TEXT NOT NULL DEFAULT ''
        )
        """
    )


def _facts_v7(db: sqlite_utils.Database) -> None:
    """Schema 7 (issue #21): each claim's facts (core/db/facts.py), disputes and the editor's
    call, and a source's locator and fact. The claims of a desk made before have no facts
    until a checker adds them: this layer does not run extraction."""
    conn = db.conn
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS facts (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other',
            status TEXT NOT NULL DEFAULT 'unchecked',
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'proposed',
            checker TEXT NOT NULL DEFAULT '',
            checked_at TEXT NOT NULL DEFAULT '',
            revision_state TEXT NOT NULL DEFAULT '',
            previous_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT ''
        )
        """
    )
    conn.execute("CREATE INDEX IF NOT EXISTS idx_facts_claim ON facts (claim_id, start)")
    # One row per disputed subject: a claim (fact_id 0) or one of its facts.
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS disputes (
            claim_id INTEGER NOT NULL REFERENCES claims(id),
            fact_id INTEGER NOT NULL DEFAULT 0,
            disputed_by TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            decision TEXT NOT NULL DEFAULT '',
            decided_by TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (claim_id, fact_id)
        )
        """
    )
    have = {row[1] for row in conn.execute("PRAGMA table_info(sources)")}
    if "locator" not in have:  # idempotent: a test re-runs migrations on a copy
        conn.execute("ALTER TABLE sources ADD COLUMN locator TEXT NOT NULL DEFAULT ''")
    if "fact_id" not in have:
        conn.execute("ALTER TABLE sources ADD COLUMN fact_id INTEGER")


def _published_url_and_pages_v8(db: sqlite_utils.Database) -> None:
    """Schema 8 (issue #23): where the desk's own fact-check of an article is published (each
    ClaimReview's `url` is made from it), and where each page of a paginated source (a PDF)
    begins in the article's body, so a claim or source can say "p. 4"."""
    conn = db.conn
    have = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
    if "published_url" not in have:  # idempotent: a test re-runs migrations on a copy
        conn.execute("ALTER TABLE articles ADD COLUMN published_url TEXT NOT NULL DEFAULT ''")
    conn.execute(
        """
        CREATE TABLE IF NOT EXISTS article_pages (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            page INTEGER NOT NULL,
            start INTEGER NOT NULL,
            PRIMARY KEY (article_id, page)
        )
        """
    )


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    0: _create_v1,
    1: _word_drafts_v2,
    2: _desk_v3,
    3: _add_correction_v4,
    4: _v5_report_identity_and_link_snapshots,
    5: _checked_claims_index_v6,
    6: _facts_v7,
    7: _published_url_and_pages_v8,
}
