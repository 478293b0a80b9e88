"""The desk is one file (issue #10): marks reach `desk.db` itself on quit, SIGHUP and SIGTERM;
`factcheck backup` copies a desk in use; a reader who may not write never leaves files that
lock the owner out; a read-only folder opens read-only; a network file system and a
`user_version` no factcheck writes are refused with the file untouched.

The reader runs as another uid through `setpriv` (CI runs as root, and root ignores file
permissions), with an interpreter that uid can execute; the desk lives in a folder made
traversable for it.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_tui.core.db.desk_file import NETWORK_FILESYSTEMS, filesystem_type
from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.records.errors import DatabaseError
from factcheck_tui.core.store import Store
from tests.conftest import REPO, SAMPLE_ARTICLE
from tests.test_faults import app_pid, assert_one_line_refusal, factcheck, make_desk
from tests.tmux_driver import TmuxSession, factcheck_command

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
OTHER_UID = 65534  # nobody
OWNER_UID = 4242  # a second ordinary user, so the owner meets permissions as a user does


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_claim(path: Path) -> tuple[str, str]:
    """(status, note) of the first claim in reading order, read from `path` alone."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT status, note FROM claims ORDER BY start, id LIMIT 1").fetchone()
        return str(row[0]), str(row[1] or "")
    finally:
        conn.close()


def only_the_db_file(db: Path, elsewhere: Path) -> Path:
    """What a checker e-mails or a backup tool takes: `desk.db` without its -wal."""
    elsewhere.mkdir()
    copy = elsewhere / db.name
    shutil.copyfile(db, copy)
    return copy


# ------------------------------------------------------------- SIGHUP, SIGTERM, quit
@pytest.mark.tmux
@needs_tmux
@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_after_a_mark_and_during_a_note_keeps_both_in_the_db_file_alone(
    tmp_path: Path, number: int
) -> None:
    db = tmp_path / "desk.db"
    total = make_desk(db)
    env = {"FACTCHECK_CHECKER": "amira", "HOME": str(tmp_path)}
    # 1. After a mark.
    with TmuxSession([factcheck_command(), str(db)], env=env, cwd=tmp_path) as term:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"0/{total} checked")
        term.send("v")
        term.wait_for(f"1/{total} checked · 1 verified")
        os.kill(app_pid(term), number)
        term.wait_for(f"EXIT-STATUS-{128 + number}")
        modes = term.terminal_modes()
        assert modes == dict.fromkeys(modes, "0"), modes  # alternate screen left, mouse off
    assert first_claim(only_the_db_file(db, tmp_path / "mailed")) == ("verified", "")
    # 2. During a note being typed (never saved with ctrl+s).
    with TmuxSession([factcheck_command(), str(db)], env=env, cwd=tmp_path) as term:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"1/{total} checked")
        term.send("n")
        term.wait_for("Note on the claim")
        term.send("-l", "typed when the terminal went")
        term.wait_for("typed when the terminal went")
        os.kill(app_pid(term), number)
        term.wait_for(f"EXIT-STATUS-{128 + number}")
        screen = term.screen()
        assert "Note on the claim" not in screen, screen  # the shell is back
        assert term.terminal_modes()["alternate_on"] == "0"
    assert first_claim(only_the_db_file(db, tmp_path / "mailed-again")) == (
        "verified",
        "typed when the terminal went",
    )


@pytest.mark.tmux
@needs_tmux
def test_closing_the_terminal_itself_keeps_the_mark_and_the_note_in_the_db_file(
    tmp_path: Path,
) -> None:
    """The terminal goes away (its pty closed, then SIGHUP), not just a signal sent."""
    db = tmp_path / "desk.db"
    total = make_desk(db)
    term = TmuxSession(
        [factcheck_command(), str(db)],
        env={"FACTCHECK_CHECKER": "amira", "HOME": str(tmp_path)},
        cwd=tmp_path,
    )
    try:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"0/{total} checked")
        term.send("v")
        term.wait_for(f"1/{total} checked · 1 verified")
        term.send("n")
        term.wait_for("Note on the claim")
        term.send("-l", "typed as the window closed")
        term.wait_for("typed as the window closed")
        pid = app_pid(term)
    finally:
        term.kill()
    deadline = time.monotonic() + 20
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "factcheck outlived its terminal"
    assert first_claim(only_the_db_file(db, tmp_path / "mailed")) == (
        "verified",
        "typed as the window closed",
    )


def test_closing_the_last_store_leaves_no_change_in_the_wal(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    make_desk(db)
    with Store.open(db, "amira") as store, store.another_connection() as worker:
        claim = store.claims(1)[0]
        store.apply(Mark([claim.id], "verified"))
        worker.close()  # a worker closing first does not checkpoint under the app's feet
        assert Path(f"{db}-wal").stat().st_size > 0
        assert first_claim(only_the_db_file(db, tmp_path / "during"))[0] == "unchecked"
    assert first_claim(only_the_db_file(db, tmp_path / "after"))[0] == "verified"


# ----------------------------------------------------------------------------- backup
@pytest.mark.tmux
@needs_tmux
def test_backup_while_the_tui_has_marks_in_the_wal_is_one_complete_file(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    total = make_desk(db)
    backup = tmp_path / "backups" / "desk-monday.db"
    backup.parent.mkdir()
    with TmuxSession(
        [factcheck_command(), str(db)], env={"FACTCHECK_CHECKER": "amira"}, cwd=tmp_path
    ) as term:
        term.wait_for("ISIS Reduced to a Handful")
        term.send("Enter")
        term.wait_for(f"0/{total} checked")
        term.send("v")
        term.wait_for(f"1/{total} checked · 1 verified")
        # The mark is in -wal only: a plain copy of the file lacks it.
        assert first_claim(only_the_db_file(db, tmp_path / "plain"))[0] == "unchecked"
        result = factcheck("backup", str(backup), "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert "1 article" in result.stdout
        term.send("j", "u")
        term.wait_for(f"2/{total} checked · 1 verified · 1 unverified")
    assert not Path(f"{backup}-wal").exists()
    assert first_claim(backup)[0] == "verified"
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert sorted(p.name for p in backup.parent.iterdir()) == ["desk-monday.db"]


def test_backup_refuses_to_overwrite_the_desk_itself(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    make_desk(db)
    before = sha256(db)
    for target in (str(db), str(tmp_path), f"{db}-wal"):
        result = factcheck("backup", target, "--db", str(db))
        assert_one_line_refusal(result, "desk itself")
    assert sha256(db) == before
    # Into a folder: the desk's name there; a second backup replaces the first.
    (tmp_path / "safe").mkdir()
    for _ in range(2):
        assert factcheck("backup", str(tmp_path / "safe"), "--db", str(db)).returncode == 0
    assert sorted(p.name for p in (tmp_path / "safe").iterdir()) == ["desk.db"]


# ----------------------------------------------------------- a reader as another user
@functools.cache
def interpreter_for(uid: int) -> tuple[str, ...] | None:
    """A Python this uid can run with the same version as ours, plus the environment that
    finds factcheck and its dependencies (the venv's site-packages)."""
    site = next(p for p in sys.path if p.endswith("site-packages"))
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (
        os.path.realpath(sys.executable),
        "/usr/bin/python3",
        "/usr/local/bin/python3",
    ):
        try:
            check = subprocess.run(
                [
                    *as_user(uid),
                    candidate,
                    "-c",
                    "import sys; print('%d.%d' % sys.version_info[:2])",
                ],
                capture_output=True,
                text=True,
                timeout=30,
                env={"PYTHONPATH": f"{REPO}:{site}"},
            )
        except OSError:
            continue
        if check.returncode == 0 and check.stdout.strip() == version:
            probe = subprocess.run(
                [*as_user(uid), candidate, "-c", "import factcheck_tui.cli, sqlite_utils"],
                capture_output=True,
                env={"PYTHONPATH": f"{REPO}:{site}"},
                timeout=60,
            )
            if probe.returncode == 0:
                return (candidate,)
    return None


def as_user(uid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another uid can reach (pytest's tmp_path is under a root-only folder)."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("needs setpriv and root to run commands as another user")
    top = Path(tempfile.mkdtemp(prefix="factcheck-shared-"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        for path in [top, *top.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)


def run_as(
    uid: int, python: tuple[str, ...], *args: str, home: Path
) -> subprocess.CompletedProcess[str]:
    site = next(p for p in sys.path if p.endswith("site-packages"))
    result = subprocess.run(
        [*as_user(uid), *python, "-m", "factcheck_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={
            "PYTHONPATH": f"{REPO}:{site}",
            "HOME": str(home),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "FACTCHECK_CHECKER": f"uid{uid}",
        },
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def owned_desk(folder: Path, uid: int, *, folder_mode: int) -> Path:
    """A desk with the sample article, owned (with its folder) by `uid`."""
    desk_folder = folder / "desk"
    desk_folder.mkdir()
    db = desk_folder / "desk.db"
    make_desk(db, checker="owner")
    for path in (desk_folder, db):
        os.chown(path, uid, uid)
    db.chmod(0o644)
    desk_folder.chmod(folder_mode)
    return db


@pytest.mark.parametrize("folder_mode", [0o777, 0o755], ids=["open folder", "owner's folder"])
def test_a_reader_as_another_user_leaves_nothing_that_blocks_the_owner(
    shared_folder: Path, folder_mode: int
) -> None:
    python = interpreter_for(OTHER_UID)
    if python is None:
        pytest.skip(
            f"uid {OTHER_UID} cannot run factcheck here (no interpreter and checkout it may read)"
        )
    db = owned_desk(shared_folder, OWNER_UID, folder_mode=folder_mode)
    home = shared_folder / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    exported = run_as(OTHER_UID, python, "export", "--db", str(db), home=home)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("\n") > 10  # the header and a row per claim
    status = run_as(OTHER_UID, python, "status", "--db", str(db), home=home)
    assert status.returncode == 0, status.stderr
    assert "ISIS Reduced" in status.stdout
    assert sorted(p.name for p in db.parent.iterdir()) == ["desk.db"]
    # The owner (an ordinary user, who meets file permissions) marks a claim.
    script = (
        "import sys; from factcheck_tui.core.store import Store\n"
        "from factcheck_tui.core.desk.claim_checks import Mark\n"
        "with Store.open(sys.argv[1], 'owner') as s:\n"
        "    c = s.claims(1)[0]; s.apply(Mark([c.id], 'verified')); print(s.claim(c.id).status)\n"
    )
    site = next(p for p in sys.path if p.endswith("site-packages"))
    owner = subprocess.run(
        [*as_user(OWNER_UID), *python, "-c", script, str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": f"{REPO}:{site}", "HOME": str(home)},
    )
    assert owner.returncode == 0, owner.stderr
    assert owner.stdout.strip() == "verified"
    # And a reader while the owner has the desk open (its -wal and -shm exist) reads the
    # latest marks in place, read-only.
    with Store.open(db, "owner") as store:
        claim = store.claims(1)[1]
        store.apply(Mark([claim.id], "unverified"))
        exported = run_as(OTHER_UID, python, "export", "--db", str(db), home=home)
        assert exported.returncode == 0, exported.stderr
        statuses = [row["status"] for row in csv.DictReader(io.StringIO(exported.stdout))]
        assert statuses.count("unverified") == 1 and statuses.count("verified") == 1
    assert sorted(p.name for p in db.parent.iterdir()) == ["desk.db"]


def test_a_desk_in_a_read_only_folder_opens_read_only(shared_folder: Path) -> None:
    python = interpreter_for(OWNER_UID)
    if python is None:
        pytest.skip(
            f"uid {OWNER_UID} cannot run factcheck here (no interpreter and checkout it may read)"
        )
    # The owner's own file, but the folder is read-only (a mounted archive, chmod 555).
    db = owned_desk(shared_folder, OWNER_UID, folder_mode=0o555)
    before = sha256(db)
    home = shared_folder / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    exported = run_as(OWNER_UID, python, "export", "--db", str(db), home=home)
    assert exported.returncode == 0, exported.stderr
    assert "claim_text" in exported.stdout.splitlines()[0]
    status = run_as(OWNER_UID, python, "status", "--db", str(db), home=home)
    assert status.returncode == 0 and "ISIS Reduced" in status.stdout, status.stderr
    story = home / "story.txt"
    story.write_text("Council budget\n\nThe council spent $4m on roads in 2023, the mayor said.\n")
    story.chmod(0o644)
    refused = run_as(OWNER_UID, python, "import", str(story), "--db", str(db), home=home)
    assert refused.returncode == 2 and "read-only" in refused.stderr, refused.stderr
    assert sha256(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["desk.db"]


# ------------------------------------------------------------ refused, untouched
@pytest.mark.parametrize("version", [-1, 0])
def test_a_user_version_no_factcheck_writes_is_refused_untouched(
    tmp_path: Path, version: int
) -> None:
    db = tmp_path / "desk.db"
    make_desk(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = sha256(db)
    for args in (
        ["export", "--db", str(db)],
        ["import", str(SAMPLE_ARTICLE), "--db", str(db)],
        ["status", "--db", str(db)],
        [str(db)],
    ):
        result = factcheck(*args)
        assert_one_line_refusal(result, f"schema version {version}", "not opened or changed")
        assert sha256(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.db"]


def test_an_empty_new_file_with_user_version_0_is_still_a_new_desk(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    sqlite3.connect(db).close()  # an empty file, as `touch` or another tool leaves
    with Store.open(db, "tester") as store:
        assert store.list_articles() == []


def test_network_file_systems_are_named_from_the_mount_table(tmp_path: Path) -> None:
    mounts = (
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        "server:/export /mnt/desks nfs4 rw,relatime 0 0\n"
        "//nas/share /mnt/smb\\040share cifs rw 0 0\n"
    )
    assert filesystem_type(Path("/mnt/desks/team/desk.db"), mounts) == "nfs4"
    assert filesystem_type(Path("/mnt/smb share/desk.db"), mounts) == "cifs"
    assert filesystem_type(Path("/mnt/desksX/desk.db"), mounts) == "ext4"
    assert {"nfs", "nfs4", "cifs", "smb3"} <= NETWORK_FILESYSTEMS
    # This machine's own temp folder is a local one: desks there open.
    assert filesystem_type(tmp_path) not in NETWORK_FILESYSTEMS


def test_a_desk_on_a_network_file_system_is_refused_with_a_line_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mount table is the only thing replaced: no NFS server can be mounted in a test."""
    from factcheck_tui.core.db import desk_file

    table = tmp_path / "mounts"
    table.write_text(f"/dev/sda1 / ext4 rw 0 0\nnas:/desks {tmp_path} nfs4 rw 0 0\n")
    monkeypatch.setattr(desk_file, "MOUNTS", table)
    with pytest.raises(DatabaseError, match=r"network file system.*over SSH"):
        Store.open(tmp_path / "desk.db", "tester")
    assert not (tmp_path / "desk.db").exists()


def test_file_mode_of_a_reader_snapshot_is_private(shared_folder: Path) -> None:
    """The reader's snapshot (a copy of a colleague's desk) is readable by the reader only."""
    from factcheck_tui.core.db.desk_file import take_snapshot

    db = shared_folder / "desk.db"
    make_desk(db)
    snapshot = take_snapshot(db)
    try:
        assert stat.S_IMODE(snapshot.folder.stat().st_mode) == 0o700
        assert first_claim(snapshot.path) == first_claim(db)
    finally:
        snapshot.remove()
    assert not snapshot.folder.exists()


NEW_DESK_THEN_NUMPY = """
import sqlite3, sys
if sys.argv[2] == "numpy first":
    import numpy
from factcheck_tui.core.store import Store
with Store.open(sys.argv[1], "checker"):
    pass
import numpy, sqlite_utils.db  # importable again, whatever the desk's set-up hid
print(numpy.__name__, sqlite_utils.db.np is not None)
for row in sqlite3.connect(sys.argv[1]).execute("SELECT type, name, sql FROM sqlite_master"):
    print(row)
"""


def test_a_new_desk_is_set_up_the_same_without_numpy_and_numpy_imports_after(
    tmp_path: Path,
) -> None:
    # Setting up a desk imports sqlite_utils without numpy (0.1 s of every new desk's start,
    # core/db/connection.py); the desk's schema is the one made with numpy loaded.
    runs = {}
    for order in ("numpy first", "desk first"):
        done = subprocess.run(
            [sys.executable, "-c", NEW_DESK_THEN_NUMPY, str(tmp_path / f"{order}.db"), order],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        )
        runs[order] = done.stdout.splitlines()
    assert runs["numpy first"][0] == "numpy True"
    assert runs["desk first"][0] == "numpy False"  # sqlite_utils went without it
    assert runs["desk first"][1:] == runs["numpy first"][1:]
    assert len(runs["desk first"]) > 20  # every table, index and trigger compared
