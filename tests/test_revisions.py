"""A revised draft of the sample article keeps the checks still valid and flags the rest."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetNote
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from tests.conftest import SAMPLE_ARTICLE

NEW_SENTENCE = "The Pentagon said 12 strikes were conducted in the area last week."


def revised_sample() -> str:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    lines = text.split("\n\n")
    ryan = next(i for i, p in enumerate(lines) if p.startswith("Colonel Sean Ryan"))
    del lines[ryan]  # one sentence removed
    text = "\n\n".join(lines).replace("killing 54 people", "killing 57 people")  # one figure
    return text + "\n\n" + NEW_SENTENCE + "\n"  # one sentence added


def check_everything(store: Store) -> dict[str, str]:
    claims = store.claims(1)
    store.apply(Mark([c.id for c in claims], "verified"))
    store.apply(SetNote(claims[1].id, "SOHR statement, 13 July"))
    store.apply(
        AddSource(
            claims[1].id,
            kind="url",
            reference="https://example.org/sohr",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    return {c.text: c.status for c in claims}


def test_revision_keeps_untouched_checks_and_flags_the_rest(sample_store: Store) -> None:
    before = check_everything(sample_store)
    result = import_article(sample_store, parse_article_text(revised_sample()))
    assert result.revision is not None
    summary = result.revision
    assert (summary.previous_id, summary.revision) == (1, 2)
    assert (summary.changed, summary.removed) == (1, 1)
    assert summary.kept == len(before) - 2
    assert summary.added >= 1
    claims = {c.text: c for c in sample_store.claims(result.article_id)}
    body = sample_store.article(result.article_id).body
    for claim in claims.values():
        if claim.revision_state != "removed":
            assert body[claim.start : claim.end] == claim.text
    kept = [c for c in claims.values() if not c.revision_state and c.text in before]
    assert len(kept) == summary.kept and all(c.status == "verified" for c in kept)
    observatory = next(c for c in kept if c.text.startswith("The Syrian Observatory"))
    assert observatory.note == "SOHR statement, 13 July"
    assert observatory.sources[0].reference == "https://example.org/sohr"
    changed = next(c for c in claims.values() if c.revision_state == "changed")
    assert "57 people" in changed.text and "54 people" in changed.previous_text
    assert changed.status == "unchecked"
    removed = next(c for c in claims.values() if c.revision_state == "removed")
    assert removed.text.startswith("Colonel Sean Ryan")
    assert NEW_SENTENCE in claims and claims[NEW_SENTENCE].status == "unchecked"
    # The desk sees the latest revision only; the export says which revision each row is.
    assert [a.id for a in sample_store.list_articles()] == [result.article_id]
    out = io.StringIO()
    export_csv(sample_store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {row["article_revision"] for row in rows} == {"2"}
    progress = sample_store.progress(result.article_id)
    assert progress.total == len(claims) - 1  # the removed claim is listed, not counted


def test_same_article_twice_is_not_a_revision(sample_store: Store) -> None:
    again = import_article(sample_store, parse_article_text(SAMPLE_ARTICLE.read_text()))
    assert (again.created, again.article_id, again.revision) == (False, 1, None)


async def test_changed_claim_shows_old_and_new_side_by_side(
    sample_store: Store, db_path: Path
) -> None:
    check_everything(sample_store)
    import_article(sample_store, parse_article_text(revised_sample()))
    app = FactcheckApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        detail = str(app.screen.query_one("#claim-detail").render())
        assert "before:" in detail and "54 people" in detail and "57 people" in detail


def test_the_list_marks_new_claims_and_a_changed_claim_once_rechecked(
    sample_store: Store,
) -> None:
    from factcheck_tui.tui.widgets.claim_list import claim_prompt

    check_everything(sample_store)
    revision = import_article(sample_store, parse_article_text(revised_sample())).article_id
    claims = sample_store.claims(revision)
    new = next(c for c in claims if c.text == NEW_SENTENCE)
    assert new.revision_state == "new"
    scale = sample_store.scale
    assert "new in this revision" in claim_prompt(new, False, scale).plain
    changed = next(c for c in claims if c.revision_state == "changed")
    assert "changed — re-check:" in claim_prompt(changed, False, scale).plain
    sample_store.apply(Mark([changed.id], "verified"))
    rechecked = sample_store.claim(changed.id)
    assert "changed — re-checked:" in claim_prompt(rechecked, False, scale).plain


def test_a_carried_claims_history_includes_its_checks_in_earlier_drafts(
    sample_store: Store,
) -> None:
    check_everything(sample_store)
    first = sample_store.claims(1)[1]
    revision = import_article(sample_store, parse_article_text(revised_sample())).article_id
    carried = next(c for c in sample_store.claims(revision) if c.text == first.text)
    assert sample_store.claim_lineage(carried.id) == [carried.id, first.id]
    actions = [
        (e.claim_id, e.action) for e in sample_store.events(claim_id=carried.id, lineage=True)
    ]
    assert (first.id, "status") in actions and (first.id, "note") in actions
    assert actions[0][0] == carried.id  # the newest first: the carry-over itself
    assert [e.claim_id for e in sample_store.events(claim_id=carried.id)] == [carried.id]


def test_a_sentence_quoted_twice_in_the_revision_keeps_its_check_where_it_stood(
    sample_store: Store,
) -> None:
    """The stored TextQuoteSelector (prefix and suffix) picks the occurrence: a revision that
    repeats a checked sentence higher up (a summary lead) carries the check to the sentence
    in its old surroundings, and the lead copy comes in as a new claim."""
    observatory = next(
        c for c in sample_store.claims(1) if c.text.startswith("The Observatory said")
    )
    sample_store.apply(Mark([observatory.id], "verified"))
    paragraphs = SAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    paragraphs.insert(2, observatory.text)  # before the paragraph it was in
    result = import_article(sample_store, parse_article_text("\n\n".join(paragraphs)))
    assert result.revision is not None
    body = sample_store.article(result.article_id).body
    first, last = body.index(observatory.text), body.rindex(observatory.text)
    assert first < last
    copies = [c for c in sample_store.claims(result.article_id) if c.text == observatory.text]
    carried = next(c for c in copies if c.status == "verified")
    assert carried.start == last
    assert [c.revision_state for c in copies if c.start == first] == ["new"]
