"""The demo line: simulated calls with realistic timing, so the program can be tried at once (SPEC §6).

Nothing leaves the computer. Every call follows a plan drawn when it starts: how long until it
rings, whether and when the far end answers, how long the conversation lasts. The plans come
from a ``random.Random`` that can be seeded, and all timing goes through a
:class:`~calllist_desktop.core.line.Scheduler`, so tests replay a whole session exactly on a
:class:`~calllist_desktop.core.clock.ManualScheduler` without waiting.
"""

from __future__ import annotations

import random
import threading
import unicodedata
from collections import deque
from collections.abc import Callable
from enum import Enum
from typing import NamedTuple

from calllist_desktop.core.line import (
    DEFAULT_RING_TIMEOUT,
    CallAnswered,
    CallEnded,
    CallInfo,
    CallRinging,
    Cancellable,
    IncomingCall,
    Line,
    LineError,
    LineEvent,
    Registration,
    RegistrationChanged,
    Scheduler,
    ThreadScheduler,
)
from calllist_desktop.core.outcomes import Direction, Outcome

Range = tuple[float, float]

DTMF_DIGITS = frozenset("0123456789*#ABCD")

# The last four digits of a dialled number that force an outcome (see DemoLine).
FORCED_OUTCOMES: dict[str, Outcome] = {
    "0200": Outcome.ANSWERED,
    "0487": Outcome.NO_ANSWER,
    "0486": Outcome.BUSY,
    "0603": Outcome.REJECTED,
    "0404": Outcome.INVALID,
    "0503": Outcome.FAILED,
}

# The last four digits of a number whose far end answers and stays on for LONG_TALK seconds: in
# practice until the operator hangs up (trying auto-call through long conversations).
LONG_CALL = "0201"
LONG_TALK = 3600.0

# How the calls that are not answered end, by relative weight.
UNANSWERED_MIX: dict[Outcome, float] = {
    Outcome.NO_ANSWER: 0.45,
    Outcome.BUSY: 0.25,
    Outcome.REJECTED: 0.10,
    Outcome.INVALID: 0.12,
    Outcome.FAILED: 0.08,
}

# The far end's final response for the outcomes it decides.
_FINAL_RESPONSES: dict[Outcome, tuple[int, str]] = {
    Outcome.BUSY: (486, "Busy Here"),
    Outcome.REJECTED: (603, "Decline"),
    Outcome.INVALID: (404, "Not Found"),
    Outcome.FAILED: (503, "Service Unavailable"),
}

# Outcomes whose calls end before they ever ring.
_NEVER_RINGS = frozenset({Outcome.BUSY, Outcome.INVALID, Outcome.FAILED})


class DemoTimings(NamedTuple):
    """How long things take on the demo line, in seconds; ranges are drawn uniformly.

    ``answer_after`` and ``reject_after`` count from the start of ringing; ``busy_after``,
    ``invalid_after`` and ``fail_after`` from the dial (those calls never ring). ``caller_patience``
    is how long an incoming call rings before the caller gives up.
    """

    register: float = 0.2
    ring_after: Range = (0.3, 1.0)
    answer_after: Range = (2.0, 8.0)
    talk: Range = (5.0, 40.0)
    busy_after: Range = (1.0, 3.0)
    reject_after: Range = (3.0, 12.0)
    invalid_after: Range = (0.2, 0.6)
    fail_after: Range = (0.5, 2.0)
    caller_patience: Range = (15.0, 40.0)

    def scaled(self, factor: float) -> DemoTimings:
        """The same timings, each multiplied by ``factor`` (a quick demo, a real-time test)."""

        def scale(value: Range) -> Range:
            return (value[0] * factor, value[1] * factor)

        return self._replace(
            register=self.register * factor,
            ring_after=scale(self.ring_after),
            answer_after=scale(self.answer_after),
            talk=scale(self.talk),
            busy_after=scale(self.busy_after),
            reject_after=scale(self.reject_after),
            invalid_after=scale(self.invalid_after),
            fail_after=scale(self.fail_after),
            caller_patience=scale(self.caller_patience),
        )


class _Phase(Enum):
    DIALING = "dialing"  # outbound, no answer from the far end yet
    RINGING = "ringing"
    ANSWERED = "answered"


class _Plan(NamedTuple):
    """What the far end will do, drawn when the call starts.

    ``ring_after`` counts from the start (``None``: never rings); ``settle_after`` is when the far
    end answers, declines or fails, counted from ringing if it rings, else from the start
    (``None``: it never does — it lets the call ring, or, inbound, the operator decides);
    ``talk`` is how long the far end stays on once answered; ``patience`` is how long an inbound
    caller waits.
    """

    outcome: Outcome
    ring_after: float | None
    settle_after: float | None
    talk: float
    patience: float = 0.0


class _Call:
    """A call on the demo line as it goes on: its state changes; compared by identity."""

    __slots__ = ("info", "plan", "phase", "timers", "muted", "held")

    def __init__(self, info: CallInfo, plan: _Plan, phase: _Phase) -> None:
        self.info = info
        self.plan = plan
        self.phase = phase
        self.timers: list[Cancellable] = []
        self.muted = False
        self.held = False


class DemoLine(Line):
    """A line that simulates calls: for trying the program and for tests. Never dials anyone.

    Outbound calls ring after ``ring_after`` (busy, invalid and failing numbers end before
    ringing), then go as drawn: answered with probability ``answer_rate``, otherwise no answer,
    busy, rejected, invalid number or failure in the proportions of ``UNANSWERED_MIX``. We give up
    on an unanswered call ``ring_timeout`` seconds after dialling, as the SIP line does: a CANCEL,
    outcome ``no_answer`` with status 487. An answered call lasts until the operator hangs up or
    the far end does (after ``talk``).

    The last four digits of the dialled number can force the outcome, for demonstrations and
    tests (only the far end's choice is forced; the ring time-out still applies)::

        …0200  answered       (200; the far end hangs up after a while)
        …0201  answered       (200; the far end stays on for an hour: a long call the operator ends)
        …0487  no answer      (rings until ring_timeout, then 487)
        …0486  busy           (486 Busy Here, before ringing)
        …0603  rejected       (603 Decline, after ringing)
        …0404  invalid number (404 Not Found, before ringing)
        …0503  failed         (503 Service Unavailable, before ringing)

    Only the digits count: ``03-1234-0486``, ``+81312340486`` and ``sip:0312340486@demo`` are all
    busy. Every other number gets a drawn outcome.

    Endings that come from our side:

    - :meth:`hang_up` before an answer: ``canceled`` (487); after: ``answered`` (200).
    - :meth:`stop`: the same, for every call, then the line goes offline.
    - Inbound (:meth:`simulate_incoming`): not answered before the caller gives up: ``missed``
      (487); :meth:`decline` (or :meth:`hang_up` while it rings): also ``missed``, with status 603 —
      SPEC §1 counts every inbound call that was not answered as missed, ``rejected`` being the far
      end's answer to our call.

    Every call ends with exactly one :class:`CallEnded`, and nothing about a call follows it.
    Events go out in the order they happened and never while the line's state is locked: on the
    thread of the command or timer that caused them, unless another thread is delivering events
    at that moment, which then delivers these too (so a command may return before its event).
    """

    name = "demo"
    is_demo = True
    label_ja = "デモ回線 (実際には発信しません)"
    label_en = "Demo line (no real calls)"

    def __init__(
        self,
        scheduler: Scheduler | None = None,
        seed: int | None = None,
        answer_rate: float = 0.4,
        ring_timeout: float = DEFAULT_RING_TIMEOUT,
        timings: DemoTimings | None = None,
    ) -> None:
        super().__init__()
        if not 0.0 <= answer_rate <= 1.0:
            raise ValueError(f"answer_rate must be between 0 and 1, not {answer_rate}")
        if ring_timeout <= 0:
            raise ValueError(f"ring_timeout must be positive, not {ring_timeout}")
        self.answer_rate = answer_rate
        self.ring_timeout = ring_timeout
        self.timings = timings or DemoTimings()
        self._scheduler: Scheduler = scheduler or ThreadScheduler()
        self._random = random.Random(seed)
        self._state_lock = threading.Lock()
        self._registration = Registration.OFFLINE
        self._registration_epoch = 0  # bumped by start/stop so a stale timer does nothing
        self._registration_timer: Cancellable | None = None
        self._calls: dict[str, _Call] = {}
        self._dtmf: dict[str, list[str]] = {}  # every call id ever issued -> digits sent
        self._next_id = 1
        self._outbox: deque[LineEvent] = deque()
        self._emitting = False

    # -- registration ----------------------------------------------------------------------------

    @property
    def registration(self) -> Registration:
        with self._state_lock:
            return self._registration

    def start(self) -> None:
        """Register: ``registering`` at once, ``registered`` after ``timings.register``."""
        with self._state_lock:
            if self._registration in (Registration.REGISTERING, Registration.REGISTERED):
                return
            self._registration = Registration.REGISTERING
            self._registration_epoch += 1
            epoch = self._registration_epoch
            self._outbox.append(RegistrationChanged(Registration.REGISTERING))
            self._registration_timer = self._scheduler.call_later(
                self.timings.register, lambda: self._on_registered(epoch)
            )
        self._flush()

    def stop(self) -> None:
        """End every call (see the class notes), then go offline. Does nothing when offline."""
        with self._state_lock:
            if self._registration is Registration.OFFLINE and not self._calls:
                return
            for call in list(self._calls.values()):
                self._end_from_our_side(call, "line stopped")
            self._registration_epoch += 1
            if self._registration_timer is not None:
                self._registration_timer.cancel()
                self._registration_timer = None
            if self._registration is not Registration.OFFLINE:
                self._registration = Registration.OFFLINE
                self._outbox.append(RegistrationChanged(Registration.OFFLINE))
        self._flush()

    def _on_registered(self, epoch: int) -> None:
        with self._state_lock:
            if epoch != self._registration_epoch or self._registration is not Registration.REGISTERING:
                return
            self._registration = Registration.REGISTERED
            self._registration_timer = None
            self._outbox.append(RegistrationChanged(Registration.REGISTERED, "demo"))
        self._flush()

    # -- calls -----------------------------------------------------------------------------------

    def calls(self) -> list[CallInfo]:
        """The calls in progress, oldest first."""
        with self._state_lock:
            return [call.info for call in self._calls.values()]

    def dial(self, target: str) -> str:
        """Start a simulated outbound call; its events follow on the scheduler."""
        if not target.strip():
            raise LineError("nothing to dial: the number is empty")
        with self._state_lock:
            self._require_registered()
            plan = self._plan_outbound(dialled_digits(target))
            call = self._new_call(Direction.OUTBOUND, target.strip(), plan, _Phase.DIALING)
            self._schedule(call, self.ring_timeout, lambda: self._on_ring_timeout(call))
            if plan.ring_after is not None:
                self._schedule(call, plan.ring_after, lambda: self._on_outbound_ringing(call))
            elif plan.settle_after is not None:
                self._schedule(call, plan.settle_after, lambda: self._on_settled(call, _Phase.DIALING))
        return call.info.call_id

    def simulate_incoming(self, remote: str) -> str:
        """Make someone call us now: :class:`IncomingCall` then :class:`CallRinging` at once.

        The call waits for :meth:`answer` or :meth:`decline`; if neither comes within the
        caller's patience it ends as ``missed``. A demo and testing aid, not part of :class:`Line`.
        """
        with self._state_lock:
            self._require_registered()
            plan = _Plan(
                outcome=Outcome.MISSED,
                ring_after=0.0,
                settle_after=None,
                talk=self._draw(self.timings.talk),
                patience=self._draw(self.timings.caller_patience),
            )
            call = self._new_call(Direction.INBOUND, remote, plan, _Phase.RINGING)
            call_id = call.info.call_id
            self._outbox.append(IncomingCall(call_id, remote))
            self._outbox.append(CallRinging(call_id))
            self._schedule(call, plan.patience, lambda: self._on_caller_gave_up(call))
        self._flush()
        return call_id

    def hang_up(self, call_id: str) -> None:
        """End a call from our side: ``canceled`` before an answer, ``answered`` after.

        On an incoming call that is still ringing, the same as :meth:`decline`.
        """
        with self._state_lock:
            self._end_from_our_side(self._call(call_id), "hung up")
        self._flush()

    def answer(self, call_id: str) -> None:
        """Answer an incoming call that is ringing."""
        with self._state_lock:
            call = self._ringing_incoming(call_id, "answer")
            self._cancel_timers(call)
            call.phase = _Phase.ANSWERED
            self._outbox.append(CallAnswered(call_id))
            self._schedule(call, call.plan.talk, lambda: self._on_far_end_hung_up(call))
        self._flush()

    def decline(self, call_id: str) -> None:
        """Refuse an incoming call that is ringing: it ends as ``missed`` with status 603."""
        with self._state_lock:
            self._end_from_our_side(self._ringing_incoming(call_id, "decline"), "declined")
        self._flush()

    # -- in-call controls ------------------------------------------------------------------------

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send DTMF digits (0-9, *, #, A-D) on an answered call; they are recorded."""
        normalized = digits.upper()
        bad = sorted(set(normalized) - DTMF_DIGITS)
        if not normalized or bad:
            raise LineError(f"not DTMF digits: {digits!r} (use 0-9, *, #, A-D)")
        with self._state_lock:
            self._answered_call(call_id, "send DTMF on")
            self._dtmf[call_id].append(normalized)

    def set_mute(self, call_id: str, muted: bool) -> None:
        with self._state_lock:
            self._answered_call(call_id, "mute").muted = muted

    def set_hold(self, call_id: str, held: bool) -> None:
        with self._state_lock:
            self._answered_call(call_id, "hold").held = held

    def is_muted(self, call_id: str) -> bool:
        """Whether our microphone is muted on the call; ``False`` once it has ended."""
        with self._state_lock:
            self._require_issued(call_id)
            call = self._calls.get(call_id)
            return call is not None and call.muted

    def is_held(self, call_id: str) -> bool:
        """Whether the call is on hold; ``False`` once it has ended."""
        with self._state_lock:
            self._require_issued(call_id)
            call = self._calls.get(call_id)
            return call is not None and call.held

    def dtmf_sent(self, call_id: str) -> str:
        """Every DTMF digit sent on the call, in order (kept after the call ends)."""
        with self._state_lock:
            self._require_issued(call_id)
            return "".join(self._dtmf[call_id])

    # -- timers (each checks the call is still where it expects, since timers may race) ---------

    def _on_outbound_ringing(self, call: _Call) -> None:
        with self._state_lock:
            if not self._is_live(call, _Phase.DIALING):
                return
            call.phase = _Phase.RINGING
            self._outbox.append(CallRinging(call.info.call_id))
            if call.plan.settle_after is not None:
                self._schedule(call, call.plan.settle_after, lambda: self._on_settled(call, _Phase.RINGING))
        self._flush()

    def _on_settled(self, call: _Call, phase: _Phase) -> None:
        """The far end answers, declines or fails, as planned."""
        with self._state_lock:
            if not self._is_live(call, phase):
                return
            if call.plan.outcome is Outcome.ANSWERED:
                call.phase = _Phase.ANSWERED
                self._outbox.append(CallAnswered(call.info.call_id))
                self._cancel_timers(call)  # the ring time-out
                self._schedule(call, call.plan.talk, lambda: self._on_far_end_hung_up(call))
            else:
                status, reason = _FINAL_RESPONSES[call.plan.outcome]
                self._finish(call, call.plan.outcome, status, reason)
        self._flush()

    def _on_ring_timeout(self, call: _Call) -> None:
        with self._state_lock:
            if not (self._is_live(call, _Phase.DIALING) or self._is_live(call, _Phase.RINGING)):
                return
            self._finish(call, Outcome.NO_ANSWER, 487, "ring time-out")
        self._flush()

    def _on_far_end_hung_up(self, call: _Call) -> None:
        with self._state_lock:
            if not self._is_live(call, _Phase.ANSWERED):
                return
            self._finish(call, Outcome.ANSWERED, 200, "the other party hung up")
        self._flush()

    def _on_caller_gave_up(self, call: _Call) -> None:
        with self._state_lock:
            if not self._is_live(call, _Phase.RINGING):
                return
            self._finish(call, Outcome.MISSED, 487, "the caller hung up")
        self._flush()

    # -- helpers; those named _require/_call/_new/_end/_finish/_schedule expect the lock held ----

    def _require_registered(self) -> None:
        if self._registration is not Registration.REGISTERED:
            raise LineError(
                f"the demo line is not registered (it is {self._registration.value}); start it first"
            )

    def _require_issued(self, call_id: str) -> None:
        if call_id not in self._dtmf:
            raise LineError(f"no call {call_id!r} on the demo line")

    def _call(self, call_id: str) -> _Call:
        self._require_issued(call_id)
        call = self._calls.get(call_id)
        if call is None:
            raise LineError(f"call {call_id} has already ended")
        return call

    def _answered_call(self, call_id: str, action: str) -> _Call:
        call = self._call(call_id)
        if call.phase is not _Phase.ANSWERED:
            raise LineError(f"cannot {action} call {call_id}: it has not been answered")
        return call

    def _ringing_incoming(self, call_id: str, action: str) -> _Call:
        call = self._call(call_id)
        if call.info.direction is not Direction.INBOUND or call.phase is not _Phase.RINGING:
            raise LineError(f"cannot {action} call {call_id}: it is not an incoming call that is ringing")
        return call

    def _is_live(self, call: _Call, phase: _Phase) -> bool:
        return self._calls.get(call.info.call_id) is call and call.phase is phase

    def _new_call(self, direction: Direction, remote: str, plan: _Plan, phase: _Phase) -> _Call:
        call_id = f"demo-{self._next_id}"
        self._next_id += 1
        call = _Call(CallInfo(call_id, direction, remote), plan, phase)
        self._calls[call_id] = call
        self._dtmf[call_id] = []
        return call

    def _end_from_our_side(self, call: _Call, reason: str) -> None:
        if call.phase is _Phase.ANSWERED:
            self._finish(call, Outcome.ANSWERED, 200, reason)
        elif call.info.direction is Direction.INBOUND:
            self._finish(call, Outcome.MISSED, 603, reason)
        else:
            self._finish(call, Outcome.CANCELED, 487, reason)

    def _finish(self, call: _Call, outcome: Outcome, status: int, reason: str) -> None:
        self._cancel_timers(call)
        del self._calls[call.info.call_id]
        self._outbox.append(CallEnded(call.info.call_id, outcome, status, reason))

    def _schedule(self, call: _Call, delay: float, function: Callable[[], None]) -> None:
        call.timers.append(self._scheduler.call_later(delay, function))

    @staticmethod
    def _cancel_timers(call: _Call) -> None:
        for timer in call.timers:
            timer.cancel()
        call.timers.clear()

    def _draw(self, span: Range) -> float:
        return self._random.uniform(*span)

    def _plan_outbound(self, digits: str) -> _Plan:
        long_call = len(digits) >= 4 and digits[-4:] == LONG_CALL
        outcome = Outcome.ANSWERED if long_call else FORCED_OUTCOMES.get(digits[-4:]) if len(digits) >= 4 else None
        if outcome is None:
            outcome = self._draw_outcome()
        timings = self.timings
        talk = LONG_TALK if long_call else self._draw(timings.talk)
        settle_ranges = {
            Outcome.ANSWERED: timings.answer_after,
            Outcome.REJECTED: timings.reject_after,
            Outcome.BUSY: timings.busy_after,
            Outcome.INVALID: timings.invalid_after,
            Outcome.FAILED: timings.fail_after,
        }
        if outcome in _NEVER_RINGS:
            return _Plan(outcome, None, self._draw(settle_ranges[outcome]), talk)
        ring_after = self._draw(timings.ring_after)
        if outcome in settle_ranges:
            return _Plan(outcome, ring_after, self._draw(settle_ranges[outcome]), talk)
        return _Plan(outcome, ring_after, None, talk)  # no answer: it rings until we give up

    def _draw_outcome(self) -> Outcome:
        if self._random.random() < self.answer_rate:
            return Outcome.ANSWERED
        outcomes = list(UNANSWERED_MIX)
        return self._random.choices(outcomes, weights=[UNANSWERED_MIX[o] for o in outcomes])[0]

    # -- events ----------------------------------------------------------------------------------

    def _flush(self) -> None:
        """Emit queued events in order, outside the lock; one thread at a time does it.

        A listener that calls back into the line (hangs up on ``CallRinging``, say) only queues
        its events; the loop already running emits them next, so the order always holds.
        """
        with self._state_lock:
            if self._emitting:
                return
            self._emitting = True
        try:
            while True:
                with self._state_lock:
                    if not self._outbox:
                        self._emitting = False
                        return
                    event = self._outbox.popleft()
                self.emit(event)
        except BaseException:
            with self._state_lock:
                self._emitting = False
            raise


def dialled_digits(target: str) -> str:
    """The digits of what was dialled: the user part of a SIP URI, full-width digits folded."""
    text = unicodedata.normalize("NFKC", target).strip()
    for scheme in ("sips:", "sip:", "tel:"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :].split("@", 1)[0].split(";", 1)[0]
            break
    return "".join(character for character in text if "0" <= character <= "9")
