"""Issue #20, second round: news calibration and honest reasons, on real pages of
../shared/data and on the hand labels of tests/data/news_claims.tsv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from factcheck_tui.core.extraction import news
from factcheck_tui.core.extraction.evidence import rule_evidence
from factcheck_tui.core.extraction.extract import extract, extract_claims
from factcheck_tui.core.intake.article_files import parse_article_bytes
from tests.conftest import SHARED_DATA

LABELS = Path(__file__).resolve().parent / "data" / "news_claims.tsv"
PAGES = SHARED_DATA / "html-pages-dev" / "pages"
EVIDENCE_FOR = ("lede", "date", "number", "quantity", "percent", "money", "ordinal", "named")
EVIDENCE_FOR += ("attribution", "comparison", "causal", "wording")


def test_the_labels_cover_three_splits_of_distinct_pages() -> None:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    split_of: dict[str, set[str]] = {}
    for row in rows:
        assert row["label"] in {"c", "n", "j"}, row
        split_of.setdefault(row["page"], set()).add(row["split"])
    assert all(len(splits) == 1 for splits in split_of.values())
    pages = [next(iter(s)) for s in split_of.values()]
    assert (pages.count("dev"), pages.count("held-out"), pages.count("fresh")) == (13, 7, 10)


@pytest.mark.skipif(not PAGES.is_dir(), reason="needs ../shared/data")
@pytest.mark.parametrize("page", ["reuters.com.parasite.html", "threatpost.com.android.html"])
def test_every_claim_of_a_real_page_says_first_what_makes_it_check_worthy(page: str) -> None:
    body = parse_article_bytes((PAGES / page).read_bytes(), name=page, fmt="html").body
    claims = extract_claims(body)
    assert claims
    for claim in claims:
        assert claim.reasons, claim.text
        assert claim.reasons[0].partition(":")[0] in EVIDENCE_FOR, claim.reasons
        against = [r for r in claim.reasons if r.startswith("against: ")]
        assert claim.reasons[len(claim.reasons) - len(against) :] == tuple(against)


def test_evidence_against_a_claim_is_marked_and_listed_last() -> None:
    sentence = "The bridge might cost $4.5 million, the transport office said on Monday."
    reasons = extract(sentence)[0].reasons
    assert "against: opinion: might" in reasons
    assert reasons[-1] == "against: opinion: might"
    assert reasons.index("money: $4.5 million") < reasons.index("against: opinion: might")


def test_a_claim_without_evidence_says_its_wording_carried_it() -> None:
    assert news.claim_reasons((), True) == (news.WORDING_REASON,)
    assert news.claim_reasons((), False) == ()
    assert news.claim_reasons(("short: 3 words",), False) == ("against: short: 3 words",)


def test_a_byline_without_a_full_stop_is_not_a_claim_but_the_sentence_is() -> None:
    story = (
        "The council voted on Monday to close the bridge for repairs next spring.\n\n"
        "Engineers told the council in March that two supports had cracked.\n\n"
    )
    byline = "Kathy Pham, Computer Scientist and Product Leader at Mozilla and Harvard"
    scored = extract(story + byline + "\n\n" + byline + " spoke in March.")
    by_text = {s.text: s for s in scored}
    assert not by_text[byline].is_claim
    assert by_text[byline + " spoke in March."].is_claim


def test_a_shell_command_scores_lower_than_the_same_words_as_prose() -> None:
    command = "$ pip freeze > requirements.txt --user ~/venv/bin/python3.7"
    counts = rule_evidence(command).counts
    assert news.news_features(command, counts, 8).get("symbols", 0) > 0.5
    prose = "Python 3.7 was released in June 2018, the foundation said."
    assert "symbols" not in news.news_features(prose, rule_evidence(prose).counts, 10)
