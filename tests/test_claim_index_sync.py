"""A mark re-syncs only the claim search indexes that read what it wrote (issue #15's
redraw: a verdict no longer rewrites the desk-search index), and the less work is still the
same answer: the indexes kept in step write by write equal the same indexes rebuilt from
scratch."""

from __future__ import annotations

from typing import Any

from factcheck_tui.core.db import claim_search
from factcheck_tui.core.desk.claim_checks import AddSource, Mark, SetCorrection, SetNote
from factcheck_tui.core.desk.shown_claims import SetDismissed
from factcheck_tui.core.store import Store


def index_contents(store: Store) -> dict[str, Any]:
    conn = store.conn
    return {
        index.name: (
            sorted(index.norm_texts(conn)),
            sorted(conn.execute(f"SELECT term, df FROM {index.terms}").fetchall()),
        )
        for index in claim_search.INDEXES
    }


def test_indexes_kept_write_by_write_equal_them_rebuilt(sample_store: Store) -> None:
    claims = sample_store.claims(1)
    first, second, third = (claim.id for claim in claims[:3])
    sample_store.apply(SetNote(first, "SOHR revised its toll"))
    sample_store.apply(Mark([first, second], "verified"))
    sample_store.apply(
        AddSource(
            second,
            kind="url",
            reference="https://www.syriahr.com/en/",
            tier="primary",
            consulted_on="2018-07-20",
        )
    )
    sample_store.apply(Mark([second], "unchecked"))
    sample_store.apply(SetCorrection(third, "45 killed, per the Observatory's update"))
    sample_store.apply(Mark([third], "unverified"))
    sample_store.apply(SetDismissed([third], True))
    sample_store.undo(1)
    kept = index_contents(sample_store)
    assert len(kept["checked"][0]) == 2  # the first and the third: verdicts, shown
    with sample_store.write():
        claim_search.rebuild_all(sample_store.conn)
    assert index_contents(sample_store) == kept
