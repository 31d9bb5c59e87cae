"""A :class:`~calllist_desktop.core.line.Scheduler` on the GUI thread's event loop.

The auto-call engine and the call session's retried store writes run their timers on it, so
what they call later runs on the GUI thread and may touch widgets through signals at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from calllist_desktop.core.line import Cancellable


class _QtTimer:
    """One pending call of :class:`QtScheduler`; the scheduler keeps it alive until it is over.

    Once it has fired or been cancelled its ``QTimer`` is let go (``deleteLater``) and never
    touched again: :meth:`cancel` is then harmless, as the scheduler contract promises. (It once
    called ``stop()`` on the deleted timer, which broke every auto-call that outlived a renewal.)
    """

    def __init__(self, owner: QtScheduler, delay: float, function: Callable[[], None]) -> None:
        self._owner = owner
        self._function = function
        self._timer: QTimer | None = QTimer(owner.parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        owner.pending.add(self)
        self._timer.start(max(0, round(delay * 1000)))

    @property
    def active(self) -> bool:
        """Still waiting: neither fired nor cancelled."""
        return self._timer is not None

    def _fire(self) -> None:
        if self._timer is not None:
            self._done()
            self._function()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._done()

    def _done(self) -> None:
        timer, self._timer = self._timer, None
        self._owner.pending.discard(self)
        if timer is not None:
            timer.deleteLater()


class QtScheduler:
    """A :class:`~calllist_desktop.core.line.Scheduler` on the GUI thread's event loop."""

    def __init__(self, parent: QObject) -> None:
        self.parent = parent
        self.pending: set[_QtTimer] = set()  # the Python side of a QTimer must outlive its start

    def call_later(self, delay: float, function: Callable[[], None]) -> Cancellable:
        return _QtTimer(self, delay, function)
