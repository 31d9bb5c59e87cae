"""A store that fails when it is used on the GUI thread (issue 17 item 2: no store call there).

Wrap the test's store in :class:`GuiThreadGuard` and hand the wrapper to the window; while
:attr:`GuiThreadGuard.armed`, a call of any of the store's methods on the main (GUI) thread is
recorded and raises, so the widget that made it fails its test. Calls from worker threads (the
window's ``StoreWork``) pass through.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from calllist_desktop.store.store import Store


class GuiThreadGuard:
    """Stands in for ``store``; see the module docstring."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.armed = False
        self.on_gui_thread: list[str] = []  # the methods called there while armed
        self.off_gui_thread: list[str] = []  # the methods called from workers while armed

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._store, name)
        if not callable(value):
            return value
        return self._guarded(name, value)

    def _guarded(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if self.armed:
                if threading.current_thread() is threading.main_thread():
                    self.on_gui_thread.append(name)
                    raise AssertionError(f"Store.{name} called on the GUI thread")
                self.off_gui_thread.append(name)
            return method(*args, **kwargs)

        return call
