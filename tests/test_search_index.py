"""The search index's reading side at scale (#19): the summed-weights pre-selection numpy
computes is SQL's `GROUP BY id ORDER BY sum(w) DESC, id`, ties and cuts included, on real
Snopes claims; a pre-selection is cut on the search terms alone and still finds what
reading every row found."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck_tui.core.db import claim_search
from factcheck_tui.core.db.chunked import SIZE
from factcheck_tui.core.db.search_index import REPORTS
from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.matching import reranking
from factcheck_tui.core.matching.match import Matcher
from factcheck_tui.core.matching.query import analyse
from factcheck_tui.core.matching.retrieval import SearchLimits, fts_query
from factcheck_tui.core.report_files.importing import upsert_reports
from factcheck_tui.core.report_files.rows import ReportRecord
from factcheck_tui.core.store import Store
from factcheck_tui.core.text.search_terms import content_stems
from tests.conftest import SNOPES

REPORTS_READ = 1_500


@pytest.fixture(scope="module")
def snopes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """1,500 real Snopes claims (with their titles) as prior reports."""
    if not SNOPES.exists():
        pytest.skip(f"no {SNOPES}")
    records = []
    for line in SNOPES.read_text(encoding="utf-8").splitlines()[1 : REPORTS_READ + 1]:
        number, claim, title = ([*line.split("\t"), "", ""])[:3]
        records.append(ReportRecord(f"snopes-{number}", claim, title=title))
    store = Store.open(tmp_path_factory.mktemp("snopes") / "snopes.db", "tester")
    upsert_reports(store, records)
    yield store
    store.close()


def by_sql(store: Store, weighted: list[tuple[float, str]], limit: int) -> list[int]:
    """The definition: every (id, weight) posting, summed per id in SQL."""
    parts = " UNION ALL ".join(
        "SELECT rowid AS id, ? AS w FROM reports_fts WHERE reports_fts MATCH ?" for _ in weighted
    )
    params: list[object] = [value for pair in weighted for value in pair]
    rows = store.conn.execute(
        f"SELECT id FROM ({parts}) GROUP BY id ORDER BY sum(w) DESC, id LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [int(row[0]) for row in rows]


def common_terms(store: Store, count: int) -> list[tuple[str, int]]:
    return store.conn.execute(
        "SELECT term, df FROM report_terms WHERE term NOT LIKE ' %' ORDER BY df DESC, term LIMIT ?",
        (count,),
    ).fetchall()


@pytest.mark.parametrize("limit", [0, 1, 7, 60, 300, 5_000, -1])
def test_summed_weights_order_as_sql_does(snopes: Store, limit: int) -> None:
    terms = common_terms(snopes, 12)
    assert terms[-1][1] >= 20  # long enough lists that many reports hold several terms
    docs = REPORTS_READ
    idf = [(math.log(1 + (docs - df + 0.5) / (df + 0.5)), fts_query([t])) for t, df in terms]
    # Equal weights: every report holding the same number of these terms ties, and the id
    # decides, through the cut at `limit` too.
    equal = [(1.0, query) for _, query in idf]
    for weighted in (idf, equal, idf[:1], [*idf[:3], (0.5, fts_query(["zzzunheard"]))]):
        found = REPORTS.fts_weighted(snopes.conn, weighted, limit)
        assert found == by_sql(snopes, weighted, limit)
        everything = by_sql(snopes, weighted, -1)
        assert len(found) == (len(everything) if limit < 0 else min(limit, len(everything)))
    assert REPORTS.fts_weighted(snopes.conn, [(1.0, fts_query(["zzzunheard"]))], limit) == []
    assert REPORTS.fts_weighted(snopes.conn, [], limit) == []


def test_search_terms_are_the_stored_terms_across_chunks(snopes: Store) -> None:
    ids = [int(row[0]) for row in snopes.conn.execute("SELECT id FROM reports ORDER BY id")]
    assert len(ids) > SIZE
    stored = dict(snopes.conn.execute("SELECT id, norm_text FROM reports").fetchall())
    found = REPORTS.search_terms(snopes.conn, list(reversed(ids)))
    assert len(found) == len(ids)
    assert dict(found) == stored
    assert REPORTS.search_terms(snopes.conn, []) == []


def test_a_preselection_is_cut_as_on_its_whole_rows(
    snopes: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The summed-weights path on 1,500 reports (its budgets lowered as at a million): the
    # candidates kept from the pre-selection, cut on search terms alone, are those its whole
    # rows give when cut by the same BM25 (what retrieval read before #19).
    limits = SearchLimits(candidates=20, postings_budget=3_000, bm25_postings=0, preselect=200)
    preselections: list[list[int]] = []
    summed = type(REPORTS).fts_weighted

    def spy(index: object, conn: object, weighted: object, limit: int) -> list[int]:
        found = summed(REPORTS, snopes.conn, weighted, limit)  # type: ignore[arg-type]
        preselections.append(found)
        return found

    monkeypatch.setattr(type(REPORTS), "fts_weighted", spy)
    lines = SNOPES.read_text(encoding="utf-8").splitlines()[1:400:40]
    for claim in (line.split("\t")[1] for line in lines):
        query = analyse(claim)
        kept = Matcher(snopes.conn, limits=limits).rank(query)
        assert len(preselections) == 1, "the summed-weights path was not taken"
        ids = preselections.pop()
        assert len(ids) > limits.candidates  # a cut was made
        docs, total = (
            dict(snopes.conn.execute("SELECT term, df FROM report_terms").fetchall())[key]
            for key in (" docs", " terms")
        )
        frequencies = REPORTS.term_frequencies(snopes.conn, query.terms)
        weights = {t: reranking.idf(docs, frequencies.get(t, 0)) for t in query.terms}
        rows = REPORTS.match_rows(snopes.conn, ids)
        rows.sort(key=lambda r: (-reranking.bm25(weights, r[8].split(), total / docs), r[0]))
        assert {c.report_id for c in kept} == {r[0] for r in rows[: limits.candidates]}
        assert any(c.claim_text == claim for c in kept)


def test_checked_claims_are_read_by_their_search_terms(tmp_path: Path) -> None:
    texts = ("Unemployment fell to 4.1 percent in March.", "The bridge cost 40 million dollars.")
    body = " ".join(texts)
    spans = [
        {
            "text": t,
            "start": body.index(t),
            "end": body.index(t) + len(t),
            "score": 1.0,
            "reasons": [],
        }
        for t in texts
    ]
    with Store.open(tmp_path / "desk.db", "tester") as store:
        article, _ = store.apply(ImportArticle(title="Story", body=body, claims=spans))
        claims = store.claims(article)
        store.apply(Mark([claims[0].id], "verified"))
        found = claim_search.CHECKED.search_terms(store.conn, [c.id for c in claims])
        # Only the checked one is in the index; its terms as matching scores them.
        assert found == [(claims[0].id, " ".join(content_stems(texts[0])))]


def test_near_spellings_are_the_same_with_or_without_numpy() -> None:
    # With numpy loaded (a big corpus), one cdist for all of a claim's words (#19); without,
    # `process.extract` word by word: the same near spellings with the same scores, on real
    # claims' terms (misspelt too). Numbers, short words, and a word every candidate holds
    # are not looked up.
    from collections import Counter

    lines = SNOPES.read_text(encoding="utf-8").splitlines()[1:2_000:10]
    candidates = [Counter(content_stems(line)) for line in lines]
    vocabulary = list({t for counts in candidates for t in counts})
    wanted = ["presidnet", "vacine", "obamma", "photograp", "hillari", "clinton", "trump"]
    by_cdist = reranking._near_by_cdist(wanted, vocabulary)
    by_extract = reranking._near_by_extract(wanted, vocabulary)
    assert [sorted(hits) for hits in by_cdist] == [sorted(hits) for hits in by_extract]
    assert all(by_cdist[:3]) and all(score >= 80 for hits in by_cdist for _, score in hits)
    query = [*content_stems(lines[3])[:6], *wanted]
    near = reranking._near_spellings(query, candidates)
    assert {"presidnet", "vacine", "obamma"} <= near.keys()
    assert not [t for t in near if t[0].isdigit() or len(t) <= 3]
    shared = content_stems(lines[3])[0]
    assert shared not in reranking._near_spellings([shared], [Counter([shared, "x"])] * 3)
