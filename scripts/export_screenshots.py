"""Save PNGs of the sample's exports for the README: the HTML report as headless Chromium
renders it (docs/report.png) and the Word copy as LibreOffice renders it, first page
(docs/checked-copy.png: soffice → PDF → pdftoppm from poppler-utils).

Works on a temporary copy of the sample database with a few claims checked the way a checker
would (a verdict, a note, sources, a suggested correction where the build has them), so the
tints and comments show. Usage: python scripts/export_screenshots.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetCorrection, SetNote
from factcheck_tui.core.output.html_report import export_html
from factcheck_tui.core.output.word_copy import export_docx
from factcheck_tui.core.store import Store

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
# Comments as note annotations (LibreOffice 7.4); in the margin where LibreOffice can (7.5+).
PDF_WITH_COMMENTS = (
    'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
    '"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
)


def check_a_few(store: Store) -> None:
    claims = store.claims(1)
    first, third, fourth, sixth = claims[0], claims[2], claims[3], claims[5]
    store.apply(Mark([first.id], "verified"))
    store.apply(SetNote(first.id, "SOHR's statement of 13 July gives 54, including 28 civilians."))
    store.apply(
        AddSource(
            first.id,
            kind="url",
            reference="https://example.org/sohr-2018-07-13",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    store.apply(
        AddSource(
            first.id,
            kind="person",
            reference="SOHR press office",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    store.apply(Mark([third.id], "unverified"))
    store.apply(SetNote(third.id, "Only the Observatory says the dead were mostly Iraqis."))
    if hasattr(store, "set_correction"):
        store.apply(
            SetCorrection(
                third.id, "The Observatory said most of the civilians killed were Iraqis."
            )
        )
    store.apply(Mark([fourth.id], "verified"))
    store.apply(
        AddSource(
            fourth.id,
            kind="document",
            reference="Coalition statement to Reuters, 13 July 2018",
            tier="secondary",
            consulted_on="2018-07-14",
        )
    )
    store.apply(Mark([sixth.id], "verified"))


def run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=180)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "sample.db"
        shutil.copyfile(REPO / "sample_db" / "sample.db", db)
        with Store.open(db, "amira") as store:
            check_a_few(store)
            export_html(store, work / "report.html", article_id=1)
            export_docx(store, work / "checked-copy.docx", article_id=1)
        run(
            "chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={work / 'chromium'}", "--hide-scrollbars",
            f"--screenshot={DOCS / 'report.png'}", "--window-size=900,2400",
            (work / "report.html").as_uri(),
        )  # fmt: skip
        run(
            "soffice", f"-env:UserInstallation=file://{work / 'lo'}", "--headless",
            "--convert-to", PDF_WITH_COMMENTS, "--outdir", str(work),
            str(work / "checked-copy.docx"),
        )  # fmt: skip
        run(
            "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
            str(work / "checked-copy.pdf"), str(DOCS / "checked-copy"),
        )  # fmt: skip
    print("wrote docs/report.png, docs/checked-copy.png")


if __name__ == "__main__":
    main()
