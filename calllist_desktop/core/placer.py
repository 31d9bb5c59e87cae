"""Placing one recorded call on a line, for the auto-call engine.

The engine decides *whom* to call; a :class:`CallPlacer` makes the call happen and reports how it
went. Headless runs (the CLI, benchmarks, engine tests) use :class:`LineCallPlacer`, which dials
on a :class:`~calllist_desktop.core.line.Line` and writes the call row through a
:class:`CallRecorder` (the store) when the call starts and when it ends (SPEC §1). The desktop
client places calls through its call session instead, so the phone panel shows them.

Line events may arrive on any thread and even before ``dial()`` has returned the call's id (a
fast SIP peer): they are kept until the call is known, never dropped.

The store may be unreachable for a while (a server restart). A call's start that cannot be
written is not dialled (:class:`NotRecorded`: the engine waits and tries again); a call's end, a
failed dial and a wrap-up are kept and written as soon as the store takes them
(:class:`~calllist_desktop.core.store_retry.OrderedWrites`), and the engine hears of the end
only then — the line's thread never waits for the store, nor dies of it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallRinging,
    Cancellable,
    Line,
    LineError,
    LineEvent,
    Registration,
    Scheduler,
    SerialScheduler,
)
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.store_retry import OrderedWrites

log = logging.getLogger(__name__)


class PlaceError(Exception):
    """A call could not be started at all (the line refused it); its row is already closed."""


class LineBusy(PlaceError):
    """The line cannot take a call now: not registered (yet), or busy with a call the engine did
    not place (an incoming one). Nothing was recorded; the same target is tried again shortly."""


class NotRecorded(LineBusy):
    """The store could not write the call's row (it cannot be reached): nothing was dialled, and
    the same target is tried again once the store is back."""


class CallEvents(Protocol):
    """What a placer reports about one call it placed; each method at most once, in this order."""

    def ringing(self) -> None: ...

    def answered(self) -> None: ...

    def ended(self, outcome: Outcome, sip_status: int | None, started_at: datetime, ended_at: datetime) -> None: ...

    def store_waiting(self, message: str) -> None:
        """The call is over but the store cannot take its end yet (``message``: why); it is
        written, and :meth:`ended` follows, as soon as the store is back."""
        ...


class CallPlacer(Protocol):
    """Places recorded calls for the auto-call engine."""

    def place(self, phone: str, list_id: int, events: CallEvents) -> str:
        """Dial ``phone`` (E.164) from list ``list_id``; returns a token for the call.

        Raises :class:`PlaceError` when the line refuses the call; the call row then already says
        ``failed`` and ``events`` hears nothing.
        """
        ...

    def hang_up(self, token: str) -> None:
        """End the call: a CANCEL while it rings (``canceled``), a BYE once answered."""
        ...

    def annotate(self, token: str, disposition: str | None, note: str | None) -> None:
        """Store the wrap-up's disposition and note on the call's row."""
        ...


class CallRecorder(Protocol):
    """Where call rows go: the store's call operations."""

    def start_call(
        self, phone: str, direction: Direction, *, user: str | None, list_id: int | None = None
    ) -> int: ...

    def finish_call(
        self,
        call_id: int,
        outcome: Outcome,
        *,
        sip_status: int | None = None,
        answered_at: datetime | None = None,
        ended_at: datetime | None = None,
    ) -> None: ...

    def annotate_call(self, call_id: int, *, disposition: str | None, note: str | None) -> None: ...


@dataclass(slots=True)
class _Placed:
    record_id: int
    events: CallEvents
    started_at: datetime
    answered_at: datetime | None = None


@dataclass(slots=True)
class _Pending:
    """Events of a call id that ``dial()`` has not returned yet."""

    events: list[LineEvent] = field(default_factory=list)


def utc_now() -> datetime:
    return datetime.now(UTC)


class LineCallPlacer:
    """Dials on ``line`` and records every call for ``user`` through ``recorder``.

    ``dial_target`` turns an E.164 number into what the line dials (a SIP URI from the account's
    dial template, national digits for the demo line); a ``ValueError`` from it means the number
    cannot be dialled on this line, and the call is not attempted. Writes the store refuses are
    retried on ``scheduler`` (a thread of the placer's own when none is given).
    """

    def __init__(
        self,
        line: Line,
        recorder: CallRecorder,
        user: str,
        dial_target: Callable[[str], str],
        clock: Callable[[], datetime] = utc_now,
        scheduler: Scheduler | None = None,
    ) -> None:
        self._own_scheduler: _OnFirstUse | None = None
        if scheduler is None:
            scheduler = self._own_scheduler = _OnFirstUse()
        self._writes = OrderedWrites(scheduler)
        self._line = line
        self._recorder = recorder
        self._user = user
        self._dial_target = dial_target
        self._clock = clock
        self._lock = threading.Lock()
        self._calls: dict[str, _Placed] = {}
        self._early: dict[str, _Pending] = {}
        self._done: dict[str, int] = {}  # token -> record id, for annotate() after the end
        self._dialling = 0  # dial() calls under way: only then can an unknown call id be ours
        line.add_listener(self._on_event)

    def record_id_of(self, token: str) -> int | None:
        """The call row of a call this placer dialled (by the line's call id), during and after it;
        None for a call it did not place. Lets a recording that finishes after the call find its row."""
        with self._lock:
            placed = self._calls.get(token)
            return placed.record_id if placed is not None else self._done.get(token)

    def close(self, wait: float = 0.0) -> int:
        """Stop listening to the line; wait up to ``wait`` seconds for records the store has not
        taken yet. Returns how many were given up (their rows are closed as ``interrupted`` by
        the next start)."""
        self._line.remove_listener(self._on_event)
        unsaved = self._writes.wait_until_written(wait)
        self._writes.close()
        if self._own_scheduler is not None:
            self._own_scheduler.close()
        return unsaved

    @property
    def unsaved(self) -> int:
        """Records of calls that the store has not taken yet (it is being retried)."""
        return self._writes.pending

    def place(self, phone: str, list_id: int, events: CallEvents) -> str:
        target = self._dial_target(phone)  # ValueError: the caller skips the number
        if self._line.registration is not Registration.REGISTERED:  # nothing recorded: try again later
            raise LineBusy(f"the line is {self._line.registration.value}")
        started_at = self._clock()
        try:
            record_id = self._recorder.start_call(phone, Direction.OUTBOUND, user=self._user, list_id=list_id)
        except Exception as exc:  # noqa: BLE001 - whatever the store raised: not recorded, not dialled
            raise NotRecorded(str(exc) or type(exc).__name__) from exc
        with self._lock:
            self._dialling += 1
        try:
            token = self._line.dial(target)
        except LineError as exc:
            with self._lock:
                self._dialling -= 1
            ended_at = self._clock()
            self._writes.submit(
                f"the end of call {record_id}",
                lambda: self._recorder.finish_call(record_id, Outcome.FAILED, ended_at=ended_at),
            )
            raise PlaceError(str(exc)) from exc
        with self._lock:
            self._dialling -= 1
            self._calls[token] = _Placed(record_id, events, started_at)
            early = self._early.pop(token, _Pending()).events
            if not self._dialling:
                self._early.clear()  # events of calls that are not ours (an incoming call)
        for event in early:
            self._on_event(event)
        return token

    def hang_up(self, token: str) -> None:
        with self._lock:
            live = token in self._calls
        if live:
            try:
                self._line.hang_up(token)
            except LineError as exc:  # it ended on its own meanwhile: its CallEnded is on the way
                log.debug("hang-up of %s: %s", token, exc)

    def annotate(self, token: str, disposition: str | None, note: str | None) -> None:
        with self._lock:
            record_id = self._done.get(token)
        if record_id is not None and (disposition or note):
            self._writes.submit(
                f"the wrap-up of call {record_id}",
                lambda: self._recorder.annotate_call(record_id, disposition=disposition, note=note),
            )

    def _on_event(self, event: LineEvent) -> None:
        if not isinstance(event, CallRinging | CallAnswered | CallEnded):
            return
        with self._lock:
            placed = self._calls.get(event.call_id)
            if placed is None:
                if self._dialling and event.call_id not in self._done:
                    self._early.setdefault(event.call_id, _Pending()).events.append(event)
                return
            if isinstance(event, CallEnded):
                del self._calls[event.call_id]
                self._done[event.call_id] = placed.record_id
            elif isinstance(event, CallAnswered):
                placed.answered_at = self._clock()
        if isinstance(event, CallRinging):
            placed.events.ringing()
        elif isinstance(event, CallAnswered):
            placed.events.answered()
        else:
            ended_at = self._clock()
            outcome, sip_status, events = event.outcome, event.sip_status, placed.events
            self._writes.submit(
                f"the end of call {placed.record_id}",
                lambda: self._recorder.finish_call(
                    placed.record_id,
                    outcome,
                    sip_status=sip_status,
                    answered_at=placed.answered_at,
                    ended_at=ended_at,
                ),
                done=lambda: events.ended(outcome, sip_status, placed.started_at, ended_at),
                waiting=events.store_waiting,
            )


class _OnFirstUse:
    """A :class:`SerialScheduler` started only when something is scheduled: a placer whose store
    never refuses a write (nearly all of them) keeps no thread waiting for retries."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scheduler: SerialScheduler | None = None

    def call_later(self, delay: float, function: Callable[[], None]) -> Cancellable:
        with self._lock:
            if self._scheduler is None:
                self._scheduler = SerialScheduler("call-records")
            return self._scheduler.call_later(delay, function)

    def close(self) -> None:
        with self._lock:
            scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.close()
