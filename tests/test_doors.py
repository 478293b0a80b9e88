"""One door for files: every option and variable of `factcheck` that names a file to read goes
through core/intake/reading.py, proven by what it does with a FIFO and with /dev/zero (the
door's own words, one line, exit 2, at once: no hang, no MemoryError). Then the other
hostile files of issue 22: a zip bomb via `export --onto`, hostile configs, a 0-byte desk
for `status`, a UTF-16 byte-order mark on a binary file, the 100,000-deep article, a
ClaimReview in a nested @graph, and the folder left as it was found."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_ARTICLE
from tests.hostile import assert_clean_bytes, run

# (what names the file, how the command line or environment names it). "{}" is the path.
DOORS: list[tuple[str, list[str], dict[str, str]]] = [
    ("import FILE", ["import", "{}", "--db", "{db}"], {}),
    ("extract FILE", ["extract", "{}"], {}),
    ("reports import FILE", ["reports", "import", "{}", "--db", "{db}"], {}),
    ("match --queries FILE", ["match", "--queries", "{}", "--db", "{db}"], {}),
    (
        "export --onto DRAFT",
        ["export", "--format", "docx", "--onto", "{}", "-o", "{out}", "--db", "{db}"],
        {},
    ),
    ("FACTCHECK_CONFIG", ["status", "--db", "{db}"], {"FACTCHECK_CONFIG": "{}"}),
    ("--db DB", ["status", "--db", "{}"], {}),
    ("FACTCHECK_DB", ["status"], {"FACTCHECK_DB": "{}"}),
]
KIND_SAID = {"fifo": "is a named pipe (FIFO)", "/dev/zero": "is a character device"}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    assert run("import", str(SAMPLE_ARTICLE), "--db", str(db)).returncode == 0
    return db


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize(("door", "args", "env"), DOORS, ids=[door[0] for door in DOORS])
def test_every_file_door_refuses_a_fifo_and_a_device_in_one_line(
    desk: Path, tmp_path: Path, door: str, args: list[str], env: dict[str, str], kind: str
) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = Path("/dev/zero")
    fill = {"db": str(desk), "out": str(tmp_path / "out.docx")}
    argv = [part.replace("{}", str(target)).format(**fill) for part in args]
    environment = {**os.environ, **{k: v.replace("{}", str(target)) for k, v in env.items()}}
    done = run(*argv, env=environment)  # a hang is the 120 s timeout: a failure
    err = done.stderr.decode()
    assert done.returncode == 2, f"{door}: {err}"
    assert KIND_SAID[kind] in err, f"{door}: {err}"
    assert err.count("\n") == 1 and "Traceback" not in err and "MemoryError" not in err
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("suffix", [".pdf", ".odt", ".rtf"])
def test_a_fifo_named_like_an_office_document_is_refused_in_one_line(
    desk: Path, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"press-release{suffix}"
    os.mkfifo(target)
    done = run("import", str(target), "--db", str(desk))
    err = done.stderr.decode()
    assert done.returncode == 2 and KIND_SAID["fifo"] in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def _zip_bomb() -> bytes:
    """A .docx whose members declare 315 MB unpacked, about 300 KB packed (hostile testing
    used 1.5 GB; the limit is 200 MB, and a smaller bomb keeps the test quick)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/padding.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                member.write(block)
    return out.getvalue()


def test_export_onto_refuses_a_zip_bomb_before_unpacking_it(desk: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_zip_bomb())
    out = tmp_path / "copy.docx"
    done = run("export", "--format", "docx", "--onto", str(bomb), "-o", str(out), "--db", str(desk))
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "unpacks to 315 MB, over the 200 MB limit" in err, err
    assert not out.exists()


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("a = " + "{b = " * 5000 + "1" + "}" * 5000, "nested too deeply"),
        ("a = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("a = " + "9" * 5000, "a number too long"),
        ("[rules]\nverified_min_sources = true", "verified_min_sources must be a whole number"),
        ('[[verdicts]]\nid = "unchecked"\nrating = "high"', "rating must be a whole number"),
        ("scale = 3", "unknown scale"),
        ("\x00\x01binary", "not valid TOML"),
        ("\xff\xfe", "not UTF-8"),
    ],
    ids=[
        "deep-tables",
        "deep-arrays",
        "long-integer",
        "boolean-count",
        "text-rating",
        "number-scale",
        "binary",
        "latin-1",
    ],
)
def test_a_hostile_config_is_one_line(desk: Path, tmp_path: Path, config: str, said: str) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(config.encode("latin-1") if config == "\xff\xfe" else config.encode())
    done = run("status", "--db", str(desk), env={**os.environ, "FACTCHECK_CONFIG": str(path)})
    err = done.stderr.decode()
    assert done.returncode == 2 and said in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert_clean_bytes(done.stderr, "stderr")


def test_claimreview_export_refuses_a_status_not_on_the_scale(desk: Path) -> None:
    done = run("export", "--format", "claimreview", "--status", "bogus", "--db", str(desk))
    assert done.returncode == 2, done.stderr
    assert "--status is for --format csv" in done.stderr.decode(), done.stderr
    assert done.stdout == b""


def test_a_key_on_a_reserved_key_or_on_several_actions_is_named() -> None:
    from factcheck_tui.tui.keys import keymap_problems

    problems = keymap_problems(
        {"claims.verify": "ctrl+q", "claims.unverify": "x", "claims.note": "x", "claims.copy": "x"}
    )
    assert "ctrl+q is reserved for quit" in problems["claims.verify"]
    for binding in ("claims.unverify", "claims.note", "claims.copy"):
        assert "'x' is given to 3 actions" in problems[binding]
    # One key on two screens is no clash: each screen has its own.
    assert keymap_problems({"claims.down": "J", "articles.down": "J"}) == {}


def _names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_status_refuses_a_zero_byte_file_and_leaves_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    done = run("status", "--db", str(empty))
    assert done.returncode == 2 and "is empty (0 bytes)" in done.stderr.decode()
    assert empty.stat().st_size == 0 and _names(tmp_path) == {"empty.db"}


def test_every_command_leaves_the_folder_as_it_found_it(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert run("import", str(SAMPLE_ARTICLE), "--db", str(db)).returncode == 0
    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        json.dumps({"claim": "ISIS holds 1 percent of Syria", "rating": "False", "url": "u"}),
        encoding="utf-8",
    )
    before = _names(tmp_path)
    for argv in (
        ["reports", "import", str(reports)],
        ["match", "ISIS holdouts in Syria"],
        ["status"],
        ["search", "Syria"],
        ["export", "-o", str(tmp_path / "out.csv")],
    ):
        done = run(*argv, "--db", str(db))
        assert done.returncode == 0, (argv, done.stderr)
        assert _names(tmp_path) - {"out.csv"} == before, (argv, _names(tmp_path))
    # A WAL-mode SQLite file of another program, refused: nothing made beside it.
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = _names(tmp_path)
    for argv in (
        ["status", "--db", str(other)],
        ["import", str(SAMPLE_ARTICLE), "--db", str(other)],
    ):
        done = run(*argv)
        assert done.returncode == 2 and "not a factcheck one" in done.stderr.decode()
        assert _names(tmp_path) == before, _names(tmp_path)


def test_backup_cleans_what_a_killed_backup_left(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert run("import", str(SAMPLE_ARTICLE), "--db", str(db)).returncode == 0
    backups = tmp_path / "backups"
    backups.mkdir()
    # What a backup killed mid-copy leaves: its temporary copy and that copy's journal,
    # named for a process that is gone.
    gone = 2**22 + 12345
    for suffix in ("", "-journal"):
        (backups / f".desk.db.{gone}.0badc0de.tmp{suffix}").write_bytes(b"half a copy")
    done = run("backup", str(backups / "desk.db"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert _names(backups) == {"desk.db"}


def test_a_binary_file_behind_a_utf16_bom_is_refused(desk: Path, tmp_path: Path) -> None:
    binary = tmp_path / "story.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage\x00" * 500)  # as hostile testing made it
    done = run("import", str(binary), "--db", str(desk))
    assert done.returncode == 2
    assert "looks like a binary file" in done.stderr.decode()
    # Real UTF-16 text still imports.
    text = tmp_path / "utf16.txt"
    text.write_bytes(SAMPLE_ARTICLE.read_text(encoding="utf-8").encode("utf-16"))
    assert run("extract", str(text)).returncode == 0


def test_the_100000_deep_article_is_read(tmp_path: Path) -> None:
    sentence = b"<p>The council spent 4 million pounds on roads in 2023, its report said.</p>"
    page = tmp_path / "deep.html"
    page.write_bytes(b"<html><body>" + b"<div>" * 100_000 + sentence + b"</div>" * 100_000)
    done = run("extract", str(page))
    assert done.returncode == 0, done.stderr
    assert b"The council spent 4 million pounds" in done.stdout


def test_a_claimreview_in_a_nested_graph_is_imported(desk: Path, tmp_path: Path) -> None:
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "The council spent 4 million on roads",
        "url": "https://checks.example/roads",
        "reviewRating": {"alternateName": "False"},
        "author": {"name": "Checks"},
    }
    page = tmp_path / "graph.json"
    page.write_text(json.dumps({"@graph": [{"@type": "WebPage", "@graph": [review]}]}), "utf-8")
    done = run("reports", "import", str(page), "--db", str(desk))
    assert done.returncode == 0, done.stderr
    assert "1 imported" in done.stdout.decode() + done.stderr.decode()
