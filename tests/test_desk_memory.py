"""Issue #14 in the TUI: the follow-up offered the check already made (by keyboard), weak
suggestions folded under the line and linked with one key, the panel never holding up a key
while it loads, and the desk-wide search opening the claim where it is."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import Mark, SetCorrection, SetNote
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import ImportArticle, import_article
from factcheck_tui.core.matching.same_claim import SUGGEST_THRESHOLD
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.claim_list import ClaimList
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel
from tests.conftest import REPO
from tests.test_earlier_checks import ISSUE_FOLLOW_UP, SAMPLE_STRIKE

SIZE = (140, 40)
SAMPLE_REPORTS = REPO / "sample_db" / "prior_reports.jsonl"


async def settled(app: FactcheckApp, pilot: object) -> SuggestionsPanel:
    """Workers done, messages handled; the article screen's panel (an unmounted one on other
    screens)."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    found = app.screen.query(SuggestionsPanel)
    return found.first() if found else SuggestionsPanel(app.store.scale)


async def test_the_follow_up_is_offered_the_check_by_keyboard(
    sample_store: Store, db_path: Path
) -> None:
    """Mark the strike verified in the sample, open the follow-up, and `1` applies our check."""
    follow_up = import_article(sample_store, parse_article_text(ISSUE_FOLLOW_UP)).article_id
    strike = next(c for c in sample_store.claims(1) if c.text == SAMPLE_STRIKE)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")  # the follow-up is newest; the sample second
        await settled(app, pilot)
        assert app.screen.current_claim.id == strike.id  # type: ignore[attr-defined]
        await pilot.press("v", "escape", "k", "enter")
        panel = await settled(app, pilot)
        claim = app.screen.current_claim  # type: ignore[attr-defined]
        assert claim.article_id == follow_up
        first = panel.items[0]
        assert first.earlier is not None and first.earlier.claim_id == strike.id
        assert any(r.startswith("numbers agree: 54") for r in first.earlier.reasons)
        rendered = str(panel.get_option_at_index(0).prompt)
        assert "ours" in rendered and "ISIS Reduced to" in rendered
        await pilot.press("1")
    with Store.open(db_path, "reader") as reader:
        applied = reader.claims(follow_up)[0]
        assert (applied.status, applied.copied_from) == ("verified", strike.id)


async def test_a_weak_suggestion_is_folded_and_one_key_away(
    sample_store: Store, db_path: Path
) -> None:
    """'The Syrian Observatory for Human Rights said…': the SOHR-source report is under the
    line: listed folded, `w` shows it, its number links it."""
    import_reports(sample_store, SAMPLE_REPORTS)
    claims = sample_store.claims(1)
    index = next(i for i, c in enumerate(claims) if WEAK_CASE in c.text)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settled(app, pilot)
        app.screen.query_one(ClaimList).highlighted = index
        panel = await settled(app, pilot)
        weak = [item for item in panel.found if item.weak]
        holdouts = [i for i in weak if i.report.external_id == "example-sohr-source"]
        assert holdouts and holdouts[0].report.score < SUGGEST_THRESHOLD
        assert all(not item.weak for item in panel.items)  # folded: not numbered
        fold = str(panel.get_option_at_index(len(panel.items)).prompt)
        plural = "s" if len(weak) != 1 else ""
        assert f"{len(weak)} weak suggestion{plural} under the line (w shows them)" in fold
        await pilot.press("w")
        number = 1 + next(
            n for n, item in enumerate(panel.items) if item.report is holdouts[0].report
        )
        assert panel.items[number - 1].weak and number <= 5
        assert "weak" in str(panel.get_option_at_index(number - 1).prompt)
        await pilot.press(str(number))
    with Store.open(db_path, "reader") as reader:
        claim = reader.claims(1)[index]
        linked = {r.url for r in claim.linked_reports}
        assert holdouts[0].report.url in linked


# A sample claim with a report over the line and others under it.
WEAK_CASE = "The Syrian Observatory for Human Rights said"
DESK_NOTE = "SOHR by phone: 45 killed at the market, not 54"


def noted_desk(store: Store) -> tuple[int, int]:
    """The sample plus the follow-up; a note on a claim of the sample. (claim id, article)"""
    import_article(store, parse_article_text(ISSUE_FOLLOW_UP))
    claim = store.claims(1)[4]
    store.apply(SetNote(claim.id, DESK_NOTE))
    return claim.id, claim.article_id


def test_factcheck_search_finds_a_note_in_another_article(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck_tui.cli import main

    claim_id, article_id = noted_desk(sample_store)
    assert main(["search", "--db", str(sample_store.path), "--json", "45 killed"]) == 0
    hits = json.loads(capsys.readouterr().out)
    noted = next(hit for hit in hits if hit["claim_id"] == claim_id)
    assert noted["article_id"] == article_id == 1
    assert "note" in noted["found_in"] and noted["note"] == DESK_NOTE
    assert any(r.startswith("numbers agree: 45") for r in noted["reasons"])
    # The sample's "killing 54" claim is found too, and says its figure disagrees.
    strike = next(hit for hit in hits if hit["text"] == SAMPLE_STRIKE)
    assert any("45 searched, 54 here" in r for r in strike["reasons"])
    changed = [hit["changed_at"] for hit in hits]
    assert changed == sorted(changed, reverse=True) and hits[0]["claim_id"] == claim_id
    assert main(["search", "--db", str(sample_store.path), "45 killed"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. unchecked · 'ISIS Reduced to") and "found in note" in out
    assert main(["search", "--db", str(sample_store.path), "   "]) == 2
    assert "nothing to search for" in capsys.readouterr().err


async def test_the_desk_search_opens_the_claim_where_it_is(sample_store: Store) -> None:
    """From the follow-up's article screen, `F`, type, Enter: the sample opens on the noted
    claim."""
    from textual.widgets import Input

    from factcheck_tui.tui.screens.desk_search import DeskSearchScreen

    claim_id, article_id = noted_desk(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the follow-up, newest
        await settled(app, pilot)
        assert app.screen.article_id != article_id  # type: ignore[attr-defined]
        await pilot.press("F")
        assert isinstance(app.screen, DeskSearchScreen)
        app.screen.query_one(Input).value = "45 killed market"
        await pilot.pause()  # the Changed message starts the search worker
        await settled(app, pilot)
        assert app.screen.results and app.screen.results[0].claim_id == claim_id
        await pilot.press("enter")
        await settled(app, pilot)
        assert app.screen.article_id == article_id  # type: ignore[attr-defined]
        assert app.screen.current_claim.id == claim_id  # type: ignore[attr-defined]
        # And from the article list.
        await pilot.press("escape", "F")
        app.screen.query_one(Input).value = "SOHR phone"
        await pilot.pause()
        await settled(app, pilot)
        await pilot.press("enter")
        await settled(app, pilot)
        assert app.screen.current_claim.id == claim_id  # type: ignore[attr-defined]


def bigger_desk(store: Store, articles: int = 20, per_article: int = 50) -> None:
    """`articles` stories of `per_article` checked claims each, from the sample's sentences
    with their figures varied (so earlier checks have thousands of near-twins to sift)."""
    import re

    sentences = [c.text for c in store.claims(1)]
    for a in range(articles):
        picked = [
            re.sub(
                r"\d+", lambda m, a=a: str(int(m.group()) + a + 1), sentences[k % len(sentences)]
            )
            for k in range(per_article)
        ]
        body, spans = "", []
        for text in picked:
            if body:
                body += "\n\n"
            spans.append(
                {
                    "text": text,
                    "start": len(body),
                    "end": len(body) + len(text),
                    "score": 1.0,
                    "reasons": ["test"],
                }
            )
            body += text
        article, _ = store.apply(
            ImportArticle(title=f"Archive story {a}", body=body, date="2017-01-01", claims=spans)
        )
        store.apply(Mark([c.id for c in store.claims(article)], "verified"))


def highlighted_in(view: object) -> set[int]:
    """The claims the article view paints as selected (what its last `show` drew)."""
    rendered = getattr(view, "_rendered")  # noqa: B009
    return {entry[0] for key in rendered if key for entry in key[0] if entry[4]}


async def test_keys_are_followed_while_suggestions_load_on_a_big_desk(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thousand checked claims; the suggestions worker is held until released. Every `j`
    moves the cursor, the highlighted sentence and the detail at once; when the worker is
    let go, the panel shows the suggestions of the claim the cursor is on."""
    from factcheck_tui.core.matching import earlier as earlier_module
    from factcheck_tui.tui.screens import claim_suggestions
    from factcheck_tui.tui.widgets.article_view import ArticleView

    bigger_desk(sample_store)
    sample_store.apply(Mark([sample_store.claims(1)[0].id], "verified"))
    release = threading.Event()
    real = earlier_module.earlier_checks
    calls: list[int] = []

    def slow_earlier_checks(store: Store, claim_id: int, limit: int = 3) -> object:
        calls.append(claim_id)
        release.wait(10)
        return real(store, claim_id, limit)

    monkeypatch.setattr(claim_suggestions, "earlier_checks", slow_earlier_checks)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        titles = [a.title for a in sample_store.list_articles()]
        await pilot.press(*["j"] * titles.index("ISIS Reduced to a Handful of Holdouts in Syria"))
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        claims = screen.claims  # type: ignore[attr-defined]
        for step in range(1, 6):
            await pilot.press("j")
            current = screen.current_claim  # type: ignore[attr-defined]
            assert current.id == claims[step].id
            assert screen.query_one(ClaimList).highlighted == step
            assert highlighted_in(screen.query_one(ArticleView)) == {current.id}
            panel = screen.query_one(SuggestionsPanel)
            assert panel.claim_id != current.id and not panel.items  # still looking
        await pilot.press("v")  # a mark while the worker waits: committed at once
        assert sample_store.claim(claims[5].id).status == "verified"
        release.set()
        panel = await settled(app, pilot)
        assert panel.claim_id == claims[5].id  # the latest selection won
        assert calls[0] == claims[0].id and calls[-1] == claims[5].id


def test_factcheck_match_prints_weak_ones_under_a_separator(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck_tui.cli import main

    import_reports(sample_store, SAMPLE_REPORTS)
    claim = next(c for c in sample_store.claims(1) if WEAK_CASE in c.text)
    assert main(["match", "--db", str(sample_store.path), claim.text]) == 0
    lines = capsys.readouterr().out.splitlines()
    separator = lines.index(
        f"-- weak: under the suggestion line ({SUGGEST_THRESHOLD:.0f}% likely the same claim) --"
    )
    scores = [int(line.split()[1].rstrip("%")) for line in lines if line[:1].isdigit()]
    ranks = [line for line in lines if line[:1].isdigit()]
    above = [line for line in lines[:separator] if line[:1].isdigit()]
    assert above and len(ranks) > len(above)  # some over the line, some under it
    assert all(score >= SUGGEST_THRESHOLD for score in scores[: len(above)])
    assert all(score < SUGGEST_THRESHOLD for score in scores[len(above) :])
    assert "example-sohr-source" not in "\n".join(lines[:separator])
    assert any("sohr-source" in line for line in lines[separator:])


def test_factcheck_search_finds_a_suggested_correction(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck_tui.cli import main

    claim = sample_store.claims(1)[2]
    sample_store.apply(SetCorrection(claim.id, "Say 61 killed, per the Observatory's update"))
    assert main(["search", "--db", str(sample_store.path), "--json", "Observatory update 61"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and hits[0]["claim_id"] == claim.id and "correction" in hits[0]["found_in"]
    sample_store.undo(1)  # the correction's undo takes it out of the index again
    assert main(["search", "--db", str(sample_store.path), "--json", "Observatory update 61"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert all("correction" not in hit["found_in"] for hit in hits)
