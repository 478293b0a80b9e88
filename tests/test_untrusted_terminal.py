"""Hostile values in every field, through every screen of the real `factcheck` in a real
terminal (tmux with `set-clipboard on` and `allow-rename on`, so an OSC 52 clipboard write or
a title change would be seen): no paste buffer appears, the pane's title and the window's
name stay as they were, and the bytes the app wrote hold no escape sequence of the payload.

tests/hostile.py builds the desk: an article, reports and a checker name that attack the
terminal, imported with the real commands, plus the same values written raw into the
database (notes, sources, checker names, history values, report fields).
"""

from __future__ import annotations

import base64
import re
import shutil
import time
from pathlib import Path

import pytest

from factcheck_tui.core.records.display import clipboard_text
from tests.hostile import JAVASCRIPT_URL, hostile, make_hostile_desk
from tests.tmux_driver import TmuxSession, factcheck_command

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TMUX_CONFIG = (
    "set -g set-clipboard on\n"
    "setw -g allow-rename on\n"
    "setw -g automatic-rename off\n"
    "set -g allow-passthrough off\n"
)
# Textual's own OSC: 22 sets the mouse pointer's shape. Any other OSC came from the data.
APP_OSC = re.compile(r"\x1b\]22;[a-z-]*\x07")


def assert_raw_output_is_the_apps_own(raw: bytes, copied: str | None = None) -> None:
    """Every OSC the app wrote is its own (the pointer shape; the OSC 52 of a `y` that
    copied `copied`), and nothing of the payload was written raw."""
    text = raw.decode("utf-8")  # strict: no stray C1 byte either
    others = APP_OSC.sub("", text)
    if copied is not None:
        payload = base64.b64encode(copied.encode("utf-8")).decode("ascii")
        assert f"\x1b]52;c;{payload}\x07" in others
        others = others.replace(f"\x1b]52;c;{payload}\x07", "")
    assert "\x1b]" not in others, others[others.index("\x1b]") :][:80]
    assert "\x07" not in others, "a bell (or an OSC end) from the data"
    assert "\x1bk" not in others, "tmux's window-name sequence"
    assert "\x1b[2J\x1b[H" not in text, "the payload's screen clear"
    for char in text:
        assert not 0x80 <= ord(char) < 0xA0, f"C1 control {char!r} written"
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", (
            f"bidi control {char!r} written"
        )


def settle(term: TmuxSession, expect: str, seconds: float = 0.4) -> str:
    """Wait for `expect` on screen, then let every widget paint."""
    term.wait_for(expect)
    time.sleep(seconds)
    return term.screen()


def close(term: TmuxSession, marker: str) -> None:
    """Escape, and wait until the screen showing `marker` is gone."""
    term.send("Escape")
    term.wait_for(lambda screen: marker not in screen)
    time.sleep(0.2)


def test_every_screen_shows_hostile_values_without_running_them(tmp_path: Path) -> None:
    db = make_hostile_desk(tmp_path)
    config = tmp_path / "tmux.conf"
    config.write_text(TMUX_CONFIG, encoding="utf-8")
    go = tmp_path / "go"
    raw = tmp_path / "terminal-output.bin"
    # The app waits for the pipe to be in place, so its very first byte is recorded.
    command = [
        "sh",
        "-c",
        f'while [ ! -e "{go}" ]; do sleep 0.02; done; exec "$0" "$1"',
        factcheck_command(),
        str(db),
    ]
    env = {"FACTCHECK_CHECKER": hostile("env checker"), "HOME": str(tmp_path)}
    with TmuxSession(command, env=env, cwd=tmp_path, config=config, height=45) as term:
        time.sleep(0.2)
        title_before = term.display("#{pane_title}")
        window_before = term.display("#{window_name}")
        term.pipe_output(raw)
        go.touch()
        screens = [settle(term, "Raw title")]
        term.send("c")  # the checker filter names a hostile checker
        screens.append(settle(term, "env checker"))
        term.send("c", "c", "c", "Enter")
        screens.append(settle(term, " checked · "))
        for key, marker in (
            ("h", "History of claim"),  # hostile checker, old and new note
            ("m", "Verdict ("),
            ("n", "ctrl+s"),
            ("s", "Add a source"),
            ("F1", "Keys on this screen"),
        ):
            term.send(key)
            screens.append(settle(term, marker))
            close(term, marker)
        term.send("G")  # the hostile sentence: its suggestions are the hostile reports
        screens.append(settle(term, "strong"))
        term.send("R")
        screens.append(settle(term, "raw publisher"))
        close(term, "Search prior fact-checks")
        term.send("L")
        screens.append(settle(term, "Link all:", 0.5))
        close(term, "Link all:")
        close(term, " checked · ")  # back to the article list
        for key, marker in (("H", "Desk history"), ("e", "ClaimReview of every article")):
            term.send(key)
            screens.append(settle(term, marker))
            close(term, marker)

        # Nothing reached the clipboard, the title or the window name.
        assert term.buffers() == [], "an OSC 52 clipboard write came through"
        assert term.display("#{pane_title}") == title_before
        assert term.display("#{window_name}") == window_before
        assert_raw_output_is_the_apps_own(raw.read_bytes())
        # Shown as the text it is: the payload's printable parts, as control pictures.
        seen = "\n".join(screens)
        assert "␛]52;c;SEFDS0VE" in seen
        assert "[b]bold[/b]" in seen  # markup is text
        assert "PWNED" in seen and "Raw title" in seen

        # Copying a javascript: report URL: copied clean, and with a warning naming it.
        # The last claim is the hostile sentence; its search (prefilled with its text) finds
        # the report whose URL was stored raw as javascript:.
        term.send("Enter")
        settle(term, " checked · ", 0.2)
        term.send("G")
        settle(term, "why: number: 52", 0.5)  # the last claim (the hostile sentence)
        term.send("R")
        settle(term, "raw publisher", 0.5)
        term.send("C-y")
        warning = settle(term, "careful")
        toast = " ".join(
            line.split("▌", 1)[1] for line in warning.splitlines() if "▌" in line
        ).split()
        assert "javascript: link, not http(s)" in " ".join(toast), toast
        copied = term.buffers()
        assert copied, "nothing copied (set-clipboard on should make a buffer)"
        expected = "".join(clipboard_text(JAVASCRIPT_URL).split())
        assert expected in copied
        for buffer in copied:
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", buffer), buffer
        assert term.display("#{pane_title}") == title_before
        assert_raw_output_is_the_apps_own(raw.read_bytes(), copied=expected)
