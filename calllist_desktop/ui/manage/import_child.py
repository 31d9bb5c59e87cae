"""What runs in a child process of ``import_process``: open the store, run one operation on it.

No Qt here, so a child starts without loading it. A child keeps the stores it opened (one per
database URL it was asked about, a few at most) for the next job, and sends progress as
``(token, value)`` through the queue :func:`init_child` was given, ``value`` from 0 to
:data:`PROGRESS_MAX`, only when it changes. A job the GUI process cancelled (its token written
into the shared ``cancelled`` array, at ``token % len(cancelled)``) stops at its next progress
report with :class:`Cancelled`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from calllist_desktop.store.store import Store

PROGRESS_MAX: Final = 1000
_STORES_KEPT: Final = 4

R = TypeVar("R")

_progress_queue: Any = None  # the queue progress goes back through (set by init_child)
_cancelled: Any = None  # the shared array of cancelled tokens (set by init_child)
_stores: dict[str, Store] = {}  # open stores by URL, oldest first


class Cancelled(Exception):
    """The GUI process cancelled this job (a newer check replaced it, or its dialog closed)."""


def init_child(progress_queue: Any, cancelled: Any) -> None:
    """A child process's initializer: remember where progress goes and where cancellations are."""
    global _progress_queue, _cancelled
    _progress_queue = progress_queue
    _cancelled = cancelled


def is_cancelled(token: int) -> bool:
    return _cancelled is not None and _cancelled[token % len(_cancelled)] == token


def on_store(token: int, url: str, operation: Callable[..., R], *args: Any) -> R:
    """``operation(store, *args, progress)`` on the store at ``url``, its progress sent as ``token``'s."""
    return operation(_store_at(url), *args, _queued_progress(token))


def _store_at(url: str) -> Store:
    store = _stores.get(url)
    if store is None:
        while len(_stores) >= _STORES_KEPT:
            _stores.pop(next(iter(_stores))).close()
        store = _stores[url] = Store.open(url)
    return store


def _queued_progress(token: int) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` that sends ``(token, PROGRESS_MAX * done / total)`` to the
    GUI process, only when that value changes; it raises :class:`Cancelled` once the job is."""
    last = -1

    def progress(done: int, total: int) -> None:
        nonlocal last
        if is_cancelled(token):
            raise Cancelled(f"import job {token} was cancelled")
        value = PROGRESS_MAX * done // total if total else PROGRESS_MAX
        if value != last and _progress_queue is not None:
            last = value
            _progress_queue.put((token, value))

    return progress
