"""Claim extraction on the real sample article, and the rules' readable reasons."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck_tui.core.extraction.evidence import rule_evidence
from factcheck_tui.core.extraction.extract import (
    DEFAULT_THRESHOLD,
    ScoredSentence,
    extract,
    extract_claims,
    score_sentence,
    score_sentence_rules,
)
from factcheck_tui.core.store import Store

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


def test_a_name_does_not_run_on_into_the_next_sentence() -> None:
    """Two sentences in one claim (merged, or one input line): names stop at a full stop,
    but not at an abbreviation or an initial."""
    evidence = rule_evidence(
        "Most of the civilians killed were Iraqis. The coalition and Col. Sean Ryan of the "
        "U.S. Army met George W. Bush."
    )
    names = [r for r in evidence.reasons if r.startswith("named: ")]
    assert "named: Iraqis" in names and not any("Iraqis The" in r for r in names)
    # Names are shown without their dots; the run goes on past "Col.", "U.S." and "W.".
    assert "named: Col Sean Ryan of the U.S Army" in names
    assert "named: George W Bush" in names


def test_scoring_is_deterministic_and_never_raises() -> None:
    for text in ["", " ", "\x00", "🎉" * 50, "‏مرحبا", "a" * 10_000, "1" * 10_000, "?"]:
        first = score_sentence(text)
        assert first == score_sentence(text)
        assert 0.0 <= first[0] <= 1.0
    assert isinstance(extract("One. Two.")[0], ScoredSentence)


# --- `factcheck extract` ----------------------------------------------------------------

REPO = SEED.parent.parent


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck_tui", "extract", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=60,
    )


def test_cli_prints_the_claims_of_a_file_as_json_lines() -> None:
    text = SEED.read_text(encoding="utf-8")
    result = run_cli(str(SEED), "--jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert records and all(r["is_claim"] for r in records)
    assert set(records[0]) == {"text", "start", "end", "score", "is_claim", "reasons"}
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
    assert any("killing 54 people" in r["text"] for r in records)
    human = run_cli(str(SEED))
    assert human.returncode == 0
    assert "killing 54 people" in human.stdout.decode("utf-8")


def test_cli_all_and_one_per_line_from_stdin() -> None:
    data = "Unemployment fell to 4.1 percent in 2017.\n  What a day.  \n\nThank you. Bye.\n"
    result = run_cli("-", "--all", "--jsonl", "--one-per-line", stdin=data.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["text"] for r in records] == [
        "Unemployment fell to 4.1 percent in 2017.",
        "What a day.",
        "Thank you. Bye.",
    ]
    assert [r["is_claim"] for r in records] == [True, False, False]
    for record in records:
        assert data[record["start"] : record["end"]] == record["text"]
    claims_only = run_cli("-", "--jsonl", "--one-per-line", stdin=data.encode("utf-8"))
    assert len(claims_only.stdout.decode("utf-8").splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
    ids=["missing", "binary"],
)
def test_cli_rejects_bad_input_with_one_line(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run_cli(str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and message in lines[0], lines


# Input with terminal escapes (ESC, BEL, a C1 CSI, DEL), a NEL and a line separator inside
# one sentence, and a CRLF line end.
HOSTILE = (
    "The \x1b[31mminister\x1b[0m said unemployment fell to 4.1 percent in 2017.\a "
    "Sales rose \x85by $4\x07.2 billion\u2028 in 2016\x9b2J, the \x7freport said.\r\n"
)
CONTROLS = {chr(code) for code in (*range(0x20), *range(0x7F, 0xA0))} - {"\n"}


def test_cli_text_mode_shows_control_characters_instead_of_sending_them(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_bytes(HOSTILE.encode("utf-8"))
    result = run_cli(str(path), "--all")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not CONTROLS & set(out), sorted(CONTROLS & set(out))
    assert "\u2028" not in out and "\u2029" not in out
    assert "\u241b[31mminister\u241b[0m" in out  # ESC as its control picture
    assert "2017.\u2407" in out and "$4\u2407.2" in out  # BEL
    assert "\u2421report" in out  # DEL
    assert "2016\ufffd2J" in out  # C1 CSI
    lines = out.splitlines()
    assert len(lines) == len(out.split("\n")) - 1  # no stray line breaks inside a line
    assert lines[0].startswith("* ") and "[0:" in lines[0]


def test_cli_jsonl_keeps_control_characters_exact_one_record_a_line(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_bytes(HOSTILE.encode("utf-8"))
    result = run_cli(str(path), "--all", "--jsonl")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not CONTROLS & set(out) and "\u2028" not in out  # all escaped inside JSON strings
    # Every JSON Lines reader splits the same way: on \n only, and as str.splitlines does.
    assert out.endswith("\n") and out.splitlines() == out[:-1].split("\n")
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    for record in records:
        assert HOSTILE[record["start"] : record["end"]] == record["text"]
    joined = "".join(record["text"] for record in records)
    for fragment in ("\x1b[31m", "\a", "\x85", "\x07", "\u2028", "\x9b", "\x7f"):
        assert fragment in joined, repr(fragment)


@pytest.mark.parametrize(
    ("content", "stdin"),
    [(b"", False), (b" \n\t\r\n  \n", False), ("\ufeff\u3000\n".encode(), False), (b"", True)],
    ids=["empty-file", "whitespace-file", "bom-and-ideographic-space", "empty-stdin"],
)
def test_cli_empty_input_is_one_line_and_exit_2(
    tmp_path: Path, content: bytes, stdin: bool
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    for extra in ([], ["--jsonl"], ["--one-per-line", "--all"]):
        if stdin:
            result = run_cli("-", *extra, stdin=content)
            label = "<stdin>"
        else:
            result = run_cli(str(path), *extra)
            label = str(path)
        assert result.returncode == 2, (extra, result)
        assert result.stdout == b""
        err = result.stderr.decode("utf-8")
        assert err.endswith("\n") and err.count("\n") == 1, err
        what = "input" if stdin else "file"
        assert err == f"factcheck: {label}: the {what} is empty — nothing to extract\n"
        assert "Traceback" not in err


def test_cli_names_a_file_with_control_characters_safely(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "evil\x1b]0;owned\a.txt"))
    assert result.returncode == 2
    err = result.stderr.decode("utf-8")
    assert "\x1b" not in err and "\a" not in err
    assert "evil\u241b]0;owned\u2407.txt: no such file" in err


def test_cli_reads_an_html_page_as_import_does_not_its_markup(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<!doctype html><html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<h1>Jobs report</h1><p>Unemployment fell to <b>4.1 percent</b> in 2017, the "
        "ministry said.</p></body></html>",
        encoding="utf-8",
    )
    result = run_cli(str(page), "--jsonl", "--all")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert records and not any("<" in r["text"] or "color:red" in r["text"] for r in records)
    assert "Unemployment fell to" in records[0]["text"]
    # The same text import stores, and offsets that point into it.
    from factcheck_tui.core.intake.article_files import read_article_file

    body = read_article_file(page).body
    assert " ".join(r["text"] for r in records) == " ".join(body.split())
    for record in records:
        assert body[record["start"] : record["end"]] == record["text"]


def _with_pull_quote(body: str) -> tuple[str, str, int]:
    """The sample body with its first claim printed again as a pull quote, in quotation
    marks, as a paragraph of its own after the third: (new body, sentence, paragraph)."""
    claim = extract_claims(body)[0].text
    paragraphs = body.split("\n\n")
    paragraphs.insert(3, f"“{claim}”")
    return "\n\n".join(paragraphs), claim, 4


def test_a_pull_quote_printed_twice_is_one_claim(body: str) -> None:
    doubled, sentence, paragraph = _with_pull_quote(body)
    claims = extract_claims(doubled)
    assert len(claims) == len(extract_claims(body))
    first = claims[0]
    assert first.text == sentence
    assert first.reasons[-1] == f"also appears at paragraph {paragraph}"
    repeat = [s for s in extract(doubled) if s.text == f"“{sentence}”"]
    assert len(repeat) == 1 and not repeat[0].is_claim
    assert doubled[repeat[0].start : repeat[0].end] == repeat[0].text
    assert doubled.count("\n\n", 0, repeat[0].start) == paragraph - 1


def test_the_pull_quote_reason_is_stored_and_shown(store: Store, body: str) -> None:
    from factcheck_tui.core.intake.article_files import parse_article_text
    from factcheck_tui.core.intake.importing import import_article
    from factcheck_tui.core.records.verdicts import DEFAULT_SCALE
    from factcheck_tui.tui.screens.article_base import claim_detail

    doubled, sentence, paragraph = _with_pull_quote(body)
    result = import_article(store, parse_article_text("Pull quote\n\n" + doubled))
    claims = store.claims(result.article_id)
    assert [c.text for c in claims].count(sentence) == 1
    assert not any(c.text == f"“{sentence}”" for c in claims)
    (claim,) = [c for c in claims if c.text == sentence]
    article = store.article(result.article_id)
    assert article.body[claim.start : claim.end] == sentence
    shown = claim_detail(claim, DEFAULT_SCALE).plain
    assert f"also appears at paragraph {paragraph}" in shown


@pytest.mark.parametrize(
    ("body", "claim"),
    [
        (
            "The seat opened in 2012 when then-Rep. Esteban Torres (D-Calif.) declared"
            " he would not run again, after 16 years in Congress.",
            "The seat opened in 2012 when then-Rep. Esteban Torres (D-Calif.) declared"
            " he would not run again, after 16 years in Congress.",
        ),
        (
            '"We have tried everything for 20 years. It just doesn\'t," said Jeff Miller,'
            " the county's water manager. The dam holds 3.5 million acre-feet.",
            '"We have tried everything for 20 years. It just doesn\'t," said Jeff Miller,'
            " the county's water manager.",
        ),
    ],
    ids=["then-Rep", "quote-and-attribution"],
)
def test_issue_sentences_become_whole_claims(body: str, claim: str) -> None:
    texts = [s.text for s in extract(body)]
    assert claim in texts


def test_a_month_and_year_is_one_date_never_a_day() -> None:
    """ "March 2017" was read as "March 20" (the day's digits ran into the year's), and the
    facts proposed from the evidence inherited it."""
    from factcheck_tui.core.extraction.facts import propose_facts

    _, reasons = score_sentence(
        "The program began in March 2017 and ended on March 20, 2019, officials said."
    )
    assert "date: March 2017" in reasons and "date: March 20, 2019" in reasons
    assert "date: March 20" not in reasons
    facts = [(fact.text, fact.kind) for fact in propose_facts("It began in March 2017.")]
    assert ("March 2017", "date") in facts
