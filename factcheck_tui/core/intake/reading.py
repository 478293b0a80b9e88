"""Reading untrusted input without being hurt by it: files, standard input and JSON.

The one door for files: every path factcheck opens to read (articles, report files, query
files, the config, the Word draft of `export --onto`, the database's header) comes through
here, so that:
- a FIFO, a character or block device (`/dev/zero`, a terminal), a socket or a folder is
  refused by `os.stat` before it is opened, and the file is opened with O_NONBLOCK so that a
  path swapped for a FIFO in between cannot block the open either (checked again on the
  open descriptor);
- sizes are bounded while reading: at most `limit + 1` bytes are ever read, whatever the
  file claims to be;
- a zip container (a .docx) is refused on its declared unpacked size before anything in it
  is inflated (zipfile never inflates a member past its declared size);
- JSON that would exhaust the parser (deep nesting), a process-global limit (huge integers)
  or the database (lone surrogates, which SQLite cannot store as UTF-8) is refused in one
  line, independently of `sys.set_int_max_str_digits`.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO

from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.errors import InputError

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
# A Word draft: what its zip may unpack to (a 2 MB zip bomb inflates to 1.5 GB).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A config file or a query file is typed by a person: a megabyte is already absurd.
MAX_SMALL_TEXT_BYTES = 4 * 1024 * 1024
# Integers in untrusted JSON: a report's id or a count, never a 5,000-digit number.
MAX_JSON_INT_DIGITS = 40
READ_CHUNK = 1 << 20

_KINDS = (
    (stat.S_ISDIR, "is a folder"),
    (stat.S_ISFIFO, "is a named pipe (FIFO)"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
    (stat.S_ISSOCK, "is a socket"),
)


def label_of(path: str | os.PathLike[str]) -> str:
    """A path as shown in a message: control characters shown as symbols, never run."""
    return printable(str(path))


def refuse_unless_regular(mode: int, label: str, what: str) -> None:
    """InputError unless `mode` (an st_mode) is a regular file."""
    if stat.S_ISREG(mode):
        return
    for test, description in _KINDS:
        if test(mode):
            raise InputError(f"{label}: {description}, not {what}")
    raise InputError(f"{label}: not a regular file, not {what}")


def check_regular_file(path: Path, what: str) -> os.stat_result:
    """Stat `path` and refuse anything but an existing regular file, without opening it."""
    label = label_of(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except OSError as error:
        raise InputError(f"{label}: cannot read: {error.strerror}") from None
    except ValueError:  # a NUL byte in the name: no file can have it
        raise InputError(f"{label}: not a possible file name (it holds a NUL byte)") from None
    refuse_unless_regular(info.st_mode, label, what)
    return info


def open_regular_file(path: Path, what: str) -> BinaryIO:
    """Open a regular file for reading: refused before opening unless it is one, opened
    non-blocking (a FIFO put in its place meanwhile cannot hang the open) and checked again
    on the descriptor. The caller closes the returned binary file."""
    check_regular_file(path, what)
    label = label_of(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise InputError(f"{label}: cannot read: {error.strerror}") from None
    try:
        refuse_unless_regular(os.fstat(descriptor).st_mode, label, what)
        # Regular files never block; clearing the flag keeps reads ordinary.
        os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def read_at_most(handle: BinaryIO, limit: int, label: str, what: str = "an article") -> bytes:
    """Up to `limit` bytes of `handle`; more than that is refused (at most limit + 1 read)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = handle.read(min(READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise InputError(f"{label}: over the {limit // (1024 * 1024)} MB limit for {what}")
    return b"".join(chunks)


def read_file_bounded(path: Path, limit: int, what: str = "an article") -> bytes:
    """The bytes of a regular file of at most `limit` bytes (see the module docstring)."""
    label = label_of(path)
    info = check_regular_file(path, what)
    if info.st_size > limit:
        raise InputError(
            f"{label}: {info.st_size / 1e6:.1f} MB is over the "
            f"{limit // (1024 * 1024)} MB limit for {what}"
        )
    try:
        with open_regular_file(path, what) as handle:
            return read_at_most(handle, limit, label, what)
    except OSError as error:
        raise InputError(f"{label}: cannot read: {error.strerror}") from None


def read_text_file(path: Path, limit: int, what: str) -> str:
    """A regular UTF-8 text file of at most `limit` bytes (a BOM dropped), through the door."""
    data = read_file_bounded(path, limit, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{label_of(path)}: not UTF-8 text, not {what}") from None


def check_zip_container(
    data: bytes, label: str, required: str, what: str, limit: int = MAX_UNPACKED_BYTES
) -> None:
    """InputError unless `data` is a zip holding `required` whose members declare at most
    `limit` bytes unpacked in all. Read from the central directory: nothing is inflated."""
    import zipfile  # not at start-up: the config comes through this module

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{label}: not {what} (it is not a zip file)") from None
    with archive:
        members = archive.infolist()
        if required not in {member.filename for member in members}:
            raise InputError(f"{label}: a zip file, but not {what} (no {required})")
        unpacked = sum(member.file_size for member in members)
        if unpacked > limit:
            raise InputError(
                f"{label}: unpacks to {unpacked / 1e6:.0f} MB, over the "
                f"{limit // (1024 * 1024)} MB limit for {what}"
            )


def read_stdin_bounded(limit: int, what: str = "an article") -> bytes:
    """Standard input, at most `limit` bytes (a pipe or a file; a terminal is read as typed)."""
    try:
        return read_at_most(sys.stdin.buffer, limit, "<stdin>", what)
    except OSError as error:
        raise InputError(f"<stdin>: cannot read: {error.strerror}") from None


class UntrustedJSONError(ValueError):
    """JSON refused for its shape (nesting, integer size, lone surrogates); one line."""


def bounded_int(digits: str) -> int:
    """json's parse_int for untrusted JSON: refuses an integer of over MAX_JSON_INT_DIGITS."""
    if len(digits.lstrip("-")) > MAX_JSON_INT_DIGITS:
        raise UntrustedJSONError(f"an integer of {len(digits)} digits")
    return int(digits)


def loads_untrusted(text: str) -> Any:
    """`json.loads` for input we did not write. json.JSONDecodeError for malformed JSON (its
    message, line and column as usual); UntrustedJSONError for JSON nested too deep for the
    parser, an integer of more than MAX_JSON_INT_DIGITS digits, or a string holding a lone
    surrogate (`"\\ud800"`: valid JSON, but not text that can be stored or shown)."""
    try:
        value = json.loads(text, parse_int=bounded_int)
    except RecursionError:
        raise UntrustedJSONError("nested too deeply") from None
    except json.JSONDecodeError:
        raise
    except UntrustedJSONError:
        raise
    except ValueError as error:  # e.g. a float literal past the int/str digits limit
        raise UntrustedJSONError(" ".join(str(error).split())[:120]) from None
    refuse_lone_surrogates(value)
    return value


def untrusted_decoder() -> json.JSONDecoder:
    """A decoder (for `raw_decode` over a stream) that refuses huge integers as
    `loads_untrusted` does; check each value it gives with `refuse_lone_surrogates`."""
    return json.JSONDecoder(parse_int=bounded_int)


def refuse_lone_surrogates(value: Any) -> None:
    """UntrustedJSONError when a string anywhere in a decoded JSON value holds a lone
    surrogate (or the value is nested too deeply to walk)."""
    try:
        # Re-encoding finds a lone surrogate anywhere in the value in one linear pass.
        json.dumps(value, ensure_ascii=False, check_circular=False).encode("utf-8")
    except UnicodeEncodeError:
        raise UntrustedJSONError("a string holds a lone surrogate (\\ud800–\\udfff)") from None
    except RecursionError:
        raise UntrustedJSONError("nested too deeply") from None
