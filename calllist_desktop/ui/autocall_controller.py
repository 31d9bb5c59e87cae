"""The auto-call engine in the window: its calls go through the call session, its news to signals.

The engine (:mod:`calllist_desktop.core.autocall`) places calls through :class:`SessionPlacer`,
so an auto-dialled call is the same current call the phone panel shows (timer, mute, hold,
hang-up) and is recorded by the same code as a call dialled by hand.

The engine's steps use the store (claims, their renewal and release), so the engine runs on the
window's store work (:meth:`StoreWork.scheduler`): every step, timer and command of a run is a
write on its writer, never on the GUI thread. What crosses to the GUI thread (a dial, a hang-up,
the engine's news) goes by :meth:`StoreWork.call_on_gui_thread`; what crosses back (the call's
events, the operator's commands) goes by the engine's scheduler. The wrap-up typed in the bar is
read on the GUI thread and kept for the engine (:meth:`AutoCallController.keep_typed_wrap_up`).

The engine's modules (``core.autocall``, ``core.placer``, ``core.claims``: ~60 classes, a tenth
of the program's import) load when the first run starts, not with the window: the quick start
paints the list without them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.call_session import CallSession, EndedCall
from calllist_desktop.ui.store_work import StoreWork

if TYPE_CHECKING:  # the store means SQLAlchemy, the engine ~60 classes: neither on the quick start's path
    from calllist_desktop.core.autocall import AutoCall, AutoCallEvent, AutoCallOptions, Progress, WrapUpNotes
    from calllist_desktop.core.claims import TargetClaims
    from calllist_desktop.core.placer import CallEvents
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)


class SessionPlacer:
    """:class:`~calllist_desktop.core.placer.CallPlacer` over the window's call session.

    The engine calls it on the store work's writer (where :attr:`store` is the opened store): the
    call's row is written there, and the line dials on the GUI thread; a line that refuses then
    reports the call as failed through its events.
    """

    def __init__(self, session: CallSession, work: StoreWork, on_error: Callable[[Exception], None]) -> None:
        """``on_error``: what the GUI thread met doing the engine's bidding (a failed hang-up)."""
        self._session = session
        self._work = work
        self._on_error = on_error
        self.store: Store | None = None  # set on the writer before the run starts
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

        session = self._session
        if session.line.registration is not Registration.REGISTERED:
            raise LineBusy(f"the line is {session.line.registration.value}")
        if not session.claim_line(phone):  # the phone is taken from now on (a hand dial is refused)
            raise LineBusy("another call is in progress")
        self._work.call_on_gui_thread(session, session.changed.emit)  # ... and shows it
        assert self.store is not None
        try:
            record_id = self.store.start_call(phone, Direction.OUTBOUND, user=session.user, list_id=list_id)
        except Exception as exc:
            session.dialling = None
            self._work.call_on_gui_thread(session, session.changed.emit)
            if not isinstance(exc, StoreError):
                raise  # the engine's error: the run pauses and says it
            # The store refuses this number: a failed call, said as a hand dial says it.
            self._work.call_on_gui_thread(session, partial(session.failed.emit, partial(str, exc)))
            raise PlaceError(str(exc)) from exc
        self._events[record_id] = events

        def dial() -> None:
            session.dialling = None
            if session.dial_recorded(record_id, phone, list_id) is None:
                self._events.pop(record_id, None)
                now = datetime.now(UTC)
                events.ended(Outcome.FAILED, None, now, now)

        self._work.call_on_gui_thread(session, dial)
        return str(record_id)

    def hang_up(self, token: str) -> None:
        def hang_up() -> None:
            current = self._session.current
            if current is not None and str(current.record_id) == token:
                try:
                    self._session.hang_up()
                except Exception as exc:  # noqa: BLE001 - the engine decides (it asked for the hang-up)
                    self._on_error(exc)

        self._work.call_on_gui_thread(self._session, hang_up)

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
    """Starts and commands one auto-call run at a time for the window's user (see the module
    notes: the run lives on the store work's writer; this object speaks for it on the GUI thread).

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
        work: StoreWork,
        claims: TargetClaims | None,
        user: str,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """``claims``: the store's own (``None``) or others (tests)."""
        super().__init__(parent)
        # The time the list rules are checked at (the window's clock; default: now, local).
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._session = session
        self._work = work
        self._claims = claims
        self._user = user
        self._scheduler = work.scheduler(self)
        self.engine: AutoCall | None = None  # set on the writer once the run has begun
        self._starting = False  # a run was asked for; its engine is being made on the writer
        self.last_progress: Progress | None = None  # the run as last heard of, on the GUI thread
        self.list_id: int | None = None  # the list of the current or last run (the team board's)
        self._placer: SessionPlacer | None = None
        self._wrap_up_notes: WrapUpNotes = lambda: (None, None)
        self._typed: tuple[str | None, str | None] = (None, None)  # the wrap-up typed, for the engine

    @property
    def running(self) -> bool:
        """A run was started and has not been heard to end (the GUI's view of it)."""
        progress = self.last_progress
        if progress is None:
            return self._starting
        from calllist_desktop.core.autocall import RunState  # loaded with the engine

        return progress.state is not RunState.FINISHED

    def start(
        self,
        list_id: int,
        phones: Sequence[str],
        from_index: int,
        options: AutoCallOptions,
        wrap_up_notes: WrapUpNotes | None = None,
    ) -> None:
        """Start a run over ``phones`` (E.164, in view order) from position ``from_index``;
        ``wrap_up_notes`` gives what the wrap-up form holds (read on the GUI thread, see
        :meth:`keep_typed_wrap_up`), saved when its time runs out."""
        if self.running:
            return
        from calllist_desktop.core.autocall import AutoCall

        placer = self._placer = SessionPlacer(
            self._session, self._work, lambda error: self._command(lambda engine: engine.fail(error))
        )
        self.list_id = list_id
        self.engine = None
        self.last_progress = None
        self._starting = True
        self._wrap_up_notes = wrap_up_notes or (lambda: (None, None))
        self._typed = (None, None)
        phones = list(phones)

        def begin(store: Store) -> None:
            placer.store = store
            engine = AutoCall(
                user=self._user,
                list_id=list_id,
                phones=phones,
                claims=self._claims or store,
                placer=placer,
                scheduler=self._scheduler,
                listener=self._on_event,
                options=options,
                wrap_up_notes=lambda: self._typed,
                clock=self._clock,
            )
            self.engine = engine
            engine.start(from_index)

        def not_begun(error: Exception) -> None:
            self._starting = False
            placer.close()
            self._placer = None
            log.error("auto-call could not start: %s", error)
            self._session.failed.emit(lambda: self.tr("オートコールを開始できません: {0}").format(error))

        self._work.write(self, begin, on_failed=not_begun)

    def keep_typed_wrap_up(self) -> None:
        """Read the wrap-up typed so far (on the GUI thread) and keep it for the engine, which saves
        it if the wrap-up's time runs out; the bar calls this as the operator types."""
        self._typed = self._wrap_up_notes()

    def _command(self, command: Callable[[AutoCall], None]) -> None:
        """Run ``command`` on the engine, on the writer after the run's earlier steps."""
        self._work.write(self, lambda _store: command(self.engine) if self.engine is not None else None)

    def pause(self) -> None:
        self._command(lambda engine: engine.pause())

    def resume(self) -> None:
        self._command(lambda engine: engine.resume())

    @property
    def paused(self) -> bool:
        if self.last_progress is None:
            return False
        from calllist_desktop.core.autocall import RunState  # loaded with the engine

        return self.last_progress.state is RunState.PAUSED

    @property
    def pause_pending(self) -> bool:
        """A pause was asked for during a call: the run pauses once the call is over."""
        return self.last_progress is not None and self.last_progress.pause_pending

    def toggle_pause(self) -> None:
        """一時停止 / 再開: pause (after the current call), take back a pause asked for, or resume."""
        from calllist_desktop.core.autocall import RunState  # loaded with the engine

        def toggle(engine: AutoCall) -> None:
            if engine.state is RunState.PAUSED:
                engine.resume()
            elif engine.progress().pause_pending:
                engine.cancel_pause()
            else:
                engine.pause()

        if self.running:
            self._command(toggle)

    def skip(self) -> None:
        self._command(lambda engine: engine.skip())

    def stop(self) -> None:
        if self.running:
            self._command(lambda engine: engine.stop())

    def finish_wrap_up(self, disposition: str | None, note: str | None) -> None:
        self._command(lambda engine: engine.finish_wrap_up(disposition or None, note or None))

    def set_wrap_up_time(self, seconds: float) -> None:
        """設定 changed the wrap-up time: the run going on uses it from its next wrap-up."""
        self._command(lambda engine: engine.set_options(replace(engine.options, wrap_up=seconds)))

    def set_wrap_up_left(self, seconds: float) -> None:
        self._command(lambda engine: engine.set_wrap_up_left(seconds))

    def _on_event(self, event: AutoCallEvent) -> None:
        """The engine's news (on the writer, under its lock): told on the GUI thread."""
        self._work.call_on_gui_thread(self, lambda: self._tell(event))

    def _tell(self, event: AutoCallEvent) -> None:
        from calllist_desktop.core.autocall import CallCompleted, ProgressChanged, RunEnded, TargetSkipped

        if isinstance(event, ProgressChanged):
            self.last_progress = event.progress
            self.progress.emit(event.progress)
            self.keep_typed_wrap_up()
        elif isinstance(event, CallCompleted):
            self.call_completed.emit(event.result.phone, event.result.outcome.value)
        elif isinstance(event, TargetSkipped):
            self.skipped.emit(event.phone, event.reason.value)
        elif isinstance(event, RunEnded):
            if self._placer is not None:
                self._placer.close()
                self._placer = None
            self.last_progress = event.progress
            self.progress.emit(event.progress)
            self.run_ended.emit(event.reason.value, event.progress)
