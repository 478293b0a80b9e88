"""A report's identity includes who published it (issue #10): another publisher's file never
replaces a report a claim is linked to; several ClaimReviews on one page are all kept; and when
the same publisher updates a linked report, the link keeps what the checker saw and the claim
says the report changed since."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

from factcheck_tui.core.db.schema import SCHEMA_VERSION
from factcheck_tui.core.desk.claim_checks import LinkReports, UnlinkReport
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article_base import claim_detail

FIXTURES = Path(__file__).resolve().parent / "fixtures"

AFP_CSV = (
    "id,claim,rating,publisher,url,date\n"
    "1,Airstrike near Abu Kamal killed 54 people including 28 civilians,True,AFP Fact Check,"
    "https://factcheck.afp.com/strike-abu-kamal,2018-07-14\n"
    "2,ISIS holds only a handful of villages in eastern Syria,Mostly true,AFP Fact Check,"
    "https://factcheck.afp.com/isis-holdouts,2018-07-15\n"
)
OTHER_PUBLISHER_JSONL = (
    json.dumps(
        {
            "id": "1",
            "claim": "Vaccines contain microchips",
            "rating": "False",
            "publisher": "Check Your Fact",
            "url": "https://checkyourfact.example/microchips",
        }
    )
    + "\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def link_first_claim_to_afp_1(store: Store) -> int:
    report_id = store.conn.execute(
        "SELECT id FROM reports WHERE external_id = '1' AND publisher = 'AFP Fact Check'"
    ).fetchone()[0]
    claim = store.claims(1)[0]
    assert store.apply(LinkReports([(claim.id, report_id, 91.0)]))
    return claim.id


def exported(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    export_csv(store, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


async def copied_in_tui(store: Store) -> tuple[str, str]:
    """What `y` copies on the first claim, and the claim's detail panel as shown."""
    from textual.widgets import Static

    app = FactcheckApp(store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        content = app.screen.query_one("#claim-detail", Static).content
        return app.clipboard, getattr(content, "plain", str(content))


async def test_another_publishers_file_with_clashing_ids_never_replaces_a_linked_report(
    sample_store: Store, tmp_path: Path
) -> None:
    first = import_reports(sample_store, write(tmp_path / "afp.csv", AFP_CSV))
    assert first.imported == 2
    claim_id = link_first_claim_to_afp_1(sample_store)
    second = import_reports(sample_store, write(tmp_path / "cyf.jsonl", OTHER_PUBLISHER_JSONL))
    assert (second.imported, second.updated, second.unchanged, second.skipped) == (1, 0, 0, 0)
    linked = sample_store.claim(claim_id).linked_reports
    assert [(r.publisher, r.url) for r in linked] == [
        ("AFP Fact Check", "https://factcheck.afp.com/strike-abu-kamal")
    ]
    assert not linked[0].changed_since_linked
    assert sample_store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
    row = next(r for r in exported(sample_store) if r["claim_id"] == str(claim_id))
    assert row["linked_reports"] == (
        "True — AFP Fact Check https://factcheck.afp.com/strike-abu-kamal"
    )
    clipboard, shown = await copied_in_tui(sample_store)
    assert "AFP Fact Check https://factcheck.afp.com/strike-abu-kamal" in clipboard
    assert "microchips" not in clipboard
    assert "linked: True · AFP Fact Check" in shown and "microchips" not in shown


def test_a_file_without_a_publisher_is_its_own_namespace(store: Store, tmp_path: Path) -> None:
    plain = "id,claim,rating\n1,The river flooded 12 villages,False\n"
    assert import_reports(store, write(tmp_path / "desk-a.csv", plain)).imported == 1
    assert import_reports(store, write(tmp_path / "desk-b.csv", plain)).imported == 1
    assert import_reports(store, write(tmp_path / "desk-a.csv", plain)).unchanged == 1


def test_four_claimreviews_on_one_page_without_ids_are_all_kept(
    store: Store, tmp_path: Path
) -> None:
    reviews = [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://fullfact.example/roundup-2024-05-03",
            "claimReviewed": claim,
            "author": {"@type": "Organization", "name": "Full Fact"},
            "reviewRating": {"@type": "Rating", "alternateName": rating},
        }
        for claim, rating in [
            ("Crime has doubled since 2010", "Incorrect"),
            ("The NHS has 50,000 more nurses", "Misleading"),
            ("Energy bills fell by a third", "Correct"),
            ("Half of councils are bankrupt", "Incorrect"),
        ]
    ]
    page = write(
        tmp_path / "roundup.html",
        '<html><head><script type="application/ld+json">'
        + json.dumps({"@context": "https://schema.org", "@graph": reviews})
        + "</script></head><body>Round-up</body></html>",
    )
    assert import_reports(store, page).imported == 4
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 4
    again = import_reports(store, page)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 4)


async def test_a_linked_report_updated_by_its_publisher_keeps_what_the_checker_saw(
    sample_store: Store, tmp_path: Path
) -> None:
    import_reports(sample_store, write(tmp_path / "afp.csv", AFP_CSV))
    claim_id = link_first_claim_to_afp_1(sample_store)
    corrected = AFP_CSV.replace(
        "killed 54 people including 28 civilians,True",
        "killed 54 people including 12 civilians,Mostly false",
    )
    update = import_reports(sample_store, write(tmp_path / "afp.csv", corrected))
    assert (update.imported, update.updated, update.unchanged) == (0, 1, 1)
    report = sample_store.claim(claim_id).linked_reports[0]
    assert (report.rating, report.claim_text) == (
        "True",
        "Airstrike near Abu Kamal killed 54 people including 28 civilians",
    )
    assert report.changed_since_linked
    assert report.changes() == [
        "rating now Mostly false",
        "claim now “Airstrike near Abu Kamal killed 54 people including 12 civilians”",
    ]
    detail = claim_detail(sample_store.claim(claim_id), sample_store.scale).plain
    assert "linked: True · AFP Fact Check" in detail
    assert "report changed since linked: rating now Mostly false" in detail
    row = next(r for r in exported(sample_store) if r["claim_id"] == str(claim_id))
    assert row["linked_reports"] == (
        "True — AFP Fact Check https://factcheck.afp.com/strike-abu-kamal "
        "(report changed since linked: now Mostly false)"
    )
    clipboard, shown = await copied_in_tui(sample_store)
    assert "Prior fact-check: True — AFP Fact Check" in clipboard
    assert "report changed since linked: rating now Mostly false" in clipboard
    assert "report changed since linked: rating now Mostly false" in shown
    # Unlink, then undo: the link comes back as it was seen, not as the report is now.
    assert sample_store.apply(UnlinkReport(claim_id, report.report_id))
    sample_store.undo(1)
    restored = sample_store.claim(claim_id).linked_reports[0]
    assert restored.rating == "True" and restored.changed_since_linked


def test_a_schema_1_desk_migrates_its_reports_and_links(tmp_path: Path) -> None:
    """The v1 fixture, given a publisher's report, a URL-only report and a link as schema 1
    stored them: after opening, each report has its identity, the link a snapshot of what
    the report said, and every mark is kept."""
    db = tmp_path / "schema_v1.db"
    shutil.copyfile(FIXTURES / "schema_v1.db", db)
    conn = sqlite3.connect(db)
    conn.executemany(
        "INSERT INTO reports (external_id, claim_text, rating, publisher, url, source_file, "
        "imported_at) VALUES (?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z')",
        [
            (
                "1",
                "Airstrike killed 54",
                "True",
                "AFP Fact Check",
                "https://afp.example/1",
                "a.csv",
            ),
            (
                "https://x.example/2",
                "Bridge opens in 2026",
                "False",
                "",
                "https://x.example/2",
                "b.csv",
            ),
        ],
    )
    claim_id = conn.execute("SELECT min(id) FROM claims").fetchone()[0]
    conn.execute(
        "INSERT INTO claim_reports (claim_id, report_id, score, linked_by, linked_at) "
        "VALUES (?, 1, 88.0, 'amira', '2024-01-02T00:00:00Z')",
        (claim_id,),
    )
    conn.commit()
    conn.close()
    with Store.open(db, "reader") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        identities = [
            row[0] for row in store.conn.execute("SELECT identity FROM reports ORDER BY id")
        ]
        assert identities == [
            "publisher:afp fact check\u241f1",
            "file:b.csv\u241fhttps://x.example/2",
        ]
        (linked,) = store.claim(claim_id).linked_reports
        assert (linked.rating, linked.claim_text) == ("True", "Airstrike killed 54")
        assert not linked.changed_since_linked
        assert store.claims(1)[0].status == "verified"  # the fixture's marks are kept
    # Another publisher's id 1 is a new report now; the link still shows AFP's.
    other = write(tmp_path / "cyf.jsonl", OTHER_PUBLISHER_JSONL)
    with Store.open(db, "reader") as store:
        assert import_reports(store, other).imported == 1
        (linked,) = store.claim(claim_id).linked_reports
        assert linked.publisher == "AFP Fact Check"
