"""Word drafts made by a real word processor from real news: every page of
../shared/data/html-pages-dev opened and saved as .docx by LibreOffice (headless), then read
by factcheck's Word reader. Prints refusals and the share of the annotators' main-text
passages ("with") found in the text read (whitespace-normalised substrings), beside the same
share in LibreOffice's own plain-text export of the same .docx files: the baseline says what
the converted document still holds, so a gap between the two is the reader's.

Conversion takes ~2.5 min for the 105 pages on this machine; nothing is kept afterwards.

Usage: python benchmarks/word_from_pages.py [--pages N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from _common import REPO

from factcheck_tui.core.intake.article_files import read_article_file
from factcheck_tui.core.records.errors import InputError

DATA = next(
    (p for p in (REPO / "../shared/data", REPO / "../../shared/data") if p.exists()),
    REPO / "../shared/data",
)


def convert(soffice: str, work: Path, files: list[Path], target: str) -> None:
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{work}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(work),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=1800,
    )


def normal(text: str) -> str:
    return " ".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    pages_dir = DATA / "html-pages-dev"
    if soffice is None or not pages_dir.exists():
        print("needs soffice (LibreOffice) and ../shared/data/html-pages-dev")
        return 1
    annotations = json.loads((pages_dir / "annotations.json").read_text(encoding="utf-8"))
    entries = list(annotations.values())[: args.pages or None]
    with tempfile.TemporaryDirectory(prefix="factcheck-word-") as folder:
        work = Path(folder)
        sources = []
        for entry in entries:
            shutil.copyfile(pages_dir / "pages" / entry["file"], work / entry["file"])
            sources.append(work / entry["file"])
        started = time.perf_counter()
        convert(soffice, work, sources, "docx:MS Word 2007 XML")
        drafts = [work / e["file"].replace(".html", ".docx") for e in entries]
        convert(soffice, work / "txt", [d for d in drafts if d.exists()], "txt:Text (encoded):UTF8")
        converted = time.perf_counter() - started
        ours = theirs = total = 0
        refused: list[str] = []
        not_converted = 0
        read_time = 0.0
        for entry, draft in zip(entries, drafts, strict=True):
            if not draft.exists():
                not_converted += 1
                continue
            plain = work / "txt" / draft.with_suffix(".txt").name
            baseline = normal(plain.read_text(encoding="utf-8", errors="replace"))
            begun = time.perf_counter()
            try:
                text = normal(read_article_file(draft).body)
            except InputError as error:
                refused.append(str(error))
                text = ""
            read_time += time.perf_counter() - begun
            for passage in entry["with"]:
                total += 1
                ours += normal(passage) in text
                theirs += normal(passage) in baseline
    read = len(drafts) - not_converted
    print(f"{len(entries)} dev pages; LibreOffice converted {read} ({converted:.0f} s)")
    print(f"  read by factcheck: {read - len(refused)}, refused {len(refused)}")
    for line in refused[:5]:
        print(f"    {line}")
    print(f"  main-text passages found: {ours} of {total} ({ours / max(total, 1):.1%})")
    print(f"  baseline, LibreOffice's own text export: {theirs} of {total}")
    print(f"  reading time: {read_time:.2f} s for {read} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
