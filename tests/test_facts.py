"""Every fact of a sentence (issue #21): the sample's first claim arrives with its facts, is
checked fact by fact by keyboard, struck through in the article, counted in the claim list,
`factcheck status --json` and the exports, commented on its exact words in the Word copy,
and carried into a revised draft where its words are unchanged."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_tui.core.desk.claim_checks import AddSource, Mark
from factcheck_tui.core.desk.fact_checks import (
    AddFact,
    EditFactSpan,
    MarkFacts,
    RecordDecision,
    RemoveFact,
    SetDispute,
    SetFactNote,
)
from factcheck_tui.core.extraction.facts import propose_facts
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.output.checked_csv import export_csv
from factcheck_tui.core.output.export_job import export_checks
from factcheck_tui.core.records.errors import ChangeRefused
from factcheck_tui.core.records.models import Claim, Fact
from factcheck_tui.core.records.verdicts import RuleError, Scale, scale_from_config
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.widgets.article_view import ArticleView
from factcheck_tui.tui.widgets.claim_list import ClaimList
from factcheck_tui.tui.widgets.fact_list import FactList
from tests.conftest import SAMPLE_ARTICLE

FIRST_FACTS = {
    "54 people": "number",
    "28 civilians": "number",
    "26 terror fanatics": "number",
    "eastern Syria": "place",
    "a war monitor said": "attribution",
}


def first_claim(store: Store) -> Claim:
    return store.claims(1)[0]


def fact(claim: Claim, words: str) -> Fact:
    return next(f for f in claim.facts if f.text == words)


def test_the_first_claim_arrives_with_its_facts(sample_store: Store) -> None:
    claim = first_claim(sample_store)
    found = {f.text: f.kind for f in claim.facts}
    assert FIRST_FACTS.items() <= found.items()
    body = sample_store.article(1).body
    assert all(body[f.start : f.end] == f.text for f in claim.facts)
    assert all(f.status == "unchecked" and f.origin == "proposed" for f in claim.facts)


def test_proposal_finds_who_said_it_and_quotes() -> None:
    facts = {
        (f.text, f.kind)
        for f in propose_facts(
            'Colonel Sean Ryan, a spokesman for the coalition, said "we have no information at '
            'this time", according to Reuters.'
        )
    }
    assert ("Colonel Sean Ryan", "name") in facts
    assert ("a spokesman for the coalition, said", "attribution") in facts
    assert ("according to Reuters", "attribution") in facts
    assert any(kind == "quote" for _, kind in facts)
    assert propose_facts("") == [] and propose_facts("and so on") == []


def test_fact_changes_are_undone_one_by_one(sample_store: Store) -> None:
    claim = first_claim(sample_store)
    body = sample_store.article(1).body
    start = body.index("massive airstrike")
    added = sample_store.apply(AddFact(claim.id, start, start + len("massive airstrike")))
    assert fact(first_claim(sample_store), "massive airstrike").origin == "checker"
    with pytest.raises(ChangeRefused):
        sample_store.apply(AddFact(claim.id, 0, claim.end + 5))  # beyond the sentence
    sample_store.apply(EditFactSpan(added, start + 8, start + len("massive airstrike")))
    assert fact(first_claim(sample_store), "airstrike").id == added
    today = fact(claim, "today")
    sample_store.apply(RemoveFact(today.id))
    assert "today" not in {f.text for f in first_claim(sample_store).facts}
    assert sample_store.undo() is not None  # the removal
    assert fact(first_claim(sample_store), "today").id == today.id
    sample_store.apply(MarkFacts([f.id for f in claim.facts], "verified"))
    assert first_claim(sample_store).facts_left == 1  # the added one
    assert "fact mark" in (sample_store.undo() or "")  # one step for the whole batch
    assert first_claim(sample_store).facts_left == len(claim.facts) + 1
    actions = [e.action for e in sample_store.events(claim_id=claim.id)]
    assert {"add_fact", "edit_fact", "remove_fact", "fact_status", "undo"} <= set(actions)


def test_a_dispute_and_the_editors_call_show_in_history_and_the_csv(
    sample_store: Store,
) -> None:
    claim = first_claim(sample_store)
    fanatics = fact(claim, "26 terror fanatics")
    sample_store.apply(SetDispute(claim.id, fanatics.id, "the writer", "the army's own count"))
    sample_store.apply(RecordDecision(claim.id, fanatics.id, "changed", "Maria Lopez"))
    sample_store.apply(SetDispute(claim.id, 0, "a source", "the monitor revised its toll"))
    sample_store.apply(RecordDecision(claim.id, 0, "kept", "Maria Lopez"))
    after = first_claim(sample_store)
    assert fact(after, "26 terror fanatics").status == "disputed"
    assert after.dispute is not None and after.dispute.decision == "kept"
    from factcheck_tui.core.desk.event_text import event_values

    worded = " | ".join(
        " ".join(event_values(e, sample_store.scale, lambda _: None))
        for e in sample_store.events(claim_id=claim.id)
    )
    assert "disputed by: the writer" in worded and "Maria Lopez" in worded
    assert "26 terror fanatics" in worded and "editor's call: changed" in worded
    out = io.StringIO()
    export_csv(sample_store, out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert "disputed by a source: the monitor revised its toll" in row["dispute"]
    assert "editor's call: kept (Maria Lopez" in row["dispute"]
    assert (
        "26 terror fanatics: disputed (disputed by the writer: the army's own count · "
        "editor's call: changed (Maria Lopez"
    ) in row["facts"]


def test_verifying_over_an_unchecked_fact_follows_the_desk_rule(
    sample_store: Store,
) -> None:
    rule: Scale = scale_from_config({"rules": {"facts_checked_before_verified": True}})
    sample_store.scale = rule
    claim = first_claim(sample_store)
    with pytest.raises(RuleError, match="unchecked"):
        sample_store.apply(Mark([claim.id], "verified"))
    sample_store.apply(MarkFacts([f.id for f in claim.facts], "verified"))
    assert sample_store.apply(Mark([claim.id], "verified")) == 1
    assert sample_store.apply(Mark([claim.id], "partly-verified")) == 1  # not positive


def check_first_claim_by_keyboard_store(store: Store) -> None:
    claim = first_claim(store)
    store.apply(MarkFacts([fact(claim, "54 people").id], "verified"))
    store.apply(MarkFacts([fact(claim, "26 terror fanatics").id], "unverified"))
    store.apply(SetFactNote(fact(claim, "26 terror fanatics").id, "army says 19"))


async def test_facts_by_keyboard(sample_store: Store) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await pilot.press("tab")
        assert isinstance(app.focused, FactList)
        order = [f.text for f in first_claim(sample_store).facts]
        await pilot.press(*["j"] * order.index("54 people"), "v")
        await pilot.press(*["j"] * (order.index("26 terror fanatics") - order.index("54 people")))
        await pilot.press("u", "n")
        await pilot.pause()
        from factcheck_tui.tui.dialogs.text_edit import TextEditDialog

        assert isinstance(app.screen, TextEditDialog)
        await pilot.press(*"army: 19", "ctrl+s")
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#reference").value = "SOHR statement"  # type: ignore[attr-defined]
        app.screen.query_one("#locator").value = "p. 2, para 3"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        claim = first_claim(sample_store)
        fanatics = fact(claim, "26 terror fanatics")
        assert fact(claim, "54 people").status == "verified"
        assert (fanatics.status, fanatics.note) == ("unverified", "army: 19")
        (source,) = claim.fact_sources(fanatics.id)
        assert source.locator == "p. 2, para 3" and "p. 2, para 3" in source.describe()
        # The claim list counts the facts; the article strikes the checked ones through.
        prompt = app.screen.query_one(ClaimList).get_option_at_index(0).prompt
        assert "2/7 facts" in str(prompt)
        view = app.screen.query_one(ArticleView)
        styles = _styles_over(view, "54 people") + _styles_over(view, "26 terror fanatics")
        assert all("strike" in style for style in styles) and styles
        assert any("underline" in s for s in _styles_over(view, "28 civilians"))
        await pilot.press("ctrl+z")  # the source, then the note
        await pilot.press("ctrl+z")
        assert fact(first_claim(sample_store), "26 terror fanatics").note == ""
        await pilot.press("escape")
        assert isinstance(app.focused, ClaimList)
        # Verified while a fact is unverified: asked first; n leaves the verdict alone.
        await pilot.press("v")
        from factcheck_tui.tui.dialogs.confirm import ConfirmDialog

        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert first_claim(sample_store).status == "unchecked"
        await pilot.press("p")
        assert first_claim(sample_store).status == "partly-verified"
        # V in the facts marks every still-unchecked fact at once (one undo step).
        await pilot.press("tab", "V")
        assert first_claim(sample_store).facts_left == 0
        await pilot.press("ctrl+z")
        assert first_claim(sample_store).facts_left == 5
        # Tab from the facts still moves on to the suggestions.
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "suggestions"


def _styles_over(view: ArticleView, words: str) -> list[str]:
    """The styles rich gives the characters of `words` in the article's first paragraph."""
    text = view._texts[0]
    start = text.plain.index(words)
    return [
        str(span.style)
        for span in text.spans
        if span.start <= start and start + len(words) <= span.end and "on #" not in str(span.style)
    ]


def test_status_json_and_exports_count_the_facts(sample_store: Store, db_path: Path) -> None:
    check_first_claim_by_keyboard_store(sample_store)
    sample_store.checkpoint()
    env = {**os.environ, "FACTCHECK_CHECKER": "tester"}
    status = subprocess.run(
        [sys.executable, "-m", "factcheck_tui", "status", "--json", "--db", str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    (row,) = json.loads(status.stdout)
    assert row["facts_left"] == row["facts"] - 2 and row["facts"] >= 7
    out = io.StringIO()
    export_csv(sample_store, out)
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert "54 people: verified; " in first["facts"]
    assert "26 terror fanatics: unverified" in first["facts"]
    assert first["facts_left"] == str(len(first_claim(sample_store).facts) - 2)
    facts_out = io.StringIO()
    export_checks(sample_store, facts_out, "csv-facts", article_id=1)
    rows = list(csv.DictReader(io.StringIO(facts_out.getvalue())))
    assert len(rows) == sum(len(c.facts) for c in sample_store.claims(1))
    fanatics = next(r for r in rows if r["fact"] == "26 terror fanatics")
    assert (fanatics["fact_status"], fanatics["note"]) == ("unverified", "army says 19")


def test_the_word_copy_comments_on_the_facts_own_words(sample_store: Store, tmp_path: Path) -> None:
    import docx

    check_first_claim_by_keyboard_store(sample_store)
    claim = first_claim(sample_store)
    sample_store.apply(
        AddSource(
            claim.id,
            "document",
            "army statement",
            "primary",
            "2018-07-14",
            "p. 2",
            fact(claim, "26 terror fanatics").id,
        )
    )
    sample_store.apply(Mark([claim.id], "unverified"))
    path = tmp_path / "copy.docx"
    export_checks(sample_store, path, "docx", article_id=1)
    document = docx.Document(str(path))  # python-docx opens it, with our comments
    assert len(list(document.comments)) >= 3
    texts = _comment_anchors(path)
    assert texts["26 terror fanatics"].startswith("Fact “26 terror fanatics”: unverified")
    assert "army says 19" in texts["26 terror fanatics"] and "p. 2" in texts["26 terror fanatics"]
    assert texts["54 people"].startswith("Fact “54 people”: verified")
    whole = next(text for words, text in texts.items() if words.startswith("A massive"))
    assert "Facts: 2 of 7 checked; left: ISIS; eastern Syria" in whole


def _comment_anchors(path: Path) -> dict[str, str]:
    """The words each comment of a .docx is anchored on, with the comment's text."""
    import zipfile
    from xml.etree import ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        body = ET.fromstring(archive.read("word/document.xml"))
        notes = ET.fromstring(archive.read("word/comments.xml"))
    comment_text = {
        c.get(w + "id"): "\n".join(
            "".join(t.text or "" for t in p.iter(w + "t")) for p in c.iter(w + "p")
        )
        for c in notes.iter(w + "comment")
    }
    open_ids: dict[str, list[str]] = {}
    anchors: dict[str, str] = {}
    for element in body.iter():
        if element.tag == w + "commentRangeStart":
            open_ids[element.get(w + "id") or ""] = []
        elif element.tag == w + "commentRangeEnd":
            words = "".join(open_ids.pop(element.get(w + "id") or "", []))
            anchors[words] = comment_text[element.get(w + "id")]
        elif element.tag == w + "t":
            for parts in open_ids.values():
                parts.append(element.text or "")
    return anchors


def test_a_revised_draft_brings_a_changed_fact_back_unchecked(sample_store: Store) -> None:
    claim = first_claim(sample_store)
    sample_store.apply(MarkFacts([f.id for f in claim.facts], "verified"))
    sample_store.apply(
        AddSource(
            claim.id,
            "url",
            "https://example.org/sohr",
            "primary",
            "2018-07-14",
            "",
            fact(claim, "28 civilians").id,
        )
    )
    revised = SAMPLE_ARTICLE.read_text(encoding="utf-8").replace("54 people", "56 people")
    result = import_article(sample_store, parse_article_text(revised))
    assert result.revision is not None
    new = sample_store.claims(result.article_id)[0]
    assert new.revision_state == "changed"
    fifty_six = fact(new, "56 people")
    assert (fifty_six.status, fifty_six.revision_state, fifty_six.previous_text) == (
        "unchecked",
        "changed",
        "54 people",
    )
    others = [f for f in new.facts if f.text != "56 people"]
    assert {f.text for f in others} == {f.text for f in claim.facts} - {"54 people"}
    assert all(f.status == "verified" for f in others)
    body = sample_store.article(result.article_id).body
    assert all(body[f.start : f.end] == f.text for f in new.facts)
    civilians = fact(new, "28 civilians")
    assert [s.reference for s in new.fact_sources(civilians.id)] == ["https://example.org/sohr"]
    kept = sample_store.claims(result.article_id)[1]
    assert kept.facts and all(f.status == "unchecked" for f in kept.facts)


def test_facts_proposed_with_a_claims_score_are_the_sentences_own() -> None:
    """A batch proposes a claim's facts from the searches scoring ran (where a figure's
    words widen it, names are looked for again): the same facts as the sentence alone."""
    from factcheck_tui.core.extraction.extract import extract
    from factcheck_tui.core.extraction.facts import fact_rows
    from tests.dev_pages import dev_page

    widened = 0
    for page in ("reuters.com.parasite.html", "theverge.com.ios13.html"):
        article = parse_article_text(dev_page(page).decode("utf-8"), name=page, fmt="html")
        claims = [s for s in extract(article.body, with_facts=True) if s.is_claim]
        assert claims and all(claim.facts is not None for claim in claims)
        for claim in claims:
            assert list(claim.facts or ()) == fact_rows(claim.text), claim.text
            rows = claim.facts or ()
            widened += any(" " in words and kind == "number" for _, _, words, kind in rows)
    assert widened  # "54 people": the path where names are looked for again was taken
    assert all(s.facts is None for s in extract(article.body) if s.is_claim)
