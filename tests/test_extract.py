"""Claim extraction on the real sample article, and the rules' readable reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck_tui.core.extract import (
    DEFAULT_THRESHOLD,
    ScoredSentence,
    extract,
    extract_claims,
    score_sentence,
    score_sentence_rules,
)

SEED = Path(__file__).resolve().parent.parent / "sample_db" / "seed_article.txt"

EXPECTED_CLAIMS = [
    "killing 54 people including 28 civilians as well as 26 terror fanatics",
    "The Syrian Observatory for Human Rights said the air strike hit",
    "targeted an ice factory",
    "Colonel Sean Ryan, a spokesman for the US-led coalition",
    "declaring a cross-border 'caliphate'",
]


@pytest.fixture(scope="module")
def body() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text.split("\n\n", 1)[1]


def test_sample_article_claims_include_the_checkable_sentences(body: str) -> None:
    claims = extract_claims(body)
    for fragment in EXPECTED_CLAIMS:
        assert any(fragment in claim.text for claim in claims), fragment
    assert all(claim.is_claim and claim.score >= DEFAULT_THRESHOLD for claim in claims)


def test_offsets_slice_back_exactly(body: str) -> None:
    scored = extract(body)
    assert len(scored) >= 15
    for sentence in scored:
        assert body[sentence.start : sentence.end] == sentence.text
        assert 0.0 <= sentence.score <= 1.0
    starts = [sentence.start for sentence in scored]
    assert starts == sorted(starts)


def test_extract_claims_is_the_claim_subset_of_extract(body: str) -> None:
    assert extract_claims(body) == [s for s in extract(body) if s.is_claim]
    assert extract_claims(body, threshold=1.01) == []
    assert len(extract_claims(body, threshold=0.0)) == len(extract(body))


@pytest.mark.parametrize(
    "sentence",
    [
        "We have no further information at this time.",
        "What a day.",
        "I think that is a wonderful idea.",
        "Thank you very much.",
        "Why would anyone do that?",
    ],
)
def test_plain_sentences_are_not_claims(sentence: str) -> None:
    assert extract_claims(sentence) == []
    score, _ = score_sentence(sentence)
    assert score < DEFAULT_THRESHOLD


def test_reasons_name_the_evidence() -> None:
    _, reasons = score_sentence_rules(
        "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
        "including 28 civilians, a war monitor said on Thursday."
    )
    for reason in (
        "quantity: 54 people",
        "quantity: 28 civilians",
        "attribution: said",
        "date: Thursday",
        "named: ISIS",
        "named: Syria",
    ):
        assert reason in reasons
    _, reasons = score_sentence_rules(
        "The Syrian Observatory for Human Rights said unemployment rose to 3.5% in 2014, "
        "the highest in a decade, because $4.2 billion in aid was cut."
    )
    for reason in (
        "named: Syrian Observatory for Human Rights",
        "percent: 3.5%",
        "date: 2014",
        "comparison: highest",
        "causal: because",
        "money: $4.2 billion",
    ):
        assert reason in reasons


def test_scoring_is_deterministic_and_never_raises() -> None:
    for text in ["", " ", "\x00", "🎉" * 50, "‏مرحبا", "a" * 10_000, "1" * 10_000, "?"]:
        first = score_sentence(text)
        assert first == score_sentence(text)
        assert 0.0 <= first[0] <= 1.0
    assert isinstance(extract("One. Two.")[0], ScoredSentence)
