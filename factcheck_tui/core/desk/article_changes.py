"""The desk's own changes to an article: archive it (hidden from the desk, `status` and
exports; restorable) and assign it to a checker with a due time. Each is one committed
write with its event (`archive_article`, `restore_article`, `assign_article`): a `Change`
listed in core/changes.py as not undoable (an archive is undone by restoring it, an
assignment by assigning again; undo is for a claim's check)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from factcheck_tui.core.db.desk_meta import (
    article_exists,
    desk_entry,
    write_archived,
    write_owner,
)
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.errors import DatabaseError, InputError

DUE_FORMAT = "%Y-%m-%d %H:%M"


def parse_due(text: str) -> str:
    """A due time as the desk types it, `YYYY-MM-DD HH:MM` (or a bare date, due at 23:59);
    "" for none. InputError for anything else."""
    text = " ".join(text.split())
    if not text:
        return ""
    for fmt in (DUE_FORMAT, "%Y-%m-%d"):
        try:
            when = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt != DUE_FORMAT:
            when = when.replace(hour=23, minute=59)
        return when.strftime(DUE_FORMAT)
    raise InputError(f"due time {text!r}: write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 18:00")


def _existing(ctx: ChangeContext, article_id: int) -> None:
    if not article_exists(ctx.conn, article_id):
        raise DatabaseError(f"no article with id {article_id}")


@dataclass(frozen=True, slots=True)
class ArchiveArticle(Change[bool]):
    """Archive (or restore) an article; False when it already was."""

    actions: ClassVar[tuple[str, ...]] = (
        "archive_article",
        "restore_article",
    )
    undoable: ClassVar[bool] = False
    article_id: int
    restore: bool = False

    def apply(self, ctx: ChangeContext) -> bool:
        article_id, restore = self.article_id, self.restore
        _existing(ctx, article_id)
        before = desk_entry(ctx.conn, article_id)
        if bool(before.archived_at) != restore:
            return False
        stamp = "" if restore else now()
        write_archived(ctx.conn, article_id, stamp, "" if restore else ctx.checker)
        record_event(
            ctx,
            "restore_article" if restore else "archive_article",
            article_id=article_id,
            claim_id=None,
            old={"archived_at": before.archived_at, "archived_by": before.archived_by},
            new={"archived_at": stamp, "archived_by": "" if restore else ctx.checker},
            batch=None,
        )
        return True


@dataclass(frozen=True, slots=True)
class AssignArticle(Change[bool]):
    """Give the article to `owner` (""  for nobody) by `due` (see parse_due); False when
    nothing changed."""

    actions: ClassVar[tuple[str, ...]] = ("assign_article",)
    undoable: ClassVar[bool] = False
    article_id: int
    owner: str
    due: str = ""

    def apply(self, ctx: ChangeContext) -> bool:
        article_id = self.article_id
        owner = " ".join(self.owner.split())
        due = parse_due(self.due)
        _existing(ctx, article_id)
        before = desk_entry(ctx.conn, article_id)
        if (before.owner, before.due) == (owner, due):
            return False
        write_owner(ctx.conn, article_id, owner, due)
        record_event(
            ctx,
            "assign_article",
            article_id=article_id,
            claim_id=None,
            old={"owner": before.owner, "due": before.due},
            new={"owner": owner, "due": due},
            batch=None,
        )
        return True
