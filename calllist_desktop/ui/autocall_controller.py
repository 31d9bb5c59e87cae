"""The auto-call engine in the window: its calls go through the call session, its news to signals.

The engine (:mod:`calllist_desktop.core.autocall`) places calls through :class:`SessionPlacer`,
so an auto-dialled call is the same current call the phone panel shows (timer, mute, hold,
hang-up) and is recorded by the same code as a call dialled by hand. The engine runs on the GUI
thread through :class:`QtScheduler`, so its listener may touch widgets through signals at once.

The engine's modules (``core.autocall``, ``core.placer``, ``core.claims``: ~60 classes, a tenth
of the program's import) load when the first run starts, not with the window: the quick start
paints the list without them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from calllist_desktop.core.outcomes import Direction
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.call_session import CallSession, EndedCall
from calllist_desktop.ui.qt_scheduler import QtScheduler

if TYPE_CHECKING:  # the store means SQLAlchemy, the engine ~60 classes: neither on the quick start's path
    from calllist_desktop.core.autocall import AutoCall, AutoCallEvent, AutoCallOptions, WrapUpNotes
    from calllist_desktop.core.claims import TargetClaims
    from calllist_desktop.core.placer import CallEvents
    from calllist_desktop.store.deferred import StoreApi

log = logging.getLogger(__name__)


class SessionPlacer:
    """:class:`~calllist_desktop.core.placer.CallPlacer` over the window's call session."""

    def __init__(self, session: CallSession, store: StoreApi) -> None:
        self._session = session
        self._store = store
        self._events: dict[int, CallEvents] = {}
        session.call_state.connect(self._on_state)
        session.call_ended.connect(self._on_ended)
        session.end_waiting.connect(self._on_end_waiting)

    def close(self) -> None:
        self._session.call_state.disconnect(self._on_state)
        self._session.call_ended.disconnect(self._on_ended)
        self._session.end_waiting.disconnect(self._on_end_waiting)

    def place(self, phone: str, list_id: int, events: CallEvents) -> str:
        from calllist_desktop.core.line import Registration
        from calllist_desktop.core.placer import LineBusy, PlaceError  # loaded with the engine

        if self._session.line_taken:
            raise LineBusy("another call is in progress")
        if self._session.line.registration is not Registration.REGISTERED:
            raise LineBusy(f"the line is {self._session.line.registration.value}")
        # Still on the GUI thread, as the engine's claims are (issue 17: not moved to the store work yet).
        try:
            record_id = self._store.start_call(phone, Direction.OUTBOUND, user=self._session.user, list_id=list_id)
        except StoreError as exc:
            self._session.failed.emit(partial(str, exc))
            raise PlaceError("the line could not place the call") from exc
        if self._session.dial_recorded(record_id, phone, list_id) is None:
            raise PlaceError("the line could not place the call")
        self._events[record_id] = events
        return str(record_id)

    def hang_up(self, token: str) -> None:
        current = self._session.current
        if current is not None and str(current.record_id) == token:
            self._session.hang_up()

    def annotate(self, token: str, disposition: str | None, note: str | None) -> None:
        self._session.annotate(int(token), disposition, note)

    def _on_state(self, record_id: int, state: str) -> None:
        events = self._events.get(record_id)
        if events is None:
            return
        if state == "ringing":
            events.ringing()
        elif state == "talking":
            events.answered()

    def _on_end_waiting(self, record_id: int, reason: str) -> None:
        events = self._events.get(record_id)
        if events is not None:  # the run waits for the store (データ待ち) until the end is written
            events.store_waiting(reason)

    def _on_ended(self, ended: EndedCall) -> None:
        events = self._events.pop(ended.record_id, None)
        if events is not None:
            events.ended(ended.outcome, ended.sip_status, ended.started_at, ended.ended_at)


class AutoCallController(QObject):
    """Starts and commands one auto-call run at a time for the window's user.

    Signals:
        progress(object): a :class:`Progress` whenever the run changes.
        call_completed(str, str): phone and outcome code of a call the run made.
        skipped(str, str): phone and reason of a target passed over.
        run_ended(str, object): end reason and the final :class:`Progress`.
    """

    progress = Signal(object)  # Progress
    call_completed = Signal(str, str)
    skipped = Signal(str, str)
    run_ended = Signal(str, object)

    def __init__(
        self,
        session: CallSession,
        store: StoreApi,
        claims: TargetClaims,
        user: str,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        # The time the list rules are checked at (the window's clock; default: now, local).
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._session = session
        self._store = store
        self._claims = claims
        self._user = user
        self._scheduler = QtScheduler(self)
        self.engine: AutoCall | None = None
        self.list_id: int | None = None  # the list of the current or last run (the team board's)
        self._placer: SessionPlacer | None = None

    @property
    def running(self) -> bool:
        if self.engine is None:
            return False
        from calllist_desktop.core.autocall import RunState  # loaded with the engine

        return self.engine.state is not RunState.FINISHED

    def start(
        self,
        list_id: int,
        phones: Sequence[str],
        from_index: int,
        options: AutoCallOptions,
        wrap_up_notes: WrapUpNotes | None = None,
    ) -> None:
        """Start a run over ``phones`` (E.164, in view order) from position ``from_index``;
        ``wrap_up_notes`` gives what the wrap-up form holds, saved when its time runs out."""
        if self.running:
            return
        from calllist_desktop.core.autocall import AutoCall

        self._placer = SessionPlacer(self._session, self._store)
        self.list_id = list_id
        self.engine = AutoCall(
            user=self._user,
            list_id=list_id,
            phones=phones,
            claims=self._claims,
            placer=self._placer,
            scheduler=self._scheduler,
            listener=self._on_event,
            options=options,
            wrap_up_notes=wrap_up_notes or (lambda: (None, None)),
            clock=self._clock,
        )
        self.engine.start(from_index)

    def pause(self) -> None:
        if self.engine is not None:
            self.engine.pause()

    def resume(self) -> None:
        if self.engine is not None:
            self.engine.resume()

    @property
    def paused(self) -> bool:
        if self.engine is None:
            return False
        from calllist_desktop.core.autocall import RunState  # loaded with the engine

        return self.engine.state is RunState.PAUSED

    @property
    def pause_pending(self) -> bool:
        """A pause was asked for during a call: the run pauses once the call is over."""
        return self.engine is not None and self.engine.progress().pause_pending

    def toggle_pause(self) -> None:
        """一時停止 / 再開: pause (after the current call), take back a pause asked for, or resume."""
        if self.engine is None:
            return
        from calllist_desktop.core.autocall import RunState  # loaded with the engine

        if self.engine.state is RunState.PAUSED:
            self.engine.resume()
        elif self.pause_pending:
            self.engine.cancel_pause()
        else:
            self.engine.pause()

    def skip(self) -> None:
        if self.engine is not None:
            self.engine.skip()

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()

    def finish_wrap_up(self, disposition: str | None, note: str | None) -> None:
        if self.engine is not None:
            self.engine.finish_wrap_up(disposition or None, note or None)

    def set_wrap_up_left(self, seconds: float) -> None:
        if self.engine is not None:
            self.engine.set_wrap_up_left(seconds)

    def set_wrap_up(self, seconds: float) -> None:
        """The wrap-up time of a run going on, from its next wrap-up (設定 was saved)."""
        if self.engine is not None and self.running:
            self.engine.set_options(replace(self.engine.options, wrap_up=seconds))

    def _on_event(self, event: AutoCallEvent) -> None:
        from calllist_desktop.core.autocall import CallCompleted, ProgressChanged, RunEnded, TargetSkipped

        if isinstance(event, ProgressChanged):
            self.progress.emit(event.progress)
        elif isinstance(event, CallCompleted):
            self.call_completed.emit(event.result.phone, event.result.outcome.value)
        elif isinstance(event, TargetSkipped):
            self.skipped.emit(event.phone, event.reason.value)
        elif isinstance(event, RunEnded):
            if self._placer is not None:
                self._placer.close()
                self._placer = None
            self.progress.emit(event.progress)
            self.run_ended.emit(event.reason.value, event.progress)

