"""Writes that must not be lost: retried, in order, until the store takes them.

A call that has ended on the line has to have its end written even when the store cannot be
reached for a while (a PostgreSQL server restarting, a SQLite file locked by another writer past
its busy time-out). The line reports the end on its own thread, which must never block for long
or die of a store error; so the write is tried at once and, when it fails, kept and tried again on
a :class:`~calllist_desktop.core.line.Scheduler` until it succeeds. Later writes queue behind it,
so a call's wrap-up note is never written before its end. Nothing here knows the store: a write
is any function, and any exception from it means "not now".
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from calllist_desktop.core.line import Cancellable, Scheduler

log = logging.getLogger(__name__)

STORE_RETRY = 1.0
"""Seconds between two attempts at a write (or a claim) the store refused."""


@dataclass(slots=True)
class _Write:
    what: str  # for the log: "the end of call 12"
    action: Callable[[], None]
    done: Callable[[], None] | None
    waiting: Callable[[str], None] | None
    attempts: int = 0


class OrderedWrites:
    """Runs writes in the order they were submitted, each retried until it succeeds.

    ``submit`` tries a write at once on the caller's thread when nothing is queued before it;
    otherwise (or when it fails) the write waits its turn and the retries run on ``scheduler``.
    ``done`` is called once the write has succeeded; ``waiting`` with the error each time it
    failed, so the caller can say why it is waiting.
    """

    def __init__(self, scheduler: Scheduler, retry_every: float = STORE_RETRY) -> None:
        self._scheduler = scheduler
        self._retry_every = retry_every
        self._condition = threading.Condition()
        self._queue: deque[_Write] = deque()
        self._draining = False
        self._retry: Cancellable | None = None
        self._closed = False

    @property
    def pending(self) -> int:
        """Writes not yet taken by the store."""
        with self._condition:
            return len(self._queue)

    def submit(
        self,
        what: str,
        action: Callable[[], None],
        *,
        done: Callable[[], None] | None = None,
        waiting: Callable[[str], None] | None = None,
    ) -> None:
        with self._condition:
            self._queue.append(_Write(what, action, done, waiting))
            if self._draining:
                return  # an earlier write is being written or retried: this one follows it
            self._draining = True
        self._drain()

    def wait_until_written(self, timeout: float) -> int:
        """Wait up to ``timeout`` seconds for every write; returns how many are still not written."""
        with self._condition:
            self._condition.wait_for(lambda: not self._queue, timeout)
            return len(self._queue)

    def close(self) -> None:
        """Stop retrying; writes still queued are given up (the caller has reported them)."""
        with self._condition:
            self._closed = True
            retry, self._retry = self._retry, None
        if retry is not None:
            retry.cancel()

    def _drain(self) -> None:
        while True:
            with self._condition:
                self._retry = None
                if self._closed or not self._queue:
                    self._draining = False
                    return
                write = self._queue[0]
            write.attempts += 1
            try:
                write.action()
            except Exception as exc:  # noqa: BLE001 - whatever the store raised, try again later
                if write.attempts == 1:
                    log.warning("could not write %s (trying again until the store takes it): %s", write.what, exc)
                if write.waiting is not None:
                    write.waiting(str(exc) or type(exc).__name__)
                with self._condition:
                    if not self._closed:
                        self._retry = self._scheduler.call_later(self._retry_every, self._drain)
                    else:
                        self._draining = False
                return
            if write.attempts > 1:
                log.warning("wrote %s after %d attempts", write.what, write.attempts)
            with self._condition:
                self._queue.popleft()
                self._condition.notify_all()
            if write.done is not None:
                write.done()
