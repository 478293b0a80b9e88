"""`factcheck export --format xlsx` and the `e` dialog's spreadsheet: the CSV's rows as an .xlsx
that LibreOffice opens as is (converted to CSV by LibreOffice headless and compared with our
CSV cell by cell, non-ASCII included), with its header frozen, notes wrapped and readable
widths read from the file itself."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import AddSource, LinkReports, Mark, SetNote
from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.spreadsheet import CELL_LIMIT, CUT_MARK, write_sheet
from factcheck_tui.core.store import Store
from tests.dev_pages import dev_page
from tests.tmux_driver import factcheck_command

SOFFICE = shutil.which("soffice")
# Calc, without which soffice converts no spreadsheet (.ci/run installs it).
CALC = SOFFICE is not None and Path("/usr/lib/libreoffice/program/libsclo.so").exists()
# LibreOffice's CSV filter: comma, double quote, UTF-8 (76), from the first line, the first
# sheet; cells as stored, not as shown.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1"
HOSTILE_NOTE = (
    "Quelle: Behörde «Straßen» — 45 € / ½ km; 北京 ✓ 🙂 שלום\n"
    '=HYPERLINK("http://evil.example","x")\n@SUM(A1)\ttab _x0041_ kept\x07bell'
)


def desk_with_real_checks(store: Store, tmp_path: Path) -> None:
    """The sample article and a real German page (dev data), some claims checked with
    non-ASCII and formula-looking notes, a source and a linked report with its publisher."""
    import_article(store, read_article_file(Path("sample_db/seed_article.txt")))
    page = tmp_path / "bmjv.html"
    page.write_bytes(dev_page("bmjv.de.konsum.html"))
    import_article(store, read_article_file(page))
    first, second = store.claims(1)[:2]
    german = store.claims(2)[0]
    store.apply(Mark([first.id, german.id], "verified"))
    store.apply(Mark([second.id], "unverified"))
    store.apply(SetNote(first.id, HOSTILE_NOTE))
    store.apply(SetNote(german.id, "Laut Ministerium: „Verbraucherschutz“ — geprüft"))
    store.apply(
        AddSource(first.id, kind="url", reference="https://example.org/sohr", tier="primary",
                  consulted_on="2018-07-14")
    )  # fmt: skip
    store.conn.execute(
        "INSERT INTO reports (external_id, claim_text, rating, publisher, url, imported_at) "
        "VALUES ('r1', 'ISIS holds a handful of villages', 'Mostly true', 'AFP Fact Check', "
        "'https://factcheck.afp.com/r1', 'now')"
    )
    store.apply(LinkReports([(first.id, 1, 91.0)]))


def cli_export(store: Store, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [factcheck_command(), "export", "--db", str(store.path), "-o", str(out), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def libreoffice_csv(xlsx: Path, tmp_path: Path) -> list[list[str]]:
    """The spreadsheet as LibreOffice reads it, saved back as UTF-8 CSV (no dialog is asked:
    an .xlsx carries its own types and encoding)."""
    out = tmp_path / "lo-out"
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
         "--convert-to", CSV_FILTER, "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (converted,) = out.glob(f"{xlsx.stem}*.csv")  # LibreOffice adds the sheet's name
    with converted.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.skipif(not CALC, reason="LibreOffice Calc (libreoffice-calc-nogui) is not here")
def test_libreoffice_reads_every_cell_of_the_csv(store: Store, tmp_path: Path) -> None:
    desk_with_real_checks(store, tmp_path)
    sheet, table = tmp_path / "checked.xlsx", tmp_path / "checked.csv"
    done = cli_export(store, sheet, "--format", "xlsx")
    assert done.returncode == 0, done.stderr
    total = len(store.claims(1)) + len(store.claims(2))
    assert done.stderr == f"exported {total} claims to {sheet}\n"
    assert cli_export(store, table).returncode == 0
    with table.open(encoding="utf-8", newline="") as handle:
        expected = list(csv.reader(handle))
    got = libreoffice_csv(sheet, tmp_path)
    assert len(got) == len(expected) == total + 1
    differing = [
        (row, col, want, cell)
        for row, (have, wanted) in enumerate(zip(got, expected, strict=True))
        for col, (cell, want) in enumerate(zip(have, wanted, strict=True))
        if cell != want
    ]
    assert differing == []
    non_ascii = [cell for row in got for cell in row if any(ord(ch) > 127 for ch in cell)]
    assert len(non_ascii) > 20  # the German page's claims and the notes
    note = got[1][expected[0].index("note")]
    assert "«Straßen» — 45 € / ½ km; 北京 ✓ 🙂 שלום" in note
    assert "\n'=HYPERLINK(" in note and "\n'@SUM(A1)" in note  # neutralised as in the CSV
    assert "_x0041_ kept" in note and "\x07" not in note
    linked = got[1][expected[0].index("linked_reports")]
    assert linked == "Mostly true — AFP Fact Check https://factcheck.afp.com/r1"
    # --status checked: the checked claims only, as the CSV's --status.
    assert cli_export(store, sheet, "--format", "xlsx", "--status", "checked").returncode == 0
    assert [row[expected[0].index("status")] for row in libreoffice_csv(sheet, tmp_path)[1:]] == [
        "verified",
        "unverified",
        "verified",
    ]


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_header_frozen_text_typed_notes_wrapped_widths_readable(
    store: Store, tmp_path: Path
) -> None:
    desk_with_real_checks(store, tmp_path)
    sheet = tmp_path / "checked.xlsx"
    assert cli_export(store, sheet, "--format", "xlsx").returncode == 0
    xml = sheet_xml(sheet)
    frozen = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    assert frozen in xml
    assert '<autoFilter ref="A1:' in xml
    assert "<f>" not in xml  # no cell is a formula, whatever its text
    widths = [float(w) for w in re.findall(r'<col min="\d+" max="\d+" width="([\d.]+)"', xml)]
    assert len(widths) == 20 and all(6 <= width <= 61 for width in widths)
    assert max(widths) > 50  # the claims and notes are wide, wrapped
    with zipfile.ZipFile(sheet) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
    assert 'wrapText="1"' in styles
    # The note's cell (column M, the 13th) uses the wrapping style.
    wrap_style = (
        styles.split("<cellXfs")[1]
        .split("<xf ")
        .index(next(x for x in styles.split("<cellXfs")[1].split("<xf ") if 'wrapText="1"' in x))
        - 1
    )
    assert re.search(rf'<c r="M2" s="{wrap_style}" t="inlineStr">', xml)


def test_a_cell_longer_than_a_spreadsheet_holds_is_cut_and_said(tmp_path: Path) -> None:
    rows = iter([{"note": "x" * (CELL_LIMIT + 10)}, {"note": "short"}])
    out = io.BytesIO()
    written = write_sheet(rows, out, ("note",))
    assert (written.rows, written.cut_cells) == (2, 1)
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    cell = re.search(r'<c r="A2"[^>]*><is><t>([^<]*)</t>', xml)
    assert cell is not None and len(cell.group(1)) == CELL_LIMIT
    assert cell.group(1).endswith(CUT_MARK)


def test_cli_refuses_a_terminal_and_flags_of_other_formats(
    sample_store: Store, tmp_path: Path
) -> None:
    done = cli_export(sample_store, tmp_path / "x.xlsx", "--format", "xlsx", "--excel")
    assert done.returncode == 2 and done.stderr == "factcheck: --excel is for --format csv\n"
    assert not (tmp_path / "x.xlsx").exists()
    # To a pipe it is the same workbook (a zip), for `> file` or another program.
    piped = subprocess.run(
        [factcheck_command(), "export", "--db", str(sample_store.path), "--format", "xlsx"],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    archive = zipfile.ZipFile(io.BytesIO(piped.stdout))
    assert "xl/worksheets/sheet1.xml" in archive.namelist()
    # The Word copy through a pipe too (it was a traceback: bytes into a text stream).
    piped = subprocess.run(
        [factcheck_command(), "export", "--db", str(sample_store.path), "--format", "docx"],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(piped.stdout)).namelist()
    # --facts: one row per fact, the facts CSV's columns, on a sheet named facts.
    facts = tmp_path / "facts.xlsx"
    assert cli_export(sample_store, facts, "--format", "xlsx", "--facts").returncode == 0
    with zipfile.ZipFile(facts) as book:
        assert 'name="facts"' in book.read("xl/workbook.xml").decode("utf-8")
    assert sheet_xml(facts).count("<row ") == 1 + sum(
        len(claim.facts) for claim in sample_store.claims(1)
    )


def test_xlsxwriter_is_imported_only_by_the_spreadsheet_export() -> None:
    import sys

    probe = (
        "import sys; import factcheck_tui.cli, factcheck_tui.core.output.export_job, "
        "factcheck_tui.core.output.spreadsheet; print('xlsxwriter' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
