"""Every change is one object with apply and revert, listed once in core/changes.py, the only
table undo reads: imports are never undone, and undo does not depend on what was imported."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from factcheck_tui.core.changes import CHANGE_TYPES, CHANGES, UNDOABLE_ACTIONS
from factcheck_tui.core.desk.claim_checks import Mark
from factcheck_tui.core.desk.claim_list import AddClaim
from factcheck_tui.core.intake.article_files import parse_article_text
from factcheck_tui.core.intake.importing import import_article
from factcheck_tui.core.records.change import Change
from factcheck_tui.core.store import Store
from tests.conftest import REPO, SAMPLE_ARTICLE

CORE = REPO / "factcheck_tui" / "core"


def _recorded_actions() -> set[str]:
    """The action of every `record_event(ctx, action, ...)` call in the core (an f-string's
    fixed part)."""
    found: set[str] = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "record_event"
                and len(node.args) > 1
            ):
                continue
            action = node.args[1]
            if isinstance(action, ast.Constant):
                found.add(action.value)
            elif isinstance(action, ast.JoinedStr):
                head = action.values[0]
                assert isinstance(head, ast.Constant)
                found.add(f"{head.value}*")
            elif isinstance(action, ast.IfExp):
                found |= {b.value for b in (action.body, action.orelse)}  # type: ignore[attr-defined]
    return found


def test_every_action_written_is_in_the_one_table() -> None:
    written = _recorded_actions()
    assert {"status", "merge", "rederive", "import_article", "revision_*"} <= written
    for action in written - {"undo"}:
        if action.endswith("*"):
            assert any(known.startswith(action[:-1]) for known in CHANGES), action
        else:
            assert action in CHANGES, f"{action} is written but no change lists it"
    # One class a kind of change, each a Change with its own apply and revert.
    assert len(set(CHANGE_TYPES)) == len(CHANGE_TYPES)
    for change in CHANGE_TYPES:
        assert issubclass(change, Change) and change.actions
        assert change.apply is not Change.apply
        assert change.undoable == (change.revert is not Change.revert)
    assert "import_article" not in UNDOABLE_ACTIONS
    assert not any(action.startswith(("import_", "revision_")) for action in UNDOABLE_ACTIONS)


def test_an_import_is_never_undone(store: Store) -> None:
    result = import_article(store, parse_article_text(SAMPLE_ARTICLE.read_text(encoding="utf-8")))
    assert store.undo(result.article_id) is None
    assert store.undo() is None
    assert [a.id for a in store.list_articles()] == [result.article_id]
    assert store.progress(result.article_id).total == result.claims


def test_undo_after_a_revised_draft_stops_at_the_carry_over(sample_store: Store) -> None:
    first = sample_store.claims(1)[0]
    sample_store.apply(Mark([first.id], "verified"))
    revised = SAMPLE_ARTICLE.read_text(encoding="utf-8") + "\n\nA new closing paragraph.\n"
    result = import_article(sample_store, parse_article_text(revised))
    assert result.revision is not None
    claims = sample_store.claims(result.article_id)
    # The carried verdict is the import's, not a change of this draft: nothing to undo here.
    assert sample_store.undo(result.article_id) is None
    assert sample_store.claims(result.article_id) == claims
    second = claims[1]
    sample_store.apply(Mark([second.id], "unverified"))
    assert "mark" in (sample_store.undo(result.article_id) or "")
    assert sample_store.claim(second.id).status == "unchecked"
    assert sample_store.claim(claims[0].id).status == "verified"


def test_undo_in_a_process_that_never_imported_the_edits(sample_store: Store) -> None:
    """A claim added here is undone by a fresh interpreter that imports only the store."""
    claim_id = sample_store.apply(AddClaim(1, 0, 20))
    code = (
        "import sys\n"
        "from factcheck_tui.core.store import Store\n"
        f"with Store.open({str(sample_store.path)!r}, 'tester') as store:\n"
        "    print(store.undo(1))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.startswith("undid added claim")
    assert claim_id not in {c.id for c in sample_store.claims(1, include_dismissed=True)}
    assert Path(sample_store.path).exists()
