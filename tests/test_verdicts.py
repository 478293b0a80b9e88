"""Rating scales and desk rules: presets, a desk's own scale, ClaimReview ratings, and the
two-source rule refusing a verdict by key with a message saying what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from factcheck_tui.core.config import load_config
from factcheck_tui.core.desk.claim_checks import AddSource, Mark
from factcheck_tui.core.records.errors import InputError
from factcheck_tui.core.records.verdicts import PRESETS, RuleError, independent_sources
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_presets_map_to_claimreview_ratings() -> None:
    politifact = PRESETS["politifact"]
    assert politifact.claimreview_rating("mostly-false") == {
        "@type": "Rating",
        "alternateName": "Mostly False",
        "ratingValue": 3,
        "bestRating": 6,
        "worstRating": 1,
    }
    assert PRESETS["meedan"].label("unchecked") == "Unstarted"
    assert PRESETS["meedan"].positive == "verified" and PRESETS["meedan"].negative == "false"
    conclusion = PRESETS["conclusion"].claimreview_rating("concluded", "Needs context")
    assert conclusion == {"@type": "Rating", "alternateName": "Needs context"}


def test_a_desks_own_scale_from_config(tmp_path: Path) -> None:
    loaded = load_config(
        config(
            tmp_path,
            """
[[verdicts]]
id = "unchecked"
label = "to do"
kind = "open"
[[verdicts]]
id = "correct"
kind = "positive"
rating = 2
[[verdicts]]
id = "wrong"
kind = "negative"
rating = 1
""",
        )
    )
    assert [v.id for v in loaded.scale.verdicts] == ["unchecked", "correct", "wrong"]
    assert loaded.scale.positive == "correct"
    with pytest.raises(InputError, match="unknown scale"):
        load_config(config(tmp_path, 'scale = "stars"\n'))
    with pytest.raises(InputError, match="first verdict"):
        load_config(config(tmp_path, '[[verdicts]]\nid = "ok"\nkind = "positive"\n'))


def test_politifact_progress_counts(sample_store: Store, tmp_path: Path) -> None:
    sample_store.scale = PRESETS["politifact"]
    a, b, c = [claim.id for claim in sample_store.claims(1)[:3]]
    sample_store.apply(Mark([a], "mostly-true"))
    sample_store.apply(Mark([b], "pants-on-fire"))
    sample_store.apply(Mark([c], "half-true"))
    progress = sample_store.progress(1)
    assert (progress.checked, progress.verified, progress.unverified) == (3, 1, 1)
    with pytest.raises(ValueError, match="politifact scale"):
        sample_store.apply(Mark([a], "verified"))


def test_independent_sources_count_sites_once(sample_store: Store) -> None:
    claim = sample_store.claims(1)[0]
    for reference in (
        "https://www.example.org/a",
        "https://example.org/b",
        "Reuters wire, 13 July",
    ):
        sample_store.apply(
            AddSource(
                claim.id,
                kind="url" if "://" in reference else "document",
                reference=reference,
                tier="primary",
                consulted_on="2018-07-14",
            )
        )
    assert len(independent_sources(sample_store.claim(claim.id).sources)) == 2


async def test_two_source_rule_refuses_the_key_with_a_message(
    sample_store: Store, tmp_path: Path
) -> None:
    settings = load_config(config(tmp_path, "[rules]\nverified_min_sources = 2\n"))
    claim = sample_store.claims(1)[0]
    sample_store.apply(
        AddSource(
            claim.id,
            kind="url",
            reference="https://example.org/sohr",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    app = FactcheckApp(sample_store, settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "v")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("2 independent sources" in m and "has 1" in m for m in messages)
        assert sample_store.claim(claim.id).status == "unchecked"
        await pilot.press("u")  # a negative verdict needs no sources
        assert sample_store.claim(claim.id).status == "unverified"
    sample_store.apply(
        AddSource(
            claim.id,
            kind="person",
            reference="Rami Abdulrahman, SOHR",
            tier="primary",
            consulted_on="2018-07-14",
        )
    )
    sample_store.apply(Mark([claim.id], "verified"))
    assert sample_store.claim(claim.id).status == "verified"
    with pytest.raises(RuleError):
        sample_store.apply(Mark([sample_store.claims(1)[1].id], "verified"))


async def test_verdict_picker_marks_with_the_desks_scale(
    sample_store: Store, tmp_path: Path
) -> None:
    app = FactcheckApp(sample_store, load_config(config(tmp_path, 'scale = "politifact"\n')))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter", "m")
        picker = app.screen.query_one(OptionList)
        picker.highlighted = 4  # Mostly False
        await pilot.press("enter")
        assert sample_store.claims(1)[0].status == "mostly-false"
        await pilot.press("v")
        assert sample_store.claims(1)[0].status == "true"
