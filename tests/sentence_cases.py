"""The hard sentence-boundary cases of `tests/data/sentence_cases.tsv`, read for the tests
and for `benchmarks/segmentation.py` (the file's header says how a case is written)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CASES_FILE = Path(__file__).resolve().parent / "data" / "sentence_cases.tsv"
BOUNDARY = "‖"


@dataclass(frozen=True, slots=True)
class SentenceCase:
    """One passage: the text a segmenter is given and the sentences it should return."""

    case_id: str
    category: str
    source: str
    text: str
    expected: tuple[str, ...]


def load_cases(path: Path = CASES_FILE) -> list[SentenceCase]:
    cases: list[SentenceCase] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    for row in rows[1:]:  # the first row names the columns
        case_id, category, source, passage = row.split("\t")
        passage = passage.replace("\\n", "\n")
        pieces = [piece.strip() for piece in passage.split(BOUNDARY)]
        cases.append(
            SentenceCase(case_id, category, source, passage.replace(BOUNDARY, ""), tuple(pieces))
        )
    return cases
