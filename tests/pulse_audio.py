"""Fixtures for the audio path: a real-time virtual sound card (a PulseAudio daemon of the tests'
own), a tone to play into it, and the process's PJSIP endpoint. Imported by the conftest of
``tests/telephony/audio`` and by the window's audio tests.

The daemon runs with two null sinks, ``mic`` and ``speaker``. ``paplay -d mic`` plays into the
first, and the program records its monitor (``PULSE_SOURCE=mic.monitor``) as its microphone
through PortAudio's ``pulse`` device; the program plays to ``PULSE_SINK=speaker`` and
``parecord -d speaker.monitor`` catches it. PulseAudio keeps real time, so the timing of the
whole path, PortAudio included, is the timing a sound card would give (an ALSA ``file`` device
runs thousands of times faster and proves nothing timed).

Tests skip when PulseAudio is not installed, unless ``CALLLIST_REQUIRE_VOICE`` is set (CI sets
it; it installs pulseaudio, pulseaudio-utils, libasound2-plugins and libportaudio2): then they fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from tests.telephony.audio.tones import write_tone

T = TypeVar("T")


def _require(executable: str) -> str:
    found = shutil.which(executable)
    if found is None:
        if os.environ.get("CALLLIST_REQUIRE_VOICE"):
            pytest.fail(f"CALLLIST_REQUIRE_VOICE is set but {executable} is not installed (apt-get install pulseaudio pulseaudio-utils)")
        pytest.skip(f"{executable} is not installed")
    return found


@dataclass
class Pulse:
    """A running PulseAudio daemon and the helpers a test needs around it."""

    runtime: Path
    env: dict[str, str]
    pid: int

    @property
    def server(self) -> str:
        return f"unix:{self.runtime / 'pulse' / 'native'}"

    def play_into_mic(self, wav: Path) -> subprocess.Popen[bytes]:
        """Start playing ``wav`` into the microphone (until it ends or the test stops it)."""
        return subprocess.Popen(["paplay", "-d", "mic", str(wav)], env=self.env)

    def record_speaker(self, wav: Path, rate: int = 16000) -> subprocess.Popen[bytes]:
        """Start recording what the program plays, into ``wav`` (stop with :func:`stop`).

        parecord connects within a second or two; start the program's sound right after this,
        not after waiting for it: a playback stream opened while the null sink's monitor is
        already being recorded stalled here after a few blocks (PulseAudio's null sink and the
        ALSA pulse plugin), and one opened first plays on when the monitor joins.
        """
        return subprocess.Popen(
            ["parecord", "-d", "speaker.monitor", "--file-format=wav", "--channels=1", f"--rate={rate}", str(wav)],
            env=self.env,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # parecord finishes its WAV header on SIGINT
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class PulseNotStarted(Exception):
    """The daemon did not come up; the message has its own words."""


def start_daemon(executable: str, runtime: Path) -> Pulse:
    """A PulseAudio daemon with the ``mic`` and ``speaker`` null sinks, its sockets in ``runtime``.

    Also for ``bench/audio_path.py``; stop it with :func:`stop_daemon`.
    """
    runtime.chmod(0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(runtime)}
    for name in ("PULSE_SERVER", "PULSE_SINK", "PULSE_SOURCE"):
        env.pop(name, None)
    started = subprocess.run(
        [
            executable, "-n", "--daemonize=yes", "--exit-idle-time=-1", "--use-pid-file=yes",
            "-L", "module-native-protocol-unix",
            "-L", "module-null-sink sink_name=mic",
            "-L", "module-null-sink sink_name=speaker",
        ],
        env=env, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    pid_file = runtime / "pulse" / "pid"
    deadline = time.monotonic() + 10
    while not (runtime / "pulse" / "native").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if started.returncode != 0 or not pid_file.exists():
        raise PulseNotStarted(f"PulseAudio did not start: {started.stderr.strip()}")
    return Pulse(runtime, env, int(pid_file.read_text().split()[0]))


def stop_daemon(daemon: Pulse) -> None:
    try:
        os.kill(daemon.pid, signal.SIGTERM)
        for _ in range(100):
            os.kill(daemon.pid, 0)
            time.sleep(0.05)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def pulse_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pulse]:
    executable = _require("pulseaudio")
    _require("paplay")
    _require("parecord")
    try:
        daemon = start_daemon(executable, tmp_path_factory.mktemp("pulse-runtime"))
    except PulseNotStarted as exc:
        pytest.fail(str(exc))
    try:
        yield daemon
    finally:
        stop_daemon(daemon)


@pytest.fixture
def pulse(pulse_daemon: Pulse) -> Iterator[Pulse]:
    """The daemon, with this process pointed at it: PortAudio's ``pulse`` device is mic/speaker.

    PortAudio lists the devices it could open when it started; it reads the list again here, as
    it would when a headset is plugged in, and again afterwards, so that neither what an earlier
    test saw nor this daemon leaks into later tests (a CLI test expecting a machine without sound).
    """
    from calllist_desktop.telephony.audio import devices

    # Found through its runtime folder, as a desktop session finds its server. (With PULSE_SERVER
    # naming the socket instead, an output-only stream here stalled after a few blocks.)
    wanted = {"XDG_RUNTIME_DIR": str(pulse_daemon.runtime), "PULSE_SOURCE": "mic.monitor", "PULSE_SINK": "speaker"}
    saved = {name: os.environ.get(name) for name in (*wanted, "PULSE_SERVER")}
    os.environ.pop("PULSE_SERVER", None)
    os.environ.update(wanted)
    assert devices.refresh(), "a sound stream of an earlier test is still open"
    try:
        yield pulse_daemon
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        devices.refresh()


@pytest.fixture(scope="session")
def tone_1k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tone(tmp_path_factory.mktemp("tones") / "tone-1000.wav", 1000, 20)


def on_pj(function: Callable[[], T]) -> T:
    """Run ``function`` on PJSIP's thread (``pj_endpoint``): pjsua2 objects are made, joined and
    dropped only there, as the SIP line does."""
    from calllist_desktop.telephony import pj_endpoint

    return pj_endpoint.pj_thread().run(function, 10)


@pytest.fixture
def endpoint() -> object:
    """PJSIP's thread, started if need be; the endpoint is the process's, shared by every test and
    destroyed at exit (``pj_endpoint``)."""
    from calllist_desktop.telephony import pj_endpoint

    return pj_endpoint.pj_thread()
