"""The TUI's export dialog under App.run_test(): each format, asking before replacing a
file, a folder outside the code checkout; and `y` copying the article's title and URL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
from textual.widgets import Input

from factcheck_tui.core.output.export_folder import code_checkout, export_folder
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.dialogs.confirm import ConfirmDialog
from factcheck_tui.tui.dialogs.export import ExportDialog

SIZE = (140, 40)
NAME = "checked-claims-isis-reduced-to-a-handful-of-holdouts-in-syria"


async def test_each_format_and_replace_only_when_confirmed(
    sample_store: Store, tmp_path: Path
) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "e")
        assert isinstance(app.screen, ExportDialog)
        box = app.screen.query_one("#export-path", Input)
        assert box.value == str(tmp_path / f"{NAME}.csv")  # the desk's folder
        await pilot.press("down")  # the spreadsheet: the proposed name follows the format
        assert box.value == str(tmp_path / f"{NAME}.xlsx")
        await pilot.press("down")  # the Word copy
        assert box.value == str(tmp_path / f"{NAME}.docx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        document = docx.Document(str(tmp_path / f"{NAME}.docx"))
        assert len(document.comments) == 1
        assert "Verdict: verified" in next(iter(document.comments)).text
        # HTML, then the same file again: asked before it is replaced; n keeps it.
        await pilot.press("e", "down", "down", "down", "enter")  # with the unchecked: asks first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = len(sample_store.claims(1))
        assert len(docx.Document(str(tmp_path / f"{NAME}.docx")).comments) == total
        await pilot.press("e", "down", "down", "down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = tmp_path / f"{NAME}.html"
        assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        report.write_text("the editor's copy", encoding="utf-8")
        await pilot.press("e", "down", "down", "down", "down", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert report.read_text(encoding="utf-8") == "the editor's copy"
        await pilot.press("e", "down", "down", "down", "down", "enter", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        # ClaimReview, after the report.
        await pilot.press("e", "down", "down", "down", "down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / f"{NAME}.json").read_text(encoding="utf-8").startswith("[")


async def test_article_list_exports_csv_of_all_and_a_copy_of_the_highlighted(
    sample_store: Store, tmp_path: Path
) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path", Input).value == str(
            tmp_path / "checked-claims.csv"
        )
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = list(csv.DictReader(io.StringIO((tmp_path / "checked-claims.csv").read_text())))
        assert len(rows) == len(sample_store.claims(1))
        await pilot.press("e", "down", "down", "down", "down", "enter")  # the highlighted's report
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (tmp_path / f"{NAME}.html").is_file()


def test_export_folder_is_never_the_code_checkout(tmp_path: Path) -> None:
    checkout = code_checkout()
    assert checkout is not None  # the tests run from the checkout (editable install)
    documents = Path.home() / "Documents"
    documents.mkdir(exist_ok=True)
    assert export_folder(checkout / "sample_db" / "sample.db") == documents
    assert export_folder(Path.home() / ".local" / "share" / "factcheck" / "demo.db") == documents
    assert export_folder(tmp_path / "desk.db") == tmp_path


async def test_copy_carries_the_article_title_and_url(store: Store) -> None:
    from factcheck_tui.core.intake.article_files import ParsedArticle
    from factcheck_tui.core.intake.importing import import_article

    import_article(
        store,
        ParsedArticle(
            title="Strike toll rises",
            body="The Observatory said 54 people died in the strike on Thursday.",
            url="https://news.example/strike",
        ),
    )
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "y")
        await pilot.pause()
        copied = app.clipboard
    lines = copied.split("\n")
    assert lines[0] == "The Observatory said 54 people died in the strike on Thursday."
    assert lines[1] == "Article: Strike toll rises — https://news.example/strike"
    assert lines[2].startswith("Status: verified (tester, 20")


async def test_checked_only_byte_order_mark_and_the_spreadsheet(
    sample_store: Store, tmp_path: Path
) -> None:
    """Issue #23: `c` (checked claims only) and `b` (the byte-order mark) in the dialog, as
    the CLI's --status checked and --excel; the spreadsheet from the same dialog."""
    import zipfile

    from textual.widgets import Label

    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "j", "u", "e")  # two checked claims of 15
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        options = dialog.query_one("#export-options", Label)
        assert str(options.render()).startswith("[ ] c checked claims only   [ ] b byte-order")
        await pilot.press("c", "b")
        assert str(options.render()).startswith("[x] c checked claims only   [x] b byte-order")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        data = (tmp_path / f"{NAME}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert [row["status"] for row in rows] == ["verified", "unverified"]
        assert any(
            "Exported 2 claims (checked claims only)" in str(n.message) for n in app._notifications
        )
        # The spreadsheet: the options are the dialog's own each time (off), c turns one on;
        # the byte-order mark says it is for the CSV only.
        await pilot.press("e", "down")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("c", "b")
        shown = str(dialog.query_one("#export-options", Label).render())
        assert "[x] b byte-order mark for Excel (CSV only)" in shown
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        with zipfile.ZipFile(tmp_path / f"{NAME}.xlsx") as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert sheet.count("<row ") == 3  # the header and the two checked claims


async def test_claimreview_from_the_dialog_warns_without_a_published_url(
    sample_store: Store, tmp_path: Path
) -> None:
    import json

    from factcheck_tui.core.config import Config
    from factcheck_tui.core.records.models import Organisation

    config = Config(organisation=Organisation("Desk Fact Check", "https://desk.example/"))
    app = FactcheckApp(sample_store, config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "e", *["down"] * 5, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (review,) = json.loads((tmp_path / f"{NAME}.json").read_text(encoding="utf-8"))
        assert review["author"]["name"] == "Desk Fact Check" and "url" not in review
        warned = [
            n for n in app._notifications if "without the url Google requires" in str(n.message)
        ]
        assert warned and warned[0].severity == "warning"
