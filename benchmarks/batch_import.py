"""Importing the 105 dev web pages in one command, beside trafilatura.extract of the same pages.

    .venv/bin/python benchmarks/batch_import.py [--runs 3] [--profile]

Two figures, each beside its baseline from the same run (runs interleaved, medians):

1. The command a checker types: `factcheck import --db NEW.db PAGE...` over all 105 pages of
   `../shared/data/html-pages-dev/pages/` (a new database each run), as a subprocess, wall
   time from launch to exit. Baseline: a subprocess of the same interpreter that imports
   trafilatura and runs `trafilatura.extract()` (default settings) on each page's bytes.
   Both include the interpreter's start and their imports. Target: ratio <= 2.
2. In process, without start-up, in CPU seconds (which other work on a shared machine
   moves less than wall time): page by page, `read_article_file` (read, decode, parse the
   page), then `import_article` (extract claims and facts, store), then `trafilatura.extract`
   of the same page; the sums of each step.

Both figures are also printed in CPU seconds of the child process (`getrusage`; the command's
worker processes included), and one more run of the command says how much of its CPU was its
own process (start-up, the first page, the desk's writes: the serial part) and how much its
workers'.

`--profile` writes the in-process import's cProfile to /tmp/batch_import.prof and prints
its 25 costliest functions by cumulative time.

`--baseline DIR` (a checkout of the code to compare with, e.g. `git archive 3924dc3 | tar -x
-C DIR`) runs the command of both, interleaved (which goes first alternating), and prints each
one's wall and CPU, its own process's and its workers', and the paired differences: on a
shared machine the pairs say more than either median.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import isolated_env, median, shared_data

DATA = shared_data("html-pages-dev/pages")
FACTCHECK = Path(sys.executable).with_name("factcheck")
EXTRACT_ALL = (
    "import sys, trafilatura\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as handle:\n"
    "        trafilatura.extract(handle.read())\n"
)
# The command run in this interpreter, which then prints its own CPU and its workers'.
COMMAND_SPLIT = (
    "import resource, sys\n"
    "from factcheck_tui.cli import main\n"
    "sys.argv[0] = 'factcheck'\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "own = resource.getrusage(resource.RUSAGE_SELF)\n"
    "workers = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime, file=sys.stderr)\n"
)


def split_run(names: list[str], home: Path, code: Path | None = None) -> tuple[float, ...]:
    """(wall, CPU, own CPU, workers' CPU) of one run of the command; `code`: a checkout whose
    factcheck_tui runs instead of this one."""
    env = isolated_env(home)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COMMAND_SPLIT, "import", "--db", str(home / "split.db"), *names],
        capture_output=True,
        check=False,
        env=env,
        cwd=home,  # not this checkout: `-c` puts the working directory first on the path
    )
    wall = time.perf_counter() - start
    own, workers = (float(value) for value in done.stderr.split()[-2:])
    return wall, _children_cpu() - before, own, workers


def paired(names: list[str], runs: int, baseline: Path) -> None:
    results: dict[str, list[tuple[float, ...]]] = {"baseline": [], "this": []}
    for run in range(runs):
        order = ("baseline", "this") if run % 2 == 0 else ("this", "baseline")
        for which in order:
            with tempfile.TemporaryDirectory() as folder:
                code = baseline.resolve() if which == "baseline" else None
                results[which].append(split_run(names, Path(folder), code))
    print(f"paired with {baseline} ({runs} interleaved runs, load {os.getloadavg()[0]:.1f})")
    for index, label in enumerate(("wall", "CPU", "own CPU", "workers' CPU")):
        old = [r[index] for r in results["baseline"]]
        new = [r[index] for r in results["this"]]
        differences = sorted(b - a for a, b in zip(old, new, strict=True))
        print(
            f"   {label:12} median baseline {median(old):5.2f} s, this {median(new):5.2f} s; "
            f"least {min(old):5.2f} s, {min(new):5.2f} s; "
            f"per pair {' '.join(f'{d:+.2f}' for d in differences)}"
        )


def pages() -> list[str]:
    return sorted(str(path) for path in DATA.glob("*.html"))


def timed_command(command: list[str], home: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of `command`."""
    env = isolated_env(home)
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    taken = time.perf_counter() - start
    if done.returncode not in (0, 2):  # 2: some page refused, which the run still reports
        raise SystemExit(done.stderr.decode(errors="replace")[-2000:])
    return taken, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def in_process(names: list[str], profile: bool) -> dict[str, float]:
    """CPU seconds of each step, page by page, interleaved with trafilatura.extract of the
    same page (CPU time: other work on the machine does not move it)."""
    import trafilatura

    from factcheck_tui.core.intake.article_files import read_article_file
    from factcheck_tui.core.intake.importing import import_article
    from factcheck_tui.core.store import Store

    trafilatura.extract(Path(names[0]).read_bytes())  # warm: imports and first call
    steps = {"read and parse": 0.0, "claims and store": 0.0, "trafilatura.extract": 0.0}
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "batch.db", "bench") as store:
            for name in names:
                start = time.process_time()
                article = read_article_file(name)
                parsed = time.process_time()
                import_article(store, article)
                stored = time.process_time()
                trafilatura.extract(Path(name).read_bytes())
                steps["read and parse"] += parsed - start
                steps["claims and store"] += stored - parsed
                steps["trafilatura.extract"] += time.process_time() - stored
    if profile:
        import cProfile
        import pstats

        from factcheck_tui.core.intake.import_files import import_article_files

        with tempfile.TemporaryDirectory() as folder:
            with Store.open(Path(folder) / "batch.db", "bench") as store:
                profiler = cProfile.Profile()
                profiler.runcall(
                    import_article_files,
                    names,
                    lambda article: import_article(store, article),
                    one_at_a_time=True,  # the profile sees this process only
                )
        profiler.dump_stats("/tmp/batch_import.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--baseline", type=Path, metavar="DIR")
    args = parser.parse_args()
    names = pages()
    if not names:
        raise SystemExit(f"no pages in {DATA}: the dev pages are in ../shared/data/")
    if args.baseline:
        paired(names, args.runs, args.baseline)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "batch.db")
            home = Path(folder)
            ours.append(timed_command([str(FACTCHECK), "import", "--db", db, *names], home))
            theirs.append(timed_command([sys.executable, "-c", EXTRACT_ALL, *names], home))
    print(f"{len(names)} dev pages ({DATA.resolve()}), median of {args.runs} interleaved runs")
    # A batch is read in worker processes, one per core: its wall time gains only where
    # cores are idle, which the load of the shared machine says.
    cores = len(os.sched_getaffinity(0))
    print(f"   {cores} cores, load average {os.getloadavg()[0]:.1f} at the end of the runs")
    for label, index in (("wall", 0), ("CPU", 1)):
        mine, base = median([r[index] for r in ours]), median([r[index] for r in theirs])
        print(
            f"1. {label:4} factcheck import (one command) {mine:6.2f} s, trafilatura.extract() "
            f"of the same pages {base:6.2f} s: ratio {mine / base:.2f} (target <= 2)"
        )
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-c", COMMAND_SPLIT, "import", "--db", f"{folder}/split.db"]
        done = subprocess.run(
            [*command, *names], capture_output=True, check=False, env=isolated_env(Path(folder))
        )
        own, workers = (float(value) for value in done.stderr.split()[-2:])
    print(f"   one more run: the command's own process {own:.2f} s CPU, workers {workers:.2f} s")
    steps = in_process(names, args.profile)
    extract_cpu = steps["trafilatura.extract"]
    ours_cpu = steps["read and parse"] + steps["claims and store"]
    print(
        "2. in process, CPU seconds, page by page interleaved: "
        + ", ".join(f"{step} {seconds:.2f}" for step, seconds in steps.items())
        + f"; import / extract {ours_cpu / extract_cpu:.2f}, "
        f"parse alone / extract {steps['read and parse'] / extract_cpu:.2f}"
    )


if __name__ == "__main__":
    main()
