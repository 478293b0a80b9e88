"""Add a source the way a desk's fact-check log records it: what it is (URL, document or
person), whether it is primary or secondary, the date it was consulted (today unless
changed) and where in it (proposed as the claim's page when the article is a PDF)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Select

from factcheck_tui.core.records.models import SOURCE_KINDS, SOURCE_TIERS, Source
from factcheck_tui.tui.dialogs.dialog import Dialog


@dataclass(frozen=True, slots=True)
class SourceAnswer:
    kind: str
    reference: str
    tier: str
    consulted_on: str
    locator: str = ""  # where in the source: a page, paragraph, section or timestamp


def guess_kind(reference: str) -> str:
    """`url` for what looks like a link; `person` for "Name Surname, role" (two to four
    capitalised words, no digits, before the first comma); else `document`."""
    reference = reference.strip()
    if reference.lower().startswith(("http://", "https://", "www.")):
        return "url"
    name, comma, role = reference.partition(",")
    words = name.split()
    if (
        comma
        and role.strip()
        and 2 <= len(words) <= 4
        and all(word[:1].isupper() for word in words)
        and not any(ch.isdigit() for ch in name)
    ):
        return "person"
    return "document"


class SourceDialog(Dialog[SourceAnswer | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="source.cancel", show=True),
        Binding("ctrl+s", "save", "Add source", id="source.save", show=True),
    ]

    def __init__(self, source: Source | None = None, *, locator: str = "") -> None:
        """A new source, or (`source`) the one being corrected, its fields filled in; a new
        source's `locator` proposed (the claim's page in a PDF: "p. 4")."""
        super().__init__(
            "Edit the source" if source else "Add a source",
            f"enter or ctrl+s {'save' if source else 'add'} · escape cancel · kind auto: a link "
            "is a URL, 'Name Surname, role' a person, the rest a document",
        )
        self.source = source
        self.proposed_locator = locator

    def body(self) -> ComposeResult:
        source = self.source
        yield Input(
            source.reference if source else "",
            placeholder="URL, document title, or person (name, role)",
            id="reference",
        )
        with Horizontal(classes="dialog-row"):
            yield Select(
                [(kind, kind) for kind in ("auto", *SOURCE_KINDS)],
                value=source.kind if source else "auto",
                allow_blank=False,
                id="kind",
            )
            yield Select(
                [(tier, tier) for tier in SOURCE_TIERS],
                value=source.tier if source else "primary",
                allow_blank=False,
                id="tier",
            )
            yield Input(
                source.consulted_on if source else dt.date.today().isoformat(),
                placeholder="YYYY-MM-DD",
                id="consulted",
            )
        yield Input(
            source.locator if source else self.proposed_locator,
            placeholder="where in it (optional): p. 4, para 3, section 2, 12:34 in a recording",
            id="locator",
        )

    def on_mount(self) -> None:
        self.query_one("#reference", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        reference = self.query_one("#reference", Input).value.strip()
        consulted = self.query_one("#consulted", Input).value.strip()
        if not reference:
            self.notify("A source needs a URL, document or person", severity="warning")
            return
        try:
            dt.date.fromisoformat(consulted)
        except ValueError:
            self.notify("Date consulted must be YYYY-MM-DD", severity="warning")
            return
        kind = str(self.query_one("#kind", Select).value)
        self.dismiss(
            SourceAnswer(
                kind=guess_kind(reference) if kind == "auto" else kind,
                reference=reference,
                tier=str(self.query_one("#tier", Select).value),
                consulted_on=consulted,
                locator=self.query_one("#locator", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
