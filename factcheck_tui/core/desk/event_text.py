"""Events in words, for the history screens: verdict labels, whole notes, sources as a log
records them, linked reports by rating and URL — never internal ids (`report_id=3`,
`batch=9`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from factcheck_tui.core.records.display import printable
from factcheck_tui.core.records.models import Event
from factcheck_tui.core.records.verdicts import Scale

# Keys of event values that are bookkeeping, not something a checker reads.
INTERNAL_KEYS = frozenset(
    {
        "id",
        "batch",
        "claim_id",
        "report_id",
        "article_id",
        "position",
        "second",
        "into",
        "merged",
        "start",
        "end",
        "prefix",
        "suffix",
        "score",
        "fact_id",
        "created_at",
        "updated_at",
        "checked_at",
        "revision_state",
        "previous_text",
        "dispute",
    }
)


def event_values(
    event: Event, scale: Scale, report_headline: Callable[[int], str | None]
) -> tuple[str, str]:
    """(old, new) of an event as a person reads them."""
    return (
        _describe(event.action, _load(event.old_value), scale, report_headline),
        _describe(event.action, _load(event.new_value), scale, report_headline),
    )


def _load(raw: str | None) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _describe(
    action: str, value: Any, scale: Scale, report_headline: Callable[[int], str | None]
) -> str:
    if value is None:
        return ""
    if action == "status" and isinstance(value, str):
        return scale.label(value)
    if isinstance(value, str):
        return printable(value) or "(empty)"
    if isinstance(value, dict):
        if "report_id" in value and action in ("link_report", "unlink_report"):
            headline = report_headline(int(value["report_id"]))
            return headline or "a report since removed from the desk"
        if "reference" in value:
            return printable(
                f"{value.get('tier', '')} {value.get('kind', '')} {value['reference']}"
                + (f" (consulted {value['consulted_on']})" if value.get("consulted_on") else "")
            ).strip()
        parts = []
        if "status" in value and isinstance(value["status"], str):
            parts.append(scale.label(value["status"]))
        if value.get("text"):
            parts.append(f"“{printable(str(value['text']))}”")
        if value.get("note"):
            parts.append(f"note: {printable(str(value['note']))}")
        parts.extend(
            f"{key.replace('_', ' ')}: {printable(str(item))}"
            for key, item in value.items()
            if key not in INTERNAL_KEYS | {"status", "text", "note"}
            and not isinstance(item, list | dict)
            and item not in ("", None)
        )
        return " · ".join(parts)
    if isinstance(value, list):
        return f"{len(value)} items"
    return printable(str(value))


# How an undo names what it undid, where the event's own name is not plain English.
ACTION_NAMES = {
    "status": "mark",
    "add_source": "added source",
    "remove_source": "removed source",
    "link_report": "link",
    "unlink_report": "unlink",
    "add_claim": "added claim",
    "edit_text": "rewording",
    "apply_earlier": "earlier check",
    "rederive": "threshold change",
    "correction": "suggested correction",
    "add_fact": "added fact",
    "remove_fact": "removed fact",
    "edit_fact": "fact's words",
    "fact_status": "fact mark",
    "fact_note": "fact's note",
    "decision": "editor's call",
    "edit_article": "article details edit",
    "archive_article": "archive",
    "restore_article": "restore",
    "assign_article": "assignment",
}


def undone(events: Sequence[Event], claim_text: str = "") -> str:
    """What an undone batch was, named by its first event (a split also adds a claim) and,
    for one claim, by the start of its text: a checker knows claims by words, not ids."""
    head = min(events, key=lambda event: event.id)
    action = ACTION_NAMES.get(head.action, head.action.replace("_", " "))
    if head.claim_id is None:
        return f"undid {action}"
    claims = {event.claim_id for event in events}
    if len(claims) == 1 or head.action in {"split", "merge"}:
        words = " ".join(claim_text.split())
        if not words:
            return f"undid {action} of claim {head.claim_id}"
        return f"undid {action} on “{words[:40]}{'…' if len(words) > 40 else ''}”"
    return f"undid {action} of {len(claims)} claims"
