"""The desk's own changes to an article: archive it (hidden from the desk, `status` and
exports; restorable), assign it to a checker with a due time, and correct its metadata.
Each is one committed write with its event (`archive_article`, `restore_article`,
`assign_article`, `edit_article`): a `Change` listed in core/changes.py. Each is undone
by undo, like a claim's check: the desk list's ctrl+z takes back the last archive, restore,
assignment or details edit there (`DESK_ACTIONS` in core/changes.py), and refuses when
another checker has changed the article's entry since."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck_tui.core.db.articles import (
    METADATA_FIELDS,
    article_metadata,
    write_article_metadata,
)
from factcheck_tui.core.db.desk_meta import (
    article_exists,
    desk_entry,
    write_archived,
    write_owner,
)
from factcheck_tui.core.db.events import record_event
from factcheck_tui.core.records.change import Change, ChangeContext
from factcheck_tui.core.records.clock import now
from factcheck_tui.core.records.display import without_controls
from factcheck_tui.core.records.errors import ChangeRefused, DatabaseError, InputError
from factcheck_tui.core.records.models import Event

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


def _entry_as_left(ctx: ChangeContext, event: Event, old: Any, new: Any) -> int:
    """The article of an archive or assignment event being undone. Undo takes it back only
    while the article's entry is as the change left it: a colleague's later restore or
    reassignment is never overwritten."""
    if event.article_id is None or not isinstance(old, dict) or not isinstance(new, dict):
        raise DatabaseError(f"event {event.id} ({event.action}) names no article")
    entry = desk_entry(ctx.conn, event.article_id)
    if any(str(getattr(entry, key)) != str(value) for key, value in new.items()):
        raise ChangeRefused(
            f"cannot undo: article #{event.article_id} was archived, restored or assigned "
            "again since"
        )
    return event.article_id


@dataclass(frozen=True, slots=True)
class ArchiveArticle(Change[bool]):
    """Archive (or restore) an article; False when it already was."""

    actions: ClassVar[tuple[str, ...]] = (
        "archive_article",
        "restore_article",
    )
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

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        article_id = _entry_as_left(ctx, event, old, new)
        write_archived(ctx.conn, article_id, str(old["archived_at"]), str(old["archived_by"]))


@dataclass(frozen=True, slots=True)
class AssignArticle(Change[bool]):
    """Give the article to `owner` (""  for nobody) by `due` (see parse_due); False when
    nothing changed."""

    actions: ClassVar[tuple[str, ...]] = ("assign_article",)
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

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        article_id = _entry_as_left(ctx, event, old, new)
        write_owner(ctx.conn, article_id, str(old["owner"]), str(old["due"]))


@dataclass(frozen=True, slots=True)
class EditArticle(Change[bool]):
    """Correct an article's metadata (title, date, outlet, URL) a page or draft gave wrong,
    or set where the desk's own fact-check of it is published (`published_url`);
    `fields` maps a field to its new value (a field left out is kept). One event with the
    old and new values, undone with undo. False when nothing changed.

    The date is read as the import reads dates (`2020-01-19`, "19 January 2020", `1/19/2020`)
    and stored as YYYY-MM-DD; a date that is not one, or a URL that is not http(s), is
    refused with one line. A title is never emptied (the desk lists articles by it)."""

    actions: ClassVar[tuple[str, ...]] = ("edit_article",)
    article_id: int
    fields: tuple[tuple[str, str], ...]

    def apply(self, ctx: ChangeContext) -> bool:
        before = article_metadata(ctx.conn, self.article_id)
        if before is None:
            raise DatabaseError(f"no article with id {self.article_id}")
        wanted = {name: checked_field(name, value) for name, value in self.fields}
        changed = {name: value for name, value in wanted.items() if before[name] != value}
        if not changed:
            return False
        write_article_metadata(ctx.conn, self.article_id, changed)
        record_event(
            ctx,
            "edit_article",
            article_id=self.article_id,
            claim_id=None,
            old={name: before[name] for name in changed},
            new=changed,
            batch=None,
        )
        return True

    @staticmethod
    def revert(ctx: ChangeContext, event: Event, old: Any, new: Any) -> None:
        if event.article_id is None or not isinstance(old, dict):
            raise DatabaseError(f"event {event.id} (edit_article) names no article")
        write_article_metadata(ctx.conn, event.article_id, {k: str(v) for k, v in old.items()})


def checked_field(name: str, value: str) -> str:
    """One metadata field as stored, or InputError saying what is wrong with it."""
    from factcheck_tui.core.text.dates import plausible_date

    value = without_controls(" ".join(value.split()))
    if name not in METADATA_FIELDS:
        raise InputError(
            f"{name!r} is not an article field (title, date, outlet, url, published_url)"
        )
    if name == "title" and not value:
        raise InputError("an article's title cannot be empty")
    if name == "date" and value:
        iso = plausible_date(value)
        if not iso:
            raise InputError(
                f"date {value!r}: write it as YYYY-MM-DD, e.g. 2020-01-19 (from 1900 to tomorrow)"
            )
        value = iso
    if name in ("url", "published_url") and value and not _web_address(value):
        raise InputError(f"{name} {value!r}: an address starting with http:// or https://")
    return value


def _web_address(value: str) -> bool:
    """An http(s) address with a host (what ClaimReview's `url` and a story's URL must be)."""
    scheme, _, rest = value.partition("://")
    return scheme.lower() in ("http", "https") and bool(rest.split("/", 1)[0])


def metadata_lines(values: dict[str, str]) -> str:
    """An article's metadata as the lines a checker edits: `title: …`, `date: …`, …"""
    return "\n".join(f"{name}: {values.get(name, '')}" for name in METADATA_FIELDS)


def read_metadata_lines(text: str) -> tuple[tuple[str, str], ...]:
    """The fields of edited `metadata_lines` (a field whose line was deleted is kept as it
    was); InputError on a line that names no field."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon or name not in METADATA_FIELDS:
            raise InputError(
                f"{line.strip()[:40]!r}: write each line as 'title: …', 'date: …', "
                "'outlet: …', 'url: …' or 'published_url: …'"
            )
        fields[name] = value.strip()
    return tuple(fields.items())
