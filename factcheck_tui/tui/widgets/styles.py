"""How a claim's status looks: the same marks and tints in the list and in the article."""

from __future__ import annotations

STATUS_ICONS = {"unchecked": "○", "verified": "✔", "unverified": "✘"}
STATUS_LABELS = {"unchecked": "unchecked", "verified": "verified", "unverified": "unverified"}
# Background tints of claim spans in the article, by status; the selected claim is bolder.
SPAN_TINTS = {
    "unchecked": "on #3b3520",
    "verified": "on #1d4028",
    "unverified": "on #4d1f22",
}
SELECTED_SPAN = "bold black on #e0c060"
ICON_STYLES = {"unchecked": "dim", "verified": "bold green", "unverified": "bold red"}
SEARCH_HIT = "bold underline black on #7fc8ff"
