"""Hostile values for every field a user or a file can set, and a desk full of them.

Each payload is something a terminal acts on: an OSC 52 clipboard write, an OSC 2 title
change, a screen clear, their C1 forms, a bell, a bidi override, and Textual markup. The
desk holds them twice: as the real import stores them (control characters dropped) and raw
in the database (an older factcheck, another tool, a colleague's sqlite3 shell), since every
surface must show raw values safely too.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
from pathlib import Path

from tests.conftest import SAMPLE_ARTICLE
from tests.tmux_driver import factcheck_command

CLIPBOARD = "\x1b]52;c;SEFDS0VE\x07"  # OSC 52: set the clipboard to "HACKED"
TITLE = "\x1b]2;PWNED\x07\x1bkRENAMED\x1b\\"  # OSC 2 and tmux's ESC k: title, window name
CLEAR = "\x1b[2J\x1b[H"
C1_CLIPBOARD = "\x9d52;c;SEFDS0VE\x9c"  # the same OSC, with C1 controls
C1_CSI = "\x9b2J"
BELL = "\x07"
BIDI = "\u202eevil\u202c"
MARKUP = "[b]bold[/b] [link=x]"


def hostile(label: str) -> str:
    """A value that is readable (`label` marks where it shows) and attacks the terminal."""
    return f"{label} {CLIPBOARD}{TITLE}{CLEAR}{C1_CLIPBOARD}{C1_CSI}{BELL}{BIDI} {MARKUP} end"


# Bytes (and code points) that must never reach a terminal from untrusted text.
FORBIDDEN = ("\x1b", "\x07", *(chr(code) for code in range(0x80, 0xA0)))
HOSTILE_FILE_NAME = "rep\x1b]2;PWNED\x07orts\x9b2J"
JAVASCRIPT_URL = "javascript:alert(1)//\x1b]52;c;SEFDS0VE\x07"


def assert_clean(text: str, where: str) -> None:
    for char in FORBIDDEN:
        assert char not in text, f"{char!r} reached {where}: {text[:400]!r}"


def assert_clean_bytes(data: bytes, where: str) -> None:
    """Raw output bytes: no ESC or BEL byte, valid UTF-8, no C1 code point."""
    assert b"\x1b" not in data and b"\x07" not in data, f"escape in {where}: {data[:400]!r}"
    assert_clean(data.decode("utf-8"), where)


def run(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """The installed `factcheck`, output captured as bytes."""
    return subprocess.run(
        [factcheck_command(), *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def report_files(folder: Path) -> list[Path]:
    """One hostile report file per format (CSV, JSON Lines, ClaimReview JSON), with an ESC
    in the CSV's name, and a bad row so a problem line is printed."""
    csv_file = folder / f"{HOSTILE_FILE_NAME}.csv"
    with csv_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claim", "rating", "publisher", "url", "date", "title"])
        writer.writerow(
            [
                hostile("The council spent 4 million on roads in 2023"),
                hostile("rating"),
                hostile("publisher"),
                JAVASCRIPT_URL,
                hostile("2023-01-01"),
                hostile("title"),
            ]
        )
        writer.writerow(["", hostile("no claim"), "x", "y", "z", "w"])  # a problem line
    jsonl = folder / "reports.jsonl"
    jsonl.write_text(
        json.dumps(
            {
                "claim": hostile("Police said 3 people were hurt on Monday"),
                "rating": hostile("jsonl rating"),
                "publisher": hostile("jsonl publisher"),
                "url": "https://example.org/" + CLIPBOARD,
            }
        )
        + "\nnot json "
        + CLIPBOARD
        + "\n",
        encoding="utf-8",
    )
    claimreview = folder / "claimreview.json"
    claimreview.write_text(
        json.dumps(
            [
                {
                    "@type": "ClaimReview",
                    "claimReviewed": hostile("The mayor said 40% of roads were repaired"),
                    "reviewRating": {"alternateName": hostile("cr rating")},
                    "author": {"name": hostile("cr author")},
                    "url": "https://example.net/x" + TITLE,
                }
            ]
        ),
        encoding="utf-8",
    )
    return [csv_file, jsonl, claimreview]


def hostile_article(folder: Path) -> Path:
    """A JSON article whose every field attacks the terminal, under a file name with ESC."""
    body = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    article = folder / f"art\x1b]2;PWNED\x07icle{BELL}.json"
    article.write_text(
        json.dumps(
            {
                "title": hostile("Article title"),
                "outlet": hostile("outlet"),
                "url": "https://news.example/" + CLIPBOARD,
                "date": "2018-07-13",
                "body": body.split("\n", 1)[1]
                + "\n\n"
                + hostile("The council spent 4 million on roads in 2023, it said."),
            }
        ),
        encoding="utf-8",
    )
    return article


def make_hostile_desk(folder: Path) -> Path:
    """A desk with hostile values in every field, some stored by the real commands and the
    rest written raw into the database; returns its path."""
    db = folder / "desk.db"
    checker = hostile("checker")
    imported = run("import", str(hostile_article(folder)), "--db", str(db), "--checker", checker)
    assert imported.returncode == 0, imported.stderr
    reports = run("reports", "import", *map(str, report_files(folder)), "--db", str(db))
    # Its malformed rows are skipped and named by line: exit status 1 (issue #10).
    assert reports.returncode == 1, reports.stderr
    conn = sqlite3.connect(db)
    try:
        # Raw, as no import of ours stores them: every text column a surface may show.
        conn.execute(
            "UPDATE articles SET title = ?, outlet = ?, url = ?",
            (hostile("Raw title"), hostile("raw outlet"), "https://x.example/" + TITLE),
        )
        first = conn.execute("SELECT min(id) FROM claims").fetchone()[0]
        conn.execute(
            "UPDATE claims SET status = 'verified', note = ?, checker = ?, "
            "checked_at = '2024-01-02T03:04:05Z' WHERE id = ?",
            (hostile("note") + "\nsecond line", checker, first),
        )
        conn.execute(
            "INSERT INTO sources (claim_id, kind, reference, tier, consulted_on, added_by) "
            "VALUES (?, 'url', ?, 'primary', '2024-01-02', ?)",
            (first, JAVASCRIPT_URL, checker),
        )
        conn.execute(
            "INSERT INTO events (at, checker, article_id, claim_id, action, old_value, new_value,"
            " batch) VALUES ('2024-01-02T03:04:05Z', ?, 1, ?, 'note', ?, ?, 999)",
            (checker, first, json.dumps(hostile("old note")), json.dumps(hostile("new note"))),
        )
        report = conn.execute("SELECT min(id) FROM reports").fetchone()[0]
        conn.execute(
            "UPDATE reports SET rating = ?, publisher = ?, url = ?, claim_text = ? WHERE id = ?",
            (
                hostile("raw rating"),
                hostile("raw publisher"),
                JAVASCRIPT_URL,
                hostile("The council spent 4 million on roads in 2023"),
                report,
            ),
        )
        conn.execute(
            "INSERT INTO claim_reports (claim_id, report_id, score, linked_at, linked_by) "
            "VALUES (?, ?, 90, '2024-01-02T03:04:05Z', ?)",
            (first, report, checker),
        )
        conn.commit()
    finally:
        conn.close()
    return db
