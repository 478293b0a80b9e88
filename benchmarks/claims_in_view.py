"""Claims in view on the article screen (#23, "a small terminal that shows what matters"):
the sample article as the extractor finds it, opened at several terminal sizes; the claims
the list shows whole, with the panels under it open (the layout before #23, the baseline)
and as the screen chooses now (folded where open they would leave fewer than five), in the
same run. The claim is the first, then the 4th and the 7th (j three times each).

Usage: python benchmarks/claims_in_view.py [WxH ...]   (default: 80x24 100x30 120x34
100x40 80x40 80x48 120x40 160x48)

Target: five or more claims whole in view at every size, 160x48 as before.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from _common import isolated_env

from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.screens.article_base import ArticleScreenBase
from factcheck_tui.tui.widgets.claim_list import ClaimList

SAMPLE = Path(__file__).resolve().parent.parent / "sample_db" / "seed_article.txt"
SIZES = ("80x24", "100x30", "120x34", "100x40", "80x40", "80x48", "120x40", "160x48")


def whole_in_view(claims: ClaimList) -> int:
    top, height = claims.scroll_offset.y, claims.scrollable_content_region.height
    lines, heights = claims._index_to_line, claims._heights
    return sum(
        top <= lines[i] and lines[i] + heights[i] <= top + height
        for i in range(claims.option_count)
    )


async def counts(size: tuple[int, int], panels_open: bool | None) -> tuple[list[int], bool]:
    folder = Path(tempfile.mkdtemp())
    store = Store.open(folder / "desk.db", "bench")
    import_article(store, read_article_file(SAMPLE))
    app = FactcheckApp(store)
    found = []
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreenBase)
        if panels_open is not None and screen.panels_folded == panels_open:
            await pilot.press("i")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            found.append(whole_in_view(screen.query_one(ClaimList)))
            await pilot.press("j", "j", "j")
        folded = screen.panels_folded
    store.close()
    return found, folded


def main() -> None:
    sizes = sys.argv[1:] or SIZES
    print(f"{'size':>8}  {'open (before)':>15}  {'now':>12}  folded")
    for text in sizes:
        width, height = (int(n) for n in text.split("x"))
        before, _ = asyncio.run(counts((width, height), True))
        now, folded = asyncio.run(counts((width, height), None))
        print(
            f"{text:>8}  {' '.join(map(str, before)):>15}  {' '.join(map(str, now)):>12}  "
            f"{'yes' if folded else 'no'}{'' if min(now) >= 5 else '  (under 5)'}"
        )


if __name__ == "__main__":
    os.environ.update(isolated_env(Path(tempfile.mkdtemp())))
    main()
