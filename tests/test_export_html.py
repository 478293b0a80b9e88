"""The HTML report: escaped whatever the article holds, self-contained, and rendered by
headless Chromium with every request it would make sent to a local proxy that records it."""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import lxml.html
import pytest

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.intake.article_files import ParsedArticle
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_copy import load_checked_article
from factcheck_tui.core.output.html_report import export_html, render_html
from factcheck_tui.core.store import Store
from tests.tmux_driver import factcheck_command

HOSTILE_TITLE = 'Toll "rises" </title><script>alert(1)</script>'
HOSTILE_BODY = (
    "The ministry said 54 people died in the strike on Thursday, and </style><script>"
    "document.body.innerHTML='pwned'</script> officials confirmed the figure of 54.\n\n"
    'A spokesman told Reuters on 12 July that "<img src=x onerror=alert(2)>" 28 of the dead '
    "were civilians, according to the Observatory.\n\n"
    "The coalition said it conducted 12 strikes near al-Sousa on Thursday & Friday."
)


def hostile_store(store: Store) -> Store:
    import_article(
        store, ParsedArticle(title=HOSTILE_TITLE, body=HOSTILE_BODY, url="javascript:alert(3)")
    )
    claims = store.claims(1)
    assert len(claims) >= 2
    store.apply(Mark([claims[0].id], "verified"))
    store.apply(SetNote(claims[0].id, "</li></ol><script>alert(4)</script> \"quoted\" & 'single'"))
    store.apply(
        AddSource(
            claims[0].id,
            kind="url",
            reference='https://example.org/report?a=1&b="2"',
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    store.apply(
        AddSource(
            claims[0].id,
            kind="url",
            reference="javascript:alert(5)",
            tier="secondary",
            consulted_on="2018-07-15",
        )
    )
    store.apply(Mark([claims[1].id], "unverified"))
    return store


def test_everything_stored_is_escaped(store: Store) -> None:
    page = render_html(load_checked_article(hostile_store(store), 1))
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//script") == []
    assert tree.xpath("//img") == []
    assert tree.xpath("//@onerror") == []
    assert len(tree.xpath("//style")) == 1
    assert tree.findtext(".//title") == f"Checked: {HOSTILE_TITLE}"
    assert tree.findtext(".//h1") == HOSTILE_TITLE
    text = tree.text_content()
    assert "</style><script>document.body.innerHTML='pwned'</script>" in text
    assert "</li></ol><script>alert(4)</script> \"quoted\" & 'single'" in text
    # Only http(s) URLs become links; javascript: ones stay text.
    hrefs = tree.xpath("//a/@href")
    assert 'https://example.org/report?a=1&b="2"' in hrefs
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs)
    assert "javascript:alert(5)" in text and "javascript:alert(3)" in text


def test_the_report_has_no_external_assets(sample_store: Store) -> None:
    page = render_html(load_checked_article(sample_store, 1))
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//@src") == []
    assert tree.xpath("//link | //script | //iframe | //object | //embed") == []
    assert not re.search(r"url\(", page)
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]


def test_summary_counts_checkers_and_open_claims(sample_store: Store) -> None:
    claims = sample_store.claims(1)
    sample_store.apply(Mark([claims[0].id, claims[1].id], "verified"))
    sample_store.apply(Mark([claims[2].id], "unverified"))
    tree = lxml.html.fromstring(render_html(load_checked_article(sample_store, 1)))
    summary = tree.xpath("//section[@class='summary']")[0].text_content()
    assert f"3 of {len(claims)} claims checked." in summary
    assert "verified2" in summary and "unverified1" in summary
    assert f"unchecked{len(claims) - 3}" in summary
    assert "Checked by: tester." in summary
    assert f"Still open ({len(claims) - 3}): claims 4, 5" in summary
    # Each claim's span is tinted by its verdict, with its numbered marker after it.
    marks = tree.xpath("//article//mark")
    assert [m.get("class") for m in marks[:3]] == [
        "claim k-positive",
        "claim k-positive",
        "claim k-negative",
    ]
    assert tree.xpath("//article//span[@class='marker']/a/@href")[:2] == ["#n1", "#n2"]


class _RecordingProxy(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def _record(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_CONNECT = _record

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[tuple[str, list[str]]]:
    _RecordingProxy.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RecordingProxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _RecordingProxy.requests
    server.shutdown()
    server.server_close()


CHROMIUM = shutil.which("chromium")


def chromium(profile: Path, proxy_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--proxy-server={proxy_url}",
            "--proxy-bypass-list=<-loopback>",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed here")
def test_chromium_renders_every_claim_with_no_request(
    store: Store, tmp_path: Path, proxy: tuple[str, list[str]]
) -> None:
    hostile_store(store)
    report = tmp_path / "report.html"
    result = subprocess.run(
        [
            factcheck_command(),
            "export",
            "--db",
            str(store.path),
            "--format",
            "html",
            "-o",
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    proxy_url, requests = proxy
    dom = chromium(tmp_path / "profile", proxy_url, "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr
    rendered = lxml.html.fromstring(dom.stdout)
    text = " ".join(rendered.text_content().split())
    for claim in store.claims(1):
        assert " ".join(claim.text.split()) in text
    assert "pwned" in text and rendered.xpath("//script") == []
    shot = tmp_path / "report.png"
    result = chromium(
        tmp_path / "profile",
        proxy_url,
        f"--screenshot={shot}",
        "--window-size=900,1200",
        report.as_uri(),
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert page_requests(requests) == []
    # The proxy does see what a page asks for: the same run on a page with one remote image.
    control = tmp_path / "control.html"
    control.write_text('<p>x</p><img src="http://assets.example/pixel.png">', encoding="utf-8")
    chromium(tmp_path / "profile", proxy_url, "--dump-dom", control.as_uri())
    assert page_requests(requests) == ["GET http://assets.example/pixel.png"]


# Chromium's own background calls (component updates, network time), made whatever page is
# open; anything else the proxy sees came from the page.
BROWSER_SERVICES = re.compile(
    r"^\S+ (?:https?://)?[^/]*\b(?:google\.com|googleapis\.com|gvt1\.com)\b"
)


def page_requests(requests: list[str]) -> list[str]:
    return [r for r in requests if not BROWSER_SERVICES.match(r)]


def test_cli_html_to_stdout(sample_store: Store) -> None:
    result = subprocess.run(
        [factcheck_command(), "export", "--db", str(sample_store.path), "--format", "html"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert sample_store.claims(1)[0].text in result.stdout
    assert export_html(sample_store, Path(sample_store.path).with_suffix(".html")) == len(
        sample_store.claims(1)
    )
