"""Rebuild sample_db/sample.db from the sample article(s) and prior reports beside it.

Usage: python scripts/build_sample_db.py [OUTPUT]   (default: sample_db/sample.db)
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck_tui.core.sample import build_sample_database, database_content

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_db"


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE_DIR / "sample.db"
    build_sample_database(SAMPLE_DIR, target)
    content = database_content(target)
    print(
        f"wrote {target}: {len(content['articles'])} articles, {len(content['claims'])} claims, "
        f"{len(content['reports'])} prior reports"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
