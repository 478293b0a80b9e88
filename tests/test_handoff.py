"""Issue #23's smaller hand-off items: the outlet column of `factcheck status`, export file
names ending at a whole word, and the publisher in the linked-reports column."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from factcheck_tui.core.desk.claim_checks import LinkReports
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_csv import default_export_name
from factcheck_tui.core.store import Store
from tests.test_cli import factcheck

BODY = "The council voted 7 to 2 on Monday to close the bridge. Repairs will cost $4.5 million."


def test_status_has_an_outlet_column(store: Store) -> None:
    for title, outlet in (
        ("Bridge", "Example News"),
        ("Budget", ""),
        ("Schools", "The Very Long Name Of A Regional Gazette"),
    ):
        parsed = parse_article_text(f"{title}: {BODY}", name=f"{title}.txt")
        import_article(store, replace(parsed, title=title, outlet=outlet, date="2020-01-19"))
    store.close()
    done = factcheck("status", "--db", str(store.path))
    assert done.returncode == 0, done.stderr
    header, *rows, _total = done.stdout.splitlines()
    column = header.index("outlet")
    assert header[column:].startswith("outlet            title")
    outlets = {row[column + 18 :].split()[0]: row[column : column + 16].rstrip() for row in rows}
    assert outlets == {
        "Bridge": "Example News",
        "Budget": "—",
        "Schools": "The Very Long N…",
    }


def test_export_names_end_at_a_whole_word() -> None:
    # The old cut at 50 characters made `…-rollout-in-nor.docx` (and `…-to-kill-.docx`).
    title = "Ten things to know about the vaccine rollout in Northern Ireland"
    name = default_export_name(title, "docx")
    assert name == "checked-claims-ten-things-to-know-about-the-vaccine-rollout-in.docx"
    title = "Five claims about the measures governments took to kill the virus, checked"
    name = default_export_name(title, "docx")
    assert name == "checked-claims-five-claims-about-the-measures-governments-took-to.docx"
    assert default_export_name("Ünïcode 北京 — «quotes»", "xlsx") == (
        "checked-claims-ünïcode-北京-quotes.xlsx"
    )
    assert default_export_name("x" * 80, "csv") == f"checked-claims-{'x' * 50}.csv"
    assert default_export_name("— !!", "csv") == "checked-claims.csv"
    assert default_export_name(None, "xlsx-facts") == "checked-facts.xlsx"


def test_linked_reports_name_their_publisher(sample_store: Store) -> None:
    sample_store.conn.executemany(
        "INSERT INTO reports (external_id, claim_text, rating, publisher, url, imported_at) "
        "VALUES (?, ?, ?, ?, ?, 'now')",
        [
            ("r1", "ISIS holds a handful of villages", "Mostly true", "AFP Fact Check",
             "https://factcheck.afp.com/r1"),
            ("r2", "54 killed in strike", "False", None, "https://other.example/r2"),
        ],
    )  # fmt: skip
    claim = sample_store.claims(1)[0]
    sample_store.apply(LinkReports([(claim.id, 1, 91.0), (claim.id, 2, 80.0)]))
    sample_store.close()
    exported = factcheck("export", "--db", str(sample_store.path))
    row = next(csv.DictReader(io.StringIO(exported.stdout)))
    assert row["linked_reports"].split("\n") == [
        "Mostly true — AFP Fact Check https://factcheck.afp.com/r1",
        "False https://other.example/r2",
    ]
