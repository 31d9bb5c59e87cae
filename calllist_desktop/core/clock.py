"""A test clock: a :class:`~calllist_desktop.core.line.Scheduler` whose time moves only when told.

Simulated lines and engines take a scheduler instead of sleeping; tests hand them a
:class:`ManualScheduler` and step time forward, so timing behaviour is checked without waiting
and without flakiness. Single-threaded: callbacks run on the thread that calls :meth:`advance`.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable


class ScheduledCall:
    """One pending call of a :class:`ManualScheduler`; :meth:`cancel` stops it from running."""

    __slots__ = ("_cancelled", "_done", "due", "function")

    def __init__(self, due: float, function: Callable[[], None]) -> None:
        self.due = due
        self.function = function
        self._cancelled = False
        self._done = False

    def cancel(self) -> None:
        """Make sure the call never runs. Harmless after it ran or was cancelled."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def active(self) -> bool:
        """Still waiting to run: neither run nor cancelled."""
        return not (self._cancelled or self._done)


class ManualScheduler:
    """A deterministic clock for tests: callbacks run only when :meth:`advance` reaches them.

    Callbacks due at the same time run in the order they were scheduled. A callback may
    schedule more; those run in the same :meth:`advance` if they fall due within it. A negative
    delay counts as zero. Not thread-safe, by design: everything happens on the caller's thread.
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._queue: list[tuple[float, int, ScheduledCall]] = []
        self._sequence = itertools.count()

    @property
    def now(self) -> float:
        """The current time in seconds (``start`` plus everything advanced so far)."""
        return self._now

    def call_later(self, delay: float, function: Callable[[], None]) -> ScheduledCall:
        scheduled = ScheduledCall(self._now + max(0.0, delay), function)
        heapq.heappush(self._queue, (scheduled.due, next(self._sequence), scheduled))
        return scheduled

    def pending(self) -> int:
        """How many calls are still waiting (cancelled ones do not count)."""
        return sum(1 for _, _, scheduled in self._queue if scheduled.active)

    def next_due(self) -> float | None:
        """When the earliest waiting call is due, or ``None`` when nothing waits."""
        self._drop_cancelled()
        return self._queue[0][0] if self._queue else None

    def advance(self, seconds: float) -> int:
        """Move time forward by ``seconds``, running every call that falls due, in time order.

        While a callback runs, :attr:`now` is its due time. Returns how many callbacks ran. If a
        callback raises, the error propagates and time stays at that callback's due time.
        """
        if seconds < 0:
            raise ValueError(f"cannot move time backwards ({seconds} s)")
        return self.advance_to(self._now + seconds)

    def advance_to(self, time: float) -> int:
        """Move time forward to ``time`` (absolute), running what falls due; see :meth:`advance`."""
        if time < self._now:
            raise ValueError(f"cannot move time backwards (from {self._now} to {time})")
        ran = 0
        while True:
            self._drop_cancelled()
            if not self._queue or self._queue[0][0] > time:
                break
            due, _, scheduled = heapq.heappop(self._queue)
            self._now = due
            scheduled._done = True
            scheduled.function()
            ran += 1
        self._now = time
        return ran

    def run_until_idle(self, max_callbacks: int = 100_000) -> int:
        """Advance from one due call to the next until nothing waits; returns how many ran.

        Raises :class:`RuntimeError` after ``max_callbacks``, which stops a callback that keeps
        rescheduling itself from looping forever.
        """
        ran = 0
        while (due := self.next_due()) is not None:
            if ran >= max_callbacks:
                raise RuntimeError(f"still busy after {max_callbacks} callbacks")
            ran += self.advance_to(max(due, self._now))
        return ran

    def _drop_cancelled(self) -> None:
        while self._queue and self._queue[0][2].cancelled:
            heapq.heappop(self._queue)
