"""Can a checker trust the suggestions? Quiet when nothing matches, right when something does,
robust to how people write; measured on real data (issue #19).

Data: CLEF 2020 CheckThat! task 2 (../shared/data/checkthat2020-task2, never copied): the
10,375 Snopes fact-checks as the desk's prior reports, the dev tweets as claims. The dev
tweets are cut by scripts/train_same_claim.py's fixed split (seed 19): *dev-tune* (two
thirds: the lines were chosen on it) and *held-out* (one third: never looked at while
tuning). The model's weights were learnt on the train tweets only.

Printed, old path beside new in the same run:
- no answer: each tweet with its right report (and the report's copies: the Snopes file holds
  some claims twice, with "double" and 'single' quotes) removed: false alarm = share of
  tweets with any suggestion over the line in the top 5. With it present: the right report
  over the line in the top 5; the top suggestion right; MAP@5 of the top 5 shown (weak ones
  too; `--held-out` adds the held-out third, reported once at the end). Old: the 0–100
  retrieval score with its line (35) and weak floor (20); new: the same-claim probability
  with its line, weak ones in retrieval order down to a retrieval score of 20.
- robustness (`--robust`): MAP@5 of the dev tweets with seeded typos, all capitals, Title
  Case, British spellings and reworded phrases, beside the originals.
- real news (`--news`): the claims extracted from the 105 dev web pages of
  ../shared/data/html-pages-dev against the same reports: the share with a suggestion over
  the line, each of them printed to be read (`--show`).

- debates (`--debates [--half A|B] [--show]`): the sentences of the CheckThat! 2020 task 5
  debates and speeches (../shared/data/checkthat2020-task5, real political claims, most of
  which no Snopes report checks) that extraction proposes, against the same reports. The
  debates are cut in two halves by a fixed seed (DEBATE_SEED), made before any was read: A
  to develop on, B measured once at the end. A seeded subsample (`--limit`) is matched; the
  share with a suggestion over the line is printed, and (`--show`) a seeded sample of up to
  `--sample` of those over it, to read and count the relevant ones.

- why (`--why`, dev-tune only): where retrieval ranked each tweet's right report among the
  candidates the model judges, whether it is over the line, held (and why) or left under it
  by the model (in bands of 10 %), and every false alarm, to read.

Usage: python benchmarks/trust_eval.py [--robust] [--news [--show]] [--held-out] [--why]
       [--debates [--half A|B] [--limit N] [--sample N] [--seed S]] [--no-tweets] [--data DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))

from matching_eval import DATA, average_precision, build_database  # noqa: E402
from train_same_claim import answers, debate_claims, debate_halves, load, split_dev  # noqa: E402

from factcheck_tui.core.matching import same_claim  # noqa: E402
from factcheck_tui.core.matching.match import Matcher, listed  # noqa: E402
from factcheck_tui.core.matching.query import Candidate, analyse  # noqa: E402
from factcheck_tui.core.store import Store  # noqa: E402

OLD_LINE, OLD_FLOOR = 35.0, 20.0
SEED = 19
# A shown list: (external id, over the line) of the top 5 a checker sees, weak ones included.
Shown = list[tuple[str, bool]]


def old_path(matcher: Matcher, text: str, exclude: frozenset[int]) -> Shown:
    """Before #19: ranked by the 0–100 retrieval score, the line at 35, weak down to 20."""
    ranked = matcher.rank(analyse(text), exclude=exclude)
    return [
        (c.external_id, c.score >= OLD_LINE)
        for c in ranked
        if c.score >= OLD_FLOOR and not c.ruled_out
    ][:5]


def new_path(matcher: Matcher, text: str, exclude: frozenset[int]) -> Shown:
    ranked: list[Candidate] = matcher.judged(analyse(text), exclude=exclude)
    return [
        (c.external_id, c.probability >= same_claim.SUGGEST_THRESHOLD) for c in ranked if listed(c)
    ][:5]


Path_ = Callable[[Matcher, str, frozenset[int]], Shown]


def no_answer(
    matcher: Matcher,
    path: Path_,
    queries: dict[str, str],
    qrels: dict[str, set[str]],
    same: dict[str, frozenset[int]],
    ids: dict[str, int],
) -> dict[str, float]:
    alarms = rights = tops = 0
    ap = 0.0
    for qid, text in queries.items():
        relevant = qrels[qid]
        removed = frozenset(i for e in relevant for i in same.get(e, ()))
        right = {e for e, i in ids.items() if i in removed}
        alarms += any(over for _, over in path(matcher, text, removed))
        shown = path(matcher, text, frozenset())
        over = [e for e, o in shown if o]
        rights += any(e in right for e in over)
        tops += bool(over) and over[0] in right
        ap += average_precision([e for e, _ in shown], relevant, 5)  # the task's own MAP
    n = len(queries)
    return {
        "false alarm": alarms / n,
        "right over": rights / n,
        "top right": tops / n,
        "MAP@5": ap / n,
    }


def table(
    matcher: Matcher,
    parts: dict[str, dict[str, str]],
    qrels: dict[str, set[str]],
    same: dict[str, frozenset[int]],
    ids: dict[str, int],
) -> None:
    print(f"{'':<30}{'false alarm':>12}{'right over':>11}{'top right':>10}{'MAP@5':>7}")
    for label, queries in parts.items():
        for name, path in (("old (score, line 35)", old_path), ("new (probability)", new_path)):
            o = no_answer(matcher, path, queries, qrels, same, ids)
            print(
                f"{label + ' ' + name:<30}{o['false alarm']:>12.3f}{o['right over']:>11.3f}"
                f"{o['top right']:>10.3f}{o['MAP@5']:>7.3f}"
            )


# ------------------------------------------------------------------------------- why
def why(
    matcher: Matcher,
    queries: dict[str, str],
    qrels: dict[str, set[str]],
    same: dict[str, frozenset[int]],
    ids: dict[str, int],
) -> None:
    """Why right answers are not over the line: where retrieval put the right report among
    the judged candidates (the line can only pass what is judged), and whether the model left
    it under the line or a hold rule held it; then every false alarm (answer removed), to read."""
    table_: dict[str, dict[str, int]] = {}
    alarms: list[tuple[float, str, Candidate]] = []
    for qid, text in queries.items():
        removed = frozenset(i for e in qrels[qid] for i in same.get(e, ()))
        judged = matcher.judged(analyse(text))
        order = sorted(judged, key=lambda c: (-c.score, c.report_id))
        place = next((n for n, c in enumerate(order) if c.report_id in removed), None)
        if place is None:
            where, status = "not judged (13th or later)", "-"
        else:
            where = "first" if place == 0 else "2nd-5th" if place < 5 else "6th-12th"
            right = order[place]
            if right.probability >= same_claim.SUGGEST_THRESHOLD:
                status = "over"
            elif right.held:
                status = "held: " + right.held.split(" (")[0]
            else:
                status = f"model {10 * int(right.probability // 10)}s"
        row = table_.setdefault(where, {})
        row[status] = row.get(status, 0) + 1
        found = [c for c in matcher.judged(analyse(text), exclude=removed) if not c.ruled_out]
        if found and found[0].probability >= same_claim.SUGGEST_THRESHOLD:
            alarms.append((found[0].probability, text, found[0]))
    print(f"\nwhere the right report is, of {len(queries)} tweets, and what became of it:")
    for where in ("first", "2nd-5th", "6th-12th", "not judged (13th or later)"):
        counts = table_.get(where, {})
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda i: -i[1]))
        print(f"  {where:<28}{sum(counts.values()):>4}  {shown}")
    print(f"false alarms (answer removed), {len(alarms)}:")
    for probability, text, best in sorted(alarms, key=lambda a: -a[0]):
        print(f"  {probability:.0f}% {' '.join(text.split())[:150]}")
        print(f"      → {best.claim_text[:150]}")


# ------------------------------------------------------------------------- perturbations
BRITISH = {
    "color": "colour",
    "favorite": "favourite",
    "honor": "honour",
    "labor": "labour",
    "center": "centre",
    "theater": "theatre",
    "defense": "defence",
    "offense": "offence",
    "organize": "organise",
    "organized": "organised",
    "apologize": "apologise",
    "recognize": "recognise",
    "criticize": "criticise",
    "criticized": "criticised",
    "program": "programme",
    "traveled": "travelled",
    "license": "licence",
    "gray": "grey",
    "neighbor": "neighbour",
    "behavior": "behaviour",
    "jewelry": "jewellery",
    "mom": "mum",
    "realize": "realise",
    "analyze": "analyse",
    "pajamas": "pyjamas",
    "tire": "tyre",
    "catalog": "catalogue",
    "check": "cheque",
    "aluminum": "aluminium",
    "meter": "metre",
    "liter": "litre",
    "fetus": "foetus",
    "maneuver": "manoeuvre",
    "pediatric": "paediatric",
    "legalize": "legalise",
    "legalized": "legalised",
    "banned": "banned",
    "humor": "humour",
    "vapor": "vapour",
    "rumor": "rumour",
    "harbor": "harbour",
    "armor": "armour",
    "endeavor": "endeavour",
    "skeptical": "sceptical",
    "mustache": "moustache",
    "apologized": "apologised",
    "emphasize": "emphasise",
    "memorize": "memorise",
}
REWORDED = {
    "said": "stated",
    "says": "claims",
    "shows": "depicts",
    "photo": "picture",
    "photograph": "picture",
    "video": "clip",
    "killed": "murdered",
    "died": "passed away",
    "president": "head of state",
    "children": "kids",
    "woman": "lady",
    "women": "ladies",
    "man": "guy",
    "men": "guys",
    "bought": "purchased",
    "money": "cash",
    "big": "large",
    "tweeted": "posted",
    "banned": "prohibited",
    "fake": "false",
    "people": "folks",
    "car": "vehicle",
    "house": "home",
    "job": "position",
    "told": "informed",
    "wants": "would like",
    "began": "started",
    "ended": "finished",
    "help": "assist",
}


def typos(text: str, rnd: random.Random) -> str:
    """One typing slip (a letter dropped, doubled, swapped or replaced) in a quarter of the
    words of five letters or more."""

    def slip(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 5 or rnd.random() > 0.25:
            return word
        i = rnd.randrange(1, len(word) - 1)
        kind = rnd.randrange(4)
        if kind == 0:
            return word[:i] + word[i + 1 :]
        if kind == 1:
            return word[:i] + word[i] + word[i:]
        if kind == 2:
            return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        return word[:i] + rnd.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]

    return re.sub(r"[A-Za-z]+", slip, text)


def replace_words(text: str, table_: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = table_.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    return re.sub(r"[A-Za-z]+", swap, text)


def perturbations() -> dict[str, Callable[[str, random.Random], str]]:
    return {
        "original": lambda t, r: t,
        "typos": typos,
        "ALL CAPITALS": lambda t, r: t.upper(),
        "Title Case": lambda t, r: t.title(),
        "british spellings": lambda t, r: replace_words(t, BRITISH),
        "reworded": lambda t, r: replace_words(t, REWORDED),
    }


def robustness(matcher: Matcher, queries: dict[str, str], qrels: dict[str, set[str]]) -> None:
    print(f"\n{'MAP@5 (weak shown), dev tweets':<34}{'old':>7}{'new':>7}  changed tweets")
    for name, perturb in perturbations().items():
        rnd = random.Random(SEED)
        changed = {q: perturb(t, rnd) for q, t in queries.items()}
        moved = sum(changed[q] != queries[q] for q in queries)
        row = []
        for path in (old_path, new_path):
            total = 0.0
            for qid, text in changed.items():
                shown = [e for e, _ in path(matcher, text, frozenset())]
                total += average_precision(shown, qrels[qid], 5)
            row.append(total / len(changed))
        print(f"{name:<34}{row[0]:>7.3f}{row[1]:>7.3f}  {moved}")


# ------------------------------------------------------------------------------ news
def news(store: Store, show: bool) -> None:
    from factcheck_tui.core.extraction.extract import extract_claims
    from factcheck_tui.core.intake.article_files import read_article_file

    pages = sorted((REPO.parent / "shared" / "data" / "html-pages-dev" / "pages").glob("*.html"))
    if not pages:
        pages = sorted(Path("/work/shared/data/html-pages-dev/pages").glob("*.html"))
    matcher = Matcher(store.conn)
    claims = over_old = over_new = 0
    for page in pages:
        try:
            article = read_article_file(page)
        except Exception:  # a refused page has no claims
            continue
        for sentence in extract_claims(article.body):
            claims += 1
            text = sentence.text
            over_old += any(o for _, o in old_path(matcher, text, frozenset()))
            found = [c for c in matcher.judged(analyse(text)) if not c.ruled_out]
            best = found[0] if found else None
            if best and best.probability >= same_claim.SUGGEST_THRESHOLD:
                over_new += 1
                if show:
                    print(f"{best.probability:.0f}% {page.name}: {' '.join(text.split())[:160]}")
                    print(f"    → {best.claim_text[:160]}")
    print(
        f"\nreal news: {claims} claims from {len(pages)} dev pages; a suggestion over the line: "
        f"old {over_old} ({over_old / max(claims, 1):.1%}), new {over_new} "
        f"({over_new / max(claims, 1):.1%})"
    )


# --------------------------------------------------------------------------- debates
def debates(store: Store, half: str, limit: int, sample: int, seed: int, show: bool) -> None:
    """Real political claims, most with no Snopes report: the share with a suggestion over the
    line, and a seeded sample of those over it printed to be read (relevant: the report checks
    the same claim)."""
    claims = debate_claims(debate_halves()[half])
    proposed = len(claims)
    if limit and len(claims) > limit:  # a seeded subsample keeps the run short
        claims = random.Random(seed).sample(claims, limit)
    matcher = Matcher(store.conn)
    over: list[tuple[str, Candidate]] = []
    held: dict[str, int] = {}
    for text in claims:
        found = [c for c in matcher.judged(analyse(text)) if not c.ruled_out]
        if found and found[0].probability >= same_claim.SUGGEST_THRESHOLD:
            over.append((text, found[0]))
        elif reasons := [c.held for c in found if getattr(c, "held", "")]:  # held by anchors.py
            kind = reasons[0].split(" (")[0]
            held[kind] = held.get(kind, 0) + 1
    print(
        f"\ndebates half {half}: {proposed} claims extraction proposes, {len(claims)} matched; "
        f"a suggestion over the line: {len(over)} ({len(over) / max(len(claims), 1):.1%})"
    )
    for reason, count in sorted(held.items(), key=lambda item: -item[1]):
        print(f"  held under the line, {reason}: {count}")
    if show:
        picked = random.Random(seed).sample(over, min(sample, len(over)))
        print(f"a seeded sample of {len(picked)} of them (seed {seed}), to read:")
        for number, (text, best) in enumerate(picked, start=1):
            print(f"{number:>2}. {best.probability:.0f}% {' '.join(text.split())[:170]}")
            print(f"    → {best.claim_text[:170]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--robust", action="store_true")
    parser.add_argument("--news", action="store_true")
    parser.add_argument("--show", action="store_true")
    parser.add_argument(
        "--held-out", action="store_true", help="also the held-out third (report it once)"
    )
    parser.add_argument(
        "--debates", action="store_true", help="CheckThat! 2020 task 5 debate sentences"
    )
    parser.add_argument(
        "--half",
        choices=("A", "A1", "A2", "B"),
        default="A2",
        help="debates' half: A to develop on (A1: the model's negatives, A2: not trained on), "
        "B measured once",
    )
    parser.add_argument(
        "--limit", type=int, default=1500, help="debate claims matched, seeded (0: all)"
    )
    parser.add_argument("--sample", type=int, default=40, help="debate suggestions printed")
    parser.add_argument("--seed", type=int, default=5, help="seed of the debate subsamples")
    parser.add_argument("--no-tweets", action="store_true", help="skip the tweets' table")
    parser.add_argument(
        "--why",
        action="store_true",
        help="dev-tune: where the right reports rank and why they are under the line",
    )
    args = parser.parse_args()
    dev_q, dev_rel = load("dev", args.data)
    tune_ids, held_ids = split_dev(list(dev_q))
    with tempfile.TemporaryDirectory(prefix="factcheck-trust-") as folder:
        store, _ = build_database(args.data / "verified_claims.docs.tsv", Path(folder))
        same = answers(store)
        ids = {e: i for i, e in store.conn.execute("SELECT id, external_id FROM reports")}
        matcher = Matcher(store.conn)
        print(
            f"lines: old score {OLD_LINE:.0f} (weak from {OLD_FLOOR:.0f}); new probability "
            f"{same_claim.SUGGEST_THRESHOLD:.0f} (weak: retrieval score from "
            f"{same_claim.WEAK_FLOOR:.0f}), "
            f"strong {same_claim.STRONG_THRESHOLD:.0f}"
        )
        parts = {"dev-tune": {q: dev_q[q] for q in tune_ids}}
        if args.held_out:  # never looked at while tuning
            parts |= {"held-out": {q: dev_q[q] for q in held_ids}, "dev (all 198)": dev_q}
        if not args.no_tweets:
            table(matcher, parts, dev_rel, same, ids)
        if args.why:  # dev-tune only: the held-out third is never read
            why(matcher, parts["dev-tune"], dev_rel, same, ids)
        if args.robust:
            robustness(matcher, dev_q, dev_rel)
        if args.news:
            news(store, args.show)
        if args.debates:
            debates(store, args.half, args.limit, args.sample, args.seed, args.show)
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
