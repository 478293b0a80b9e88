"""Standard streams at the CLI's edge: UTF-8 whatever the locale, and a closed or full output
as one line on stderr and a non-zero exit instead of a traceback or a silent loss.

- `prepare_streams()` runs before a command: stdin, stdout and stderr are read and written as
  UTF-8 whatever the locale (`LANG=C` included); a closed stderr (`2>&-`) becomes a sink, so
  errors are silent there rather than printed into stdout (where `print(file=None)` sends
  them); stdout is wrapped so a write that fails (`> /dev/full`) raises OutputError.
- `finish_output()` flushes stdout after the command, so a failure at the very end is seen
  too, and points fd 1 at /dev/null after a failure so the interpreter's own flush at exit
  does not print a second, raw error.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from factcheck_tui.core.records.errors import FactcheckError

T = TypeVar("T")

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell tool cut off by `| head` returns


class OutputError(FactcheckError):
    """Standard output cannot be written (closed, disk full, device error)."""


class CheckedOutput(io.TextIOBase):
    """A text stream that turns a failed write or flush into OutputError (a reader that
    left, BrokenPipeError, goes on as it is: the CLI ends quietly for it)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    @property
    def name(self) -> Any:
        return getattr(self._stream, "name", "<stdout>")

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def buffer(self) -> CheckedBytes:
        """The bytes under the text (a .docx or .xlsx to a pipe), checked the same way."""
        self.flush()
        return CheckedBytes(self._stream.buffer)

    def write(self, text: str) -> int:
        return _checked(lambda: self._stream.write(text))

    def flush(self) -> None:
        _checked(self._stream.flush)


class CheckedBytes(io.BufferedIOBase):
    """The binary stream under CheckedOutput: a failed write or flush is OutputError."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return int(_checked(lambda: self._stream.write(data)))

    def flush(self) -> None:
        _checked(self._stream.flush)


def _checked(call: Callable[[], T]) -> T:
    """A write or flush to standard output: a closed pipe stays BrokenPipeError (the CLI
    exits quietly on it), any other failure is one OutputError line."""
    try:
        return call()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        raise _output_error(error) from None


def _output_error(error: Exception) -> OutputError:
    reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return OutputError(f"cannot write to standard output: {reason}; the output is incomplete")


def stdout_closed() -> bool:
    """fd 1 was closed when the command started (`>&-`): Python then has no sys.stdout."""
    return sys.stdout is None or _closed(sys.stdout)


def _closed(stream: TextIO) -> bool:
    """A real stream whose file descriptor is not open (an in-memory one is never closed)."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
    try:
        os.fstat(descriptor)
    except OSError:
        return True
    return False


def prepare_streams() -> None:
    """Ready stdin, stdout and stderr for a command (see the module's docstring)."""
    if sys.stderr is None or _closed(sys.stderr):
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # kept until exit
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        _utf8(stream)
    if sys.stdout is not None and not isinstance(sys.stdout, CheckedOutput):
        sys.stdout = CheckedOutput(sys.stdout)


def _utf8(stream: TextIO | None) -> None:
    """Read and write UTF-8 (unencodable characters, such as a file name's undecodable
    bytes, replaced rather than crashing half-way)."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    if reconfigure is None or encoding == "utf8":
        return
    with contextlib.suppress(OSError, ValueError):
        reconfigure(encoding="utf-8", errors="strict" if stream is sys.stdin else "replace")


def finish_output() -> None:
    """Flush stdout; raises OutputError when the end of the output cannot be written."""
    if sys.stdout is not None:
        sys.stdout.flush()


def silence_stdout() -> None:
    """After a failed or cut-off write: later flushes (the interpreter's at exit) go to
    /dev/null instead of failing again with a raw error message."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(devnull)


def say(message: str) -> None:
    """One line on stderr, `factcheck: …`, with any untrusted text in it shown, never run;
    silent when stderr itself cannot be written."""
    from factcheck_tui.core.records.display import printable

    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"factcheck: {printable(message, one_line=True)}", file=sys.stderr, flush=True)
