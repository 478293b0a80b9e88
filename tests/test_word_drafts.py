"""Word drafts: .docx files made by python-docx here and one saved by LibreOffice, imported
with the real `factcheck` command, their comments read back as claims' sources from the
database, the TUI's detail pane and the CSV export (read with the csv module)."""

from __future__ import annotations

import copy
import csv
import io
import subprocess
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from factcheck_tui.core.db.drafts import original_file
from factcheck_tui.core.desk.claim_checks import RemoveSource
from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.records.models import Claim
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article import ArticleScreen
from tests.tmux_driver import factcheck_command

FIXTURES = Path(__file__).parent / "fixtures"
LIBREOFFICE_DRAFT = FIXTURES / "libreoffice_draft.docx"

FIRST = "The reservoir held 41 percent of its capacity in June, the lowest level since 1977."
SECOND = "Farmers said 3,000 wells ran dry last year."
THIRD = "The governor said on Tuesday that 12 districts would get emergency funds."
QUIET = "People in the valley are waiting."
INTERVIEW = "Interview with the Observatory's director, 12 July"
REPORT_URL = "https://example.org/water/report-2026.pdf"


def factcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [factcheck_command(), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def dated(comment: docx.comments.Comment, stamp: str) -> None:
    comment._comment_elm.set(qn("w:date"), stamp)


def write_draft(path: Path) -> None:
    """A draft with a headline, two commented sentences (one comment with a URL), and an
    uncommented sentence the extractor would not pick, annotated by a third comment."""
    document = docx.Document()
    document.add_heading("Drought deepens in the valley", level=1)
    paragraph = document.add_paragraph(FIRST + " ")
    second = paragraph.add_run(SECOND)
    dated(
        document.add_comment([paragraph.runs[0]], INTERVIEW, author="Jane Doe"),
        "2026-07-12T10:30:00Z",
    )
    dated(
        document.add_comment(
            [second], f"Figures from the ministry report, {REPORT_URL}.", author="Sam Roe"
        ),
        "2026-07-13T08:15:00Z",
    )
    document.add_paragraph(THIRD)
    quiet = document.add_paragraph(QUIET)
    document.add_comment([quiet.runs[0]], "Reporter's own observation, 14 July", author="Jane Doe")
    document.save(path)


def claim_with(claims: list[Claim], start: str) -> Claim:
    return next(claim for claim in claims if claim.text.startswith(start))


def test_a_draft_with_two_comments_gives_its_claims_those_sources_and_exports_them(
    tmp_path: Path,
) -> None:
    draft, db = tmp_path / "draft.docx", tmp_path / "desk.db"
    write_draft(draft)
    result = factcheck("import", str(draft), "--db", str(db))
    assert result.returncode == 0, result.stderr
    with Store.open(db, "reader") as store:
        (article,) = store.list_articles()
        assert article.title == "Drought deepens in the valley"
        claims = store.claims(article.id)
        first, second = claim_with(claims, "The reservoir"), claim_with(claims, "Farmers said")
        (interview,) = first.sources
        assert (interview.kind, interview.origin, interview.author) == (
            "draft",
            "draft",
            "Jane Doe",
        )
        assert interview.reference == INTERVIEW and interview.written_at.startswith("2026-07-12")
        assert interview.describe() == f"draft comment by Jane Doe (2026-07-12): {INTERVIEW}"
        note, link = second.sources
        assert note.kind == "draft" and REPORT_URL in note.reference
        assert (link.kind, link.reference, link.author) == ("url", REPORT_URL, "Sam Roe")
        assert (
            link.describe() == f"url {REPORT_URL} (from the draft comment by Sam Roe, 2026-07-13)"
        )
        # An uncommented claim has no source; the annotated quiet sentence became a claim.
        assert claim_with(claims, "The governor").sources == ()
        quiet = claim_with(claims, "People in the valley")
        assert "the writer annotated it in the draft" in quiet.reasons
        assert quiet.sources[0].reference == "Reporter's own observation, 14 July"
        # The writer's document itself is kept, byte for byte (issue 13 hands it back).
        kept = original_file(store.conn, article.id)
        assert kept is not None and kept[0] == "draft.docx" and kept[2] == draft.read_bytes()

    exported = factcheck("export", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    rows = {row["claim_text"]: row for row in csv.DictReader(io.StringIO(exported.stdout))}
    assert rows[FIRST]["sources"] == f"draft comment by Jane Doe (2026-07-12): {INTERVIEW}"
    assert rows[SECOND]["sources"].split("\n") == [
        f"draft comment by Sam Roe (2026-07-13): Figures from the ministry report, {REPORT_URL}.",
        f"url {REPORT_URL} (from the draft comment by Sam Roe, 2026-07-13)",
    ]


async def test_the_detail_pane_shows_the_writers_comments(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    write_draft(draft)
    with Store.open(tmp_path / "desk.db", "tester") as store:
        import_article(store, read_article_file(draft))
        app = FactcheckApp(store)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.press("enter")
            assert isinstance(app.screen, ArticleScreen)
            detail = str(app.screen.query_one("#claim-detail").render())
            assert f"source: draft comment by Jane Doe (2026-07-12): {INTERVIEW}" in detail
            await pilot.press("j")
            detail = str(app.screen.query_one("#claim-detail").render())
            assert INTERVIEW not in detail
            assert "source: draft comment by Sam Roe (2026-07-13)" in detail
            link = f"url {REPORT_URL} (from the draft comment by Sam Roe, 2026-07-13)"
            assert f"source: {link}" in detail


def test_draft_comments_do_not_count_as_the_checkers_sources(tmp_path: Path) -> None:
    from factcheck_tui.core.records.verdicts import independent_sources

    draft = tmp_path / "draft.docx"
    write_draft(draft)
    with Store.open(tmp_path / "desk.db", "tester") as store:
        result = import_article(store, read_article_file(draft))
        second = claim_with(store.claims(result.article_id), "Farmers said")
        assert len(second.sources) == 2 and independent_sources(second.sources) == set()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tracked_paragraph_xml() -> str:
    """A paragraph as Word writes it with track changes on: a deletion and an insertion."""
    return (
        f'<w:p xmlns:w="{W_NS}">'
        '<w:r><w:t xml:space="preserve">Regional officials said </w:t></w:r>'
        '<w:del w:id="91" w:author="Jane Doe" w:date="2026-07-12T09:05:00Z">'
        '<w:r><w:delText xml:space="preserve">nearly </w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve">2,400 wells had run dry </w:t></w:r>'
        '<w:ins w:id="92" w:author="Jane Doe" w:date="2026-07-12T09:00:00Z">'
        '<w:r><w:t xml:space="preserve">across four provinces </w:t></w:r></w:ins>'
        "<w:r><w:t>since January.</w:t></w:r></w:p>"
    )


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("Drought report")
    body = document.element.body
    tracked = etree.fromstring(tracked_paragraph_xml())
    body.insert(len(body) - 1, tracked)  # before the section properties
    # A paragraph whose mark was deleted joins the next one, as the reader now sees them.
    joined = copy.deepcopy(tracked)
    for run in list(joined):
        joined.remove(run)
    joined.append(
        etree.fromstring(
            f'<w:pPr xmlns:w="{W_NS}"><w:rPr>'
            '<w:del w:id="93" w:author="J" w:date="2026-07-12T09:00:00Z"/></w:rPr></w:pPr>'
        )
    )
    joined.append(
        etree.fromstring(
            f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">The dam was built </w:t></w:r>'
        )
    )
    body.insert(len(body) - 1, joined)
    document.add_paragraph("in 1962.")
    path = tmp_path / "tracked.docx"
    document.save(path)

    # python-docx's own paragraph text loses the insertion: this is why the XML is walked.
    assert "across four provinces" not in docx.Document(path).paragraphs[1].text
    article = read_article_file(path)
    assert article.title == "Drought report"
    assert article.body.split("\n\n") == [
        "Regional officials said 2,400 wells had run dry across four provinces since January.",
        "The dam was built in 1962.",
    ]


def test_a_draft_saved_by_libreoffice(tmp_path: Path) -> None:
    """tests/fixtures/build_libreoffice_draft.py made it with `soffice --convert-to docx`."""
    article = read_article_file(LIBREOFFICE_DRAFT)
    assert (
        article.title == "Reservoir falls to a record low"
    )  # python-docx alone says "Word Document"
    assert article.body.split("\n\n") == [
        "The Almendra reservoir held 31 percent of its capacity on 1 July, the lowest level "
        "since records began in 1977.",
        "Regional officials said 2,400 wells had run dry across four provinces since January.",
        "The ministry's report puts the cost of the drought at 1.2 billion euros this year.",
        "Farmers in the valley are waiting for rain.",
    ]
    first, second = article.comments
    assert article.body[first.start : first.end].startswith("31 percent of its capacity")
    assert (first.author, first.text) == ("Jane Doe", INTERVIEW)
    assert first.written_at.startswith("2026-07-12T10:30")
    assert second.urls == (REPORT_URL,)
    with Store.open(tmp_path / "desk.db", "tester") as store:
        result = import_article(store, article)
        claims = store.claims(result.article_id)
        reservoir = claim_with(claims, "The Almendra reservoir")
        assert [s.describe() for s in reservoir.sources] == [
            f"draft comment by Jane Doe (2026-07-12): {INTERVIEW}"
        ]
        ministry = claim_with(claims, "The ministry's report")
        assert [s.kind for s in ministry.sources] == ["draft", "url"]


def test_a_new_draft_brings_its_own_comments_instead_of_repeating_the_old(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    write_draft(draft)
    with Store.open(tmp_path / "desk.db", "tester") as store:
        import_article(store, read_article_file(draft))
        document = docx.Document(draft)
        document.add_paragraph("Rain is forecast for 12 August, the weather service said.")
        document.save(draft)
        result = import_article(store, read_article_file(draft))
        assert result.revision is not None
        first = claim_with(store.claims(result.article_id), "The reservoir")
        assert [s.reference for s in first.sources] == [INTERVIEW]


def test_a_damaged_docx_is_one_line_and_exit_2(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.docx"
    with zipfile.ZipFile(garbage, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00\x01 not xml at all <w:document")
    not_zip = tmp_path / "renamed.docx"
    not_zip.write_bytes(b"This is plain text saved with the wrong extension.\n")
    no_document = tmp_path / "other.docx"
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("hello.txt", "hi")
    db = tmp_path / "desk.db"
    for path, words in (
        (garbage, "damaged Word document"),
        (not_zip, "not a Word document"),
        (no_document, "no word/document.xml"),
    ):
        result = factcheck("import", str(path), "--db", str(db))
        assert result.returncode == 2, (path, result)
        lines = result.stderr.strip().splitlines()  # one file, one line
        assert len(lines) == 1 and words in lines[0], lines
        assert "Traceback" not in result.stderr
    with Store.open(db, "reader") as store:
        assert store.list_articles() == []


def test_a_zip_bomb_draft_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (210 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    result = factcheck("import", str(bomb), "--db", str(tmp_path / "desk.db"))
    assert result.returncode == 2
    assert "over the 200 MB limit for a Word document" in result.stderr


def test_extract_reads_a_word_draft_as_import_does(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    write_draft(draft)
    result = factcheck("extract", str(draft), "--all")
    assert result.returncode == 0, result.stderr
    assert FIRST in result.stdout and THIRD in result.stdout
    assert "PK" not in result.stdout and "Drought deepens" not in result.stdout


def test_a_schema_1_desk_is_migrated_and_takes_a_word_draft(tmp_path: Path) -> None:
    import shutil

    desk = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "schema_v1.db", desk)
    draft = tmp_path / "draft.docx"
    write_draft(draft)
    with Store.open(desk, "tester") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] >= 2
        old_sources = store.conn.execute("SELECT origin, author FROM sources").fetchall()
        assert old_sources and set(old_sources) == {("checker", "")}
        result = import_article(store, read_article_file(draft))
        first = claim_with(store.claims(result.article_id), "The reservoir")
        assert first.sources[0].author == "Jane Doe"


def test_removing_a_draft_comment_and_undoing_it_keeps_who_wrote_it(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    write_draft(draft)
    with Store.open(tmp_path / "desk.db", "tester") as store:
        result = import_article(store, read_article_file(draft))
        first = claim_with(store.claims(result.article_id), "The reservoir")
        (comment,) = first.sources
        store.apply(RemoveSource(comment.id))
        assert store.claim(first.id).sources == ()
        store.undo()
        (back,) = store.claim(first.id).sources
        assert back.describe() == comment.describe()
        assert (back.origin, back.author, back.written_at) == (
            "draft",
            "Jane Doe",
            comment.written_at,
        )


# The repository beside shared/ (CI, /work/main), or a worktree one level further down.
REPO = Path(__file__).resolve().parents[1]
DEV_PAGES = next(
    (
        candidate
        for candidate in (
            REPO / "../shared/data/html-pages-dev",
            REPO / "../../shared/data/html-pages-dev",
        )
        if candidate.exists()
    ),
    REPO / "../shared/data/html-pages-dev",
)


def test_real_news_pages_saved_as_word_by_libreoffice_read_whole(tmp_path: Path) -> None:
    """Two real pages of the dev set (the Guardian, Reuters) opened and saved as .docx by
    LibreOffice: messy real documents (tables, images it could not embed, nested layout).
    Every passage the annotators marked as the story is in the text read."""
    import json
    import shutil

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None or not DEV_PAGES.exists():
        pytest.skip("needs LibreOffice (soffice) and ../shared/data/html-pages-dev")
    annotations = json.loads((DEV_PAGES / "annotations.json").read_text(encoding="utf-8"))
    wanted = {"theguardian.com.academics.html", "reuters.com.parasite.html"}
    pages = {entry["file"]: entry for entry in annotations.values() if entry["file"] in wanted}
    for name in pages:
        shutil.copyfile(DEV_PAGES / "pages" / name, tmp_path / name)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / name) for name in sorted(pages)),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    for name, entry in pages.items():
        article = read_article_file(tmp_path / name.replace(".html", ".docx"))
        text = " ".join(article.body.split())
        for passage in entry["with"]:
            assert " ".join(passage.split()) in text, (name, passage)
    guardian = read_article_file(tmp_path / "theguardian.com.academics.docx")
    assert guardian.title.startswith("Thousands of UK academics")


def test_the_word_copy_does_not_repeat_the_link_of_the_writers_comment(tmp_path: Path) -> None:
    """Issue #23: our reply on the writer's own draft repeated the URL her comment gave
    ("Sources: url https://… (from the draft comment by Sam Roe)"); her comment is beside
    ours in that document, so neither it nor its link is said again. Our own source is."""
    from factcheck_tui.core.desk.claim_checks import AddSource, Mark

    draft, db = tmp_path / "draft.docx", tmp_path / "desk.db"
    write_draft(draft)
    assert factcheck("import", str(draft), "--db", str(db)).returncode == 0
    with Store.open(db, "tester") as store:
        second = claim_with(store.claims(1), "Farmers said")
        store.apply(Mark([second.id], "verified"))
        store.apply(
            AddSource(second.id, kind="url", reference="https://example.org/wells",
                      tier="primary", consulted_on="2026-07-14")
        )  # fmt: skip
    out = tmp_path / "checked.docx"
    done = factcheck("export", "--db", str(db), "--format", "docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    (ours,) = [c for c in docx.Document(str(out)).comments if c.author == "tester"]
    assert ours.text.startswith("Answering Sam Roe's comment on this text.")
    assert REPORT_URL not in ours.text and "draft comment" not in ours.text
    assert "Sources: primary url https://example.org/wells (consulted 2026-07-14)" in ours.text
    # The CSV, which has no comment beside it, still lists both.
    table = factcheck("export", "--db", str(db)).stdout
    rows = {r["claim_text"]: r for r in csv.DictReader(io.StringIO(table))}
    assert REPORT_URL in rows[SECOND]["sources"]
