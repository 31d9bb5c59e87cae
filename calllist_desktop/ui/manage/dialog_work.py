"""The :class:`~calllist_desktop.ui.store_work.StoreWork` a management dialog runs its store calls on.

The window owns one ``StoreWork`` and hands it to the dialogs it opens (``work=``). A dialog opened
without one (by a test, or by an opener not yet handing its own) uses the application's one for
that store: made on first use as a child of the ``QApplication``, shut down when it is about to
quit (waiting for the writes asked for), so that every dialog on a store still writes on one
worker, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QCoreApplication

from calllist_desktop.store.deferred import DeferredStore, StoreApi
from calllist_desktop.store.store import Store
from calllist_desktop.ui.store_work import StoreWork

_NAME = "dialogStoreWork"


def store_opener(store: StoreApi) -> Callable[[], Store]:
    """What gives the opened store behind ``store``: a deferred store opens (on the worker that
    asks); anything else is the store (or a stand-in for it, in tests)."""
    if isinstance(store, DeferredStore):
        return store.open
    return lambda: cast(Store, store)


def store_work_for(store: StoreApi, given: StoreWork | None = None) -> StoreWork:
    """``given`` if there is one, else the application's ``StoreWork`` for ``store``."""
    if given is not None:
        return given
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("store work needs a running QApplication")
    for work in app.findChildren(StoreWork, _NAME):
        if getattr(work, "for_store", None) is store:
            return work
    work = StoreWork(store_opener(store), app)
    work.setObjectName(_NAME)
    work.for_store = store  # type: ignore[attr-defined]
    app.aboutToQuit.connect(work.shutdown)
    return work
