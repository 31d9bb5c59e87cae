"""This client's line on the team board: what it tells the store about its user (SPEC §10).

:class:`PresenceReporter` listens to the parts that know — the call session (a call starts,
ends), the auto-call controller (a run starts, ends), the window (opened, closed) — and writes
the state with ``Store.set_presence`` when it changes, and the same state again every
heartbeat (``store.presence.HEARTBEAT``: a client that stops writing is shown signed out after
a while, so a crash does not leave a person "on a call" for ever). Writes run off the GUI
thread, one at a time and in order; a state that changes while a write is under way is
written right after it (the latest state wins). A failed write is logged and forgotten: the
board is a convenience, and the next change or heartbeat writes again.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, QTimer

from calllist_desktop.ui.store_work import StoreWork

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)

class PresenceState(NamedTuple):
    call_phone: str | None = None
    on_call_since: datetime | None = None
    autocall_list_id: int | None = None


class PresenceReporter(QObject):
    """Writes ``user``'s presence for this running client (its own ``client`` id) through ``work``.

    ``session`` (a :class:`~calllist_desktop.ui.call_session.CallSession`) and ``autocall``
    (an :class:`~calllist_desktop.ui.autocall_controller.AutoCallController`) are followed
    through their signals; :meth:`start` signs in, :meth:`stop` signs out (the window's start
    and close).
    """

    def __init__(
        self,
        work: StoreWork,
        user: str,
        session: Any,
        autocall: Any,
        parent: QObject | None = None,
        *,
        heartbeat: float | None = None,
    ) -> None:
        super().__init__(parent)
        self.work = work
        self.user = user
        self.client = uuid.uuid4().hex
        self._session = session
        self._autocall = autocall
        self.state = PresenceState()
        self._written: PresenceState | None = None
        self._writing = False
        self._again = False
        self._stopped = True
        if heartbeat is None:
            from calllist_desktop.store.presence import HEARTBEAT

            heartbeat = HEARTBEAT
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(int(heartbeat * 1000))
        self.heartbeat.timeout.connect(self._beat)
        session.changed.connect(self._follow)
        autocall.progress.connect(lambda _progress: self._follow())
        autocall.run_ended.connect(lambda _reason, _progress: self._follow())

    def start(self) -> None:
        """Signed in: write the state now and every heartbeat."""
        self._stopped = False
        self._follow()
        self._write()
        self.heartbeat.start()

    def stop(self) -> None:
        """Signed out (the window closes): the row goes, off the GUI thread, and nothing is written
        after (the window's store work makes this write before it shuts down)."""
        if self._stopped:
            return
        self._stopped = True
        self.heartbeat.stop()
        self._clear()  # writes run in order: after a write under way, so that it does not bring the row back

    def _clear(self) -> None:
        user, client = self.user, self.client
        self.work.write(
            self, lambda store: store.clear_presence(user, client=client), None, lambda e: log.info("presence: %s", e)
        )

    def _follow(self) -> None:
        current = self._session.current
        running = bool(self._autocall.running)
        state = PresenceState(
            call_phone=current.phone if current is not None else None,
            on_call_since=current.started_at if current is not None else None,
            autocall_list_id=getattr(self._autocall, "list_id", None) if running else None,
        )
        if state != self.state:
            self.state = state
            self._write()

    def _beat(self) -> None:
        self._written = None  # the same state again: the store's "seen at" moves on
        self._write()

    def _write(self) -> None:
        if self._stopped:
            return
        if self._writing:  # (compared with what is written once that write is done)
            self._again = True
            return
        if self.state == self._written:
            return
        self._writing = True
        state = self.state
        user, client = self.user, self.client

        def write(store: Store) -> None:
            store.set_presence(
                user,
                client=client,
                call_phone=state.call_phone,
                on_call_since=state.on_call_since,
                autocall_list_id=state.autocall_list_id,
            )

        def done(_result: object) -> None:
            self._written = state
            self._finish()

        def failed(error: Exception) -> None:
            log.info("presence not written: %s", error)
            self._finish()

        self.work.write(self, write, done, failed)

    def _finish(self) -> None:
        self._writing = False
        if self._again:
            self._again = False
            self._write()  # (nothing once stopped)
