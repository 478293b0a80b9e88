"""Which library writes the checked-claims spreadsheet (`export --format xlsx`): openpyxl or
XlsxWriter, measured on the same rows with the same features (string cells typed as text,
the header row frozen, notes wrapped, column widths set).

For each library, in a fresh interpreter each (so one import does not warm the other):
- the import time of the library;
- the time to write N claims (the desk of import_export.py, 100 claims an article) and the
  peak memory (ru_maxrss) of that process;
- the file size;
- factcheck's own export of the same claims (`export --format xlsx`), beside the CSV's;
- LibreOffice headless converting the file to CSV: the seconds it takes, and whether every
  cell (non-ASCII included) equals the CSV export of the same claims;
- the non-ASCII cells LibreOffice reads wrong from factcheck's .xlsx, and from the CSV (with
  and without the byte-order mark) through its default CSV import (no options given, as a
  double-click opens it).

Beside them in the same run, the baseline: the CSV export of the same claims.

openpyxl is not a dependency of factcheck: `pip install openpyxl` before running this.

Usage: python benchmarks/xlsx_writers.py [--articles 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, median, ms
from import_export import build_desk

from factcheck_tui.core.output.checked_csv import CSV_COLUMNS, export_csv
from factcheck_tui.core.output.export_job import export_checks
from factcheck_tui.core.store import Store

# One process per library and run: it imports the library (timed), then writes the rows
# (timed), then prints JSON. The rows are the CSV's own cells, read back from it.
WRITER = r"""
import csv, json, resource, sys, time
library, source, target = sys.argv[1:4]
with open(source, encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))
header, body = rows[0], rows[1:]
numeric = {"article_id", "article_revision", "claim_id", "facts_left"}
wrapped = {"claim_text", "note", "sources", "linked_reports", "suggested_correction",
           "facts", "dispute", "article_title"}
started = time.perf_counter()
if library == "openpyxl":
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
else:
    import xlsxwriter
imported = time.perf_counter() - started
started = time.perf_counter()
if library == "openpyxl":
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("claims")
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header):
        letter = openpyxl.utils.get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = 60 if name in wrapped else 14
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in body:
        cells = []
        for name, value in zip(header, row):
            if name in numeric and value.isdigit():
                cell = WriteOnlyCell(sheet, value=int(value))
            else:
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
            cell.alignment = wrap if name in wrapped else top
            cells.append(cell)
        sheet.append(cells)
    book.save(target)
else:
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet("claims")
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    top = book.add_format({"valign": "top"})
    bold = book.add_format({"bold": True})
    for index, name in enumerate(header):
        sheet.set_column(index, index, 60 if name in wrapped else 14,
                         wrap if name in wrapped else top)
    sheet.freeze_panes(1, 0)
    for col, name in enumerate(header):
        sheet.write_string(0, col, name, bold)
    for number, row in enumerate(body, start=1):
        for col, (name, value) in enumerate(zip(header, row)):
            style = wrap if name in wrapped else top
            if name in numeric and value.isdigit():
                sheet.write_number(number, col, int(value), style)
            elif value:
                sheet.write_string(number, col, value, style)
    book.close()
wrote = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import": imported, "write": wrote, "peak_mb": peak}))
"""


def libreoffice_cells(xlsx: Path, work: Path) -> tuple[float, list[list[str]]]:
    """LibreOffice (headless) converts the spreadsheet to UTF-8 CSV: seconds, and its cells."""
    out = work / "lo"
    out.mkdir(exist_ok=True)
    profile = work / "lo-profile"
    started = time.perf_counter()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    took = time.perf_counter() - started
    (converted,) = out.glob(f"{xlsx.stem}*.csv")  # LibreOffice adds -SHEET
    with converted.open(encoding="utf-8", newline="") as handle:
        cells = list(csv.reader(handle))
    converted.unlink()
    return took, cells


def garbled(cells: list[list[str]], expected: list[list[str]]) -> tuple[int, int]:
    """(non-ASCII cells read differently, non-ASCII cells in all)."""
    non_ascii = [
        (row, col)
        for row, values in enumerate(expected)
        for col, value in enumerate(values)
        if any(ord(ch) > 127 for ch in value)
    ]
    wrong = sum(
        1
        for row, col in non_ascii
        if row >= len(cells) or col >= len(cells[row]) or cells[row][col] != expected[row][col]
    )
    return wrong, len(non_ascii)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-xlsx-") as folder:
        work = Path(folder)
        db = work / "desk.db"
        build_desk(db)
        with Store.open(db, "bench") as store:
            # Non-ASCII, a formula-looking note and a line break: what LibreOffice must keep.
            store.conn.execute(
                "UPDATE claims SET note = 'Quelle: Behörde «Straßen» — 45 € / ½ km\n=SUM(A1)'"
                " WHERE id % 5 = 0"
            )
            # Archived articles are never exported: the first --articles stay.
            store.conn.execute(
                "INSERT INTO article_desk (article_id, archived_at, archived_by) "
                "SELECT id, '2024-05-01', 'bench' FROM articles WHERE id > ?",
                (args.articles,),
            )
        with Store.open(db, "bench", read_only=True) as store:
            source = work / "claims.csv"
            times, ours = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                claims = export_csv(store, source)
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                export_checks(store, work / "ours.xlsx", "xlsx")
                ours.append(time.perf_counter() - started)
        with source.open(encoding="utf-8", newline="") as handle:
            expected = list(csv.reader(handle))
        print(f"{claims:,} claims, {len(CSV_COLUMNS)} columns; median of {args.runs} runs")
        print(f"  baseline, export_csv of the same claims: {ms(median(times))}")
        print(
            f"  factcheck's own export (--format xlsx, core/output/spreadsheet.py): "
            f"{ms(median(ours))}, {median(ours) / median(times):.1f}x the CSV"
        )
        for library in ("openpyxl", "xlsxwriter"):
            target = work / f"{library}.xlsx"
            results = []
            for _ in range(args.runs):
                done = subprocess.run(
                    [sys.executable, "-c", WRITER, library, str(source), str(target)],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=REPO,
                )
                results.append(json.loads(done.stdout))
            took, cells = libreoffice_cells(target, work)
            same = sum(
                1
                for row, want in zip(cells, expected, strict=False)
                for got, value in zip(row, want, strict=False)
                if got == value
            )
            total = sum(len(row) for row in expected)
            if library == "xlsxwriter":
                ours_cells = libreoffice_cells(work / "ours.xlsx", work)[1]
                wrong, total_non_ascii = garbled(ours_cells, expected)
                print(
                    f"  opened by LibreOffice, non-ASCII cells read wrong (of {total_non_ascii}):"
                )
                print(f"    factcheck's .xlsx: {wrong}")
                for label, flag in (("the CSV", ""), ("the CSV with --excel's BOM", "\ufeff")):
                    table = work / f"default{len(flag)}.csv"
                    table.write_bytes(flag.encode("utf-8") + source.read_bytes())
                    cells = libreoffice_cells(table, work)[1]
                    if flag and cells:
                        cells[0][0] = cells[0][0].removeprefix(flag)
                    # LibreOffice's own CSV import, as a double-click opens it (no options).
                    wrong = garbled(cells, expected)[0]
                    print(f"    {label}, LibreOffice's default import: {wrong}")
            print(
                f"  {library}: import {ms(median([r['import'] for r in results]))}, "
                f"write {ms(median([r['write'] for r in results]))}, "
                f"peak {median([r['peak_mb'] for r in results]):.0f} MB, "
                f"{target.stat().st_size / 1024:.0f} KB; LibreOffice to CSV {took:.1f} s, "
                f"{same:,} of {total:,} cells equal to the CSV's"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
