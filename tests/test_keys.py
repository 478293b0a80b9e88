"""A keyboard experience that holds together: every binding has an id and a description, ids
are unique, every action is in the command palette with its key, the theme is remembered."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode

import factcheck_tui.tui
from factcheck_tui.core.config import load_config
from factcheck_tui.core.store import Store
from factcheck_tui.tui.app import FactcheckApp
from factcheck_tui.tui.commands import BindingCommands
from factcheck_tui.tui.keys import describe_bindings


def our_node_classes() -> list[type[DOMNode]]:
    classes = []
    for info in pkgutil.walk_packages(factcheck_tui.tui.__path__, "factcheck_tui.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                classes.append(cls)
    return classes


def test_every_binding_has_an_id_and_a_description_and_ids_are_unique() -> None:
    owners: dict[str, str] = {}
    checked = 0
    for cls in our_node_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), f"{cls.__name__}: use Binding(...) with an id"
            where = f"{cls.__name__} {binding.key!r}"
            assert binding.description, f"{where} has no description"
            assert binding.id, f"{where} has no id, so it cannot be remapped"
            assert binding.id not in owners, (
                f"{where} reuses id {binding.id} ({owners[binding.id]})"
            )
            owners[binding.id] = cls.__name__
            checked += 1
    assert checked >= 40


async def test_palette_lists_every_action_of_the_screen_with_its_key(
    sample_store: Store,
) -> None:
    app = FactcheckApp(sample_store)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("enter")
        rows = describe_bindings(app.screen)
        assert {"Verified", "Unverified", "Note", "Undo", "Split claim"} <= {
            row.description for row in rows
        }
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        provider = BindingCommands(app.screen_stack[-2])
        hits = [hit async for hit in provider.search("merge")]
        assert hits and "(M)" in str(hits[0].text)
        await pilot.press("escape")
        # running a command from the palette runs the action on the article screen
        await hits[0].command()  # type: ignore[misc]
        await pilot.pause()


async def test_theme_chosen_is_remembered(sample_store: Store, tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keys]\n"claims.verify" = "V"\n')
    app = FactcheckApp(sample_store, load_config(config_file))
    async with app.run_test(size=(140, 40)) as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
    saved = load_config(config_file)
    assert saved.theme == "gruvbox"
    assert saved.keys == {"claims.verify": "V"}
    again = FactcheckApp(sample_store, saved)
    async with again.run_test(size=(140, 40)):
        assert again.theme == "gruvbox"
