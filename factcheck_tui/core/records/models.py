"""Plain domain records: what the store hands to the CLI and the TUI instead of rows."""

from __future__ import annotations

from dataclasses import dataclass, field

# How stored text is shown lives in core/records/display.py (one policy for every surface); the
# store and the widgets import it from here too.
from factcheck_tui.core.records.visibility import ClaimVisibility


def counted(count: int, noun: str) -> str:
    """`1 article`, `2 articles`: a count a person reads (nouns here take a plain s)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


SOURCE_KINDS: tuple[str, ...] = ("url", "document", "person")
# The kind of a writer's comment imported with a Word draft ("from the draft"); not offered
# when a checker adds a source.
DRAFT_KIND = "draft"
SOURCE_TIERS: tuple[str, ...] = ("primary", "secondary")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: enough to show progress without loading bodies."""

    id: int
    title: str
    date: str
    outlet: str
    claims: int
    verified: int
    unverified: int
    last_change: str
    checkers: tuple[str, ...] = ()
    neutral: int = 0  # checked with a verdict that is neither positive nor negative
    owner: str = ""  # the checker it is assigned to (core/desk/article_changes.py, AssignArticle)
    due: str = ""  # "YYYY-MM-DD HH:MM", or ""
    facts: int = 0  # facts of its shown claims (schema 7), and how many are unchecked
    facts_left: int = 0

    @property
    def checked(self) -> int:
        return self.verified + self.unverified + self.neutral

    @property
    def ready(self) -> bool:
        """Ready to publish: every claim checked and none found wanting (with the default
        scale: every claim verified). Dismissed claims are not counted."""
        return self.claims > 0 and self.checked == self.claims and self.unverified == 0

    @property
    def state(self) -> str:
        """unchecked | in progress | done, for the desk's filters."""
        if self.claims and self.checked == self.claims:
            return "done"
        return "in progress" if self.checked else "unchecked"


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    date: str
    url: str
    outlet: str
    body: str
    revision: int = 1
    # Where the desk's own fact-check of the article is published (ClaimReview's `url`).
    published_url: str = ""


@dataclass(frozen=True, slots=True)
class Organisation:
    """Who publishes the desk's fact-checks (the config's `[organisation]`): ClaimReview's
    `author`. Empty when the config names none."""

    name: str = ""
    url: str = ""
    logo: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    id: int
    claim_id: int
    kind: str
    reference: str
    tier: str
    consulted_on: str
    added_by: str = ""
    # A draft comment's author and date (ISO 8601); origin "draft" for the writer's
    # annotations imported with a Word draft (core/intake/draft_annotations.py), else "checker".
    author: str = ""
    written_at: str = ""
    origin: str = "checker"
    # Where in the source the fact is: a page, paragraph, section or a recording's timestamp.
    locator: str = ""
    fact_id: int | None = None  # the fact of the claim this source backs, if one (schema 7)

    @property
    def from_draft(self) -> bool:
        return self.origin == "draft"

    def describe(self) -> str:
        """One line as a fact-check log records it: `primary url https://… (consulted …)`,
        `draft comment by Jane Doe (2026-07-12): interview with …` for the writer's comment,
        `url https://… (from the draft comment by Jane Doe, 2026-07-12)` for its link."""
        if not self.from_draft:
            where = f", {self.locator}" if self.locator else ""
            return (
                f"{self.tier} {self.kind} {self.reference}{where} (consulted {self.consulted_on})"
            )
        by = f" by {self.author}" if self.author else ""
        day = self.written_at[:10]
        if self.kind == DRAFT_KIND:
            return f"draft comment{by}{f' ({day})' if day else ''}: {self.reference}"
        when = f", {day}" if day else ""
        return f"{self.kind} {self.reference} (from the draft comment{by}{when})"


@dataclass(frozen=True, slots=True)
class Report:
    """A prior fact-check report: the one record type of a report, as an import reads it
    from a file (`report_id` 0: not stored yet), as the store holds it, and (extended with
    what was found) as matching suggests it and a claim links it."""

    external_id: str
    claim_text: str
    rating: str = ""
    publisher: str = ""
    url: str = ""
    date: str = ""
    title: str = ""
    language: str = ""
    claimant: str = ""
    item_reviewed: str = ""
    report_id: int = 0


@dataclass(frozen=True, slots=True)
class LinkedReport(Report):
    """A report linked to a claim, with the match score it was linked at, as the checker saw
    it when linking (claim text, rating, URL); `now_*` hold the report as it stands, when its
    publisher updated it since."""

    score: float = 0.0
    now_claim_text: str | None = None
    now_rating: str | None = None
    now_url: str | None = None

    @property
    def changed_since_linked(self) -> bool:
        return bool(self.changes())

    def changes(self) -> list[str]:
        """What changed in the report since it was linked, in words ("rating now False")."""
        found = []
        if self.now_rating is not None and self.now_rating != self.rating:
            found.append(f"rating now {self.now_rating or 'unrated'}")
        if self.now_claim_text is not None and self.now_claim_text != self.claim_text:
            found.append(f"claim now “{self.now_claim_text}”")
        if self.now_url is not None and self.now_url != self.url:
            found.append(f"URL now {self.now_url}")
        return found

    def change_note(self) -> str:
        """`(report changed since linked: rating now False)`, or "" when it did not."""
        changes = self.changes()
        return f"(report changed since linked: {'; '.join(changes)})" if changes else ""


FACT_KINDS: tuple[str, ...] = ("number", "name", "place", "date", "quote", "attribution", "other")
FACT_STATUSES: tuple[str, ...] = ("unchecked", "verified", "unverified", "disputed")
DECISIONS: tuple[str, ...] = ("kept", "changed", "cut")


@dataclass(frozen=True, slots=True)
class Dispute:
    """Who disputes a claim or one of its facts and why, and the editor's final call."""

    disputed_by: str = ""
    reason: str = ""
    decision: str = ""  # "" | kept | changed | cut
    decided_by: str = ""
    decided_at: str = ""

    def describe(self) -> str:
        """`disputed by the writer: source misread · editor's call: kept (Ann, 2026-12-07)`."""
        parts = []
        if self.disputed_by or self.reason:
            parts.append(
                f"disputed by {self.disputed_by or 'someone'}"
                + (f": {self.reason}" if self.reason else "")
            )
        if self.decision:
            who = ", ".join(p for p in (self.decided_by, self.decided_at[:10]) if p)
            parts.append(f"editor's call: {self.decision}" + (f" ({who})" if who else ""))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact inside a claim's sentence: a span of the article (offsets into its body),
    with a kind, its own status, a note and (in the claim's sources) its sources."""

    id: int
    claim_id: int
    start: int
    end: int
    text: str
    kind: str = "other"
    status: str = "unchecked"
    note: str = ""
    origin: str = "proposed"  # proposed | checker
    checker: str = ""
    checked_at: str = ""
    revision_state: str = ""  # "" | changed (re-check), as a claim's
    previous_text: str = ""
    dispute: Dispute | None = None

    @property
    def checked(self) -> bool:
        return self.status != "unchecked"

    def describe(self) -> str:
        """`54 people: verified`, as the CSV's facts column lists it."""
        return f"{self.text}: {self.status}"


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    article_id: int
    position: int
    text: str
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    status: str = "unchecked"
    note: str = ""
    checker: str = ""
    checked_at: str = ""
    dismissed: ClaimVisibility = ClaimVisibility.SHOWN
    reworded: bool = False
    origin: str = "extracted"
    revision_state: str = ""  # "" | new | changed (re-check) | removed: see core.revisions
    previous_text: str = ""  # the previous revision's text of a changed or removed claim
    copied_from: int | None = None  # the earlier check (claim id) whose verdict was applied
    correction: str = ""  # the checker's suggested correction: the wording the piece should use
    sources: tuple[Source, ...] = field(default_factory=tuple)
    linked_reports: tuple[LinkedReport, ...] = field(default_factory=tuple)
    facts: tuple[Fact, ...] = field(default_factory=tuple)
    dispute: Dispute | None = None  # a dispute of the claim as a whole

    @property
    def facts_left(self) -> int:
        return sum(1 for fact in self.facts if not fact.checked)

    def fact_sources(self, fact_id: int) -> tuple[Source, ...]:
        return tuple(source for source in self.sources if source.fact_id == fact_id)


@dataclass(frozen=True, slots=True)
class Progress:
    """Counts for the status line: `7/19 checked · 5 verified · 2 unverified`."""

    total: int
    verified: int
    unverified: int
    neutral: int = 0
    linked: int = 0  # claims with at least one prior fact-check linked
    facts: int = 0  # facts of the shown claims, and how many are still unchecked
    facts_left: int = 0

    @property
    def checked(self) -> int:
        return self.verified + self.unverified + self.neutral

    def __str__(self) -> str:
        line = (
            f"{self.checked}/{self.total} checked · {self.verified} verified"
            f" · {self.unverified} unverified"
        )
        if self.neutral:
            line += f" · {self.neutral} other verdicts"
        if self.facts:
            line += f" · {self.facts_left}/{self.facts} facts left"
        return line + (f" · {self.linked} linked to prior checks" if self.linked else "")


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    at: str
    checker: str
    article_id: int | None
    claim_id: int | None
    action: str
    old_value: str | None
    new_value: str | None
    batch: int
    undone_by: int | None


@dataclass(frozen=True, slots=True)
class DraftSource:
    """One source row to store for a claim."""

    claim_id: int
    kind: str  # "draft" | "url"
    reference: str
    author: str
    written_at: str
    locator: str = ""  # "p. 4": the page of a paginated draft the comment is on
