"""A store opened the first time something needs it, so that the window can paint before.

Why: opening a :class:`~calllist_desktop.store.store.Store` means importing SQLAlchemy
and making its engine; the desktop client paints its first screen from ``store.first_read``
and asks for the store to be opened off the GUI thread once that screen is shown. Code built
before then holds this object in the store's place: any of the store's methods called on it
waits until the store is open (opening it there and then when nobody has yet), and runs on it.
No SQLAlchemy is imported until then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store


class DeferredStore:
    """Stands in for the :class:`Store` at ``url`` until it is open, then passes every call on.

    ``after_open`` runs once on the new store, on the thread that opened it, before anyone
    else may use it (the client closes calls a crash left unfinished there). An error while
    opening is raised again to every caller.
    """

    def __init__(self, url: str, after_open: Callable[[Store], None] | None = None) -> None:
        self.url = url
        self._after_open = after_open
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._error: BaseException | None = None
        self._closed = False

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def open(self) -> Store:
        """The open store: opened now, on this thread, unless another thread did or does it."""
        store = self._store
        if store is not None:
            return store
        with self._lock:
            if self._store is None:
                if self._error is not None:
                    raise self._error
                if self._closed:
                    raise RuntimeError("the store was closed before it was opened")
                from calllist_desktop.store.store import Store

                try:
                    opened = Store.open(self.url)
                except BaseException as exc:
                    self._error = exc
                    raise
                try:
                    if self._after_open is not None:
                        self._after_open(opened)
                except BaseException as exc:
                    opened.close()
                    self._error = exc
                    raise
                self._store = opened
            return self._store

    def close(self) -> None:
        """Close the store if it was opened (waiting for an opening under way); never open it."""
        with self._lock:
            self._closed = True
            if self._store is not None:
                self._store.close()

    def __getattr__(self, name: str) -> Any:
        # Only for what this class lacks: the store's methods and attributes.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.open(), name)
