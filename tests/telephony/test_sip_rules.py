"""The SIP line's rules without a stack: every way the stack's close text maps to an outcome."""

from __future__ import annotations

import pytest

from calllist_desktop.core.i18n import set_language
from calllist_desktop.core.line import LineError
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.telephony import sip_rules
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.sip_rules import CallEnding, classify_close
from calllist_desktop.telephony.tls_trust import TrustedCas, trusted_cas

OUT, IN = Direction.OUTBOUND, Direction.INBOUND


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("486 Busy Here", 486),
        ("404", 404),
        ("  603 Decline", 603),
        ("Connection reset by peer [104]", None),
        ("Destination address required [89]", None),
        ("Rejected by user", None),
        ("4860 odd", None),
        ("700 Not SIP", None),
        ("", None),
        (None, None),
    ],
)
def test_a_status_only_when_the_text_starts_with_one(text: str | None, status: int | None) -> None:
    assert sip_rules.sip_status_from_text(text) == status


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("486 Busy Here", Outcome.BUSY),
        ("600 Busy Everywhere", Outcome.BUSY),
        ("603 Decline", Outcome.REJECTED),
        ("403 Forbidden", Outcome.REJECTED),
        ("404 Not Found", Outcome.INVALID),
        ("484 Address Incomplete", Outcome.INVALID),
        ("485 Ambiguous", Outcome.INVALID),
        ("604 Does Not Exist Anywhere", Outcome.INVALID),
        ("410 Gone", Outcome.INVALID),
        ("480 Temporarily Unavailable", Outcome.NO_ANSWER),
        ("408 Request Timeout", Outcome.NO_ANSWER),
        ("487 Request Terminated", Outcome.NO_ANSWER),
        ("503 Service Unavailable", Outcome.FAILED),
        ("500 Server Internal Error", Outcome.FAILED),
        ("488 Not Acceptable Here", Outcome.FAILED),
    ],
)
def test_the_far_ends_final_status(text: str, outcome: Outcome) -> None:
    ending = classify_close(text, direction=OUT, answered=False, ended_by_us=None, timed_out=False)
    assert ending == CallEnding(outcome, int(text[:3]), text)


def test_a_status_that_crossed_our_cancel_still_counts() -> None:
    ending = classify_close(
        "486 Busy Here", direction=OUT, answered=False, ended_by_us="hung up", timed_out=False
    )
    assert (ending.outcome, ending.sip_status) == (Outcome.BUSY, 486)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # answered: whoever hangs up, whatever the text says
        (
            {"answered": True, "ended_by_us": None},
            CallEnding(Outcome.ANSWERED, 200, "the other party hung up"),
        ),
        ({"answered": True, "ended_by_us": "hung up"}, CallEnding(Outcome.ANSWERED, 200, "hung up")),
        (
            {"answered": True, "ended_by_us": "line stopped"},
            CallEnding(Outcome.ANSWERED, 200, "line stopped"),
        ),
        # our ring time-out, on a call that rang / never rang
        ({"timed_out": True}, CallEnding(Outcome.NO_ANSWER, 487, "ring time-out")),
        (
            {"timed_out": True, "rang": False},
            CallEnding(Outcome.FAILED, None, "no response from the far end within the ring time-out"),
        ),
        # the operator before an answer
        ({"ended_by_us": "hung up"}, CallEnding(Outcome.CANCELED, 487, "hung up")),
        ({"ended_by_us": "line stopped"}, CallEnding(Outcome.CANCELED, 487, "line stopped")),
    ],
)
def test_endings_decided_on_our_side(kwargs: dict[str, object], expected: CallEnding) -> None:
    arguments: dict[str, object] = {"answered": False, "ended_by_us": None, "timed_out": False}
    arguments.update(kwargs)
    assert classify_close("Rejected by user", direction=OUT, **arguments) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["Connection reset by peer [104]", "Destination address required [89]", None]
)
def test_a_transport_failure_before_an_answer_fails(text: str | None) -> None:
    ending = classify_close(text, direction=OUT, answered=False, ended_by_us=None, timed_out=False)
    assert (ending.outcome, ending.sip_status) == (Outcome.FAILED, None)
    assert ending.reason == (text or "the call ended without a reason")


@pytest.mark.parametrize(
    ("text", "ended_by_us", "expected"),
    [
        ("Connection reset by peer [104]", None, CallEnding(Outcome.MISSED, 487, "the caller hung up")),
        ("Rejected by user", "declined", CallEnding(Outcome.MISSED, 486, "declined")),
        (None, "line stopped", CallEnding(Outcome.MISSED, 487, "line stopped")),
    ],
)
def test_inbound_calls_not_answered_are_missed(
    text: str | None, ended_by_us: str | None, expected: CallEnding
) -> None:
    assert (
        classify_close(text, direction=IN, answered=False, ended_by_us=ended_by_us, timed_out=False)
        == expected
    )


def test_inbound_answered() -> None:
    ending = classify_close(
        "Connection reset by peer [104]", direction=IN, answered=True, ended_by_us=None, timed_out=False
    )
    assert ending.outcome is Outcome.ANSWERED


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("403 Forbidden", "Authentication failed (403 Forbidden)"),
        ("401 Unauthorized", "Authentication failed"),
        ("404 Not Found", "refused the registration (404 Not Found)"),
        ("no registration outcome within 10 s", "Cannot reach the registrar pbx:5060"),
    ],
)
def test_registration_failures_say_what_to_check(text: str, words: str) -> None:
    assert words in sip_rules.registration_failure_detail(text, "pbx:5060")


ACCOUNT = SipAccount(registrar="127.0.0.1:5070", user="op")


@pytest.mark.parametrize(
    ("template", "target", "uri"),
    [
        ("{national}", "0312345678", "sip:0312345678@127.0.0.1:5070"),
        ("{national}", "03-1234-5678", "sip:0312345678@127.0.0.1:5070"),
        ("{national}", "+81312345678", "sip:0312345678@127.0.0.1:5070"),
        ("{national}", "０３１２３４５６７８", "sip:0312345678@127.0.0.1:5070"),
        ("{e164}@trunk.example.jp", "0312345678", "sip:+81312345678@trunk.example.jp"),
        ("sips:{digits}@t.example.jp", "0312345678", "sips:81312345678@t.example.jp"),
        ("{national}", "sip:someone@elsewhere", "sip:someone@elsewhere"),
    ],
)
def test_dial_uris(template: str, target: str, uri: str) -> None:
    account = SipAccount(registrar=ACCOUNT.registrar, user="op", dial_template=template)
    assert sip_rules.dial_uri(account, target) == uri


@pytest.mark.parametrize(
    ("target", "words"), [("", "empty"), ("12", "not a valid"), ("sip:a b@c", "no spaces")]
)
def test_what_cannot_be_dialled(target: str, words: str) -> None:
    with pytest.raises(LineError, match=words):
        sip_rules.dial_uri(ACCOUNT, target)


def test_a_bad_template_is_a_line_error_when_dialling() -> None:
    with pytest.raises(LineError, match="placeholder"):
        sip_rules.dial_uri(SipAccount(registrar="pbx", user="op", dial_template="{nat}"), "0312345678")


@pytest.mark.parametrize(
    ("peer", "number"),
    [
        ("sip:0312345678@127.0.0.1:5060;transport=udp", "0312345678"),
        ("<sip:+81312345678@pbx>", "+81312345678"),
        ("tel:0312345678", "0312345678"),
        ('"Caller" <sip:0312345678@127.0.0.1:5061>;tag=1', "0312345678"),
        ("山田 <sip:0312345678@pbx>", "0312345678"),
        ("sip:pbx.example.jp", "pbx.example.jp"),
        (None, ""),
    ],
)
def test_the_callers_number(peer: str | None, number: str) -> None:
    assert sip_rules.remote_number(peer) == number


def test_bind_address_is_loopback_for_a_loopback_server_and_the_setting_wins() -> None:
    assert sip_rules.bind_address(SipAccount(registrar="127.0.0.1:5070", user="op")) == "127.0.0.1"
    assert sip_rules.bind_address(SipAccount(registrar="localhost", user="op")) in ("127.0.0.1", "::1")
    assert sip_rules.bind_address(SipAccount(registrar="127.0.0.1", user="op", bind_address="eth0")) == "eth0"
    proxied = SipAccount(registrar="sip.example.jp", user="op", outbound_proxy="sip:127.0.0.1:5080;lr")
    assert sip_rules.bind_address(proxied) == "127.0.0.1"
    assert sip_rules.bind_address(SipAccount(registrar="calllist-test.invalid", user="op")) is None


@pytest.mark.parametrize(
    ("uri", "transport", "expected"),
    [
        ("sip:pbx.example.jp", "udp", "sip:pbx.example.jp"),
        ("sip:pbx.example.jp:5060", "tcp", "sip:pbx.example.jp:5060;transport=tcp"),
        ("sip:0312345678@pbx;user=phone", "tls", "sip:0312345678@pbx;user=phone;transport=tls"),
        ("sip:proxy;lr;transport=UDP", "tcp", "sip:proxy;lr;transport=UDP"),
        ("sip:0312345678@pbx?Subject=x", "tcp", "sip:0312345678@pbx;transport=tcp?Subject=x"),
    ],
)
def test_the_transport_goes_into_the_uri(uri: str, transport: str, expected: str) -> None:
    assert sip_rules.with_transport(uri, transport) == expected


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (0x1, "not signed by a trusted certificate authority"),
        (0x40000000, "not made out to pbx.example.jp"),
        (0x4, "expired"),
        (0x1 | 0x40000000, "trusted certificate authority; it is not made out to pbx.example.jp"),
        (0x8, "The certificate is malformed"),  # no sentence of ours: PJSIP's own words
    ],
)
def test_tls_failures_say_what_is_wrong_with_the_certificate(status: int, words: str) -> None:
    set_language("en")
    detail = sip_rules.tls_failure_detail(status, ("The certificate is malformed",), "pbx.example.jp:5061")
    assert detail.startswith("The TLS certificate of pbx.example.jp:5061 cannot be trusted")
    assert words in detail
    set_language("ja")
    assert "信頼された認証局" in sip_rules.tls_failure_detail(0x1, (), "pbx.example.jp:5061")


def test_the_system_trusted_authorities_or_the_accounts_own_file() -> None:
    assert trusted_cas("/etc/pbx-ca.pem") == TrustedCas(file="/etc/pbx-ca.pem")
    system = trusted_cas("")
    assert system.file or "BEGIN CERTIFICATE" in system.pem
