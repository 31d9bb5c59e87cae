"""Store work from the window: the one way to use the store off the GUI thread (issue 17 item 2).

Anki's ``CollectionOp`` / ``QueryOp`` and its ``TaskManager`` are the model. The window owns one
:class:`StoreWork`, made from a *store source* (a callable that gives the opened
:class:`~calllist_desktop.store.store.Store`, e.g. ``DeferredStore.open``); widgets are given it
and ask it for work::

    work.read(self, lambda store: store.targets(list_id), self._show_targets, self._show_error)
    work.write(self, lambda store: store.set_excluded(list_id, phones, True), self._excluded)

The guarantees, each with a test in ``tests/ui/test_store_work.py``:

- The function runs on a worker thread and receives the opened store; the store is opened there
  (by the first work that needs it), never on the GUI thread.
- Writes run on one worker, one at a time, in the order they were asked for (SQLite likes one
  writer; a call's wrap-up never overtakes its end). Reads run in parallel on a small pool.
- ``on_done(result)`` or ``on_failed(exception)`` (the exception raised, as it was raised) and
  ``on_progress(done, total)`` are called on the GUI thread.
- Work is tied to its ``owner`` (a ``QObject``): once the owner is destroyed, nothing is called
  for it, and its reads not started yet do not run (its writes do: a dialog closed right after
  "save" still saves). This is what makes "generation" counters unnecessary: a view that
  re-reads makes its earlier read stale by cancelling its :class:`Job`.
- :meth:`Job.cancel` drops the work: not started, it never runs; running, the function sees
  :attr:`Job.cancelled` (long work checks it between steps, or calls :meth:`Job.raise_if_cancelled`);
  either way nothing is delivered for it afterwards.
- :meth:`StoreWork.shutdown` (the window closing, the program ending) drops the reads not
  started yet and waits for the writes, running and queued: a write asked for is a write made.
  Nothing is delivered after it.

Workers never touch widgets: they return values.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from calllist_desktop.core.line import Cancellable, Scheduler, SerialScheduler
from calllist_desktop.store.deferred import DeferredStore, StoreApi

if TYPE_CHECKING:  # the store means SQLAlchemy: imported where it is opened, on a worker
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

READERS = 2
"""Reads at a time (the machine has few cores, and SQLite reads share one file)."""


class Cancelled(Exception):
    """Raised by :meth:`Job.raise_if_cancelled` inside a function whose job was cancelled."""


class Job:
    """One piece of store work: the caller's handle to cancel it, the function's to see that it
    was cancelled and to report progress.

    Its state is shared by the GUI thread and one worker; a cancellation is seen by the function
    the next time it looks, and nothing is delivered for the job once it is cancelled.
    """

    def __init__(self, work: StoreWork, owner: QObject, what: str, *, is_write: bool) -> None:
        self._work = work
        self._owner = owner
        self.what = what  # for the log: "read", "write", or the caller's description
        self.is_write = is_write
        self._cancelled = threading.Event()
        self._finished = threading.Event()
        self._progress_lock = threading.Lock()
        self._progress: tuple[int, int] | None = None  # the latest report, not delivered yet
        self.on_progress: Callable[[int, int], None] | None = None

    @property
    def cancelled(self) -> bool:
        """The work is wanted no more: cancelled; for a read also its owner destroyed or the work
        shut down (a write asked for is made all the same, unless cancelled)."""
        if self._cancelled.is_set():
            return True
        return not self.is_write and not self.deliverable

    @property
    def deliverable(self) -> bool:
        """Its outcome may still be delivered: not cancelled, owner alive, work not shut down."""
        return not self._cancelled.is_set() and isValid(self._owner) and not self._work.is_shut_down

    @property
    def finished(self) -> bool:
        """The function has returned or raised (or will never run, being cancelled first)."""
        return self._finished.is_set()

    def cancel(self) -> None:
        """Drop the work: it does not start if it has not, and nothing is delivered for it."""
        self._cancelled.set()

    def raise_if_cancelled(self) -> None:
        """In the function: stop here (raising :class:`Cancelled`) if the job was cancelled; a
        write's transaction is then rolled back by the store like for any other exception."""
        if self.cancelled:
            raise Cancelled(self.what)

    def report_progress(self, done: int, total: int) -> None:
        """In the function: ``done`` of ``total`` steps are done. Delivered to ``on_progress`` on the
        GUI thread; reports that come faster than the GUI takes them are folded into the latest."""
        if self.on_progress is None:
            return
        with self._progress_lock:
            waiting = self._progress is not None
            self._progress = (done, total)
        if not waiting:
            self._work._post(self._deliver_progress)

    def _deliver_progress(self) -> None:
        with self._progress_lock:
            progress, self._progress = self._progress, None
        if progress is not None and self.on_progress is not None and self.deliverable:
            self.on_progress(*progress)


class _Relay(QObject):
    """Carries a function to call from a worker to the GUI thread (a queued signal: it lives there).

    Signals:
        call(object): a function of no arguments, to be called on the GUI thread.
    """

    call = Signal(object)


class _Scheduled:
    """One function of :class:`_WriterScheduler`: waiting for its time, then for the writer."""

    def __init__(self) -> None:
        self.cancelled = False
        self.timer: Cancellable | None = None
        self.job: Job | None = None

    def cancel(self) -> None:
        self.cancelled = True
        if self.timer is not None:
            self.timer.cancel()
        if self.job is not None:
            self.job.cancel()


class _WriterScheduler:
    """:meth:`StoreWork.scheduler`: a function runs as a write once its delay is over."""

    def __init__(self, work: StoreWork, owner: QObject) -> None:
        self._work = work
        self._owner = owner

    def call_later(self, delay: float, function: Callable[[], None]) -> Cancellable:
        scheduled = _Scheduled()

        def due() -> None:
            if not scheduled.cancelled:
                scheduled.job = self._work.write(self._owner, lambda _store: function())

        if delay <= 0:
            due()
        else:
            scheduled.timer = self._work._later(delay, due)
        return scheduled


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def store_source(store: StoreApi) -> Callable[[], Store]:
    """The store source of a store handed to the window: a :class:`DeferredStore` opens on the
    first work that needs it; a store that is open already (or a test's wrapper) is given as is."""
    if isinstance(store, DeferredStore):
        return store.open
    return lambda: cast("Store", store)


def _log_failure(error: Exception) -> None:
    log.error("store work failed", exc_info=error)


class StoreWork(QObject):
    """Runs the window's store work off the GUI thread; see the module docstring.

    ``open_store`` gives the opened store; it is called on a worker (it may block there while the
    store opens, e.g. :meth:`~calllist_desktop.store.deferred.DeferredStore.open`).
    """

    def __init__(
        self, open_store: Callable[[], Store], parent: QObject | None = None, *, readers: int = READERS
    ) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self._relay = _Relay(self)
        self._relay.call.connect(self._call)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-write")
        self._readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="store-read")
        self._lock = threading.Lock()
        self._shut_down = False
        self._clock: SerialScheduler | None = None  # the delays of scheduler(): a thread once needed
        self._pending = 0  # jobs asked for whose outcome is not delivered yet (GUI thread)

    @property
    def is_shut_down(self) -> bool:
        return self._shut_down

    @property
    def pending(self) -> int:
        """Work asked for on the GUI thread whose outcome has not been delivered yet (or dropped):
        0 once everything asked for is done, including work its deliveries asked for in turn."""
        return self._pending

    # --- asking for work (GUI thread) ------------------------------------------------------------

    def read(
        self,
        owner: QObject,
        function: Callable[[Store], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[Exception], None] | None = None,
    ) -> Job:
        """Run ``function(store)`` on a reader, in parallel with other reads; ``on_done(result)``
        or ``on_failed(error)`` on the GUI thread (``None``: the error is logged)."""
        return self._submit(
            self._readers, owner, "read", lambda store, _job: function(store), on_done, on_failed, None
        )

    def write(
        self,
        owner: QObject,
        function: Callable[[Store], T],
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
    ) -> Job:
        """Run ``function(store)`` on the writer, after every write asked for before it."""
        return self._submit(
            self._writer, owner, "write", lambda store, _job: function(store), on_done, on_failed, None
        )

    def long_read(
        self,
        owner: QObject,
        function: Callable[[Store, Job], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        """A read that takes long: ``function(store, job)`` reports progress and checks for
        cancellation through ``job``."""
        return self._submit(self._readers, owner, "long read", function, on_done, on_failed, on_progress)

    def long_write(
        self,
        owner: QObject,
        function: Callable[[Store, Job], T],
        on_done: Callable[[T], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Job:
        """A write that takes long (an import): like :meth:`long_read`, on the writer, in order."""
        return self._submit(self._writer, owner, "long write", function, on_done, on_failed, on_progress)

    def scheduler(self, owner: QObject) -> Scheduler:
        """A :class:`~calllist_desktop.core.line.Scheduler` whose functions run as writes, after
        their delay and in order with every other write: for engines whose steps use the store
        (the call session's retried writes, the auto-call engine). Nothing runs after shutdown."""
        return _WriterScheduler(self, owner)

    def call_on_gui_thread(self, owner: QObject, function: Callable[[], None]) -> None:
        """From a worker (a write of an engine): call ``function`` on the GUI thread, unless
        ``owner`` is gone or the work shut down by then."""
        job = Job(self, owner, "call on the GUI thread", is_write=False)
        self._post(partial(self._deliver, job, lambda _none: function(), None))

    def shutdown(self) -> None:
        """Drop the reads not started, wait for the running ones and for every write asked for;
        nothing is delivered from now on, and work asked for later is refused (logged).
        Functions of :meth:`scheduler` not due yet never run."""
        with self._lock:
            if self._shut_down:
                return
            self._shut_down = True
            clock, self._clock = self._clock, None
        if clock is not None:
            clock.close()
        self._readers.shutdown(wait=True, cancel_futures=True)
        self._writer.shutdown(wait=True)

    # --- the machinery ---------------------------------------------------------------------------

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        owner: QObject,
        what: str,
        function: Callable[[Store, Job], T],
        on_done: Callable[[T], None] | None,
        on_failed: Callable[[Exception], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ) -> Job:
        job = Job(self, owner, what, is_write=pool is self._writer)
        counted = on_gui_thread()
        job.on_progress = on_progress
        failed = on_failed or _log_failure

        def run() -> None:
            try:
                if job.cancelled:
                    return
                try:
                    result = function(self._open_store(), job)
                except Exception as error:  # noqa: BLE001 - every failure goes back to the caller
                    self._post(partial(self._deliver, job, failed, error))
                    return
                if on_done is not None:
                    self._post(partial(self._deliver, job, on_done, result))
            finally:
                job._finished.set()
                if counted:
                    self._post(self._settle)  # after the delivery: the same queue, in order

        with self._lock:
            if self._shut_down:
                log.warning("store work asked for after shutdown, dropped: %s", what)
                job.cancel()
                job._finished.set()
                return job
            future: Future[None] = pool.submit(run)
            if counted:
                self._pending += 1
        future.add_done_callback(lambda done: job._finished.set() if done.cancelled() else None)
        return job

    def _settle(self) -> None:
        self._pending -= 1

    def _later(self, delay: float, function: Callable[[], None]) -> Cancellable | None:
        with self._lock:
            if self._shut_down:
                return None
            if self._clock is None:
                self._clock = SerialScheduler("store-work-clock")
            return self._clock.call_later(delay, function)

    @staticmethod
    def _deliver(job: Job, callback: Callable[[T], None], value: T) -> None:
        if job.deliverable:
            callback(value)

    def _post(self, call: Callable[[], None]) -> None:
        """Call ``call`` on the GUI thread (from a worker), unless the work has shut down by then."""
        if not self._shut_down and isValid(self._relay):  # (a parent deleted without shutdown: dropped)
            self._relay.call.emit(call)

    def _call(self, call: object) -> None:
        if not self._shut_down and callable(call):
            call()
