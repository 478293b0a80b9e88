"""The one bounded fetcher against servers that misbehave on purpose, on 127.0.0.1: a total
deadline that holds while a server trickles its headers or its body a byte at a time,
http(s) only at every hop, no credentials, gzip read, and every malformed answer one line
that never holds the server's bytes. Each case runs the real `factcheck import URL`."""

from __future__ import annotations

import gzip
import socket
import socketserver
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.hostile import assert_clean_bytes, run

DEADLINE = "2"  # FACTCHECK_FETCH_TIMEOUT in these tests: seconds
PAGE = (
    b"<html><head><title>Council roads</title></head><body><article><p>The council spent "
    b"4 million pounds on roads in 2023, its report said on Monday.</p></article></body></html>"
)
OSC_TITLE = b"\x1b]2;PWNED\x07\x1b]52;c;SEFDS0VE\x07"


def _ok(body: bytes, extra: bytes = b"") -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + extra
        + b"Content-Length: "
        + str(len(body)).encode()
        + b"\r\nConnection: close\r\n\r\n"
        + body
    )


def _redirect(location: str) -> bytes:
    return (
        b"HTTP/1.1 302 Found\r\nLocation: " + location.encode() + b"\r\nContent-Length: 0\r\n"
        b"Connection: close\r\n\r\n"
    )


# Bytes each trickling route got to send before the client hung up. The server paces them
# at 4 a second, so this counts how long the client kept reading without a clock in the test:
# a busy machine makes the server send fewer, never more.
TRICKLED: dict[str, int] = {}
BYTES_A_SECOND = 4


def _trickle(route: str, data: bytes) -> Callable[[socket.socket], None]:
    def send(conn: socket.socket) -> None:
        for byte in data:
            conn.sendall(bytes([byte]))
            TRICKLED[route] = TRICKLED.get(route, 0) + 1
            time.sleep(1 / BYTES_A_SECOND)

    return send


def _headers_then_trickle(conn: socket.socket, body: bytes) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 9000\r\n\r\n")
    _trickle("/slow-body", body)(conn)


ROUTES: dict[str, bytes | Callable[[socket.socket], None]] = {
    "/page": _ok(PAGE),
    "/gzip": _ok(gzip.compress(PAGE), b"Content-Encoding: gzip\r\n"),
    "/brotli": _ok(b"\x0b\x02\x80hello", b"Content-Encoding: br\r\n"),
    "/slow-headers": _trickle(
        "/slow-headers", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X: y\r\n" * 40
    ),
    "/slow-body": lambda conn: _headers_then_trickle(conn, PAGE * 40),
    "/flood": b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(150)) + b"\r\n",
    "/http09": PAGE,
    "/osc-status": OSC_TITLE + b" 200 OK\r\n\r\n" + PAGE,
    "/to-ftp": _redirect("ftp://127.0.0.1:21/x"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/to-javascript": _redirect("javascript:alert(1)"),
    "/to-credentials": _redirect("http://user:secret@127.0.0.1/page"),
}


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        conn: socket.socket = self.request
        conn.settimeout(10)
        request = b""
        try:
            while b"\r\n\r\n" not in request:
                part = conn.recv(4096)
                if not part:
                    return
                request += part
            path = request.split(b" ", 2)[1].decode()
            if path == "/to-other-port":
                answer: bytes | Callable[[socket.socket], None] = _redirect(
                    f"http://127.0.0.1:{self.server.other_port}/page"  # type: ignore[attr-defined]
                )
            else:
                answer = ROUTES.get(path, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            if callable(answer):
                answer(conn)
            else:
                conn.sendall(answer)
        except OSError:
            pass  # the client gave up, as it should


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    main = Server(("127.0.0.1", 0), Handler)
    other = Server(("127.0.0.1", 0), Handler)
    main.other_port = other.server_address[1]  # type: ignore[attr-defined]
    for one in (main, other):
        threading.Thread(target=one.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{main.server_address[1]}"
    for one in (main, other):
        one.shutdown()
        one.server_close()


def _import(url: str, tmp_path: Path) -> tuple[int, str]:
    import os

    env = {**os.environ, "FACTCHECK_FETCH_TIMEOUT": DEADLINE, "NO_PROXY": "*"}
    done = run("import", url, "--db", str(tmp_path / "desk.db"), env=env)
    assert_clean_bytes(done.stderr, f"stderr of import {url}")
    assert b"Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr.decode()


def _articles(tmp_path: Path) -> int:
    db = tmp_path / "desk.db"
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_a_page_and_a_gzip_page_import(server: str, tmp_path: Path) -> None:
    for path in ("/page", "/gzip"):
        code, err = _import(server + path, tmp_path)
        assert code == 0, err
    assert _articles(tmp_path) == 1  # the same page twice: one article


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/slow-headers", "no answer within 2 s"),
        ("/slow-body", "too slow, not all sent within 2 s"),
    ],
)
def test_a_trickling_server_meets_the_total_deadline(
    server: str, tmp_path: Path, path: str, said: str
) -> None:
    TRICKLED[path] = 0
    code, err = _import(server + path, tmp_path)
    assert code == 2 and said in err, err
    # Headers: 280 bytes at 4 a second would take 70 s; the body 9,000 bytes, 37 minutes. The
    # client hung up within the deadline (and a byte or two of slack), not when it was done.
    assert TRICKLED[path] <= BYTES_A_SECOND * (int(DEADLINE) + 2), TRICKLED[path]
    assert _articles(tmp_path) == 0


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/flood", "more than 100 headers"),
        ("/http09", "not HTTP (no status line"),
        ("/osc-status", "not HTTP (no status line"),
        ("/brotli", "compressed as 'br'"),
        ("/to-ftp", "redirected to a ftp: link"),
        ("/to-file", "redirected to a file: link"),
        ("/to-javascript", "redirected to a javascript: link"),
        ("/to-other-port", "redirected to another port"),
        ("/to-credentials", "user name or password"),
    ],
)
def test_a_malformed_or_hostile_answer_is_one_clean_line(
    server: str, tmp_path: Path, path: str, said: str
) -> None:
    code, err = _import(server + path, tmp_path)
    assert code == 2, err
    assert said in err, err
    assert err.count("\n") == 1, err
    assert "secret" not in err and "PWNED" not in err
    assert _articles(tmp_path) == 0


def test_a_redirect_to_ftp_opens_no_connection(tmp_path: Path) -> None:
    """Nothing listens at the ftp port but ours: it must never be connected to."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    ftp_port = listener.getsockname()[1]
    ROUTES["/to-our-ftp"] = _redirect(f"ftp://127.0.0.1:{ftp_port}/x")
    main = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=main.serve_forever, daemon=True).start()
    try:
        code, err = _import(f"http://127.0.0.1:{main.server_address[1]}/to-our-ftp", tmp_path)
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        main.shutdown()
        main.server_close()
        listener.close()
        del ROUTES["/to-our-ftp"]
    assert code == 2 and "ftp:" in err


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://user:hunter2@127.0.0.1:9/page", "user name or password"),
        ("http://%00/", "not a possible web address"),
        ("http://127.0.0.1:99999/", "not a possible web address"),
    ],
)
def test_a_link_that_cannot_be_fetched_is_one_line(tmp_path: Path, url: str, said: str) -> None:
    code, err = _import(url, tmp_path)
    assert code == 2 and said in err, err
    assert "hunter2" not in err
    assert err.count("\n") == 1


async def test_the_tui_fetch_is_cancelled_by_escape_and_always_ends_in_a_notice(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Input

    from factcheck_tui.core.store import Store
    from factcheck_tui.tui.app import FactcheckApp

    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "60")  # only Escape can end it soon
    store = Store.open(tmp_path / "desk.db", "tester")
    app = FactcheckApp(store)
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.press("i")
            app.screen.query_one(Input).value = f"{server}/slow-body"
            await pilot.press("enter")
            await pilot.pause(0.5)
            assert type(app.screen).__name__ == "ProgressDialog"
            TRICKLED["/slow-body"] = 0
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            # Stopped by Escape, not by its own 60 s deadline (240 bytes of trickle by then).
            assert TRICKLED["/slow-body"] < BYTES_A_SECOND * 30, TRICKLED["/slow-body"]
            messages = [str(n.message) for n in app._notifications]
            assert any(m.endswith("/slow-body: cancelled") for m in messages), messages
            assert type(app.screen).__name__ != "ProgressDialog"
    finally:
        store.close()
    assert _articles(tmp_path) == 0
