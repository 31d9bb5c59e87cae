"""Our SIP line and audio path against real SIP software no one here wrote (issue 18 item 4).

Kamailio is the registrar and proxy (digest authentication), a baresip softphone the far end
(answers by itself, sends 700 Hz, saves what it hears). Our client is the line as the program
holds it (:class:`~calllist_desktop.telephony.phone_process.ProcessLine`: the SIP line and the
program's audio path in the phone process) on PulseAudio's virtual devices: ``paplay`` feeds 1 kHz into ``mic`` (our microphone), ``parecord`` catches what
we play on ``speaker``. Every check of sound is by frequency (tests/tone.py), never "not silent".
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import tone
from tests.interop.conftest import USERS, FarEnd, Kamailio
from tests.voice_fixtures import PulseAudio, stop_process

pytest.importorskip("pjsua2")

from calllist_desktop.core.line import (  # noqa: E402
    CallAnswered,
    CallEnded,
    IncomingCall,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.telephony.account import SipAccount  # noqa: E402
from calllist_desktop.telephony.audio.settings import AudioSettings, RecordingSettings  # noqa: E402
from calllist_desktop.telephony.phone_process import ProcessLine, RemoteAudio  # noqa: E402
from tests.telephony.conftest import Recorder  # noqa: E402

OURS, THEIRS = 1000.0, 700.0
CHILD = "CALLLIST_INTEROP_CHILD"
pytestmark = pytest.mark.skipif(
    not os.environ.get(CHILD), reason="runs in a process of its own: tests/interop/test_our_client.py"
)
"""These tests run in a child pytest (test_our_client.py reads its results): our SIP line keeps its
PJSIP endpoint for the rest of its process, and a second endpoint (the audio path's tests make
their own) or the abort at exit after a TLS line would take the whole test run down with them."""
TRANSPORTS = ["udp", "tcp", "tls"]


PULSE_DEVICES = AudioSettings(input_device="pulse", output_device="pulse")
"""PulseAudio's devices; the phone process inherits the ``PULSE_*`` variables of ``pulse``."""


@pytest.fixture
def pulse(pulse_audio: PulseAudio, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[PulseAudio]:
    """This process's sound: microphone = the ``mic`` sink's monitor (fed a 1 kHz tone), speaker = ``speaker``."""
    for name, value in pulse_audio.client_environment().items():
        monkeypatch.setenv(name, value)
    feed = pulse_audio.play(tone.write_tone(tmp_path / "ours.wav", OURS, 120.0), sink="mic")
    yield pulse_audio
    stop_process(feed)


@pytest.fixture
def our_line(kamailio: Kamailio) -> Iterator[Callable[..., tuple[ProcessLine, Recorder]]]:
    """``our_line(transport, password=…, audio=True, recordings=None, **account fields)``: our
    client registered on Kamailio as ``operator``; over TLS it trusts the CA that signed
    Kamailio's certificate. ``recordings``: every answered call is recorded there."""
    made: list[ProcessLine] = []

    def make(transport: str = "udp", password: str = USERS["operator"], audio: bool = True,
             recordings: Path | None = None, **fields: Any) -> tuple[ProcessLine, Recorder]:  # fmt: skip
        settings: dict[str, Any] = {"registrar": kamailio.registrar(transport), "user": "operator",
                                    "transport": transport, "ring_timeout": 20.0, "tls_ca_file": str(kamailio.ca)}  # fmt: skip
        account = SipAccount(**{**settings, **fields})
        recording = RecordingSettings(enabled=True, folder=recordings) if recordings is not None else None
        line = ProcessLine(account, password, audio=PULSE_DEVICES if audio else None, recording=recording)
        recorder = Recorder(line)
        made.append(line)
        line.start()
        return line, recorder

    yield make
    for line in made:  # hangs up, unregisters, closes the devices and ends the phone process
        line.stop()


def registered(recorder: Recorder, timeout: float = 10.0) -> RegistrationChanged:
    event = recorder.wait_for(
        lambda e: (
            isinstance(e, RegistrationChanged) and e.state in (Registration.REGISTERED, Registration.FAILED)
        ),
        timeout,
    )
    assert isinstance(event, RegistrationChanged)
    return event


def answered(recorder: Recorder, call_id: str, timeout: float = 10.0) -> None:
    recorder.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call_id, timeout)


def assert_heard(path: Path, frequency: float, who: str, seconds: float = 1.0) -> None:
    """``path`` holds ``frequency`` for at least ``seconds``, and little else (silence aside: a call's
    recording starts before its media flows)."""
    rate, samples = tone.read_wav(path)
    length, share = tone.tone_seconds(samples, rate, frequency)
    detail = f"{who}: {length:.2f} s of {frequency:.0f} Hz, {share:.0%} of what was not silent; {tone.runs(samples, rate, frequency)}"
    assert length >= seconds and share >= 0.8, detail


def not_heard(path: Path, frequency: float) -> bool:
    rate, samples = tone.read_wav(path)
    return tone.tone_seconds(samples, rate, frequency)[0] < 0.2


# -- registration --------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_our_line_registers_with_the_right_password(our_line: Callable[..., tuple[ProcessLine, Recorder]],
                                                    transport: str) -> None:  # fmt: skip
    line, recorder = our_line(transport, audio=False)
    event = registered(recorder)
    assert event.state is Registration.REGISTERED, event
    assert line.registration is Registration.REGISTERED


def test_a_wrong_password_fails_and_says_why(our_line: Callable[..., tuple[ProcessLine, Recorder]]) -> None:
    line, recorder = our_line("udp", password="not-the-password", audio=False)
    event = registered(recorder)
    assert event.state is Registration.FAILED
    assert "403" in event.detail and ("Authentication" in event.detail or "認証" in event.detail), (
        event.detail
    )
    assert line.registration_detail == event.detail


# -- TLS: the server's certificate is verified ---------------------------------------------------------


def test_tls_refuses_a_certificate_no_trusted_authority_signed_and_says_why(
    our_line: Callable[..., tuple[ProcessLine, Recorder]],
) -> None:
    """Without the test CA, Kamailio's certificate is signed by nobody the system trusts."""
    line, recorder = our_line("tls", audio=False, tls_ca_file="")
    event = registered(recorder)
    assert event.state is Registration.FAILED, event
    assert "trusted certificate authority" in event.detail or "信頼された認証局" in event.detail, event.detail


def test_tls_refuses_a_certificate_made_out_to_another_name_and_says_why(
    our_line: Callable[..., tuple[ProcessLine, Recorder]], kamailio: Kamailio
) -> None:
    """The certificate names 127.0.0.1; the account reaches the same server as "localhost"."""
    line, recorder = our_line("tls", audio=False, registrar=f"localhost:{kamailio.tls_port}")
    event = registered(recorder)
    assert event.state is Registration.FAILED, event
    assert "not made out to localhost" in event.detail or "localhost と一致しません" in event.detail, (
        event.detail
    )


def test_tls_without_verification_is_an_explicit_choice_that_connects(
    our_line: Callable[..., tuple[ProcessLine, Recorder]],
) -> None:
    line, recorder = our_line("tls", audio=False, tls_ca_file="", tls_verify=False)
    assert registered(recorder).state is Registration.REGISTERED


EXIT_AFTER_TLS = """
import sys, time
from calllist_desktop.core.line import Registration
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.sip import SipLine
registrar, ca, stop = sys.argv[1:4]
line = SipLine(SipAccount(registrar=registrar, user="operator", transport="tls", tls_ca_file=ca), "secret")
line.start()
deadline = time.monotonic() + 10
while line.registration is not Registration.REGISTERED and time.monotonic() < deadline:
    time.sleep(0.05)
print(line.registration.value, flush=True)
if stop == "stop":
    line.stop()
"""


@pytest.mark.parametrize("stop", ["stop", "exit"], ids=["line-stopped", "line-running-at-exit"])
def test_a_process_whose_line_registered_over_tls_exits_cleanly(kamailio: Kamailio, stop: str) -> None:
    """Kamailio challenges the un-REGISTER too: PJSIP must still hold the transport for the second try.
    (When the transport went first, destroying the endpoint aborted the process.) Three runs each:
    the abort depended on timing."""
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-c", EXIT_AFTER_TLS, kamailio.registrar("tls"), str(kamailio.ca), stop],
            capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[2],
        )  # fmt: skip
        assert (run.returncode, run.stdout.strip()) == (0, "registered"), run.stderr[-3000:]


# -- calls with sound ----------------------------------------------------------------------------------


def talk(line: ProcessLine, recorder: Recorder, far: FarEnd, seconds: float = 4.0) -> str:
    """Dial the far end, wait for the answer, talk ``seconds``, hang up; the call id."""
    call_id = line.dial(far.uri)
    answered(recorder, call_id)
    time.sleep(seconds)
    if line.audio is not None:  # what the call card shows, read across the pipe as it would
        levels, status = line.audio.levels(), line.audio.audio_status()
        assert status.state == "active", status
        assert levels.input.rms > 0.01 and levels.output.rms > 0.01, levels
    line.hang_up(call_id)
    recorder.ended(call_id, timeout=10.0)
    far.wait_event("CALL_CLOSED")
    return call_id


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_call_carries_our_tone_to_the_far_end_and_theirs_to_our_speaker(
    our_line: Callable[..., tuple[ProcessLine, Recorder]], far_end: Callable[..., FarEnd], pulse: PulseAudio,
    tmp_path: Path, transport: str,
) -> None:  # fmt: skip
    far = far_end("farend", transport, tone_frequency=THEIRS)
    line, recorder = our_line(transport)
    assert registered(recorder).state is Registration.REGISTERED
    speaker = tmp_path / "our-speaker.wav"
    catching = pulse.record(speaker)
    talk(line, recorder, far)
    pulse.stop_recording(catching)
    assert_heard(far.heard(), OURS, "the far end")
    assert not_heard(far.heard(), THEIRS), "the far end heard itself"
    assert_heard(speaker, THEIRS, "our speaker")
    assert not_heard(speaker, OURS), "our speaker played our own microphone"


def call_with_a_pause(line: ProcessLine, recorder: Recorder, far: FarEnd, switch: Callable[[str, bool], None],
                      seconds: float) -> None:  # fmt: skip
    """Call the far end; after 2 s ``switch(call, True)`` (mute, hold) for ``seconds``, then 2.5 s more."""
    call_id = line.dial(far.uri)
    answered(recorder, call_id)
    time.sleep(2.0)
    switch(call_id, True)
    time.sleep(seconds)
    switch(call_id, False)
    time.sleep(2.5)
    line.hang_up(call_id)
    recorder.ended(call_id, timeout=10.0)
    far.wait_event("CALL_CLOSED")


def test_mute_silences_our_direction_and_unmute_brings_it_back(
    our_line: Callable[..., tuple[ProcessLine, Recorder]], far_end: Callable[..., FarEnd], pulse: PulseAudio
) -> None:
    far = far_end("farend", "udp", tone_frequency=THEIRS)
    line, recorder = our_line("udp")
    assert registered(recorder).state is Registration.REGISTERED
    muted_seen: list[bool] = []

    def mute(call_id: str, muted: bool) -> None:
        line.set_mute(call_id, muted)
        assert line.audio is not None
        muted_seen.append(line.audio.is_muted(call_id))  # the call card's ミュート中 at once

    call_with_a_pause(line, recorder, far, mute, 2.0)
    assert muted_seen == [True, False]
    rate, samples = tone.read_wav(far.heard())
    # Our tone, then silence for most of the 2 s muted (not merely another sound), then our tone again.
    assert tone.tone_gap_tone(samples, rate, OURS, gap=1.5), (
        f"the far end heard {tone.runs(samples, rate, OURS)}"
    )


def test_hold_stops_their_sound_and_resume_brings_it_back(
    our_line: Callable[..., tuple[ProcessLine, Recorder]], far_end: Callable[..., FarEnd], pulse: PulseAudio,
    tmp_path: Path,
) -> None:  # fmt: skip
    far = far_end("farend", "udp", tone_frequency=THEIRS)
    line, recorder = our_line("udp", recordings=tmp_path / "recordings")
    assert registered(recorder).state is Registration.REGISTERED
    speaker = tmp_path / "our-speaker.wav"
    catching = pulse.record(speaker)
    call_with_a_pause(line, recorder, far, line.set_hold, 2.5)
    pulse.stop_recording(catching)
    assert isinstance(line.audio, RemoteAudio) and line.audio.wait_for_recordings()
    # The re-INVITEs gave the call new conference ports; the call still has one recording.
    files = sorted((tmp_path / "recordings").rglob("*.wav"))
    assert len(files) == 1, files
    rate, customer = tone.read_wav(files[0], channel=1)
    assert len(customer) / rate >= 6.0, f"the recording holds {len(customer) / rate:.1f} s of a 7 s call"
    assert tone.tone_gap_tone(customer, rate, THEIRS, gap=1.5, quiet=("silence", "other")), (
        f"the recording's customer side: {tone.runs(customer, rate, THEIRS)}"
    )
    assert [type(e).__name__ for e in recorder.events if isinstance(e, CallEnded)] == ["CallEnded"], (
        "hold ended the call"
    )
    offers = [e for e in far.events if e.get("type") == "CALL_REMOTE_SDP" and e.get("param") == "offer"]
    assert len(offers) >= 3, "no re-INVITEs for hold and resume (the INVITE, hold, resume)"
    rate, samples = tone.read_wav(speaker)
    # Their tone, none of it for most of the 2.5 s on hold, then their tone again after the resume.
    runs = tone.runs(samples, rate, THEIRS)
    assert tone.tone_gap_tone(samples, rate, THEIRS, gap=1.5, quiet=("silence", "other")), (
        f"our speaker played {runs}"
    )


@pytest.mark.parametrize("audio", [True, False], ids=["with-audio", "no-audio"])
def test_dtmf_digits_arrive_at_the_far_end(
    our_line: Callable[..., tuple[ProcessLine, Recorder]],
    far_end: Callable[..., FarEnd],
    pulse: PulseAudio,
    audio: bool,
) -> None:
    far = far_end("farend", "udp", tone_frequency=THEIRS)
    line, recorder = our_line("udp", audio=audio)
    assert registered(recorder).state is Registration.REGISTERED
    call_id = line.dial(far.uri)
    answered(recorder, call_id)
    far.wait_event("CALL_ESTABLISHED")
    time.sleep(
        1.0
    )  # the operator presses the keys a moment after the answer (see the report on digits sent at once)
    line.send_dtmf(call_id, "159#*0")
    deadline = time.monotonic() + 8.0
    while far.dtmf_digits() != "159#*0" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert far.dtmf_digits() == "159#*0"
    line.hang_up(call_id)
    recorder.ended(call_id, timeout=10.0)


@pytest.mark.parametrize("transport", ["udp", "tls"])
def test_a_call_from_the_far_end_rings_us_and_carries_sound_both_ways_once_answered(
    our_line: Callable[..., tuple[ProcessLine, Recorder]], far_end: Callable[..., FarEnd], pulse: PulseAudio,
    tmp_path: Path, transport: str,
) -> None:  # fmt: skip
    line, recorder = our_line(transport)
    assert registered(recorder).state is Registration.REGISTERED
    far = far_end("farend", transport, tone_frequency=THEIRS)
    speaker = tmp_path / "our-speaker.wav"
    catching = pulse.record(speaker)
    far.command("dial", far.address_of("operator"))
    incoming = recorder.wait_for(lambda e: isinstance(e, IncomingCall), timeout=10.0)
    assert isinstance(incoming, IncomingCall)
    assert "farend" in incoming.remote
    time.sleep(0.5)
    assert not any(isinstance(e, CallAnswered) for e in recorder.events), "answered before we answered"
    line.answer(incoming.call_id)
    answered(recorder, incoming.call_id)
    far.wait_event("CALL_ESTABLISHED")
    time.sleep(4.0)
    far.command("hangup")
    ended = recorder.ended(incoming.call_id, timeout=10.0)
    pulse.stop_recording(catching)
    assert ended.sip_status in (None, 200), ended
    assert_heard(far.heard(), OURS, "the caller")
    # Our speaker rang before the answer (the ringtone is another sound): after it, their tone.
    rate, samples = tone.read_wav(speaker)
    sounds = [(kind, length) for kind, length in tone.runs(samples, rate, THEIRS) if kind != "silence"]
    assert sounds and sounds[-1][0] == "tone" and sounds[-1][1] >= 1.0, f"our speaker played {sounds}"
