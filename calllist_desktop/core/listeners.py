"""A list of listeners that any thread may change and call, one failing listener never hiding
the news from the others (finished recordings, for the store's row and the window's card)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Listeners(Generic[T]):
    def __init__(self, what: str) -> None:
        self._what = what  # for the log: "recording listener"
        self._lock = threading.Lock()
        self._listeners: list[Callable[[T], None]] = []

    def add(self, listener: Callable[[T], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove(self, listener: Callable[[T], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def tell(self, news: T) -> None:
        """Call every listener with ``news`` on this thread; a failure is logged, not raised."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(news)
            except Exception:  # noqa: BLE001 - one listener's failure must not hide the news from others
                log.exception("%s failed", self._what)
