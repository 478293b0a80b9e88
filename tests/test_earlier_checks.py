"""Our own earlier checks come first: a claim in a second article is offered the first
article's check, and applying it copies verdict, note and sources with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.desk.earlier_checks import ApplyEarlier
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.matching.earlier import earlier_checks
from factcheck_tui.core.matching.same_claim import SUGGEST_THRESHOLD
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel

SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "sample_db" / "prior_reports.jsonl"
FOLLOW_UP = """date 2018-07-14 Death toll from Syria strike

An airstrike in eastern Syria killed 54 people including 28 civilians and 26 fighters, \
a war monitor said.

Residents said 45 people were killed in a strike on a market in the same province last week.
"""


def checked_first_article(store: Store) -> int:
    first = store.claims(1)[0]
    store.apply(Mark([first.id], "verified"))
    store.apply(SetNote(first.id, "SOHR figures, confirmed with SOHR by phone"))
    store.apply(
        AddSource(
            first.id,
            kind="person",
            reference="Rami Abdulrahman, SOHR",
            tier="primary",
            consulted_on="2018-07-13",
        )
    )
    return first.id


def second_article(store: Store) -> int:
    return import_article(store, parse_article_text(FOLLOW_UP)).article_id


def test_earlier_check_is_offered_and_numbers_matter(sample_store: Store) -> None:
    earlier_id = checked_first_article(sample_store)
    article = second_article(sample_store)
    same, different = sample_store.claims(article)[:2]
    offered = earlier_checks(sample_store, same.id)
    assert offered and offered[0].claim_id == earlier_id
    assert "checked on" in offered[0].headline("verified")
    assert "ISIS Reduced to" in offered[0].headline("verified")
    assert any("numbers agree" in r for r in offered[0].reasons)
    others = earlier_checks(sample_store, different.id)
    assert all(check.score < offered[0].score for check in others)


def test_applying_records_provenance_and_undoes(sample_store: Store) -> None:
    earlier_id = checked_first_article(sample_store)
    article = second_article(sample_store)
    claim = sample_store.claims(article)[0]
    sample_store.apply(ApplyEarlier(claim.id, earlier_id))
    applied = sample_store.claim(claim.id)
    assert applied.status == "verified" and applied.copied_from == earlier_id
    assert applied.note == "SOHR figures, confirmed with SOHR by phone"
    assert applied.sources[0].reference == "Rami Abdulrahman, SOHR"
    event = sample_store.events(claim_id=claim.id)[0]
    assert event.action == "apply_earlier"
    assert json.loads(event.new_value or "{}")["from_claim"] == earlier_id
    sample_store.undo(article)
    undone = sample_store.claim(claim.id)
    assert (undone.status, undone.note, undone.sources, undone.copied_from) == (
        "unchecked",
        "",
        (),
        None,
    )


async def test_one_key_applies_the_earlier_verdict(sample_store: Store, db_path: Path) -> None:
    earlier_id = checked_first_article(sample_store)
    article = second_article(sample_store)
    app = FactcheckApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")  # the newest article is listed first
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen.query_one(SuggestionsPanel)
        assert panel.items and panel.items[0].earlier is not None
        await pilot.press("1")
    with Store.open(db_path, "reader") as reader:
        claim = reader.claims(article)[0]
        assert claim.status == "verified" and claim.copied_from == earlier_id


# ------------------------------------------------------------- issue #14: the desk remembers
ISSUE_FOLLOW_UP = """date 2018-07-20 Syria strike toll rises

The death toll from an air strike that killed 54 people including 28 civilians near the \
towns of al-Sousa and al-Baghuz Fawqani has risen, the Syrian Observatory for Human Rights \
said on Friday.
"""
SAMPLE_STRIKE = (
    "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
    "including 28 civilians as well as 26 terror fanatics, a war monitor said earlier today."
)


def strike_claim(store: Store) -> int:
    return next(c.id for c in store.claims(1) if c.text == SAMPLE_STRIKE)


def test_the_follow_up_is_offered_the_check_already_made(sample_store: Store) -> None:
    """The issue's pair: token_set_ratio scored it 59, under the old cut of 70."""
    from rapidfuzz import fuzz, utils

    earlier_id = strike_claim(sample_store)
    sample_store.apply(Mark([earlier_id], "verified"))
    follow_up = import_article(sample_store, parse_article_text(ISSUE_FOLLOW_UP)).article_id
    claim = sample_store.claims(follow_up)[0]
    assert claim.text.startswith("The death toll from an air strike")
    old_score = fuzz.token_set_ratio(
        utils.default_process(claim.text), utils.default_process(SAMPLE_STRIKE)
    )
    assert old_score < 70  # the old path's cut: it was never offered
    offered = earlier_checks(sample_store, claim.id)
    assert offered and offered[0].claim_id == earlier_id and not offered[0].weak
    assert not offered[0].numbers_disagree
    assert any(r.startswith("numbers agree: 54") and "28" in r for r in offered[0].reasons)
    assert not offered[0].same_article


def test_the_index_follows_every_mark_in_its_transaction(sample_store: Store) -> None:
    """Marked: indexed; back to unchecked, dismissed, or undone: gone; all without a rebuild."""
    earlier_id = strike_claim(sample_store)
    follow_up = import_article(sample_store, parse_article_text(ISSUE_FOLLOW_UP)).article_id
    claim = sample_store.claims(follow_up)[0]
    assert earlier_checks(sample_store, claim.id) == []
    sample_store.apply(Mark([earlier_id], "verified"))
    assert [c.claim_id for c in earlier_checks(sample_store, claim.id)] == [earlier_id]
    sample_store.undo(1)
    assert earlier_checks(sample_store, claim.id) == []
    sample_store.apply(Mark([earlier_id], "unverified"))
    sample_store.apply(Mark([earlier_id], "unchecked"))
    assert earlier_checks(sample_store, claim.id) == []
    sample_store.apply(Mark([earlier_id], "verified"))
    # The index rebuilt from scratch holds exactly what the marks left.
    conn = sample_store.conn
    before = sorted(conn.execute("SELECT term, df FROM checked_terms").fetchall())
    ids = conn.execute("SELECT claim_id FROM checked_claims").fetchall()
    with sample_store.write():
        from factcheck_tui.core.db import claim_search

        claim_search.CHECKED.rebuild(conn)
    assert sorted(conn.execute("SELECT term, df FROM checked_terms").fetchall()) == before
    assert conn.execute("SELECT claim_id FROM checked_claims").fetchall() == ids == [(earlier_id,)]


def test_a_failed_mark_leaves_the_index_as_it_was(sample_store: Store) -> None:
    """The index write is part of the mark's transaction: a refused mark changes neither."""
    import pytest

    earlier_id = strike_claim(sample_store)
    second_article(sample_store)  # a newer article; revision 2 replaces nothing here
    with pytest.raises(RuntimeError), sample_store.write():
        from factcheck_tui.core.db import claims as claims_table

        claims_table.update_claim(sample_store.conn, earlier_id, status="verified")
        assert sample_store.conn.execute("SELECT count(*) FROM checked_claims").fetchone()[0] == 1
        raise RuntimeError("the rest of the change failed")
    assert sample_store.conn.execute("SELECT count(*) FROM checked_claims").fetchone()[0] == 0


PULL_QUOTE = """date 2018-07-21 Inside the Baghuz pocket

Aid groups said the camp now holds 9,000 people who fled the fighting in recent weeks.

The coalition said it had struck 12 positions held by the group near the river on Thursday.

"The camp now holds 9,000 people who fled the fighting," aid groups said.
"""


def test_a_repeated_sentence_is_offered_also_in_this_article(store: Store) -> None:
    """A pull quote repeats a checked sentence in other words: the first copy's check is
    offered for the repeat as "also in this article"."""
    article = import_article(store, parse_article_text(PULL_QUOTE)).article_id
    first, *_, repeat = store.claims(article)
    assert first.text.startswith("Aid groups said the camp now holds 9,000 people")
    assert repeat.text.startswith('"The camp now holds 9,000')
    store.apply(Mark([first.id], "verified"))
    offered = earlier_checks(store, repeat.id)
    assert offered and offered[0].claim_id == first.id and offered[0].same_article
    assert "also in this article" in offered[0].headline("verified")
    assert any(
        "numbers agree: 9000" in r or "numbers agree: 9,000" in r for r in offered[0].reasons
    )


def test_a_claims_own_copy_in_an_earlier_revision_is_not_offered(sample_store: Store) -> None:
    earlier_id = strike_claim(sample_store)
    sample_store.apply(Mark([earlier_id], "verified"))
    article = sample_store.article(1)
    revised = parse_article_text(
        f"date {article.date} {article.title}\n\n{article.body}\n\nThis paragraph was added."
    )
    summary = import_article(sample_store, revised)
    assert summary.article_id != 1
    carried = next(c for c in sample_store.claims(summary.article_id) if c.text == SAMPLE_STRIKE)
    assert carried.status == "verified"
    assert earlier_checks(sample_store, carried.id) == []


def test_factcheck_match_lists_our_earlier_check_first(
    sample_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck_tui.cli import main
    from factcheck_tui.core.report_files.importing import import_reports

    import_reports(sample_store, SAMPLE_REPORTS)
    earlier_id = strike_claim(sample_store)
    sample_store.apply(Mark([earlier_id], "verified"))
    sample_store.apply(SetNote(earlier_id, "SOHR figures, confirmed by phone"))
    follow_up = ISSUE_FOLLOW_UP.split("\n\n", 1)[1].strip()
    db = str(sample_store.path)
    assert main(["match", "--db", db, follow_up]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("1. ") and " OURS verified · checked " in lines[0]
    assert "in 'ISIS Reduced to a Handful of Holdouts in Syria' (article 1)" in lines[0]
    assert lines[1].strip() == SAMPLE_STRIKE
    assert "numbers agree: 54" in out and "note: SOHR figures" in out
    assert any(line.startswith("2. ") and "OURS" not in line for line in lines)  # a report

    assert main(["match", "--db", db, "--json", follow_up]) == 0
    rows = json.loads(capsys.readouterr().out)
    kinds = [row["kind"] for row in rows]
    assert kinds[0] == "earlier" and "report" in kinds
    assert kinds == sorted(kinds)  # every earlier check before every report
    assert rows[0]["claim_id"] == earlier_id and rows[0]["verdict"] == "verified"
    assert all(isinstance(row["score"], float) and "weak" in row for row in rows)
    weak = [row for row in rows if row["weak"]]
    assert all(row["score"] < SUGGEST_THRESHOLD for row in weak)
    assert all(row["score"] >= SUGGEST_THRESHOLD for row in rows if not row["weak"])
