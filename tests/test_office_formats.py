"""PDF, ODT and RTF articles in (issue #23): real files made by LibreOffice from a real
article, imported by the real `factcheck import` into a real desk, read back from SQLite.

The document (tests/office_documents.py) has two pages, a running header and a footer with
the page number, justified text LibreOffice hyphenates at line ends, and one of the writer's
comments on a sentence of page 2. Bad and hostile files are one line on stderr."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import zipfile
import zlib
from pathlib import Path

import pytest

from factcheck_tui.core.intake.article_files import parse_article_bytes, read_article_file
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.store import Store
from tests.conftest import SAMPLE_ARTICLE
from tests.hostile import run
from tests.office_documents import (
    FOOTER_PREFIX,
    HEADER,
    LONG_WORD,
    Comment,
    convert,
    flat_odt,
)

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here"
)
BREAK_BEFORE = 5  # the paragraph that begins page 2
COMMENTED = 6  # a paragraph of page 2 the writer commented
ANCHOR = "ISIS fighters swept across Syria and Iraq in 2014"
NOTE = "Timeline from the Reuters archive https://example.org/isis-timeline"


def _paragraphs() -> tuple[str, list[str]]:
    lines = SAMPLE_ARTICLE.read_text(encoding="utf-8").strip().split("\n")
    title = lines[0].split(" ", 2)[2]
    return title, [line.strip() for line in lines[1:] if line.strip()]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """story.pdf, story.odt and story.rtf, converted by LibreOffice from one Flat ODT."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed here")
    folder = tmp_path_factory.mktemp("office")
    title, paragraphs = _paragraphs()
    assert paragraphs[COMMENTED].startswith(ANCHOR)
    source = folder / "story.fodt"
    source.write_text(
        flat_odt(
            title,
            paragraphs,
            comments=[Comment(COMMENTED, ANCHOR, NOTE)],
            page_break_before=BREAK_BEFORE,
        ),
        encoding="utf-8",
    )
    for target in ("pdf", "odt", "rtf"):
        convert([source], target, folder)
    return folder


def _imported(path: Path | str, db: Path) -> tuple[Store, int]:
    done = run("import", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr.decode()
    store = Store.open(db, "tester")
    (summary,) = store.list_articles()
    return store, summary.id


def _pages(db: Path, article_id: int) -> list[tuple[int, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT page, start FROM article_pages WHERE article_id = ? ORDER BY page",
            (article_id,),
        ).fetchall()


def _check_text_and_pages(store: Store, article_id: int, db: Path) -> None:
    title, paragraphs = _paragraphs()
    article = store.article(article_id)
    assert article.title == title
    # Every paragraph whole and in order: hyphenated words joined, no header or footer.
    assert article.body == "\n\n".join(paragraphs)
    assert HEADER not in article.body and FOOTER_PREFIX not in article.body
    assert "\u00ad" not in article.body and "\ufffe" not in article.body
    hyphenated = {word for text in paragraphs for word in LONG_WORD.findall(text)}
    assert hyphenated <= set(re.findall(r"[A-Za-z]+", article.body))
    page_two = article.body.index(paragraphs[BREAK_BEFORE])
    assert _pages(db, article_id) == [(1, 0), (2, page_two)]
    claims = store.claims(article_id)
    assert claims, "the article's claims were extracted"
    for claim in claims:
        assert store.page_of(article_id, claim.start) == (1 if claim.start < page_two else 2)


@needs_soffice
def test_a_pdf_made_by_libreoffice_is_imported_with_its_pages(
    documents: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    store, article_id = _imported(documents / "story.pdf", db)
    with store:
        _check_text_and_pages(store, article_id, db)
        # The writer's comment is not printed in a PDF LibreOffice exports: not in the text.
        assert NOTE not in store.article(article_id).body


@needs_soffice
def test_an_odt_draft_is_imported_with_its_pages_and_its_comment_as_a_source(
    documents: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    store, article_id = _imported(documents / "story.odt", db)
    with store:
        _check_text_and_pages(store, article_id, db)
        (claim,) = [c for c in store.claims(article_id) if c.text.startswith(ANCHOR)]
        drafted = {(s.kind, s.reference, s.author, s.locator, s.origin) for s in claim.sources}
        assert drafted == {
            ("draft", NOTE, "Maria Lopez", "p. 2", "draft"),
            ("url", "https://example.org/isis-timeline", "Maria Lopez", "p. 2", "draft"),
        }
        assert NOTE not in store.article(article_id).body


@needs_soffice
def test_an_rtf_draft_is_imported_with_its_pages_and_its_comment(
    documents: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    store, article_id = _imported(documents / "story.rtf", db)
    with store:
        # LibreOffice writes the page break before paragraph 5 as \pagebb: two pages.
        _check_text_and_pages(store, article_id, db)
        # The writer's comment (\atrfstart … \annotation) is a source, as in the ODT.
        (claim,) = [c for c in store.claims(article_id) if c.text.startswith(ANCHOR)]
        drafted = {(s.kind, s.reference, s.author, s.written_at, s.locator) for s in claim.sources}
        assert drafted == {
            ("draft", NOTE, "Maria Lopez", "2026-07-12T10:30:00", "p. 2"),
            (
                "url",
                "https://example.org/isis-timeline",
                "Maria Lopez",
                "2026-07-12T10:30:00",
                "p. 2",
            ),
        }
        assert NOTE not in store.article(article_id).body


@needs_soffice
async def test_the_source_dialog_proposes_the_claims_page(documents: Path, tmp_path: Path) -> None:
    """`s` on a claim of page 2 of a PDF: the locator reads "p. 2" before anything is typed."""
    from factcheck_tui.tui.app import FactcheckApp

    db = tmp_path / "desk.db"
    store, article_id = _imported(documents / "story.pdf", db)
    claims = store.claims(article_id)
    on_page_two = next(
        i for i, claim in enumerate(claims) if store.page_of(article_id, claim.start) == 2
    )
    app = FactcheckApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await pilot.press(*["j"] * on_page_two, "s")
        await pilot.pause()
        assert app.screen.query_one("#locator").value == "p. 2"  # type: ignore[attr-defined]
        app.screen.query_one("#reference").value = "ISIS press office"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
    (source,) = store.claim(claims[on_page_two].id).sources
    assert source.locator == "p. 2"
    store.close()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these numbered objects (1 the catalogue), with a correct cross-reference."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


PAGE_TREE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject "
    b"<< /Im1 4 0 R >> /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
    b">> /Contents 5 0 R >>",
]


def _image_only_pdf() -> bytes:
    """A one-page PDF whose page is a picture and nothing else: what a scanner makes."""
    pixels = bytes(range(256)) * 4
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 32 /Height 32 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream"
    )
    contents = b"<< /Length 35 >>\nstream\nq 500 0 0 700 40 60 cm /Im1 Do Q\nendstream"
    return _pdf([*PAGE_TREE, image, contents])


def _pdf_bomb() -> bytes:
    """About 1 MB of PDF whose page contents inflate to 210 MB: a line of text, then spaces."""
    packer = zlib.compressobj(1)
    packed = [packer.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n")]
    chunk = b" " * (1 << 20)
    packed += [packer.compress(chunk) for _ in range(210)]
    stream = b"".join([*packed, packer.flush()])
    contents = (
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
    )
    return _pdf([*PAGE_TREE, b"<< >>", contents])


def _odt_bomb() -> bytes:
    """An .odt whose content.xml declares 4 GB unpacked (the central directory patched):
    refused on the declared size, before anything is inflated."""
    data = bytearray(
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"<office:document/>",
            }
        )
    )
    entry = data.rfind(b"PK\x01\x02")  # the central directory's entry of content.xml
    data[entry + 24 : entry + 28] = (0xFFFFFFF0).to_bytes(4, "little")
    return bytes(data)


HOSTILE = {
    "scan.pdf": (_image_only_pdf, "no text layer in this PDF"),
    "bomb.pdf": (_pdf_bomb, "refused as a decompression bomb"),
    "blank.pdf": (lambda: _image_only_pdf().replace(b"/Im1 Do", b"       "), "no text layer"),
    "garbage.pdf": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 50, "not a readable PDF"),
    "empty.pdf": (lambda: b"", "the file is empty"),
    "bomb.odt": (_odt_bomb, "over the 200 MB limit"),
    "notzip.odt": (lambda: b"PK\x03\x04 not really a zip", "not an OpenDocument text"),
    "nocontent.odt": (
        lambda: _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
        "no content.xml",
    ),
    "broken.odt": (lambda: _zip({"content.xml": b"<office:document><unclosed"}), "damaged"),
    "entities.odt": (
        lambda: _zip(
            {
                "content.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "'
                + b"x" * 1000
                + b'"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;&b;&b;</d>'
            }
        ),
        "",
    ),
    "binary.rtf": (lambda: b"{\\rtf1 " + bytes(range(256)) * 40 + b"}", ""),
    "notrtf.rtf": (lambda: b"plain words, not RTF at all", "not an RTF document"),
    "deep.rtf": (lambda: b"{\\rtf1 " + b"{" * 200_000 + b"x" + b"}" * 200_000, ""),
    "huge-number.rtf": (lambda: b"{\\rtf1 \\u99999999999 \\uc-5 \\bin99999999999 x}", ""),
}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_bad_and_hostile_files_are_one_line(name: str, tmp_path: Path) -> None:
    """Refused in one line naming the file (or read, for RTF that is only odd), never
    anything but the one-line InputError."""
    make, said = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    try:
        article = read_article_file(path)
    except InputError as error:
        assert "\n" not in str(error) and name in str(error) and said in str(error), error
    else:  # an odd RTF may still hold readable text
        assert not said and article.body


@pytest.mark.parametrize("name", ["scan.pdf", "bomb.odt", "notrtf.rtf"])
def test_the_cli_refuses_them_in_one_line_and_stores_nothing(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name][0]())
    db = tmp_path / "desk.db"
    done = run("import", str(path), "--db", str(db))
    err = done.stderr.decode()
    lines = [line for line in err.splitlines() if line.strip()]
    assert done.returncode != 0 and len(lines) == 1 and HOSTILE[name][1] in lines[0], err
    assert "Traceback" not in err
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)


def test_a_quadratic_case_of_striprtf_reads_in_linear_time() -> None:
    """200 KB of field groups took striprtf 7.8 s and 2 MB would take ~13 min; this reader
    walks 2 MB once (refused: it holds no text)."""
    data = b"{\\rtf1\\ansi " + b"{\\field{\\*\\fldinst{ x}}}" * 80_000 + b"}"
    with pytest.raises(InputError, match="no text in the RTF document"):
        parse_article_bytes(data, name="fields.rtf", fmt="rtf")


def test_rtf_code_pages_unicode_and_tables_are_read() -> None:
    data = (
        b"{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\info{\\title Budget draft}}"
        b"{\\header Page header}\\pard Caf\\'e9 prices rose 4\\u8217?s \\u8364? 12 million.\\par"
        b"\\trowd\\cellx1000\\cellx2000 Year\\cell 2025\\cell\\row\n"
        b"Soft\\-hyphen and {\\*\\annotation hidden comment} visible.\\par}"
    )
    article = parse_article_bytes(data, name="budget.rtf")
    assert article.fmt == "rtf" and article.title == "Budget draft"
    assert article.body == (
        "Café prices rose 4’s € 12 million.\n\nYear | 2025\n\nSofthyphen and visible."
    )


@needs_soffice
def test_the_same_odt_with_a_new_comment_adds_its_source_and_says_so(
    documents: Path, tmp_path: Path
) -> None:
    """No comment the writer sent is dropped without saying so: the same text again with a
    new comment updates the draft (the comment a source, at its page); the same file a third
    time is "already in the database" and adds nothing."""
    db = tmp_path / "desk.db"
    store, article_id = _imported(documents / "story.odt", db)
    store.close()
    title, paragraphs = _paragraphs()
    anchor = paragraphs[1][:60]
    second = tmp_path / "second.fodt"
    second.write_text(
        flat_odt(
            title,
            paragraphs,
            comments=[
                Comment(COMMENTED, ANCHOR, NOTE),
                Comment(1, anchor, "Ask the Observatory for the list", author="Sam Roe"),
            ],
            page_break_before=BREAK_BEFORE,
        ),
        encoding="utf-8",
    )
    convert([second], "odt", tmp_path)
    done = run("import", str(tmp_path / "second.odt"), "--db", str(db))
    said = done.stdout.decode()
    assert done.returncode == 0 and "1 new or changed comment, 1 source added" in said, said
    assert ".docx" not in said
    again = run("import", str(tmp_path / "second.odt"), "--db", str(db))
    assert "already in the database" in again.stdout.decode()
    with Store.open(db, "tester") as store:
        sources = [s for c in store.claims(article_id) for s in c.sources]
        asked = [s for s in sources if s.reference == "Ask the Observatory for the list"]
        assert [(s.author, s.locator) for s in asked] == [("Sam Roe", "p. 1")]
        assert sum(s.reference == NOTE for s in sources) == 1


@needs_soffice
def test_a_link_to_a_press_release_pdf_is_fetched_and_read_with_its_pages(
    documents: Path, tmp_path: Path
) -> None:
    """`factcheck import http://…/story.pdf`: a server on 127.0.0.1 answers application/pdf
    (as a press office's site does); the article keeps the link and its pages."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(documents))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/story.pdf"
        db = tmp_path / "desk.db"
        store, article_id = _imported(url, db)
    finally:
        server.shutdown()
        server.server_close()
    with store:
        _check_text_and_pages(store, article_id, db)
        assert store.article(article_id).url == url


@needs_soffice
def test_a_pdf_behind_a_password_is_one_line(documents: Path, tmp_path: Path) -> None:
    """LibreOffice exports the story with an open password: refused in one line, said why."""
    options = (
        '{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    convert([documents / "story.fodt"], f"pdf:writer_pdf_Export:{options}", tmp_path)
    done = run("import", str(tmp_path / "story.pdf"), "--db", str(tmp_path / "desk.db"))
    err = done.stderr.decode()
    assert done.returncode != 0 and err.count("\n") == 1, err
    assert "story.pdf: the PDF is protected by a password" in err
