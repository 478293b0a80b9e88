"""`factcheck export --format claimreview`: checked claims as ClaimReview JSON-LD, parsed back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck_tui.core.desk.claim_checks import LinkReports, Mark, SetNote
from factcheck_tui.core.store import Store


def export(db: Path, *args: str, env: dict[str, str] | None = None) -> list[dict]:
    return json.loads(run_export(db, *args, env=env).stdout)


def run_export(
    db: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
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
        "name": "verified",
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
        "name": "Mostly False",
        "ratingValue": 3,
        "bestRating": 6,
        "worstRating": 1,
    }


# Google Search Central, "Fact check (ClaimReview) structured data"
# (developers.google.com/search/docs/appearance/structured-data/factcheck): the properties it
# requires and recommends, by the type they belong to.
GOOGLE_REQUIRED = {
    "ClaimReview": ("claimReviewed", "reviewRating", "url"),
    "Rating": ("alternateName",),
}
GOOGLE_RECOMMENDED = {
    "ClaimReview": ("author", "datePublished", "itemReviewed"),
    "Claim": ("appearance", "author", "datePublished", "firstAppearance"),
    "Rating": ("bestRating", "name", "ratingValue", "worstRating"),
    "Organization": ("name", "url"),  # the review's author
}
# What a desk does not know of a claim it checked in a story: who first made it, and where
# it first appeared (the story is one appearance). Left out rather than guessed.
NOT_KNOWN_TO_A_DESK = {("Claim", "author"), ("Claim", "firstAppearance")}


def google_findings(review: dict) -> tuple[list[str], list[str]]:
    """(errors, missing recommended properties) of one ClaimReview, as Google's rules read."""
    errors: list[str] = []
    missing: list[str] = []
    if review.get("@context") != "https://schema.org" or review.get("@type") != "ClaimReview":
        errors.append("not a schema.org ClaimReview")
    parts = {
        "ClaimReview": review,
        "Rating": review.get("reviewRating") or {},
        "Claim": review.get("itemReviewed") or {},
    }
    author = review.get("author") or {}
    if author.get("@type") == "Organization":
        parts["Organization"] = author
    for kind, names in GOOGLE_REQUIRED.items():
        errors += [f"{kind}.{name} missing" for name in names if not parts[kind].get(name)]
    for kind, names in GOOGLE_RECOMMENDED.items():
        if kind in parts:
            missing += [
                f"{kind}.{name}"
                for name in names
                if not parts[kind].get(name) and (kind, name) not in NOT_KNOWN_TO_A_DESK
            ]
    url = review.get("url", "")
    if url and not url.startswith(("https://", "http://")):
        errors.append(f"url {url!r} is not an absolute http(s) address")
    if author and (author.get("@type") not in ("Organization", "Person") or not author.get("name")):
        errors.append("author must be a named Organization or Person")
    if parts["Claim"] and parts["Claim"].get("@type") != "Claim":
        errors.append("itemReviewed is not a Claim")
    rating = parts["Rating"]
    if "ratingValue" in rating and not (
        rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    ):
        errors.append("ratingValue outside worstRating..bestRating")
    if len(review.get("datePublished", "")) != 10:
        errors.append("datePublished is not a YYYY-MM-DD date")
    return errors, missing


ORGANISATION = """
[organisation]
name = "Desk Fact Check"
url = "https://factcheck.example.org/"
logo = "https://factcheck.example.org/logo.png"
"""


def test_claimreview_ready_to_publish(sample_store: Store, db_path: Path, tmp_path: Path) -> None:
    """With the organisation in the config and the published URL set by the CLI, every review
    has what Google requires and everything it recommends that a desk knows, and the export
    says nothing is missing."""
    import os

    config = tmp_path / "config.toml"
    config.write_text(ORGANISATION, encoding="utf-8")
    claims = sample_store.claims(1)
    sample_store.apply(Mark([claims[0].id], "verified"))
    sample_store.apply(Mark([claims[1].id], "unverified"))
    published = "https://factcheck.example.org/2018/07/isis-holdouts"
    edit = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck_tui",
            "article",
            "edit",
            "1",
            "--db",
            str(db_path),
            "--published-url",
            published,
        ],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert edit.returncode == 0, edit.stderr
    done = run_export(db_path, env={"FACTCHECK_CONFIG": str(config)})
    assert done.stderr == ""  # no warning: nothing Google asks for is missing
    reviews = json.loads(done.stdout)
    assert len(reviews) == 2
    for review in reviews:
        assert google_findings(review) == ([], [])
        assert review["url"] == published
        assert review["author"] == {
            "@type": "Organization",
            "name": "Desk Fact Check",
            "url": "https://factcheck.example.org/",
            "logo": "https://factcheck.example.org/logo.png",
            "image": "https://factcheck.example.org/logo.png",
        }
        assert review["itemReviewed"]["datePublished"] == "2018-07-13"
    # Read back as a publisher's feed is (what Fact Check Explorer and our own import do):
    # two reports of Desk Fact Check on the published page.
    feed = tmp_path / "reviews.json"
    feed.write_text(done.stdout, encoding="utf-8")
    other = tmp_path / "other.db"
    imported = subprocess.run(
        [sys.executable, "-m", "factcheck_tui", "reports", "import", str(feed), "--db", str(other)],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    assert imported.returncode == 0, imported.stderr
    with Store.open(other, "tester", read_only=True) as desk:
        rows = desk.conn.execute(
            "SELECT publisher, url, rating FROM reports ORDER BY id"
        ).fetchall()
    assert [(publisher, url.split("#")[0]) for publisher, url, _ in rows] == [
        ("Desk Fact Check", published),
        ("Desk Fact Check", published),
    ]
    assert [rating for _, _, rating in rows] == ["verified", "unverified"]


def test_claimreview_without_published_url_writes_and_says_so_in_one_line(
    sample_store: Store, db_path: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(ORGANISATION, encoding="utf-8")
    sample_store.apply(Mark([sample_store.claims(1)[0].id], "verified"))
    out = tmp_path / "reviews.json"
    done = run_export(db_path, "-o", str(out), env={"FACTCHECK_CONFIG": str(config)})
    lines = done.stderr.splitlines()
    assert lines == [
        "warning: 1 review without the url Google requires (article #1 has no published URL): "
        "set it with `factcheck article edit ID --published-url URL` or M in the article list",
        f"exported 1 claim to {out}",
    ]
    (review,) = json.loads(out.read_text(encoding="utf-8"))
    assert google_findings(review)[0] == ["ClaimReview.url missing"]
    # Without an [organisation], the checker is the author, and that is said too.
    done = run_export(db_path, env={"FACTCHECK_CONFIG": str(tmp_path / "none.toml")})
    assert json.loads(done.stdout)[0]["author"] == {"@type": "Person", "name": "tester"}
    assert "[organisation]" in done.stderr.splitlines()[1]


def test_organisation_config_refused_in_one_line(db_path: Path, tmp_path: Path) -> None:
    import os

    config = tmp_path / "config.toml"
    for text, says in (
        ('[organisation]\nurl = "https://x.example/"\n', "needs a name"),
        ('[organisation]\nname = "D"\nlogo = "javascript:alert(1)"\n', "logo"),
        ("[organisation]\nname = 3\n", "name must be a string"),
        ('organisation = "Desk"\n', "must be a table"),
    ):
        config.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "factcheck_tui",
                "export",
                "--db",
                str(db_path),
                "--format",
                "claimreview",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "FACTCHECK_CONFIG": str(config)},
        )
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert len(done.stderr.splitlines()) == 1 and says in done.stderr, done.stderr
