"""The key-latency baseline: the least a Textual app costs to repaint its status line on a key.

A Screen with a Static status line and a Footer; `v` and `c` rewrite the line (as a mark does
factcheck's), nothing else: no database, no config, no other widget. `benchmarks/key_latency.py`
runs it under tmux with the same interpreter and the same measurement as factcheck.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static


class StatusScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "mark(1)", "Verified"),
        Binding("c", "mark(0)", "Unchecked"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("minimal app: press v or c", id="body")
        yield Static(self.line(0), id="status-line")
        yield Footer()

    @staticmethod
    def line(verified: int) -> str:
        return f"{verified}/15 checked · {verified} verified · 0 unverified — minimal app"

    def action_mark(self, verified: int) -> None:
        self.query_one("#status-line", Static).update(self.line(verified))


class MinimalStatusApp(App[None]):
    CSS = "#body { height: 1fr; } #status-line { height: 1; }"

    def on_mount(self) -> None:
        self.push_screen(StatusScreen())


if __name__ == "__main__":
    MinimalStatusApp().run()
