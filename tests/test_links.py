"""Import by link: `factcheck import https://…` and a URL in the TUI's import dialog fetch the
page from a real HTTP server on 127.0.0.1 (saved dev pages, copied at test time), and every
failure is one line with nothing stored."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from textual.widgets import Input

from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from tests.dev_pages import dev_page

SLOW_SECONDS = 3.0  # the server's pause; the client's timeout is 1 s in these tests
HUGE_BYTES = 11 * 1024 * 1024  # over the 10 MB cap


class Pages(BaseHTTPRequestHandler):
    """Routes: a saved page per path, and the misbehaving answers of real servers."""

    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        path = self.path
        if path in self.pages:
            content_type, body = self.pages[path]
            self._answer(200, content_type, body)
        elif path == "/moved":
            self._redirect("/windows-1252.html")
        elif path.startswith("/loop/"):
            self._redirect(f"/loop/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._answer(200, "text/html", b"<html><body><p>Too late.</p></body></html>")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
            try:
                for _ in range(HUGE_BYTES // len(chunk) + 1):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its cap
        elif path == "/report.pdf":
            self._answer(200, "application/pdf", b"%PDF-1.4\n" + b"0" * 2000)
        elif path == "/photo.jpg":
            self._answer(200, "image/jpeg", b"\xff\xd8\xff\xe0" + b"0" * 2000)
        else:
            self._answer(404, "text/html", b"<html><body>Not here</body></html>")

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def without_canonical(html: str) -> str:
    """The page with no canonical URL of its own: it keeps the URL it was fetched from."""
    html = re.sub(r"<link[^>]*rel=\"canonical\"[^>]*>", "", html)
    return re.sub(r"<meta[^>]*property=\"og:url\"[^>]*>", "", html)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    guardian = dev_page("theguardian.com.academics.html").decode("utf-8")
    legacy = re.sub(r'<meta charset="utf-8">', '<meta charset="windows-1252">', guardian, count=1)
    Pages.pages = {
        # Served as text/html with no charset: only the meta tag says windows-1252.
        "/windows-1252.html": ("text/html", legacy.encode("cp1252", errors="xmlcharrefreplace")),
        "/reuters.html": (
            "text/html; charset=utf-8",
            without_canonical(dev_page("reuters.com.parasite.html").decode("utf-8")).encode(),
        ),
        "/notes.txt": (
            "text/plain; charset=utf-8",
            b"Council notes\n\nThe council spent $4.2 million on the bridge, the mayor said.\n",
        ),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def factcheck(*args: str, timeout: float = 1.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "FACTCHECK_FETCH_TIMEOUT": str(timeout)},
        check=False,
    )


def articles(db: Path) -> list[tuple[str, str, str, str]]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT title, url, outlet, date FROM articles").fetchall()


def test_a_non_utf8_page_imports_by_link_with_its_canonical_url(
    server: str, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    result = factcheck("import", f"{server}/windows-1252.html", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "imported #1 Thousands of UK academics" in result.stdout
    [(title, url, outlet, date)] = articles(db)
    assert title == "Thousands of UK academics 'treated as second-class citizens'"
    assert url.startswith("https://www.theguardian.com/education/2020/jan/20/")
    assert (outlet, date) == ("The Guardian", "2020-01-20")


def test_a_page_without_a_canonical_url_keeps_the_link_and_a_redirect_is_followed(
    server: str, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    result = factcheck("import", f"{server}/reuters.html", f"{server}/moved", "--db", str(db))
    assert result.returncode == 0, result.stderr
    stored = articles(db)
    assert (stored[0][1], stored[0][2]) == (f"{server}/reuters.html", "Reuters")
    assert stored[1][0].startswith("Thousands of UK academics")  # /moved -> the Guardian page


def test_a_plain_text_answer_imports_as_text(server: str, tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    result = factcheck("import", f"{server}/notes.txt", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert articles(db) == [("Council notes", f"{server}/notes.txt", "", "")]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.html", "the server answered 404"),
        # A PDF link is read as a PDF (a press release): this one is no PDF inside.
        ("/report.pdf", "not a readable PDF (damaged or not a PDF)"),
        ("/photo.jpg", "not a web page (the server sent image/jpeg)"),
        ("/huge", "over the 10 MB limit"),
        ("/slow", "no answer within 1 s"),
        ("/loop/0", "more than 5 redirects"),
    ],
)
def test_a_failed_fetch_is_one_line_and_stores_nothing(
    server: str, tmp_path: Path, path: str, message: str
) -> None:
    db = tmp_path / "desk.db"
    result = factcheck("import", f"{server}{path}", "--db", str(db))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"factcheck: {server}{path}: "), lines
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert articles(db) == []


def test_offline_or_unknown_host_and_refused_connection_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    unknown = factcheck("import", "https://no-such-host.invalid/story", "--db", str(db))
    assert unknown.returncode == 2
    assert (
        unknown.stderr.strip().splitlines()
        == [
            "factcheck: https://no-such-host.invalid/story: cannot find no-such-host.invalid "
            "(offline, or no such site)"
        ]
        or "no answer within" in unknown.stderr
    )  # a resolver that hangs instead of failing
    import socket

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    refused = factcheck("import", f"http://127.0.0.1:{port}/", "--db", str(db))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"factcheck: http://127.0.0.1:{port}/: 127.0.0.1 refused the connection"
    ]
    assert articles(db) == []


async def test_the_tui_import_dialog_takes_a_link(
    server: str, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "1")
    app = FactcheckApp(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("i")
        app.screen.query_one(Input).value = f"{server}/windows-1252.html"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Imported #1 Thousands of UK academics") for m in messages), (
            messages
        )
        [summary] = app.screen.summaries  # type: ignore[attr-defined]
        assert summary.title.startswith("Thousands of UK academics")

        # A failing link: the reason as a notification, nothing stored, the list usable.
        await pilot.press("i")
        app.screen.query_one(Input).value = f"{server}/slow"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert f"{server}/slow: no answer within 1 s" in messages
        assert len(app.screen.summaries) == 1  # type: ignore[attr-defined]
    assert len(articles(db_path)) == 1


def test_extract_takes_a_link_and_prints_the_story_claims(server: str) -> None:
    result = factcheck("extract", f"{server}/reuters.html")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "LOS ANGELES (Reuters) - South Korean thriller" in first
    assert "<" not in result.stdout
    missing = factcheck("extract", f"{server}/missing.html")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.strip().splitlines() == [
        f"factcheck: {server}/missing.html: the server answered 404 Not Found"
    ]
