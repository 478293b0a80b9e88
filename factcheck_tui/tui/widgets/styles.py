"""How a claim's verdict looks: the same marks and tints in the list and in the article,
by the verdict's kind on the desk's scale (open, positive, negative, neutral)."""

from __future__ import annotations

from rich.text import Text

from factcheck_tui.core.records.display import printable

KIND_ICONS = {"open": "○", "positive": "✔", "negative": "✘", "neutral": "◆"}
# Background tints of claim spans in the article, by verdict kind; the selected claim is bolder.
SPAN_TINTS = {
    "open": "on #3b3520",
    "positive": "on #1d4028",
    "negative": "on #4d1f22",
    "neutral": "on #2a3050",
}
SELECTED_SPAN = "bold black on #e0c060"
ICON_STYLES = {
    "open": "dim",
    "positive": "bold green",
    "negative": "bold red",
    "neutral": "bold blue",
}
SEARCH_HIT = "bold underline black on #7fc8ff"


def shown(text: Text | str) -> Text:
    """Untrusted text for a widget: plain (never markup), its control and bidi characters
    made visible by core/records/display.py (same length, so styles and offsets stay put)."""
    if isinstance(text, str):
        return Text(printable(text))
    return Text(
        printable(text.plain),
        style=text.style,
        justify=text.justify,
        no_wrap=text.no_wrap,
        spans=text.spans,
        end=text.end,
    )


# A fact in the list and in the article: the galley's marks. A checked fact is struck
# through in its status's colour, an unchecked one underlined (tui/widgets/article_view.py).
FACT_ICONS = {"unchecked": "·", "verified": "✔", "unverified": "✘", "disputed": "⚑"}
FACT_STYLES = {
    "unchecked": "dim",
    "verified": "bold green",
    "unverified": "bold red",
    "disputed": "bold magenta",
}
FACT_SPANS = {
    "unchecked": "underline",
    "verified": "strike #8fd694",
    "unverified": "strike #ff8a80",
    "disputed": "strike #e0a0ff",
}
