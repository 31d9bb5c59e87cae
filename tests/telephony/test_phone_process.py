"""The phone process as a failing process would meet it: killed mid-call, killed again and again,
and left behind by a window that died.

The behaviour shared with the SIP line itself (every outcome, registration, transports) is proved
by running tests/telephony/test_sip_line.py and test_sip_transports.py on both (``make_line``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from calllist_desktop.core.line import CallAnswered, CallRinging, LineError, Registration, RegistrationChanged
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.telephony import phone_process
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.phone_pipe import PhoneSpec, Sender, receive
from calllist_desktop.telephony.phone_process import ProcessLine
from tests.telephony.conftest import Recorder, Sipp

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills processes with POSIX signals")


@pytest.fixture
def far_end(sipp: Callable[[str], Sipp]) -> Sipp:
    return sipp("outcomes_by_number.xml")


@pytest.fixture
def phone(far_end: Sipp) -> tuple[ProcessLine, Recorder]:
    line = ProcessLine(
        SipAccount(registrar=far_end.address, user="operator", register=False, ring_timeout=30.0)
    )
    recorder = Recorder(line)
    line.start()
    _wait_registered(recorder, 1)
    yield line, recorder
    line.stop()


def _wait_registered(recorder: Recorder, times: int, timeout: float = 10.0) -> None:
    """Wait until the line has come up ``times`` times in all."""
    recorder.wait_for(
        lambda _e: (
            sum(
                e == RegistrationChanged(Registration.REGISTERED, "direct dialling, no registration")
                for e in recorder.events
            )
            >= times
        ),
        timeout,
    )


def _kill(line: ProcessLine) -> int:
    pid = line.process_id
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    return pid


def test_a_phone_process_killed_mid_call_ends_the_call_says_why_and_comes_back(
    phone: tuple[ProcessLine, Recorder],
) -> None:
    line, recorder = phone
    call_id = line.dial("0312340201")  # answered, talks until we hang up
    recorder.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call_id)
    first = _kill(line)
    ended = recorder.ended(call_id)
    assert ended.outcome is Outcome.FAILED and "phone process stopped" in ended.reason, ended
    failed = recorder.wait_for(
        lambda e: isinstance(e, RegistrationChanged) and e.state is Registration.FAILED
    )
    assert "phone process stopped" in failed.detail  # type: ignore[union-attr]
    _wait_registered(recorder, 2)  # started again on its own
    assert line.process_id not in (None, first)
    again = line.dial("0312340486")
    assert recorder.ended(again).outcome is Outcome.BUSY
    assert line.calls() == []


def test_a_ringing_call_whose_phone_dies_is_not_left_waiting(phone: tuple[ProcessLine, Recorder]) -> None:
    """A call dialled but not yet answered ends too: auto-call waits for every call's end."""
    line, recorder = phone
    call_id = line.dial("0312340487")  # rings forever
    recorder.wait_for(lambda e: isinstance(e, CallRinging) and e.call_id == call_id)
    _kill(line)
    assert recorder.ended(call_id).outcome is Outcome.FAILED


def test_commands_while_the_phone_is_down_fail_at_once(
    phone: tuple[ProcessLine, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(phone_process, "RESTART_DELAY", 3.0)
    line, recorder = phone
    _kill(line)
    recorder.wait_for(lambda e: isinstance(e, RegistrationChanged) and e.state is Registration.FAILED)
    started = time.monotonic()
    with pytest.raises(LineError, match="not ready"):
        line.dial("0312340486")
    with pytest.raises(LineError):
        line.hang_up("sip-1")
    assert time.monotonic() - started < 1.0


def test_a_phone_that_keeps_dying_is_not_started_forever(
    phone: tuple[ProcessLine, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(phone_process, "MAX_RESTARTS", 1)
    line, recorder = phone
    _kill(line)
    _wait_registered(recorder, 2)
    _kill(line)
    given_up = recorder.wait_for(
        lambda e: isinstance(e, RegistrationChanged) and "not started again" in e.detail
    )
    assert isinstance(given_up, RegistrationChanged) and given_up.state is Registration.FAILED
    time.sleep(phone_process.RESTART_DELAY + 0.5)
    assert line.process_id is None and line.registration is Registration.FAILED


WINDOW = """
import os, sys, time
from calllist_desktop.core.line import CallRinging, Registration
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.phone_pipe import PhoneSpec, Sender, receive
from calllist_desktop.telephony.phone_process import ProcessLine
line = ProcessLine(SipAccount(registrar=sys.argv[1], user="operator", register=False, ring_timeout=30.0))
rang = []
line.add_listener(lambda e: rang.append(e) if isinstance(e, CallRinging) else None)
line.start()
deadline = time.monotonic() + 10
while line.registration is not Registration.REGISTERED and time.monotonic() < deadline:
    time.sleep(0.02)
line.dial("0312340487")
while not rang and time.monotonic() < deadline:
    time.sleep(0.02)
print(line.process_id, flush=True)
os._exit(0)  # the window dies without stopping its line
"""


def test_the_phone_hangs_up_and_ends_when_its_window_dies(far_end: Sipp) -> None:
    run = subprocess.run(
        [sys.executable, "-c", WINDOW, far_end.address], capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    pid = int(run.stdout.strip())
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "the phone process outlived its window"
    deadline = time.monotonic() + 5
    while "CANCEL sip:" not in far_end.messages() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "CANCEL sip:" in far_end.messages(), "the ringing call was left ringing at the far end"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (ended, not yet reaped by its new parent) is gone as far as the far end cares.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def test_a_phone_started_without_standard_error_still_works(far_end: Sipp) -> None:
    """A windowed program (the packaged one on Windows, pythonw) has no standard error to hand on."""
    # Standard error closed by a shell before it runs the phone (a preexec_fn, Python in a child
    # forked from this many-threaded process, can deadlock before it execs: tests/voice_fixtures).
    process = subprocess.Popen(
        ["sh", "-c", 'exec 2>&-; exec "$@"', "no-stderr", sys.executable, "-m", "calllist_desktop.telephony.phone_host"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    account = SipAccount(registrar=far_end.address, user="operator", register=False)
    Sender(process.stdin).send(("start", PhoneSpec(account)))
    kinds = []
    while True:
        message = receive(process.stdout)
        kinds.append(message[0])
        if message[0] == "event" and message[1].state is Registration.REGISTERED:
            break
    process.stdin.close()
    assert process.wait(10) == 0
    assert kinds[0] == "info"  # what the card needs comes before the line's first event


def test_a_language_switch_reaches_the_running_phone(phone: tuple[ProcessLine, Recorder]) -> None:
    """The window switched from 日本語 to English: why calls have no sound is said in English from
    then on, without restarting the phone (its reasons are shown as they come)."""
    line, _recorder = phone
    for language, start in (("en", "no audio"), ("ja", "音声なし"), ("en", "no audio")):
        line.set_language(language)
        deadline = time.monotonic() + 5
        while not line.audio_problem.startswith(start) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert line.audio_problem.startswith(start), (language, line.audio_problem)
