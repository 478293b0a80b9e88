"""A draft's identity includes its comments: the same text again with a new comment carrying
a source updates the stored draft (the source stored, the kept .docx the newest), says so;
the very same draft again is still "already in the database"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import docx

from tests.test_word_drafts import THIRD, factcheck, write_draft

NEW_SOURCE = "https://example.org/governor-statement"


def _sources(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("SELECT reference FROM sources ORDER BY id")]
    finally:
        conn.close()


def _kept(db: Path) -> bytes:
    conn = sqlite3.connect(db)
    try:
        return bytes(conn.execute("SELECT content FROM article_files").fetchone()[0])
    finally:
        conn.close()


def test_a_new_comment_on_the_same_text_is_stored_and_the_newest_docx_kept(
    tmp_path: Path,
) -> None:
    first, second, db = tmp_path / "draft.docx", tmp_path / "draft-2.docx", tmp_path / "d.db"
    write_draft(first)
    assert factcheck("import", str(first), "--db", str(db)).returncode == 0
    before = _sources(db)
    again = factcheck("import", str(first), "--db", str(db))
    assert again.returncode == 0 and "already in the database: #1" in again.stdout

    write_draft(second)
    document = docx.Document(str(second))
    governor = next(p for p in document.paragraphs if p.text == THIRD)
    document.add_comment([governor.runs[0]], f"Statement: {NEW_SOURCE}", author="Sam Roe")
    document.save(str(second))
    updated = factcheck("import", str(second), "--db", str(db))
    assert updated.returncode == 0, updated.stdout
    assert "updated the draft #1" in updated.stdout
    assert "1 new or changed comment, 2 sources added" in updated.stdout
    after = _sources(db)
    assert after[: len(before)] == before  # nothing the writer sent before is dropped
    assert NEW_SOURCE in after and f"Statement: {NEW_SOURCE}" in after
    assert _kept(db) == second.read_bytes()
    # The same new draft once more: nothing new, no source twice.
    once_more = factcheck("import", str(second), "--db", str(db))
    assert "already in the database: #1" in once_more.stdout
    assert _sources(db) == after
