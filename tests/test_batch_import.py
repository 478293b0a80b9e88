"""A batch import from the command line is read in worker processes; the desk it leaves is
the one a file-by-file import leaves (same ids, claims, scores, facts), refusals included."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from factcheck_tui.core.intake.import_files import _worker_count, import_article_files
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.store import Store
from tests.conftest import SAMPLE_ARTICLE
from tests.dev_pages import dev_page

PAGES = ("reuters.com.parasite.html", "theverge.com.ios13.html", "lemire.me.json.html")


def _rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return [
            *conn.execute("SELECT id, title, date, url, outlet, body FROM articles ORDER BY id"),
            *conn.execute(
                "SELECT id, article_id, position, text, start, end, score, reasons"
                " FROM claims ORDER BY id"
            ),
            *conn.execute("SELECT claim_id, start, end, text, kind FROM facts ORDER BY id"),
        ]


def _batch(tmp_path: Path) -> list[str]:
    names = []
    for page in PAGES:
        path = tmp_path / page
        path.write_bytes(dev_page(page))
        names.append(str(path))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return [names[0], str(empty), names[1], str(SAMPLE_ARTICLE), str(binary), names[2]]


def test_a_batch_from_the_command_line_leaves_the_desk_a_file_by_file_import_leaves(
    tmp_path: Path,
) -> None:
    names = _batch(tmp_path)
    assert _worker_count(names) == min(len(os.sched_getaffinity(0)), 8)
    batch_db = tmp_path / "batch.db"
    done = subprocess.run(
        [sys.executable, "-m", "factcheck_tui", "import", "--db", str(batch_db), *names],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path)},
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["#1", "#2", "#3", "#4"]
    refused = done.stderr.splitlines()
    assert len(refused) == 3 and "empty.txt" in refused[0] and "photo.html" in refused[1]
    assert "2 of 6 files" in refused[2]

    # The TUI's import runs in a thread, where no worker is forked: one file at a time.
    one_db = tmp_path / "one_by_one.db"
    refusals: list[str] = []

    def one_by_one() -> None:
        assert _worker_count(names) == 0
        with Store.open(one_db, "tester") as store:
            import_article_files(
                names, lambda article: import_article(store, article), on_refused=refusals.append
            )

    thread = threading.Thread(target=one_by_one)
    thread.start()
    thread.join()
    assert len(refusals) == 2
    assert _rows(batch_db) == _rows(one_db) and len(_rows(one_db)) > 100


def test_standard_input_and_a_few_files_are_read_here() -> None:
    assert _worker_count(["a.html", "-", "b.html", "c.html"]) == 0
    assert _worker_count(["a.html", "b.html"]) == 0


def test_a_worker_killed_mid_batch_loses_no_file(tmp_path: Path) -> None:
    page = dev_page(PAGES[0])
    names = []
    for number in range(40):  # the same story under 40 names: read and scored 40 times
        path = tmp_path / f"copy{number}.html"
        path.write_bytes(page)
        names.append(str(path))
    command = [sys.executable, "-m", "factcheck_tui", "import", "--db", str(tmp_path / "d.db")]
    running = subprocess.Popen(
        [*command, *names],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    workers: list[str] = []
    for _ in range(200):  # the pool starts after the first file
        found = subprocess.run(["pgrep", "-P", str(running.pid)], capture_output=True, text=True)
        workers = found.stdout.split()
        if workers or running.poll() is not None:
            break
        time.sleep(0.05)
    assert workers, "the batch ended before its workers were seen"
    os.kill(int(workers[0]), signal.SIGKILL)  # as the out-of-memory killer would
    out, err = running.communicate(timeout=120)
    assert running.returncode == 0 and not err, err
    lines = out.decode().splitlines()
    assert len(lines) == 40 and "new article" in lines[0]
    assert all("already" in line for line in lines[1:])


def _import(db: Path, names: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck_tui", "import", "--db", str(db), *names],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(home)},
        timeout=120,
    )


def test_a_batch_whose_first_file_is_refused_lands_the_rest_in_order(tmp_path: Path) -> None:
    """The first file is read before the workers start (and before the desk is opened):
    its refusal is still its one line, in its place, and the others land."""
    names = _batch(tmp_path)
    names = [names[1], *(n for n in names if n != names[1])]  # empty.txt first
    done = _import(tmp_path / "d.db", names, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    refused = done.stderr.splitlines()
    assert "empty.txt" in refused[0] and "photo.html" in refused[1], refused
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["#1", "#2", "#3", "#4"]


def test_a_batch_into_a_file_that_is_no_desk_says_so_and_leaves_it(tmp_path: Path) -> None:
    """The workers start reading before the desk is opened: a file that is not a desk is
    still one line and a non-zero exit, the file untouched and no worker left behind."""
    not_a_desk = tmp_path / "notes.db"
    not_a_desk.write_bytes(b"my notes, not a database\n" * 200)
    done = _import(not_a_desk, _batch(tmp_path), tmp_path)
    assert done.returncode != 0 and not done.stdout, done.stdout
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, done.stderr
    assert not_a_desk.read_bytes() == b"my notes, not a database\n" * 200
