"""Hostile input: any Unicode through extraction, any text through the CSV, terminal control
sequences and markup in articles and notes, SQL in every text field.

Text is data everywhere: it is split without raising, exported exactly (formula cells
neutralised), shown on screen as text and never run by the terminal, and stored as typed.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.extraction.extract import extract
from factcheck_tui.core.extraction.segment import split_sentences
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import ImportArticle, import_article
from factcheck_tui.core.output.checked_csv import FORMULA_TRIGGERS, export_csv, neutralise
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from tests.tmux_driver import TmuxSession, factcheck_command

SIZE = (140, 40)
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

# Characters that break naive text handling: right-to-left letters and marks, bidi
# overrides, combining marks, emoji with joiners and skin tones, NUL and other controls,
# every kind of sentence end and paragraph break, abbreviations and decimals.
SPICY = [
    "مرحبا",
    "שלום",
    "\u200f",
    "\u202e",
    "\u2066",
    "\u0301",
    "e\u0301\u0327",
    "\u0e01\u0e34",
    "👩\u200d👩\u200d👧",
    "👍🏽",
    "🇸🇾",
    "\x00",
    "\x1b",
    "\x07",
    "\ufeff",
    "\u00a0",
    ".",
    "!",
    "?",
    "…",
    "。",
    "‽",
    '."',
    ".)",
    "\n",
    "\n\n",
    "\u2029",
    "\u2028",
    "\r\n",
    "\n- ",
    "\n1. ",
    " U.S. ",
    " Dr. ",
    " 3.5% ",
    " $4.2 billion ",
    " [/b] ",
    " ",
    "A",
    "z",
    "7",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from(SPICY), st.characters(blacklist_categories=("Cs",))),
    max_size=120,
).map("".join)


def check_spans(body: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(body)
        assert not body[start].isspace() and not body[end - 1].isspace()
        previous_end = end


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_extraction_of_any_unicode_never_raises_and_offsets_slice_back(body: str) -> None:
    spans = split_sentences(body)
    check_spans(body, spans)
    scored = extract(body)
    assert [(s.start, s.end) for s in scored] == spans
    for sentence in scored:
        assert body[sentence.start : sentence.end] == sentence.text
        assert 0.0 <= sentence.score <= 1.0
        assert all(isinstance(reason, str) and reason for reason in sentence.reasons)


@pytest.mark.parametrize(
    "megabyte",
    [
        pytest.param(
            ("مرحبا שלום word 👩\u200d👩\u200d👧 e\u0301 " * 40_000)[:1_000_000], id="mixed"
        ),
        pytest.param("a" * 1_000_000, id="one-word"),
        pytest.param("\x00" * 1_000_000, id="nul"),
        pytest.param("U.S " * 250_000, id="abbreviations"),
        pytest.param("line\n" * 200_000, id="lines"),
        pytest.param("3.5,4.2" * 142_857, id="decimals"),
    ],
)
def test_a_megabyte_without_a_full_stop_is_extracted_exactly(megabyte: str) -> None:
    """How long these take is measured by benchmarks/segmentation.py (its hostile
    megabytes), not asserted here: a clock in a test fails on a busy machine."""
    scored = extract(megabyte)
    assert scored, "a megabyte of text is at least one sentence"
    for sentence in scored:
        assert megabyte[sentence.start : sentence.end] == sentence.text


# ----------------------------------------------------------------------------- CSV
cell_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.builds(
        lambda trigger, rest: trigger + rest,
        st.sampled_from([*FORMULA_TRIGGERS, "'", '"', ","]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    ),
)


def test_csv_round_trips_any_text_and_neutralises_every_formula_cell(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    Store.open(db, "setup").close()
    out = tmp_path / "checked.csv"
    examples = iter(range(1_000_000))

    @settings(
        max_examples=80,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(title=cell_text, date=cell_text, claim=cell_text, note=cell_text, checker=cell_text)
    def round_trip(title: str, date: str, claim: str, note: str, checker: str) -> None:
        body = f"{claim}\n\n#{next(examples)}"  # a new article every time
        with Store.open(db, checker or "nobody") as store:
            article_id, _ = store.apply(
                ImportArticle(
                    title=title or "untitled",
                    body=body,
                    date=date,
                    claims=[
                        {"text": claim, "start": 0, "end": len(claim), "score": 0.9, "reasons": []}
                    ],
                )
            )
            claim_id = store.claims(article_id)[0].id
            store.apply(Mark([claim_id], "verified"))
            store.apply(SetNote(claim_id, note))
            export_csv(store, out, article_id=article_id)
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, values = rows[0], rows[1:]
        assert len(values) == 1
        row = dict(zip(header, values[0], strict=True))
        assert row["claim_text"] == neutralise(claim)
        assert row["note"] == neutralise(note)
        assert row["article_title"] == neutralise(title or "untitled")
        assert row["article_date"] == neutralise(date)
        assert row["checker"] == neutralise(checker or "nobody")
        for cell in values[0]:
            assert not cell.startswith(FORMULA_TRIGGERS), cell

    round_trip()


# ------------------------------------------------------- terminal control sequences
OSC_TITLE = "\x1b]2;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
SGR_RED = "\x1b[31m"
HOSTILE_ARTICLE = (
    "Council budget [b]row[/b]\n\n"
    f"The mayor said 40% of roads {OSC_TITLE} were repaired in 2023, the council said. "
    f"The budget rose {SGR_RED}sharply\x1b[0m by $4 million in 2022, officials said. "
    f"A bell\x07 rang 3 times [bold red]loud[/] on Monday, police said. "
    f"Copy {OSC_CLIPBOARD} this 5 times in 2021, he said."
)


def screen_text(app: FactcheckApp) -> tuple[str, str]:
    """The screenshot's raw SVG and its visible text."""
    svg = app.export_screenshot()
    return svg, html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def assert_shown_not_run(svg: str, text: str) -> None:
    for control in ("\x1b", "\x07", "\x9b", "\x9d"):
        assert control not in svg, f"{control!r} reached the terminal output"
    assert "were repaired in 2023" in text
    assert "by $4 million" in text


async def test_imported_article_with_control_sequences_is_shown_not_run(store: Store) -> None:
    import_article(store, parse_article_text(HOSTILE_ARTICLE))
    body = store.article(1).body
    assert "\x1b" not in body and "\x07" not in body  # ingest keeps text, drops controls
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        svg, text = screen_text(app)
        assert_shown_not_run(svg, text)
        assert "[bold red]loud[/]" in text  # markup is text too


def store_raw(store: Store) -> int:
    """Text that never went through ingest (an older import, another tool, a pasted note)."""
    body = HOSTILE_ARTICLE.split("\n\n", 1)[1]
    end = body.index("said.") + len("said.")
    article_id, _ = store.apply(
        ImportArticle(
            title=f"Raw {OSC_CLIPBOARD} [b]title",
            body=body,
            claims=[{"text": body[:end], "start": 0, "end": end, "score": 0.9, "reasons": []}],
        )
    )
    claim_id = store.claims(article_id)[0].id
    store.apply(SetNote(claim_id, f"call back {OSC_CLIPBOARD}\x07 [red]x[/red] {SGR_RED}"))
    return claim_id


async def test_raw_control_sequences_in_the_database_do_not_crash_the_app(store: Store) -> None:
    store_raw(store)
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        _, text = screen_text(app)
        assert "were repaired in 2023" in text
        assert "[red]x[/red]" in text


async def test_raw_control_sequences_in_the_database_never_reach_the_terminal(
    store: Store,
) -> None:
    store_raw(store)
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert_shown_not_run(*screen_text(app))


def pane_title(term: TmuxSession) -> str:
    result = subprocess.run(
        [*term.tmux, "display-message", "-p", "-t", term.name, "#{pane_title}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def open_article_in_terminal(db: Path, cwd: Path, title: str) -> tuple[str, str]:
    """Open the article of `db` in the real app; the screen and the pane's title."""
    with TmuxSession([factcheck_command(), str(db)], cwd=cwd) as term:
        term.wait_for(title)
        term.send("Enter")
        term.wait_for(" checked · ")
        time.sleep(0.3)  # let every widget paint
        return term.screen(), pane_title(term)


@pytest.mark.tmux
@needs_tmux
def test_cli_import_of_an_article_with_control_sequences_in_a_real_terminal(
    tmp_path: Path,
) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = tmp_path / "desk.db"
    imported = subprocess.run(
        [factcheck_command(), "import", str(article), "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    screen, title = open_article_in_terminal(db, tmp_path, "Council budget")
    assert "PWNED" not in title  # OSC 2 would have renamed the pane
    assert "]2;PWNED" in screen  # shown as the text it is
    assert "were repaired in 2023" in screen


@pytest.mark.tmux
@needs_tmux
def test_raw_osc_in_the_database_does_not_rename_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store.open(db, "tester") as store:
        store_raw(store)
    screen, title = open_article_in_terminal(db, tmp_path, "Raw")
    assert "PWNED" not in title, f"the pane's title became {title!r}"
    assert "were repaired in 2023" in screen


# ----------------------------------------------------------------------------- SQL
SQL_TEXTS = [
    "'; DROP TABLE claims; --",
    'Robert"); DROP TABLE articles;--',
    "100% of 50% _under_ %s %(x)s {0} *.* ?",
    "O'Brien said \"it's fine\" -- /* not a comment */",
    "\\'; SELECT * FROM events; \\",
]


@pytest.mark.parametrize("text", SQL_TEXTS)
def test_sql_in_titles_notes_and_sources_is_stored_and_exported_literally(
    tmp_path: Path, text: str
) -> None:
    db = tmp_path / "desk.db"
    with Store.open(db, text) as store:  # the checker's name too
        parsed = parse_article_text(f"{text}\n\nThe council spent $4 million in 2023, {text}.")
        result = import_article(store, parsed)
        claim = store.claims(result.article_id)[0]
        store.apply(Mark([claim.id], "unverified"))
        store.apply(SetNote(claim.id, text))
        store.apply(
            AddSource(
                claim.id,
                kind="document",
                reference=text,
                tier="secondary",
                consulted_on="2024-03-01",
            )
        )
        stream = io.StringIO()
        export_csv(store, stream)
        assert store.claim(claim.id).note == text
        assert store.article(result.article_id).title == text.strip()
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    assert row["note"] == neutralise(text)
    assert row["article_title"] == neutralise(text.strip())
    assert row["checker"] == neutralise(text)
    source = f"secondary document {text.strip()} (consulted 2024-03-01)"
    assert row["sources"] == neutralise(source)
    assert neutralise(text) in row["claim_text"]
    conn = sqlite3.connect(db)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "claims", "sources", "events", "reports"} <= tables
        assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] >= 1
    finally:
        conn.close()
