"""Real SIP software around our client: a Kamailio registrar/proxy and baresip softphones as far ends.

- :func:`kamailio` starts Kamailio from ``kamailio.cfg`` beside this file on free loopback ports
  (UDP and TCP on one port, TLS on another, with a certificate made for the run). It demands
  digest authentication; its users are the fixed list in the config (:data:`USERS`).
- :func:`far_end` starts the baresip command line (Debian ``baresip-core``) with a config folder
  made for it: registered on that Kamailio over the transport asked for, answering every call by
  itself, sending a tone from a WAV file and saving what it hears (``sndfile`` module: the
  decoded audio of each call in ``…-dec.wav``). The test drives it and reads its events through
  its ``ctrl_tcp`` control socket (JSON in netstrings).

Every process a fixture starts is killed after the test; their logs are attached to the failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests import tone
from tests.voice_fixtures import (  # noqa: F401
    free_port,
    pulse_audio,
    require_program,
    start_dying_with_us,
    stop_process,
    tail,
    with_group_watch,
)

HERE = Path(__file__).resolve().parent
DOMAIN = "127.0.0.1"
USERS = {"operator": "secret", "farend": "farpass", "farend2": "farpass2"}
"""The accounts kamailio.cfg knows (user → password)."""
BARESIP_MODULES = Path("/usr/lib/baresip/modules")


@dataclass
class Kamailio:
    """A running Kamailio: its ports, its folder and its log."""

    port: int  # UDP and TCP
    tls_port: int
    folder: Path
    process: subprocess.Popen[bytes]
    ca: Path  # the CA that signed its TLS certificate (what a client trusts to verify it)

    def registrar(self, transport: str = "udp") -> str:
        """``host:port`` of the registrar for ``transport``."""
        return f"{DOMAIN}:{self.tls_port if transport == 'tls' else self.port}"

    def log(self) -> str:
        return tail(self.folder / "kamailio.log", 8000)


@dataclass(frozen=True)
class Certificates:
    """A test CA and a server certificate it signed (with the server's key)."""

    ca: Path
    certificate: Path
    key: Path


def make_certificates(folder: Path, names: str = f"IP:{DOMAIN}") -> Certificates:
    """A CA of the test's own and a server certificate it signed for ``names`` (a subjectAltName
    value, "IP:127.0.0.1" or "DNS:sip.example.jp"), valid for two days (openssl)."""
    folder.mkdir(parents=True, exist_ok=True)
    ca, ca_key = folder / "ca.pem", folder / "ca-key.pem"
    key, request, certificate = folder / "key.pem", folder / "request.pem", folder / "certificate.pem"
    extensions = folder / "extensions.cnf"
    extensions.write_text(f"subjectAltName = {names}\n")
    common_name = names.split(":", 1)[1]
    for command in (
        ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(ca_key), "-out", str(ca), "-days", "2",
         "-subj", "/CN=CallList interop test CA"],
        ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(request), "-subj", f"/CN={common_name}"],
        ["x509", "-req", "-in", str(request), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial", "-out",
         str(certificate), "-days", "2", "-extfile", str(extensions)],
    ):  # fmt: skip
        subprocess.run(["openssl", *command], check=True, capture_output=True, timeout=60)
    return Certificates(ca, certificate, key)


def start_kamailio(folder: Path, certificate_names: str = f"IP:{DOMAIN}") -> Kamailio:
    """Kamailio on free ports; its TLS certificate names ``certificate_names`` (signed by ``ca``)."""
    executable = require_program("kamailio", "kamailio")
    if not Path("/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so").exists() and not list(
        Path("/usr/lib").glob("**/kamailio/modules/tls.so")
    ):
        require_program("kamailio-tls-module-missing", "kamailio-tls-modules")
    require_program("openssl", "openssl")
    folder.mkdir(parents=True, exist_ok=True)
    certificates = make_certificates(folder / "tls", certificate_names)
    certificate, key = certificates.certificate, certificates.key
    tls_config = folder / "tls.cfg"
    tls_config.write_text(
        "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\n"
        f"private_key = {key}\ncertificate = {certificate}\n"
        "[client:default]\nverify_certificate = no\nrequire_certificate = no\n"
    )
    (folder / "run").mkdir(exist_ok=True)
    port, tls_port = free_port(), free_port()
    log_file = folder / "kamailio.log"
    with log_file.open("wb") as log:
        process = start_dying_with_us(
            with_group_watch([executable, "-f", str(HERE / "kamailio.cfg"), "-DD", "-E", "-m", "64", "-M", "8",
             "-l", f"udp:{DOMAIN}:{port}", "-l", f"tcp:{DOMAIN}:{port}", "-l", f"tls:{DOMAIN}:{tls_port}",
             "-A", f'TLS_CONFIG="{tls_config}"', "-Y", str(folder / "run"), "-w", str(folder)]),
            signal.SIGTERM,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Kamailio(port, tls_port, folder, process, certificates.ca)
    deadline = time.monotonic() + 10.0
    while not _options_answered(port):
        if process.poll() is not None:
            pytest.fail(f"kamailio exited at once ({process.returncode}):\n{server.log()}")
        if time.monotonic() > deadline:
            stop_process(process)
            pytest.fail(f"kamailio did not answer OPTIONS within 10 s:\n{server.log()}")
        time.sleep(0.1)
    return server


def _options_answered(port: int) -> bool:
    """Whether Kamailio answers an OPTIONS on UDP ``port`` (it does once its workers run)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((DOMAIN, 0))
        local = probe.getsockname()[1]
        probe.settimeout(0.3)
        request = (
            f"OPTIONS sip:{DOMAIN}:{port} SIP/2.0\r\nVia: SIP/2.0/UDP {DOMAIN}:{local};branch=z9hG4bK{time.time_ns()}\r\n"
            f"Max-Forwards: 70\r\nFrom: <sip:probe@{DOMAIN}>;tag=1\r\nTo: <sip:{DOMAIN}>\r\n"
            f"Call-ID: probe-{time.time_ns()}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        )
        probe.sendto(request.encode(), (DOMAIN, port))
        try:
            return probe.recv(4096).startswith(b"SIP/2.0 200")
        except OSError:
            return False


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    """Kamailio as registrar and proxy with digest authentication on free loopback ports."""
    server = start_kamailio(tmp_path / "kamailio")
    try:
        yield server
    finally:
        stop_process(server.process)


@dataclass
class FarEnd:
    """A baresip softphone registered on the test's Kamailio (see the module docstring)."""

    user: str
    registrar: str
    transport: str
    folder: Path
    sip_port: int
    control_port: int
    process: subprocess.Popen[bytes]
    events: list[dict[str, Any]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    _socket: socket.socket | None = None
    _condition: threading.Condition = field(default_factory=threading.Condition)

    @property
    def uri(self) -> str:
        """Its address at the registrar, reached over its transport (what another phone dials)."""
        return self.address_of(self.user)

    def address_of(self, user: str) -> str:
        """The URI this phone dials to reach ``user`` through Kamailio."""
        return f"sip:{user}@{self.registrar};transport={self.transport}"

    @property
    def recordings(self) -> Path:
        return self.folder / "recordings"

    def log(self) -> str:
        return tail(self.folder / "baresip.log", 6000)

    # -- control socket --

    def connect(self) -> None:
        deadline = time.monotonic() + 10.0
        while True:
            try:
                self._socket = socket.create_connection((DOMAIN, self.control_port), timeout=1.0)
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"baresip's control socket did not open:\n{self.log()}")
                time.sleep(0.1)
        self._socket.settimeout(None)
        threading.Thread(target=self._read, name=f"baresip-{self.user}", daemon=True).start()

    def _read(self) -> None:
        assert self._socket is not None
        buffer = b""
        while True:
            try:
                chunk = self._socket.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            while b":" in buffer:
                length_text, _, rest = buffer.partition(b":")
                length = int(length_text)
                if len(rest) < length + 1:
                    break
                message = json.loads(rest[:length])
                buffer = rest[length + 1 :]
                with self._condition:
                    (self.events if message.get("event") else self.responses).append(message)
                    self._condition.notify_all()

    def command(self, command: str, params: str = "", timeout: float = 5.0) -> dict[str, Any]:
        """Run a baresip command (``dial``, ``hangup``, ``hold``, ``resume``, ``mute``…); its response."""
        assert self._socket is not None
        token = f"t{time.monotonic_ns()}"
        body = json.dumps({"command": command, "params": params, "token": token}).encode()
        self._socket.sendall(str(len(body)).encode() + b":" + body + b",")
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for response in self.responses:
                    if response.get("token") == token:
                        return response
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"baresip did not answer {command!r} within {timeout} s:\n{self.log()}"
                    )
                self._condition.wait(remaining)

    def wait_event(self, kind: str, timeout: float = 10.0, after: int = 0,
                   match: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Any]:  # fmt: skip
        """The first event of type ``kind`` (from index ``after`` on) that ``match`` accepts."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for event in self.events[after:]:
                    if event.get("type") == kind and (match is None or match(event)):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [event.get("type") for event in self.events]
                    raise AssertionError(
                        f"{self.user}: no {kind} within {timeout} s; saw {seen}\n{self.log()}"
                    )
                self._condition.wait(remaining)

    def wait_registered(self, timeout: float = 15.0) -> None:
        """Until the registrar has accepted it (the event may have come before we listened).

        Generous: on a busy 2-core machine a starting baresip once took over 5 s to answer.
        """
        deadline = time.monotonic() + timeout
        while True:
            data = str(self.command("reginfo", timeout=timeout).get("data", ""))
            if re.search(r"\bOK\b", re.sub(r"\x1b\[[0-9;]*m", "", data)):
                return
            if (
                any(event.get("type") == "REGISTER_FAIL" for event in self.events)
                or time.monotonic() > deadline
            ):
                raise AssertionError(f"{self.user} did not register: {data!r}\n{self.log()}")
            time.sleep(0.1)

    def event_count(self) -> int:
        with self._condition:
            return len(self.events)

    def dtmf_digits(self) -> str:
        """The DTMF digits received so far, in order."""
        with self._condition:
            return "".join(
                str(event.get("param", "")) for event in self.events if event.get("type") == "CALL_DTMF_START"
            )

    # -- what it heard --

    def heard(self) -> Path:
        """The latest recording of what it received (decoded audio of its last call)."""
        files = sorted(self.recordings.glob("dump-*-dec.wav"), key=lambda path: path.stat().st_mtime)
        if not files:
            raise AssertionError(f"{self.user} saved no recording in {self.recordings}:\n{self.log()}")
        return files[-1]

    def stop(self) -> None:
        if self._socket is not None:
            self._socket.close()
        stop_process(self.process)


def start_far_end(folder: Path, kamailio: Kamailio, user: str, transport: str = "udp",
                  tone_frequency: float = 700.0) -> FarEnd:  # fmt: skip
    """A baresip far end for ``user`` (one of :data:`USERS`) registered over ``transport``."""
    executable = require_program("baresip", "baresip-core")
    folder.mkdir(parents=True, exist_ok=True)
    recordings = folder / "recordings"
    recordings.mkdir(exist_ok=True)
    source = tone.write_tone(folder / "tone.wav", tone_frequency, 120.0)
    sip_port = free_port(2)  # baresip binds UDP and TCP on the port, TLS on the next one
    control_port = free_port()
    (folder / "config").write_text(
        "poll_method\t\tepoll\n"
        f"sip_listen\t\t{DOMAIN}:{sip_port}\n"
        f"net_interface\t\t{DOMAIN}\n"
        f"audio_source\t\taufile,{source}\n"
        "audio_player\t\tnone,none\n"
        "audio_alert\t\tnone,none\n"
        f"module_path\t\t{BARESIP_MODULES}\n"
        "module\t\t\tg711.so\n"
        "module\t\t\taufile.so\n"
        "module\t\t\tsndfile.so\n"
        "module_app\t\taccount.so\n"
        "module_app\t\tmenu.so\n"
        "module_app\t\tctrl_tcp.so\n"
        f"ctrl_tcp_listen\t\t{DOMAIN}:{control_port}\n"
        f"snd_path\t\t{recordings}\n"
    )
    registrar = kamailio.registrar(transport)
    (folder / "accounts").write_text(
        f"<sip:{user}@{registrar};transport={transport}>;auth_pass={USERS[user]};answermode=auto;regint=600\n"
    )
    with (folder / "baresip.log").open("wb") as log:
        process = start_dying_with_us(
            [executable, "-f", str(folder)], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "HOME": str(folder)},
        )  # fmt: skip
    far_end = FarEnd(user, registrar, transport, folder, sip_port, control_port, process)
    try:
        far_end.connect()
        far_end.wait_registered()
    except BaseException:
        far_end.stop()
        raise
    return far_end


@pytest.fixture
def far_end(tmp_path: Path, kamailio: Kamailio) -> Iterator[Callable[..., FarEnd]]:
    """Start baresip far ends: ``far_end(user, transport="udp", tone_frequency=700.0)``."""
    started: list[FarEnd] = []
    folders: list[Path] = []

    def start(user: str = "farend", transport: str = "udp", tone_frequency: float = 700.0) -> FarEnd:
        # baresip cuts long values in its config (the tone file's path in audio_source, ~128
        # characters): its folder is a short one in the system's temporary folder, reached from
        # the test's own folder by a link (where the failure report finds its log).
        folder = Path(tempfile.mkdtemp(prefix=f"calllist-{user}-"))
        folders.append(folder)
        (tmp_path / user).symlink_to(folder, target_is_directory=True)
        phone = start_far_end(folder, kamailio, user, transport, tone_frequency)
        started.append(phone)
        return phone

    try:
        yield start
    finally:
        for phone in started:
            phone.stop()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Attach the logs of Kamailio and the far ends to a failing interop test."""
    report = yield
    if report.failed and call.when == "call":
        funcargs = getattr(item, "funcargs", {})
        server = funcargs.get("kamailio")
        if isinstance(server, Kamailio):
            report.sections.append(("kamailio log", server.log()))
        tmp_path = funcargs.get("tmp_path")
        if isinstance(tmp_path, Path):
            for log in sorted(tmp_path.glob("*/baresip.log")):
                report.sections.append((f"baresip log {log.parent.name}", tail(log, 6000)))
    return report
