"""The demo line and the manual test clock: events, their order and their SIP statuses.

Everything runs on :class:`ManualScheduler`, so no test sleeps or depends on the machine's speed;
one test runs on real time to prove the default scheduler works.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallInfo,
    CallRinging,
    IncomingCall,
    LineError,
    LineEvent,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.telephony.demo import DemoLine, DemoTimings, dialled_digits

# -- helpers -------------------------------------------------------------------------------------


class Recorder:
    """Collects a line's events with the clock's time at which each arrived."""

    def __init__(self, clock: ManualScheduler) -> None:
        self.clock = clock
        self.timed: list[tuple[float, LineEvent]] = []

    def __call__(self, event: LineEvent) -> None:
        self.timed.append((self.clock.now, event))

    @property
    def events(self) -> list[LineEvent]:
        return [event for _, event in self.timed]

    def for_call(self, call_id: str) -> list[LineEvent]:
        return [event for event in self.events if getattr(event, "call_id", None) == call_id]

    def ended(self) -> list[CallEnded]:
        return [event for event in self.events if isinstance(event, CallEnded)]

    def clear(self) -> None:
        self.timed.clear()


def make_line(seed: int = 1, **options: object) -> tuple[DemoLine, ManualScheduler, Recorder]:
    clock = ManualScheduler()
    line = DemoLine(scheduler=clock, seed=seed, **options)  # type: ignore[arg-type]
    recorder = Recorder(clock)
    line.add_listener(recorder)
    return line, clock, recorder


def started_line(seed: int = 1, **options: object) -> tuple[DemoLine, ManualScheduler, Recorder]:
    line, clock, recorder = make_line(seed, **options)
    line.start()
    clock.advance(1.0)
    assert line.registration is Registration.REGISTERED
    recorder.clear()
    return line, clock, recorder


def answered_call(line: DemoLine, clock: ManualScheduler, recorder: Recorder) -> str:
    call_id = line.dial("03-1234-0200")
    while CallAnswered(call_id) not in recorder.events:
        clock.advance(0.5)
    return call_id


def kinds(events: list[LineEvent]) -> list[type]:
    return [type(event) for event in events]


# -- ManualScheduler -----------------------------------------------------------------------------


def test_manual_scheduler_runs_due_callbacks_in_time_order() -> None:
    clock = ManualScheduler()
    ran: list[tuple[str, float]] = []

    def note(name: str) -> Callable[[], None]:
        return lambda: ran.append((name, clock.now))

    clock.call_later(3.0, note("c"))
    clock.call_later(1.0, note("a"))
    clock.call_later(2.0, note("b1"))
    clock.call_later(2.0, note("b2"))  # same time: the order they were scheduled in
    assert clock.pending() == 4

    assert clock.advance(2.5) == 3
    assert ran == [("a", 1.0), ("b1", 2.0), ("b2", 2.0)]
    assert clock.now == 2.5
    assert clock.pending() == 1

    clock.advance(10.0)
    assert ran[-1] == ("c", 3.0)
    assert clock.now == 12.5
    assert clock.pending() == 0


def test_manual_scheduler_runs_callbacks_scheduled_while_advancing_if_due() -> None:
    clock = ManualScheduler(start=100.0)
    ran: list[tuple[str, float]] = []

    def first() -> None:
        ran.append(("first", clock.now))
        clock.call_later(1.0, lambda: ran.append(("inside", clock.now)))
        clock.call_later(10.0, lambda: ran.append(("later", clock.now)))
        clock.call_later(0.0, lambda: ran.append(("now", clock.now)))

    clock.call_later(1.0, first)
    clock.call_later(1.5, lambda: ran.append(("between", clock.now)))
    clock.advance(5.0)

    assert ran == [("first", 101.0), ("now", 101.0), ("between", 101.5), ("inside", 102.0)]
    assert clock.pending() == 1
    assert clock.next_due() == 111.0


def test_manual_scheduler_cancellation() -> None:
    clock = ManualScheduler()
    ran: list[str] = []
    keep = clock.call_later(1.0, lambda: ran.append("keep"))
    drop = clock.call_later(1.0, lambda: ran.append("drop"))
    drop.cancel()
    drop.cancel()  # twice is harmless
    assert drop.cancelled and not drop.active
    assert clock.pending() == 1

    clock.advance(2.0)
    assert ran == ["keep"]
    keep.cancel()  # after running: harmless, and it does not run again
    clock.advance(2.0)
    assert ran == ["keep"]
    assert clock.pending() == 0


def test_manual_scheduler_run_until_idle_and_negative_values() -> None:
    clock = ManualScheduler()
    ran: list[float] = []

    def chain(times: int) -> None:
        ran.append(clock.now)
        if times > 1:
            clock.call_later(2.0, lambda: chain(times - 1))

    clock.call_later(-5.0, lambda: chain(3))  # a negative delay counts as zero
    assert clock.run_until_idle() == 3
    assert ran == [0.0, 2.0, 4.0]
    assert clock.now == 4.0
    with pytest.raises(ValueError):
        clock.advance(-1.0)

    def forever() -> None:
        clock.call_later(1.0, forever)

    clock.call_later(1.0, forever)
    with pytest.raises(RuntimeError):
        clock.run_until_idle(max_callbacks=50)


# -- registration --------------------------------------------------------------------------------


def test_labels_and_identity() -> None:
    line, _, _ = make_line()
    assert line.is_demo and line.name == "demo"
    assert "デモ" in line.label_ja and "no real calls" in line.label_en


def test_registration_sequence_and_stop() -> None:
    line, clock, recorder = make_line()
    assert line.registration is Registration.OFFLINE
    line.start()
    assert line.registration is Registration.REGISTERING
    line.start()  # already on its way: nothing new
    clock.advance(1.0)
    assert line.registration is Registration.REGISTERED
    line.stop()
    line.stop()  # already offline: nothing new
    assert [event.state for event in recorder.events if isinstance(event, RegistrationChanged)] == [
        Registration.REGISTERING,
        Registration.REGISTERED,
        Registration.OFFLINE,
    ]
    assert clock.pending() == 0


def test_stop_while_registering_never_registers() -> None:
    line, clock, recorder = make_line()
    line.start()
    line.stop()
    clock.run_until_idle()
    assert line.registration is Registration.OFFLINE
    assert [event.state for event in recorder.events if isinstance(event, RegistrationChanged)] == [
        Registration.REGISTERING,
        Registration.OFFLINE,
    ]


def test_dial_before_registration_raises() -> None:
    line, clock, _ = make_line()
    with pytest.raises(LineError, match="not registered"):
        line.dial("0312345678")
    line.start()
    with pytest.raises(LineError, match="not registered"):
        line.dial("0312345678")  # still registering
    with pytest.raises(LineError):
        line.simulate_incoming("0312345678")
    clock.advance(1.0)
    with pytest.raises(LineError, match="empty"):
        line.dial("  ")
    assert line.dial("0312345678") == "demo-1"


# -- forced outcomes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "outcome", "status", "rings"),
    [
        ("03-1234-0486", Outcome.BUSY, 486, False),
        ("03-1234-0404", Outcome.INVALID, 404, False),
        ("03-1234-0503", Outcome.FAILED, 503, False),
        ("03-1234-0603", Outcome.REJECTED, 603, True),
        ("03-1234-0487", Outcome.NO_ANSWER, 487, True),
    ],
)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forced_unanswered_outcomes(
    target: str, outcome: Outcome, status: int, rings: bool, seed: int
) -> None:
    line, clock, recorder = started_line(seed)
    call_id = line.dial(target)
    assert recorder.events == []  # nothing happens synchronously
    clock.run_until_idle()
    expected: list[LineEvent] = [CallRinging(call_id)] if rings else []
    events = recorder.for_call(call_id)
    assert events[:-1] == expected
    ended = events[-1]
    assert isinstance(ended, CallEnded)
    assert (ended.outcome, ended.sip_status) == (outcome, status)
    assert line.calls() == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forced_answer_then_the_far_end_hangs_up(seed: int) -> None:
    line, clock, recorder = started_line(seed)
    call_id = line.dial("+81312340200")
    clock.run_until_idle()
    assert kinds(recorder.for_call(call_id)) == [CallRinging, CallAnswered, CallEnded]
    ended = recorder.ended()[0]
    assert (ended.outcome, ended.sip_status) == (Outcome.ANSWERED, 200)


def test_a_long_call_number_stays_on_until_we_hang_up() -> None:
    """…0201: answered, and the far end does not hang up within the drawn talk times (≤ 40 s)."""
    line, clock, recorder = started_line(1)
    call_id = line.dial("03-1234-0201")
    clock.advance(20 * 60)
    assert kinds(recorder.for_call(call_id)) == [CallRinging, CallAnswered]
    line.hang_up(call_id)
    assert recorder.ended()[0].outcome is Outcome.ANSWERED and line.calls() == []


def test_dialled_digits_reads_numbers_and_sip_uris() -> None:
    assert dialled_digits("03-1234-0486") == "0312340486"
    assert dialled_digits("０３（１２３４）０４８６") == "0312340486"
    assert dialled_digits("sip:0312340486@10.0.0.1;user=phone") == "0312340486"
    assert dialled_digits("tel:+81-3-1234-0486") == "81312340486"


def test_ring_timeout_ends_no_answer_exactly_at_the_timeout() -> None:
    line, clock, recorder = started_line(ring_timeout=12.5)
    dialled_at = clock.now
    call_id = line.dial("0312340487")
    clock.advance(12.0)
    assert kinds(recorder.for_call(call_id)) == [CallRinging]
    clock.run_until_idle()
    time, ended = recorder.timed[-1]
    assert ended == CallEnded(call_id, Outcome.NO_ANSWER, 487, "ring time-out")
    assert time == dialled_at + 12.5


def test_ring_timeout_shorter_than_the_answer_wins() -> None:
    line, clock, recorder = started_line(ring_timeout=1.0)
    call_id = line.dial("0312340200")  # answers 2-8 s after ringing: too late
    clock.run_until_idle()
    assert kinds(recorder.for_call(call_id)) == [CallRinging, CallEnded]
    assert recorder.ended()[0].outcome is Outcome.NO_ANSWER


# -- random mix ----------------------------------------------------------------------------------


def session(seed: int) -> list[tuple[float, LineEvent]]:
    line, clock, recorder = started_line(seed)
    for n in range(30):
        line.dial(f"090{n:04d}1111")
        clock.advance(0.7)
    clock.run_until_idle()
    return recorder.timed


def test_the_same_seed_replays_the_same_session() -> None:
    assert session(42) == session(42)
    assert session(42) != session(43)


def test_many_dials_give_a_mix_of_outcomes_each_ending_once() -> None:
    line, clock, recorder = started_line(seed=7)
    call_ids = [line.dial(f"080{n:04d}1357") for n in range(200)]
    assert len(set(call_ids)) == 200
    assert len(line.calls()) == 200
    clock.run_until_idle()

    ended = recorder.ended()
    assert sorted(event.call_id for event in ended) == sorted(call_ids)
    outcomes = Counter(event.outcome for event in ended)
    assert set(outcomes) == {
        Outcome.ANSWERED,
        Outcome.NO_ANSWER,
        Outcome.BUSY,
        Outcome.REJECTED,
        Outcome.INVALID,
        Outcome.FAILED,
    }
    assert 40 <= outcomes[Outcome.ANSWERED] <= 120  # answer_rate 0.4
    for call_id in call_ids:  # nothing after a call's end
        assert isinstance(recorder.for_call(call_id)[-1], CallEnded)
    assert line.calls() == [] and clock.pending() == 0


def test_answer_rate_extremes() -> None:
    for rate, expected in ((1.0, {Outcome.ANSWERED}), (0.0, None)):
        line, clock, recorder = started_line(seed=3, answer_rate=rate)
        for n in range(40):
            line.dial(f"0312{n:04d}99")
        clock.run_until_idle()
        outcomes = {event.outcome for event in recorder.ended()}
        if expected is not None:
            assert outcomes == expected
        else:
            assert Outcome.ANSWERED not in outcomes
    with pytest.raises(ValueError):
        DemoLine(scheduler=ManualScheduler(), answer_rate=1.5)


# -- hanging up and stopping ---------------------------------------------------------------------


def test_hang_up_while_ringing_cancels_and_nothing_follows() -> None:
    line, clock, recorder = started_line()
    call_id = line.dial("0312340200")
    clock.advance(1.0)
    assert recorder.for_call(call_id) == [CallRinging(call_id)]
    line.hang_up(call_id)
    assert recorder.events[-1] == CallEnded(call_id, Outcome.CANCELED, 487, "hung up")
    assert clock.pending() == 0
    clock.advance(100.0)
    assert kinds(recorder.for_call(call_id)) == [CallRinging, CallEnded]


def test_hang_up_before_ringing_cancels_too() -> None:
    line, clock, recorder = started_line()
    call_id = line.dial("0312340487")
    line.hang_up(call_id)
    clock.run_until_idle()
    assert recorder.events == [CallEnded(call_id, Outcome.CANCELED, 487, "hung up")]


def test_hang_up_after_answer_ends_answered() -> None:
    line, clock, recorder = started_line()
    call_id = answered_call(line, clock, recorder)
    line.hang_up(call_id)
    assert recorder.events[-1] == CallEnded(call_id, Outcome.ANSWERED, 200, "hung up")
    clock.run_until_idle()
    assert kinds(recorder.for_call(call_id)) == [CallRinging, CallAnswered, CallEnded]


def test_hang_up_unknown_or_ended_call_raises() -> None:
    line, clock, recorder = started_line()
    with pytest.raises(LineError, match="no call"):
        line.hang_up("demo-99")
    call_id = line.dial("0312340486")
    clock.run_until_idle()
    with pytest.raises(LineError, match="already ended"):
        line.hang_up(call_id)


def test_stop_ends_every_call_exactly_once_then_goes_offline() -> None:
    line, clock, recorder = started_line()
    answered = answered_call(line, clock, recorder)
    ringing = line.dial("0312340487")
    dialing = line.dial("0312340486")
    incoming = line.simulate_incoming("0611112222")
    clock.advance(1.0)  # the no-answer call rings; the busy one has not ended yet
    assert {info.call_id for info in line.calls()} == {answered, ringing, dialing, incoming}
    recorder.clear()

    line.stop()
    clock.run_until_idle()
    ended = {event.call_id: (event.outcome, event.sip_status) for event in recorder.ended()}
    assert len(recorder.ended()) == 4
    assert ended == {
        answered: (Outcome.ANSWERED, 200),
        ringing: (Outcome.CANCELED, 487),
        dialing: (Outcome.CANCELED, 487),
        incoming: (Outcome.MISSED, 603),
    }
    assert recorder.events[-1] == RegistrationChanged(Registration.OFFLINE)
    assert line.calls() == [] and clock.pending() == 0


def test_a_listener_hanging_up_on_ringing_keeps_the_order() -> None:
    line, clock, recorder = started_line()
    line.add_listener(lambda event: line.hang_up(event.call_id) if isinstance(event, CallRinging) else None)
    call_id = line.dial("0312340200")
    clock.run_until_idle()
    assert recorder.for_call(call_id) == [
        CallRinging(call_id),
        CallEnded(call_id, Outcome.CANCELED, 487, "hung up"),
    ]


# -- in-call controls ----------------------------------------------------------------------------


def test_dtmf_mute_and_hold_need_an_answered_call() -> None:
    line, clock, recorder = started_line()
    ringing = line.dial("0312340487")
    clock.advance(1.0)
    for command in (
        lambda: line.send_dtmf(ringing, "1"),
        lambda: line.set_mute(ringing, True),
        lambda: line.set_hold(ringing, True),
    ):
        with pytest.raises(LineError, match="not been answered"):
            command()

    call_id = answered_call(line, clock, recorder)
    assert not line.is_muted(call_id) and not line.is_held(call_id)
    line.set_mute(call_id, True)
    line.set_hold(call_id, True)
    assert line.is_muted(call_id) and line.is_held(call_id)
    line.set_hold(call_id, False)
    assert not line.is_held(call_id)

    line.send_dtmf(call_id, "12#")
    line.send_dtmf(call_id, "*9a")
    assert line.dtmf_sent(call_id) == "12#*9A"
    for bad in ("", "12x", "1 2"):
        with pytest.raises(LineError, match="DTMF"):
            line.send_dtmf(call_id, bad)
    assert line.dtmf_sent(call_id) == "12#*9A"

    line.hang_up(call_id)
    assert line.dtmf_sent(call_id) == "12#*9A"  # kept after the end
    assert not line.is_muted(call_id)
    with pytest.raises(LineError, match="already ended"):
        line.set_mute(call_id, False)
    with pytest.raises(LineError, match="no call"):
        line.is_muted("demo-404")


# -- incoming calls ------------------------------------------------------------------------------


def test_incoming_call_answered_then_the_caller_hangs_up() -> None:
    line, clock, recorder = started_line()
    call_id = line.simulate_incoming("0611112222")
    assert recorder.events == [IncomingCall(call_id, "0611112222"), CallRinging(call_id)]
    assert line.calls() == [CallInfo(call_id, Direction.INBOUND, "0611112222")]
    with pytest.raises(LineError):
        line.send_dtmf(call_id, "1")
    line.answer(call_id)
    assert recorder.events[-1] == CallAnswered(call_id)
    with pytest.raises(LineError, match="not an incoming call that is ringing"):
        line.answer(call_id)
    line.send_dtmf(call_id, "5")
    clock.run_until_idle()
    ended = recorder.events[-1]
    assert isinstance(ended, CallEnded)
    assert (ended.outcome, ended.sip_status) == (Outcome.ANSWERED, 200)
    assert len(recorder.ended()) == 1


def test_incoming_call_declined_is_missed_with_603() -> None:
    line, clock, recorder = started_line()
    call_id = line.simulate_incoming("0611112222")
    line.decline(call_id)
    clock.run_until_idle()
    assert recorder.events == [
        IncomingCall(call_id, "0611112222"),
        CallRinging(call_id),
        CallEnded(call_id, Outcome.MISSED, 603, "declined"),
    ]


def test_incoming_call_not_answered_is_missed() -> None:
    line, clock, recorder = started_line()
    call_id = line.simulate_incoming("0611112222")
    clock.run_until_idle()
    assert kinds(recorder.events) == [IncomingCall, CallRinging, CallEnded]
    assert recorder.ended()[0].outcome is Outcome.MISSED
    assert recorder.ended()[0].sip_status == 487
    with pytest.raises(LineError):
        line.answer(call_id)


def test_answer_and_decline_refuse_outbound_calls() -> None:
    line, clock, _ = started_line()
    call_id = line.dial("0312340487")
    clock.advance(1.0)
    with pytest.raises(LineError):
        line.answer(call_id)
    with pytest.raises(LineError):
        line.decline(call_id)


def test_a_listener_answering_on_incoming_call_keeps_the_order() -> None:
    line, clock, recorder = started_line()
    line.add_listener(lambda event: line.answer(event.call_id) if isinstance(event, IncomingCall) else None)
    call_id = line.simulate_incoming("0611112222")
    assert kinds(recorder.events) == [IncomingCall, CallRinging, CallAnswered]
    clock.run_until_idle()
    assert kinds(recorder.for_call(call_id)) == [IncomingCall, CallRinging, CallAnswered, CallEnded]


# -- real time -----------------------------------------------------------------------------------


def test_real_time_on_the_default_scheduler() -> None:
    line = DemoLine(seed=5, timings=DemoTimings().scaled(0.01))
    registered = threading.Event()
    answered = threading.Event()
    finished = threading.Event()
    ended: list[CallEnded] = []

    def listen(event: LineEvent) -> None:
        if event == RegistrationChanged(Registration.REGISTERED, "demo"):
            registered.set()
        elif isinstance(event, CallAnswered):
            answered.set()
        elif isinstance(event, CallEnded):
            ended.append(event)
            finished.set()

    line.add_listener(listen)
    line.start()
    try:
        assert registered.wait(timeout=10)
        call_id = line.dial("0312340200")
        assert answered.wait(timeout=10)
    finally:
        line.stop()
    assert finished.wait(timeout=10)  # from stop(), or from the far end if it hung up first
    assert [event.call_id for event in ended] == [call_id]
    assert line.registration is Registration.OFFLINE
