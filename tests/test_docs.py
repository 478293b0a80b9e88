"""The README documents what CI runs and every CLI command."""

from __future__ import annotations

import re

from factcheck_tui.cli import _command_parser
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"^(python3 -m venv .*pytest.*)$", ci, re.MULTILINE)
    assert test_command is not None
    assert test_command.group(1) in README


def test_every_subcommand_is_documented() -> None:
    _, commands = _command_parser()
    for name in commands:
        assert f"`factcheck {name}" in README, f"README does not document `factcheck {name}`"


def test_every_binding_id_is_documented() -> None:
    from tests.test_keys import our_node_classes

    dialogs = (
        "Dialog",
        "HelpScreen",
        "HistoryScreen",
        "LinkAllScreen",
        "ReportSearchScreen",
        "DeskSearchScreen",
    )
    for cls in our_node_classes():
        if cls.__name__.endswith(dialogs):
            continue  # dialogs show their own keys on screen
        for binding in cls.__dict__.get("BINDINGS", []):
            ident = (
                binding.id.removesuffix("_1").rsplit("_", 1)[0]
                if "use_" in binding.id
                else binding.id
            )
            assert ident in README, f"README does not document binding {binding.id}"


def test_cli_knows_every_subcommand_name_without_importing_them() -> None:
    from factcheck_tui.cli import COMMAND_NAMES

    _, commands = _command_parser()
    assert tuple(sorted(commands)) == COMMAND_NAMES


def test_csv_columns_table_matches_the_export() -> None:
    from factcheck_tui.core.output.checked_csv import CSV_COLUMNS

    section = README.split("### The CSV", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    documented = [name for row in rows for name in re.findall(r"`([a-z_]+)`", row.split("|")[1])]
    assert sorted(documented) == sorted(CSV_COLUMNS)


def test_every_export_option_is_documented() -> None:
    _, commands = _command_parser()
    for action in commands["export"]._actions:
        names = [name for name in action.option_strings if name not in ("-h", "--help")]
        if names:
            assert any(f"{name} " in README or f"{name}]" in README for name in names), (
                f"README does not document export {'/'.join(names)}"
            )
