"""The rules' evidence (core/extraction/evidence.py) searched fast: the case-insensitive
patterns run case-sensitive on the lower-cased sentence must find exactly what they find
with re.IGNORECASE on the sentence itself, or the sentence is searched the slow way."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_tui.core.extraction import evidence
from factcheck_tui.core.extraction.evidence import rule_evidence
from tests.conftest import SHARED_DATA

# Letters where lower-casing and re.IGNORECASE part ways, beside ordinary text.
ALPHABET = "aAbBdDeEiImMsSyYkKuUrRtT0123456789 .,$%£-'\"’“”İıſKΣσς"


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def assert_same_matches(text: str) -> None:
    patterns, searched = evidence.caseless(text)
    ignoring_case = evidence._ignoring_case()
    for pattern in evidence._CASELESS_PATTERNS:
        expected = spans(ignoring_case[pattern], text)
        assert spans(patterns[pattern], searched) == expected, (pattern, text)


@pytest.mark.parametrize(
    "text",
    [
        "MAY 5, 2004: the Mayor said 20 million USD were spent on May 3.",
        "Unemployment FELL to 4.1 PERCENT in 2017, the LOWEST rate, according to the BLS.",
        "İstanbul's mayor said 5 people died",  # "İ" lower-cases to two characters
        "ſaid the ıncrease was 40%",  # "ſ" and "ı" match "s" and "i" only under IGNORECASE
        "The KELVIN sign: 3K, and ΣΑΣ said so on Tuesday.",
    ],
)
def test_the_lowered_search_finds_what_ignorecase_finds(text):
    assert_same_matches(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_the_lowered_search_finds_what_ignorecase_finds_on_any_text(text):
    assert_same_matches(text)


def test_evidence_keeps_the_sentences_own_spelling():
    found = rule_evidence("On MAY 5 the Mayor of Paris said prices ROSE by 20 percent.")
    assert "date: MAY 5" in found.reasons
    assert "comparison: rose" in found.reasons
    assert "percent: 20 percent" in found.reasons


def test_the_claimbuster_sentences_get_the_same_evidence_both_ways(monkeypatch):
    path = SHARED_DATA / "claimbuster" / "train.json"
    if not path.exists():
        pytest.skip("shared data not here")
    texts = [r["text"] for r in json.loads(path.read_text(encoding="utf-8"))[:1500]]
    fast = [rule_evidence(text) for text in texts]
    monkeypatch.setattr(evidence, "caseless", lambda text: (evidence._ignoring_case(), text))
    assert [rule_evidence(text) for text in texts] == fast
