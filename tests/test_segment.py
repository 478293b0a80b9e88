"""Sentence splitting: awkward news copy, and properties that hold for any text."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck_tui.core.extraction.segment import split_sentences
from tests.sentence_cases import SentenceCase, load_cases


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


CASES: list[tuple[str, list[str]]] = [
    ("", []),
    ("   \n\t ", []),
    ("One sentence without a stop", ["One sentence without a stop"]),
    ("  Padded.  ", ["Padded."]),
    (
        "The U.S. military said 54 people died. Col. Sean Ryan declined to comment.",
        ["The U.S. military said 54 people died.", "Col. Sean Ryan declined to comment."],
    ),
    (
        "It came from the U.S. The report said so.",
        ["It came from the U.S.", "The report said so."],
    ),
    ("Officials in the U.K. Treasury said no.", ["Officials in the U.K. Treasury said no."]),
    (
        "Dr. Jones met Mr. and Mrs. Smith. Gen. Lee, Sen. Cruz, Rep. Ryan and Gov. Brown came.",
        [
            "Dr. Jones met Mr. and Mrs. Smith.",
            "Gen. Lee, Sen. Cruz, Rep. Ryan and Gov. Brown came.",
        ],
    ),
    (
        "George W. Bush was president. He left in 2009.",
        ["George W. Bush was president.", "He left in 2009."],
    ),
    (
        "Growth was 3.5% in 2014, or $4.2 billion. Then 1,200 jobs went.",
        ["Growth was 3.5% in 2014, or $4.2 billion.", "Then 1,200 jobs went."],
    ),
    ('He said "we will." Then he left.', ['He said "we will."', "Then he left."]),
    ("“We will.” Then he left.", ["“We will.”", "Then he left."]),
    ("She said ‘no.’ He agreed.", ["She said ‘no.’", "He agreed."]),
    ('"Will we?" he asked. Nobody knew.', ['"Will we?" he asked.', "Nobody knew."]),
    (
        "He paused... then went on. It ended… The next day was calm.",
        ["He paused... then went on.", "It ended…", "The next day was calm."],
    ),
    ("The quote [...] Was cut. Fine.", ["The quote [...] Was cut.", "Fine."]),
    ("(He left.) She stayed.", ["(He left.)", "She stayed."]),
    (
        "The vote (held on Jan. 5) passed. No. 10 Downing St. confirmed it.",
        ["The vote (held on Jan. 5) passed.", "No. 10 Downing St. confirmed it."],
    ),
    (
        "Acme Inc. The firm, e.g. its board, i.e. five people, met vs. rivals. Done.",
        ["Acme Inc.", "The firm, e.g. its board, i.e. five people, met vs. rivals.", "Done."],
    ),
    (
        "The war — which began in 2011 – goes on. Really? Yes!",
        ["The war — which began in 2011 – goes on.", "Really?", "Yes!"],
    ),
    (
        "WASHINGTON (Reuters) - The U.S. Senate voted 52-48 on Tuesday. It was close.",
        ["WASHINGTON (Reuters) - The U.S. Senate voted 52-48 on Tuesday.", "It was close."],
    ),
    (
        "A headline without a stop\n\nFirst paragraph\ncontinues here. Second one.",
        ["A headline without a stop", "First paragraph\ncontinues here.", "Second one."],
    ),
    (
        "Key points:\n- 54 people died\n• 28 were civilians\n1. one\n2) two",
        ["Key points:", "- 54 people died", "• 28 were civilians", "1. one", "2) two"],
    ),
    ("Windows line ends.\r\n\r\nNext paragraph", ["Windows line ends.", "Next paragraph"]),
    (
        "Visit example.com today. It is 9.30 a.m. now.",
        ["Visit example.com today.", "It is 9.30 a.m. now."],
    ),
    ("مرحبا بالعالم. هذا اختبار.", ["مرحبا بالعالم.", "هذا اختبار."]),
    ("这是第一句。这是第二句。", ["这是第一句。", "这是第二句。"]),
    ("Emoji 🎉 end. Next 👍🏽.", ["Emoji 🎉 end.", "Next 👍🏽."]),
    ("...", ["..."]),
    (
        "He fought in World War I. Germany lost. Then came Plan B. Democrats agreed.",
        ["He fought in World War I.", "Germany lost.", "Then came Plan B.", "Democrats agreed."],
    ),
    (
        "At 9:30 a.m. Dr. Lee spoke. It ended at 10 a.m. Dr. Lee left.",
        ["At 9:30 a.m. Dr. Lee spoke.", "It ended at 10 a.m.", "Dr. Lee left."],
    ),
    (
        'She said "we tried. . . . It failed." Then she left. The end . . . really.',
        ['She said "we tried. . . . It failed."', "Then she left.", "The end . . . really."],
    ),
    ("Wow!!! Really?!", ["Wow!!!", "Really?!"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_awkward_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def _check_spans(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_ordered_disjoint_stripped_spans(text: str) -> None:
    _check_spans(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "U.S.",
                "Dr.",
                " ",
                "\n",
                "\n\n",
                ".",
                "...",
                "?",
                '"',
                "”",
                ")",
                "- ",
                "a",
                "The",
                "3.5",
                "W.",
                "\u200f",
                "\u0301",
                "\x00",
                "😀",
                "。",
                "\u2029",
                "\r\n",
                "“",
                ",”",
                ',"',
                " said",
                "*",
                "[1]",
                "1. ",
                "then-Rep.",
                "p.m.",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_punctuation_soup_gives_valid_spans(text: str) -> None:
    _check_spans(text)


# The six inputs that once made a splitter backtrack or loop, a megabyte each, with what
# they must give. How long they take is measured in benchmarks/segmentation.py, beside
# real text in the same run (a wall-clock bound here failed on busy machines).
MEGABYTES = [
    pytest.param("a" * 1_000_000, 1, (0, 1_000_000), id="no-space"),
    pytest.param("word " * 200_000, 1, (0, 999_999), id="no-stop"),
    # the last four dots are one spaced ellipsis (". . . .")
    pytest.param(" ." * 500_000, 249_999, (999_993, 1_000_000), id="dots"),
    pytest.param("U.S. " * 200_000, 1, (0, 999_999), id="abbreviations"),
    pytest.param("(" * 1_000_000, 1, (0, 1_000_000), id="brackets"),
    pytest.param("\n \n" * 300_000, 0, None, id="blank-lines"),
]


@pytest.mark.parametrize(("text", "count", "last"), MEGABYTES)
def test_a_megabyte_gives_the_expected_spans(
    text: str, count: int, last: tuple[int, int] | None
) -> None:
    spans = split_sentences(text)
    assert len(spans) == count
    assert (spans[-1] if spans else None) == last


def _python_calls(function: Callable[[], object]) -> int:
    """Python and builtin function calls made by `function()`: a count of work that, unlike
    a clock, does not depend on how busy the machine is."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize(
    "unit",
    [
        *(p.values[0][:5] for p in MEGABYTES),
        'He said "we tried. It failed," then-Rep. Ng (D-Calif.) said. ',
    ],
    ids=[*(str(p.id) for p in MEGABYTES), "quotes-and-titles"],
)
def test_work_grows_linearly_with_the_input(unit: str) -> None:
    small = unit * (20_000 // len(unit))
    work_small = _python_calls(lambda: split_sentences(small))
    work_double = _python_calls(lambda: split_sentences(small + small))
    assert work_double <= 2.1 * work_small + 50


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: f"{case.case_id}-{case.category}")
def test_hard_cases_from_real_text(case: SentenceCase) -> None:
    assert tuple(sentences(case.text)) == case.expected, case.source
