"""Two checkers, one file: writers in separate processes at once lose nothing, never see
"database is locked", and a TUI shows another process's change within about a second."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.store import Store
from tests.conftest import SAMPLE_ARTICLE
from tests.tmux_driver import TmuxSession, factcheck_command

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

# One checker in its own process: marks its own claims (alternating statuses, so each mark is
# a change) and adds a source to the claim both checkers share, `rounds` times, as fast as it
# can once the start file appears.
WRITER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from factcheck_tui.core.desk.claim_checks import AddSource, Mark
    from factcheck_tui.core.store import Store

    db, checker, parity, rounds, start = sys.argv[1:6]
    store = Store.open(db, checker)
    claims = [c.id for c in store.claims(1)]
    own = claims[int(parity) :: 2]
    shared = claims[0]
    Path(f"{start}.{checker}").touch()  # ready
    while not Path(start).exists():
        time.sleep(0.001)
    began = time.time()
    last = {}
    for r in range(int(rounds)):
        for i, claim_id in enumerate(own):
            status = ("verified", "unverified")[(r + i) % 2]
            store.apply(Mark([claim_id], status))
            last[claim_id] = status
        store.apply(AddSource(
            shared, kind="person", reference=f"{checker} call {r}", tier="primary",
            consulted_on="2024-05-01",
        ))
    store.close()
    ended = time.time()
    print(json.dumps({"last": last, "marks": int(rounds) * len(own), "span": [began, ended]}))
    """
)


def test_two_processes_writing_at_once_lose_nothing(sample_store: Store, tmp_path: Path) -> None:
    db = Path(sample_store.path)
    sample_store.close()
    start = tmp_path / "go"
    rounds = 30
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), checker, str(parity), str(rounds), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for checker, parity in (("amira", 0), ("bo", 1))
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{start}.{name}").exists() for name in ("amira", "bo")):
        assert time.monotonic() < deadline, "the writers never became ready"
        assert all(writer.poll() is None for writer in writers), "a writer died"
        time.sleep(0.01)
    start.touch()
    results = {}
    for checker, writer in zip(("amira", "bo"), writers, strict=True):
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "locked" not in err and err == "", err
        results[checker] = json.loads(out)

    # Both were writing at the same time: each started before the other had finished.
    (a_start, a_end), (b_start, b_end) = results["amira"]["span"], results["bo"]["span"]
    assert a_start < b_end and b_start < a_end
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for checker, result in results.items():
            marks = conn.execute(
                "SELECT count(*) FROM events WHERE checker = ? AND action = 'status'", (checker,)
            ).fetchone()[0]
            assert marks == result["marks"]  # every change is in the audit trail
            for claim_id, status in result["last"].items():
                row = conn.execute(
                    "SELECT status, checker FROM claims WHERE id = ?", (int(claim_id),)
                ).fetchone()
                assert row == (status, checker)  # the last write of each claim stands
        references = [
            row[0]
            for row in conn.execute("SELECT reference FROM sources WHERE claim_id = 1 ORDER BY id")
        ]
        assert sorted(references) == sorted(
            f"{checker} call {r}" for checker in ("amira", "bo") for r in range(rounds)
        )  # no insert lost on the claim both wrote to
    finally:
        conn.close()


def test_two_checkers_on_the_same_claim_the_later_wins_and_both_are_kept(
    sample_store: Store,
) -> None:
    claim = sample_store.claims(1)[2]
    amira = Store.open(sample_store.path, "amira")
    bo = Store.open(sample_store.path, "bo")
    try:
        amira.apply(Mark([claim.id], "verified"))
        bo.apply(Mark([claim.id], "unverified"))
        for reader in (amira, bo, sample_store):
            shown = reader.claim(claim.id)
            assert (shown.status, shown.checker) == ("unverified", "bo")
        trail = [
            (e.checker, json.loads(e.old_value), json.loads(e.new_value))
            for e in reversed(bo.events(claim_id=claim.id))
        ]
        assert trail == [("amira", "unchecked", "verified"), ("bo", "verified", "unverified")]
    finally:
        amira.close()
        bo.close()


@pytest.mark.tmux
@needs_tmux
def test_tui_shows_another_processs_mark_within_a_second(
    sample_store: Store, tmp_path: Path
) -> None:
    total = sample_store.progress(1).total
    claim = sample_store.claims(1)[3]
    sample_store.close()
    with TmuxSession([factcheck_command(), str(sample_store.path)], cwd=tmp_path) as term:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"0/{total} checked")
        time.sleep(0.3)  # the screen has taken its first data_version
        # The other checker stays open while we watch, as a second checker's app would: a
        # last connection closing checkpoints and removes the WAL, and that case is
        # test_a_second_connection_in_one_process_does_not_orphan_the_first's.
        with Store.open(sample_store.path, "bo") as other:
            other.apply(Mark([claim.id], "unverified"))
            # The screen polls PRAGMA data_version once a second: the other checker's mark
            # appears without a key (how soon is a figure for benchmarks, not a test).
            term.wait_for(f"1/{total} checked · 0 verified · 1 unverified", timeout=10)


@pytest.mark.tmux
@needs_tmux
def test_marking_in_the_tui_while_the_cli_imports_articles(tmp_path: Path) -> None:
    """The TUI writes marks while `factcheck import` writes articles: both land, no lock error."""
    db = tmp_path / "desk.db"
    first = tmp_path / "first.txt"
    first.write_text(
        "Budget\n\nThe council spent $4 million on roads in 2023, the mayor said on Monday.\n"
        "Officials said 12 bridges were repaired, up from 7 in 2022, the report found.\n",
        encoding="utf-8",
    )
    made = subprocess.run(
        [factcheck_command(), "import", str(first), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    articles = []
    for number in range(40):
        path = tmp_path / f"story{number:02}.txt"
        body = " ".join(
            f"Councillor {number} said {number + k} schools got ${k + 1} million in 20{k:02}."
            for k in range(20)
        )
        path.write_text(f"Story {number}\n\n{body}\n", encoding="utf-8")
        articles.append(str(path))
    # A second checker keeps the file open throughout, as on a real desk; without one, the
    # importer's close removes the WAL under the TUI (see the xfail test below).
    witness = sqlite3.connect(db)
    witness.execute("SELECT count(*) FROM claims").fetchone()
    with TmuxSession(
        [factcheck_command(), str(db)], env={"FACTCHECK_CHECKER": "amira"}, cwd=tmp_path
    ) as term:
        term.wait_for("Budget")
        term.send("Enter")
        term.wait_for("0/2 checked")
        importer = subprocess.Popen(
            [factcheck_command(), "import", *articles, "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Keep marking for as long as the import runs, whole v/u/c cycles, then one more.
        sent = 0
        while importer.poll() is None or sent % 3:
            term.send("vuc"[sent % 3])
            sent += 1
            time.sleep(0.03)
        out, err = importer.communicate(timeout=120)
        term.send("j", "v")
        expected_marks = sent + 1
        deadline = time.monotonic() + 20
        while status_events(db, "amira") < expected_marks and time.monotonic() < deadline:
            time.sleep(0.05)
        screen = term.screen()
    witness.close()
    assert importer.returncode == 0, err
    assert "locked" not in err and "Traceback" not in err
    assert out.count("imported #") == len(articles)
    assert "locked" not in screen and "Error" not in screen
    assert status_events(db, "amira") == expected_marks
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1 + len(articles)
        statuses = [
            row[0]
            for row in conn.execute("SELECT status FROM claims WHERE article_id = 1 ORDER BY start")
        ]
        assert statuses == ["unchecked", "verified"]
        # The two really wrote at the same time: marks and imports interleave in the trail.
        writers = [row[0] for row in conn.execute("SELECT checker FROM events ORDER BY id")]
        assert sum(a != b for a, b in itertools.pairwise(writers[1:])) >= 3, writers
    finally:
        conn.close()


OTHER_CHECKER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1])
    if len(sys.argv) > 2:
        conn.execute("UPDATE claims SET note = 'called the council' WHERE id = ?", (sys.argv[2],))
        conn.commit()
    else:
        print(conn.execute("SELECT status FROM claims ORDER BY id LIMIT 1").fetchone()[0])
    conn.close()
    """
)


def test_a_second_connection_in_one_process_does_not_orphan_the_first(
    sample_store: Store,
) -> None:
    """What the TUI does: its screen's connection stays open while a worker opens another
    (suggestions, export, import); meanwhile a second checker writes and closes."""
    db = str(sample_store.path)
    claim_id = sample_store.claims(1)[0].id
    reader = sample_store.another_connection(read_only=True)
    try:
        subprocess.run(
            [sys.executable, "-c", OTHER_CHECKER, db, str(claim_id + 1)], check=True, timeout=60
        )
        sample_store.apply(Mark([claim_id], "verified"))  # the checker's mark, shown on screen
        seen = subprocess.run(
            [sys.executable, "-c", OTHER_CHECKER, db],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    finally:
        reader.close()
        sample_store.close()
    assert seen.stdout.strip() == "verified", seen.stderr or seen.stdout
    after_quit = subprocess.run(
        [sys.executable, "-c", OTHER_CHECKER, db], capture_output=True, text=True, timeout=60
    )
    assert after_quit.stdout.strip() == "verified", "the mark is gone once the app has quit"


def test_importing_the_open_desk_by_mistake_does_not_orphan_it(tmp_path: Path) -> None:
    """`i` with a glob that matches the desk itself (here a desk without a suffix, read as
    text): the file must be refused without being opened, or this process loses its locks."""
    db = tmp_path / "desk"
    with Store.open(db, "tester") as store:
        import_article(store, read_article_file(SAMPLE_ARTICLE))
        claim_id = store.claims(1)[0].id
        with pytest.raises(InputError, match="database"):
            read_article_file(db)
        subprocess.run(
            [sys.executable, "-c", OTHER_CHECKER, str(db), str(claim_id + 1)],
            check=True,
            timeout=60,
        )
        store.apply(Mark([claim_id], "verified"))
        # Another checker looks while the app is still open (a kill -9 now would lose it all).
        seen = subprocess.run(
            [sys.executable, "-c", OTHER_CHECKER, str(db)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert seen.stdout.strip() == "verified", seen.stderr or "the mark went to a deleted WAL"


def status_events(db: Path, checker: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(
            conn.execute(
                "SELECT count(*) FROM events WHERE checker = ? AND action = 'status'", (checker,)
            ).fetchone()[0]
        )
    finally:
        conn.close()
