"""The start-up baseline: the least a Textual app with the article list's widgets costs.

A Screen with a DataTable (one row: the sample article) and a Footer, nothing else; no
database, no config. `benchmarks/startup.py` runs it with the same interpreter as factcheck.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer

TITLE = "ISIS Reduced to a Handful of Holdouts in Syria"


class ListScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Date", "Title", "Outlet", "Claims")
        table.add_row("2018-07-13", TITLE, "", "11")
        table.focus()


class MinimalApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(ListScreen())


if __name__ == "__main__":
    MinimalApp().run()
