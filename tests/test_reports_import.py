"""Importing prior fact-check reports: every format, malformed rows, re-imports, bad files,
progress and cancel, and the `factcheck reports import` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_tui.cli import main
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.report_files.importing import (
    import_reports,
    rebuild_search_index,
    upsert_reports,
)
from factcheck_tui.core.report_files.rows import ReportRecord, external_id_for
from factcheck_tui.core.store import Store
from tests.conftest import SNOPES

SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "sample_db" / "prior_reports.jsonl"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "t.db", "tester")
    yield opened
    opened.close()


def rows(store: Store) -> dict[str, tuple[str, ...]]:
    """external_id → (claim_text, rating, publisher, url, date, title, language)."""
    return {
        row[0]: tuple(row[1:])
        for row in store.conn.execute(
            "SELECT external_id, claim_text, rating, publisher, url, date, title, language "
            "FROM reports"
        )
    }


def term_counts(store: Store) -> dict[str, int]:
    return dict(store.conn.execute("SELECT term, df FROM report_terms").fetchall())


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


# -------------------------------------------------------------------- CSV and TSV
def test_csv_headers_are_mapped_case_insensitively_and_bad_rows_named(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "reports.csv",
        "ID,Claim_Reviewed,Verdict,Site,URL,Date,Title,Language\n"
        '1,"Air strike killed 54, incl. 28 civilians",False,Desk,https://example.org/1,'
        "2018-07-13,Strike,en\n"
        "2,,True,Desk,https://example.org/2,2018-07-13,No claim,en\n"
        "3,Too few fields,True\n"
        '4,"Syria, ""quoted"" claim",Half true,Desk,https://example.org/4,,,\n',
    )
    summary = import_reports(store, path)
    assert (summary.imported, summary.updated, summary.skipped) == (2, 0, 2)
    assert summary.format == "csv"
    assert summary.problems == (
        "line 3: no claim text",
        "line 4: 3 fields where the header has 8",
    )
    found = rows(store)
    assert found["1"] == (
        "Air strike killed 54, incl. 28 civilians",
        "False",
        "Desk",
        "https://example.org/1",
        "2018-07-13",
        "Strike",
        "en",
    )
    assert found["4"][0] == 'Syria, "quoted" claim'
    assert "2 imported, 0 updated, 0 unchanged, 2 skipped" in summary.describe()


def test_tsv_with_quoted_newlines_keeps_line_numbers(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path / "reports.tsv",
        "text\tlabel\tauthor\tlink\n"
        '"A claim that runs\nover two lines"\tFalse\tDesk\thttps://example.org/a\n'
        "bad\trow\n"
        "Another claim\tTrue\tDesk\thttps://example.org/b\n",
    )
    summary = import_reports(store, path)
    assert summary.imported == 2
    assert summary.problems == ("line 4: 2 fields where the header has 4",)
    # The URL is the external id when the file has none.
    assert rows(store)["https://example.org/a"][0] == "A claim that runs over two lines"


def test_csv_without_a_claim_column_is_refused(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "name,age\nAda,36\n")
    with pytest.raises(InputError, match="no claim column") as error:
        import_reports(store, path)
    assert "\n" not in str(error.value)


def test_utf16_spreadsheet_export_is_read(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "excel.tsv", "\ufeffclaim\trating\nCafé claim\tFalse\n", "utf-16")
    assert import_reports(store, path).imported == 1
    assert next(iter(rows(store).values()))[0] == "Café claim"


# ------------------------------------------------------------------- JSON Lines
def test_json_lines_flat_claimreview_and_bad_lines(store: Store, tmp_path: Path) -> None:
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "The ceasefire in Daraa includes ISIS.",
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Example Desk"},
        "url": "https://example.org/daraa",
        "datePublished": "2018-07-12",
    }
    path = write(
        tmp_path / "reports.jsonl",
        json.dumps({"claim": "Flat claim", "rating": "True", "id": "f1"})
        + "\n"
        + "{not json\n"
        + json.dumps(review)
        + "\n\n"
        + json.dumps(["a", "list"])
        + "\n"
        + json.dumps({"rating": "True"})
        + "\n",
    )
    summary = import_reports(store, path)
    assert summary.format == "jsonl"
    assert summary.imported == 2
    assert [p.split(":")[0] for p in summary.problems] == ["line 2", "line 5", "line 6"]
    found = rows(store)
    assert found["https://example.org/daraa"][:3] == (
        "The ceasefire in Daraa includes ISIS.",
        "False",
        "Example Desk",
    )
    assert found["f1"][:2] == ("Flat claim", "True")


def test_sample_reports_import_cleanly(store: Store) -> None:
    summary = import_reports(store, SAMPLE_REPORTS)
    assert summary.imported >= 25 and summary.skipped == 0
    for _claim, _rating, publisher, url, *_ in rows(store).values():
        assert "(illustrative)" in publisher
        assert url.startswith("https://example.org/")


# ----------------------------------------------------------------------- JSON-LD
def claim_review(number: int) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": f"Claim number {number} about Idlib",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "Misleading"},
        "author": [{"@type": "Organization", "name": "Desk A"}],
        "url": f"https://example.org/review/{number}",
        "datePublished": f"2018-07-0{number}",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Person"}},
    }


@pytest.mark.parametrize(
    "document",
    [
        claim_review(1),
        [claim_review(1), claim_review(2)],
        {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, claim_review(1)]},
    ],
    ids=["object", "list", "graph"],
)
def test_claimreview_json_ld(store: Store, tmp_path: Path, document: object) -> None:
    path = write(tmp_path / "review.json", json.dumps(document, indent=2))
    summary = import_reports(store, path)
    assert summary.format == "json" and summary.skipped == 0
    first = rows(store)["https://example.org/review/1"]
    assert first[:5] == (
        "Claim number 1 about Idlib",
        "Misleading",
        "Desk A",
        "https://example.org/review/1",
        "2018-07-01",
    )
    claimant = store.conn.execute(
        "SELECT claimant FROM reports WHERE external_id = 'https://example.org/review/1'"
    ).fetchone()[0]
    assert claimant == "A. Person"


def test_html_page_with_json_ld(store: Store, tmp_path: Path) -> None:
    page = (
        "<html><head><script type='application/ld+json'>"
        + json.dumps(claim_review(3))
        + "</script></head><body>[not markup]</body></html>"
    )
    assert import_reports(store, write(tmp_path / "page.html", page)).imported == 1


def test_fact_check_tools_response_one_report_per_review(store: Store, tmp_path: Path) -> None:
    response = {
        "claims": [
            {
                "text": "54 people were killed in an air strike near al-Sousa",
                "claimant": "Social media posts",
                "claimDate": "2018-07-12T00:00:00Z",
                "claimReview": [
                    {
                        "publisher": {"name": "Desk A", "site": "a.example.org"},
                        "url": "https://a.example.org/sousa",
                        "title": "Strike near al-Sousa",
                        "reviewDate": "2018-07-13T00:00:00Z",
                        "textualRating": "Mostly true",
                        "languageCode": "en",
                    },
                    {
                        "publisher": {"site": "b.example.org"},
                        "url": "https://b.example.org/sousa",
                        "textualRating": "Vrai",
                        "languageCode": "fr",
                    },
                ],
            },
            {"text": "A claim nobody reviewed", "claimant": "Someone"},
        ],
        "nextPageToken": "abc",
    }
    path = write(tmp_path / "claims_search.json", json.dumps(response))
    summary = import_reports(store, path)
    assert (summary.imported, summary.skipped) == (2, 1)
    assert summary.problems == ("claims[1]: claim has no claimReview",)
    found = rows(store)
    assert found["https://a.example.org/sousa"] == (
        "54 people were killed in an air strike near al-Sousa",
        "Mostly true",
        "Desk A",
        "https://a.example.org/sousa",
        "2018-07-13T00:00:00Z",
        "Strike near al-Sousa",
        "en",
    )
    assert found["https://b.example.org/sousa"][1:3] == ("Vrai", "b.example.org")
    claimant = store.conn.execute("SELECT DISTINCT claimant FROM reports").fetchall()
    assert claimant == [("Social media posts",)]


# ------------------------------------------------------------------- re-imports
def test_reimport_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    write(
        path,
        "claim,rating,url\nOne claim about Daraa,False,https://e.org/1\n"
        "Two claim about Idlib,True,https://e.org/2\nThree claim,True,\n",
    )
    assert import_reports(store, path).imported == 3
    before = term_counts(store)
    write(
        path,
        "claim,rating,url\nOne claim about Daraa,Mostly false,https://e.org/1\n"
        "Two claims about Raqqa,True,https://e.org/2\nThree claim,True,\n",
    )
    summary = import_reports(store, path)
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 2, 1)
    assert len(rows(store)) == 3
    assert rows(store)["https://e.org/1"][1] == "Mostly false"
    counts = term_counts(store)
    assert counts[" docs"] == 3 and "idlib" not in counts and counts["raqqa"] == 1
    assert counts["daraa"] == before["daraa"]
    # The incremental counts are what a full recount gives.
    rebuild_search_index(store)
    assert term_counts(store) == counts
    hits = store.conn.execute(
        "SELECT rowid FROM reports_fts WHERE reports_fts MATCH '\"raqqa\"'"
    ).fetchall()
    assert len(hits) == 1


def test_external_id_falls_back_to_url_then_a_hash(store: Store) -> None:
    assert external_id_for(" own ", "https://e.org", "c", "p") == "own"
    assert external_id_for("", " https://e.org ", "c", "p") == "https://e.org"
    hashed = external_id_for("", "", "A  Claim", "Desk")
    assert hashed.startswith("sha1:") and hashed == external_id_for("", "", "a claim", "desk")
    record = ReportRecord(hashed, "A claim", publisher="Desk")
    assert upsert_reports(store, [record]) == (1, 0, 0)
    assert upsert_reports(store, [record]) == (0, 0, 1)


# -------------------------------------------------------------------- bad files
def test_bad_files_raise_one_clear_line(store: Store, tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("claim,rating\nCaf\xe9 claim,False\n".encode("latin-1"))
    not_json = write(tmp_path / "broken.json", "claim,rating\nx,y\n")
    json_as_csv = write(tmp_path / "data.csv", '{"claim": "x"}\n{"claim": "y"}\n')
    cases = {
        tmp_path / "missing.csv": "no such file",
        tmp_path: "folder",
        binary: "binary",
        latin1: "not UTF-8",
        not_json: "not JSON",
        json_as_csv: "holds JSON",
        write(tmp_path / "empty.jsonl", "  \n"): "empty",
        write(tmp_path / "odd.json", '{"hello": 1}'): "not reports",
    }
    for path, expected in cases.items():
        with pytest.raises(InputError, match=expected) as error:
            import_reports(store, path)
        assert "\n" not in str(error.value)
    assert rows(store) == {}


def test_bad_bytes_past_the_sniffed_head_keep_earlier_batches(store: Store, tmp_path: Path) -> None:
    good = "".join(
        f"Claim number {i} about the Badiya desert,https://e.org/{i}\n" for i in range(2000)
    )
    path = tmp_path / "late.csv"
    path.write_bytes(("claim,url\n" + good).encode() + b"Caf\xe9 claim,https://e.org/x\n")
    with pytest.raises(InputError, match="not UTF-8 text part-way") as error:
        import_reports(store, path, batch_size=100)
    imported = len(rows(store))
    assert 0 < imported < 2000 and imported % 100 == 0
    assert f"the {imported} reports before that were imported" in str(error.value)


# ------------------------------------------------------------ progress, cancel
def test_progress_and_cancel_keep_whole_batches(store: Store, tmp_path: Path) -> None:
    lines = ["claim,id"] + [f"Claim number {i} about Syria,{i}" for i in range(25)]
    path = write(tmp_path / "many.csv", "\n".join(lines) + "\n")
    seen: list[tuple[int, int]] = []
    summary = import_reports(
        store,
        path,
        batch_size=10,
        on_progress=lambda done, total: seen.append((done, total)),
        should_cancel=lambda: len(seen) >= 2,
    )
    assert summary.cancelled and summary.imported == 20
    assert "cancelled" in summary.describe()
    assert len(rows(store)) == 20 and term_counts(store)[" docs"] == 20
    assert all(total == path.stat().st_size for _, total in seen)
    # Importing again finishes the job.
    seen.clear()
    again = import_reports(store, path, batch_size=10, on_progress=lambda d, t: seen.append((d, t)))
    assert (again.imported, again.unchanged, again.cancelled) == (5, 20, False)
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


# ------------------------------------------------------------------------- CLI
def test_cli_imports_good_files_and_names_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.db"
    bad = write(tmp_path / "bad.json", "{oops")
    code = main(["reports", "import", str(SAMPLE_REPORTS), str(bad), "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "prior_reports.jsonl (JSON Lines):" in out and "imported" in out
    assert "bad.json" in err and "1 of 2 files could not be imported" in err
    with Store.open(db, "reader", read_only=True) as reader:
        assert reader.conn.execute("SELECT count(*) FROM reports").fetchone()[0] >= 25


# ------------------------------------------------- no row lost: a stray quote costs one row


def snopes_claims(count: int) -> list[tuple[str, str]]:
    """(claim, title) of the first `count` real Snopes fact-checks (CheckThat! 2020 task 2)."""
    import csv

    if not SNOPES.exists():
        pytest.skip(f"the evaluation data is not here ({SNOPES})")
    with SNOPES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        found = [(row["vclaim"], row["title"]) for row in reader if row["vclaim"].strip()]
    assert len(found) >= count
    return found[:count]


def test_the_checkthat_verified_claims_file_imports_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CLEF CheckThat!'s verified-claims file (an unnamed index column, `vclaim`, `title`)
    imports without a rename: its 1,000 first real Snopes fact-checks, titles included, each
    its own report (the index is the id: the file repeats some claim texts)."""
    if not SNOPES.exists():
        pytest.skip(f"the evaluation data is not here ({SNOPES})")
    part = tmp_path / "verified_claims.docs.tsv"
    with SNOPES.open(encoding="utf-8", newline="") as handle:
        part.write_text("".join(next(handle) for _ in range(1001)), encoding="utf-8")
    db = tmp_path / "desk.db"
    assert main(["reports", "import", str(part), "--db", str(db)]) == 0
    assert "1000 imported, 0 updated" in capsys.readouterr().out
    first_claim, first_title = snopes_claims(1)[0]
    with Store.open(db, "reader", read_only=True) as reader:
        assert reader.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1000
        row = reader.conn.execute(
            "SELECT title FROM reports WHERE claim_text = ?", (first_claim,)
        ).fetchone()
    assert row == (first_title,)


def report_csv(path: Path, count: int, stray_in_row: int | None) -> Path:
    """`count` reports as a spreadsheet writes them (the csv module quotes what needs it),
    real Snopes claims (repeated, with fresh ids, past the file's 10,373); row `stray_in_row`
    (1 = the first after the header) gets an opening quote that is never closed."""
    import csv
    import io

    claims = snopes_claims(5000)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "claim", "rating", "publisher", "url", "title"])
    for number in range(1, count + 1):
        claim, title = claims[(number - 1) % len(claims)]
        url = f"https://www.snopes.com/fact-check/{number}"
        if number == stray_in_row:
            out.write(f'{number},"{claim.replace(chr(34), "")},False,Snopes,{url},A title\n')
            continue
        writer.writerow([number, claim, "False", "Snopes", url, title])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("count", [5000, 20000])
def test_a_stray_quote_in_row_3_costs_that_row_only(
    store: Store, tmp_path: Path, count: int
) -> None:
    path = report_csv(tmp_path / "snopes.csv", count, stray_in_row=3)
    summary = import_reports(store, path)
    assert summary.skipped == 1
    assert summary.imported == count - 1
    assert summary.imported + summary.updated + summary.unchanged + summary.skipped == count
    assert len(summary.problems) == 1 and summary.problems[0].startswith("line 4: ")
    assert "stray quote" in summary.problems[0]
    stored = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert stored == count - 1
    # The rows right after the broken one are whole (not glued to it).
    glued = store.conn.execute(
        "SELECT count(*) FROM reports WHERE external_id IN ('2', '4', '5') AND claim_text "
        "NOT LIKE '%Snopes%'"
    ).fetchone()[0]
    assert glued == 3


def test_cli_names_the_skipped_row_and_exits_non_zero_with_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = report_csv(tmp_path / "snopes.csv", 5000, stray_in_row=3)
    code = main(["reports", "import", str(path), "--db", str(tmp_path / "desk.db")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "4999 imported, 0 updated, 0 unchanged, 1 skipped" in out
    assert "snopes.csv: line 4:" in err
    assert err.strip().splitlines()[-1] == "factcheck: 1 row skipped (named above by line)"


def test_a_quote_that_pairs_with_a_later_one_costs_one_row_and_a_line_each(
    store: Store, tmp_path: Path
) -> None:
    """The stray quote meets the next row's quoted field: the glued record is given up line
    by line, so the rows after it land."""
    path = write(
        tmp_path / "mixed.csv",
        "id,claim,rating\n"
        '1,"A well-quoted claim, with a comma",False\n'
        '2,"Stray opening quote,True\n'
        '3,"Next claim, quoted",False\n'
        "4,Plain claim,True\n"
        '5,"A claim that runs\nover two lines",False\n',
    )
    summary = import_reports(store, path)
    assert (summary.imported, summary.skipped) == (4, 1)
    assert summary.problems[0].startswith("line 3: ")
    assert set(rows(store)) == {"1", "3", "4", "5"}
    assert rows(store)["5"][0] == "A claim that runs over two lines"


async def test_the_tui_import_dialog_names_the_skipped_row(store: Store, tmp_path: Path) -> None:
    from textual.widgets import Input

    from factcheck_tui.tui.app import FactcheckApp

    path = report_csv(tmp_path / "snopes.csv", 200, stray_in_row=3)
    app = FactcheckApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("I")
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [(str(n.message), n.severity) for n in app._notifications]
    summary = next((n for n in notes if "199 imported" in n[0]), None)
    assert summary is not None, notes
    assert "1 skipped" in summary[0] and "skipped line 4: " in summary[0]
    assert summary[1] == "warning"
