"""Where a new auto-call run continues when an earlier one of the same person and list stopped.

A run killed (``kill -9``, a crash, a power cut) or stopped part-way used to be followed by a run
from the top that dialled again every target called minutes before. The store knows where the
earlier run got to from its own call rows (:meth:`Store.resume_point`): the last call the person
made from the list within :data:`RESUME_WITHIN`. The new run starts after that target in the
list's order — at it, when that call was cut off (``interrupted``), since it never really
happened. Nothing here knows the store or Qt.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from calllist_desktop.core.outcomes import Outcome

RESUME_WITHIN = timedelta(hours=4)
"""How recent the last call must be for a new run to continue after it rather than at the top."""


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """The last call a person made from a list: the target, when, how it ended, where it stands."""

    phone: str
    started_at: datetime
    outcome: Outcome | None  # ``interrupted`` (or still open): cut off by a crash, to be called again
    position: int  # the target's place in the list (``Target.position``)

    @property
    def again(self) -> bool:
        """Whether the run continues *at* this target (its call was cut off) rather than after it."""
        return self.outcome in (None, Outcome.INTERRUPTED)

    def index_in(self, positions: Sequence[int]) -> int:
        """The index to start at among a run's targets, given their list positions in run order
        (ascending, as the list's order is); ``len(positions)`` when none is left."""
        if self.again:
            return bisect.bisect_left(positions, self.position)
        return bisect.bisect_right(positions, self.position)
