"""A small terminal that shows what matters (#23): at 80×24 every dialog shows its input and
its line of keys, and the article screen keeps five claims or more in view (the panels under
the claims folded to a line each, `i` opens them); at 160×48 the article screen is as it was.

Snapshots (pytest-textual-snapshot) of the article screen and every dialog at 80×24, from
the fixed desk of tests/test_snapshots.py; beside them, the same dialogs checked by their
widgets' regions, so a snapshot re-rendered without looking still cannot hide the hint.
After an intended change of the look: pytest tests/test_small_terminal.py --snapshot-update,
then read the SVGs (their text) before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from factcheck_tui.core.desk.article_changes import ArchiveArticle
from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.dialogs.paste_article import PasteArticleDialog
from factcheck_tui.tui.dialogs.progress import ProgressDialog
from factcheck_tui.tui.dialogs.yes_no import YesNoDialog
from factcheck_tui.tui.screens.article import ArticleScreen
from factcheck_tui.tui.screens.link_all import LinkAllScreen
from factcheck_tui.tui.widgets.claim_list import ClaimList
from tests.conftest import SAMPLE_ARTICLE
from tests.test_snapshots import FIXED_TIME, desk, settle  # noqa: F401

SMALL = (80, 24)
BIG = (160, 48)


def fixed_source(store: Store) -> None:
    claim = store.claims(1)[0]
    store.apply(
        AddSource(
            claim.id,
            kind="url",
            reference="https://www.syriahr.com/en/?p=97501",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )


def set_input(app: FactcheckApp, selector: str, value: str) -> None:
    """A value that would otherwise be today's date or the test's temporary folder."""
    app.screen.query_one(selector, Input).value = value


def push(make: Callable[[], Screen[Any]]) -> Callable[[FactcheckApp], None]:
    return lambda app: app.push_screen(make())  # type: ignore[func-returns-value]


def archive_the_budget(store: Store) -> None:
    store.apply(ArchiveArticle(2))
    store.conn.execute("UPDATE article_desk SET archived_at = ?", (FIXED_TIME,))


# name → (keys from the article list, then what makes the dialog deterministic)
DIALOGS: dict[str, tuple[tuple[str, ...], Callable[[FactcheckApp], None] | None]] = {
    "note": (("enter", "n"), None),
    "correction": (("enter", "C"), None),
    "source": (("enter", "s"), lambda app: set_input(app, "#consulted", "2018-07-14")),
    "verdict": (("enter", "m"), None),
    "fix_sources": (("enter", "x"), None),
    "add_claim": (("enter", "a"), None),
    "reword": (("enter", "r"), None),
    "split": (("enter", "S"), None),
    "threshold": (("enter", "T"), None),
    "dispute": (("enter", "exclamation_mark"), None),
    "export": (
        ("enter", "e"),
        lambda app: set_input(app, "#export-path", "/home/amira/Documents/isis-reduced.csv"),
    ),
    "report_search": (("enter", "R"), None),
    "desk_search": (("enter", "F"), None),
    "help": (("enter", "f1"), None),
    "link_all": ((), push(lambda: LinkAllScreen([], matched=4))),
    "archive_confirm": (("A",), None),
    "assign": (("a",), None),
    "details": (("M",), None),
    "import_file": (("i",), lambda app: set_input(app, "#prompt", "~/Documents/*.docx")),
    "paste": ((), push(lambda: PasteArticleDialog("", "system clipboard unavailable"))),
    "new_draft": (
        (),
        push(
            lambda: YesNoDialog(
                "Is this a new draft of “ISIS Reduced to a Handful of Holdouts in Syria”?",
                "Its title and most of its text match that article, imported 2018-07-14.",
                "new draft (checks carried over)",
                "a separate article",
            )
        ),
    ),
    "progress": ((), push(lambda: ProgressDialog("Importing 3 files"))),
}


def in_view(region: Region, screen: Region) -> bool:
    return region.height > 0 and screen.contains_region(region)


def check_in_view(name: str, screen: Screen[Any]) -> None:
    """The dialog's line of keys and every input, list and text area are on screen (an Input
    its whole 3 rows): what the snapshot shows, checked so a snapshot re-rendered without
    looking cannot hide it."""
    assert screen.has_class("-short")
    whole = screen.region
    hints = [label for label in screen.query(".dialog-help") if label.display]
    assert hints, f"{name}: no line of keys"
    for hint in hints:
        assert in_view(hint.region, whole), f"{name}: the keys are off screen ({hint.region})"
    for field in screen.query("Input, TextArea, OptionList, Select"):
        if field.display and field.id != "search":
            assert in_view(field.region, whole), f"{name}: {field.id} is off screen"
            assert field.region.height >= (3 if isinstance(field, Input) else 1)


def opener(name: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    keys, prepare = DIALOGS[name]

    async def open_dialog(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, FactcheckApp)
        fixed_source(app.store)
        if name == "archived":
            archive_the_budget(app.store)
        await pilot.press(*keys)
        await settle(pilot)
        if prepare is not None:
            prepare(app)
        await settle(pilot)
        check_in_view(name, app.screen)

    return open_dialog


DIALOGS["archived"] = (("R",), None)


# The progress bar moves with the clock (its pulse, its ETA): its dialog is checked by
# regions only, not by a snapshot.
@pytest.mark.parametrize("name", sorted(set(DIALOGS) - {"progress"}))
def test_dialog_at_80x24(snap_compare: Any, desk: Store, name: str) -> None:  # noqa: F811
    assert snap_compare(FactcheckApp(desk), terminal_size=SMALL, run_before=opener(name))


async def test_progress_dialog_shows_its_bar_and_keys_at_80x24(desk: Store) -> None:  # noqa: F811
    app = FactcheckApp(desk)
    async with app.run_test(size=SMALL) as pilot:
        await opener("progress")(pilot)
        assert app.screen.query_one("ProgressBar").region.height >= 1


def long_article(store: Store) -> None:
    """The sample article (real wire copy) with its first sentences as fixed claims."""
    body = SAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n", 1)[1].strip()
    claims = []
    for paragraph in [p for p in body.split("\n\n") if p.strip()][:12]:
        sentence = paragraph.split(". ")[0].rstrip(".")
        start = body.index(sentence)
        claims.append(
            {
                "text": sentence,
                "start": start,
                "end": start + len(sentence),
                "score": 0.9,
                "reasons": ("number",),
            }
        )
    store.apply(
        ImportArticle(
            title="ISIS Reduced to a Handful of Holdouts in Syria",
            body=body,
            date="2018-07-13",
            outlet="Wire",
            claims=claims,
        )
    )
    first = store.claims(1)[0].id
    store.apply(Mark([first], "verified"))
    store.apply(SetNote(first, "SOHR figures, confirmed by phone with the Observatory."))
    store.conn.execute(
        "UPDATE claims SET updated_at = ?, created_at = ?, checked_at = "
        "CASE WHEN checked_at != '' THEN ? ELSE '' END",
        (FIXED_TIME, FIXED_TIME, FIXED_TIME),
    )
    store.conn.execute("UPDATE articles SET imported_at = ?", (FIXED_TIME,))


@pytest.fixture
def long_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.chdir(tmp_path)
    store = Store.open(Path("desk.db"), "amira")
    long_article(store)
    return store


def claims_in_view(claims: ClaimList) -> int:
    """How many claims the list shows whole."""
    top, height = claims.scroll_offset.y, claims.scrollable_content_region.height
    return sum(
        top <= claims._index_to_line[index]
        and claims._index_to_line[index] + claims._heights[index] <= top + height
        for index in range(claims.option_count)
    )


def test_article_screen_80x24_long_article(snap_compare: Any, long_desk: Store) -> None:
    assert snap_compare(
        FactcheckApp(long_desk), press=["enter", "j"], terminal_size=SMALL, run_before=settle
    )


def test_article_screen_160x48_long_article(snap_compare: Any, long_desk: Store) -> None:
    assert snap_compare(
        FactcheckApp(long_desk), press=["enter", "j"], terminal_size=BIG, run_before=settle
    )


async def test_the_article_keeps_five_claims_in_view_and_i_opens_the_panels(
    long_desk: Store,
) -> None:
    app = FactcheckApp(long_desk)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.has_class("-folded")
        claims = screen.query_one(ClaimList)
        assert claims_in_view(claims) >= 5
        verdict = screen.query_one("#claim-verdict").render()
        assert "verified by amira · i opens the detail" in str(verdict)
        assert not screen.query_one("#claim-detail").display
        # Tab opens the facts, Tab again the suggestions; escape from the facts folds them.
        await pilot.press("tab")
        assert screen.query_one("#facts").region.height >= 3
        await pilot.press("tab")
        assert screen.query_one("#suggestions").region.height >= 2
        assert screen.query_one("#facts").region.height == 0
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is claims
        # i opens the panels (the note is in the detail), i folds them again.
        await pilot.press("i")
        await settle(pilot)
        assert not screen.has_class("-folded")
        assert "SOHR figures" in str(screen.query_one("#claim-detail").render())
        await pilot.press("i")
        await settle(pilot)
        assert screen.has_class("-folded") and claims_in_view(claims) >= 5


async def test_at_160x48_the_article_screen_is_as_it_was(long_desk: Store) -> None:
    app = FactcheckApp(long_desk)
    async with app.run_test(size=BIG) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert not screen.has_class("-short") and not screen.has_class("-folded")
        assert screen.query_one("#facts").region.height > 1
        assert "SOHR figures" in str(screen.query_one("#claim-detail").render())
        assert "score 0.90" in str(screen.query_one("#claim-verdict").render())
        # No claim is cut short there.
        assert all("…" not in str(option.prompt) for option in screen.query_one(ClaimList).options)
        await pilot.press("i")  # and i folds them there too
        assert screen.has_class("-folded")


async def test_the_help_lists_home_and_end_once_as_the_apps_own(desk: Store) -> None:  # noqa: F811
    from factcheck_tui.tui.keys import describe_bindings

    app = FactcheckApp(desk)
    async with app.run_test(size=SMALL) as pilot:
        for keys, first in ((("home",), "articles.first"), (("enter",), "claims.first")):
            await pilot.press(*keys)
            await settle(pilot)
            rows = describe_bindings(app.screen)
            actions = {row.action for row in rows}
            assert not actions & {"scroll_home", "scroll_end", "first", "last"}
            keys_of = {row.binding_id: row.keys for row in rows}
            assert keys_of[first] == "home, g"
        # And Home does what the help says: the first claim.
        await pilot.press("j", "j", "home")
        assert app.screen.query_one(ClaimList).highlighted == 0
        await pilot.press("end")
        assert app.screen.query_one(ClaimList).highlighted == len(desk.claims(1)) - 1


async def folded_at(store: Store, size: tuple[int, int]) -> bool:
    app = FactcheckApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        if app.screen.has_class("-folded"):
            assert claims_in_view(app.screen.query_one(ClaimList)) >= 5
            return True
        return False


async def test_a_long_story_folds_at_120x34_not_at_120x40(long_desk: Store) -> None:
    """Open at 120×34, 3 of the story's claims would show; at 120×40, 5 do."""
    assert await folded_at(long_desk, (120, 34))
    assert not await folded_at(long_desk, (120, 40))


async def test_an_article_whose_claims_all_fit_stays_open_at_120x34(desk: Store) -> None:  # noqa: F811
    assert not await folded_at(desk, (120, 34))
