"""A store opened the first time something needs it, so that the window can paint before.

Why: opening a :class:`~calllist_desktop.store.store.Store` means importing SQLAlchemy
and making its engine; the desktop client paints its first screen from ``store.first_read``
and has the store opened off the GUI thread once that screen is shown. Until then the window
holds this object in the store's place. It offers only :meth:`DeferredStore.open` and what the
window needs of any store (:class:`StoreApi`: where it is, its engine, closing it): the window's
store work gets the opened :class:`Store` itself, on a worker, from ``open``
(``ui.store_work.StoreWork``), so there is no second copy of the store's methods to keep in step,
and mypy refuses a store method called on the stand-in. No SQLAlchemy is imported until then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # SQLAlchemy: only once the store opens
    from sqlalchemy import Engine

    from calllist_desktop.store.store import Store


class DeferredStore:
    """Stands in for the :class:`Store` at ``url`` until something asks for it to be opened.

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

    @property
    def engine(self) -> Engine:
        """The open store's engine (waits for the store to open)."""
        return self.open().engine


class StoreApi(Protocol):
    """What the desktop client's window holds of its store: a :class:`Store`, or a
    :class:`DeferredStore` standing in for it until it is open. The window's store work does not
    go through it: :class:`~calllist_desktop.ui.store_work.StoreWork` hands each operation the
    opened :class:`Store` on a worker (``open``), so only where the store is, what it is
    (``url``, ``engine``) and closing it are needed here.
    """

    @property
    def url(self) -> str: ...

    @property
    def engine(self) -> Engine: ...

    def close(self) -> None: ...


if TYPE_CHECKING:

    def _both_are_store_apis(deferred: DeferredStore, store: Store) -> tuple[StoreApi, StoreApi]:
        """Checked by mypy: the stand-in and the store itself both give the window what it needs."""
        return deferred, store
