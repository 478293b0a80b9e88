"""A suggestion is over the line only when the claim and the report agree on more than one
anchor (issue #19, real claims): a match resting on one name or figure, or a claim not in
English, stays under the line as a weak suggestion and says why, in `factcheck match`, the
suggestions panel and link all."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_tui.cli import main
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.matching import match as matching
from factcheck_tui.core.matching.anchors import UNSAID, name_groups
from factcheck_tui.core.matching.earlier import EarlierCheck
from factcheck_tui.core.matching.match import Matcher
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.matching.same_claim import SUGGEST_THRESHOLD, SameClaimModel
from factcheck_tui.core.report_files.importing import import_reports
from factcheck_tui.core.store import Store
from factcheck_tui.core.text.language import in_english
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel
from tests.conftest import SNOPES, needs_snopes

# A line of a 2016 debate (CheckThat! 2020 task 5, half A): the model rated a photograph of
# Hillary Clinton with Osama bin Laden 99 % likely the same claim, on his name alone.
ONE_NAME = "We had to go into Pakistan; we had to go in there to get Osama bin Laden."
# A sentence of a German page of the 105 dev pages: 90 % for a phone-scam report ("#-9-0").
GERMAN = "Die Infektionssterblichkeit ist 0,9 Prozent."


@needs_snopes
@pytest.mark.parametrize(
    ("claim", "reason", "report_says"),
    [
        (ONE_NAME, "matched on one name only (osama bin laden)", "Osama bin Laden"),
        (GERMAN, "claim not in English", "#-9-0"),
        # A legal citation of a German page: a tsunami "on 22 July 2009", 86 % before.
        ("22 =WRP 2009, 1143 – CAD-Software).", "matched on figures only (22, 2009)", "tsunami"),
    ],
)
def test_a_match_on_one_anchor_stays_under_the_line_and_says_why(
    snopes: Path, claim: str, reason: str, report_says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(snopes, "tester", read_only=True) as store:
        assert matching.match(store, claim, 5) == []
        weak = matching.match_with_weak(store, claim, 5)
        held = [s for s in weak if s.held]
        assert held and all(s.weak and s.score < SUGGEST_THRESHOLD for s in held)
        assert held[0].held == reason and report_says in held[0].claim_text
        assert held[0].reasons[0] == f"held under the line: {reason}"
    assert main(["match", "--db", str(snopes), claim]) == 0
    out = capsys.readouterr().out
    assert out.startswith("no prior fact-check found"), out
    assert f"why: held under the line: {reason}" in out


@needs_snopes
def test_two_rare_words_side_by_side_are_one_phrase_one_anchor(snopes: Path) -> None:
    """A line of a sports list met Trump's new Twitter followers at 83 % (#19's third round);
    the model rates it under the line since round 5, and whatever a model rates it, the
    hold rules keep it there: "twitter followers" is one phrase, one anchor."""
    claim = "2.1 million twitter followers!"
    with Store.open(snopes, "tester", read_only=True) as store:
        assert matching.match(store, claim, 5) == []
        every_one_over = SameClaimModel((), (), (), (), 40.0)
        judged = Matcher(store.conn, model=every_one_over).judged(analyse(claim))
        bots = next(c for c in judged if "bots" in c.claim_text)
        assert bots.held == "matched on one phrase only (twitter followers)"
        assert bots.probability < SUGGEST_THRESHOLD


@needs_snopes
def test_a_claim_agreeing_on_a_name_and_what_is_said_of_it_stays_over(snopes: Path) -> None:
    """Two anchors (the name and a rare word), the right report over the line."""
    with Store.open(snopes, "tester", read_only=True) as store:
        found = matching.match(store, "Nike said they can afford to let go of all MAGA fans.", 5)
        assert found and "Nike" in found[0].claim_text and not found[0].held


@needs_snopes
def test_a_one_word_search_is_not_held(snopes: Path) -> None:
    """A typed word is all the checker asked for: agreeing on it is enough."""
    with Store.open(snopes, "tester", read_only=True) as store:
        assert all(not s.held for s in matching.match_with_weak(store, "Yovanovitch", 5))


def test_names_are_read_whole_and_only_where_case_means_something() -> None:
    assert set(name_groups(ONE_NAME).values()) == {"pakistan", "osama bin laden"}
    # A sentence's capitalised first word alone is no name; a month ends one.
    assert name_groups("Premiums have gone up since January.") == {}
    said = (
        "It was very cold in the city, said Donald J. Trump January 2014, on the GLOBAL "
        "WARMING HOAX."
    )
    assert set(name_groups(said).values()) == {"donald j trump", "global", "warming", "hoax"}
    assert name_groups(ONE_NAME.upper()) == {}


@pytest.mark.parametrize(
    "text",
    [
        GERMAN,
        "Geschieht dies nicht, ist die Preisanpassung unwirksam.",
        "Le gouvernement a annoncé qu'il ne sera pas candidat dans cette élection.",
        "El presidente dijo que la economía crece más que nunca.",
    ],
)
def test_another_language_is_not_english(text: str) -> None:
    assert not in_english(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Las Vegas debate was held in Los Angeles, said Al Gore to Le Monde.",
        "Thousands die in the war, and the army moves on.",
        "2.1 million twitter followers!",
        "Ich bin ein Berliner, said Kennedy in 1963 to the crowd in the city.",
    ],
)
def test_english_with_foreign_names_is_english(text: str) -> None:
    assert in_english(text)


def test_one_key_refusal_says_why_a_check_was_held() -> None:
    check = EarlierCheck(
        1, 1, "A story", "2024-01-01", "verified", "text", "", 35.0, (), weak=True,
        held="matched on one name only (osama bin laden)",
    )  # fmt: skip
    assert check.refusal == (
        "not applied: held under the suggestion line, matched on one name only "
        "(osama bin laden); set the verdict"
    )


@needs_snopes
async def test_the_panel_and_link_all_say_why_a_suggestion_was_held(
    snopes: Path, tmp_path: Path
) -> None:
    desk = tmp_path / "desk.db"
    desk.write_bytes(snopes.read_bytes())
    with Store.open(desk, "tester") as store:
        import_article(store, parse_article_text(f"date 2016-10-09 Debate\n\n{ONE_NAME}\n"))
        app = FactcheckApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            panel = app.screen.query_one(SuggestionsPanel)
            assert not panel.items, "nothing over the line"
            await pilot.press("w")
            await pilot.pause()
            lines = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
            held = [line for line in lines if "Osama bin Laden" in line and "35%" in line]
            assert held and "held under the line: matched on one name only" in held[0]
            assert held[0].startswith("1 weak ")
            await pilot.press("L")
            await app.workers.wait_for_complete()
            await pilot.pause()
            said = [str(n.message) for n in app._notifications]
            assert any(
                "No prior fact-check found for these 1 claims (1 claim held under the line: "
                "matched on one name only (1))" in message
                for message in said
            ), said


# A claim on the report's subject that says something else (#19, fifth round): the report is
# about nuclear weapons, the claim about a wall Mexico pays for; 97 % over the line before.
WALL = "Trump said he would build a wall and make Mexico pay for it"


@needs_snopes
def test_a_report_about_what_the_claim_does_not_say_is_held_and_says_what(
    snopes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(snopes, "tester", read_only=True) as store:
        assert matching.match(store, WALL, 5) == []
        weak = matching.match_with_weak(store, WALL, 5)
        nuclear = [s for s in weak if "nuclear weapons against Mexico" in s.claim_text]
        assert nuclear and nuclear[0].weak and nuclear[0].score < SUGGEST_THRESHOLD
        reason = nuclear[0].held
        assert reason.startswith(f"{UNSAID} (") and "nuclear weapons" in reason, reason
    assert main(["match", "--db", str(snopes), WALL]) == 0
    out = capsys.readouterr().out
    assert out.startswith("no prior fact-check found"), out
    assert f"why: held under the line: {reason}" in out


# A real debate line (CheckThat! 2020 task 5) against the Snopes report of another figure:
# the deficit with China, $505 billion, is not the global one, $800 billion.
DEFICIT = "And we have a $505 billion trade deficit right now."


@needs_snopes
def test_a_report_whose_figures_all_disagree_is_held_and_says_which(snopes: Path) -> None:
    with Store.open(snopes, "tester", read_only=True) as store:
        assert matching.match(store, DEFICIT, 5) == []
        weak = matching.match_with_weak(store, DEFICIT, 5)
        other = [s for s in weak if "trade deficit of $800 billion" in s.claim_text]
        assert other and other[0].weak and other[0].score < SUGGEST_THRESHOLD
        assert other[0].held == (
            "figures disagree (505 billion here, 800 billion in the report)"
        ), other[0].held


@needs_snopes
@pytest.mark.parametrize(
    ("tweet", "report_says"),
    [
        # CheckThat! 2020 train tweets 172 and 503: the report adds its own words (record-low
        # temperatures; celebrity, meat) to a claim the tweet states; still over the line.
        (
            "15 homeless people in #Chicago found frozen to death. Take a moment and think "
            "about how incredibly fortunate & blessed you are right now. Forget about Trumps "
            "wall, the Jordan’s you want, the new purse you want.etc…. "
            "pic.twitter.com/7IJNSk0kES — M_RAHMAN_BD (@MRAHMANBD3) January 27, 2019",
            "Fifteen homeless people in Chicago",
        ),
        (
            "Chef Jamie Oliver Proves McDonald’s Burgers “Unfit for Human Consumption” "
            "https://t.co/aEpqrkJZg4 — Rob (@djroblee) January 19, 2018",
            "Jamie Oliver proved",
        ),
    ],
)
def test_a_right_answer_saying_more_than_the_claim_stays_over(
    snopes: Path, tweet: str, report_says: str
) -> None:
    with Store.open(snopes, "tester", read_only=True) as store:
        found = matching.match(store, tweet, 5)
        assert found and report_says in found[0].claim_text and not found[0].held


@needs_snopes
def test_a_report_with_no_title_is_not_held_for_its_subject(tmp_path: Path) -> None:
    """The same Snopes reports imported without their titles: nothing says what a report is
    about beyond its claim, whose details a right answer need not repeat; the rule stays out."""
    bare = tmp_path / "claims.tsv"
    with SNOPES.open(encoding="utf-8", newline="") as source:
        source.readline()
        rows = (line.split("\t")[:2] for line in source.read().splitlines())
        bare.write_text(
            "id\tclaim\n" + "".join(f"{i}\t{claim}\n" for i, claim in rows), encoding="utf-8"
        )
    with Store.open(tmp_path / "desk.db", "tester") as store:
        import_reports(store, bare)
        weak = matching.match_with_weak(store, WALL, 5)
        assert any("nuclear weapons against Mexico" in s.claim_text for s in weak)
        assert not any(s.held.startswith(UNSAID) for s in weak)
