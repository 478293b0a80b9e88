"""Verdicts the way each desk gives them: a rating scale, and rules a verdict must satisfy.

A scale is an ordered list of verdicts. Each has an id (stored in claims.status), a label, a
kind — `open` (not checked yet: the first verdict is always `unchecked`, shown under the
scale's own label), `positive` (counts as verified), `negative` (counts as unverified) or
`neutral` (checked, neither) — and a ClaimReview `ratingValue`. `v` gives a claim the
scale's first positive verdict, `u` its first negative one, `m` picks any.

Presets: `default` (unchecked / verified / unverified), `politifact` (the Truth-O-Meter),
`meedan` (Meedan Check's statuses) and `conclusion` (no scale: "claim + conclusion", the
note carries the conclusion, which becomes ClaimReview's alternateName). A desk's own scale
goes in the config file:

```toml
scale = "politifact"            # a preset, or:
[[verdicts]]                    # a scale of your own (the first is the open state)
id = "unchecked"
label = "to do"
kind = "open"
[[verdicts]]
id = "correct"
label = "Correct"
kind = "positive"
rating = 2

[rules]
verified_min_sources = 2        # AFP's rule: two independent sources before "verified"
facts_checked_before_verified = true  # every fact of a claim checked before "verified"
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factcheck_tui.core.records.errors import FactcheckError, InputError
from factcheck_tui.core.records.models import Source

KINDS = ("open", "positive", "negative", "neutral")
UNCHECKED = "unchecked"


class RuleError(FactcheckError):
    """A desk rule refused a verdict; the message says what is missing."""


@dataclass(frozen=True, slots=True)
class Verdict:
    id: str
    label: str
    kind: str
    rating: int | None = None


@dataclass(frozen=True)
class Scale:
    name: str
    verdicts: tuple[Verdict, ...]
    verified_min_sources: int = 0
    facts_checked_before_verified: bool = False
    by_id: dict[str, Verdict] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {v.id: v for v in self.verdicts})
        if not self.verdicts or self.verdicts[0].id != UNCHECKED:
            raise InputError(f"scale {self.name}: the first verdict must have id 'unchecked'")
        if any(v.kind not in KINDS for v in self.verdicts):
            raise InputError(f"scale {self.name}: a verdict kind must be one of {KINDS}")

    def ids(self, kind: str) -> tuple[str, ...]:
        return tuple(v.id for v in self.verdicts if v.kind == kind)

    @property
    def positive(self) -> str:
        return (self.ids("positive") or self.ids("neutral"))[0]

    @property
    def negative(self) -> str:
        return (self.ids("negative") or self.ids("neutral") or self.ids("positive"))[0]

    def verdict(self, status: str) -> Verdict:
        """The verdict for a stored status.

        A status from another scale (the desk switched `scale` with marks already made)
        keeps its kind from the preset that defines it, so it still counts as checked
        (and as verified or unverified), and its label says where it came from:
        "verified (default scale)". A status no preset knows is a checked, neutral verdict
        labelled as not on this scale."""
        found = self.by_id.get(status)
        if found is not None:
            return found
        foreign = foreign_verdict(status, self.name)
        if foreign is not None:
            return foreign
        return Verdict(status, f"{status} (not on the {self.name} scale)", "neutral")

    def counted_ids(self, kind: str) -> tuple[str, ...]:
        """Statuses counted as `kind`: this scale's, then other presets' that this scale
        lacks (marks made before the scale was switched)."""
        own = self.ids(kind)
        others = tuple(
            status
            for preset in PRESETS.values()
            for status, verdict in preset.by_id.items()
            if verdict.kind == kind and status not in self.by_id
        )
        return tuple(dict.fromkeys(own + others))

    def label(self, status: str) -> str:
        return self.verdict(status).label

    def claimreview_rating(self, status: str, conclusion: str = "") -> dict[str, Any]:
        """schema.org Rating for a verdict: ratingValue, bestRating, worstRating, alternateName."""
        verdict = self.verdict(status)
        ratings = [v.rating for v in self.verdicts if v.rating is not None]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": conclusion or verdict.label}
        if verdict.rating is not None and ratings:
            rating.update(
                ratingValue=verdict.rating, bestRating=max(ratings), worstRating=min(ratings)
            )
        return rating

    def asks_sources(self, status: str) -> bool:
        """Whether the desk's rules count a claim's sources before this verdict (so a mark
        with another verdict need not read them)."""
        return self.verdict(status).kind == "positive" and bool(self.verified_min_sources)

    def asks_facts(self, status: str) -> bool:
        """Whether the desk's rules want every fact checked before this verdict."""
        return self.verdict(status).kind == "positive" and self.facts_checked_before_verified

    def check_facts(self, status: str, facts_left: int) -> None:
        """Refuse a positive verdict while facts are unchecked, if the desk's rule says so."""
        if self.asks_facts(status) and facts_left:
            raise RuleError(
                f"the desk checks every fact before '{self.label(status)}'; this claim has "
                f"{facts_left} unchecked: Tab to its facts"
            )

    def check_rules(self, status: str, sources: tuple[Source, ...]) -> None:
        """Refuse a positive verdict without the sources the desk's rule asks for."""
        if not self.asks_sources(status):
            return
        have = len(independent_sources(sources))
        if have < self.verified_min_sources:
            raise RuleError(
                f"the desk asks for {self.verified_min_sources} independent sources before "
                f"'{self.label(status)}'; this claim has {have}: add one with s"
            )


def independent_sources(sources: tuple[Source, ...]) -> set[str]:
    """Sources counted once per website (URLs) or per document/person named. The writer's
    annotations from a Word draft are not counted: the checker has not consulted them yet."""
    from urllib.parse import urlparse

    keys = set()
    for source in sources:
        if source.from_draft:
            continue
        if source.kind == "url":
            host = urlparse(
                source.reference if "//" in source.reference else f"//{source.reference}"
            ).netloc.lower()
            keys.add(host.removeprefix("www.") or source.reference.lower())
        else:
            keys.add(f"{source.kind}:{' '.join(source.reference.lower().split())}")
    return keys


def foreign_verdict(status: str, scale_name: str) -> Verdict | None:
    """The verdict a preset other than `scale_name` gives `status`, labelled with its
    scale; None when no preset has it."""
    for preset in PRESETS.values():
        if preset.name != scale_name and status in preset.by_id:
            verdict = preset.by_id[status]
            return Verdict(status, f"{verdict.label} ({preset.name} scale)", verdict.kind)
    return None


def _scale(name: str, *rows: tuple[str, str, str, int | None]) -> Scale:
    return Scale(name, tuple(Verdict(*row) for row in rows))


PRESETS: dict[str, Scale] = {
    "default": _scale(
        "default",
        (UNCHECKED, "unchecked", "open", None),
        ("verified", "verified", "positive", 2),
        # A claim whose facts are partly verified (issue #21); no rating, so ClaimReview's
        # ratings of the other two are as before.
        ("partly-verified", "partly verified", "neutral", None),
        ("unverified", "unverified", "negative", 1),
    ),
    "politifact": _scale(
        "politifact",
        (UNCHECKED, "unchecked", "open", None),
        ("true", "True", "positive", 6),
        ("mostly-true", "Mostly True", "positive", 5),
        ("half-true", "Half True", "neutral", 4),
        ("mostly-false", "Mostly False", "negative", 3),
        ("false", "False", "negative", 2),
        ("pants-on-fire", "Pants on Fire", "negative", 1),
    ),
    "meedan": _scale(
        "meedan",
        (UNCHECKED, "Unstarted", "open", None),
        ("in-progress", "In Progress", "open", None),
        ("verified", "Verified", "positive", 3),
        ("inconclusive", "Inconclusive", "neutral", 2),
        ("false", "False", "negative", 1),
    ),
    "conclusion": _scale(
        "conclusion",
        (UNCHECKED, "no conclusion yet", "open", None),
        ("concluded", "concluded", "neutral", None),
    ),
}
DEFAULT_SCALE = PRESETS["default"]


def scale_from_config(data: dict[str, Any]) -> Scale:
    """The scale a config file's `scale`, `[[verdicts]]` and `[rules]` describe."""
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise InputError("config: [rules] must be a table")
    minimum = rules.get("verified_min_sources", 0)
    # TOML's `true` is a Python int too: a boolean is not a count of sources.
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
        raise InputError("config: rules.verified_min_sources must be a whole number")
    all_facts = rules.get("facts_checked_before_verified", False)
    if not isinstance(all_facts, bool):
        raise InputError("config: rules.facts_checked_before_verified must be true or false")
    if "verdicts" in data:
        rows = data["verdicts"]
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError("config: [[verdicts]] must be a list of tables")
        verdicts = tuple(_verdict_from_config(row) for row in rows)
        seen: set[str] = set()
        for verdict in verdicts:
            if verdict.id in seen:
                # One claim would count twice (or as either verdict): refused, not guessed.
                raise InputError(
                    f"config: verdict id {verdict.id!r} is given twice in [[verdicts]]"
                )
            seen.add(verdict.id)
        name = data.get("scale", "custom")
        if not isinstance(name, str):
            raise InputError("config: scale must be a name in quotes")
        base = Scale(name, verdicts)
    else:
        name = data.get("scale", "default")
        if not isinstance(name, str) or name not in PRESETS:
            raise InputError(f"config: unknown scale {name!r}; presets: {', '.join(PRESETS)}")
        base = PRESETS[name]
    return Scale(
        base.name,
        base.verdicts,
        verified_min_sources=minimum,
        facts_checked_before_verified=all_facts,
    )


def _verdict_from_config(row: dict[str, Any]) -> Verdict:
    """One `[[verdicts]]` table, every value type-checked: text for id, label and kind, a
    whole number for rating (ClaimReview's ratingValue)."""
    if "id" not in row:
        raise InputError("config: every [[verdicts]] entry needs an id")
    texts = {key: row.get(key, default) for key, default in (("id", ""), ("label", row["id"]))}
    texts["kind"] = row.get("kind", "neutral")
    for key, value in texts.items():
        if not isinstance(value, str):
            raise InputError(f"config: a verdict's {key} must be text in quotes, not {value!r}")
    rating = row.get("rating")
    if rating is not None and (not isinstance(rating, int) or isinstance(rating, bool)):
        raise InputError(
            f"config: verdict {texts['id']!r}: rating must be a whole number, not {rating!r}"
        )
    return Verdict(texts["id"], texts["label"], texts["kind"], rating)
