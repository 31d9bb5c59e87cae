"""The SIP line's decisions that need no SIP stack: outcomes, dial URIs, addresses, transports.

Kept apart from :mod:`calllist_desktop.telephony.sip` so each rule is tested on its own, fast,
against every case — the stack reports a call's end as free text ("486 Busy Here", "Rejected by
user", "Connection reset by peer [104]"), and reading that text wrongly would put a wrong
outcome in every report.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass

from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.line import LineError
from calllist_desktop.core.outcomes import Direction, Outcome, outcome_from_sip
from calllist_desktop.core.phone import normalize_phone
from calllist_desktop.telephony.account import SipAccount, SipSettingsError, render_dial_target

# A final status at the very start of the stack's close text: "486 Busy Here", "404".
_STATUS = re.compile(r"^\s*([1-6]\d\d)(?:\s|$)")


def sip_status_from_text(text: str | None) -> int | None:
    """The SIP status code a close or registration text starts with; ``None`` when it has none.

    Only a three-digit code at the very start counts, followed by a space or the end: transport
    errors end in an errno ("Connection reset by peer [104]") that must not be read as a status.
    """
    match = _STATUS.match(text or "")
    return int(match.group(1)) if match else None


@dataclass(frozen=True, slots=True)
class CallEnding:
    """How a call ended, as the line reports it in :class:`~calllist_desktop.core.line.CallEnded`."""

    outcome: Outcome
    sip_status: int | None
    reason: str


def classify_close(
    text: str | None,
    *,
    direction: Direction,
    answered: bool,
    ended_by_us: str | None,
    timed_out: bool,
    rang: bool = True,
) -> CallEnding:
    """The outcome of a call the stack reports closed with ``text``.

    ``ended_by_us`` is why we ended it ("hung up", "declined", "line stopped") or ``None``;
    ``timed_out`` says our ring time-out fired, ``rang`` that the far end rang (180/183) before:
    a time-out on a call that never rang reached nobody, so it is a failure, not a no-answer.
    A status in the text means the far end decided
    before our CANCEL could (a 486 that crossed it is still busy).
    """
    status = sip_status_from_text(text)
    detail = (text or "").strip()
    if answered:
        reason = ended_by_us or "the other party hung up"
        return CallEnding(Outcome.ANSWERED, 200, reason)
    if direction is Direction.INBOUND:
        if ended_by_us == "declined":
            return CallEnding(Outcome.MISSED, 486, "declined")
        return CallEnding(Outcome.MISSED, status or 487, ended_by_us or "the caller hung up")
    if status is not None and status >= 300:
        return CallEnding(outcome_from_sip(status), status, detail)
    if timed_out:
        if not rang:
            return CallEnding(Outcome.FAILED, None, "no response from the far end within the ring time-out")
        return CallEnding(Outcome.NO_ANSWER, 487, "ring time-out")
    if ended_by_us is not None:
        return CallEnding(Outcome.CANCELED, 487, ended_by_us)
    return CallEnding(Outcome.FAILED, None, detail or "the call ended without a reason")


def registration_failure_detail(text: str | None, registrar: str) -> str:
    """A sentence for a failed REGISTER, in the current language, saying what to check."""
    status = sip_status_from_text(text)
    shown = (text or "").strip() or "no reason given"
    ja = current_language() == "ja"
    if status in (401, 403, 407):
        return (
            f"認証に失敗しました（{shown}）。ユーザー名・認証ユーザー名・パスワードを確認してください"
            if ja
            else f"Authentication failed ({shown}): check the user name, authentication user and password"
        )
    if status is not None:
        return (
            f"レジストラ {registrar} が登録を拒否しました（{shown}）"
            if ja
            else f"The registrar {registrar} refused the registration ({shown})"
        )
    return (
        f"レジストラ {registrar} に接続できません（{shown}）。アドレスとネットワークを確認してください"
        if ja
        else f"Cannot reach the registrar {registrar} ({shown}): check its address and the network"
    )


# PJ_SSL_CERT_E* bits of a failed verification, and what each means for the person who set the account up.
_NOT_TRUSTED = 0x1 | 0x2 | 0x20  # issuer not found, untrusted, issuer mismatch
_EXPIRED = 0x4
_OTHER_NAME = 0x40000000


def tls_failure_detail(status: int, messages: tuple[str, ...], server: str) -> str:
    """A sentence for a TLS server whose certificate failed verification, saying what to check.

    ``status`` holds PJSIP's ``PJ_SSL_CERT_E*`` bits, ``messages`` its own words for them.
    """
    host = server.rsplit(":", 1)[0] if server.count(":") == 1 else server
    ja = current_language() == "ja"
    reasons: list[str] = []
    if status & _NOT_TRUSTED:
        reasons.append(
            "信頼された認証局の署名がありません"
            if ja
            else "it is not signed by a trusted certificate authority"
        )
    if status & _OTHER_NAME:
        reasons.append(f"証明書の名前が {host} と一致しません" if ja else f"it is not made out to {host}")
    if status & _EXPIRED:
        reasons.append("有効期限外です" if ja else "it has expired or is not valid yet")
    if not reasons:
        reasons.append("; ".join(messages) or ("理由不明" if ja else "no reason given"))
    if ja:
        return (
            f"サーバー {server} の TLS 証明書を検証できません（{'、'.join(reasons)}）。"
            "PBX の CA 証明書ファイルを設定するか、管理者に証明書を確認してください"
        )
    return (
        f"The TLS certificate of {server} cannot be trusted ({'; '.join(reasons)}): "
        "set the PBX's CA certificate file in the account, or ask its administrator to check the certificate"
    )


def dial_uri(account: SipAccount, target: str) -> str:
    """The SIP URI to call for ``target``: a SIP URI as given, else a phone number.

    A phone number (any form :func:`~calllist_desktop.core.phone.normalize_phone` reads) goes
    through the account's dial template; a result without a host is dialled at the registrar.
    """
    text = target.strip()
    if not text:
        raise LineError("nothing to dial: the number is empty")
    if text.lower().startswith(("sip:", "sips:")):
        if any(ch.isspace() for ch in text):
            raise LineError(f"cannot dial {text!r}: a SIP URI has no spaces")
        return text
    e164 = normalize_phone(text).e164
    if e164 is None:
        raise LineError(f"cannot dial {text!r}: not a valid phone number")
    try:
        rendered = render_dial_target(account.dial_template, e164)
    except SipSettingsError as exc:
        raise LineError(str(exc)) from None
    if not rendered.lower().startswith(("sip:", "sips:")):
        rendered = f"sip:{rendered}"
    if "@" not in rendered:
        rendered = f"{rendered}@{account.registrar.strip()}"
    return rendered


def remote_number(peer: str | None) -> str:
    """The caller's number (or name) from their URI: the user part of ``sip:0312345678@host``.

    ``peer`` may be a whole From value, with a display name and the URI in angle brackets.
    """
    text = (peer or "").strip()
    if "<" in text:
        text = text[text.index("<") + 1 :].split(">", 1)[0]
    text = re.sub(r"^(sips?|tel):", "", text, flags=re.IGNORECASE)
    user = text.split("@", 1)[0].split(";", 1)[0]
    return user or (peer or "")


def host_of(uri_or_host: str) -> str:
    """The host of ``sip:user@host:port;params`` or ``host:port`` ("" when there is none)."""
    text = re.sub(r"^(sips?):", "", uri_or_host.strip(), flags=re.IGNORECASE)
    text = text.split(";", 1)[0].split("@")[-1]
    if text.startswith("["):
        return text[1 : text.find("]")] if "]" in text else ""
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


def bind_address(account: SipAccount) -> str | None:
    """The local address the stack binds: the account's, else the one that reaches its server.

    The server is the outbound proxy, else the registrar, else the dial template's host. The
    stack's own discovery skips loopback, so a server on 127.0.0.1 needs this to be pinned.
    ``None`` lets the stack discover (when the host cannot be resolved now).
    """
    if account.bind_address.strip():
        return account.bind_address.strip()
    host = host_of(account.outbound_proxy) or host_of(account.registrar)
    if not host and "@" in account.dial_template:
        host = host_of(account.dial_template)
    if not host:
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:
            address = ipaddress.ip_address(socket.getaddrinfo(host, 5060, type=socket.SOCK_DGRAM)[0][4][0])
        except (OSError, ValueError, IndexError):
            return None
    if address.is_loopback:
        return str(address)
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        # A connected UDP socket sends nothing; it only asks the kernel for the route's source.
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((str(address), 5060))
            return str(probe.getsockname()[0])
    except OSError:
        return None


def with_transport(uri: str, transport: str) -> str:
    """``uri`` with ``;transport=tcp|tls`` for the account's transport, unless it names one already.

    PJSIP picks the transport of a request from its URI; a URI without the parameter would go
    out over UDP whatever the account says.
    """
    if transport == "udp" or ";transport=" in uri.lower():
        return uri
    head, separator, headers = uri.partition("?")
    return f"{head};transport={transport}{separator}{headers}"
