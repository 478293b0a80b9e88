"""Issue #20: an article's title, date, outlet and URL corrected by key (`M` in the article
list) and by `factcheck article edit`, as one change with an event that undo reverts, and
seen in the checked-claims CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from factcheck_tui.core.desk.article_changes import (
    EditArticle,
    metadata_lines,
    read_metadata_lines,
)
from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.dialogs.text_edit import TextEditDialog
from factcheck_tui.tui.screens.article_list import ArticleListScreen
from tests.test_cli import factcheck
from tests.test_desk_day import WIDE, settle

BODY = "The council voted 7 to 2 on Monday to close the bridge. Repairs will cost $4.5 million."


def imported(store: Store) -> int:
    parsed = parse_article_text(BODY, name="bridge.txt")
    parsed = replace(parsed, title="Bridge", date="0001-01-01", outlet="@examplenews")
    return import_article(store, parsed).article_id


def test_edit_is_one_event_and_undo_restores(store: Store) -> None:
    article_id = imported(store)
    fields = (("date", "January 19, 2020"), ("outlet", "Example News"))
    assert store.apply(EditArticle(article_id, fields))
    article = store.article(article_id)
    assert (article.date, article.outlet) == ("2020-01-19", "Example News")
    event = store.events(limit=1)[0]
    assert event.action == "edit_article"
    assert json.loads(event.new_value or "{}") == {"date": "2020-01-19", "outlet": "Example News"}
    assert not store.apply(EditArticle(article_id, (("outlet", "Example News"),)))  # no change
    assert store.undo(article_id) == "undid article details edit"
    article = store.article(article_id)
    assert (article.date, article.outlet) == ("0001-01-01", "@examplenews")


def test_bad_values_are_refused_whole(store: Store) -> None:
    article_id = imported(store)
    for fields in ((("date", "soon"),), (("url", "ftp://x"),), (("title", "  "),)):
        with pytest.raises(InputError):
            store.apply(EditArticle(article_id, (("outlet", "Changed"), *fields)))
    assert store.article(article_id).outlet == "@examplenews"


def test_metadata_lines_round_trip() -> None:
    values = {"title": "Bridge", "date": "2020-01-19", "outlet": "X", "url": "",
              "published_url": "https://factcheck.example.org/bridge"}  # fmt: skip
    assert dict(read_metadata_lines(metadata_lines(values))) == values
    with pytest.raises(InputError):
        read_metadata_lines("headline: Bridge")


def test_cli_edits_and_the_csv_shows_it(store: Store) -> None:
    article_id = imported(store)
    store.apply(Mark([store.claims(article_id)[0].id], "verified"))
    store.close()
    db = str(store.path)
    done = factcheck(
        "article",
        "edit",
        str(article_id),
        "--title",
        "Bridge to close",
        "--date",
        "2020-01-19",
        "--outlet",
        "Example News",
        "--url",
        "https://example.com/bridge",
        "--db",
        db,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"edited #{article_id}: title 'Bridge to close'")
    rows = list(csv.DictReader(io.StringIO(factcheck("export", "--db", db).stdout)))
    assert rows and {(r["article_title"], r["article_outlet"]) for r in rows} == {
        ("Bridge to close", "Example News")
    }
    bad = factcheck("article", "edit", str(article_id), "--date", "0001-01-01", "--db", db)
    assert bad.returncode == 2 and bad.stderr.startswith("factcheck: date '0001-01-01'")
    missing = factcheck("article", "edit", "99", "--title", "X", "--db", db)
    assert missing.returncode == 2 and "no article with id 99" in missing.stderr
    nothing = factcheck("article", "edit", str(article_id), "--db", db)
    assert nothing.returncode == 2 and "nothing to edit" in nothing.stderr


async def test_capital_m_edits_and_u_undoes(store: Store) -> None:
    article_id = imported(store)
    app = FactcheckApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("M")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextEditDialog)
        from textual.widgets import TextArea

        area = dialog.query_one(TextArea)
        area.text = area.text.replace("date: 0001-01-01", "date: 2020-01-19").replace(
            "outlet: @examplenews", "outlet: Example News"
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        article = store.article(article_id)
        assert (article.date, article.outlet) == ("2020-01-19", "Example News")
        await pilot.press("u")
        await settle(pilot)
        assert store.article(article_id).date == "0001-01-01"
        assert any("undid article details edit" in str(n.message) for n in app._notifications)


async def test_published_url_by_key_by_cli_and_kept_by_a_revision(store: Store) -> None:
    """Issue #23: where the desk's own check is published (ClaimReview's url), set by `M` in
    the article list and by `article edit --published-url`, undone like the other fields,
    and carried to the next revision of the draft."""
    article_id = imported(store)
    published = "https://factcheck.example.org/2020/bridge"
    app = FactcheckApp(store)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("M")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TextEditDialog)
        from textual.widgets import TextArea

        area = dialog.query_one(TextArea)
        assert area.text.endswith("\npublished_url: ")
        area.text += published
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.article(article_id).published_url == published
        await pilot.press("u")
        await settle(pilot)
        assert store.article(article_id).published_url == ""
    with pytest.raises(InputError, match=r"published_url 'factcheck\.example\.org'"):
        store.apply(EditArticle(article_id, (("published_url", "factcheck.example.org"),)))
    store.close()
    db = str(store.path)
    done = factcheck("article", "edit", str(article_id), "--published-url", published, "--db", db)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"edited #{article_id}: published_url '{published}'\n"
    bad = factcheck(
        "article", "edit", str(article_id), "--published-url", "javascript:x", "--db", db
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("factcheck: published_url 'javascript:x'")
    with Store.open(store.path, "tester") as reopened:
        revised = parse_article_text(BODY + " The bridge reopens in May.", name="bridge.txt")
        revised = replace(revised, title="Bridge")
        result = import_article(reopened, revised, revision_of=article_id)
        assert result.article_id != article_id
        assert reopened.article(result.article_id).revision == 2
        assert reopened.article(result.article_id).published_url == published
