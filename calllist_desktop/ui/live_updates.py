"""Live updates: the store's change watcher (``store.watch``) turned into a Qt signal.

The watcher lives on a thread of its own: it opens its own connection there and asks it four
times a second for changes (PostgreSQL notifications already sit in the socket, SQLite's
``PRAGMA data_version`` is answered from memory), which keeps an open view within a second of a
change made by another client. Its own thread because even these small reads are store calls:
on the GUI thread a server that went away froze the window for the connect time-out each time
the watcher tried again, and a SQLite file locked by an import waited out its busy time-out. The
thread only reads; what changed reaches the GUI thread as the queued ``changed`` signal.
:meth:`LiveUpdates.start` is called by the window once it is shown, so start-up does not wait,
and :meth:`LiveUpdates.stop` (the window's close) ends the thread and closes the connection.

A flood of notifications (any PostgreSQL role may send them) costs at most one small read of
the change log per poll, and a forged one names nothing to re-read: what a view re-reads comes
from the log, which row-level security filters (``store.watch``).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.watch import ChangeWatcher, open_watcher

log = logging.getLogger(__name__)

POLL_MS = 250


class LiveUpdates(QObject):
    """Watches for changes made to the store by any client, off the GUI thread, and announces them.

    Signals:
        changed(object): a ``store.watch.Changes`` naming the lists and phones to re-read
            (delivered on the GUI thread).
    """

    changed = Signal(object)

    def __init__(self, store: StoreApi, parent: QObject | None = None, *, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._interval = interval_ms / 1000
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.watcher: ChangeWatcher | None = None  # once open (on the thread): changes from then on are reported

    def is_watching(self) -> bool:
        return self.watcher is not None

    def start(self) -> None:
        """Open the watcher (changes from now on are reported) and start watching."""
        if self._thread is None and not self._stopping.is_set():
            self._thread = threading.Thread(target=self._watch, name="live-updates", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop watching and close the watcher's connection (waits for the thread to end)."""
        self._stopping.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _watch(self) -> None:
        try:
            watcher = open_watcher(self._store.engine)
        except Exception as exc:  # noqa: BLE001 - live updates are a convenience; 更新 still works
            log.warning("live updates are off: %s", exc)
            return
        self.watcher = watcher
        try:
            while not self._stopping.is_set():
                try:
                    changes = watcher.poll(0.0)
                except Exception as exc:  # noqa: BLE001 - the watcher tries again at its next poll
                    log.warning("live updates: %s", exc)
                else:
                    if changes and not self._stopping.is_set():
                        self.changed.emit(changes)
                self._stopping.wait(self._interval)
        finally:
            self.watcher = None
            watcher.close()
