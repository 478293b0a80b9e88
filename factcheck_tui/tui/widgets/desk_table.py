"""The article list's table: its columns and widths, a row's cells, the progress bar."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from factcheck_tui.core.records.models import ArticleSummary
from factcheck_tui.tui.widgets.styles import shown

COLUMNS = (
    "date",
    "title",
    "claims",
    "progress",
    "ready",
    "owner",
    "due",
    "unverified",
    "outlet",
    "checkers",
    "last change",
)
BAR_WIDTH = 10
TITLE_WIDTH = 48  # the widest title column; longer titles are cut with …
MIN_TITLE_WIDTH = 12
COLUMN_WIDTHS = {
    "date": 10,
    "claims": 6,
    "progress": BAR_WIDTH + 6,
    "ready": 7,
    "owner": 10,
    "due": 16,
    "unverified": 10,
    "outlet": 14,
    "checkers": 12,
    "last change": 11,
}
# Columns before the title's right edge that must stay on screen: at 80 columns the title
# is shortened so claims, progress and ready still show (the rest scroll sideways).
KEPT_ON_SCREEN = ("date", "claims", "progress", "ready")
CELL_PADDING = 2  # DataTable's cell padding, both sides
SCROLLBAR = 2


def title_width(screen_width: int) -> int:
    """The title column's width at this terminal width (see KEPT_ON_SCREEN)."""
    kept = sum(COLUMN_WIDTHS[c] + CELL_PADDING for c in KEPT_ON_SCREEN)
    room = screen_width - kept - CELL_PADDING - SCROLLBAR
    return max(MIN_TITLE_WIDTH, min(TITLE_WIDTH, room))


def progress_bar(summary: ArticleSummary) -> Text:
    if not summary.claims:
        return Text("no claims", style="dim")
    done = round(BAR_WIDTH * summary.checked / summary.claims)
    bar = Text("█" * done, style="green")
    bar.append("░" * (BAR_WIDTH - done), style="dim")
    bar.append(f" {summary.checked}/{summary.claims}")
    if summary.facts_left:
        bar.append(f" · {summary.facts_left} facts left", style="dim")
    return bar


def article_cells(summary: ArticleSummary, width: int = TITLE_WIDTH) -> list[Text]:
    """The row's cells in COLUMNS order, the title cut with … at `width`."""
    title = summary.title
    if len(title) > width:
        title = title[: width - 1] + "…"
    cells = [
        Text(summary.date or "—"),
        Text(title),
        Text(str(summary.claims), justify="right"),
        progress_bar(summary),
        Text("✔ ready", style="bold green") if summary.ready else Text(""),
        Text(summary.owner),
        Text(summary.due, style="bold" if summary.due else ""),
        Text(
            str(summary.unverified),
            justify="right",
            style="bold red" if summary.unverified else "dim",
        ),
        Text(summary.outlet),
        Text(", ".join(summary.checkers)),
        Text(summary.last_change[5:16].replace("T", " "), style="dim"),
    ]
    return [shown(cell) for cell in cells]


class DeskTable(DataTable[Text]):
    """The article table. DataTable's own Home/End scroll sideways and leave the cursor
    where it was (so Enter then opened another article than the one shown): here they are
    turned off, so Home/End reach the list's own first/last article (with g/G), and the help
    lists them once, there."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("scroll_home", "scroll_end")
