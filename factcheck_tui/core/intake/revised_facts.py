"""A revised draft's facts: each fact of a carried claim keeps its check where its words are
unchanged, and comes back unchecked ("changed — re-check") where they changed, as claims do
(core/intake/revisions.py); new sentences arrive with their proposed facts."""

from __future__ import annotations

import sqlite3

from factcheck_tui.core.db import claims as claims_table
from factcheck_tui.core.db import facts as facts_table
from factcheck_tui.core.extraction.facts import fact_rows


def propose_for(conn: sqlite3.Connection, claim_id: int, start: int, text: str, stamp: str) -> None:
    """Store the facts proposed for a new claim whose sentence `text` starts at `start`."""
    facts_table.insert_proposed(conn, claim_id, start, fact_rows(text), stamp)


def carry_facts(
    conn: sqlite3.Connection,
    old_id: int,
    old_start: int,
    new_id: int,
    body: str,
    carried: str,
    stamp: str,
) -> None:
    """The facts of the previous revision's claim onto its claim in the new one. Each fact
    whose words still stand in the claim's sentence keeps its check (and its sources); in a
    changed sentence, a fact whose words changed comes back unchecked on the words proposed
    where it stood ("changed — re-check", with its previous words), and facts proposed on
    new words are added unchecked. `carried` is how the claim was carried (kept, changed,
    removed): a removed claim's facts stay with it, checks and all, off the text."""
    changed = carried == "changed"
    row = claims_table.claim_fields(conn, new_id, "start", "end")
    start, end = (int(row[0]), int(row[1])) if row else (0, 0)
    sentence = body[start:end]
    proposed = fact_rows(sentence) if changed else []
    taken: list[tuple[int, int]] = []
    for fact in facts_table.fact_rows(conn, old_id):
        offset = fact["start"] - old_start
        place = _fact_place(sentence, fact["text"], offset, taken) if changed else offset
        values = {k: v for k, v in fact.items() if k not in ("id", "claim_id", "start", "end")}
        if place is None:  # its words changed: the proposal where it stood, to re-check
            near = [p for p in proposed if (p[0], p[1]) not in taken and p[0] < offset + 10]
            if not near:
                continue
            p_start, p_end, words, _ = min(near, key=lambda p: abs(p[0] - offset))
            place = p_start
            values.update(
                text=words,
                status="unchecked",
                checker="",
                checked_at="",
                revision_state="changed",
                previous_text=fact["text"],
            )
        length = 0 if carried == "removed" else len(values["text"])
        place = 0 if carried == "removed" else place
        taken.append((place, place + length))
        new_fact = facts_table.insert_fact(
            conn,
            {**values, "claim_id": new_id, "start": start + place, "end": start + place + length},
        )
        facts_table.move_fact_sources(conn, new_id, int(fact["id"]), new_fact)
    for p_start, p_end, words, kind in proposed:
        if not any(p_start < e and s < p_end for s, e in taken):
            facts_table.insert_proposed(conn, new_id, start, [(p_start, p_end, words, kind)], stamp)


def _fact_place(sentence: str, words: str, offset: int, taken: list[tuple[int, int]]) -> int | None:
    """Where a fact's words stand in the changed sentence (of several, the one nearest where
    they stood), or None when they are gone."""
    places = []
    index = sentence.find(words)
    while index != -1:
        if (index, index + len(words)) not in taken:
            places.append(index)
        index = sentence.find(words, index + 1)
    return min(places, key=lambda place: abs(place - offset)) if places else None
