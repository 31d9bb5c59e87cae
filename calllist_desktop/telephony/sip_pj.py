"""The pjsua2 side of the SIP line: the account's transport and configuration, and the callbacks.

Only :class:`~calllist_desktop.telephony.sip.SipLine` uses this module, and only once a line
starts, so ``pjsua2`` (a native library of several megabytes) loads with the first SIP line, not
with the program. Everything here runs on the PJSIP thread
(:mod:`~calllist_desktop.telephony.pj_endpoint`). The pjsua2 subclasses only forward PJSIP's
callbacks to a :class:`Handler` (the line): the decisions stay with the line and ``sip_rules``.
"""

from __future__ import annotations

from typing import Any, Protocol

import pjsua2 as pj

from calllist_desktop.core.line import LineError
from calllist_desktop.telephony import sip_rules
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.pj_endpoint import error_text
from calllist_desktop.telephony.tls_trust import trusted_cas

_TRANSPORT_TYPES = {
    "udp": pj.PJSIP_TRANSPORT_UDP,
    "tcp": pj.PJSIP_TRANSPORT_TCP,
    "tls": pj.PJSIP_TRANSPORT_TLS,
}


class Handler(Protocol):
    """What the line does with PJSIP's callbacks (on the PJSIP thread)."""

    def on_registration(self, code: int, reason: str, expiration: int, from_network: bool) -> None: ...

    def on_incoming(self, call: StackCall) -> None: ...

    def on_call_state(self, call: StackCall, from_network: bool) -> None: ...

    def on_call_media(self, call: StackCall) -> None: ...


class StackCall(pj.Call):  # type: ignore[misc]
    """A pjsua2 call that reports to the line; ``call_id`` is the line's id for it ("sip-1")."""

    def __init__(self, handler: Handler, account: pj.Account, stack_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, stack_id)
        self.handler = handler
        self.line_call: Any = None  # the line's SipCall

    def onCallState(self, prm: pj.OnCallStateParam) -> None:  # noqa: N802 - pjsua2's name
        # A final status PJSIP made up itself (408 when nobody answered the INVITE, 503 when the
        # host did not resolve) is no answer from a far end: only a received message's status is.
        event = prm.e
        from_network = (
            event.type == pj.PJSIP_EVENT_TSX_STATE and event.body.tsxState.type == pj.PJSIP_EVENT_RX_MSG
        )
        self.handler.on_call_state(self, from_network)

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:  # noqa: N802 - pjsua2's name
        self.handler.on_call_media(self)


class StackAccount(pj.Account):  # type: ignore[misc]
    """The pjsua2 account of a line: registration and incoming calls go to the line."""

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler

    def onRegState(self, prm: pj.OnRegStateParam) -> None:  # noqa: N802 - pjsua2's name
        # A status PJSIP made up itself (408 on no answer, 503 when the transport failed) has no
        # message from the network behind it: the registrar was not reached.
        from_network = bool(prm.rdata.wholeMsg)
        self.handler.on_registration(int(prm.code), str(prm.reason), int(prm.expiration), from_network)

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:  # noqa: N802 - pjsua2's name
        self.handler.on_incoming(StackCall(self.handler, self, prm.callId))


def create_transport(endpoint: pj.Endpoint, account: SipAccount, listen_port: int | None) -> int:
    """The transport the account's traffic uses, bound where :func:`sip_rules.bind_address` says."""
    config = pj.TransportConfig()
    config.port = listen_port or 0
    address = bind_ip(account)
    if address:
        config.boundAddress = address
    if account.transport == "tls" and account.tls_verify:
        # The server's certificate must chain to a trusted CA and name the host we connect to:
        # PJSIP checks the registrar's (or proxy's) host against its subjectAltName and CN.
        trusted = trusted_cas(account.tls_ca_file)
        config.tlsConfig.CaListFile = trusted.file
        config.tlsConfig.CaBuf = trusted.pem
        config.tlsConfig.verifyServer = True
    try:
        return int(endpoint.transportCreate(_TRANSPORT_TYPES[account.transport], config))
    except pj.Error as exc:
        where = f"{address or 'any address'}:{listen_port or 'any port'}"
        raise LineError(
            f"the SIP line cannot open its {account.transport.upper()} transport on {where}: {error_text(exc)}"
        ) from None


def bind_ip(account: SipAccount) -> str:
    """The local IP address to bind ("" lets PJSIP choose); the account's checks allow only IPs."""
    return sip_rules.bind_address(account) or ""


def account_config(account: SipAccount, password: str, transport_id: int) -> pj.AccountConfig:
    """The pjsua2 configuration of the account: identity, registrar, digest credentials, proxy."""
    config = pj.AccountConfig()
    registrar = account.registrar.strip()
    config.idUri = f"sip:{account.user.strip()}@{registrar}"
    config.sipConfig.transportId = transport_id
    if account.register:
        config.regConfig.registrarUri = sip_rules.with_transport(f"sip:{registrar}", account.transport)
        config.regConfig.registerOnAdd = True
        config.regConfig.timeoutSec = 600
        config.regConfig.retryIntervalSec = 60
        config.regConfig.unregWaitMsec = 2000  # a registrar that does not answer must not hold up a stop
    else:
        config.regConfig.registerOnAdd = False
    auth_user = (account.auth_user or account.user).strip()
    if password:
        config.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", auth_user, 0, password))
    proxy = account.outbound_proxy.strip()
    if proxy:
        uri = proxy if proxy.lower().startswith(("sip:", "sips:")) else f"sip:{proxy}"
        if ";lr" not in uri.lower():
            uri += ";lr"
        config.sipConfig.proxies.append(sip_rules.with_transport(uri, account.transport))
    config.mediaConfig.transportConfig.port = 0  # RTP on any free port: two lines' tests never collide
    address = bind_ip(account)
    if address:
        config.mediaConfig.transportConfig.boundAddress = address
    return config


def call_setting() -> pj.CallOpParam:
    """Parameters of a new call, an answer or a hang-up: one audio stream, no video."""
    parameters = pj.CallOpParam(True)
    parameters.opt.audioCount = 1
    parameters.opt.videoCount = 0
    return parameters


def audio_media(call: StackCall) -> pj.AudioMedia | None:
    """The call's audio once it flows (active or on hold), else ``None``."""
    info = call.getInfo()
    for index, media in enumerate(info.media):
        if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status in (
            pj.PJSUA_CALL_MEDIA_ACTIVE,
            pj.PJSUA_CALL_MEDIA_LOCAL_HOLD,
            pj.PJSUA_CALL_MEDIA_REMOTE_HOLD,
        ):
            return call.getAudioMedia(index)
    return None
