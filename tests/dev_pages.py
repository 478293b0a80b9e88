"""The real web pages of ../shared/data/html-pages-dev/ (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Beside the checkout (CI and /work/main), or two levels up from a worktree.
CANDIDATES = (
    Path(os.environ["FACTCHECK_DATA"]) if os.environ.get("FACTCHECK_DATA") else None,
    REPO / ".." / "shared" / "data",
    REPO / ".." / ".." / "shared" / "data",
)
DEV_PAGES = next(
    (
        folder / "html-pages-dev" / "pages"
        for folder in CANDIDATES
        if folder is not None and (folder / "html-pages-dev" / "pages").is_dir()
    ),
    None,
)


def dev_page(name: str) -> bytes:
    """The bytes of one dev page; the test is skipped when the data is not checked out."""
    if DEV_PAGES is None or not (DEV_PAGES / name).exists():
        pytest.skip("../shared/data/html-pages-dev is not here")
    return (DEV_PAGES / name).read_bytes()
