"""Fetch a web page by its link, for `factcheck import https://…` and the TUI's import dialog:
the one fetcher, bounded on every side.

- **One total deadline** (`FACTCHECK_FETCH_TIMEOUT` seconds, 20 by default) for the whole
  fetch, redirects, status line, headers and body included. A watcher thread shuts the
  fetch's sockets down when it passes (or when `should_cancel()` says so), so a server that
  trickles one byte a second cannot keep a blocked read alive: a per-read socket timeout
  alone is reset by every byte.
- **http(s) only, at every hop**: the opener has no handler for any other scheme, and each
  redirect is checked before it is followed: to http(s) only, never to a link carrying a
  user name or password, and to another port only when it is the new scheme's default port
  (http → https); at most 5 redirects.
- **No credentials in links**: `https://user:secret@host/` is refused, and the line saying
  so shows the link without them.
- **Bounded answers**: at most 10 MB (after decompression), an HTML or plain-text answer;
  a gzip- or deflate-encoded answer is decompressed (bounded), any other encoding refused
  by name. http.client bounds the status line and headers (64 KB a line, 100 headers).
- **One line for every failure** (`InputError`): offline, no such host, refused, 404, not a
  web page, too big, too slow, cancelled, and every malformed answer (no status line, as
  HTTP/0.9 sends; too many headers). The line never holds the server's bytes, and the link
  in it is shown with control characters as symbols.

The page is imported with the URL it was finally fetched from, unless it names a canonical
URL of its own.
"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.errors import InputError

DEFAULT_TIMEOUT = 20.0
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
WATCH_INTERVAL = 0.05  # seconds between the watcher's looks at the clock and `should_cancel`
SHOWN_URL_CHARS = 200
USER_AGENT = "Mozilla/5.0 (compatible; factcheck/0.1; newsroom fact-checking)"
FORMATS_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    # A link to a press release or report as a file (core/intake/article_files.py reads it).
    "application/pdf": "pdf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
}
DEFAULT_PORTS = {"http": 80, "https": 443}
# zlib's window bits: 47 reads gzip or zlib headers; -15 a raw deflate stream.
DECOMPRESSORS = {"gzip": 47, "x-gzip": 47, "deflate": 47}


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # after redirects
    data: bytes
    content_type: str  # the whole header, charset included
    fmt: str  # "html", "text", or a document format ("pdf", "odt", "rtf")


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://"))


def fetch_timeout() -> float:
    """Seconds allowed for a page: `FACTCHECK_FETCH_TIMEOUT`, else 20."""
    try:
        value = float(os.environ.get("FACTCHECK_FETCH_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < float("inf") else DEFAULT_TIMEOUT


def shown_url(url: str) -> str:
    """A link as a message shows it: without a user name or password, control characters
    as symbols, at most SHOWN_URL_CHARS characters."""
    try:
        parts = urlsplit(url.strip())
        netloc = parts.netloc.rpartition("@")[2]
        bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        bare = url.strip().rpartition("@")[2]
    text = printable(bare)
    return text if len(text) <= SHOWN_URL_CHARS else text[: SHOWN_URL_CHARS - 1] + "…"


class _Watch:
    """The deadline (and the cancel button) of one fetch: a thread that shuts every socket
    of the fetch down when time is up or `should_cancel()` is true, so that a blocked read
    returns at once."""

    def __init__(self, seconds: float, should_cancel: Callable[[], bool] | None) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.should_cancel = should_cancel
        self.stopped: str = ""  # "slow" or "cancelled" once the watcher has acted
        self.answered = False  # the status line and headers are in
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="factcheck-fetch", daemon=True)
        self._thread.start()

    def remaining(self) -> float:
        return max(0.01, self.expires - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            stopped = self.stopped
        if stopped:
            _shut(sock)

    def finish(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(WATCH_INTERVAL):
            reason = ""
            if self.should_cancel is not None and self.should_cancel():
                reason = "cancelled"
            elif time.monotonic() >= self.expires:
                reason = "slow"
            if reason:
                with self._lock:
                    self.stopped = reason
                    sockets = list(self._sockets)
                for sock in sockets:
                    _shut(sock)
                return


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # a read blocked on it returns now
    except OSError:
        pass  # closed already, or (a socket wrapped for TLS) detached: its wrapper is watched


def _connections(watch: _Watch) -> tuple[type[http.client.HTTPConnection], ...]:
    """HTTP and HTTPS connection classes whose sockets `watch` can shut down, each connect
    bounded by the time left."""

    class WatchedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            self.timeout = watch.remaining()
            super().connect()
            watch.watch(self.sock)

    class WatchedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            self.timeout = watch.remaining()
            http.client.HTTPConnection.connect(self)
            watch.watch(self.sock)
            context: ssl.SSLContext = self._context  # type: ignore[attr-defined]
            server_hostname = self._tunnel_host or self.host  # type: ignore[attr-defined]
            wrapped = context.wrap_socket(
                self.sock, server_hostname=server_hostname, do_handshake_on_connect=False
            )
            self.sock = wrapped
            watch.watch(wrapped)  # before the handshake, which a server can trickle too
            wrapped.do_handshake()

    return WatchedHTTP, WatchedHTTPS


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, connection: type[http.client.HTTPConnection]) -> None:
        super().__init__()
        self.connection = connection

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.connection, req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, connection: type[http.client.HTTPConnection]) -> None:
        super().__init__()
        self.connection = connection

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = self._context  # type: ignore[attr-defined]
        return self.do_open(self.connection, req, context=context)


def check_hop(previous: str, target: str) -> None:
    """InputError unless a redirect from `previous` to `target` may be followed."""
    parts = urlsplit(target)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InputError(
            f"{shown_url(previous)}: redirected to a {printable(scheme or 'relative')}: link; "
            "factcheck follows http(s) links only"
        )
    if "@" in parts.netloc:
        raise InputError(
            f"{shown_url(previous)}: redirected to a link with a user name or password in it; "
            "not followed"
        )
    port = parts.port  # ValueError for a port out of range: the caller's one line
    before = urlsplit(previous)
    if port is not None and port != DEFAULT_PORTS[scheme]:
        same = (before.hostname, before.port) == (parts.hostname, port)
        if not same:
            raise InputError(
                f"{shown_url(previous)}: redirected to another port ({port}) of "
                f"{printable(parts.hostname or '')}; not followed"
            )


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            check_hop(req.full_url, urljoin(req.full_url, location.strip()))
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(watch: _Watch) -> urllib.request.OpenerDirector:
    """An opener for http(s) only: no ftp, file or data handler at all."""
    plain, secure = _connections(watch)
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
        _HTTP(plain),
        _HTTPS(secure),
    ):
        opener.add_handler(handler)
    return opener


def fetch_page(
    url: str,
    *,
    timeout: float | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    should_cancel: Callable[[], bool] | None = None,
) -> FetchedPage:
    """GET `url`; raises InputError with one line for anything but an HTML or text page
    fetched within the deadline. `should_cancel()` is polled while it runs."""
    url = url.strip()
    timeout = fetch_timeout() if timeout is None else timeout
    label = shown_url(url)
    _check_link(url, label)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate;q=0.5, identity;q=0.1",
        },
    )
    watch = _Watch(timeout, should_cancel)
    try:
        return _fetch(_opener(watch), request, label, max_bytes, watch)
    except InputError:
        raise
    except Exception as error:  # every http.client / urllib / socket failure: one line
        if watch.stopped == "cancelled":
            raise InputError(f"{label}: cancelled") from None
        if watch.stopped == "slow":
            # No page yet (status line and headers not all in): no answer, else too slow.
            said = "too slow, not all sent" if watch.answered else "no answer"
            raise InputError(f"{label}: {said} within {timeout:g} s") from None
        raise InputError(
            f"{label}: {_failure(error, urlsplit(url).hostname or '', timeout)}"
        ) from None
    finally:
        watch.finish()


def _check_link(url: str, label: str) -> None:
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a port out of range raises ValueError here, not later
    except ValueError:
        raise InputError(f"{label}: not a possible web address") from None
    if parts.scheme.lower() not in DEFAULT_PORTS or not host:
        raise InputError(f"{label}: not a web address (http:// or https://)")
    if "@" in parts.netloc:
        raise InputError(
            f"{label}: a link with a user name or password in it is not fetched "
            "(factcheck does not send credentials); remove the part before @"
        )
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in url) or "%00" in parts.netloc:
        raise InputError(f"{label}: not a possible web address (it holds a control character)")


def _fetch(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    label: str,
    max_bytes: int,
    watch: _Watch,
) -> FetchedPage:
    try:
        response = opener.open(request, timeout=watch.remaining())
    except urllib.error.HTTPError as error:
        error.close()
        if 300 <= error.code < 400:
            if not error.headers.get("location"):
                raise InputError(f"{label}: the server redirected without saying where") from None
            raise InputError(f"{label}: more than {MAX_REDIRECTS} redirects") from None
        reason = f" {printable(str(error.reason))[:80]}" if error.reason else ""
        raise InputError(f"{label}: the server answered {error.code}{reason}") from None
    watch.answered = True
    with response:
        content_type = response.headers.get("Content-Type", "") or ""
        fmt = _format(label, content_type)
        encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
        length = response.headers.get("Content-Length")
        if encoding == "identity" and length and length.isdigit() and int(length) > max_bytes:
            raise InputError(f"{label}: {_size(int(length))} is over the {_size(max_bytes)} limit")
        data = _read(response, label, max_bytes, watch, encoding)
        final_url = response.geturl()
    if not data.strip():
        raise InputError(f"{label}: the page is empty")
    return FetchedPage(final_url, data, content_type, fmt)


def _format(label: str, content_type: str) -> str:
    media = content_type.split(";", 1)[0].strip().lower()
    if not media:
        return "html"  # no header at all: the parser sniffs what it can
    fmt = FORMATS_BY_CONTENT_TYPE.get(media)
    if fmt is None:
        raise InputError(f"{label}: not a web page (the server sent {printable(media)[:60]})")
    return fmt


def _read(response: IO[bytes], label: str, max_bytes: int, watch: _Watch, encoding: str) -> bytes:
    """The body, decompressed when gzip or deflate, at most `max_bytes` of page."""
    if encoding not in ("identity", "") and encoding not in DECOMPRESSORS:
        raise InputError(
            f"{label}: the server sent the page compressed as {printable(encoding)[:40]!r}, "
            "which factcheck does not read"
        )
    inflate = zlib.decompressobj(DECOMPRESSORS[encoding]) if encoding in DECOMPRESSORS else None
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(CHUNK)
        if watch.stopped:
            raise OSError("stopped")  # the caller says too slow, or cancelled
        if inflate is not None:
            try:
                chunk = (
                    inflate.decompress(chunk, max_bytes + 1 - size) if chunk else inflate.flush()
                )
            except zlib.error:
                raise InputError(f"{label}: the server sent a damaged {encoding} page") from None
            if inflate.unconsumed_tail:
                chunk += b"\0"  # more than the limit is waiting: over it
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{label}: over the {_size(max_bytes)} limit for a page")
        chunks.append(chunk)
        if inflate is not None and inflate.eof:
            return b"".join(chunks)


def _failure(error: BaseException, host: str, timeout: float) -> str:
    """One line for a failure of urllib, http.client or the socket: never the server's
    bytes (a BadStatusLine's message is the first line the server sent)."""
    if isinstance(error, urllib.error.URLError) and not isinstance(error.reason, str):
        error = error.reason if isinstance(error.reason, BaseException) else error
    if isinstance(error, urllib.error.URLError):
        if "unknown url type" in str(error.reason):
            return "not a web address (http:// or https://)"
        return "cannot fetch"
    host = printable(host)[:80]
    if isinstance(error, socket.gaierror):
        return f"cannot find {host} (offline, or no such site)"
    if isinstance(error, ConnectionRefusedError):
        return f"{host} refused the connection"
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(error, ssl.SSLError):
        return f"secure connection failed ({printable(str(error.reason or 'TLS'))[:60]})"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(error, http.client.BadStatusLine):
        return "the server's answer is not HTTP (no status line; HTTP/0.9 is not read)"
    if isinstance(error, http.client.LineTooLong):
        return "the server sent a header line over 64 KB"
    if isinstance(error, http.client.IncompleteRead):
        return "the server stopped before the end of the page"
    if isinstance(error, http.client.InvalidURL):
        return "not a possible web address"
    if isinstance(error, http.client.HTTPException):
        if "headers" in str(error):
            return "the server sent more than 100 headers"
        return f"the server's answer is malformed ({type(error).__name__})"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot connect: {printable(error.strerror)}"
    if isinstance(error, UnicodeError):
        return "not a possible web address (its host name cannot be encoded)"
    return f"cannot fetch ({type(error).__name__})"


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.0f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"
