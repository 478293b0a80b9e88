"""The article list's handling of the desk: archive an article (asked first), the archived
articles where one key restores (R), assign an article to a checker with a due time, and the
desk's own undo (ctrl+z), which takes back the last of these in whichever article."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from factcheck_tui.core.records.models import ArticleSummary
from factcheck_tui.core.store import Store
from factcheck_tui.tui.desk_wait import refusals_shown

if TYPE_CHECKING:
    from factcheck_tui.core.records.change import Change

DUE_AT_END = re.compile(r"\s*(\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?)\s*$")


def split_assignment(answer: str) -> tuple[str, str]:
    """'amira 2026-12-01 18:00' → ('amira', '2026-12-01 18:00'); '-' → ('', '')."""
    answer = answer.strip()
    if answer == "-":
        return "", ""
    match = DUE_AT_END.search(answer)
    if match is None:
        return answer, ""
    return answer[: match.start()].strip(), match.group(1)


class DeskChanges(Screen[None]):
    """The article list's desk keys; the list supplies the store, its highlighted article
    and its reload."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a", "assign", "Assign to a checker, with a due time", id="articles.assign", show=False
        ),
        Binding("A", "archive", "Archive the article (asks)", id="articles.archive", show=False),
        Binding(
            "R", "archived", "Archived articles (r restores)", id="articles.archived", show=False
        ),
        Binding(
            "ctrl+z",
            "undo_desk",
            "Undo the last archive, restore or assign",
            id="articles.undo_desk",
            show=False,
        ),
    ]

    @property
    def store(self) -> Store:
        return self.app.store  # type: ignore[attr-defined]

    def _current_summary(self) -> ArticleSummary | None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def _desk_change(self, change: Change[bool], message: str) -> None:
        with refusals_shown(self):
            self.store.apply(change)
            self.notify(message, markup=False)
            self.reload()

    def action_archive(self) -> None:
        """A: archive the highlighted article once the checker says yes; ctrl+z, or r in
        the archived view (R), brings it back."""
        from factcheck_tui.core.desk.article_changes import ArchiveArticle
        from factcheck_tui.tui.dialogs.confirm import ConfirmDialog

        summary = self._current_summary()
        if summary is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._desk_change(
                    ArchiveArticle(summary.id),
                    f"Archived #{summary.id} {summary.title} (ctrl+z brings it back; R lists "
                    "the archived)",
                )

        self.app.push_screen(
            ConfirmDialog(
                f"Archive #{summary.id} “{summary.title}”? It leaves the desk, status and "
                "exports, and keeps its claims and checks"
            ),
            answered,
        )

    def action_archived(self) -> None:
        from factcheck_tui.tui.dialogs.archived import ArchivedDialog

        self.app.push_screen(ArchivedDialog(self.store), lambda _: self.reload())

    def action_undo_desk(self) -> None:
        """ctrl+z: undo this checker's last archive, restore, assignment or details edit on
        the desk, whichever article it was (an archived one has left the list)."""
        with refusals_shown(self):
            message = self.store.undo(desk=True)
            self.notify(message or "Nothing to undo on the desk (u undoes an article's checks)")
            self.reload()

    def action_assign(self) -> None:
        """a: 'NAME' or 'NAME YYYY-MM-DD HH:MM' (an empty answer unassigns)."""
        from factcheck_tui.core.desk.article_changes import AssignArticle
        from factcheck_tui.tui.dialogs.prompt import PromptDialog

        summary = self._current_summary()
        if summary is None:
            return

        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            owner, due = split_assignment(answer)
            who = f"assigned to {owner}" if owner else "unassigned"
            self._desk_change(
                AssignArticle(summary.id, owner, due),
                f"#{summary.id} {who}" + (f", due {due}" if due else "") + " (ctrl+z undoes)",
            )

        current = " ".join(
            part for part in (summary.owner or self.store.checker, summary.due) if part
        )
        self.app.push_screen(
            PromptDialog(
                f"Assign “{summary.title}”: the checker's name, then a due time if any "
                "(YYYY-MM-DD HH:MM); '-' unassigns",
                current,
                placeholder="amira 2026-12-01 18:00",
            ),
            chosen,
        )
