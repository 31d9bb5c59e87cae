"""The interop fixtures proved on their own: two baresip far ends call each other through Kamailio.

If these fail, a failing test of our client says nothing about our client.
"""

from __future__ import annotations

import hashlib
import re
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import tone
from tests.interop.conftest import DOMAIN, FarEnd, Kamailio
from tests.voice_fixtures import PulseAudio

TALK_SECONDS = 3.0


def _call_and_hang_up(caller: FarEnd, callee: FarEnd, seconds: float = TALK_SECONDS) -> None:
    caller.command("dial", callee.uri)
    caller.wait_event("CALL_ESTABLISHED", timeout=10.0)
    callee.wait_event("CALL_ESTABLISHED", timeout=10.0)
    time.sleep(seconds)
    caller.command("hangup")
    callee.wait_event("CALL_CLOSED", timeout=10.0)


@pytest.mark.parametrize("transport", ["udp", "tcp", "tls"])
def test_two_far_ends_hear_each_others_tone_through_kamailio(
    far_end: Callable[..., FarEnd], transport: str
) -> None:
    first = far_end("farend", transport, tone_frequency=700.0)
    second = far_end("farend2", transport, tone_frequency=1000.0)
    _call_and_hang_up(second, first)
    for phone, expected, other in ((first, 1000.0, 700.0), (second, 700.0, 1000.0)):
        rate, samples = tone.read_wav(phone.heard())
        detail = tone.describe(samples, rate)
        assert tone.tone_fraction(samples, rate, expected) > 0.5, f"{phone.user} heard {detail}"
        assert tone.tone_fraction(samples, rate, other) < 0.05, f"{phone.user} heard its own tone: {detail}"


def test_kamailio_refuses_a_wrong_password_and_an_unknown_user(kamailio: Kamailio) -> None:
    """Digest authentication is really demanded: a REGISTER with a wrong password gets 403."""
    for user, password, expected in (
        ("operator", "wrong", 403),
        ("nobody", "secret", 403),
        ("operator", "secret", 200),
    ):
        assert _register_status(kamailio, user, password) == expected, (user, password)


def _register_status(kamailio: Kamailio, user: str, password: str) -> int:
    """REGISTER ``user`` with digest ``password`` over UDP (by hand, the way a phone does)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((DOMAIN, 0))
        sock.settimeout(3.0)
        local = sock.getsockname()[1]
        call_id = f"reg-{time.time_ns()}"

        def send(cseq: int, authorization: str = "") -> tuple[int, str]:
            request = (
                f"REGISTER sip:{DOMAIN} SIP/2.0\r\nVia: SIP/2.0/UDP {DOMAIN}:{local};rport;branch=z9hG4bK{time.time_ns()}\r\n"
                f"Max-Forwards: 70\r\nFrom: <sip:{user}@{DOMAIN}>;tag=a1\r\nTo: <sip:{user}@{DOMAIN}>\r\n"
                f"Call-ID: {call_id}\r\nCSeq: {cseq} REGISTER\r\nContact: <sip:{user}@{DOMAIN}:{local}>\r\n"
                f"Expires: 60\r\n{authorization}Content-Length: 0\r\n\r\n"
            )
            sock.sendto(request.encode(), (DOMAIN, kamailio.port))
            reply = sock.recv(65536).decode(errors="replace")
            return int(reply.split(" ", 2)[1]), reply

        status, reply = send(1)
        assert status == 401, reply
        realm = re.search(r'realm="([^"]+)"', reply)
        nonce = re.search(r'nonce="([^"]+)"', reply)
        assert realm and nonce, reply
        uri = f"sip:{DOMAIN}"
        ha1 = hashlib.md5(f"{user}:{realm[1]}:{password}".encode()).hexdigest()  # noqa: S324 - SIP digest is MD5
        ha2 = hashlib.md5(f"REGISTER:{uri}".encode()).hexdigest()  # noqa: S324
        response = hashlib.md5(f"{ha1}:{nonce[1]}:{ha2}".encode()).hexdigest()  # noqa: S324
        header = (
            f'Authorization: Digest username="{user}", realm="{realm[1]}", nonce="{nonce[1]}", uri="{uri}", '
            f'response="{response}", algorithm=MD5\r\n'
        )
        status, _ = send(2, header)
        return status


def test_dtmf_hold_and_resume_between_far_ends(far_end: Callable[..., FarEnd]) -> None:
    """The far end's DTMF events and hold work, so a test of ours can lean on them."""
    first = far_end("farend", "udp", tone_frequency=700.0)
    second = far_end("farend2", "udp", tone_frequency=1000.0)
    second.command("dial", first.uri)
    second.wait_event("CALL_ESTABLISHED")
    first.wait_event("CALL_ESTABLISHED")
    for digit in "159#":
        second.command("sndcode", digit)
        time.sleep(0.25)
        second.command("sndcode", "")  # key released
        time.sleep(0.1)
    deadline = time.monotonic() + 5.0
    while first.dtmf_digits() != "159#" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert first.dtmf_digits() == "159#"
    second.command("hangup")
    first.wait_event("CALL_CLOSED")


def test_pulseaudio_devices_carry_a_tone_at_real_time(pulse_audio: PulseAudio, tmp_path: Path) -> None:
    """``paplay -d mic`` comes out of ``mic.monitor`` at real-time pace, the tone intact."""
    source = tone.write_tone(tmp_path / "tone.wav", 700.0, 2.0)
    recorded = tmp_path / "mic.wav"
    recorder = pulse_audio.record(recorded, source="mic.monitor")
    time.sleep(0.3)
    started = time.monotonic()
    player = pulse_audio.play(source, sink="mic")
    player.wait(15)
    took = time.monotonic() - started
    time.sleep(0.3)
    pulse_audio.stop_recording(recorder)
    assert player.returncode == 0, player.stderr.read() if player.stderr else ""
    assert 1.8 < took < 4.0, f"a 2 s file played in {took:.2f} s: the device does not keep real time"
    rate, samples = tone.read_wav(recorded)
    assert tone.tone_fraction(samples, rate, 700.0) > 0.5, tone.describe(samples, rate)
