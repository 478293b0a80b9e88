"""Save SVG screenshots of the main screens for the README (docs/*.svg).

Runs the real app headless on a temporary copy of the sample database, with a few claims
marked so the tints show. Usage: python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
SIZE = (140, 40)


async def capture() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sample.db"
        shutil.copyfile(REPO / "sample_db" / "sample.db", db)
        with Store.open(db, "amira") as store:
            app = FactcheckApp(store)
            async with app.run_test(size=SIZE) as pilot:
                app.save_screenshot("article-list.svg", str(DOCS))
                await pilot.press("enter", "v", "j", "u", "j", "j")
                await pilot.pause()
                app.save_screenshot("article.svg", str(DOCS))
                await pilot.press("f1")
                await pilot.pause()
                app.save_screenshot("help.svg", str(DOCS))
    for size, name in (((160, 48), "article-facts.svg"), ((80, 24), "article-facts-80x24.svg")):
        await facts_mid_check(size, name)


async def facts_mid_check(size: tuple[int, int], name: str) -> None:
    """The sample's first claim mid-check, fact by fact (issue #21): 54 verified, 26
    unverified with a note, the cursor in the facts."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "sample.db"
        shutil.copyfile(REPO / "sample_db" / "sample.db", db)
        with Store.open(db, "amira") as store:
            app = FactcheckApp(store)
            async with app.run_test(size=size) as pilot:
                await pilot.press("enter", "tab", "j", "j", "v", "j", "j", "u", "j", "v")
                await pilot.pause()
                app.save_screenshot(name, str(DOCS))


if __name__ == "__main__":
    asyncio.run(capture())
    print("wrote", ", ".join(sorted(p.name for p in DOCS.glob("*.svg"))))
