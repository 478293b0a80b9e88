"""Input that cannot hurt: FIFOs, devices and folders refused before reading, sizes bounded
while reading, hostile JSON refused in one line — through the real `factcheck` commands
(each run with a timeout, so a hang fails the test instead of blocking the suite) and the
TUI's import dialogs."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input

from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.reading import UntrustedJSONError, loads_untrusted
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.dialogs.progress import ProgressDialog
from tests.tmux_driver import factcheck_command

COMMANDS = {
    "import": ("import", "{path}", "--db", "{db}"),
    "reports import": ("reports", "import", "{path}", "--db", "{db}"),
    "extract": ("extract", "{path}"),
}


def run(
    command: str, path: Path | str, db: Path, stdin: object = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    args = [part.format(path=path, db=db) for part in COMMANDS[command]]
    result = subprocess.run(
        [factcheck_command(), *args],
        stdin=stdin,  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=10,
    )
    return result


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_pipe_is_refused_at_once(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block forever
    result = run(command, fifo, tmp_path / "desk.db")
    assert "named pipe (FIFO)" in one_line(result)


@pytest.mark.parametrize("command", COMMANDS)
def test_dev_zero_is_refused_at_once_not_read_until_memory_runs_out(
    tmp_path: Path, command: str
) -> None:
    result = run(command, "/dev/zero", tmp_path / "desk.db")
    assert "/dev/zero: is a character device" in one_line(result)


@pytest.mark.parametrize("command", ["import", "extract"])
def test_a_folder_is_refused(tmp_path: Path, command: str) -> None:
    result = run(command, tmp_path, tmp_path / "desk.db")
    assert "is a folder" in one_line(result)


@pytest.mark.parametrize("command", ["import", "extract"])
def test_endless_stdin_is_read_only_up_to_the_limit(tmp_path: Path, command: str) -> None:
    with open("/dev/zero", "rb") as zeros:
        result = run(command, "-", tmp_path / "desk.db", stdin=zeros)
    assert "<stdin>: over the 20 MB limit" in one_line(result)


DEEP = "[" * 100_000 + "]" * 100_000
BIG_INT = '{"title": "x", "body": "Some text.", "count": ' + "9" * 5000 + "}"
SURROGATE = '{"title": "x", "body": "Unemployment fell \\ud800 to 4 percent."}'
HOSTILE_JSON = {
    "deep nesting": (DEEP, "nested too deeply"),
    "5,000-digit integer": (BIG_INT, "an integer of 5000 digits"),
    "lone surrogate": (SURROGATE, "lone surrogate"),
}


@pytest.mark.parametrize(("text", "words"), HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_articles_are_one_line(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "article.json"
    path.write_text(text, encoding="utf-8")
    for command in ("import", "extract"):
        result = run(command, path, tmp_path / "desk.db")
        line = one_line(result)
        assert "JSON refused" in line and words in line, line


@pytest.mark.parametrize(("text", "words"), HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_report_files_are_one_line(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "reports.json"
    path.write_text(text.replace('"body"', '"claim_reviewed"'), encoding="utf-8")
    result = run("reports import", path, tmp_path / "desk.db")
    line = one_line(result)
    assert words in line, line


def test_hostile_json_lines_are_skipped_by_line_and_the_good_ones_land(store: Store) -> None:
    path = store.path.parent / "reports.jsonl"
    good = {"claim_reviewed": "Unemployment fell to 4 percent.", "rating": "False"}
    lines = [
        json.dumps(good),
        "[" * 50_000,
        '{"claim_reviewed": "A", "n": ' + "1" * 5000 + "}",
        '{"claim_reviewed": "B \\udc00"}',
        json.dumps({**good, "claim_reviewed": "Exports rose 3 percent."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_reports(store, path)
    assert summary.imported == 2 and summary.skipped == 3
    assert [problem.split(":")[0] for problem in summary.problems] == ["line 2", "line 3", "line 4"]


def test_untrusted_json_does_not_depend_on_the_process_wide_digit_limit() -> None:
    import sys

    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # another library may have lifted it
    try:
        with pytest.raises(UntrustedJSONError, match="digits"):
            loads_untrusted("[" + "7" * 5000 + "]")
    finally:
        sys.set_int_max_str_digits(before)
    # A surrogate pair is a real character and passes.
    assert loads_untrusted('"\\ud83d\\ude00"') == "\U0001f600"


def test_reading_is_bounded_even_when_the_size_lies(tmp_path: Path) -> None:
    """A file that grows past the limit after it was stat'ed is cut at limit + 1 bytes."""
    from factcheck_tui.core.intake import reading
    from factcheck_tui.core.records.errors import InputError

    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 100)
    with reading.open_regular_file(path, "a text") as handle:
        path.write_bytes(b"a" * 5000)
        with pytest.raises(InputError, match="over the"):
            reading.read_at_most(handle, 1000, "growing.txt")
    assert read_article_file(path).body  # within the real limit it reads


async def test_the_tui_import_dialogs_end_with_the_reason(
    sample_store: Store, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        for key in ("i", "I"):
            await pilot.press(key)
            app.screen.query_one(Input).value = str(fifo)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not any(isinstance(screen, ProgressDialog) for screen in app.screen_stack)
            messages = [str(n.message) for n in app._notifications]
            assert any("named pipe (FIFO)" in message for message in messages), messages
            app._notifications.clear()


async def test_a_failure_no_check_foresaw_still_closes_the_progress_dialog(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the reports importer raising what it never should (a bug)."""
    import factcheck_tui.core.report_files.importing as reports

    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(reports, "import_reports", broken)
    path = tmp_path / "reports.csv"
    path.write_text("claim,rating\nUnemployment fell.,False\n", encoding="utf-8")
    app = FactcheckApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("I")
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not any(isinstance(screen, ProgressDialog) for screen in app.screen_stack)
        messages = [str(n.message) for n in app._notifications]
        assert any("failed (RecursionError" in message for message in messages), messages


def test_a_named_pipe_or_device_as_the_database_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "desk.db"
    os.mkfifo(fifo)
    for db, said in ((str(fifo), "is a named pipe (FIFO)"), ("/dev/zero", "is a character device")):
        result = subprocess.run(
            [factcheck_command(), "status", "--db", db],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=10,
        )
        assert said in one_line(result)  # in the words of the one door for files
