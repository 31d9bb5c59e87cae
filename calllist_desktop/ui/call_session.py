"""The current call of this client: dialling, the call row in the store, and its end.

Every call is a row written when it starts and finished when it ends (SPEC §1), so a crash
never loses it. The session follows the line's events through :class:`LineBridge` and is what
the phone panel shows and what the call list refreshes after.

A call's end (and its wrap-up note after it) goes through :class:`OrderedWrites`, as the command
line's placer does: when the store cannot take it (a PostgreSQL server restarting, a SQLite file
locked past its busy time-out) the phone is free at once, the end is kept and written as soon as
the store is back, and :attr:`CallSession.call_ended` (which the auto-call engine waits for)
follows only then.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, Signal

from calllist_desktop.core.line import Line, LineError
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import national_digits, normalize_phone
from calllist_desktop.core.store_retry import OrderedWrites
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.line_bridge import LineBridge
from calllist_desktop.ui.qt_scheduler import QtScheduler

if TYPE_CHECKING:
    from calllist_desktop.store.deferred import StoreApi

log = logging.getLogger(__name__)


class ActiveCall(NamedTuple):
    """What the phone panel shows about the call in progress."""

    line_call_id: str
    record_id: int
    phone: str  # E.164
    direction: Direction
    list_id: int | None
    person: str
    company: str
    state: str  # "dialing", "ringing", "talking", "incoming"
    started: float  # time.monotonic() at the start
    started_at: datetime
    answered: float | None = None
    muted: bool = False
    held: bool = False
    dtmf: str = ""  # the tones sent during the call, to show them

    @property
    def shown_state(self) -> str:
        """The state the card and the table name: ``held`` while on hold, else :attr:`state`."""
        return "held" if self.held and self.state == "talking" else self.state


class EndedCall(NamedTuple):
    """A call of this session that has ended, as its row now says."""

    record_id: int
    phone: str
    outcome: Outcome
    sip_status: int | None
    started_at: datetime
    ended_at: datetime


class CallSession(QObject):
    """One call at a time on one line, recorded in the store.

    Signals:
        changed(): the current call started, changed state, or ended.
        started(str): phone (E.164) of a call whose row was just written (its last call changed).
        finished(str, str): phone (E.164) and outcome code of a call that just ended.
        failed(object): a message for the user when a call could not be placed: a callable that
            gives it in the language in force, so the status bar can say it again after a switch.
        call_state(int, str): record id and new state ("ringing", "talking") of the current call.
        call_ended(object): an :class:`EndedCall`, after its row was finished.
        end_waiting(int, str): record id of a call whose end the store could not take yet, and
            why; it is retried, and :attr:`call_ended` follows once it is written.
    """

    changed = Signal()
    started = Signal(str)
    finished = Signal(str, str)
    failed = Signal(object)
    call_state = Signal(int, str)
    call_ended = Signal(object)
    end_waiting = Signal(int, str)

    def __init__(self, store: StoreApi, line: Line, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.line = line
        self.user = user
        self.current: ActiveCall | None = None
        self.writes = OrderedWrites(QtScheduler(self))  # call ends and notes, in order, retried
        self._provisional_ids = itertools.count(1)
        self._stored_ids: dict[int, int] = {}  # provisional id -> the row's id, once written
        self.bridge = LineBridge(line, self)
        self.bridge.ringing.connect(self._on_ringing)
        self.bridge.answered.connect(self._on_answered)
        self.bridge.ended.connect(self._on_ended)
        self.bridge.incoming.connect(self._on_incoming)

    @property
    def busy(self) -> bool:
        return self.current is not None

    def dial(self, phone: str, *, list_id: int | None = None) -> bool:
        """Call ``phone`` (E.164). False, with :attr:`failed` emitted, when it cannot be placed."""
        if self.current is not None:
            self.failed.emit(lambda: self.tr("通話中です。先に電話を切ってください。"))
            return False
        try:
            record_id = self.store.start_call(phone, Direction.OUTBOUND, user=self.user, list_id=list_id)
        except StoreError as exc:
            self.failed.emit(partial(str, exc))
            return False
        try:
            line_call_id = self.line.dial(national_digits(phone))
        except LineError as exc:
            failed_at = datetime.now(UTC)
            self.writes.submit(
                f"the end of call {record_id}",
                lambda: self.store.finish_call(record_id, Outcome.FAILED, ended_at=failed_at),
            )
            self.failed.emit(lambda error=exc: self.tr("発信できません: {0}").format(error))
            self.finished.emit(phone, Outcome.FAILED.value)
            return False
        log.info("dialling call %s (record %s)", line_call_id, record_id)
        self._begin(line_call_id, record_id, phone, Direction.OUTBOUND, list_id, "dialing")
        return True

    def hang_up(self) -> None:
        if self.current is not None:
            self._command(self.line.hang_up)

    def answer(self) -> None:
        if self.current is not None and self.current.state == "incoming":
            self._command(self.line.answer)

    def decline(self) -> None:
        if self.current is not None and self.current.state == "incoming":
            self._command(self.line.decline)

    def set_muted(self, muted: bool) -> None:
        if self.current is not None and self.current.state == "talking":
            if self._command(lambda call_id: self.line.set_mute(call_id, muted)) and self.current is not None:
                self.current = self.current._replace(muted=muted)
            self.changed.emit()  # (also when refused: the button shows the state again)

    def set_held(self, held: bool) -> None:
        if self.current is not None and self.current.state == "talking":
            if self._command(lambda call_id: self.line.set_hold(call_id, held)) and self.current is not None:
                self.current = self.current._replace(held=held)
            self.changed.emit()  # (also when refused: the button shows the state again)

    def send_dtmf(self, digits: str) -> None:
        talking = self.current is not None and self.current.state == "talking"
        if talking and self._command(lambda call_id: self.line.send_dtmf(call_id, digits)) and self.current:
            self.current = self.current._replace(dtmf=self.current.dtmf + digits)
            self.changed.emit()

    def elapsed(self) -> float:
        """Seconds since the call was answered (talk time), or since it started ringing."""
        if self.current is None:
            return 0.0
        return time.monotonic() - (self.current.answered or self.current.started)

    def _command(self, command: Callable[[str], None]) -> bool:
        """Run a line command on the current call; False (and :attr:`failed`) when the line refused."""
        assert self.current is not None
        try:
            command(self.current.line_call_id)
        except LineError as exc:
            self.failed.emit(partial(str, exc))
            return False
        return True

    def _is_current(self, call_id: str) -> bool:
        return self.current is not None and self.current.line_call_id == call_id

    def _on_ringing(self, call_id: str) -> None:
        if self._is_current(call_id) and self.current is not None and self.current.state == "dialing":
            self.current = self.current._replace(state="ringing")
            self.changed.emit()
            self.call_state.emit(self.current.record_id, "ringing")

    def _on_answered(self, call_id: str) -> None:
        if self._is_current(call_id) and self.current is not None:
            self.current = self.current._replace(state="talking", answered=time.monotonic())
            self.changed.emit()
            self.call_state.emit(self.current.record_id, "talking")

    def _on_incoming(self, call_id: str, remote: str) -> None:
        phone = normalize_phone(remote).e164 or remote
        record_id, recorded = self._record_incoming(phone)
        if self.current is not None:  # one call at a time: a second caller is declined, and recorded
            self.line.decline(call_id)
            self.writes.submit(
                f"the end of call {record_id}",
                lambda: self.store.finish_call(self._stored_id(record_id), Outcome.MISSED),
            )
            return
        self._begin(call_id, record_id, phone, Direction.INBOUND, None, "incoming", recorded=recorded)

    def _record_incoming(self, phone: str) -> tuple[int, bool]:
        """Write an incoming call's row: its id, and whether it is written already.

        A store that refuses the row must not cost the call: the phone rings all the same, under
        a provisional (negative) id, and the row is written as soon as the store takes it, before
        the call's end and notes (:attr:`writes` keeps their order; :meth:`_stored_id` gives them
        the real id). :attr:`started` follows once the row is written.
        """
        started_at = datetime.now(UTC)
        try:
            return self.store.start_call(phone, Direction.INBOUND, user=self.user, started_at=started_at), True
        except Exception as exc:  # noqa: BLE001 - whatever the store raised, the phone rings
            log.warning("could not record the incoming call from %s yet: %s", phone, exc)
        provisional = -next(self._provisional_ids)

        def write() -> None:
            stored = self.store.start_call(phone, Direction.INBOUND, user=self.user, started_at=started_at)
            self._stored_ids[provisional] = stored

        self.writes.submit(f"the start of an incoming call from {phone}", write, done=lambda: self.started.emit(phone))
        return provisional, False

    def _stored_id(self, record_id: int) -> int:
        """The store's id of a call row (a provisional id once its row is written)."""
        return self._stored_ids.get(record_id, record_id)

    def _begin(
        self,
        line_call_id: str,
        record_id: int,
        phone: str,
        direction: Direction,
        list_id: int | None,
        state: str,
        *,
        recorded: bool = True,
    ) -> None:
        """Make the call current, with who is on the line from the contacts, and say so
        (:attr:`started` once its row is ``recorded``)."""
        try:
            contact = self.store.contact(phone)
        except Exception as exc:  # noqa: BLE001 - the call goes on without a name on the card
            log.warning("could not look up %s: %s", phone, exc)
            contact = None
        self.current = ActiveCall(
            line_call_id=line_call_id,
            record_id=record_id,
            phone=phone,
            direction=direction,
            list_id=list_id,
            person=contact.person if contact else "",
            company=contact.company if contact else "",
            state=state,
            started=time.monotonic(),
            started_at=datetime.now(UTC),
        )
        self.changed.emit()
        if recorded:
            self.started.emit(phone)

    def _on_ended(self, call_id: str, outcome_code: str, sip_status: object) -> None:
        if not self._is_current(call_id) or self.current is None:
            return
        call = self.current
        outcome = Outcome(outcome_code)
        if call.direction is Direction.INBOUND and call.answered is None:
            outcome = Outcome.MISSED
        now = datetime.now(UTC)
        answered_at = None
        if call.answered is not None:
            answered_at = datetime.fromtimestamp(time.time() - (time.monotonic() - call.answered), UTC)
        status = sip_status if isinstance(sip_status, int) else None
        ended = EndedCall(call.record_id, call.phone, outcome, status, call.started_at, now)
        self.current = None  # the phone is free at once, whether or not the store takes the end now
        self.changed.emit()
        told = False

        def waiting(reason: str) -> None:
            nonlocal told
            if not told:  # once a call, not at every retry
                told = True
                self.failed.emit(lambda: self.tr("通話の結果をまだ保存できません。保存できるまで再試行します: {0}").format(reason))
                self.end_waiting.emit(call.record_id, reason)

        def written() -> None:
            self.finished.emit(ended.phone, ended.outcome.value)
            self.call_ended.emit(ended)

        self.writes.submit(
            f"the end of call {call.record_id}",
            lambda: self.store.finish_call(
                self._stored_id(call.record_id), outcome, sip_status=status, answered_at=answered_at, ended_at=now
            ),
            done=written,
            waiting=waiting,
        )

    def annotate(self, record_id: int, disposition: str | None, note: str | None) -> None:
        """Save a call's disposition and note, after its end (retried like it)."""
        if disposition or note:
            self.writes.submit(
                f"the wrap-up of call {record_id}",
                lambda: self.store.annotate_call(self._stored_id(record_id), disposition=disposition, note=note),
            )
