"""Drive the real `factcheck` command in a real terminal: tmux send-keys and capture-pane.

Used by the real-terminal tests and by the start-up and key-latency benchmarks.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path


def factcheck_command() -> str:
    """The installed console script beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / "factcheck"
    if beside.exists():
        return str(beside)
    found = shutil.which("factcheck")
    if found is None:
        raise RuntimeError("the factcheck command is not installed (pip install -e .)")
    return found


class TmuxSession:
    """One detached tmux session running one command at a fixed size."""

    def __init__(
        self,
        command: list[str],
        *,
        env: dict[str, str] | None = None,
        width: int = 140,
        height: int = 40,
        cwd: Path | None = None,
        config: Path | None = None,
    ) -> None:
        self.name = f"factcheck-{uuid.uuid4().hex[:8]}"
        # A server of our own (socket and empty config) so no user setting changes the size;
        # a test that needs a setting (set-clipboard, allow-rename) passes its own config.
        self.tmux = ["tmux", "-L", self.name, "-f", str(config or os.devnull)]
        environment = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # `; sleep` keeps the pane after the app exits, so its exit status can be read.
        # COLUMNS/LINES inherited from the caller would override the pane's real size.
        script = (
            f"env -u COLUMNS -u LINES {environment} {shlex.join(command)}; "
            "echo EXIT-STATUS-$?; sleep 600"
        )
        subprocess.run(
            [
                *self.tmux,
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                "-c",
                str(cwd or os.getcwd()),
                script,
            ],
            check=True,
        )
        self.started = time.perf_counter()

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(
        self, predicate: Callable[[str], bool] | str, timeout: float = 20.0, interval: float = 0.01
    ) -> float:
        """Poll the screen until the predicate holds; returns when (perf_counter) it did."""
        check = (lambda text: predicate in text) if isinstance(predicate, str) else predicate
        deadline = time.perf_counter() + timeout
        while True:
            text = self.screen()
            if check(text):
                return time.perf_counter()
            if time.perf_counter() > deadline:
                raise TimeoutError(f"screen never matched within {timeout}s:\n{text}")
            time.sleep(interval)

    def display(self, format_string: str) -> str:
        """A tmux format of the pane, e.g. `#{pane_title}`."""
        result = subprocess.run(
            [*self.tmux, "display-message", "-p", "-t", self.name, format_string],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.rstrip("\n")

    def buffers(self) -> list[str]:
        """tmux paste buffers: what an OSC 52 clipboard write (with set-clipboard on) made."""
        result = subprocess.run(
            [*self.tmux, "list-buffers", "-F", "#{buffer_name}"],
            capture_output=True,
            text=True,
            check=False,
        )
        names = result.stdout.split()
        return [
            subprocess.run(
                [*self.tmux, "show-buffer", "-b", name], capture_output=True, check=False
            ).stdout.decode("utf-8", "replace")
            for name in names
        ]

    def pipe_output(self, path: Path) -> None:
        """Append every byte the pane's program writes to the terminal to `path`."""
        subprocess.run(
            [*self.tmux, "pipe-pane", "-o", "-t", self.name, f"cat >> {shlex.quote(str(path))}"],
            check=True,
        )

    def pane_pid(self) -> int:
        result = subprocess.run(
            [*self.tmux, "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(result.stdout.split()[0])

    def terminal_modes(self) -> dict[str, str]:
        """What the app left the terminal in: alternate screen and mouse reporting flags
        ("1" on, "0" off), as tmux tracks them for the pane."""
        names = ("alternate_on", "mouse_any_flag", "mouse_button_flag", "mouse_standard_flag")
        result = subprocess.run(
            [
                *self.tmux,
                "display-message",
                "-p",
                "-t",
                self.name,
                " ".join(f"#{{{n}}}" for n in names),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return dict(zip(names, result.stdout.split(), strict=True))

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False)

    def __enter__(self) -> TmuxSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()
