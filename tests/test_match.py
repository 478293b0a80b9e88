"""Matching claims against prior reports: the sample paraphrase, numbers, the strong rule,
tweet clutter, FTS operators searched literally, the pruned query, and `factcheck match`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck_tui.cli import main
from factcheck_tui.core.db.search_index import SearchIndex
from factcheck_tui.core.matching import reranking, same_claim
from factcheck_tui.core.matching.match import Matcher, match
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.matching.reranking import combine
from factcheck_tui.core.matching.retrieval import SearchLimits, fts_query
from factcheck_tui.core.report_files.importing import import_reports, upsert_reports
from factcheck_tui.core.report_files.rows import ReportRecord
from factcheck_tui.core.store import Store
from factcheck_tui.core.text.numbers import numbers
from factcheck_tui.core.text.pasted import clean_query

SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "sample_db" / "prior_reports.jsonl"
ARTICLE_SENTENCE = (
    "A massive airstrike struck an ISIS-held area of eastern Syria, killing 54 people "
    "including 28 civilians as well as 26 terror fanatics, a war monitor said earlier today."
)
# Filler reports: enough to take the FTS path (more than FULL_SCAN_MAX reports).
FILLER_WORDS = (
    "budget harvest river council vaccine stadium election bridge festival drought "
    "railway museum pension tariff glacier satellite orchestra mayor ferry library"
).split()


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "t.db", "tester")
    import_reports(store, SAMPLE_REPORTS)
    yield store
    store.close()


@pytest.fixture
def big(sample: Store) -> Store:
    """The sample reports among 400 unrelated ones."""
    records = []
    for i in range(400):
        picked = [FILLER_WORDS[(i * k + k) % len(FILLER_WORDS)] for k in range(1, 9)]
        records.append(ReportRecord(f"filler-{i}", f"The {' '.join(picked)} report {i}."))
    upsert_reports(sample, records)
    return sample


def test_article_sentence_finds_its_paraphrase_strongly(sample: Store) -> None:
    found = match(sample, ARTICLE_SENTENCE, 3)
    best = found[0]
    assert best.external_id == "example-syria-airstrike-54-killed"
    assert best.strong and best.score >= same_claim.STRONG_THRESHOLD
    assert {"54", "28", "civilians", "monitor"} <= set(best.shared_words)
    assert best.numbers_agree == ("54", "28")
    assert "numbers agree: 54, 28" in best.why
    assert 0 <= best.score <= 100
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_one_shared_word_is_not_a_suggestion_however_rare(sample: Store) -> None:
    # "city" is in two of the sample's reports and in nothing else of this claim.
    claim = "The city council voted 7-2 on Tuesday to raise parking fees by 15 percent."
    assert match(sample, claim, 5) == []
    ranked = Matcher(sample.conn).judged(analyse(claim))
    assert ranked and all(c.probability < same_claim.SUGGEST_THRESHOLD for c in ranked)
    # A one-word search is another thing: that word is all the checker asked for.
    assert match(sample, "city", 5)


def test_disagreeing_figures_lower_the_score_and_are_never_strong(sample: Store) -> None:
    claim = "An air strike in eastern Syria killed 45 people, 28 of them civilians, said a monitor"
    found = {s.external_id: s for s in match(sample, claim, 5)}
    agreeing = found["example-syria-airstrike-45-killed"]
    disagreeing = found["example-syria-airstrike-54-killed"]
    assert agreeing.strong and not disagreeing.strong
    assert disagreeing.numbers_disagree == (("45", "54"),)
    assert "numbers disagree: 45 here, 54 in the report (score lowered)" in disagreeing.why
    assert "not strong: the numbers disagree" in disagreeing.why
    # The penalty is what lowered it: the same features without the disagreement score more.
    ranked = {c.external_id: c for c in Matcher(sample.conn).rank(analyse(claim))}
    features = dict(ranked["example-syria-airstrike-54-killed"].features)
    assert features["numbers_disagree"] == 1.0
    lowered = combine(features)
    features["numbers_disagree"] = 0.0
    assert lowered == pytest.approx(combine(features) - reranking.NUMBER_PENALTY)


def test_figures_of_different_kinds_do_not_disagree(sample: Store) -> None:
    # A year and a count are not the same quantity; nor are 2 and 350.
    claim = "ISIS declared a cross-border caliphate in Syria and Iraq, 2 reporters said"
    best = match(sample, claim, 1)[0]
    assert best.external_id == "example-isis-caliphate-2014"
    assert best.numbers_disagree == ()
    assert [f.value for f in numbers("54,000 people; 3.5 million; 70 per cent; fifty-four")] == [
        54000,
        3.5e6,
        70,
        54,
    ]


def test_strong_needs_eight_shared_words(sample: Store) -> None:
    best = match(sample, "Syrian foreign ministry called it a massacre", 1)[0]
    assert best.external_id == "example-massacre-statement"
    assert best.score >= same_claim.STRONG_THRESHOLD
    assert not best.strong
    assert "shared words, 8 needed" in best.why


def test_tweet_clutter_is_cleaned_like_any_pasted_claim(sample: Store) -> None:
    tweet = (
        "BREAKING: #ISIS declared a cross-border caliphate in #Syria and Iraq in 2014 "
        "https://t.co/AbC123 pic.twitter.com/xYz @SyriaWatch — Some One (@someone) "
        "July 13, 2018"
    )
    cleaned = clean_query(tweet)
    assert "http" not in cleaned and "pic.twitter" not in cleaned and "@" not in cleaned
    assert "ISIS" in cleaned and "Syria Watch" in cleaned and "Some One July 2018" in cleaned
    assert match(sample, tweet, 1)[0].external_id == "example-isis-caliphate-2014"
    # The date line of a tweet is not a figure of the claim.
    assert [f.text for f in analyse(tweet).figures] == ["2014"]


@pytest.mark.parametrize(
    "text",
    [
        'NEAR(syria isis, 5) AND NOT "unbalanced',
        "syria* OR (isis",
        "^coalition: -strike + 100% {x}",
        "AND OR NOT NEAR",
        '"""',
        "",
        "the of and",
    ],
)
def test_fts_operators_are_searched_literally(big: Store, text: str) -> None:
    found = match(big, text, 5, min_score=0)
    assert isinstance(found, list)


def test_operator_words_are_ordinary_words(big: Store) -> None:
    upsert_reports(big, [ReportRecord("near-not", "Troops were NOT near the border crossing")])
    assert fts_query(["near", "not", 'a"b']) == '"near" OR "not" OR "a""b"'
    best = match(big, "NOT NEAR border crossing", 1, min_score=0)[0]
    assert best.external_id == "near-not"


def test_long_posting_lists_take_the_summed_idf_path(
    big: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The path used when the claim's terms are common (at a million reports), on a small base.
    # Limits are passed, not patched into retrieval's constants: SearchLimits' defaults are
    # read when the class is made, and patching them left this test on the bm25 path (#19).
    summed = SearchIndex.fts_weighted
    calls: list[int] = []

    def spy(index: SearchIndex, *args: Any) -> list[int]:
        calls.append(1)
        return summed(index, *args)

    monkeypatch.setattr(SearchIndex, "fts_weighted", spy)
    limits = SearchLimits(bm25_postings=0, preselect=150)
    best = Matcher(big.conn, limits=limits).match(ARTICLE_SENTENCE, 1)[0]
    assert best.external_id == "example-syria-airstrike-54-killed"
    assert calls
    rarest = SearchLimits(postings_budget=0, bm25_postings=0, preselect=150)  # MIN_QUERY_TERMS
    found = Matcher(big.conn, limits=rarest).match("Daraa ceasefire announced by rebels", 1)
    assert found[0].external_id.startswith("example-daraa-ceasefire")
    assert len(calls) == 2


def test_split_and_joined_words_meet(big: Store) -> None:
    upsert_reports(
        big,
        [
            ReportRecord("soros", "George Soros funded the protest, a meme claims"),
            ReportRecord("airstrike", "An airstrike destroyed the bakery in the old town"),
        ],
    )
    assert match(big, "#georgesoros funded the protest", 1)[0].external_id == "soros"
    assert match(big, "An air strike destroyed the bakery", 1)[0].external_id == "airstrike"


def test_misspelt_names_still_match(big: Store) -> None:
    upsert_reports(big, [ReportRecord("kelly", "Megyn Kelly is a covert campaign operative")])
    assert match(big, "Megan Kelly is a campaign operative", 1)[0].external_id == "kelly"


def test_database_without_the_search_index_still_matches(sample: Store) -> None:
    sample.conn.execute("DROP TABLE report_terms")
    assert match(sample, ARTICLE_SENTENCE, 1)[0].external_id.endswith("54-killed")


def test_nothing_to_match(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db", "tester") as store:
        assert match(store, ARTICLE_SENTENCE) == []


def test_matching_loads_neither_textual_nor_numpy(sample: Store) -> None:
    # rapidfuzz's cdist would need numpy; only a big desk's summed-weights path loads it.
    code = (
        "import sys\n"
        "from factcheck_tui.core.store import Store\n"
        "from factcheck_tui.core.matching.match import match\n"
        f"s = Store.open({str(sample.path)!r}, 't', read_only=True)\n"
        "assert match(s, 'Megan said the air strike in Syria killed 54 people')\n"
        "print(sorted(m for m in ('numpy', 'textual') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


# ------------------------------------------------------------------------- CLI
def test_cli_match_prints_suggestions(sample: Store, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(sample.path)
    assert main(["match", "--db", db, "--top", "2", ARTICLE_SENTENCE]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("1. ") and "STRONG" in first and "Mostly true" in first
    assert "https://example.org/fact-checks/syria-airstrike-54-killed" in out
    assert "   why: " in out and out.count("why:") <= 2

    assert main(["match", "--db", db, "--json", "--top", "1", ARTICLE_SENTENCE]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["external_id"] == "example-syria-airstrike-54-killed"
    assert rows[0]["strong"] is True and rows[0]["why"]


def test_cli_match_queries_file(
    sample: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "\tquery text\n"
        f"q1\t{ARTICLE_SENTENCE}\n"
        "no tab here\n"
        "q2\tDid the Tabqa dam collapse and flood Raqqa?\n",
        encoding="utf-8",
    )
    code = main(["match", "--db", str(sample.path), "--queries", str(queries), "--top", "3"])
    out, err = capsys.readouterr()
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert all(len(fields) == 5 and fields[4] in {"0", "1"} for fields in lines)
    assert lines[0][:3] == ["q1", "1", "example-syria-airstrike-54-killed"]
    assert {fields[0] for fields in lines} == {"q1", "q2"}
    for query_id in ("q1", "q2"):
        ranks = [int(f[1]) for f in lines if f[0] == query_id]
        assert ranks == list(range(1, len(ranks) + 1)) and len(ranks) <= 3
    assert all(0 <= float(fields[3]) <= 100 for fields in lines)
    assert "line 3: no tab" in err


def test_cli_match_needs_a_claim(sample: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--db", str(sample.path)]) == 2
    assert "nothing to match" in capsys.readouterr().err


def test_shared_grams_by_substring_equal_the_candidates_own_grams() -> None:
    """`_grams_in` (substring search, #19) finds exactly the grams the candidate's own padded
    words make, on real Snopes claims against real tweets and on edge cases (two-letter words,
    decimals, accents, stopwords, dotted acronyms)."""
    from factcheck_tui.core.text.folding import fold
    from tests.conftest import SHARED_DATA

    snopes = SHARED_DATA / "checkthat2020-task2" / "verified_claims.docs.tsv"
    if not snopes.exists():
        pytest.skip(f"no {snopes}")
    lines = snopes.read_text(encoding="utf-8").splitlines()[1:1500]
    texts = [*lines, "U.S. 3.5 millions — café Megyn's ab xy", "a b", "ab", "1 2 3.25", ""]
    compared = 0
    for i, text in enumerate(texts):
        query = reranking._grams(texts[(i * 7919) % len(texts)], reranking.GRAM_SIZE)
        own = reranking._grams(fold(text), reranking.GRAM_SIZE, folded=True)
        assert reranking._grams_in(query, fold(text)) == query & own, text
        compared += bool(query & own)
    assert compared > 500  # most pairs share some grams: the comparison is not vacuous
