"""Two checkouts' earlier checks + prior reports on the `matching_speed.py --desk` desk, claim
by claim in turn (issue #19's speed figure, measured in pairs).

On a shared 2-core machine the wall clock of one run swings by 25 % or more with the load,
so two whole runs one after the other compare two loads as much as two versions. Here each
checkout's code runs in a process of its own (its own `factcheck_tui`, the same desk file);
for every claim both are timed, one after the other, the first of the two alternating, so
both see the same load within a second. Printed for each: median and p95 of the wall time
and of the matching thread's CPU time a claim (what `matching_speed.py --desk` prints), the
median of the per-claim differences, and whether the two gave the same suggestions.

Usage: python benchmarks/desk_paired.py OTHER_CHECKOUT [--rounds 2]
       (the desk must exist: run `matching_speed.py --desk` once; both checkouts must read
       its schema)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

# Run inside each child: argv = [checkout, desk]; only APIs both sides have.
SERVER = """
import sys, time
sys.path.insert(0, sys.argv[1])
import factcheck_tui
assert factcheck_tui.__file__.startswith(sys.argv[1]), factcheck_tui.__file__
from factcheck_tui.core.store import Store
from factcheck_tui.core.matching.earlier import earlier_checks
from factcheck_tui.core.matching.match import match_with_weak
store = Store.open(sys.argv[2], "bench", read_only=True)
claims = store.claims(store.list_articles()[0].id)
for claim in claims[:5]:
    earlier_checks(store, claim.id, 3), match_with_weak(store, claim.text, 5)
print(len(claims), flush=True)
for line in sys.stdin:
    claim = claims[int(line)]
    cpu, wall = time.thread_time(), time.perf_counter()
    found = (earlier_checks(store, claim.id, 3), match_with_weak(store, claim.text, 5))
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    # Compared on what both sides have (a new field of a suggestion is not a new answer).
    same = ([(c.claim_id, c.score, c.weak) for c in found[0]],
            [(s.report_id, s.score, s.weak) for s in found[1]])
    print(f"{wall * 1000:.3f} {cpu * 1000:.3f} {hash(repr(same))}", flush=True)
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("other", type=Path, help="the other checkout (e.g. main)")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from matching_speed import desk_path

    desk = desk_path()
    if not desk.exists():
        print(f"no desk at {desk}: run benchmarks/matching_speed.py --desk first", file=sys.stderr)
        return 1
    checkouts = {"other": args.other.resolve(), "this": REPO}
    children = {
        name: subprocess.Popen(
            [sys.executable, "-c", SERVER, str(root), str(desk)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tempfile.gettempdir(),  # no checkout's package found by the working folder
            env={**os.environ, "PYTHONHASHSEED": "0"},  # the same hash of the same answer
        )
        for name, root in checkouts.items()
    }
    counts = {name: int(child.stdout.readline()) for name, child in children.items()}  # type: ignore[union-attr]
    wall: dict[str, list[float]] = {name: [] for name in children}
    cpu: dict[str, list[float]] = {name: [] for name in children}
    differ = 0
    for turn in range(args.rounds * counts["this"]):
        claim = turn % counts["this"]
        order = ["other", "this"] if turn % 2 else ["this", "other"]
        answers = {}
        for name in order:
            child = children[name]
            child.stdin.write(f"{claim}\n")  # type: ignore[union-attr]
            child.stdin.flush()  # type: ignore[union-attr]
            took, used, answers[name] = child.stdout.readline().split()  # type: ignore[union-attr]
            wall[name].append(float(took))
            cpu[name].append(float(used))
        differ += answers["this"] != answers["other"]
    for child in children.values():
        child.stdin.close()  # type: ignore[union-attr]
        child.wait()
    print(f"desk {desk.name}; {len(wall['this'])} timings each, claim by claim in turn")
    for name, root in checkouts.items():
        print(
            f"{name:>5} ({root}): wall median {statistics.median(wall[name]):.1f} ms, "
            f"p95 {percentile(wall[name], 0.95):.1f} ms; CPU median "
            f"{statistics.median(cpu[name]):.1f} ms, p95 {percentile(cpu[name], 0.95):.1f} ms"
        )
    gaps = [a - b for a, b in zip(wall["this"], wall["other"], strict=True)]
    cpu_gaps = [a - b for a, b in zip(cpu["this"], cpu["other"], strict=True)]
    print(
        f"this - other, median of the per-claim differences: wall {statistics.median(gaps):+.1f}"
        f" ms, CPU {statistics.median(cpu_gaps):+.1f} ms; suggestions differ on {differ} of "
        f"{len(gaps)}"
    )
    load = f"{os.getloadavg()[0]:.1f}"
    print(f"load average at the end {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
