"""A command-palette provider listing every action the current screen offers, with its key."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from factcheck_tui.tui.keys import BindingRow, describe_bindings


class BindingCommands(Provider):
    """Every live binding of the screen the palette was opened on, runnable by name."""

    def _rows(self) -> Iterator[BindingRow]:
        screen = self.screen
        if isinstance(screen, Screen):
            yield from describe_bindings(screen)

    async def discover(self) -> Hits:
        for row in self._rows():
            yield DiscoveryHit(
                f"{row.description}  ({row.keys})", partial(self._run, row), help=f"key: {row.keys}"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for row in self._rows():
            label = f"{row.description}  ({row.keys})"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._run, row),
                    help=f"key: {row.keys}",
                )

    @staticmethod
    async def _run(row: BindingRow) -> None:
        await row.node.app.run_action(row.action, row.node)
