"""Issue 15's new actions, on real SQLite files, through the real app (Pilot) and the real CLI:
fixing one source or link later, archiving an article, assigning it with a due time, a
one-line text as an article, the demo afresh, overriding a colleague knowingly, readable
history, and the article list's keys."""

from __future__ import annotations

import csv
import io
import json

import pytest
from textual.widgets import DataTable, Input, OptionList, Select
from textual.widgets._footer import FooterKey

from factcheck_tui.core.desk.article_changes import (
    ArchiveArticle,
    AssignArticle,
    parse_due,
)
from factcheck_tui.core.desk.claim_checks import AddSource, EditSource, LinkReports, Mark, SetNote
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import ImportArticle, import_article
from factcheck_tui.core.output.checked_csv import claim_rows
from factcheck_tui.core.records.errors import ChangeRefused, InputError
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.dialogs.archived import ArchivedDialog
from factcheck_tui.tui.dialogs.confirm import ConfirmDialog
from factcheck_tui.tui.dialogs.fix_sources import FixSourcesDialog
from factcheck_tui.tui.dialogs.source import SourceDialog
from factcheck_tui.tui.screens.article_list import ArticleListScreen
from factcheck_tui.tui.screens.desk_changes import split_assignment
from factcheck_tui.tui.screens.history import HistoryScreen
from tests.test_cli import factcheck
from tests.test_desk_day import WIDE, sample, screen_text, settle  # noqa: F401

SOHR = "https://example.org/sohr-statement"


def add_url_source(store: Store, claim_id: int, reference: str = SOHR) -> int:
    return store.apply(
        AddSource(
            claim_id, kind="url", reference=reference, tier="primary", consulted_on="2018-07-14"
        )
    )


# --------------------------------------------------------- one source, one link


def test_edit_source_is_one_event_that_undo_reverts(sample: Store) -> None:  # noqa: F811
    claim = sample.claims(1)[0]
    source_id = add_url_source(sample, claim.id)
    assert sample.apply(
        EditSource(
            source_id,
            kind="url",
            reference="https://example.org/sohr-statement-corrected",
            tier="secondary",
            consulted_on="2018-07-15",
        )
    )
    (source,) = sample.claims(1)[0].sources
    assert (source.reference, source.tier, source.consulted_on) == (
        "https://example.org/sohr-statement-corrected",
        "secondary",
        "2018-07-15",
    )
    assert sample.events(claim_id=claim.id)[0].action == "edit_source"
    assert sample.undo(1) is not None
    (source,) = sample.claims(1)[0].sources
    assert (source.reference, source.tier) == (SOHR, "primary")
    with pytest.raises(ValueError):
        sample.apply(
            EditSource(source_id, kind="url", reference="", tier="primary", consulted_on="x")
        )


async def test_x_edits_then_removes_one_source_and_unlinks_one_report(
    sample: Store,  # noqa: F811
) -> None:
    claim = sample.claims(1)[0]
    add_url_source(sample, claim.id)
    kept = add_url_source(sample, claim.id, "Annual report 2018, SOHR")
    sample.apply(LinkReports([(claim.id, 1, 60.0)]))
    sample.apply(LinkReports([(claim.id, 2, 50.0)]))
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        assert isinstance(app.screen, FixSourcesDialog)
        await pilot.press("e")  # the first source, in its dialog, fields filled in
        assert isinstance(app.screen, SourceDialog)
        assert app.screen.query_one("#reference", Input).value == SOHR
        assert app.screen.query_one("#tier", Select).value == "primary"
        app.screen.query_one("#reference", Input).value = "https://example.org/sohr-2"
        await pilot.press("enter")
        await settle(pilot)
        sources = sample.claims(1)[0].sources
        assert [s.reference for s in sources] == [
            "https://example.org/sohr-2",
            sources[1].reference,
        ]
        await pilot.press("x", "d")  # remove the first source only
        await settle(pilot)
        assert [s.id for s in sample.claims(1)[0].sources] == [kept]
        await pilot.press("x")
        options = app.screen.query_one(OptionList)
        options.highlighted = 2  # the second link (after the source and the first link)
        await pilot.press("d")
        await settle(pilot)
        assert [r.report_id for r in sample.claims(1)[0].linked_reports] == [1]
        await pilot.press("ctrl+z")  # the unlink, alone
        await settle(pilot)
        assert sorted(r.report_id for r in sample.claims(1)[0].linked_reports) == [1, 2]
        assert [s.id for s in sample.claims(1)[0].sources] == [kept]
    actions = [event.action for event in sample.events(claim_id=claim.id)]
    assert {"edit_source", "remove_source", "unlink_report", "undo"} <= set(actions)


# ------------------------------------------------------------- archive, assign


def test_archive_hides_from_desk_status_and_export_and_restores(sample: Store) -> None:  # noqa: F811
    sample.apply(Mark([sample.claims(1)[0].id], "verified"))
    assert sample.apply(ArchiveArticle(1))
    assert not sample.apply(ArchiveArticle(1))  # already archived
    assert sample.list_articles() == []
    assert list(claim_rows(sample, status="checked")) == []
    sample.close()
    status = factcheck("status", "--json", "--db", str(sample.path))
    assert json.loads(status.stdout) == []
    restored = factcheck("archive", "--restore", "1", "--db", str(sample.path))
    assert restored.returncode == 0 and restored.stdout.startswith("restored #1 ")
    with Store.open(sample.path, "reader") as reader:
        assert [a.id for a in reader.list_articles()] == [1]
        assert [e.action for e in reader.events(limit=2)] == [
            "restore_article",
            "archive_article",
        ]
    exported = factcheck("export", "--status", "checked", "--db", str(sample.path))
    assert len(list(csv.DictReader(io.StringIO(exported.stdout)))) == 1
    missing = factcheck("archive", "99", "--db", str(sample.path))
    assert missing.returncode == 2 and missing.stderr.strip() == "factcheck: no article with id 99"


async def test_archive_asks_then_ctrl_z_brings_it_back_and_r_restores(store: Store) -> None:
    """A asks (n keeps the article), y archives; the list's ctrl+z undoes the archive; R
    lists the archived, where r restores in one key and ctrl+z takes the restore back."""
    for day in (1, 2):
        store.apply(
            ImportArticle(title=f"Story {day}", body=f"Body {day}.", date=f"2024-01-0{day}")
        )
    app = FactcheckApp(store)
    async with app.run_test(size=WIDE) as pilot:
        listed = app.screen
        assert isinstance(listed, ArticleListScreen)
        await pilot.press("A")  # the first row: the newest, Story 2
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert [a.title for a in listed.summaries] == ["Story 2", "Story 1"]
        await pilot.press("A", "y")
        assert app.screen is listed
        assert [a.title for a in listed.summaries] == ["Story 1"]
        assert "ctrl+z brings it back" in last_message(app)
        await pilot.press("ctrl+z")
        assert [a.title for a in listed.summaries] == ["Story 2", "Story 1"]
        assert last_message(app) == "undid archive of #2 Story 2"
        # The undo is itself in the audit trail, and the archive is marked undone.
        assert [e.action for e in store.events(limit=2)] == ["undo", "archive_article"]
        assert store.events(limit=2)[1].undone_by is not None

        await pilot.press("home", "A", "y", "R")  # home: the first row again (Story 2)
        archived = app.screen
        assert isinstance(archived, ArchivedDialog)
        assert [a.title for a in archived.articles] == ["Story 2"]
        await pilot.press("r")
        assert archived.articles == [] and [a.id for a in store.list_articles()] == [2, 1]
        await pilot.press("ctrl+z")  # the restore taken back: archived again
        assert [a.title for a in archived.articles] == ["Story 2"]
        await pilot.press("enter")  # enter restores too
        await pilot.press("escape")
        assert app.screen is listed
        assert [a.title for a in listed.summaries] == ["Story 2", "Story 1"]
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")  # back to the start
        assert [a.title for a in listed.summaries] == ["Story 2", "Story 1"]
        assert last_message(app).startswith("Nothing to undo on the desk")


def last_message(app: FactcheckApp) -> str:
    return str(list(app._notifications)[-1].message)


def test_undo_never_overwrites_a_colleagues_later_restore(store: Store) -> None:
    store.apply(ImportArticle(title="Story", body="Body.", date="2024-01-01"))
    store.apply(AssignArticle(1, "amira", "2026-12-02 18:00"))
    store.apply(ArchiveArticle(1))
    with Store.open(store.path, "omar") as colleague:
        colleague.apply(ArchiveArticle(1, restore=True))
        colleague.apply(AssignArticle(1, "omar"))
    with pytest.raises(ChangeRefused, match="archived, restored or assigned again since"):
        store.undo(desk=True)
    assert [a.id for a in store.list_articles()] == [1]  # still restored, nothing half-done
    assert [e.action for e in store.events(limit=1)] == ["assign_article"]
    # The article's own undo (ctrl+z in it, u in the list) leaves the desk's changes alone.
    assert store.undo(1) is None


def test_assign_from_the_cli_shows_in_status(sample: Store) -> None:  # noqa: F811
    sample.close()
    db = str(sample.path)
    result = factcheck("assign", "1", "--to", "amira", "--due", "2026-12-02 18:00", "--db", db)
    assert result.returncode == 0, result.stderr
    row = json.loads(factcheck("status", "--json", "--db", db).stdout)[0]
    assert (row["owner"], row["due"]) == ("amira", "2026-12-02 18:00")
    mine = factcheck("status", "--json", "--mine", "--db", db, env={"FACTCHECK_CHECKER": "omar"})
    assert json.loads(mine.stdout) == []
    bad = factcheck("assign", "1", "--to", "amira", "--due", "tomorrow", "--db", db)
    assert bad.returncode == 2 and "YYYY-MM-DD HH:MM" in bad.stderr
    with Store.open(sample.path, "reader") as reader:
        event = reader.events(limit=1)[0]
        assert event.action == "assign_article"
        assert json.loads(event.new_value or "{}") == {"owner": "amira", "due": "2026-12-02 18:00"}


def test_due_times_as_typed() -> None:
    assert parse_due("2026-12-02  18:00") == "2026-12-02 18:00"
    assert parse_due("2026-12-02") == "2026-12-02 23:59"
    assert parse_due("") == ""
    with pytest.raises(InputError):
        parse_due("Friday")
    assert split_assignment("amira 2026-12-02 18:00") == ("amira", "2026-12-02 18:00")
    assert split_assignment("Jo Smith") == ("Jo Smith", "")
    assert split_assignment("-") == ("", "")


async def test_desk_shows_owner_and_due_sorts_by_due_and_filters_mine(store: Store) -> None:
    for day in (1, 2, 3):
        store.apply(
            ImportArticle(title=f"Story {day}", body=f"Body {day}.", date=f"2024-01-0{day}")
        )
    store.apply(AssignArticle(1, "tester", "2026-12-03 09:00"))
    store.apply(AssignArticle(3, "omar", "2026-12-02 18:00"))
    app = FactcheckApp(store)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        shown = screen_text(app)
        assert "2026-12-02 18:00" in shown and "omar" in shown
        while screen.view.sort != "due":
            await pilot.press("s")
        assert [a.title for a in screen.summaries] == ["Story 3", "Story 1", "Story 2"]
        await pilot.press("m")  # mine: assigned to tester
        assert [a.title for a in screen.summaries] == ["Story 1"]
        await pilot.press("m")
        assert len(screen.summaries) == 3
        table = screen.query_one(DataTable)
        table.move_cursor(row=2)  # Story 2, unassigned
        await pilot.press("a")
        app.screen.query_one(Input).value = "amira 2026-12-04 12:00"
        await pilot.press("enter")
        await pilot.pause()
    owners = {a.title: (a.owner, a.due) for a in store.list_articles()}
    assert owners["Story 2"] == ("amira", "2026-12-04 12:00")


# ---------------------------------------------------------- the article list


async def test_article_list_footer_and_escape_clears_the_filter(store: Store) -> None:
    for title in ("Budget passes", "Bridge reopens"):
        store.apply(ImportArticle(title=title, body=f"{title} on Monday.", date="2024-01-01"))
    app = FactcheckApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = [key.description for key in app.screen.query(FooterKey)]
        assert {"Filter", "State", "Sort", "Export"} <= set(footer)
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        await pilot.press("slash")
        screen.query_one("#article-filter", Input).value = "bridge"
        await pilot.pause()
        assert [a.title for a in screen.summaries] == ["Bridge reopens"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.summaries) == 2
        assert screen.view.text == ""


async def test_80_columns_keep_claims_progress_and_ready(sample: Store) -> None:  # noqa: F811
    app = FactcheckApp(sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = next(line for line in screen_text(app).splitlines() if "Title" in line)
        assert "Claims" in header and "Progress" in header and "Ready" in header
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        assert "0/15 checked · 0 verified · 0 unverified" in shown
        footer = [key.description for key in app.screen.query(FooterKey)]
        assert footer[:4] == ["Verified", "Unverified", "Note", "Source"]


# ---------------------------------------------------- one line, demo, colleagues


def test_a_one_line_text_is_a_one_claim_article(store: Store) -> None:
    for text in ("lol what a day\n", "Crime rose 40% last year, the mayor said.\n"):
        result = import_article(store, parse_article_text(text))
        assert result.created and result.claims == 1, text
        (claim,) = store.claims(result.article_id)
        assert claim.text == text.strip()
    piped = factcheck("import", "-", "--db", str(store.path), stdin=b"Vote on Tuesday, 5 May.\n")
    assert piped.returncode == 0 and "(1 claim)" in piped.stdout


def test_demo_fresh_starts_over_from_the_unchecked_sample() -> None:
    from factcheck_tui.tui.launch import demo_database

    copy = demo_database()
    with Store.open(copy, "tester") as demo:
        demo.apply(Mark([demo.claims(1)[0].id], "verified"))
    assert demo_database() == copy  # kept: practice marks survive
    with Store.open(copy, "tester") as demo:
        assert demo.progress(1).verified == 1
    demo_database(fresh=True)
    with Store.open(copy, "tester") as demo:
        assert demo.progress(1).checked == 0
    refused = factcheck("--fresh")
    assert refused.returncode == 2 and "--demo" in refused.stderr


async def test_the_demo_says_it_is_a_practice_copy(sample: Store) -> None:  # noqa: F811
    app = FactcheckApp(sample, practice=True)
    async with app.run_test(size=WIDE):
        assert "PRACTICE COPY" in screen_text(app)


async def test_marking_over_a_colleagues_fresh_verdict_says_so(sample: Store) -> None:  # noqa: F811
    with sample.another_connection() as colleague:
        colleague.checker = "omar"
        colleague.apply(Mark([sample.claims(1)[0].id], "verified"))
    app = FactcheckApp(sample)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter", "u")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("omar's 'verified'" in m for m in messages), messages
        await pilot.press("j", "v")  # nobody's verdict there: nothing said
        await pilot.pause()
        assert sum("You replaced" in str(n.message) for n in app._notifications) == 1
    statuses = [(e.checker, e.new_value) for e in sample.events(claim_id=sample.claims(1)[0].id)]
    assert statuses[:2] == [("tester", '"unverified"'), ("omar", '"verified"')]


async def test_history_reads_as_words_not_ids(sample: Store) -> None:  # noqa: F811
    claim = sample.claims(1)[0]
    note = "SOHR gave the figure by phone; " * 6 + "no second source yet."
    sample.apply(Mark([claim.id], "verified"))
    sample.apply(SetNote(claim.id, note))
    sample.apply(LinkReports([(claim.id, 1, 70.0)]))
    report = sample.claims(1)[0].linked_reports[0]
    app = FactcheckApp(sample)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("H")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        cells = [
            " ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)
        ]
        text = "\n".join(cells)
        assert report.url in text and (report.rating or "unrated") in text
        assert note in text  # whole, not cut
        assert claim.text in text
        assert "report_id" not in text and "batch" not in text
