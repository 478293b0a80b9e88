"""The desk: the article list filters and sorts by keyboard, `factcheck status` agrees with it,
claims filter by status, the article text is searchable, and history shows every change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import ImportArticle, import_article
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article import ArticleScreen
from factcheck_tui.tui.screens.article_list import ArticleListScreen
from factcheck_tui.tui.screens.history import HistoryScreen

SIZE = (160, 40)


def build_desk(store: Store) -> None:
    stories = [
        ("2024-01-01", "Budget passes", "The Ledger"),
        ("2024-01-02", "Bridge reopens", "Metro Daily"),
        ("2024-01-03", "School funding rises", "The Ledger"),
    ]
    for date, title, outlet in stories:
        import_article(
            store,
            parse_article_text(
                json.dumps(
                    {
                        "title": title,
                        "date": date,
                        "outlet": outlet,
                        "body": f"Officials said {title.lower()} cost $4.2 million in 2023. "
                        "The mayor said 7 of 9 members voted for it on Monday.",
                    }
                ),
                fmt="json",
            ),
        )
    by_title = {a.title: a.id for a in store.list_articles()}
    done = [c.id for c in store.claims(by_title["Budget passes"])]
    store.apply(Mark(done, "verified"))
    partial = store.claims(by_title["Bridge reopens"])
    with Store.open(store.path, "omar") as other:
        other.apply(Mark([partial[0].id], "unverified"))


def titles(screen: ArticleListScreen) -> list[str]:
    return [a.title for a in screen.summaries]


async def test_article_list_filters_and_sorts_by_keyboard(store: Store) -> None:
    build_desk(store)
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        assert titles(screen) == ["School funding rises", "Bridge reopens", "Budget passes"]
        await pilot.press("f")  # state: unchecked
        assert titles(screen) == ["School funding rises"]
        await pilot.press("f", "f")  # in progress, then done
        assert titles(screen) == ["Budget passes"]
        await pilot.press("f", "f")  # has unverified, then ready
        assert titles(screen) == ["Budget passes"]
        await pilot.press("f")  # all
        await pilot.press("c")  # first checker alphabetically: omar
        assert titles(screen) == ["Bridge reopens"]
        await pilot.press("c", "c")  # tester, then everyone
        await pilot.press("s")  # sort by title: A→Z first, S flips it
        assert titles(screen) == ["Bridge reopens", "Budget passes", "School funding rises"]
        await pilot.press("S")
        assert titles(screen) == ["School funding rises", "Budget passes", "Bridge reopens"]
        await pilot.press("S")
        await pilot.press("slash")
        screen.query_one("#article-filter", Input).value = "ledger"
        await pilot.press("enter")
        assert titles(screen) == ["Budget passes", "School funding rises"]
        assert screen.query_one(DataTable).has_focus


def test_status_command_agrees_with_the_screen(store: Store) -> None:
    build_desk(store)
    result = subprocess.run(
        [sys.executable, "-m", "factcheck_tui", "status", "--db", str(store.path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(result.stdout)
    shown = store.list_articles()
    assert [(r["id"], r["claims"], r["checked"], r["unverified"], r["ready"]) for r in rows] == [
        (a.id, a.claims, a.checked, a.unverified, a.ready) for a in shown
    ]
    assert [r["title"] for r in rows if r["ready"]] == ["Budget passes"]
    table = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck_tui",
            "status",
            "--db",
            str(store.path),
            "--state",
            "has unverified",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Bridge reopens" in table and "Budget passes" not in table
    assert "READY" not in table
    assert table.splitlines()[-1].startswith("1 article · 0 ready · ")  # not "1 articles"


async def test_claim_filter_search_and_history(sample_store: Store, db_path: Path) -> None:
    claims = sample_store.claims(1)
    sample_store.apply(Mark([claims[1].id], "verified"))
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await pilot.press("f")  # unchecked only
        assert claims[1].id not in [c.id for c in screen.claims]
        await pilot.press("f")  # verified only
        assert [c.id for c in screen.claims] == [claims[1].id]
        await pilot.press("f", "f", "f")  # partly verified, unverified, back to all
        await pilot.press("slash")
        screen.query_one("#search", Input).value = "observatory"
        await pilot.press("enter")
        assert len(screen.search_hits) == 3
        first = screen.current_claim
        assert first is not None and "Observatory" in first.text
        await pilot.press("n")  # next hit, not a note, while searching
        assert screen.hit_index == 1
        await pilot.press("N", "N")
        assert screen.hit_index == 2
        await pilot.press("escape")  # ends the search
        assert screen.search_hits == []
        await pilot.press("n")  # now n writes a note
        assert app.screen.query(TextArea)
        await pilot.press("escape")
        await pilot.press("k", "v", "h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count >= 1
        await pilot.press("escape", "escape", "H")
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(DataTable).row_count >= 3


async def filled(pilot: object, table: DataTable, rows: int) -> None:
    for _ in range(40):
        if table.row_count == rows:
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError(f"the list stopped at {table.row_count} of {rows} rows")


async def test_a_big_desk_fills_in_after_the_first_paint_and_keeps_the_cursor(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(250):
        store.apply(
            ImportArticle(
                title=f"Story {n:03}",
                body=f"The council spent {n} dollars.",
                date=f"2024-01-{n % 28 + 1:02}",
            )
        )
    # The rows there when the rest starts to be added (the real method still runs): read at
    # that moment, not when the test gets to look, which a busy machine can make later.
    rows_before_the_rest: list[int] = []
    add_rest = ArticleListScreen._add_rest

    def spy(screen: ArticleListScreen, generation: int, start: int, cursor: int) -> None:
        rows_before_the_rest.append(screen.query_one(DataTable).row_count)
        add_rest(screen, generation, start, cursor)

    monkeypatch.setattr(ArticleListScreen, "_add_rest", spy)
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        await filled(pilot, table, 250)
        assert rows_before_the_rest[0] == 100  # the first screenful, before the first paint
        await pilot.press("G", "k")
        assert table.cursor_row == 248
        app.screen.reload()  # what another checker's change triggers
        await filled(pilot, table, 250)
        await pilot.pause()
        assert (table.row_count, table.cursor_row) == (250, 248)


async def test_the_list_shows_marks_made_in_the_article(sample_store: Store) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "j", "u", "escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        summary = screen.summaries[0]
        assert (summary.verified, summary.unverified) == (1, 1)


async def test_importing_many_files_shows_one_summary_with_counts(
    store: Store, tmp_path: Path
) -> None:
    for n in range(3):
        (tmp_path / f"story{n}.txt").write_text(
            f"Story {n}\n\nThe council spent {n} million dollars on Monday, the mayor said.\n"
        )
    (tmp_path / "story9.txt").write_bytes(b"")
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        app.screen.query_one(Input).value = str(tmp_path / "story*.txt")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("Imported 3 articles, 0 already here, 1 failed" in m for m in messages)
        assert len(app.screen.summaries) == 3  # type: ignore[attr-defined]
