"""The checked-claims CSV, read back with the csv module."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.desk.claim_list import EditText
from factcheck_tui.core.desk.shown_claims import SetDismissed
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.output.checked_csv import CSV_COLUMNS, export_csv, write_atomically
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.store import Store
from tests.tmux_driver import factcheck_command


def read_back(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rows_carry_status_note_sources_and_checker(sample_store: Store, tmp_path: Path) -> None:
    claims = sample_store.claims(1)
    first = claims[0]
    sample_store.apply(Mark([first.id], "verified"))
    note = 'SOHR said "54", not 45,\nper its 13 July statement'
    sample_store.apply(SetNote(first.id, note))
    sample_store.apply(
        AddSource(
            first.id,
            kind="url",
            reference="https://example.org/sohr",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    sample_store.apply(
        AddSource(
            first.id,
            kind="person",
            reference="Rami Abdulrahman, SOHR",
            tier="secondary",
            consulted_on="2018-07-15",
        )
    )
    out = tmp_path / "checked.csv"
    assert export_csv(sample_store, out) == len(claims)
    rows = read_back(out)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["claim_text"] == first.text
    assert rows[0]["status"] == "verified"
    assert rows[0]["note"] == note
    assert rows[0]["sources"].split("\n") == [
        "primary url https://example.org/sohr (consulted 2018-07-14)",
        "secondary person Rami Abdulrahman, SOHR (consulted 2018-07-15)",
    ]
    assert rows[0]["checker"] == "tester"
    assert rows[0]["checked_at"].startswith("20")
    assert rows[0]["article_date"] == "2018-07-13"
    assert rows[1]["status"] == "unchecked"
    assert rows[1]["checked_at"] == ""


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_formula_cells_are_neutralised(sample_store: Store, tmp_path: Path, dangerous: str) -> None:
    claim = sample_store.claims(1)[0]
    sample_store.apply(SetNote(claim.id, dangerous))
    out = tmp_path / "checked.csv"
    export_csv(sample_store, out)
    note = read_back(out)[0]["note"]
    assert note == "'" + dangerous


def test_filters_by_article_and_status(sample_store: Store) -> None:
    first = sample_store.claims(1)[0]
    sample_store.apply(Mark([first.id], "unverified"))
    stream = io.StringIO()
    export_csv(sample_store, stream, status="unverified", article_id=1)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [row["claim_id"] for row in rows] == [str(first.id)]


def test_status_checked_exports_every_claim_with_a_verdict(sample_store: Store) -> None:
    first, second = sample_store.claims(1)[:2]
    sample_store.apply(Mark([first.id], "verified"))
    sample_store.apply(Mark([second.id], "unverified"))
    stream = io.StringIO()
    export_csv(sample_store, stream, status="checked")
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [(row["claim_id"], row["status"]) for row in rows] == [
        (str(first.id), "verified"),
        (str(second.id), "unverified"),
    ]


def test_unknown_status_writes_nothing_to_standard_output(
    sample_store: Store, tmp_path: Path
) -> None:
    sample_store.close()
    result = subprocess.run(
        [factcheck_command(), "export", "--db", str(sample_store.path), "--status", "bogus"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout == ""  # not even the header: the status is refused first
    assert result.stderr.count("\n") == 1 and "unknown status 'bogus'" in result.stderr


def test_failed_export_leaves_the_earlier_file_intact(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "checked.csv"
    out.write_text("the export the editor already has\n")

    def broken(stream: io.TextIOBase) -> int:
        stream.write("half a row")
        raise OSError(28, "No space left on device")

    with pytest.raises(FactcheckError, match="No space left on device"):
        write_atomically(out, broken)  # type: ignore[arg-type]
    assert out.read_text() == "the export the editor already has\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "checked.csv",
        "desk.db",
        "desk.db-shm",
        "desk.db-wal",
    ]


def test_export_to_missing_folder_is_one_clear_error(sample_store: Store, tmp_path: Path) -> None:
    with pytest.raises(FactcheckError, match="does not exist"):
        export_csv(sample_store, tmp_path / "nowhere" / "x.csv")


def test_long_export_reports_progress_and_cancels_cleanly(store: Store, tmp_path: Path) -> None:
    from factcheck_tui.core.output.checked_csv import PROGRESS_EVERY, ExportCancelled

    body = " ".join(
        f"The council spent {n} dollars on road {n}, the mayor said."
        for n in range(1, 2 * PROGRESS_EVERY + 2)
    )
    claims = []
    for n in range(1, 2 * PROGRESS_EVERY + 2):
        text = f"The council spent {n} dollars on road {n}, the mayor said."
        start = body.index(text)
        claims.append(
            {"text": text, "start": start, "end": start + len(text), "score": 0.9, "reasons": ()}
        )
    store.apply(ImportArticle(title="Roads", body=body, claims=claims))
    seen: list[tuple[int, int]] = []
    out = tmp_path / "all.csv"
    assert export_csv(store, out, on_progress=lambda d, t: seen.append((d, t))) == len(claims)
    assert seen == [(PROGRESS_EVERY, len(claims)), (2 * PROGRESS_EVERY, len(claims))]
    out.write_text("earlier export\n")
    with pytest.raises(ExportCancelled):
        export_csv(store, out, on_progress=lambda d, t: None, should_cancel=lambda: True)
    assert out.read_text() == "earlier export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_editor_columns_url_outlet_reworded_and_date_time(store: Store, tmp_path: Path) -> None:
    from factcheck_tui.core.intake.article_files import ParsedArticle
    from factcheck_tui.core.intake.importing import import_article

    import_article(
        store,
        ParsedArticle(
            title="Strike toll",
            body="The Observatory said 54 people died in the strike on Thursday.\n\n"
            "The coalition said it conducted 12 strikes near al-Sousa on 12 July.",
            url="https://news.example/strike",
            outlet="Example News",
        ),
    )
    first, second = store.claims(1)[:2]
    store.apply(Mark([first.id], "verified"))
    store.apply(EditText(second.id, "The coalition conducted twelve strikes"))
    out = tmp_path / "checked.csv"
    export_csv(store, out)
    rows = read_back(out)
    assert rows[0]["article_url"] == "https://news.example/strike"
    assert rows[0]["article_outlet"] == "Example News"
    assert (rows[0]["reworded"], rows[1]["reworded"]) == ("", "yes")
    # What a spreadsheet reads as a date and time: `YYYY-MM-DD HH:MM:SS`, UTC.
    assert re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d", rows[0]["checked_at"])
    stored = store.claim(first.id).checked_at
    assert rows[0]["checked_at"] == stored[:19].replace("T", " ")
    assert rows[0]["suggested_correction"] == ""


def test_dismissed_claims_only_when_asked(sample_store: Store, tmp_path: Path) -> None:

    claims = sample_store.claims(1)
    sample_store.apply(SetDismissed([claims[1].id], True))
    shown = tmp_path / "shown.csv"
    export_csv(sample_store, shown)
    assert str(claims[1].id) not in [row["claim_id"] for row in read_back(shown)]
    everything = tmp_path / "all.csv"
    assert export_csv(sample_store, everything, include_dismissed=True) == len(claims)
    rows = {row["claim_id"]: row for row in read_back(everything)}
    assert rows[str(claims[1].id)]["dismissed"] == "yes"
    assert rows[str(claims[1].id)]["status"] == "unchecked"
    assert rows[str(claims[0].id)]["dismissed"] == ""


def test_excel_flag_writes_a_byte_order_mark(sample_store: Store, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            factcheck_command(),
            "export",
            "--db",
            str(sample_store.path),
            "--excel",
            "-o",
            str(tmp_path / "excel.csv"),
            "--include-dismissed",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfarticle_id,")
    with (tmp_path / "excel.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == CSV_COLUMNS
    plain = export_csv(sample_store, tmp_path / "plain.csv")
    assert plain and (tmp_path / "plain.csv").read_bytes().startswith(b"article_id,")


def test_a_flag_of_another_format_is_one_clear_error(sample_store: Store, tmp_path: Path) -> None:
    result = subprocess.run(
        [factcheck_command(), "export", "--db", str(sample_store.path), "--format", "html",
         "--excel", "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "factcheck: --excel is for --format csv\n"
    assert not (tmp_path / "r.html").exists()
