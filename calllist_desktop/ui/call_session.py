"""The current call of this client: dialling, the call row in the store, and its end.

Every call is a row written when it starts and finished when it ends (SPEC §1), so a crash
never loses it. The session follows the line's events through :class:`LineBridge` and is what
the phone panel shows and what the call list refreshes after.

The store is used only through the window's :class:`~calllist_desktop.ui.store_work.StoreWork`,
never on the GUI thread: a dial writes the call's row first (the store may refuse the number) and
dials once it is written; an incoming call rings at once and its row follows.

A call's end (and its wrap-up note after it) goes through :class:`OrderedWrites` on the store
work's writer, as the command line's placer does: when the store cannot take it (a PostgreSQL
server restarting, a SQLite file locked past its busy time-out) the phone is free at once, the
end is kept and written as soon as the store is back, and :attr:`CallSession.call_ended` (which
the auto-call engine waits for) follows only then.
"""

from __future__ import annotations

import itertools
import logging
import threading
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
from calllist_desktop.ui.store_work import StoreWork

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store
    from calllist_desktop.store.views import ContactInfo

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

    def __init__(self, work: StoreWork, line: Line, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.line = line
        self.user = user
        self.current: ActiveCall | None = None
        # The number asked for and not on the line yet (checked, its row being written): the line
        # is taken from the ask (a second press of 発信 in that gap is refused). Set on the GUI
        # thread by a hand dial, on the store work's writer by auto-call: under the lock.
        self.dialling: str | None = None
        self._taking = threading.Lock()
        # The hand dial asked for and not on the line yet (a number of :meth:`take_line`): 切断
        # cancels it (:meth:`cancel_dial`), and what it was waiting for (the dial guard's answer,
        # the row's write) then finds it gone. Auto-call's dial has none: its run stops it.
        self._asks = itertools.count(1)
        self._ask: int | None = None
        # Call rows, ends and notes, in order on the store work's writer, retried there.
        self.writes = OrderedWrites(work.scheduler(self))
        self._provisional_ids = itertools.count(1)
        self._stored_ids: dict[int, int] = {}  # provisional id -> the row's id, once written (writer thread)
        self.bridge = LineBridge(line, self)
        self.bridge.ringing.connect(self._on_ringing)
        self.bridge.answered.connect(self._on_answered)
        self.bridge.ended.connect(self._on_ended)
        self.bridge.incoming.connect(self._on_incoming)

    @property
    def busy(self) -> bool:
        """A call is on the line."""
        return self.current is not None

    @property
    def line_taken(self) -> bool:
        """A call is on the line, or a number is about to be dialled (its row being written)."""
        return self.current is not None or self.dialling is not None

    def write(
        self,
        what: str,
        action: Callable[[Store], object],
        *,
        done: Callable[[], None] | None = None,
        waiting: Callable[[str], None] | None = None,
    ) -> None:
        """Write ``action(store)`` after the session's earlier writes, retried until the store takes
        it; ``done`` and ``waiting(reason)`` are called on the GUI thread."""

        def on_gui(function: Callable[..., None] | None) -> Callable[..., None] | None:
            if function is None:
                return None
            return lambda *args: self.work.call_on_gui_thread(self, partial(function, *args))

        def submit(store: Store) -> None:
            def attempt() -> None:
                action(store)

            self.writes.submit(what, attempt, done=on_gui(done), waiting=on_gui(waiting))

        self.work.write(self, submit)

    def claim_line(self, phone: str) -> bool:
        """Take the line for a dial of ``phone`` asked for now: False when it is taken (a call, or
        another dial asked for). Any thread (auto-call claims on the store work's writer); says
        nothing, see :meth:`take_line`."""
        return self._claim(phone, None)

    def _claim(self, phone: str, ask: int | None) -> bool:
        with self._taking:
            if self.line_taken:
                return False
            self.dialling = phone
            self._ask = ask
            return True

    def take_line(self, phone: str) -> int | None:
        """On the GUI thread, as a hand dial is asked for (before its number is checked): take the
        line, and the phone shows it taken at once. The ask's number, for :meth:`dial` or
        :meth:`free_line`, one of which must follow; ``None``, with :attr:`failed` emitted, when
        the line is taken already."""
        ask = next(self._asks)
        if not self._claim(phone, ask):
            self.failed.emit(lambda: self.tr("通話中です。先に電話を切ってください。"))
            return None
        self.changed.emit()
        return ask

    def is_asked(self, ask: int) -> bool:
        """The hand dial ``ask`` is still to be made: not cancelled, dropped, or on the line."""
        return self._ask == ask

    @property
    def can_cancel_dial(self) -> bool:
        """A hand dial is asked for and not on the line yet: 切断 cancels it."""
        return self.current is None and self._ask is not None

    def free_line(self, ask: int) -> None:
        """The dial ``ask`` will not be made (refused, or the operator said no): the line is free
        (unless that ask is gone already, and the line another's)."""
        if self.is_asked(ask) and self.current is None:
            with self._taking:
                self.dialling = None
                self._ask = None
            self.changed.emit()

    def cancel_dial(self) -> bool:
        """切断 before the line dialled: the hand dial asked for is not made (False: there is none).

        Its row, when the store has written it already, is closed as 取消 (the operator hung up
        before an answer, SPEC §1); when its write has not begun, it is never written."""
        if not self.can_cancel_dial:
            return False
        assert self._ask is not None
        self.free_line(self._ask)
        log.info("a dial asked for was cancelled before the line dialled")
        return True

    def dial(self, phone: str, *, list_id: int | None = None, ask: int | None = None) -> bool:
        """Call ``phone`` (E.164): its row is written, then the line dials. ``ask``: the line was
        taken for it by :meth:`take_line` (False, silently, when that dial was cancelled). False,
        with :attr:`failed` emitted, when a call is in progress; a refusal of the store or the line
        later is said through :attr:`failed` too."""
        if ask is None:
            ask = self.take_line(phone)
            if ask is None:
                return False
        elif not self.is_asked(ask):
            return False
        assert self.dialling == phone, "dial(ask=) of another number than take_line()'s"

        def write(store: Store) -> int | None:
            with self._taking:  # cancelled before its turn came: no row at all
                if not self.is_asked(ask):
                    return None
            return store.start_call(phone, Direction.OUTBOUND, user=self.user, list_id=list_id)

        def refused(error: Exception) -> None:
            if not self.is_asked(ask):
                return  # cancelled meanwhile: the operator wants no word of it
            self.free_line(ask)
            if isinstance(error, StoreError):
                self.failed.emit(partial(str, error))
            else:
                log.warning("could not write the row of a call to %s: %s", phone, error)
                self.failed.emit(lambda: self.tr("発信できません: {0}").format(error))

        def recorded(record_id: int | None) -> None:
            if record_id is None:
                return  # cancelled before its row was written
            if not self.is_asked(ask):
                self._close_cancelled(record_id, phone)
                return
            with self._taking:
                self.dialling = None
                self._ask = None
            self.dial_recorded(record_id, phone, list_id)

        self.work.write(self, write, recorded, refused)
        return True

    def _close_cancelled(self, record_id: int, phone: str) -> None:
        """The row of a dial cancelled while it was being written: closed as 取消, never dialled."""
        cancelled_at = datetime.now(UTC)
        self.write(
            f"the end of cancelled call {record_id}",
            lambda store: store.finish_call(record_id, Outcome.CANCELED, ended_at=cancelled_at),
            done=lambda: self.finished.emit(phone, Outcome.CANCELED.value),
        )

    def dial_recorded(self, record_id: int, phone: str, list_id: int | None) -> str | None:
        """Dial ``phone``, whose row ``record_id`` is written: the line's call id, or ``None`` (with
        the row finished as failed and :attr:`failed` emitted) when the line refused."""
        try:
            if self.current is not None:
                raise LineError(self.tr("通話中です。先に電話を切ってください。"))
            line_call_id = self.line.dial(national_digits(phone))
        except LineError as exc:
            failed_at = datetime.now(UTC)
            self.write(
                f"the end of call {record_id}",
                lambda store: store.finish_call(record_id, Outcome.FAILED, ended_at=failed_at),
            )
            self.failed.emit(lambda error=exc: self.tr("発信できません: {0}").format(error))
            self.finished.emit(phone, Outcome.FAILED.value)
            self.changed.emit()  # the phone is free again
            return None
        log.info("dialling call %s (record %s)", line_call_id, record_id)
        self._begin(line_call_id, record_id, phone, Direction.OUTBOUND, list_id, "dialing")
        return line_call_id

    def hang_up(self) -> None:
        """End the call; before the line dialled, cancel the dial asked for (:meth:`cancel_dial`)."""
        if self.current is not None:
            self._command(self.line.hang_up)
        else:
            self.cancel_dial()

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
        record_id = self._record_incoming(phone)
        if self.cancel_dial():  # a hand dial only asked for (its calling-hours question open): the caller comes first
            log.info("an incoming call took the line from a dial not made yet")
        if self.line_taken:  # one call at a time: a second caller is declined, and recorded
            self.line.decline(call_id)
            self.write(
                f"the end of call {record_id}",
                lambda store: store.finish_call(self.stored_id(record_id), Outcome.MISSED),
            )
            return
        self._begin(call_id, record_id, phone, Direction.INBOUND, None, "incoming", recorded=False)

    def _record_incoming(self, phone: str) -> int:
        """Write an incoming call's row; its provisional (negative) id.

        The phone rings at once; the row is written on the store work's writer, retried until the
        store takes it (a store that refuses it must not cost the call), before the call's end and
        notes (:attr:`writes` keeps their order; :meth:`stored_id` gives them the real id).
        :attr:`started` follows once the row is written.
        """
        started_at = datetime.now(UTC)
        provisional = -next(self._provisional_ids)

        def write(store: Store) -> None:
            stored = store.start_call(phone, Direction.INBOUND, user=self.user, started_at=started_at)
            self._stored_ids[provisional] = stored

        self.write(f"the start of an incoming call from {phone}", write, done=lambda: self.started.emit(phone))
        return provisional

    def stored_id(self, record_id: int) -> int:
        """The store's id of a call row (a provisional id once its row is written; writer thread)."""
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
        """Make the call current and say so (:attr:`started` once its row is ``recorded``); who is
        on the line is looked up in the contacts and shown once known."""
        self.current = ActiveCall(
            line_call_id=line_call_id,
            record_id=record_id,
            phone=phone,
            direction=direction,
            list_id=list_id,
            person="",
            company="",
            state=state,
            started=time.monotonic(),
            started_at=datetime.now(UTC),
        )
        self.changed.emit()
        if recorded:
            self.started.emit(phone)

        def found(contact: ContactInfo | None) -> None:
            if contact is not None and self._is_current(line_call_id) and self.current is not None:
                self.current = self.current._replace(person=contact.person, company=contact.company)
                self.changed.emit()

        def not_found(error: Exception) -> None:  # the call goes on without a name on the card
            log.warning("could not look up %s: %s", phone, error)

        self.work.read(self, lambda store: store.contact(phone), found, not_found)

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

        self.write(
            f"the end of call {call.record_id}",
            lambda store: store.finish_call(
                self.stored_id(call.record_id), outcome, sip_status=status, answered_at=answered_at, ended_at=now
            ),
            done=written,
            waiting=waiting,
        )

    def annotate(self, record_id: int, disposition: str | None, note: str | None) -> None:
        """Save a call's disposition and note, after its end (retried like it)."""
        if disposition or note:
            self.write(
                f"the wrap-up of call {record_id}",
                lambda store: store.annotate_call(self.stored_id(record_id), disposition=disposition, note=note),
            )
