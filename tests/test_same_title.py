"""A same-title article is a revision only when it is the same story (issue #10): same URL, or
same title and outlet with most of its sentences kept. Otherwise it is a new article, the
import says so, `--revision-of` / `--new` decide it, and the TUI asks."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from textual.widgets import Input

from factcheck_tui.cli import main
from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.intake.article_files import parse_article_text, read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.intake.revisions import REVISION_MIN_OVERLAP, sentence_overlap
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.dialogs.yes_no import YesNoDialog
from tests.conftest import SAMPLE_ARTICLE

MONDAY = (
    "Morning briefing\n\n"
    "The city council approved a $4.2 million budget for road repairs on Monday, the mayor "
    "said. Unemployment in the region fell to 5.1 percent in March, according to the state "
    "labour office. The new bridge will open in 2026, two years later than planned.\n"
)
TUESDAY = (
    "Morning briefing\n\n"
    "Hospital waiting times rose by 18 percent last year, the health ministry said on "
    "Tuesday. Police recorded 312 burglaries in the first quarter, down from 401. The school "
    "board will vote on the new calendar in June, its chair told reporters.\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def csv_rows(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    export_csv(store, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_two_morning_briefings_are_two_articles_and_the_first_ones_check_stays(
    store: Store, tmp_path: Path
) -> None:
    first = import_article(store, read_article_file(write(tmp_path, "mon.txt", MONDAY)))
    claim = store.claims(first.article_id)[0]
    store.apply(Mark([claim.id], "verified"))
    second = import_article(store, read_article_file(write(tmp_path, "tue.txt", TUESDAY)))
    assert second.created and second.revision is None
    assert second.article_id != first.article_id
    text = second.describe()
    assert "as a new article" in text
    assert f"not a revision of #{first.article_id}" in text and "0% of its sentences" in text
    assert f"--revision-of {first.article_id}" in text
    assert sorted(a.id for a in store.list_articles()) == [first.article_id, second.article_id]
    verified = [r for r in csv_rows(store) if r["status"] == "verified"]
    assert [r["claim_text"] for r in verified] == [claim.text]
    assert {r["article_revision"] for r in csv_rows(store)} == {"1"}


def test_a_revised_draft_with_the_same_title_and_outlet_is_still_a_revision(
    sample_store: Store,
) -> None:
    body = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    revised = body.replace("killing 54 people", "killing 57 people")
    previous = sample_store.article(1)
    assert sentence_overlap(previous.body, revised) >= REVISION_MIN_OVERLAP
    result = import_article(sample_store, parse_article_text(revised))
    assert result.revision is not None and result.revision.previous_id == 1
    assert "as revision 2 of #1" in result.describe()


def test_the_same_url_is_a_revision_whatever_the_text(store: Store) -> None:
    def page(title: str, text: str) -> str:
        return f'{{"title": "{title}", "url": "https://news.example/a", "body": "{text}"}}'

    first = import_article(
        store, parse_article_text(page("Budget", MONDAY.split("\n\n")[1].strip()), fmt="json")
    )
    second = import_article(
        store, parse_article_text(page("Budget, updated", "Entirely new text."), fmt="json")
    )
    assert second.revision is not None and second.revision.previous_id == first.article_id


def test_cli_says_which_and_revision_of_and_new_decide(tmp_path: Path, capsys: object) -> None:
    db = str(tmp_path / "desk.db")
    mon, tue = write(tmp_path, "mon.txt", MONDAY), write(tmp_path, "tue.txt", TUESDAY)
    assert main(["import", str(mon), "--db", db]) == 0
    assert main(["import", str(tue), "--db", db]) == 0
    wednesday = write(tmp_path, "wed.txt", TUESDAY.replace("June", "July"))
    assert main(["import", str(wednesday), "--db", db, "--revision-of", "1"]) == 0
    out = capsys.readouterr().out.splitlines()  # type: ignore[attr-defined]
    assert "as a new article" in out[0] and "not a revision" not in out[0]
    assert "as a new article" in out[1] and "not a revision of #1" in out[1]
    assert "as revision 2 of #1" in out[2]
    # --new: even a near-identical draft of the same title and outlet stays apart.
    sample = tmp_path / "sample.txt"
    sample.write_text(SAMPLE_ARTICLE.read_text().replace("54 people", "57 people"))
    assert main(["import", str(SAMPLE_ARTICLE), "--db", db]) == 0
    assert main(["import", str(sample), "--db", db, "--new"]) == 0
    out = capsys.readouterr().out.splitlines()  # type: ignore[attr-defined]
    assert "as a new article" in out[1]
    with Store.open(db, "reader", read_only=True) as store:
        assert len(store.list_articles()) == 4  # Monday+Wednesday, Tuesday, sample twice
    assert main(["import", str(mon), str(tue), "--db", db, "--revision-of", "1"]) == 2
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert err.strip() == "factcheck: --revision-of takes one file: the new draft of that article"
    friday = write(tmp_path, "fri.txt", MONDAY.replace("Monday", "Friday"))
    assert main(["import", str(friday), "--db", db, "--revision-of", "99"]) == 2
    assert "no article #99" in capsys.readouterr().err  # type: ignore[attr-defined]


async def import_in_tui(app: FactcheckApp, pilot: object, path: Path) -> None:
    await pilot.press("i")  # type: ignore[attr-defined]
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_tui_asks_when_a_same_title_article_may_not_be_the_same_story(
    store: Store, tmp_path: Path
) -> None:
    import_article(store, read_article_file(write(tmp_path, "mon.txt", MONDAY)))
    app = FactcheckApp(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_in_tui(app, pilot, write(tmp_path, "tue.txt", TUESDAY))
        assert isinstance(app.screen, YesNoDialog)
        assert "new draft of #1" in app.screen.title_text
        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(store.list_articles()) == 2
        # The next one, answered yes, becomes revision 2 of the latest Morning briefing.
        wednesday = "Morning briefing\n\nThe airport handled 2.3 million passengers in May.\n"
        await import_in_tui(app, pilot, write(tmp_path, "wed.txt", wednesday))
        assert isinstance(app.screen, YesNoDialog)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        # Escape imports nothing.
        thursday = "Morning briefing\n\nRainfall in April was 40 percent above average.\n"
        await import_in_tui(app, pilot, write(tmp_path, "thu.txt", thursday))
        assert isinstance(app.screen, YesNoDialog)
        await pilot.press("escape")
        await pilot.pause()
    assert any("as a new article" in m for m in messages), messages
    assert any("as revision 2 of #2" in m for m in messages), messages
    titles = [(a.id, a.title) for a in store.list_articles()]
    assert len(titles) == 2 and all(t == "Morning briefing" for _, t in titles)
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
