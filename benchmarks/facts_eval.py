"""Facts proposed per claim (issue #21), and the cost of proposing them.

Usage: python benchmarks/facts_eval.py [--sample-claims 20] [--seed 21]

1. Imports the 105 dev web pages of ../shared/data/html-pages-dev/ and the sample article
   through the real import (each claim arrives with its proposed facts) and prints facts per
   claim, by kind.
2. Prints `--sample-claims` claims of the dev pages drawn with a fixed seed, each with its
   proposed facts, for reading by hand (the counts read are in benchmarks/README.md).
3. Times `propose_facts` over 1,000 claim sentences of those pages, beside the baseline of
   the same run: extraction's own evidence (`rule_evidence`) over the same sentences.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _common import SAMPLE_ARTICLE

from factcheck_tui.core.extraction.evidence import rule_evidence
from factcheck_tui.core.extraction.facts import propose_facts
from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.records.errors import FactcheckError
from factcheck_tui.core.store import Store
from tests.dev_pages import DEV_PAGES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample-claims", type=int, default=20)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()
    if DEV_PAGES is None:
        print("../shared/data/html-pages-dev is not here", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "d.db", "b") as desk:
        refused = 0
        for page in sorted(DEV_PAGES.glob("*.html")):
            try:
                import_article(desk, read_article_file(page), new=True)
            except FactcheckError:
                refused += 1
        pages = desk.list_articles()
        import_article(desk, read_article_file(SAMPLE_ARTICLE), new=True)
        sample_id = next(a.id for a in desk.list_articles() if a.id not in {p.id for p in pages})
        dev_claims = [c for a in pages for c in desk.claims(a.id)]
        sample_claims = desk.claims(sample_id)
    for name, claims in (("dev pages", dev_claims), ("sample", sample_claims)):
        facts = [f for c in claims for f in c.facts]
        kinds = Counter(f.kind for f in facts)
        none = sum(1 for c in claims if not c.facts)
        print(
            f"{name}: {len(claims)} claims, {len(facts)} facts, "
            f"{len(facts) / max(len(claims), 1):.2f} per claim ({none} claims with none); "
            + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
        )
    print(f"dev pages imported: {len(pages)} ({refused} refused)")
    print(f"\n{args.sample_claims} dev claims drawn with seed {args.seed}, to read by hand:")
    for number, claim in enumerate(
        random.Random(args.seed).sample(dev_claims, args.sample_claims), 1
    ):
        print(f"\n[{number}] {claim.text}")
        for fact in claim.facts:
            print(f"      {fact.kind:11} {fact.text}")
    sentences = [c.text for c in dev_claims][:1000]
    timings = {}
    for name, work in (
        ("rule_evidence (baseline)", rule_evidence),
        ("propose_facts", propose_facts),
    ):
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            for sentence in sentences:
                work(sentence)
            best = min(best, time.perf_counter() - started)
        timings[name] = best * 1000 / len(sentences) * 1000
    print(f"\nper 1,000 claim sentences (best of 5, {len(sentences)} sentences):")
    for name, ms_per_thousand in timings.items():
        print(f"  {name}: {ms_per_thousand:.0f} ms")
    ratio = timings["propose_facts"] / timings["rule_evidence (baseline)"]
    print(f"  propose_facts costs {ratio:.2f}× extraction's evidence pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
