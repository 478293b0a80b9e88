"""Help built from the live bindings of the screen it was opened over, remaps included."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from factcheck_tui.tui.keys import describe_bindings


def bindings_table(screen: Screen[object]) -> Table:
    """factcheck's own bindings (those with an id) first, then the widgets' built-in keys."""
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column(Text("Keys"), style="bold cyan", no_wrap=True)
    table.add_column(Text("Action"))
    table.add_column(Text("Binding id (for [keys] in config.toml)"), style="dim")
    rows = describe_bindings(screen)
    ours = [row for row in rows if row.remappable]
    for row in ours + [row for row in rows if row not in ours]:
        table.add_row(Text(row.keys), Text(row.description), Text(row.binding_id))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "close", "Close help", id="help.close", show=True),
    ]

    def __init__(self, over: Screen[object]) -> None:
        super().__init__()
        self.over = over

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Label("Keys on this screen", classes="dialog-title")
            yield Static(bindings_table(self.over))
            yield Label(
                "escape closes · ctrl+p opens the command palette: every action above, by name. "
                "Remap keys in ~/.config/factcheck/config.toml (or $FACTCHECK_CONFIG) under "
                '[keys], e.g.  "claims.verify" = "V".',
                classes="dialog-help",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss()
