"""Cold start: the real `factcheck` on a copy of sample_db/sample.db, from launch under tmux
to the article list painted (the sample's title row on screen), against a minimal Textual
app with the same widgets (benchmarks/minimal_app.py) measured the same way in the same run.

Usage: python benchmarks/startup.py [--runs N] [--profile]

Target: ratio <= 1.2. `--profile` also runs each app once under `python -X importtime`
(stderr to a file, the app still under tmux) and lists the modules factcheck imports before
its first screen that the minimal app does not, grouped by package, heaviest first.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from _common import SAMPLE_DB, SAMPLE_TITLE, isolated_env, median, ms, verdict

from tests.tmux_driver import TmuxSession, factcheck_command

HERE = Path(__file__).resolve().parent
MINIMAL_APP = HERE / "minimal_app.py"
TARGET_RATIO = 1.2


def time_to_screen(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from launching `command` in a new tmux session to the title row painted."""
    started = time.perf_counter()
    with TmuxSession(command, env=env, cwd=cwd) as term:
        painted = term.wait_for(SAMPLE_TITLE, timeout=60, interval=0.002)
    return painted - started


def factcheck_run(work: Path, env: dict[str, str], run: int) -> list[str]:
    copy = work / f"sample-{run}.db"
    shutil.copyfile(SAMPLE_DB, copy)  # a fresh copy each time: the first open is part of it
    return [factcheck_command(), str(copy)]


def minimal_run() -> list[str]:
    return [sys.executable, str(MINIMAL_APP)]


# Runs an app headless up to its first screen: App.run is patched to exit once the first
# screen has been composed and refreshed. Textual draws on stderr, which -X importtime also
# writes to, so the import profile is taken headless rather than under tmux.
HEADLESS = """
import runpy, sys
from textual.app import App
_run = App.run
async def _first_screen(pilot):
    await pilot.pause()
    pilot.app.exit()
def _headless(self, *args, **kwargs):
    return _run(self, headless=True, auto_pilot=_first_screen)
App.run = _headless
target = sys.argv[1]
sys.argv = sys.argv[1:]
if target.endswith(".py"):
    runpy.run_path(target, run_name="__main__")
else:
    from factcheck_tui.cli import main
    main(sys.argv[1:])
"""


def import_times(
    arguments: list[str], env: dict[str, str]
) -> tuple[dict[str, int], dict[str, int]]:
    """module -> self and -> cumulative microseconds, from `-X importtime` of a headless run."""
    import os
    import subprocess

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", HEADLESS, *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=True,
    )
    own: dict[str, int] = {}
    cumulative: dict[str, int] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line.split(":", 1)[1].split("|")]
        if parts[0].isdigit():
            own[parts[2]] = int(parts[0])
            cumulative[parts[2]] = int(parts[1])
    return own, cumulative


def profile(work: Path, env: dict[str, str]) -> None:
    ours, ours_cumulative = import_times(["factcheck", factcheck_run(work, env, 999)[1]], env)
    baseline, _ = import_times([str(MINIMAL_APP)], env)
    extra = {name: us for name, us in ours.items() if name not in baseline}
    by_package: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for name, us in extra.items():
        package = ".".join(name.split(".")[:2]) if name.startswith("factcheck_tui") else name
        package = package.split(".")[0] if not name.startswith("factcheck_tui") else package
        by_package[package] += us
        counts[package] += 1
    print(
        f"\nimports before the first screen: factcheck {len(ours)} modules "
        f"({sum(ours.values()) / 1000:.0f} ms self time), minimal app {len(baseline)} "
        f"({sum(baseline.values()) / 1000:.0f} ms)"
    )
    print("paid by factcheck only, by package (self time, summed):")
    for package, us in sorted(by_package.items(), key=lambda item: -item[1])[:25]:
        print(f"  {us / 1000:7.1f} ms  {counts[package]:4d} modules  {package}")
    print("heaviest single modules factcheck alone imports:")
    for name, us in sorted(extra.items(), key=lambda item: -item[1])[:15]:
        print(f"  {us / 1000:7.1f} ms  {name}")
    print("top-level imports factcheck alone makes, cumulative (what each one pulls in):")
    roots = {name: ours_cumulative[name] for name in extra if "." not in name}
    for name, us in sorted(roots.items(), key=lambda item: -item[1])[:10]:
        print(f"  {us / 1000:7.1f} ms  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each app (>= 5)")
    parser.add_argument("--profile", action="store_true", help="also list the extra imports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-startup-") as folder:
        work = Path(folder)
        env = isolated_env(work / "home")
        # One untimed run of each fills the OS file cache and the bytecode caches.
        time_to_screen(minimal_run(), env, work)
        time_to_screen(factcheck_run(work, env, 0), env, work)
        ours: list[float] = []
        baseline: list[float] = []
        for run in range(1, max(5, args.runs) + 1):  # interleaved: drift hits both alike
            baseline.append(time_to_screen(minimal_run(), env, work))
            ours.append(time_to_screen(factcheck_run(work, env, run), env, work))
        ratio = median(ours) / median(baseline)
        print(f"runs: {len(ours)} of each, medians; machine: {_cpus()} CPUs")
        print(f"factcheck (sample.db copy) to first screen under tmux: {ms(median(ours))}")
        print(f"  all runs: {', '.join(ms(t) for t in ours)}")
        print(f"minimal Textual app (DataTable + Footer, one row):   {ms(median(baseline))}")
        print(f"  all runs: {', '.join(ms(t) for t in baseline)}")
        print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO}: {verdict(ratio, TARGET_RATIO)})")
        if args.profile or ratio > TARGET_RATIO:
            profile(work, env)
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main())
