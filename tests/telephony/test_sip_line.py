"""The SIP line against a real far end: SIPp on loopback, one scenario per kind of far end.

``outcomes_by_number.xml`` answers by the dialled number's last four digits (0200 answered with a
remote BYE, 0201 answered waiting for ours, 0487 rings forever, 0486 busy, 0603 rejected, 0404 not
found, 0503 unavailable); ``register_auth.xml`` is a registrar with digest authentication.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable

import pytest

from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallInfo,
    CallRinging,
    IncomingCall,
    LineError,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.sip import SipLine
from tests.telephony.conftest import AnySipLine, LineFactory, Recorder, Sipp, free_udp_port


@pytest.fixture
def far_end(sipp: Callable[[str], Sipp]) -> Sipp:
    return sipp("outcomes_by_number.xml")


@pytest.fixture
def line(far_end: Sipp, make_line: LineFactory) -> tuple[AnySipLine, Recorder]:
    sip_line, recorder = make_line(far_end.address)
    recorder.wait_for(lambda e: isinstance(e, RegistrationChanged) and e.state is Registration.REGISTERED)
    return sip_line, recorder


@pytest.mark.parametrize(
    ("number", "outcome", "status", "rings"),
    [
        ("0312340486", Outcome.BUSY, 486, False),
        ("0312340404", Outcome.INVALID, 404, False),
        ("0312340503", Outcome.FAILED, 503, False),
        ("0312340603", Outcome.REJECTED, 603, True),
    ],
)
def test_the_far_ends_final_answer_is_the_outcome(
    line: tuple[AnySipLine, Recorder], number: str, outcome: Outcome, status: int, rings: bool
) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial(number)
    ended = recorder.ended(call_id)
    assert (ended.outcome, ended.sip_status) == (outcome, status)
    assert str(status) in ended.reason
    assert recorder.of_call(call_id) == (["CallRinging", "CallEnded"] if rings else ["CallEnded"])
    assert sip_line.calls() == []


def test_answered_and_the_far_end_hangs_up(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial("03-1234-0200")
    ended = recorder.ended(call_id, timeout=5.0)
    assert (ended.outcome, ended.sip_status, ended.reason) == (Outcome.ANSWERED, 200, "the other party hung up")
    assert recorder.of_call(call_id) == ["CallRinging", "CallAnswered", "CallEnded"]


def test_answered_and_we_hang_up(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial("+81312340201")
    recorder.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call_id)
    sip_line.hang_up(call_id)
    ended = recorder.ended(call_id)
    assert (ended.outcome, ended.sip_status, ended.reason) == (Outcome.ANSWERED, 200, "hung up")


def test_the_ring_time_out_cancels_as_no_answer(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    started = time.monotonic()
    call_id = sip_line.dial("0312340487")
    ended = recorder.ended(call_id, timeout=5.0)
    elapsed = time.monotonic() - started
    assert (ended.outcome, ended.sip_status, ended.reason) == (Outcome.NO_ANSWER, 487, "ring time-out")
    assert recorder.of_call(call_id) == ["CallRinging", "CallEnded"]
    assert 0.9 <= elapsed < 3.0


def test_hanging_up_while_it_rings_is_canceled(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial("0312340487")
    recorder.wait_for(lambda e: isinstance(e, CallRinging) and e.call_id == call_id)
    assert sip_line.calls() == [CallInfo(call_id, Direction.OUTBOUND, "0312340487")]
    sip_line.hang_up(call_id)
    ended = recorder.ended(call_id)
    assert (ended.outcome, ended.sip_status, ended.reason) == (Outcome.CANCELED, 487, "hung up")
    assert sip_line.calls() == []


def test_hanging_up_at_once_after_dialling_still_cancels(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial("0312340487")
    sip_line.hang_up(call_id)  # before the stack has even sent the INVITE
    assert recorder.ended(call_id).outcome is Outcome.CANCELED


def test_stop_ends_a_ringing_call_and_goes_offline(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial("0312340487")
    recorder.wait_for(lambda e: isinstance(e, CallRinging))
    sip_line.stop()
    ended = recorder.ended(call_id, timeout=0.1)
    assert ended.outcome is Outcome.CANCELED
    assert recorder.events[-1] == RegistrationChanged(Registration.OFFLINE)
    assert sip_line.registration is Registration.OFFLINE
    with pytest.raises(LineError, match="not ready"):
        sip_line.dial("0312340200")


def test_one_run_over_a_list_meets_every_outcome(line: tuple[AnySipLine, Recorder]) -> None:
    """What auto-call does: one call after another on one line, each to its end."""
    sip_line, recorder = line
    expected = {
        "0312340200": Outcome.ANSWERED,
        "0312340487": Outcome.NO_ANSWER,
        "0312340486": Outcome.BUSY,
        "0312340603": Outcome.REJECTED,
        "0312340404": Outcome.INVALID,
        "0312340503": Outcome.FAILED,
    }
    seen = {number: recorder.ended(sip_line.dial(number), timeout=5.0).outcome for number in expected}
    assert seen == expected


def test_nobody_listening_is_a_failure_not_a_no_answer(make_line: LineFactory) -> None:
    sip_line, recorder = make_line(f"127.0.0.1:{free_udp_port()}")
    ended = recorder.ended(sip_line.dial("0312340487"))
    assert (ended.outcome, ended.sip_status) == (Outcome.FAILED, None)
    assert "no response" in ended.reason


def test_a_host_that_does_not_resolve_fails_the_call(far_end: Sipp, make_line: LineFactory) -> None:
    sip_line, recorder = make_line(far_end.address)
    ended = recorder.ended(sip_line.dial("sip:0312340200@calllist-test.invalid"))
    assert (ended.outcome, ended.sip_status) == (Outcome.FAILED, None)


def test_bad_commands_raise_line_errors(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    with pytest.raises(LineError, match="not a valid phone number"):
        sip_line.dial("12")
    with pytest.raises(LineError, match="empty"):
        sip_line.dial("  ")
    with pytest.raises(LineError, match="no call"):
        sip_line.hang_up("sip-999")
    call_id = sip_line.dial("0312340487")
    with pytest.raises(LineError, match="not been answered"):
        sip_line.set_hold(call_id, True)
    with pytest.raises(LineError, match="not DTMF"):
        sip_line.send_dtmf(call_id, "12x")
    with pytest.raises(LineError, match="not an incoming call"):
        sip_line.answer(call_id)
    sip_line.hang_up(call_id)
    recorder.ended(call_id)
    with pytest.raises(LineError, match="no call"):
        sip_line.hang_up(call_id)


def test_dtmf_and_hold_on_an_answered_call(line: tuple[AnySipLine, Recorder], far_end: Sipp) -> None:
    sip_line, recorder = line
    call_id = sip_line.dial("0312340201")
    recorder.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call_id)
    sip_line.send_dtmf(call_id, "1#")
    sip_line.set_hold(call_id, True)
    sip_line.set_hold(call_id, False)
    with pytest.raises(LineError, match="mut"):
        sip_line.set_mute(call_id, True)
    sip_line.hang_up(call_id)
    assert recorder.ended(call_id).outcome is Outcome.ANSWERED
    # The far end saw the hold and the resume: two re-INVITEs, sendonly then sendrecv.
    entries = re.split(r"^-{10,}.*$", far_end.messages(), flags=re.MULTILINE)
    invites = [m for m in entries if "message received" in m and "\nINVITE " in m]
    directions = [next((d for d in ("sendonly", "sendrecv", "inactive") if f"a={d}" in m), "") for m in invites]
    assert directions[-2:] == ["sendonly", "sendrecv"], directions


def test_only_one_sip_line_runs_at_a_time_in_a_process(far_end: Sipp) -> None:
    first = SipLine(SipAccount(registrar=far_end.address, user="operator", register=False))
    first.start()
    second = SipLine(SipAccount(registrar=far_end.address, user="other", register=False))
    try:
        with pytest.raises(LineError, match="another SIP line"):
            second.start()
        second.stop()  # a line that never started stops quietly
    finally:
        first.stop()


def test_unusable_settings_are_refused_at_start() -> None:
    bad = SipLine(SipAccount(registrar="", user="operator", dial_template="{phone}"))
    with pytest.raises(LineError) as raised:
        bad.start()
    assert "registrar" in str(raised.value) and "{phone}" in str(raised.value)


# -- registration ---------------------------------------------------------------------------------


def test_registration_with_the_right_password(sipp: Callable[[str], Sipp], make_line: LineFactory) -> None:
    registrar = sipp("register_auth.xml")
    sip_line, recorder = make_line(registrar.address, "secret", register=True)
    registered = recorder.wait_for(
        lambda e: isinstance(e, RegistrationChanged) and e.state in (Registration.REGISTERED, Registration.FAILED)
    )
    assert registered == RegistrationChanged(Registration.REGISTERED, registrar.address), registrar.errors()
    assert recorder.events[0] == RegistrationChanged(Registration.REGISTERING, registrar.address)
    assert sip_line.registration is Registration.REGISTERED


def test_registration_with_a_wrong_password_fails_clearly(
    sipp: Callable[[str], Sipp], make_line: LineFactory
) -> None:
    registrar = sipp("register_auth.xml")
    sip_line, recorder = make_line(registrar.address, "wrong", register=True)
    failed = recorder.wait_for(lambda e: isinstance(e, RegistrationChanged) and e.state is Registration.FAILED)
    assert isinstance(failed, RegistrationChanged)
    assert "Authentication failed (403 Forbidden)" in failed.detail
    assert "password" in failed.detail
    assert sip_line.registration_detail == failed.detail  # for a window made after the event
    with pytest.raises(LineError, match="not ready"):
        sip_line.dial("0312340200")


# -- resources ------------------------------------------------------------------------------------


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts file descriptors in /proc")
def test_twenty_calls_leave_no_threads_or_descriptors_behind(line: tuple[AnySipLine, Recorder]) -> None:
    sip_line, recorder = line
    recorder.ended(sip_line.dial("0312340486"))  # the stack's lazily made resources, once
    threads, fds = threading.active_count(), _open_fds()
    numbers = ["0312340486", "0312340404", "0312340603", "0312340201"] * 5
    for number in numbers:
        call_id = sip_line.dial(number)
        if number.endswith("0201"):
            recorder.wait_for(lambda e, c=call_id: isinstance(e, CallAnswered) and e.call_id == c)
            sip_line.hang_up(call_id)
        recorder.ended(call_id)
    assert sum(isinstance(e, CallEnded) for e in recorder.events) == 21
    assert threading.active_count() == threads
    assert _open_fds() <= fds + 2  # a socket being recycled by the stack at the moment of counting
    assert sip_line.calls() == []


# -- inbound --------------------------------------------------------------------------------------


def test_an_incoming_call_rings_and_is_answered(sipp_uac: Callable[[int, str], Sipp], make_line: LineFactory) -> None:
    port = free_udp_port()
    sip_line, recorder = make_line("127.0.0.1:9", listen_port=port)
    answered: list[str] = []

    def answer_when_it_rings(event: object) -> None:
        if isinstance(event, IncomingCall):
            sip_line.answer(event.call_id)  # on the line's own thread: must not wait for itself
            answered.append(event.call_id)

    sip_line.add_listener(answer_when_it_rings)
    sipp_uac(port, "calls_us.xml")
    incoming = recorder.wait_for(lambda e: isinstance(e, IncomingCall))
    assert isinstance(incoming, IncomingCall) and incoming.remote == "0312345678"
    ended = recorder.ended(incoming.call_id, timeout=5.0)
    assert (ended.outcome, ended.sip_status) == (Outcome.ANSWERED, 200)
    assert recorder.of_call(incoming.call_id) == ["IncomingCall", "CallRinging", "CallAnswered", "CallEnded"]


def test_a_declined_incoming_call_is_missed(sipp_uac: Callable[[int, str], Sipp], make_line: LineFactory) -> None:
    port = free_udp_port()
    sip_line, recorder = make_line("127.0.0.1:9", listen_port=port)
    sipp_uac(port, "calls_us.xml")
    incoming = recorder.wait_for(lambda e: isinstance(e, IncomingCall))
    sip_line.decline(incoming.call_id)  # type: ignore[union-attr]
    ended = recorder.ended(incoming.call_id)  # type: ignore[union-attr]
    assert (ended.outcome, ended.sip_status, ended.reason) == (Outcome.MISSED, 486, "declined")


def test_a_listener_may_stop_the_line(line: tuple[AnySipLine, Recorder]) -> None:
    """The auto-call engine stops the line from an event; that must neither deadlock nor be lost."""
    sip_line, recorder = line
    sip_line.add_listener(lambda event: sip_line.stop() if isinstance(event, CallEnded) else None)
    recorder.ended(sip_line.dial("0312340486"))
    recorder.wait_for(lambda e: e == RegistrationChanged(Registration.OFFLINE))
    assert sip_line.registration is Registration.OFFLINE
    again = SipLine(sip_line.account)  # the stack is free for the next line
    again.start()
    again.stop()
