"""The real app under App.run_test(), driven by key presses, checked in the database."""

from __future__ import annotations

import csv
import html
import os
import re
from pathlib import Path

from textual.widgets import Input, TextArea

from factcheck_tui.core.config import load_config
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article import ArticleScreen
from factcheck_tui.tui.screens.help import HelpScreen

SIZE = (140, 40)


def screen_text(app: FactcheckApp) -> str:
    """What the terminal shows, as plain text (from the SVG screenshot Textual renders)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def statuses(db_path: Path) -> list[str]:
    with Store.open(db_path, "reader") as reader:
        return [claim.status for claim in reader.claims(1)]


async def test_walk_mark_note_and_undo_by_keyboard(sample_store: Store, db_path: Path) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("j", "v", "j", "u")
        assert statuses(db_path)[:4] == ["unchecked", "verified", "unverified", "unchecked"]
        await pilot.press("n")
        area = app.screen.query_one(TextArea)
        area.text = "Casualty figures: SOHR only; no second source yet."
        await pilot.press("ctrl+s")
        await pilot.pause()
        with Store.open(db_path, "reader") as reader:
            assert reader.claims(1)[2].note == "Casualty figures: SOHR only; no second source yet."
        await pilot.press("ctrl+z")  # undoes the note, the last change
        await pilot.press("ctrl+z")  # then the 'unverified' mark
        status_line = str(app.screen.query_one("#status-line").render())
        assert "1/" in status_line and "1 verified · 0 unverified" in status_line
    with Store.open(db_path, "reader") as reader:
        claims = reader.claims(1)
        assert claims[2].note == ""
        assert [c.status for c in claims[:3]] == ["unchecked", "verified", "unchecked"]
        actions = [event.action for event in reader.events()]
        assert actions.count("undo") == 2


async def test_space_selects_several_and_one_key_marks_them(
    sample_store: Store, db_path: Path
) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "space", "j", "j", "space", "v")
        assert statuses(db_path)[:3] == ["verified", "unchecked", "verified"]
        await pilot.press("ctrl+z")
        assert statuses(db_path)[:3] == ["unchecked", "unchecked", "unchecked"]


async def test_source_dialog_records_a_primary_url(sample_store: Store) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "s")
        app.screen.query_one("#reference", Input).value = "https://example.org/sohr-statement"
        await pilot.press("enter")
        await pilot.pause()
    source = sample_store.claims(1)[0].sources[0]
    assert (source.kind, source.tier, source.reference) == (
        "url",
        "primary",
        "https://example.org/sohr-statement",
    )
    assert len(source.consulted_on) == 10


async def test_a_source_typed_as_name_and_role_is_filed_as_a_person(
    sample_store: Store,
) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for typed in ("Jane Ortiz, councilmember", "Annual budget 2023, Ministry of Finance"):
            await pilot.press("s")
            app.screen.query_one("#reference", Input).value = typed
            await pilot.press("enter")
            await pilot.pause()
    kinds = {s.reference: s.kind for s in sample_store.claims(1)[0].sources}
    assert kinds == {
        "Jane Ortiz, councilmember": "person",
        "Annual budget 2023, Ministry of Finance": "document",
    }


async def test_article_text_is_never_markup(store: Store) -> None:
    text = (
        "Markup test\n\nThe mayor said 40% of roads [citation needed] were repaired in 2023. "
        "A stray [/b] tag and [bold red]this[/] must show as typed, the council said."
    )
    import_article(store, parse_article_text(text))
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        shown = screen_text(app)
        assert "[citation needed]" in shown
        assert "[/b]" in shown
        assert "[bold red]this[/]" in shown


async def test_previous_and_next_article(store: Store) -> None:
    for day in (1, 2):
        import_article(
            store,
            parse_article_text(
                f"date 2024-01-0{day} Story {day}\n\nThe council approved {day} million dollars "
                "on Monday, the mayor said."
            ),
        )
    app = FactcheckApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        first = app.screen
        assert isinstance(first, ArticleScreen)
        await pilot.press("right_square_bracket")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id != first.article_id
        await pilot.press("left_square_bracket")
        assert app.screen.article_id == first.article_id  # type: ignore[attr-defined]


async def test_export_from_the_article_screen(
    sample_store: Store, tmp_path: Path, monkeypatch: object
) -> None:
    os.chdir(tmp_path)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v", "e")
        await pilot.press("enter")  # accept the proposed file name
        await app.workers.wait_for_complete()
        await pilot.pause()
    exported = tmp_path / "checked-claims-isis-reduced-to-a-handful-of-holdouts-in-syria.csv"
    with exported.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["status"] == "verified"


async def test_help_lists_live_bindings_and_keys_remap(
    sample_store: Store, tmp_path: Path, monkeypatch: object
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keys]\n"claims.verify" = "V"\n')
    app = FactcheckApp(sample_store, load_config(config_file))
    async with app.run_test(size=(140, 90)) as pilot:  # tall enough for the whole help
        await pilot.press("enter", "v")
        assert statuses(Path(sample_store.path))[0] == "unchecked"  # v no longer verifies
        await pilot.press("V")
        assert statuses(Path(sample_store.path))[0] == "verified"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "claims.verify" in help_text and "Verified" in help_text


async def test_read_only_database_refuses_with_a_message(sample_store: Store) -> None:
    sample_store.close()
    read_only = Store.open(sample_store.path, "tester", read_only=True)
    app = FactcheckApp(read_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "v")
        await pilot.pause()
        assert "READ-ONLY" in str(app.screen.query_one("#status-line").render())
        assert any("read-only" in str(n.message) for n in app._notifications)
    read_only.close()
    assert statuses(Path(sample_store.path))[0] == "unchecked"


async def test_ending_a_search_gives_n_back_to_notes_in_the_footer(sample_store: Store) -> None:
    from textual.widgets._footer import FooterKey

    def footer(app: FactcheckApp) -> list[str]:
        return [key.description for key in app.screen.query(FooterKey)]

    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "Note" in footer(app)
        await pilot.press("slash", *"Kurds", "enter")
        await pilot.pause()
        assert "Note" not in footer(app)  # n walks the hits now
        await pilot.press("escape")
        await pilot.pause()
        assert "Note" in footer(app)
