"""The installed `factcheck` in a real terminal under tmux: keys in, database and CSV out."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_ARTICLE
from tests.tmux_driver import TmuxSession, factcheck_command

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_mark_a_claim_quit_and_find_it_in_the_database_and_csv(tmp_path: Path) -> None:
    factcheck = factcheck_command()
    db = tmp_path / "desk.db"
    subprocess.run(
        [factcheck, "import", str(SAMPLE_ARTICLE), "--db", str(db)], check=True, capture_output=True
    )
    conn = sqlite3.connect(db)
    total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    with TmuxSession(
        [factcheck, str(db)], env={"FACTCHECK_CHECKER": "amira"}, cwd=tmp_path
    ) as term:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"0/{total} checked")
        term.send("j", "v")
        term.wait_for(f"1/{total} checked · 1 verified")
        term.send("C-q")
        term.wait_for("EXIT-STATUS-0")
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT status, checker FROM claims ORDER BY start").fetchall()
    conn.close()
    assert rows[1] == ("verified", "amira")
    assert [status for status, _ in rows].count("verified") == 1
    exported = subprocess.run(
        [factcheck, "export", "--db", str(db)], capture_output=True, text=True, check=True
    )
    csv_rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [r["status"] for r in csv_rows].count("verified") == 1
    assert csv_rows[1]["status"] == "verified" and csv_rows[1]["checker"] == "amira"


def claims_on_screen(text: str) -> int:
    """Claims the article screen's right pane starts on this screen (their status icon)."""
    from factcheck_tui.tui.widgets.styles import KIND_ICONS

    icons = tuple(KIND_ICONS.values())
    rights = [line.split("│", 1)[1] for line in text.splitlines() if "│" in line]
    return sum(right[:5].strip()[:1] in icons for right in rights)


def said(words: str) -> Callable[[str], bool]:
    """On screen, wherever the terminal wrapped its lines."""
    return lambda text: words in " ".join(text.split())


def test_at_80x24_the_real_article_keeps_five_claims_and_archive_comes_back(
    tmp_path: Path,
) -> None:
    """The sample article as the extractor finds it, in a real 80×24 terminal: five claims or
    more in view; A asks, y archives, the list's ctrl+z brings the article back; the same
    screen at 160×48 unfolds (tmux resizes the window)."""
    factcheck = factcheck_command()
    db = tmp_path / "desk.db"
    subprocess.run(
        [factcheck, "import", str(SAMPLE_ARTICLE), "--db", str(db)], check=True, capture_output=True
    )
    with TmuxSession(
        [factcheck, str(db)], env={"FACTCHECK_CHECKER": "amira"}, cwd=tmp_path, width=80, height=24
    ) as term:
        term.wait_for("ISIS Reduced to a")
        term.send("Enter")
        term.wait_for("i opens the detail")
        # Within a moment of opening (the first frames come before the terminal's size is
        # known): the screen the checker works on.
        term.wait_for(lambda text: claims_on_screen(text) >= 5, timeout=5)
        term.send("i")
        term.wait_for("score ")  # the detail opened: its first line has the score
        term.send("i", "Escape")
        term.wait_for(said("1 of 1 article"))  # (an A right after Escape would read as alt+A)
        term.send("A")
        term.wait_for("y yes · n or escape no")
        term.send("y")
        term.wait_for(said("0 of 0 articles"))
        term.send("C-z")
        term.wait_for(said("1 of 1 article"))
        term.send("Enter")
        term.wait_for("i opens the detail")
        subprocess.run([*term.tmux, "resize-window", "-t", term.name, "-x", "160", "-y", "48"])
        term.wait_for("score ")  # tall enough: the panels open by themselves
        assert "i opens the detail" not in term.screen()
        term.send("C-q")
        term.wait_for("EXIT-STATUS-0")
