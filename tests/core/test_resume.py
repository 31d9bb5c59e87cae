"""Where a run continues after an earlier one stopped (core.resume)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.core.resume import ResumePoint

AT = datetime(2026, 12, 6, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("outcome", "positions", "expected"),
    [
        (Outcome.BUSY, [1, 3, 5, 7], 3),  # after the target at position 5
        (Outcome.INTERRUPTED, [1, 3, 5, 7], 2),  # at it: its call was cut off
        (None, [1, 3, 5, 7], 2),  # still open: the same
        (Outcome.ANSWERED, [1, 3, 5, 7], 3),
        (Outcome.ANSWERED, [1, 3, 4, 7], 3),  # the target is no longer the person's: after its place
        (Outcome.INTERRUPTED, [1, 3, 4, 7], 3),
        (Outcome.NO_ANSWER, [1, 3], 2),  # the last of the list: nothing left
        (Outcome.NO_ANSWER, [], 0),
        (Outcome.NO_ANSWER, [6, 8], 0),
    ],
)
def test_the_index_follows_the_list_position_of_the_last_call(
    outcome: Outcome | None, positions: list[int], expected: int
) -> None:
    point = ResumePoint("+81355550486", AT, outcome, 5)
    assert point.index_in(positions) == expected
