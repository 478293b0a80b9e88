"""The installed `factcheck` in a real terminal under tmux: keys in, database and CSV out."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import subprocess
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
