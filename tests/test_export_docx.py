"""The checked copy as a Word document, read back with python-docx and from the XML itself,
and opened by LibreOffice headless (the real client an editor may use)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetCorrection, SetNote
from factcheck_tui.core.intake.article_files import ParsedArticle
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_copy import load_checked_article
from factcheck_tui.core.output.word_copy import annotate_docx, export_docx
from factcheck_tui.core.store import Store
from tests.tmux_driver import factcheck_command

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def anchored_text(data: bytes) -> dict[int, str]:
    """Each comment id with the document text between its commentRangeStart and End."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    active: set[int] = set()
    texts: dict[int, list[str]] = {}
    for element in root.iter(
        f"{{{W}}}commentRangeStart",
        f"{{{W}}}commentRangeEnd",
        f"{{{W}}}t",
        f"{{{W}}}br",
        f"{{{W}}}tab",
        f"{{{W}}}p",
    ):
        tag = etree.QName(element).localname
        if tag == "commentRangeStart":
            active.add(int(element.get(f"{{{W}}}id")))
            texts.setdefault(int(element.get(f"{{{W}}}id")), [])
        elif tag == "commentRangeEnd":
            active.discard(int(element.get(f"{{{W}}}id")))
        else:
            piece = {"t": element.text or "", "br": "\n", "tab": "\t", "p": "\n\n"}[tag]
            if tag == "p" and not active:
                continue
            for comment_id in active:
                texts[comment_id].append(piece)
    return {comment_id: "".join(parts) for comment_id, parts in texts.items()}


def check_some(store: Store) -> list[int]:
    claims = store.claims(1)
    first, second, third = claims[0], claims[2], claims[4]
    store.apply(Mark([first.id], "verified"))
    store.apply(SetNote(first.id, 'SOHR said "54" <b>not</b> 45 & more'))
    store.apply(
        AddSource(
            first.id,
            kind="url",
            reference="https://example.org/sohr",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    store.apply(Mark([second.id], "unverified"))
    store.apply(
        AddSource(
            second.id,
            kind="person",
            reference="Rami Abdulrahman, SOHR",
            tier="secondary",
            consulted_on="2018-07-15",
        )
    )
    store.apply(Mark([third.id], "verified"))
    return [first.id, second.id, third.id]


def test_one_comment_per_checked_claim_anchored_on_its_words(
    sample_store: Store, tmp_path: Path
) -> None:
    checked_ids = check_some(sample_store)
    out = tmp_path / "checked.docx"
    assert export_docx(sample_store, out, article_id=1) == 3
    data = out.read_bytes()
    document = docx.Document(io.BytesIO(data))
    comments = list(document.comments)
    assert len(comments) == 3
    claims = {claim.id: claim for claim in sample_store.claims(1)}
    anchors = anchored_text(data)
    for comment, claim_id in zip(comments, checked_ids, strict=True):
        assert anchors[comment.comment_id] == claims[claim_id].text
        assert comment.author == "tester"
    assert comments[0].text.startswith("Verdict: verified — tester, 20")
    assert 'Note: SOHR said "54" <b>not</b> 45 & more' in comments[0].text
    assert "primary url https://example.org/sohr (consulted 2018-07-14)" in comments[0].text
    assert comments[1].text.startswith("Verdict: unverified")
    assert "secondary person Rami Abdulrahman, SOHR (consulted 2018-07-15)" in comments[1].text
    # The whole article is there, paragraph by paragraph, with nothing lost at the cuts.
    body = sample_store.article(1).body
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == sample_store.article(1).title
    assert "\n\n".join(texts[2:]) == body


def test_unchecked_claims_only_when_asked(sample_store: Store, tmp_path: Path) -> None:
    check_some(sample_store)
    out = tmp_path / "all.docx"
    total = len(sample_store.claims(1))
    assert export_docx(sample_store, out, article_id=1, include_unchecked=True) == total
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == total
    assert sum(c.text.startswith("Verdict: not checked") for c in comments) == total - 3
    assert {c.author for c in comments} == {"tester", "factcheck"}


def writer_draft(path: Path) -> tuple[bytes, str, str]:
    """A writer's draft as Word would hold it: a styled title, a paragraph cut into bold and
    italic runs mid-sentence, and the writer's own comment. Returns (bytes, title, body)."""
    document = docx.Document()
    document.add_heading("Strike kills dozens in eastern Syria", level=1)
    first = document.add_paragraph()
    first.add_run("A massive airstrike struck an ISIS-held area of ")
    bold = first.add_run("eastern Syria, killing 54 people")
    bold.bold = True
    first.add_run(", a war monitor said. ")
    italic = first.add_run("The ministry called it a massacre.")
    italic.italic = True
    second = document.add_paragraph(
        "Colonel Sean Ryan told Reuters on Thursday that the coalition conducted 12 strikes."
    )
    document.add_comment(
        [bold], "Check the toll against SOHR's latest figure", "Writer Wendy", "WW"
    )
    document.save(path)
    body = (
        "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people, "
        "a war monitor said. The ministry called it a massacre.\n\n" + second.text
    )
    return path.read_bytes(), "Strike kills dozens in eastern Syria", body


def test_the_writers_draft_keeps_its_formatting_and_comments(store: Store, tmp_path: Path) -> None:
    original, title, body = writer_draft(tmp_path / "draft.docx")
    import_article(store, ParsedArticle(title=title, body=body))
    claims = store.claims(1)
    assert len(claims) >= 2
    store.apply(Mark([claim.id for claim in claims], "verified"))
    checked = load_checked_article(store, 1)
    data, count = annotate_docx(original, checked)
    assert count == len(claims)
    document = docx.Document(io.BytesIO(data))
    comments = list(document.comments)
    writer = [c for c in comments if c.author == "Writer Wendy"]
    ours = [c for c in comments if c.author == "tester"]
    assert [c.text for c in writer] == ["Check the toll against SOHR's latest figure"]
    assert len(ours) == len(claims)
    anchors = anchored_text(data)
    for comment, claim in zip(ours, claims, strict=True):
        assert anchors[comment.comment_id] == claim.text
    # The claim over the writer's commented words says it answers her comment.
    assert ours[0].text.startswith("Answering Writer Wendy's comment")
    # Formatting kept: the bold and italic words are still bold and italic, the title a heading.
    runs = document.paragraphs[1].runs
    assert "".join(r.text for r in runs if r.bold) == "eastern Syria, killing 54 people"
    assert "".join(r.text for r in runs if r.italic) == "The ministry called it a massacre."
    assert document.paragraphs[0].style.name == "Heading 1"
    # The writer's comment still covers her words.
    assert anchors[writer[0].comment_id] == "eastern Syria, killing 54 people"
    # Ours is filed as a reply in her comment's thread (word/commentsExtended.xml).
    assert reply_parents(data) == {ours[0].comment_id: writer[0].comment_id}
    # A draft that already has threads (Word writes commentsExtended.xml) keeps them.
    again, _ = annotate_docx(data, checked)
    threads = reply_parents(again)
    assert len(threads) == 1 + len(claims)  # the first reply, and the new ones
    assert threads[ours[0].comment_id] == writer[0].comment_id


def reply_parents(data: bytes) -> dict[int, int]:
    """Reply comment id -> parent comment id, from commentsExtended.xml and the comments'
    last-paragraph w14:paraId."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        extended = etree.fromstring(package.read("word/commentsExtended.xml"))
    by_para = {
        comment.findall(f"{{{W}}}p")[-1].get(f"{{{w14}}}paraId"): int(comment.get(f"{{{W}}}id"))
        for comment in comments.findall(f"{{{W}}}comment")
    }
    return {
        by_para[entry.get(f"{{{w15}}}paraId")]: by_para[entry.get(f"{{{w15}}}paraIdParent")]
        for entry in extended.findall(f"{{{w15}}}commentEx")
        if entry.get(f"{{{w15}}}paraIdParent")
    }


def test_cli_writes_docx_and_onto_a_draft(sample_store: Store, tmp_path: Path) -> None:
    check_some(sample_store)
    out = tmp_path / "copy.docx"
    result = subprocess.run(
        [
            factcheck_command(),
            "export",
            "--db",
            str(sample_store.path),
            "--format",
            "docx",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"exported 3 comments to {out}"
    assert len(docx.Document(str(out)).comments) == 3
    bad = subprocess.run(
        [
            factcheck_command(),
            "export",
            "--db",
            str(sample_store.path),
            "--format",
            "docx",
            "--onto",
            str(sample_store.path),
            "-o",
            str(tmp_path / "x.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "not a Word document" in bad.stderr
    assert not (tmp_path / "x.docx").exists()


def test_several_articles_need_article(sample_store: Store, tmp_path: Path) -> None:
    import_article(sample_store, ParsedArticle(title="Second", body="The toll rose to 60 people."))
    result = subprocess.run(
        [
            factcheck_command(),
            "export",
            "--db",
            str(sample_store.path),
            "--format",
            "docx",
            "-o",
            str(tmp_path / "x.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--article" in result.stderr and "Traceback" not in result.stderr


SOFFICE = shutil.which("soffice")
# LibreOffice's PDF filter leaves comments out unless asked (JSON filter options: LO >= 7.4).
PDF_WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_converts_it_with_the_comments(sample_store: Store, tmp_path: Path) -> None:
    check_some(sample_store)
    sample_store.apply(SetNote(sample_store.claims(1)[2].id, "Iraqi officials deny it"))
    source = tmp_path / "checked.docx"
    export_docx(sample_store, source, article_id=1)
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    for target in (PDF_WITH_COMMENTS, "txt", "fodt"):
        result = subprocess.run(
            [
                SOFFICE,
                profile,
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        extension = target.split(":")[0]
        assert (tmp_path / f"checked.{extension}").stat().st_size > 0
    # In the PDF each comment is a note annotation at its claim, its text in /Contents.
    pdf_notes = [
        bytes.fromhex(hexed.decode()).decode("utf-16-be")
        for hexed in re.findall(
            rb"/Contents <FEFF([0-9A-Fa-f]+)>", (tmp_path / "checked.pdf").read_bytes()
        )
    ]
    assert len(pdf_notes) == 3
    assert pdf_notes[0].startswith("Verdict: verified — tester")
    assert any("Iraqi officials deny it" in note for note in pdf_notes)
    text = (tmp_path / "checked.txt").read_text(encoding="utf-8-sig")
    assert sample_store.claims(1)[0].text in text
    flat = etree.parse(str(tmp_path / "checked.fodt"))
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    annotations = flat.findall(f".//{{{office}}}annotation")
    assert len(annotations) == 3
    words = ["".join(a.itertext()) for a in annotations]
    assert any("Verdict: verified" in w and "SOHR said" in w for w in words)
    assert any("Iraqi officials deny it" in w for w in words)
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(
            ["pdftotext", str(tmp_path / "checked.pdf"), "-"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        assert "Reduced to a Handful" in pdf_text


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_opens_the_annotated_draft_with_both_comments(
    store: Store, tmp_path: Path
) -> None:
    original, title, body = writer_draft(tmp_path / "draft.docx")
    import_article(store, ParsedArticle(title=title, body=body))
    claims = store.claims(1)
    store.apply(Mark([claims[0].id], "unverified"))
    store.apply(SetCorrection(claims[0].id, "eastern Syria, killing 45 people"))
    data, _ = annotate_docx(original, load_checked_article(store, 1))
    (tmp_path / "annotated.docx").write_bytes(data)
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", "fodt", "--outdir", str(tmp_path), str(tmp_path / "annotated.docx")],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    flat = etree.parse(str(tmp_path / "annotated.fodt"))
    words = ["".join(a.itertext()) for a in flat.findall(f".//{{{office}}}annotation")]
    assert len(words) == 2
    assert any("Check the toll against SOHR's latest figure" in w for w in words)
    assert any(
        "Answering Writer Wendy's comment" in w
        and "Suggested correction: eastern Syria, killing 45 people" in w
        for w in words
    )


def test_hostile_text_is_text_in_the_word_copy(store: Store, tmp_path: Path) -> None:
    from tests.test_export_html import HOSTILE_BODY, HOSTILE_TITLE, hostile_store

    hostile_store(store)
    with Store.open(store.path, "O'Brien <b>&amp;\x1b[31m") as other:
        other.apply(Mark([store.claims(1)[2].id], "verified"))
    out = tmp_path / "hostile.docx"
    assert export_docx(store, out, article_id=1) == 3
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == HOSTILE_TITLE
    assert "\n\n".join(texts[2:]) == HOSTILE_BODY
    comments = list(document.comments)
    assert "Note: </li></ol><script>alert(4)</script> \"quoted\" & 'single'" in comments[0].text
    # A control character in a name reaches the file as a visible symbol, never raw.
    assert comments[2].author == "O'Brien <b>&amp;␛[31m"


def test_an_imported_word_draft_comes_back_as_the_writers_document(
    tmp_path: Path,
) -> None:
    """`factcheck import draft.docx` keeps the file (issue 11); the Word copy of that article
    is the writer's own document with her comment, her formatting, and ours as replies."""
    draft = tmp_path / "draft.docx"
    writer_draft(draft)
    db = tmp_path / "desk.db"
    imported = subprocess.run(
        [factcheck_command(), "import", str(draft), "--db", str(db)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    with Store.open(db, "tester") as store:
        claims = store.claims(1)
        store.apply(Mark([claims[0].id], "unverified"))
        store.apply(SetCorrection(claims[0].id, "eastern Syria, killing 45 people"))
    out = tmp_path / "checked.docx"
    exported = subprocess.run(
        [factcheck_command(), "export", "--db", str(db), "--format", "docx", "-o", str(out)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    data = out.read_bytes()
    document = docx.Document(io.BytesIO(data))
    comments = list(document.comments)
    writer = [c for c in comments if c.author == "Writer Wendy"]
    ours = [c for c in comments if c.author == "tester"]
    assert [c.text for c in writer] == ["Check the toll against SOHR's latest figure"]
    assert len(ours) == 1
    assert anchored_text(data)[ours[0].comment_id] == claims[0].text
    assert "Suggested correction: eastern Syria, killing 45 people" in ours[0].text
    # The writer's comment, kept by the import as a source, is not repeated in ours.
    assert "draft comment" not in ours[0].text
    assert reply_parents(data) == {ours[0].comment_id: writer[0].comment_id}
    runs = document.paragraphs[1].runs
    assert "".join(r.text for r in runs if r.bold) == "eastern Syria, killing 54 people"
    assert document.paragraphs[0].style.name == "Heading 1"
