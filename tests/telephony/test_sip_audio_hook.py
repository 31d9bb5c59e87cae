"""The SIP line's hook for the audio path: attach when a call's media is up, detach when it ends,
mute through it; and the order at exit that keeps PJSIP from aborting the process.

A media port or call that outlives ``Endpoint.libDestroy()`` aborts the process (an assertion in
PJSIP's conference bridge), so one test exits a process in the middle of a call with a media
port joined to it and checks that it ends cleanly.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pjsua2 as pj
import pytest

from calllist_desktop.core.line import (
    CallAnswered,
    IncomingCall,
    LineError,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.sip import SipLine
from tests.telephony.conftest import Recorder, Sipp, free_udp_port

ROOT = Path(__file__).resolve().parents[2]


class FakeAudio:
    """An audio path that writes down what the line asks of it, and checks where it is asked."""

    available = True
    status = "test audio"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, object]] = []
        self.threads: set[str] = set()
        self.changed = threading.Condition()

    def _note(self, *entry: object) -> None:
        with self.changed:
            self.calls.append(entry)  # type: ignore[arg-type]
            self.threads.add(threading.current_thread().name)
            self.changed.notify_all()

    def attach(self, call_id: str, media: pj.AudioMedia) -> None:
        self._note("attach", call_id, media.getPortId())

    def detach(self, call_id: str) -> None:
        self._note("detach", call_id, None)

    def set_mute(self, call_id: str, muted: bool) -> None:
        self._note("mute", call_id, muted)

    def wait(self, count: int) -> list[tuple[str, str, object]]:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.calls) >= count, 5.0), self.calls
            return list(self.calls)


@pytest.fixture
def audio_line(sipp: Callable[[str], Sipp]) -> Iterator[tuple[SipLine, Recorder, FakeAudio]]:
    far_end = sipp("outcomes_by_number.xml")
    audio = FakeAudio()
    line = SipLine(SipAccount(registrar=far_end.address, user="operator", register=False, ring_timeout=2.0), audio=audio)
    recorder = Recorder(line)
    line.start()
    yield line, recorder, audio
    line.stop()


def test_an_answered_calls_media_is_attached_then_detached_on_the_pjsip_thread(
    audio_line: tuple[SipLine, Recorder, FakeAudio],
) -> None:
    line, recorder, audio = audio_line
    assert line.can_mute and line.audio_problem == ""
    call_id = line.dial("0312340201")
    recorder.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call_id)
    (kind, attached_id, port), *_ = audio.wait(1)
    assert (kind, attached_id) == ("attach", call_id)
    assert isinstance(port, int) and port >= 0  # a real slot of PJSIP's conference bridge
    line.set_mute(call_id, True)
    line.hang_up(call_id)
    assert recorder.ended(call_id).outcome is Outcome.ANSWERED
    assert [entry[:2] for entry in audio.wait(3)] == [("attach", call_id), ("mute", call_id), ("detach", call_id)]
    assert audio.threads == {"calllist-pjsip"}


def test_a_call_that_is_never_answered_is_never_attached(audio_line: tuple[SipLine, Recorder, FakeAudio]) -> None:
    line, recorder, audio = audio_line
    call_id = line.dial("0312340486")
    assert recorder.ended(call_id).outcome is Outcome.BUSY
    assert audio.calls == []


def test_without_an_audio_path_the_line_says_no_audio_and_cannot_mute(sipp: Callable[[str], Sipp]) -> None:
    far_end = sipp("outcomes_by_number.xml")
    line = SipLine(SipAccount(registrar=far_end.address, user="operator", register=False))
    recorder = Recorder(line)
    line.start()
    try:
        assert not line.can_mute and line.audio_problem.startswith("no audio")
        call_id = line.dial("0312340201")
        recorder.wait_for(lambda e: isinstance(e, CallAnswered))
        with pytest.raises(LineError, match="no audio"):
            line.set_mute(call_id, True)
        line.hang_up(call_id)
        assert recorder.ended(call_id).outcome is Outcome.ANSWERED  # the call itself was fine
    finally:
        line.stop()


def test_an_answered_incoming_call_is_attached_too(
    sipp_uac: Callable[[int, str], Sipp],
) -> None:
    port = free_udp_port()
    audio = FakeAudio()
    line = SipLine(SipAccount(registrar="127.0.0.1:9", user="operator", register=False), listen_port=port, audio=audio)
    recorder = Recorder(line)
    line.add_listener(lambda e: line.answer(e.call_id) if isinstance(e, IncomingCall) else None)
    line.start()
    try:
        sipp_uac(port, "calls_us.xml")
        incoming = recorder.wait_for(lambda e: isinstance(e, IncomingCall))
        assert isinstance(incoming, IncomingCall)
        recorder.ended(incoming.call_id)
        assert [entry[:2] for entry in audio.wait(2)] == [("attach", incoming.call_id), ("detach", incoming.call_id)]
    finally:
        line.stop()


EXIT_MID_CALL = textwrap.dedent(
    """
    import sys, threading
    import pjsua2 as pj
    from calllist_desktop.core.line import CallAnswered
    from calllist_desktop.telephony import pj_endpoint
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.sip import SipLine

    class Port(pj.AudioMediaPort):
        frames = 0
        def onFrameReceived(self, frame):
            Port.frames += 1
        def onFrameRequested(self, frame):
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
            frame.buf = pj.ByteVector([0] * 640)
            frame.size = 640

    class Audio:
        available = True
        status = ""
        def __init__(self):
            self.ports = {}
            self.joined = threading.Event()
            pj_endpoint.before_destroy(self.close)  # made before the line: its hook runs after the line's
        def attach(self, call_id, media):
            port = Port()
            fmt = pj.MediaFormatAudio()
            fmt.init(pj.PJMEDIA_FORMAT_PCM, 16000, 1, 20000, 16)
            port.createPort(call_id, fmt)
            media.startTransmit(port)
            port.startTransmit(media)
            self.ports[call_id] = port
            self.joined.set()
        def detach(self, call_id):
            self.ports.pop(call_id, None)
        def set_mute(self, call_id, muted):
            pass
        def close(self):
            self.ports.clear()

    audio = Audio()
    line = SipLine(SipAccount(registrar=sys.argv[1], user="operator", register=False), audio=audio)
    line.start()
    line.dial("0312340201")
    assert audio.joined.wait(5), "no media"
    threading.Event().wait(0.5)
    print("frames", Port.frames, flush=True)
    sys.exit(0)  # mid-call, port joined, line never stopped
    """
)


def test_leaving_the_program_mid_call_with_a_media_port_ends_it_cleanly(sipp: Callable[[str], Sipp]) -> None:
    far_end = sipp("outcomes_by_number.xml")
    done = subprocess.run(
        [sys.executable, "-c", EXIT_MID_CALL, far_end.address],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Assertion" not in done.stderr and done.stdout.startswith("frames ")
    assert int(done.stdout.split()[1]) >= 10  # the null device's clock drove the port: 20 ms frames
    assert done.stderr == ""  # nothing of PJSIP's on the program's output either


def test_registration_events_still_come_with_an_audio_path(audio_line: tuple[SipLine, Recorder, FakeAudio]) -> None:
    _, recorder, _ = audio_line
    assert recorder.events[0] == RegistrationChanged(Registration.REGISTERED, "direct dialling, no registration")
