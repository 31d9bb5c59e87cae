"""Live updates: the store's change watcher (``store.watch``) turned into a Qt signal.

A timer polls the watcher without waiting (``poll(0)``: PostgreSQL notifications already sit
in the socket, SQLite's ``PRAGMA data_version`` is answered from memory), so nothing blocks the
GUI and no thread has to be stopped at exit. Four polls a second keep an open view within a
second of a change made by another client. The watcher's own connection is opened by
:meth:`LiveUpdates.start`, which the window calls once it is shown, so start-up does not wait.

A flood of notifications (any PostgreSQL role may send them) costs at most one small read of
the change log per poll, and a forged one names nothing to re-read: what a view re-reads comes
from the log, which row-level security filters (``store.watch``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.watch import ChangeWatcher, open_watcher

log = logging.getLogger(__name__)

POLL_MS = 250


class LiveUpdates(QObject):
    """Polls for changes made to the store by any client and announces them.

    Signals:
        changed(object): a ``store.watch.Changes`` naming the lists and phones to re-read.
    """

    changed = Signal(object)

    def __init__(self, store: StoreApi, parent: QObject | None = None, *, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._watcher: ChangeWatcher | None = None
        self._failed = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        """Open the watcher (changes from now on are reported) and start polling."""
        self._open()
        self._timer.start()

    def _open(self) -> None:
        if self._watcher is not None or self._failed:
            return
        try:
            self._watcher = open_watcher(self._store.engine)
        except Exception as exc:  # noqa: BLE001 - live updates are a convenience; 更新 still works
            log.warning("live updates are off: %s", exc)
            self._failed = True

    def stop(self) -> None:
        """Stop polling and close the watcher's connection."""
        self._timer.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    def _poll(self) -> None:
        if self._watcher is None:
            return
        changes = self._watcher.poll(0.0)
        if changes:
            self.changed.emit(changes)
