"""The store: every change committed with an event, undo by batch, and refusing bad files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factcheck_tui.core.db.schema import SCHEMA_VERSION
from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.records.errors import DatabaseError, ReadOnlyError
from factcheck_tui.core.store import Store


def claim_ids(store: Store) -> list[int]:
    return [claim.id for claim in store.claims(1)]


def test_every_change_is_an_event_with_old_and_new(sample_store: Store) -> None:
    first, second = claim_ids(sample_store)[:2]
    sample_store.apply(Mark([first], "verified"))
    sample_store.apply(SetNote(first, "Checked against SOHR's statement."))
    sample_store.apply(
        AddSource(
            first,
            kind="url",
            reference="https://example.org/sohr",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    sample_store.apply(Mark([second], "unverified"))
    events = sample_store.events()
    assert [e.action for e in events][:4] == ["status", "add_source", "note", "status"]
    status = events[-2] if events[-1].action == "import_article" else events[-1]
    assert (status.checker, status.claim_id) == ("tester", first)
    assert json.loads(status.old_value or "null") == "unchecked"
    assert json.loads(status.new_value or "null") == "verified"
    note = next(e for e in events if e.action == "note")
    assert json.loads(note.new_value or "null") == "Checked against SOHR's statement."


def test_changes_are_committed_and_visible_to_another_connection(sample_store: Store) -> None:
    claim = claim_ids(sample_store)[0]
    sample_store.apply(Mark([claim], "verified"))
    other = sqlite3.connect(sample_store.path)
    status, checker = other.execute(
        "SELECT status, checker FROM claims WHERE id = ?", (claim,)
    ).fetchone()
    other.close()
    assert (status, checker) == ("verified", "tester")


def test_undo_reverts_the_last_batch_only(sample_store: Store) -> None:
    a, b, c = claim_ids(sample_store)[:3]
    sample_store.apply(Mark([a], "verified"))
    sample_store.apply(Mark([b, c], "unverified"))
    assert "2 claims" in (sample_store.undo(1) or "")
    assert [sample_store.claim(i).status for i in (a, b, c)] == [
        "verified",
        "unchecked",
        "unchecked",
    ]
    sample_store.undo(1)
    assert sample_store.claim(a).status == "unchecked"
    assert sample_store.undo(1) is None


def test_undo_of_note_and_source(sample_store: Store) -> None:
    claim = claim_ids(sample_store)[0]
    sample_store.apply(SetNote(claim, "first"))
    sample_store.apply(SetNote(claim, "second"))
    sample_store.apply(
        AddSource(
            claim,
            kind="person",
            reference="Col. Sean Ryan",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    sample_store.undo(1)
    assert sample_store.claim(claim).sources == ()
    sample_store.undo(1)
    assert sample_store.claim(claim).note == "first"


def test_undo_does_not_clobber_another_checkers_later_change(
    db_path: Path, sample_store: Store
) -> None:
    claim = claim_ids(sample_store)[0]
    sample_store.apply(Mark([claim], "verified"))
    with Store.open(db_path, "other") as other:
        other.apply(Mark([claim], "unverified"))
    with pytest.raises(DatabaseError, match="changed since"):
        sample_store.undo(1)
    assert sample_store.claim(claim).status == "unverified"


def test_progress_counts(sample_store: Store) -> None:
    a, b, c = claim_ids(sample_store)[:3]
    sample_store.apply(Mark([a, b], "verified"))
    sample_store.apply(Mark([c], "unverified"))
    progress = sample_store.progress(1)
    assert str(progress) == (
        f"3/{progress.total} checked · 2 verified · 1 unverified · "
        f"{progress.facts}/{progress.facts} facts left"
    )


def test_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        Store.open(path, "tester")
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="not a factcheck one"):
        Store.open(path, "tester")


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store.open(db_path, "tester").close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer factcheck"):
        Store.open(db_path, "tester")


def test_read_only_file_opens_read_only_and_refuses_changes(
    db_path: Path, sample_store: Store
) -> None:
    sample_store.close()
    db_path.chmod(0o444)
    try:
        with Store.open(db_path, "tester", read_only=True) as store:
            assert store.read_only
            assert store.claims(1)
            with pytest.raises(ReadOnlyError, match="read-only"):
                store.apply(Mark([store.claims(1)[0].id], "verified"))
    finally:
        db_path.chmod(0o644)


def test_database_is_wal_with_foreign_keys(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
