"""`factcheck export --format claimreview`: checked claims as ClaimReview JSON-LD, parsed back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck_tui.core.desk.claim_checks import LinkReports, Mark, SetNote
from factcheck_tui.core.store import Store


def export(db: Path, *args: str, env: dict[str, str] | None = None) -> list[dict]:
    import os

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck_tui",
            "export",
            "--db",
            str(db),
            "--format",
            "claimreview",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(result.stdout)


def test_checked_claims_become_claimreviews(sample_store: Store, db_path: Path) -> None:
    claims = sample_store.claims(1)
    sample_store.apply(Mark([claims[0].id], "verified"))
    sample_store.apply(SetNote(claims[0].id, "SOHR's figures, confirmed by phone"))
    sample_store.apply(Mark([claims[1].id], "unverified"))
    sample_store.conn.execute(
        "INSERT INTO reports (external_id, claim_text, rating, publisher, url, imported_at) "
        "VALUES ('r1', 'Strike killed 54', 'True', 'Desk', 'https://example.org/r1', 'now')"
    )
    sample_store.apply(LinkReports([(claims[0].id, 1, 91.0)]))
    reviews = export(db_path)
    assert len(reviews) == 2  # unchecked claims are not reviews
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == claims[0].text
    assert first["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "verified",
        "ratingValue": 2,
        "bestRating": 2,
        "worstRating": 1,
    }
    assert first["author"] == {"@type": "Person", "name": "tester"}
    assert first["itemReviewed"]["@type"] == "Claim"
    appearance = first["itemReviewed"]["appearance"][0]
    assert appearance["headline"] == "ISIS Reduced to a Handful of Holdouts in Syria"
    assert appearance["datePublished"] == "2018-07-13"
    assert first["isBasedOn"] == ["https://example.org/r1"]
    assert first["reviewBody"] == "SOHR's figures, confirmed by phone"
    assert len(first["datePublished"]) == 10
    assert reviews[1]["reviewRating"]["alternateName"] == "unverified"


def test_politifact_scale_in_the_export(sample_store: Store, db_path: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('scale = "politifact"\n')
    sample_store.scale = __import__(
        "factcheck_tui.core.records.verdicts", fromlist=["PRESETS"]
    ).PRESETS["politifact"]
    sample_store.apply(Mark([sample_store.claims(1)[0].id], "mostly-false"))
    reviews = export(db_path, env={"FACTCHECK_CONFIG": str(config)})
    assert reviews[0]["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly False",
        "ratingValue": 3,
        "bestRating": 6,
        "worstRating": 1,
    }
