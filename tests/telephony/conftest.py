"""Fixtures for the SIP line: a SIPp far end on loopback, an event recorder, a keyring in memory.

SIPp tests skip when ``sipp`` is not installed, unless ``CALLLIST_REQUIRE_SIPP`` is set (CI sets
it): then a missing SIPp fails them, so a green run always means the SIP line was exercised.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from calllist_desktop.core.line import CallEnded, Line, LineEvent, Registration, RegistrationChanged
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.phone_process import ProcessLine
from calllist_desktop.telephony.sip import SipLine
from tests.voice_fixtures import free_port

SCENARIOS = Path(__file__).resolve().parent / "sipp"


def free_udp_port() -> int:
    """A port on 127.0.0.1 that nobody holds right now, for UDP and for TCP.

    The same number serves a UDP far end or a TCP one (SIPp ``-t t1``, our line on TCP): a port
    free for UDP but held by a TCP connection (a database client's, say) made a SIP line test
    fail now and then with "Address already in use".
    """
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port


def sipp_media_ports() -> int:
    """A port p for SIPp's ``-mp``: it binds p … p+3 (audio and video RTP, each with RTCP), so all
    four must be free. (One free port was checked before, and SIPp exited now and then with
    "Unable to bind video RTP socket … Address already in use" on p+2.)"""
    return free_port(4)


def _udp_port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


@dataclass
class Sipp:
    """A running SIPp UAS: its address and its error log (read it when a test fails)."""

    port: int
    process: subprocess.Popen[bytes]
    error_file: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def errors(self) -> str:
        return self.error_file.read_text(errors="replace") if self.error_file.exists() else ""

    def messages(self) -> str:
        """Every SIP message SIPp sent and received so far, as its trace shows them."""
        trace = self.error_file.with_name(self.error_file.name.replace("errors", "messages"))
        return trace.read_text(errors="replace") if trace.exists() else ""


def _sipp_executable() -> str:
    executable = shutil.which("sipp")
    if executable is None:
        if os.environ.get("CALLLIST_REQUIRE_SIPP"):
            pytest.fail("CALLLIST_REQUIRE_SIPP is set but sipp is not installed (apt-get install sip-tester)")
        pytest.skip("sipp is not installed")
    return executable


def _launch(tmp_path: Path, started: list[Sipp], port: int, arguments: list[str]) -> Sipp:
    error_file = tmp_path / f"sipp-{port}-errors.log"
    process = subprocess.Popen(
        [_sipp_executable(), *arguments, "-i", "127.0.0.1", "-p", str(port), "-mp", str(sipp_media_ports()),
         "-nostdin", "-trace_err", "-error_file", str(error_file),
         "-trace_msg", "-message_file", str(error_file.with_name(f"sipp-{port}-messages.log"))],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server = Sipp(port, process, error_file)
    started.append(server)
    return server


def _kill_all(started: list[Sipp]) -> None:
    for server in started:
        server.process.terminate()
        try:
            server.process.wait(3.0)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(3.0)


def start_uas(tmp_path: Path, started: list[Sipp], arguments: list[str], tries: int = 3) -> Sipp:
    """Start SIPp as a UAS with ``arguments`` (a scenario, or a built-in one) on free loopback
    ports, added to ``started``; returns once it listens (fails the test if it cannot)."""
    port = free_udp_port()
    server = _launch(tmp_path, started, port, arguments)
    deadline = time.monotonic() + 5.0
    while not _udp_port_taken(port):
        if server.process.poll() is not None:
            errors = server.errors()
            # Its ports were free when chosen and taken before it bound them (another
            # program's ephemeral port): new ports, not the test's failure.
            if "Address already in use" in errors and tries > 1:
                return start_uas(tmp_path, started, arguments, tries - 1)
            pytest.fail(f"sipp exited at once ({server.process.returncode}): {errors}")
        if time.monotonic() > deadline:
            pytest.fail("sipp did not open its port within 5 s")
        time.sleep(0.02)
    return server


@pytest.fixture
def sipp(tmp_path: Path) -> Iterator[Callable[[str], Sipp]]:
    """Start SIPp as a UAS on a free loopback port with one of ``tests/telephony/sipp``'s scenarios.

    Every SIPp started is killed after the test.
    """
    _sipp_executable()
    started: list[Sipp] = []
    yield lambda scenario: start_uas(tmp_path, started, ["-sf", str(SCENARIOS / scenario)])
    _kill_all(started)


@pytest.fixture
def sipp_uac(tmp_path: Path) -> Iterator[Callable[[int, str], Sipp]]:
    """Start SIPp as a UAC that places one call to 127.0.0.1:``port`` with a scenario."""
    _sipp_executable()
    started: list[Sipp] = []

    def start(port: int, scenario: str) -> Sipp:
        arguments = ["-sf", str(SCENARIOS / scenario), f"127.0.0.1:{port}", "-m", "1"]
        return _launch(tmp_path, started, free_udp_port(), arguments)

    yield start
    _kill_all(started)


class Recorder:
    """Collects a line's events (from any thread) and waits for the ones a test expects."""

    def __init__(self, line: Line) -> None:
        self.events: list[LineEvent] = []
        self._condition = threading.Condition()
        line.add_listener(self)

    def __call__(self, event: LineEvent) -> None:
        with self._condition:
            self.events.append(event)
            self._condition.notify_all()

    def wait_for(self, predicate: Callable[[LineEvent], bool], timeout: float = 5.0) -> LineEvent:
        """The first event (already seen or still to come) that satisfies ``predicate``."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for event in self.events:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no matching event within {timeout} s; saw {self.events}")
                self._condition.wait(remaining)

    def ended(self, call_id: str, timeout: float = 5.0) -> CallEnded:
        event = self.wait_for(lambda e: isinstance(e, CallEnded) and e.call_id == call_id, timeout)
        assert isinstance(event, CallEnded)
        return event

    def of_call(self, call_id: str) -> list[str]:
        """The kinds of events seen for one call, in order."""
        with self._condition:
            return [type(e).__name__ for e in self.events if getattr(e, "call_id", None) == call_id]


AnySipLine = SipLine | ProcessLine
LineFactory = Callable[..., tuple[AnySipLine, Recorder]]


@pytest.fixture(params=["in_process", "phone_process"])
def make_line(request: pytest.FixtureRequest) -> Iterator[LineFactory]:
    """Build, start and (after the test) stop SIP lines; the stop must be quick.

    Every test runs twice: on the SIP line itself, and on the line as the window and the CLI
    hold it (:class:`ProcessLine`, the same SIP line in a phone process behind a pipe).
    """
    lines: list[AnySipLine] = []

    def make(
        registrar: str, password: str = "", listen_port: int | None = None, **fields: object
    ) -> tuple[AnySipLine, Recorder]:
        settings: dict[str, object] = {"user": "operator", "register": False, "ring_timeout": 1.0}
        settings.update(fields)
        account = SipAccount(registrar=registrar, **settings)  # type: ignore[arg-type]
        line: AnySipLine
        if request.param == "in_process":
            line = SipLine(account, password, listen_port=listen_port)
        else:
            line = ProcessLine(account, password, listen_port=listen_port)
        recorder = Recorder(line)
        lines.append(line)
        line.start()
        if isinstance(line, ProcessLine) and not account.register:
            # The SIP line is ready when start() returns; the phone process says so a moment later.
            recorder.wait_for(lambda e: isinstance(e, RegistrationChanged) and e.state is not Registration.REGISTERING, 10)
        return line, recorder

    yield make
    for line in lines:
        started = time.monotonic()
        line.stop()
        assert time.monotonic() - started < 5.0, "stop() took too long"
