"""Values in pieces small enough for one `IN (...)` list: SQLite's limit on bound parameters
is 999 in older builds."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

SIZE = 500
T = TypeVar("T")


def chunks(values: Sequence[T], size: int = SIZE) -> Iterator[list[T]]:
    """`values` in pieces of at most `size`, in order."""
    for index in range(0, len(values), size):
        yield list(values[index : index + size])


def marks(chunk: Sequence[object]) -> str:
    """The `?, ?, …` of an `IN (...)` list for these values."""
    return ",".join("?" * len(chunk))
