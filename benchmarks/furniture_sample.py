"""Page furniture among the claims of the 85 dev pages nobody hand-labelled, read by a person.

    .venv/bin/python benchmarks/furniture_sample.py [--half tune|held-out] [--write]

The 20 pages of `tests/data/news_claims.tsv` have all been looked at, so the furniture share
is also measured here, on the other 85 pages of `../shared/data/html-pages-dev/`. The 85
are split in two halves with `random.Random(85)`: `tune` (the half the rules were written
while looking at) and `held-out` (not looked at while tuning). The claims the code proposes
now on each half are drawn with `random.Random(60)`, 30 a half, and each drawn claim is
looked up in `tests/data/furniture_sample.tsv`, where a person's reading of it is kept
(`f` page furniture: a teaser, pitch, metadata string, caption, credit, a teaser block read
as one sentence; `s` of the story). A drawn claim not read yet is printed as `?` (with
`--write`, appended to the file with an empty label, to be read and labelled by hand).

Prints, per half: furniture / claims read, and how many drawn claims are still unread.

`--seed N --per-half K` draws another sample (a fresh one when the first draws have been
looked at): issue #20's third round drew `--seed 2027 --per-half 60 --half held-out` and
read all 60 before changing the code.

The file holds the readings of two draws: from the code of main at 3ab6d25 (before issue
#20's second round: tune 0/30 furniture, held-out 1/30, a Wikipedia reference entry) and
from the branch's end (tune 2/30: an author's job line, an imprint line; held-out 1/30,
another reference entry). The held-out half's claims were read only after the last change.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys

from _common import REPO, shared_data

from factcheck_tui.core.extraction.extract import extract_claims
from factcheck_tui.core.intake.article_files import parse_article_bytes

PAGES = shared_data("html-pages-dev/pages")
LABELLED = REPO / "tests" / "data" / "news_claims.tsv"
READINGS = REPO / "tests" / "data" / "furniture_sample.tsv"
PER_HALF = 30


def halves() -> dict[str, list[str]]:
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        labelled = {row["page"] for row in csv.DictReader(handle, delimiter="\t")}
    others = sorted(path.name for path in PAGES.glob("*.html") if path.name not in labelled)
    held = set(random.Random(85).sample(others, len(others) // 2))
    return {
        "tune": [name for name in others if name not in held],
        "held-out": [name for name in others if name in held],
    }


def drawn_claims(
    pages: list[str], seed: int = 60, per_half: int = PER_HALF
) -> list[tuple[str, str]]:
    claims = [
        (page, " ".join(claim.text.split()))
        for page in pages
        for claim in extract_claims(
            parse_article_bytes((PAGES / page).read_bytes(), name=page, fmt="html").body
        )
    ]
    return random.Random(seed).sample(claims, min(per_half, len(claims)))


def readings() -> dict[tuple[str, str], str]:
    if not READINGS.exists():
        return {}
    with READINGS.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(row["page"], row["claim"]): row["label"] for row in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "held-out"), action="append")
    parser.add_argument("--write", action="store_true", help="append unread claims to the file")
    parser.add_argument("--seed", type=int, default=60, help="the draw (60: the first draws)")
    parser.add_argument("--per-half", type=int, default=PER_HALF)
    args = parser.parse_args()
    read = readings()
    new_rows: list[tuple[str, str, str]] = []
    for half, pages in halves().items():
        if args.half and half not in args.half:
            continue
        drawn = drawn_claims(pages, args.seed, args.per_half)
        labels = [read.get(key, "") for key in drawn]
        furniture = sum(label == "f" for label in labels)
        known = sum(label in ("f", "s") for label in labels)
        unread = [key for key, label in zip(drawn, labels, strict=True) if not label]
        print(
            f"{half:9} {len(pages)} pages: furniture {furniture}/{known} read claims "
            f"({furniture / max(1, known):.1%}), {len(unread)} drawn claims unread"
        )
        for page, claim in unread:
            print(f"  ? {page}: {claim[:150]}")
        new_rows += [(half, page, claim) for page, claim in unread]
    if args.write and new_rows:
        fresh = not READINGS.exists()
        with READINGS.open("a", encoding="utf-8", newline="") as handle:
            if fresh:
                handle.write("half\tpage\tlabel\tclaim\n")
            for half, page, claim in new_rows:
                handle.write(f"{half}\t{page}\t\t{claim.replace(chr(9), ' ')}\n")
        print(f"{len(new_rows)} claims appended to {READINGS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
