"""The same-claim trainer's figures (scripts/train_same_claim.py) count what the desk shows:
a candidate the hold rules hold is never over the line, and every tweet of a part counts."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "benchmarks"))

from train_same_claim import Row, choose_line, outcomes  # noqa: E402


def rows() -> list[Row]:
    """Three tweets, each ranked with its answer present and removed: t1's right report is
    first; t2's is first but held (one name only); t3's candidates are all held."""
    return [
        ("t1", True, 0, {}, 1, False),
        ("t1", True, 1, {}, 0, False),
        ("t1", False, 0, {}, 0, False),
        ("t2", True, 0, {}, 1, True),
        ("t2", False, 0, {}, 0, False),
        ("t3", True, 0, {}, 1, True),
        ("t3", False, 0, {}, 0, True),
    ]


def test_a_held_candidate_is_never_over_the_line_and_every_tweet_counts() -> None:
    probabilities = [0.9, 0.2, 0.3, 0.95, 0.8, 0.99, 0.99]
    found = outcomes(rows(), probabilities, 70.0, 3)
    # t1's right report is over; t2's and t3's are held. Only t2's removed ranking has a wrong
    # candidate over the line (t3's is held): one false alarm of three tweets.
    assert found["right_over"] == 1 / 3
    assert found["top_right"] == 1 / 3
    assert found["false_alarm"] == 1 / 3


def test_the_line_is_the_lowest_with_few_enough_false_alarms_on_every_part() -> None:
    probabilities = [0.9, 0.2, 0.3, 0.95, 0.8, 0.99, 0.99]
    part = (rows(), probabilities, 3)
    assert choose_line([part], 0.34) == 31.0  # one alarm of three allowed: t1 removed, 30 %
    assert choose_line([part], 0.05) == 81.0  # t2's wrong candidate (80 %) must fall under
    easier = ([("t9", False, 0, {}, 0, False)], [0.85], 1)
    assert choose_line([part, easier], 0.05) == 86.0
