"""The one table of changes: every change a checker can make, by the event actions it writes.

Undo (core/desk/history.py) reads this table and nothing else: an event is reverted by the
`revert` of the change listed for its action, and only actions of `undoable` changes are
ever picked. The imports of an article or a revised draft are listed as not undoable, so an
import is never undone by a checker's undo key, whatever modules happen to be loaded; nor is
the desk's archiving or assigning of an article (restoring or re-assigning undoes those).
"""

from __future__ import annotations

from typing import Any

from factcheck_tui.core.desk.article_changes import ArchiveArticle, AssignArticle
from factcheck_tui.core.desk.change import Change
from factcheck_tui.core.desk.claim_checks import (
    AddSource,
    EditSource,
    LinkReports,
    Mark,
    RemoveSource,
    SetCorrection,
    SetNote,
    UnlinkReport,
)
from factcheck_tui.core.desk.claim_list import AddClaim, EditText, Merge, Split
from factcheck_tui.core.desk.earlier_checks import ApplyEarlier
from factcheck_tui.core.desk.shown_claims import Rederive, SetDismissed
from factcheck_tui.core.intake.importing import ImportArticle
from factcheck_tui.core.intake.revisions import CarryOver

CHANGE_TYPES: tuple[type[Change[Any]], ...] = (
    # A claim's check.
    Mark,
    SetNote,
    SetCorrection,
    AddSource,
    RemoveSource,
    EditSource,
    LinkReports,
    UnlinkReport,
    ApplyEarlier,
    # The claim list.
    AddClaim,
    EditText,
    Split,
    Merge,
    SetDismissed,
    Rederive,
    # The desk's handling of an article: undone by the opposite change, not by undo.
    ArchiveArticle,
    AssignArticle,
    # Imports: their events are the desk's record, never undone.
    ImportArticle,
    CarryOver,
)

CHANGES: dict[str, type[Change[Any]]] = {
    action: change for change in CHANGE_TYPES for action in change.actions
}
UNDOABLE_ACTIONS: tuple[str, ...] = tuple(
    sorted(action for action, change in CHANGES.items() if change.undoable)
)
