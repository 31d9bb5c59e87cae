"""The SIP line over TCP and TLS, and through an outbound proxy.

TCP: SIPp's ``-t t1`` runs the usual far end over one TCP connection. Our SIPp is built without
TLS, so TLS meets a small registrar written here on Python's ``ssl`` with a certificate made for
the test: it proves the handshake with the wheel's own OpenSSL and a REGISTER read over it.
(Kamailio with TLS is the interop tests' far end.)
"""

from __future__ import annotations

import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from calllist_desktop.core.line import CallAnswered, Registration, RegistrationChanged
from calllist_desktop.core.outcomes import Outcome
from tests.telephony.conftest import SCENARIOS, LineFactory, _sipp_executable, free_udp_port, sipp_media_ports


def _tcp_listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def tcp_far_end(tmp_path: Path) -> Iterator[str]:
    """SIPp's outcomes-by-number far end on TCP; its address."""
    port = free_udp_port()
    process = subprocess.Popen(
        [_sipp_executable(), "-sf", str(SCENARIOS / "outcomes_by_number.xml"), "-t", "t1", "-i", "127.0.0.1",
         "-p", str(port), "-mp", str(sipp_media_ports()), "-nostdin"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 5
    while not _tcp_listening(port):
        assert process.poll() is None and time.monotonic() < deadline, "sipp did not listen on TCP"
        time.sleep(0.02)
    yield f"127.0.0.1:{port}"
    process.terminate()
    process.wait(5)


def test_calls_over_tcp_meet_their_outcomes(tcp_far_end: str, make_line: LineFactory) -> None:
    line, recorder = make_line(tcp_far_end, transport="tcp", ring_timeout=2.0)
    expected = {"0312340486": Outcome.BUSY, "0312340404": Outcome.INVALID, "0312340487": Outcome.NO_ANSWER}
    assert {number: recorder.ended(line.dial(number)).outcome for number in expected} == expected
    call_id = line.dial("0312340201")
    recorder.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call_id)
    line.hang_up(call_id)
    assert recorder.ended(call_id).outcome is Outcome.ANSWERED


def test_a_udp_only_far_end_is_not_reached_over_tcp(
    sipp: Callable[[str], object], make_line: LineFactory
) -> None:
    """The transport setting is obeyed: no silent fall-back to UDP."""
    far_end = sipp("outcomes_by_number.xml")
    line, recorder = make_line(far_end.address, transport="tcp")  # type: ignore[attr-defined]
    ended = recorder.ended(line.dial("0312340486"), timeout=8)
    assert ended.outcome is Outcome.FAILED and ended.sip_status is None


def test_the_outbound_proxy_carries_every_call(sipp: Callable[[str], object], make_line: LineFactory) -> None:
    proxy = sipp("outcomes_by_number.xml")
    # The registrar's domain does not exist: only the proxy can have answered.
    line, recorder = make_line(
        "pbx.calllist-test.invalid", outbound_proxy=f"sip:{proxy.address}", bind_address="127.0.0.1"
    )  # type: ignore[attr-defined]
    assert recorder.ended(line.dial("0312340486")).outcome is Outcome.BUSY
    assert recorder.ended(line.dial("0312340603")).outcome is Outcome.REJECTED


# -- TLS ------------------------------------------------------------------------------------------


class TlsRegistrar:
    """Accepts one TLS connection, answers each REGISTER with 200 OK, and keeps what it read."""

    def __init__(self, certificate: Path, key: Path) -> None:
        self.certificate = certificate
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(certificate, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.received: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(10)
        try:
            raw, _ = self.listener.accept()
        except OSError:
            return
        with self.context.wrap_socket(raw, server_side=True) as connection:
            connection.settimeout(10)
            buffer = ""
            while True:
                try:
                    chunk = connection.recv(65536).decode("utf-8", "replace")
                except OSError:
                    return
                if not chunk:
                    return
                buffer += chunk
                while "\r\n\r\n" in buffer:
                    message, buffer = buffer.split("\r\n\r\n", 1)
                    self.received.append(message)
                    if message.startswith("REGISTER "):
                        connection.sendall(self._ok(message).encode())

    @staticmethod
    def _ok(request: str) -> str:
        headers = {}
        for line in request.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), value.strip())
        contact = headers.get("contact", "")
        expires = re.search(r"expires=(\d+)", contact) or re.match(r"(\d+)", headers.get("expires", "600"))
        return (
            "SIP/2.0 200 OK\r\n"
            f"Via: {headers['via']}\r\nFrom: {headers['from']}\r\nTo: {headers['to']};tag=tls1\r\n"
            f"Call-ID: {headers['call-id']}\r\nCSeq: {headers['cseq']}\r\n"
            f"Contact: {contact};expires={expires.group(1) if expires else 600}\r\nContent-Length: 0\r\n\r\n"
        )

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def tls_registrar(tmp_path: Path) -> Iterator[TlsRegistrar]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificate")
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(certificate),
         "-days", "1", "-subj", "/CN=127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    registrar = TlsRegistrar(certificate, key)
    yield registrar
    registrar.close()


def test_registration_over_tls(tls_registrar: TlsRegistrar, make_line: LineFactory) -> None:
    """A self-signed PBX: its own certificate is the CA file the account trusts."""
    address = f"127.0.0.1:{tls_registrar.port}"
    line, recorder = make_line(
        address, transport="tls", register=True, tls_ca_file=str(tls_registrar.certificate)
    )
    settled = recorder.wait_for(
        lambda e: (
            isinstance(e, RegistrationChanged) and e.state in (Registration.REGISTERED, Registration.FAILED)
        ),
        timeout=10,
    )
    assert settled == RegistrationChanged(Registration.REGISTERED, address), tls_registrar.received
    register = tls_registrar.received[0]
    assert register.startswith(f"REGISTER sip:{address};transport=tls SIP/2.0")
    assert "SIP/2.0/TLS" in register  # the Via names the transport the request really went over


def test_a_self_signed_registrar_not_named_as_trusted_is_refused_with_the_reason(
    tls_registrar: TlsRegistrar, make_line: LineFactory
) -> None:
    address = f"127.0.0.1:{tls_registrar.port}"
    line, recorder = make_line(address, transport="tls", register=True)
    failed = recorder.wait_for(
        lambda e: isinstance(e, RegistrationChanged) and e.state is Registration.FAILED, 10
    )
    assert isinstance(failed, RegistrationChanged)
    assert "trusted certificate authority" in failed.detail or "信頼された認証局" in failed.detail, (
        failed.detail
    )
    assert not tls_registrar.received, "a REGISTER went to a server whose certificate failed"


def test_a_registrar_that_refuses_the_connection_is_a_clear_failure(make_line: LineFactory) -> None:
    """No status from the network (PJSIP makes one up): the reason says the registrar was not reached."""
    address = f"127.0.0.1:{free_udp_port()}"
    line, recorder = make_line(address, "secret", transport="tcp", register=True)
    failed = recorder.wait_for(
        lambda e: isinstance(e, RegistrationChanged) and e.state is Registration.FAILED, 10
    )
    assert isinstance(failed, RegistrationChanged)
    assert failed.detail.startswith(f"Cannot reach the registrar {address}"), failed.detail
