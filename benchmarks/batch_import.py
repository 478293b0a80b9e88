"""Importing the 105 dev web pages in one command, beside trafilatura.extract of the same pages.

    .venv/bin/python benchmarks/batch_import.py [--runs 3] [--profile]

Two figures, each beside its baseline from the same run (runs interleaved, medians):

1. The command a checker types: `factcheck import --db NEW.db PAGE...` over all 105 pages of
   `../shared/data/html-pages-dev/pages/` (a new database each run), as a subprocess, wall
   time from launch to exit. Baseline: a subprocess of the same interpreter that imports
   trafilatura and runs `trafilatura.extract()` (default settings) on each page's bytes.
   Both include the interpreter's start and their imports. Target: ratio <= 2.
2. In process, without start-up: `import_article_files` + `import_article` on a new
   database beside `trafilatura.extract` of the same pages (after one warm-up call each).

`--profile` writes the in-process import's cProfile to /tmp/batch_import.prof and prints
its 25 costliest functions by cumulative time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, isolated_env, median

DATA = REPO.parent / "shared" / "data" / "html-pages-dev" / "pages"
if not DATA.is_dir():
    DATA = REPO.parent.parent / "shared" / "data" / "html-pages-dev" / "pages"
FACTCHECK = Path(sys.executable).with_name("factcheck")
EXTRACT_ALL = (
    "import sys, trafilatura\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, 'rb') as handle:\n"
    "        trafilatura.extract(handle.read())\n"
)


def pages() -> list[str]:
    return sorted(str(path) for path in DATA.glob("*.html"))


def timed_command(command: list[str], home: Path) -> float:
    env = isolated_env(home)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=env)
    taken = time.perf_counter() - start
    if done.returncode not in (0, 2):  # 2: some page refused, which the run still reports
        raise SystemExit(done.stderr.decode(errors="replace")[-2000:])
    return taken


def in_process(names: list[str], profile: bool) -> tuple[float, float]:
    import trafilatura

    from factcheck_tui.core.intake.import_files import import_article_files
    from factcheck_tui.core.intake.importing import import_article
    from factcheck_tui.core.store import Store

    def ours() -> float:
        with tempfile.TemporaryDirectory() as folder:
            with Store.open(Path(folder) / "batch.db", "bench") as store:
                start = time.perf_counter()
                import_article_files(names, lambda article: import_article(store, article))
                return time.perf_counter() - start

    def theirs() -> float:
        start = time.perf_counter()
        for name in names:
            trafilatura.extract(Path(name).read_bytes())
        return time.perf_counter() - start

    trafilatura.extract(Path(names[0]).read_bytes())  # warm: imports and first call
    ours_time, theirs_time = ours(), theirs()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(ours)
        profiler.dump_stats("/tmp/batch_import.prof")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return ours_time, theirs_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    names = pages()
    if not names:
        raise SystemExit(f"no pages in {DATA}: the dev pages are in ../shared/data/")
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "batch.db")
            home = Path(folder)
            ours.append(timed_command([str(FACTCHECK), "import", "--db", db, *names], home))
            theirs.append(timed_command([sys.executable, "-c", EXTRACT_ALL, *names], home))
    print(f"{len(names)} dev pages ({DATA.resolve()}), median of {args.runs} interleaved runs")
    print(
        f"1. factcheck import (one command, new database)  {median(ours):6.2f} s\n"
        f"   trafilatura.extract() of the same pages       {median(theirs):6.2f} s\n"
        f"   ratio {median(ours) / median(theirs):.2f} (target <= 2); runs: "
        + ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(ours, theirs, strict=True))
    )
    ours_in, theirs_in = in_process(names, args.profile)
    print(
        f"2. in process, no start-up: import {ours_in:.2f} s, extract {theirs_in:.2f} s, "
        f"ratio {ours_in / theirs_in:.2f}"
    )


if __name__ == "__main__":
    main()
