"""The import's heavy work in child processes, so the GUI process keeps its GIL.

Reading a 5,000-row file, its dry run and the real import are pure Python (parsing, SQLAlchemy):
on a worker thread they hold the GIL, and the GUI thread, whose every answer runs Python, waits
for it; a full garbage collection among the objects they make holds it for 100-250 ms at a time
(``bench/import_dialog_latency.py``, figures in ``bench/README.md``). In a child process they
cannot. :meth:`ProcessPool.run_on_store` runs a function of ``import_worker`` on the store in one
of the application's "spawn" processes (safe with Qt; started on the first use and reused, so
only the first check pays a child's start-up; stopped when the application quits), and delivers
its result or its exception on the GUI thread. Progress comes back as ``(token, value)`` through
a queue that a ``QTimer`` on the GUI thread reads every ``POLL_MS`` while a job runs.

A child opens its own store on the same database URL (``shareable_url``). A store only this
process can reach (in-memory SQLite, which the desktop client never opens) is refused with a
:class:`~calllist_desktop.store.errors.StoreError`.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.manage.import_child import Cancelled, init_child, on_store

POLL_MS: Final = 30
WORKERS: Final = 2  # a superseded check stops at its next progress report; the next need not wait
CANCEL_SLOTS: Final = 64  # cancelled tokens remembered (at token % CANCEL_SLOTS): far more than run at once

_CONTEXT: Final = multiprocessing.get_context("spawn")
_POOL_NAME: Final = "calllistImportProcesses"


def shareable_url(store: StoreApi) -> str | None:
    """The URL a child process opens ``store`` with, or None when the work must stay here
    (an in-memory SQLite database exists only in this process)."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or "mode=memory" in str(url) or url.query.get("mode") == "memory":
            return None
    return url.render_as_string(hide_password=False)


class _Children:
    """One set of child processes, the queue their progress comes back through and the shared
    array of the tokens cancelled (see ``import_child``)."""

    def __init__(self) -> None:
        self.progress: Any = _CONTEXT.Queue()
        self.cancelled: Any = _CONTEXT.Array("q", CANCEL_SLOTS, lock=False)
        self.executor = ProcessPoolExecutor(
            max_workers=WORKERS,
            mp_context=_CONTEXT,
            initializer=init_child,
            initargs=(self.progress, self.cancelled),
        )

    def latest_progress(self) -> dict[int, int]:
        """The progress sent so far, the latest value of each job."""
        latest: dict[int, int] = {}
        while True:
            try:
                token, value = self.progress.get_nowait()
            except queue.Empty:
                break
            except (OSError, EOFError, ValueError):  # the queue is closed: no more progress
                break
            latest[token] = value
        return latest

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


class ProcessPool(QObject):
    """The application's child processes for the import's heavy work (see the module docstring).

    Owned by the ``QApplication`` (:func:`process_pool`): its children start at the first job
    and are reused; :meth:`shutdown` stops them, and runs when the application is about to quit.
    A broken set (a child died) is replaced by a fresh one at the next job.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._children: _Children | None = None
        self._tokens = itertools.count(1)
        self._listeners: dict[int, Callable[[int], None]] = {}
        self._running: set[_Relay] = set()

    @property
    def started(self) -> bool:
        """Whether child processes are running (or starting)."""
        return self._children is not None

    def run(
        self,
        function: Callable[..., Any],
        args: tuple[Any, ...],
        on_progress: Callable[[int], None],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        owner: QObject | None = None,
    ) -> int:
        """Run ``function(token, *args)`` in a child process; its progress values go to
        ``on_progress``, its result to ``on_success`` or its exception to ``on_failure``, all on
        the GUI thread, none of them once ``owner`` is destroyed. ``function`` and ``args`` must
        pickle (a module-level function). Gives the job's token (for :meth:`cancel`)."""
        token = next(self._tokens)
        children = self._the_children()
        try:
            future = children.executor.submit(function, token, *args)
        except (BrokenProcessPool, RuntimeError):  # a child died, or the pool was shut down
            self.drop(children)
            children = self._the_children()
            future = children.executor.submit(function, token, *args)
        relay = _Relay(self, token, children, future, on_success, on_failure)
        self._running.add(relay)
        self._listeners[token] = on_progress
        if owner is not None:
            owner.destroyed.connect(relay.orphan)
        relay.timer.start()
        return token

    def cancel(self, token: int) -> None:
        """Stop the job ``token``: not started, it never runs; running, it stops at its next
        progress report; either way ``import_child.Cancelled`` goes to its ``on_failure``."""
        for relay in self._running:
            if relay.token == token:
                relay.future.cancel()
                relay.workers.cancelled[token % CANCEL_SLOTS] = token

    def run_on_store(
        self,
        store: StoreApi,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        on_progress: Callable[[int], None],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        owner: QObject | None = None,
    ) -> int | None:
        """Run ``operation(opened store, *args, progress)`` in a child process, on the store at
        ``store``'s URL; progress values (0..``PROGRESS_MAX``), the result or the exception come
        back as in :meth:`run`. ``operation`` is a module-level function (it pickles). Gives
        the job's token, or None when the store cannot be shared (``on_failure`` is told)."""
        url = shareable_url(store)
        if url is None:
            error = StoreError(
                "this store is in memory: the import's child process cannot open it",
                "このデータベースはメモリー上にあり、取り込みの子プロセスからは開けません",
            )
            QTimer.singleShot(0, owner or self, lambda: on_failure(error))
            return None
        return self.run(on_store, (url, operation, *args), on_progress, on_success, on_failure, owner)

    def shutdown(self) -> None:
        """Stop the child processes (they start again at the next job)."""
        if self._children is not None:
            self.drop(self._children)

    def _the_children(self) -> _Children:
        if self._children is None:
            self._children = _Children()
        return self._children

    def drop(self, children: _Children) -> None:
        """Stop ``children`` (a broken set, or the current one at shutdown)."""
        if self._children is children:
            self._children = None
        children.shutdown()

    def drain(self, children: _Children) -> None:
        """Hand the progress sent so far to the jobs still waiting for it."""
        for token, value in children.latest_progress().items():
            listener = self._listeners.get(token)
            if listener is not None:
                listener(value)

    def forget_progress(self, token: int) -> None:
        """No more progress for the job ``token``."""
        self._listeners.pop(token, None)

    def finished(self, relay: _Relay) -> None:
        """Forget a job whose outcome was delivered."""
        self._listeners.pop(relay.token, None)
        self._running.discard(relay)


def process_pool() -> ProcessPool:
    """The application's :class:`ProcessPool`: made on first use as a child of the
    ``QApplication`` and shut down when the application is about to quit."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the import's child processes need a running QApplication")
    pool = app.findChild(ProcessPool, _POOL_NAME)
    if pool is None:
        pool = ProcessPool(app)
        pool.setObjectName(_POOL_NAME)
        app.aboutToQuit.connect(pool.shutdown)
    return pool


class _Relay(QObject):
    """Watches one job from the GUI thread: its progress and, once the future is done, its outcome.

    Nothing here runs on the executor's threads. The outcome is picked up by the same timer that
    polls progress, because emitting a Qt signal from the executor's manager thread (a future's
    done-callback) crashed PySide6 here: a segfault in that thread, about one test run in five.
    """

    def __init__(
        self,
        pool: ProcessPool,
        token: int,
        workers: _Children,
        future: Future[Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        super().__init__()
        self.pool = pool
        self.token = token
        self.workers = workers
        self.future = future
        self.on_success = on_success
        self.on_failure = on_failure
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def orphan(self) -> None:
        """The job's owner is gone: its outcome and progress go nowhere."""
        self.on_success = self.on_failure = _ignore
        self.pool.forget_progress(self.token)

    def _poll(self) -> None:
        self.pool.drain(self.workers)
        if self.future.done():
            self._deliver()

    def _deliver(self) -> None:
        self.timer.stop()
        self.pool.finished(self)
        try:
            result = self.future.result()
        except CancelledError:  # cancelled before it started
            self.on_failure(Cancelled(f"import job {self.token} was cancelled"))
            return
        except BaseException as value:  # noqa: BLE001 - every failure goes back to the caller
            if isinstance(value, BrokenProcessPool):
                self.pool.drop(self.workers)
            self.on_failure(value if isinstance(value, Exception) else RuntimeError(str(value)))
            return
        self.on_success(result)


def _ignore(_value: object) -> None:
    """Where the outcome of a job whose owner is gone goes."""
