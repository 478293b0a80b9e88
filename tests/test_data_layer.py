"""One door to SQLite (issue #10): only factcheck_tui/core/db/ runs SQL, and no module of
factcheck_tui takes part in an import circle.

Both checks read the source with `ast` (no module is imported), so they see function-level
imports and calls too. Each checker is also run on snippets of the code as it was before the
data layer, to show it catches what it is meant to catch and nothing else.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "factcheck_tui"
DATA_LAYER = PACKAGE / "core" / "db"

# sqlite3 cursor/connection methods that run SQL.
SQL_METHODS = {"execute", "executemany", "executescript"}
# sqlite-utils table methods that write (called on `db["table"]` or `db.table(...)`).
TABLE_METHODS = {
    "insert",
    "upsert",
    "insert_all",
    "upsert_all",
    "update",
    "delete_where",
    "delete",
    "create",
    "create_index",
    "transform",
    "add_column",
    "enable_fts",
    "rows_where",
}
SQL_KEYWORDS = ("select", "with", "pragma", "insert", "update", "delete", "create", "drop")


def _text_of(node: ast.expr) -> str | None:
    """The leading literal text of a string or f-string argument."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text_of(node.left)
    return None


def _is_database(node: ast.expr) -> bool:
    """`db`, `database`, `store.db`, `self._db`: what sqlite-utils' Database is called."""
    name = (
        node.id
        if isinstance(node, ast.Name)
        else node.attr
        if isinstance(node, ast.Attribute)
        else ""
    )
    return name in {"db", "_db", "database"} or name.endswith("_db")


def _is_table(node: ast.expr) -> bool:
    """`db["claims"]`, `store.db["claims"]`, `database["x"]` or `db.table("x")`."""
    if isinstance(node, ast.Subscript):
        owner = node.value
        name = (
            owner.id
            if isinstance(owner, ast.Name)
            else owner.attr
            if isinstance(owner, ast.Attribute)
            else ""
        )
        key = node.slice
        return (name == "database" or name == "db" or name.endswith("_db")) and (
            isinstance(key, ast.Constant) and isinstance(key.value, str)
        )
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "table"
    )


def sql_uses(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for every place `source` runs SQL or reaches for a SQLite connection."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "sqlite_utils":
                    yield node.lineno, "import sqlite_utils"
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[0] == "sqlite_utils":
                yield node.lineno, "from sqlite_utils import"
            if node.module == "sqlite3" and any(a.name == "connect" for a in node.names):
                yield node.lineno, "from sqlite3 import connect"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, owner = node.func.attr, node.func.value
            if method in SQL_METHODS:
                yield node.lineno, f".{method}("
            elif method == "connect" and isinstance(owner, ast.Name) and owner.id == "sqlite3":
                yield node.lineno, "sqlite3.connect("
            elif method == "query" and node.args:
                # sqlite-utils' db.query(sql); Textual's widget.query("#id") is not SQL.
                text = _text_of(node.args[0])
                if text is not None and text.lstrip().lower().startswith(SQL_KEYWORDS):
                    yield node.lineno, ".query(<SQL>)"
                elif _is_database(owner):
                    yield node.lineno, "<database>.query("
            elif method in TABLE_METHODS and _is_table(owner):
                yield node.lineno, f"<table>.{method}("


def _modules(root: Path) -> Iterator[Path]:
    yield from sorted(root.rglob("*.py"))


def test_no_sql_outside_the_data_layer() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path in _modules(PACKAGE)
        if DATA_LAYER not in path.parents
        for line, what in sql_uses(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "SQL outside factcheck_tui/core/db/:\n" + "\n".join(found)


def test_the_data_layer_is_where_the_sql_is() -> None:
    """The check looks where the SQL now is: it finds it there (so it can find it elsewhere)."""
    inside = {
        path.name
        for path in _modules(DATA_LAYER)
        if list(sql_uses(path.read_text(encoding="utf-8")))
    }
    assert {"connection.py", "claims.py", "reports.py", "events.py", "schema.py"} <= inside


# Lines of the code before the data layer (commit 6f92917), each running SQL another way.
BEFORE = """
def add(store, rows, claim_id):
    store.conn.execute("SELECT id FROM claims WHERE id = ?", (claim_id,))
    store.conn.executemany("INSERT INTO report_terms (term, df) VALUES (?, ?)", rows)
    self.conn.executescript("VACUUM")
    store.db["claims"].insert_all(rows)
    db["reports"].upsert({"id": 1}, pk="id")
    db.table("x").delete_where("id = ?", [1])
    db.query(f"SELECT {columns} FROM claims")
    rows = store.db.query(sql, params)
    conn = sqlite3.connect(path, check_same_thread=False)
    import sqlite_utils
"""
# Lines that look alike and run no SQL.
UNRELATED = """
def other(self, lines, counts, mapping, row):
    boxes = self.query("#article-filter")
    paragraphs = list(self.query(Paragraph))
    lines.insert(0, "theme")
    counts.update(["a"])
    mapping["key"].update({"b": 1})
    " ".join(row).upper()
    self.selected.clear()
"""


def test_the_sql_check_catches_each_way_the_old_code_ran_sql() -> None:
    """(Run on the whole tree of commit 6f92917 it names 13 modules, the issue's count.)"""
    found = [what for _, what in sorted(sql_uses(BEFORE))]
    assert found == [
        ".execute(",
        ".executemany(",
        ".executescript(",
        "<table>.insert_all(",
        "<table>.upsert(",
        "<table>.delete_where(",
        ".query(<SQL>)",
        "<database>.query(",
        "sqlite3.connect(",
        "import sqlite_utils",
    ]
    assert list(sql_uses(UNRELATED)) == []


# ------------------------------------------------------------------------ import circles
def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import: module level, inside a function, and under `if TYPE_CHECKING:` (a circle
    a type checker needs is still a circle: the two modules cannot be understood apart)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def import_graph(root: Path) -> dict[str, set[str]]:
    """module → the package's modules it imports (a package import includes its __init__)."""
    paths = {_module_name(path, root): path for path in _modules(root)}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    top = root.name
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.append(full if full in paths else base)
            for target in targets:
                if target.split(".")[0] != top:
                    continue
                while target and target not in paths:
                    target = target.rpartition(".")[0]
                # Importing a.b.c runs a/__init__ and a/b/__init__ too.
                parts = target.split(".")
                for depth in range(1, len(parts) + 1):
                    module = ".".join(parts[:depth])
                    if module in paths and module != name:
                        graph[name].add(module)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def test_no_import_circle() -> None:
    cycles = import_cycles(import_graph(PACKAGE))
    assert cycles == [], "import circles: " + "; ".join(" ↔ ".join(c) for c in cycles)


def test_the_graph_has_function_level_imports() -> None:
    graph = import_graph(PACKAGE)
    # cli imports the TUI inside the function that runs it.
    assert "factcheck_tui.tui.launch" in graph["factcheck_tui.cli"] or any(
        module.startswith("factcheck_tui.tui") for module in graph["factcheck_tui.cli"]
    )
    assert "factcheck_tui.core.changes" in graph["factcheck_tui.core.store"]


def test_the_circle_check_finds_the_old_circle(tmp_path: Path) -> None:
    """Before the data layer: store → history → edits → store, history's edits import inside
    undo()."""
    core = tmp_path / "factcheck_tui" / "core"
    core.mkdir(parents=True)
    (tmp_path / "factcheck_tui" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("")
    (core / "store.py").write_text(
        "def undo(store):\n    from factcheck_tui.core.history import undo\n"
    )
    (core / "history.py").write_text(
        "from factcheck_tui.core.store import Store\n"
        "def undo(store):\n    import factcheck_tui.core.edits\n"
    )
    (core / "edits.py").write_text("from factcheck_tui.core.store import Store\n")
    (core / "export.py").write_text("import json\n")
    (core / "helper.py").write_text("from . import export\n")
    graph = import_graph(tmp_path / "factcheck_tui")
    assert graph["factcheck_tui.core.helper"] == {
        "factcheck_tui",
        "factcheck_tui.core",
        "factcheck_tui.core.export",
    }
    assert import_cycles(graph) == [
        [
            "factcheck_tui.core.edits",
            "factcheck_tui.core.history",
            "factcheck_tui.core.store",
        ]
    ]


# ------------------------------------------------------------------ claim visibility
def test_claim_visibility_is_named_never_a_bare_code() -> None:
    """`claims.dismissed` is a ClaimVisibility: no SQL compares it with a digit and no Python
    compares a claim's `.dismissed` with an int literal (13 on commit 6f92917)."""
    import re

    sql_code = re.compile(r"\bdismissed\s*(=|!=|<>|IN|in)\s*\(?\s*\d")  # the column, lower case
    found = []
    for path in _modules(PACKAGE):
        source = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {m.group(0)}" for m in sql_code.finditer(source)]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Attribute) and side.attr == "dismissed"
                for side in (node.left, *node.comparators)
            ):
                literals = [
                    side
                    for side in (node.left, *node.comparators)
                    if isinstance(side, ast.Constant) and isinstance(side.value, int)
                ]
                found += [
                    f"{path.name}:{node.lineno}: .dismissed against {side.value}"
                    for side in literals
                ]
    assert found == []
    assert sql_code.search("WHERE article_id = ? AND dismissed = 0")
    assert sql_code.search("dismissed IN (0, 1, 3)")


def test_the_circle_check_counts_type_checking_imports(tmp_path: Path) -> None:
    """Commit 0ce1602's hidden circle: every change module typed against `Store` under
    `if TYPE_CHECKING:` while `Store` imported the changes."""
    core = tmp_path / "factcheck_tui" / "core"
    core.mkdir(parents=True)
    (tmp_path / "factcheck_tui" / "__init__.py").write_text("")
    (core / "__init__.py").write_text("")
    (core / "store.py").write_text("from factcheck_tui.core.claim_changes import ClaimChanges\n")
    (core / "claim_changes.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from factcheck_tui.core.store import Store\n"
    )
    assert import_cycles(import_graph(tmp_path / "factcheck_tui")) == [
        ["factcheck_tui.core.claim_changes", "factcheck_tui.core.store"]
    ]
