"""The core never imports Textual: each core module is imported alone in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import factcheck_tui.core

# Every module of every folder of the core, not only the flat ones.
CORE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(factcheck_tui.core.__path__, prefix="factcheck_tui.core.")
)
SHELL_MODULES = [
    "factcheck_tui.cli",
    "factcheck_tui.commands.articles",
    "factcheck_tui.commands.export",
]


@pytest.mark.parametrize("module", CORE_MODULES + SHELL_MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_core_modules_are_found() -> None:
    assert {
        "factcheck_tui.core.store",
        "factcheck_tui.core.extraction.extract",
        "factcheck_tui.core.output.checked_csv",
        "factcheck_tui.core.intake.article_files",
    } <= set(CORE_MODULES)
