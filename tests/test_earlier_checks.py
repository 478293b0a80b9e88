"""Our own earlier checks come first: a claim in a second article is offered the first
article's check, and applying it copies verdict, note and sources with provenance."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck_tui.core.earlier import apply_earlier_check, earlier_checks
from factcheck_tui.core.importing import import_article
from factcheck_tui.core.ingest import parse_article_text
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.suggestions import SuggestionsPanel

FOLLOW_UP = """date 2018-07-14 Death toll from Syria strike

An airstrike in eastern Syria killed 54 people including 28 civilians and 26 fighters, \
a war monitor said.

Residents said 45 people were killed in a strike on a market in the same province last week.
"""


def checked_first_article(store: Store) -> int:
    first = store.claims(1)[0]
    store.set_status([first.id], "verified")
    store.set_note(first.id, "SOHR figures, confirmed with SOHR by phone")
    store.add_source(
        first.id,
        kind="person",
        reference="Rami Abdulrahman, SOHR",
        tier="primary",
        consulted_on="2018-07-13",
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
    apply_earlier_check(sample_store, claim.id, earlier_id)
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
