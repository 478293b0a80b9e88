"""Fetch a web page by its link, for `factcheck import https://…` and the TUI's import dialog.

urllib from the standard library, bounded on every side: a timeout for connecting and for
each read, and a deadline for the whole answer (`FACTCHECK_FETCH_TIMEOUT` seconds, 20 by
default); at most 5 redirects, to http(s) only; at most 10 MB; only an HTML or plain-text
answer. Every failure is one `InputError` line (offline, no such host, refused, 404, not a
web page, too big, too slow); nothing is stored then. The page is imported with the URL it
was finally fetched from, unless it names a canonical URL of its own.
"""

from __future__ import annotations

import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from factcheck_tui.core.records.errors import InputError

DEFAULT_TIMEOUT = 20.0
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "Mozilla/5.0 (compatible; factcheck/0.1; newsroom fact-checking)"
FORMATS_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # after redirects
    data: bytes
    content_type: str  # the whole header, charset included
    fmt: str  # "html" or "text"


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def fetch_timeout() -> float:
    """Seconds allowed for a page: `FACTCHECK_FETCH_TIMEOUT`, else 20."""
    try:
        value = float(os.environ.get("FACTCHECK_FETCH_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS


def fetch_page(
    url: str, *, timeout: float | None = None, max_bytes: int = MAX_PAGE_BYTES
) -> FetchedPage:
    """GET `url`; raises InputError with one line for anything but an HTML or text page."""
    url = url.strip()
    timeout = fetch_timeout() if timeout is None else timeout
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: not a web address (http:// or https://)")
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type", "") or ""
            fmt = _format(url, content_type)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    f"{url}: {_size(int(length))} is over the {_size(max_bytes)} limit"
                )
            data = _read(response, url, max_bytes, deadline, timeout)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
        reason = f" {error.reason}" if error.reason else ""
        raise InputError(f"{url}: the server answered {error.code}{reason}") from None
    except urllib.error.URLError as error:
        raise InputError(f"{url}: {_reason(error.reason, parts.hostname, timeout)}") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as error:  # a connection reset, a malformed answer
        raise InputError(f"{url}: cannot fetch: {error}") from None
    if not data.strip():
        raise InputError(f"{url}: the page is empty")
    return FetchedPage(final_url, data, content_type, fmt)


def _format(url: str, content_type: str) -> str:
    media = content_type.split(";", 1)[0].strip().lower()
    if not media:
        return "html"  # no header at all: the parser sniffs what it can
    fmt = FORMATS_BY_CONTENT_TYPE.get(media)
    if fmt is None:
        raise InputError(f"{url}: not a web page (the server sent {media})")
    return fmt


def _read(response: IO[bytes], url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"{url}: too slow, not all sent within {timeout:g} s")
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: over the {_size(max_bytes)} limit for a page")
        chunks.append(chunk)


def _reason(reason: object, host: str, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot find {host} (offline, or no such site)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot connect: {reason.strerror}"
    return f"cannot fetch: {reason}"


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.0f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"
