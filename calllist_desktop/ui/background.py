"""Work off the GUI thread for what does not use the window's store yet.

The window's store work goes through :class:`calllist_desktop.ui.store_work.StoreWork` (writes in
order, reads in parallel, tied to their owner, cancellable, shut down with the window). This
helper remains for the modules not converted yet (issue 17 item 2): the operator's list panel, the
management panel and its dialogs, the import and export dialogs, the history panel, the store
page of 設定 (which probes another store); it goes once they are.

``run_in_background`` runs a plain function on Qt's thread pool and delivers its result or its
exception back on the GUI thread. Workers never touch widgets: they return values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

R = TypeVar("R")


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (queued, as it lives there).

    Signals:
        succeeded(object): the function's return value.
        failed(object): the exception it raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.function = function
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


_running: set[_Relay] = set()


def run_in_background(
    function: Callable[[], R],
    on_success: Callable[[R], None],
    on_failure: Callable[[Exception], None],
    *,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``function`` on the thread pool; call ``on_success`` or ``on_failure`` on the GUI thread.

    ``pool`` instead of Qt's global one: a :func:`serial_pool` runs its functions one at a time,
    in the order given (writes that must not overtake each other).
    """
    relay = _Relay()
    _running.add(relay)

    def done(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def deliver(value: Any) -> None:
            _running.discard(relay)
            callback(value)

        return deliver

    relay.succeeded.connect(done(on_success))
    relay.failed.connect(done(on_failure))
    (pool or QThreadPool.globalInstance()).start(_Task(function, relay))


def serial_pool(parent: QObject) -> QThreadPool:
    """A pool of one thread, owned by ``parent``: what runs on it runs in order."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
