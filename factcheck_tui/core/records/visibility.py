"""Whether and how a claim shows in its article's list: the `claims.dismissed` column."""

from __future__ import annotations

from enum import IntEnum


class ClaimVisibility(IntEnum):
    """`claims.dismissed`: whether and how a claim shows in its article's list."""

    SHOWN = 0  # listed and counted
    DISMISSED = 1  # not check-worthy: hidden unless the checker shows dismissed claims
    MERGED = 2  # merged into the claim before it: never listed (undo brings it back)
    REMOVED = 3  # its sentence is gone from this revision: listed last, never counted
