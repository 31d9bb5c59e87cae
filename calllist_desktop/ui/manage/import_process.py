"""The import dialog's heavy work in a child process, so the GUI process keeps its GIL.

Reading a 5,000-row file, its dry run and the real import are pure Python (parsing, SQLAlchemy):
on a worker thread they hold the GIL, and the GUI thread, whose every answer runs Python, waits
for it. In a child process they cannot. ``run_in_process`` runs a function of ``import_worker``
on one module-level pool of "spawn" processes (safe with Qt; started on the first use and reused,
so only the first check pays a child's start-up), and delivers its result or its exception on
the GUI thread. Progress comes back as ``(token, value)`` through a queue that a ``QTimer`` on
the GUI thread reads every ``POLL_MS`` while a job runs.

A child opens its own store on the same database URL (``shareable_url``); a store it cannot
reach (in-memory SQLite) keeps the work in this process, on a thread (``run_in_background``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final

from PySide6.QtCore import QObject, QTimer

from calllist_desktop.store.deferred import DeferredStore
from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage.import_worker import init_child

POLL_MS: Final = 30
WORKERS: Final = 2  # a superseded check runs on to its end in its child: the next one need not wait

_CONTEXT: Final = multiprocessing.get_context("spawn")


def shareable_url(store: Store | DeferredStore) -> str | None:
    """The URL a child process opens ``store`` with, or None when the work must stay here
    (an in-memory SQLite database exists only in this process)."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or "mode=memory" in str(url) or url.query.get("mode") == "memory":
            return None
    return url.render_as_string(hide_password=False)


class _Pool:
    """The child processes and the queue their progress comes back through."""

    def __init__(self) -> None:
        self.progress: Any = _CONTEXT.Queue()
        self.executor = ProcessPoolExecutor(
            max_workers=WORKERS, mp_context=_CONTEXT, initializer=init_child, initargs=(self.progress,)
        )

    def drain(self) -> None:
        """Hand the progress sent so far to the jobs still waiting for it (the latest value each)."""
        latest: dict[int, int] = {}
        while True:
            try:
                token, value = self.progress.get_nowait()
            except queue.Empty:
                break
            except (OSError, EOFError, ValueError):  # the queue is closed: no more progress
                break
            latest[token] = value
        for token, value in latest.items():
            listener = _listeners.get(token)
            if listener is not None:
                listener(value)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


_pool: _Pool | None = None
_tokens = itertools.count(1)
_listeners: dict[int, Callable[[int], None]] = {}
_running: set[_Relay] = set()


def _the_pool() -> _Pool:
    global _pool
    if _pool is None:
        _pool = _Pool()
    return _pool


def _drop_pool(pool: _Pool) -> None:
    """A broken pool (a child died) is replaced by a fresh one at the next job."""
    global _pool
    if _pool is pool:
        _pool = None
        pool.shutdown()


def shutdown() -> None:
    """Stop the child processes (they start again when needed)."""
    if _pool is not None:
        _drop_pool(_pool)


class _Relay(QObject):
    """Watches one job from the GUI thread: its progress and, once the future is done, its outcome.

    Nothing here runs on the executor's threads. The outcome is picked up by the same timer that
    polls progress, because emitting a Qt signal from the executor's manager thread (a future's
    done-callback) crashed PySide6 here: a segfault in that thread, about one test run in five.
    """

    def __init__(
        self,
        token: int,
        pool: _Pool,
        future: Future[Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        super().__init__()
        self.token = token
        self.pool = pool
        self.future = future
        self.on_success = on_success
        self.on_failure = on_failure
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def _poll(self) -> None:
        self.pool.drain()
        if self.future.done():
            self._deliver()

    def _deliver(self) -> None:
        self.timer.stop()
        _listeners.pop(self.token, None)
        _running.discard(self)
        try:
            result = self.future.result()
        except BaseException as value:  # noqa: BLE001 - every failure goes back to the caller
            if isinstance(value, BrokenProcessPool):
                _drop_pool(self.pool)
            self.on_failure(value if isinstance(value, Exception) else RuntimeError(str(value)))
            return
        self.on_success(result)


def run_in_process(
    function: Callable[..., Any],
    args: tuple[Any, ...],
    on_progress: Callable[[int], None],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None],
) -> None:
    """Run ``function(token, *args)`` in a child process; its progress values go to
    ``on_progress``, its result to ``on_success`` or its exception to ``on_failure``, all on the
    GUI thread. ``function`` and ``args`` must pickle (a module-level function of ``import_worker``).
    """
    token = next(_tokens)
    pool = _the_pool()
    try:
        future = pool.executor.submit(function, token, *args)
    except (BrokenProcessPool, RuntimeError):  # a child died, or the pool was shut down
        _drop_pool(pool)
        pool = _the_pool()
        future = pool.executor.submit(function, token, *args)
    relay = _Relay(token, pool, future, on_success, on_failure)
    _running.add(relay)
    _listeners[token] = on_progress
    relay.timer.start()
