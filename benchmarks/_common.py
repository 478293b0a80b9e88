"""Shared helpers for the benchmark scripts: paths, an isolated environment, statistics."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SAMPLE_DB = REPO / "sample_db" / "sample.db"
SAMPLE_ARTICLE = REPO / "sample_db" / "seed_article.txt"
SAMPLE_TITLE = "ISIS Reduced to a Handful of Holdouts in Syria"
CACHE = Path(
    os.environ.get("FACTCHECK_BENCH_CACHE", Path(tempfile.gettempdir()) / "factcheck-bench")
)


def shared_data(folder: str) -> Path:
    """`folder` of the shared data sets: under $FACTCHECK_DATA, else ../shared/data beside the
    checkout (CI, /work/main), else two levels up (a git worktree); the first place it is."""
    places = (
        Path(os.environ.get("FACTCHECK_DATA", REPO.parent / "shared" / "data")),
        REPO.parent.parent / "shared" / "data",
    )
    return next(
        (place / folder for place in places if (place / folder).is_dir()), places[0] / folder
    )


def isolated_env(home: Path) -> dict[str, str]:
    """Environment for the app under test: no user config, data dir or database is touched."""
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "FACTCHECK_CHECKER": "bench",
    }
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def verdict(value: float, target: float) -> str:
    return "meets the target" if value <= target else "MISSES the target"


def fresh_sample(target: Path) -> Path:
    """The sample database as this checkout builds it (scripts/build_sample_db.py's content).

    Used where an article must open: a committed sample.db made by an older schema can lack
    columns the current code reads.
    """
    from factcheck_tui.core.sample import build_sample_database

    return build_sample_database(REPO / "sample_db", target)
