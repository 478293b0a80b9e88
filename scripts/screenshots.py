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


if __name__ == "__main__":
    asyncio.run(capture())
    print("wrote", ", ".join(sorted(p.name for p in DOCS.glob("*.svg"))))
