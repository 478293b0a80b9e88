"""Key latency: in the real `factcheck` under tmux, open the sample article and press `v` and
`c` alternately (mark verified, back to unchecked: each one a committed write and a redraw),
timing each from `tmux send-keys` to the status line's change seen by `capture-pane`.

Usage: python benchmarks/key_latency.py [--presses N]

The database is the sample built fresh by this checkout (benchmarks/_common.fresh_sample).

Target: median <= 30 ms. The baseline measured in the same run is the cost of the
measuring itself: one `capture-pane` round trip and one `send-keys` call. The raw figure
includes both; the corrected figure subtracts one capture round trip (the capture that saw
the change had to start after the paint, so at least one whole capture is not the app's).
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import SAMPLE_TITLE, fresh_sample, isolated_env, median, ms, percentile, verdict

from tests.tmux_driver import TmuxSession, factcheck_command

TARGET_MEDIAN = 0.030


def status_line(screen: str) -> str:
    return next((line for line in screen.splitlines() if " checked · " in line), "")


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-keys-") as folder:
        work = Path(folder)
        db = fresh_sample(work / "sample.db")
        env = isolated_env(work / "home")
        with TmuxSession([factcheck_command(), str(db)], env=env, cwd=work) as term:
            term.wait_for(SAMPLE_TITLE, timeout=60)
            term.send("Enter")
            term.wait_for(lambda screen: bool(status_line(screen)), timeout=30)
            time.sleep(1.0)  # let the first paint, the poll timer and any worker settle
            latencies: list[float] = []
            send_costs: list[float] = []
            polls: list[int] = []
            current = status_line(term.screen())
            for press in range(args.presses):
                key = "v" if press % 2 == 0 else "c"
                started = time.perf_counter()
                term.send(key)
                sent = time.perf_counter()
                count = 0
                while True:
                    count += 1
                    line = status_line(term.screen())
                    if line and line != current:
                        break
                    if time.perf_counter() - started > 10:
                        raise TimeoutError(f"{key!r} never changed the status line: {line!r}")
                latencies.append(time.perf_counter() - started)
                send_costs.append(sent - started)
                polls.append(count)
                current = line
                time.sleep(0.05)  # let the app go idle again before the next key
            capture = timed(term.screen, 50)
            # A key the article screen does not bind: the cost of send-keys alone.
            send_alone = timed(
                lambda: subprocess.run(
                    [*term.tmux, "send-keys", "-t", term.name, "F12"], check=True
                ),
                20,
            )
    raw_median, raw_p95 = median(latencies), percentile(latencies, 0.95)
    capture_median = median(capture)
    corrected = [value - capture_median for value in latencies]
    print(f"presses: {len(latencies)} (v and c alternately, each a committed write + redraw)")
    print(f"raw, send-keys to status line seen: median {ms(raw_median)}, p95 {ms(raw_p95)}")
    print(
        f"baseline, measuring cost alone: capture-pane {ms(capture_median)} median, "
        f"send-keys {ms(median(send_alone))} median (inside the runs: {ms(median(send_costs))})"
    )
    print(f"captures per press: median {median(polls):.0f}, max {max(polls)}")
    print(
        f"corrected (raw minus one capture): median {ms(median(corrected))}, "
        f"p95 {ms(percentile(corrected, 0.95))}"
    )
    print(
        f"target: median <= {ms(TARGET_MEDIAN)}: raw {verdict(raw_median, TARGET_MEDIAN)}, "
        f"corrected {verdict(median(corrected), TARGET_MEDIAN)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
