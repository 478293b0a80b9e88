"""Key latency: in the real `factcheck` under tmux, open an article and press `v` and `c`
alternately (mark verified, back to unchecked: each one a committed write and a redraw),
timing each from `tmux send-keys` to the status line's change seen by `capture-pane`.

Usage: python benchmarks/key_latency.py [--presses N] [--size WxH]

Measured at two articles: the sample (15 claims, its prior reports) and a 300-claim article
made from the sample's paragraphs (numbers and names varied) on the same desk; and a fact
mark (issue #21): Tab into the sample's first claim's facts, then `v` and `c` on a fact (the
status line's "facts left" changes). The baseline,
measured the same way in the same run, interleaved with factcheck, is
`benchmarks/minimal_status_app.py`: a Textual app whose only work on `v`/`c` is rewriting its
status line. Target: factcheck's median ≤ 1.5× the minimal app's.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from _common import SAMPLE_ARTICLE, SAMPLE_TITLE, fresh_sample, isolated_env, median, ms, percentile

from factcheck_tui.core.intake.importing import ImportArticle
from tests.tmux_driver import TmuxSession, factcheck_command

TARGET_RATIO = 1.5
BIG_CLAIMS = 300
BIG_TITLE = "Holdouts in Syria, the long file"
NAMES = ["Syria", "Iraq", "Lebanon", "Jordan", "Turkey", "Yemen", "Libya", "Egypt"]
MINIMAL_APP = Path(__file__).resolve().parent / "minimal_status_app.py"


def status_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if " checked · " in line), "")


def add_big_article(db: Path) -> None:
    """A 300-claim article, dated after the sample so it is the desk's first row."""
    from factcheck_tui.core.extraction.extract import ScoredSentence, extract_claims
    from factcheck_tui.core.store import Store

    _, _, body = SAMPLE_ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    out: list[str] = []
    claims: list[ScoredSentence] = []
    rounds, round_ = 8, 0
    while len(claims) < BIG_CLAIMS:  # extracted once per doubling, not once per round
        while round_ < rounds:
            round_ += 1
            for paragraph in paragraphs:
                varied = re.sub(r"\d+", lambda m, k=round_: str(int(m.group()) + k), paragraph)
                out.append(varied.replace("Syria", NAMES[round_ % len(NAMES)]))
        text = "\n\n".join(out)
        claims = list(extract_claims(text))
        rounds *= 2
    with Store.open(db, "bench") as store:
        store.apply(
            ImportArticle(
                title=BIG_TITLE,
                body=text,
                date="2018-07-20",
                claims=[
                    {
                        "text": c.text,
                        "start": c.start,
                        "end": c.end,
                        "score": c.score,
                        "reasons": c.reasons,
                    }
                    for c in claims[:BIG_CLAIMS]
                ],
            )
        )


def presses(term: TmuxSession, count: int) -> list[float]:
    """`v`, `c`, … each timed from send-keys to the status line seen changed."""
    latencies: list[float] = []
    current = status_line(term.screen())
    for press in range(count):
        key = "v" if press % 2 == 0 else "c"
        started = time.perf_counter()
        term.send(key)
        while True:
            line = status_line(term.screen())
            if line and line != current:
                break
            if time.perf_counter() - started > 10:
                raise TimeoutError(f"{key!r} never changed the status line: {line!r}")
        latencies.append(time.perf_counter() - started)
        current = line
        time.sleep(0.05)  # let the app go idle again before the next key
    return latencies


def run_factcheck(
    db: Path, work: Path, count: int, size: tuple[int, int], *, facts: bool = False
) -> list[float]:
    env = isolated_env(work / "home")
    with TmuxSession(
        [factcheck_command(), str(db)], env=env, cwd=work, width=size[0], height=size[1]
    ) as term:
        term.wait_for("checker bench", timeout=60)
        term.send("Enter")
        term.wait_for(lambda screen: bool(status_line(screen)), timeout=30)
        time.sleep(1.5)  # let the first paint, the poll timer and the suggestions settle
        if facts:
            term.send("Tab")  # into the first claim's facts: v and c mark a fact
            time.sleep(0.5)
        return presses(term, count)


def run_minimal(work: Path, count: int, size: tuple[int, int]) -> list[float]:
    env = isolated_env(work / "home")
    with TmuxSession(
        [sys.executable, str(MINIMAL_APP)], env=env, cwd=work, width=size[0], height=size[1]
    ) as term:
        term.wait_for(lambda screen: bool(status_line(screen)), timeout=30)
        time.sleep(1.0)
        return presses(term, count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=40, help="per round (default 40)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds (default 2)")
    parser.add_argument("--size", default="160x48", help="terminal size (default 160x48)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    size = (width, height)
    results: dict[str, list[float]] = {
        "minimal": [],
        "sample": [],
        "300 claims": [],
        "fact mark": [],
    }
    with tempfile.TemporaryDirectory(prefix="factcheck-keys-") as folder:
        work = Path(folder)
        sample = fresh_sample(work / "sample.db")
        big = fresh_sample(work / "big.db")
        add_big_article(big)
        for _ in range(args.rounds):  # interleaved: a busy spell hits every side alike
            results["minimal"] += run_minimal(work, args.presses, size)
            results["sample"] += run_factcheck(sample, work, args.presses, size)
            results["300 claims"] += run_factcheck(big, work, args.presses, size)
            results["fact mark"] += run_factcheck(sample, work, args.presses, size, facts=True)
    baseline = median(results["minimal"])
    print(
        f"{args.rounds} rounds × {args.presses} presses at {width}×{height} (v and c "
        f"alternately; send-keys to status line seen in capture-pane)"
    )
    for name, values in results.items():
        ratio = median(values) / baseline
        line = f"{name:>11}: median {ms(median(values))}, p95 {ms(percentile(values, 0.95))}"
        if name != "minimal":
            met = "meets" if ratio <= TARGET_RATIO else "MISSES"
            line += f", {ratio:.2f}× the minimal app ({met} the ≤ {TARGET_RATIO}× target)"
        else:
            line += "  (benchmarks/minimal_status_app.py: the baseline)"
        print(line)
    print(f"sample article: {SAMPLE_TITLE}; big article: {BIG_TITLE} ({BIG_CLAIMS} claims)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
