"""Peak memory of `factcheck reports import` on a large ClaimReview feed (a top-level JSON
list, read item by item) beside what reading the same file whole costs (`json.load`, what
the import did before), both measured as the peak RSS of a child process in the same run.

    .venv/bin/python benchmarks/report_memory.py [--megabytes 64]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

FACTCHECK = str(Path(sys.executable).parent / "factcheck")


def write_feed(path: Path, megabytes: int) -> int:
    """A ClaimReview list of about `megabytes` MB; returns its number of reports."""
    size = megabytes * 1024 * 1024
    written, count = 1, 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        while written < size:
            item = json.dumps(
                {
                    "@type": "ClaimReview",
                    "claimReviewed": f"The council spent {count} million on the city's roads",
                    "reviewRating": {"alternateName": "False"},
                    "author": {"name": "Example Check"},
                    "url": f"https://example.org/check/{count}",
                }
            )
            piece = ("," if count else "") + item
            handle.write(piece)
            written += len(piece)
            count += 1
        handle.write("]")
    return count


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory of a child process, in MB (ru_maxrss is in KB on Linux)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[:3]} failed: {process.stderr.read().decode()[-300:]}")  # type: ignore[union-attr]
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.json"
        count = write_feed(feed, args.megabytes)
        baseline = peak_rss_mb(
            [sys.executable, "-c", f"import json; json.load(open({str(feed)!r}, encoding='utf-8'))"]
        )
        env_home = {"HOME": folder, "XDG_CONFIG_HOME": folder, "XDG_DATA_HOME": folder}
        os.environ.update(env_home)
        ours = peak_rss_mb([FACTCHECK, "reports", "import", str(feed), "--db", f"{folder}/d.db"])
    print(f"feed: {args.megabytes} MB, {count:,} ClaimReview items")
    print(f"json.load of the whole file (baseline): {baseline:6.0f} MB peak RSS")
    print(
        f"factcheck reports import (streamed):    {ours:6.0f} MB peak RSS "
        f"({ours / baseline:.2f}x the baseline)"
    )


if __name__ == "__main__":
    main()
