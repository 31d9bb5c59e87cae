"""Shared pieces of the voice tests (the audio path's, the window's audio tests, the interop tests
and the audio benchmarks): finding the external programs, free ports, stopping what a test
started, a PulseAudio daemon with virtual devices that keep real time, and PJSIP's thread.

The PulseAudio daemon is started by the test itself, with its own ``XDG_RUNTIME_DIR`` (works as
root and beside a user's own daemon) and two null sinks:

- ``mic``: what is played into it (``paplay -d mic``) comes out of ``mic.monitor``, the source our
  client records from (PortAudio's ``pulse`` device with ``PULSE_SOURCE=mic.monitor``);
- ``speaker``: our client plays to it (``PULSE_SINK=speaker``); ``parecord -d speaker.monitor``
  catches what it played.

PulseAudio keeps real time, so the timing of the whole path, PortAudio included, is the timing a
sound card would give (an ALSA ``file`` device runs thousands of times faster and proves nothing
timed). Fixtures: :func:`pulse_audio` (the daemon, one per run), :func:`pulse` (this process's
PortAudio pointed at it), :func:`tone_1k`, :func:`endpoint` (PJSIP's thread).

Voice tests skip when a program is missing, unless ``CALLLIST_REQUIRE_VOICE`` is set (CI sets it;
it installs pulseaudio, pulseaudio-utils, libasound2-plugins and libportaudio2): then a missing
program fails them, so a green CI run always means real software carried the call.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

REQUIRE_VOICE = "CALLLIST_REQUIRE_VOICE"


def require_program(name: str, package: str) -> str:
    """The path of ``name``; skips (or fails under ``CALLLIST_REQUIRE_VOICE``) when it is missing."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/local/sbin")
    if path is None:
        if os.environ.get(REQUIRE_VOICE):
            pytest.fail(f"{REQUIRE_VOICE} is set but {name} is not installed (apt-get install {package})")
        pytest.skip(f"{name} is not installed (Debian package {package})")
    return path


def free_port(count: int = 1) -> int:
    """A port p on 127.0.0.1 such that p … p+count-1 are free for both UDP and TCP right now."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port + count > 65535:
            continue
        if all(_free(kind, candidate) for candidate in range(port, port + count)
               for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM)):  # fmt: skip
            return port


def _free(kind: int, port: int) -> bool:
    with socket.socket(socket.AF_INET, kind) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def start_dying_with_us(
    command: list[str], number: int = signal.SIGKILL, **options: Any
) -> subprocess.Popen[bytes]:
    """``Popen(command, **options)`` for a server a test starts: in its own process group (so
    :func:`stop_process` reaches the workers it forks) and, on Linux, sent signal ``number`` if
    this process dies before its teardown runs (an abort inside a native library skips every
    ``finally``).

    The parent-death signal is set by ``setpriv --pdeathsig`` (util-linux) before it runs the
    command, not by a ``preexec_fn``: Python code in a child forked from this many-threaded
    process can deadlock before it execs. It did, in CI: PortAudio's callback thread made and
    dropped its Python thread state each block, and a fork that caught it holding the runtime's
    lock left the child waiting for that lock forever, and the test waiting for the child.
    """
    setpriv = shutil.which("setpriv") if sys.platform == "linux" else None
    if setpriv is not None:
        command = [setpriv, "--pdeathsig", signal.Signals(number).name, "--", *command]
    return subprocess.Popen(command, start_new_session=True, **options)


def with_group_watch(command: list[str]) -> list[str]:
    """``command`` under a shell that kills its whole process group when it gets SIGTERM.

    For a server whose workers outlive their parent (Kamailio's do): started with
    ``start_dying_with_us(..., signal.SIGTERM)``, the workers go too when the test process dies
    without its teardown.
    """
    return ["sh", "-c", 'trap "kill -KILL 0" TERM; "$@" & wait $!', "group-watch", *command]


def stop_process(process: subprocess.Popen[bytes], grace: float = 3.0) -> None:
    """SIGTERM to its process group (or to it), then SIGKILL after ``grace`` seconds; always reaps it."""
    group = _own_group(process)
    if process.poll() is None:
        _signal(process, group, signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            _signal(process, group, signal.SIGKILL)
            process.wait(5.0)
    if group is not None:  # workers that outlived their parent
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


def _own_group(process: subprocess.Popen[bytes]) -> int | None:
    """The process group ``process`` leads (started with :func:`start_dying_with_us`), else None."""
    try:
        return process.pid if os.getpgid(process.pid) == process.pid else None
    except (ProcessLookupError, AttributeError):
        return None


def _signal(process: subprocess.Popen[bytes], group: int | None, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        if group is not None:
            os.killpg(group, number)
        else:
            process.send_signal(number)


def tail(path: Path, characters: int = 4000) -> str:
    """The end of a log file, for a failure message."""
    if not path.exists():
        return f"({path} does not exist)"
    return path.read_text(errors="replace")[-characters:]


@dataclass
class PulseAudio:
    """A private PulseAudio daemon with the null sinks ``mic`` and ``speaker`` (see the module)."""

    runtime_dir: Path
    log_file: Path
    process: subprocess.Popen[bytes]
    players: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def environment(self) -> dict[str, str]:
        """What a program needs to reach this daemon (PortAudio's ``pulse`` ALSA device, pa* tools)."""
        return {
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "PULSE_SERVER": f"unix:{self.runtime_dir}/pulse/native",
        }

    def client_environment(self, source: str = "mic.monitor", sink: str = "speaker") -> dict[str, str]:
        """The environment for our client: records from ``source``, plays to ``sink``."""
        return {**os.environ, **self.environment, "PULSE_SOURCE": source, "PULSE_SINK": sink}

    def play(self, wav: Path, sink: str = "mic") -> subprocess.Popen[bytes]:
        """Start ``paplay`` of ``wav`` into ``sink`` (it paces the file at real time)."""
        player = start_dying_with_us(
            ["paplay", "--latency-msec=20", "-d", sink, str(wav)], env={**os.environ, **self.environment},
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.players.append(player)
        return player

    def record(
        self, wav: Path, source: str = "speaker.monitor", rate: int = 8000, channels: int = 1
    ) -> subprocess.Popen[bytes]:
        """Start ``parecord`` of ``source`` to ``wav`` (16-bit, ``rate``, mono unless ``channels``);
        stop it with :meth:`stop_recording`.

        parecord connects within a second or two; start the program's sound right after this,
        not after waiting for it: a playback stream opened while the null sink's monitor is
        already being recorded stalled after a few blocks (PulseAudio's null sink and the ALSA
        pulse plugin), and one opened first plays on when the monitor joins.
        """
        recorder = start_dying_with_us(
            ["parecord", "--latency-msec=20", "-d", source, "--file-format=wav", "--format=s16le", f"--rate={rate}", f"--channels={channels}",
             str(wav)],
            env={**os.environ, **self.environment},
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.players.append(recorder)
        return recorder

    @staticmethod
    def stop_recording(recorder: subprocess.Popen[bytes]) -> None:
        """Stop a :meth:`record` so that it writes out what it holds (SIGINT, as Ctrl+C)."""
        if recorder.poll() is None:
            recorder.send_signal(signal.SIGINT)
            try:
                recorder.wait(5.0)
            except subprocess.TimeoutExpired:
                stop_process(recorder)

    def pactl(self, *arguments: str) -> str:
        result = subprocess.run(["pactl", *arguments], env={**os.environ, **self.environment},
                                capture_output=True, text=True, timeout=10, check=True)  # fmt: skip
        return result.stdout

    def log(self) -> str:
        return tail(self.log_file)


def start_pulseaudio(folder: Path) -> PulseAudio:
    """Start a private daemon in ``folder``; fails the test with its log when it does not come up."""
    executable = require_program("pulseaudio", "pulseaudio")
    require_program("paplay", "pulseaudio-utils")
    runtime_dir = folder / "runtime"
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    log_file = folder / "pulseaudio.log"
    environment = {**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir), "HOME": str(folder)}
    environment.pop("PULSE_SERVER", None)
    with log_file.open("wb") as log:
        process = start_dying_with_us(
            [executable, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--disable-shm=yes",
             "-L", "module-native-protocol-unix", "-L", "module-null-sink sink_name=mic",
             "-L", "module-null-sink sink_name=speaker"],
            env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = PulseAudio(runtime_dir, log_file, process)
    deadline = time.monotonic() + 10.0
    while True:
        if process.poll() is not None:
            pytest.fail(f"pulseaudio exited at once ({process.returncode}):\n{server.log()}")
        try:
            if "speaker" in server.pactl("list", "short", "sinks"):
                return server
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
        if time.monotonic() > deadline:
            stop_process(process)
            pytest.fail(f"pulseaudio did not come up within 10 s:\n{server.log()}")
        time.sleep(0.1)


def stop_pulseaudio(server: PulseAudio) -> None:
    for player in server.players:
        stop_process(player)
    stop_process(server.process)


@pytest.fixture(scope="session")
def pulse_audio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseAudio]:
    """A private PulseAudio daemon with the virtual ``mic`` and ``speaker`` (one per test run)."""
    require_program("parecord", "pulseaudio-utils")
    server = start_pulseaudio(tmp_path_factory.mktemp("pulse"))
    try:
        yield server
    finally:
        stop_pulseaudio(server)


@pytest.fixture
def pulse(pulse_audio: PulseAudio) -> Iterator[PulseAudio]:
    """The daemon, with this process pointed at it: PortAudio's ``pulse`` device is mic/speaker.

    PortAudio lists the devices it could open when it started; it reads the list again here, as
    it would when a headset is plugged in, and again afterwards, so that neither what an earlier
    test saw nor this daemon leaks into later tests (a CLI test expecting a machine without sound).
    """
    from calllist_desktop.telephony.audio import devices

    # Found through its runtime folder, as a desktop session finds its server. (With PULSE_SERVER
    # naming the socket instead, an output-only stream here stalled after a few blocks.)
    wanted = {
        "XDG_RUNTIME_DIR": str(pulse_audio.runtime_dir),
        "PULSE_SOURCE": "mic.monitor",
        "PULSE_SINK": "speaker",
    }
    saved = {name: os.environ.get(name) for name in (*wanted, "PULSE_SERVER")}
    os.environ.pop("PULSE_SERVER", None)
    os.environ.update(wanted)
    assert devices.refresh(), "a sound stream of an earlier test is still open"
    try:
        yield pulse_audio
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        devices.refresh()


@pytest.fixture(scope="session")
def tone_1k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 s of 1 kHz to play into the microphone."""
    from tests.telephony.audio.tones import write_tone

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
