"""The house by concern (issue #18): folders a reader can find, layers that hold with every
import counted (type-only ones too), and modules and functions small enough to read.

Read from the source with `ast` (nothing is imported), on the import graph of
tests/test_data_layer.py, which counts module-level, function-level and `TYPE_CHECKING`
imports alike."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.test_data_layer import PACKAGE, import_graph

CORE = PACKAGE / "core"
TOP = "factcheck_tui"

# Folder of the core → the folders of the package it may import besides itself.
# The bottom two import nothing of the package; the data layer only what is below it;
# extraction and matching nothing of the desk, the files or the screens.
MAY_IMPORT: dict[str, set[str]] = {
    "records": set(),
    "text": set(),
    "db": {"records", "text"},
    "extraction": {"records", "text"},
    "matching": {"records", "text", "db"},
    "report_files": {"records", "text", "db", "intake"},
    "intake": {"records", "text", "db", "extraction"},
    "desk": {"records", "text", "db", "extraction", "matching"},
    "output": {"records", "text", "db"},
}
FLAT_AT_MOST = 6
MODULE_LINES_AT_MOST = 500
FUNCTION_LINES_AT_MOST = 80


def _folder(module: str) -> str | None:
    """`factcheck_tui.core.changes` → "desk"; None outside the core's folders."""
    parts = module.split(".")
    if parts[:2] != [TOP, "core"] or len(parts) < 3 or parts[2] not in MAY_IMPORT:
        return None
    return parts[2]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in sorted(graph.items()):
        folder = _folder(module)
        if module.startswith(f"{TOP}.core") and any(
            target.startswith((f"{TOP}.tui", f"{TOP}.commands", f"{TOP}.cli")) for target in targets
        ):
            found.append(f"{module} imports the shell (tui, commands or cli)")
        if folder is None:
            continue
        allowed = MAY_IMPORT[folder] | {folder}
        for target in sorted(targets):
            if target in (TOP, f"{TOP}.core"):
                continue
            other = _folder(target)
            if other is None and target.startswith(f"{TOP}.core."):
                # A flat module of the core (the store, config, the sample): above every folder.
                found.append(f"{module} imports {target}")
            elif other is not None and other not in allowed:
                found.append(f"{module} imports {target}")
    return found


def test_every_core_folder_has_a_rule() -> None:
    folders = {path.name for path in CORE.iterdir() if (path / "__init__.py").exists()}
    assert folders == set(MAY_IMPORT)


def test_layers_hold_with_every_import_counted() -> None:
    assert layer_violations(import_graph(PACKAGE)) == []


def test_the_layer_check_finds_a_type_only_import(tmp_path: Path) -> None:
    root = tmp_path / TOP
    for folder in ("core", "core/db", "core/desk", "core/records"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "core/records/models.py").write_text("import json\n")
    (root / "core/db/claims.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from factcheck_tui.core.records import models\n"
        "if TYPE_CHECKING:\n    from factcheck_tui.core.desk.history import undo\n"
    )
    (root / "core/desk/history.py").write_text("from factcheck_tui.core.db import claims\n")
    assert layer_violations(import_graph(root)) == [
        "factcheck_tui.core.db.claims imports factcheck_tui.core.desk",
        "factcheck_tui.core.db.claims imports factcheck_tui.core.desk.history",
    ]


def test_few_modules_stay_flat_in_the_core() -> None:
    flat = sorted(path.name for path in CORE.glob("*.py") if path.name != "__init__.py")
    assert len(flat) <= FLAT_AT_MOST, flat


def _long_functions(source: str) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > FUNCTION_LINES_AT_MOST:
                found.append((node.name, length))
    return found


def test_no_module_over_500_lines_and_no_function_over_80() -> None:
    long_modules, long_functions = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(PACKAGE.parent))
        if source.count("\n") > MODULE_LINES_AT_MOST:
            long_modules.append(f"{name}: {source.count(chr(10))} lines")
        long_functions += [f"{name}: {fn} {n} lines" for fn, n in _long_functions(source)]
    assert long_modules == [] and long_functions == [], long_modules + long_functions


def test_the_size_check_finds_a_long_function() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(FUNCTION_LINES_AT_MOST))
    assert _long_functions(f"def long():\n{body}\n") == [("long", FUNCTION_LINES_AT_MOST + 1)]
    assert _long_functions("def short():\n    return 1\n") == []


def _documented_modules(text: str) -> dict[str, set[str]]:
    """docs/architecture.md's module list: `### \\`folder/\\`` headings, `- \\`module\\`:` lines."""
    import re

    documented: dict[str, set[str]] = {}
    folder = ""
    for line in text.splitlines():
        heading = re.match(r"### `([\w/]+)/`$", line)
        if heading:
            folder = heading.group(1)
            documented[folder] = set()
        elif folder and (item := re.match(r"- `(\w+)`:", line)):
            documented[folder].add(item.group(1))
    return documented


def test_the_architecture_page_names_every_folder_and_module() -> None:
    """docs/architecture.md is where the next engineer starts: it cannot miss a module."""
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = _documented_modules(text)
    actual = {
        str(folder.relative_to(PACKAGE)): {
            path.stem for path in folder.glob("*.py") if path.name != "__init__.py"
        }
        for folder in [PACKAGE / "core", *PACKAGE.rglob("*/")]
        if (folder / "__init__.py").exists()
        and folder != PACKAGE
        and "__pycache__" not in str(folder)
    }
    assert documented == actual
    assert _documented_modules("### `core/db/`\n\n- `claims`: The claims table.\n") == {
        "core/db": {"claims"}
    }
