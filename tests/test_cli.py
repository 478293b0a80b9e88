"""The `factcheck` command as a shell user runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_ARTICLE


def factcheck(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_tui", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_import_then_export_round_trip(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    first = factcheck("import", str(SAMPLE_ARTICLE), "--db", db)
    assert first.returncode == 0
    assert first.stdout.startswith("imported #1 ISIS Reduced to a Handful of Holdouts in Syria")
    again = factcheck("import", str(SAMPLE_ARTICLE), "--db", db)
    assert again.stdout.startswith("already in the database: #1")
    exported = factcheck("export", "--db", db)
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) >= 6
    assert {row["article_id"] for row in rows} == {"1"}


def test_import_from_stdin_and_db_from_environment(tmp_path: Path) -> None:
    result = factcheck(
        "import",
        "-",
        stdin=b"Council votes\n\nThe council approved $4.2m on Monday, the mayor said.\n",
        env={"FACTCHECK_DB": str(tmp_path / "e.db")},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "e.db").exists()


def test_export_to_file_atomically(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    factcheck("import", str(SAMPLE_ARTICLE), "--db", db)
    out = tmp_path / "out.csv"
    result = factcheck("export", "--db", db, "-o", str(out), "--status", "unchecked")
    assert result.returncode == 0
    assert "exported" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("article_id,article_title")


BAD_ARTICLES = {
    "missing.txt": (None, "no such file"),
    "empty.txt": (b"", "empty"),
    "binary.txt": (b"\x00\x01\x02\xff" * 100, "binary"),
    "slides.pptx": (b"PK\x03\x04", "unknown format"),
}


@pytest.mark.parametrize("name", sorted(BAD_ARTICLES))
def test_bad_article_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    content, message = BAD_ARTICLES[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = factcheck("import", str(path), "--db", str(tmp_path / "desk.db"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("factcheck: ") and message in lines[0]


def test_oversized_article(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    result = factcheck("import", str(path), "--db", str(tmp_path / "desk.db"))
    assert result.returncode == 2
    assert "20 MB" in result.stderr


def test_good_files_land_when_some_are_bad(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = factcheck("import", str(empty), str(SAMPLE_ARTICLE), "--db", db)
    assert result.returncode == 2
    assert "imported #1" in result.stdout
    assert "empty.txt" in result.stderr and "1 of 2 files" in result.stderr


def test_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"my notes\n" * 100)
    before = db.read_bytes()
    for args in (["import", str(SAMPLE_ARTICLE)], ["export"]):
        result = factcheck(*args, "--db", str(db))
        assert result.returncode == 2
        assert result.stderr.strip() == f"factcheck: {db} is not a SQLite database"
    tui = factcheck(str(db))
    assert tui.returncode == 2
    assert "not a SQLite database" in tui.stderr
    assert db.read_bytes() == before


def test_database_in_missing_folder(tmp_path: Path) -> None:
    result = factcheck("import", str(SAMPLE_ARTICLE), "--db", str(tmp_path / "no" / "x.db"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_unknown_article_id_on_export(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    factcheck("import", str(SAMPLE_ARTICLE), "--db", db)
    result = factcheck("export", "--db", db, "--article", "99")
    assert result.returncode == 2
    assert "no article with id 99" in result.stderr


def test_deeply_nested_json_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    db = str(tmp_path / "desk.db")
    reports = factcheck("reports", "import", str(nested), "--db", db)
    assert reports.returncode != 0
    lines = reports.stderr.strip().splitlines()
    assert lines[0] == f"factcheck: {nested}: JSON nested too deeply to be reports"
    assert all(line.startswith("factcheck: ") for line in lines)
    article = factcheck("import", str(nested), "--db", db)
    assert article.returncode != 0
    assert "nested too deeply" in article.stderr and len(article.stderr.splitlines()) == 1
