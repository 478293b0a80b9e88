"""Timestamps for the database: UTC with milliseconds, sortable as text."""

from __future__ import annotations

import datetime as dt


def now() -> str:
    """UTC timestamp with milliseconds, sortable as text: `2018-07-13T09:30:00.000Z`."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
