"""The SIP account: validation messages, the dial template, settings round trip, the keyring."""

from __future__ import annotations

import json

import keyring
import keyring.backends.fail
import pytest

from calllist_desktop.core.i18n import set_language
from calllist_desktop.telephony.account import (
    KEYRING_SERVICE,
    SipAccount,
    SipSettingsError,
    delete_password,
    load_password,
    render_dial_target,
    save_password,
)
from tests.memory_keyring import LockedKeyring, MemoryKeyring, memory_keyring

__all__ = ["memory_keyring"]  # a fixture, used by name

GOOD = SipAccount(registrar="sip.example.jp:5060", user="0501234567", auth_user="op1")


def fields_of(problems: list[SipSettingsError]) -> list[str | None]:
    return [problem.field for problem in problems]


def test_a_good_account_has_no_problems() -> None:
    assert GOOD.validate() == []
    assert (
        SipAccount(
            registrar="127.0.0.1:5099", user="operator", register=False, bind_address="127.0.0.1"
        ).validate()
        == []
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"registrar": ""}, "registrar", "registrar (SIP domain) is empty"),
        ({"registrar": "sip example.jp"}, "registrar", "not a host name"),
        ({"registrar": "sip.example.jp:70000"}, "registrar", "not a host name"),
        ({"user": " "}, "user", "user name is empty"),
        ({"user": "op@home"}, "user", "must not contain '@'"),
        ({"auth_user": "op;1"}, "auth_user", "must not contain ';'"),
        ({"transport": "sctp"}, "transport", "use udp, tcp or tls"),
        ({"outbound_proxy": "sip:proxy..jp:x"}, "outbound_proxy", "outbound proxy"),
        ({"dial_template": "{phone}@pbx"}, "dial_template", "Unknown placeholder {phone}"),
        ({"dial_template": "{national"}, "dial_template", "unmatched"),
        ({"ring_timeout": 0.0}, "ring_timeout", "between 1 and 600 seconds"),
        ({"audio_input": 'USB "Mic"'}, "audio_input", "microphone device name"),
        ({"bind_address": "not an address!"}, "bind_address", "not an IP address"),
        ({"bind_address": "eth0"}, "bind_address", "not an IP address"),  # PJSIP binds addresses
        ({"tls_ca_file": "/nonexistent/pbx-ca.pem"}, "tls_ca_file", "does not exist"),
    ],
)
def test_each_bad_value_gets_a_clear_message(changes: dict[str, object], field: str, words: str) -> None:
    account = SipAccount(**{**GOOD.to_mapping(), **changes})  # type: ignore[arg-type]
    problems = account.validate()
    assert fields_of(problems) == [field]
    assert words in str(problems[0])
    assert problems[0].message_in("ja") != problems[0].message_in("en")


def test_messages_follow_the_language() -> None:
    problem = SipAccount().validate()[0]
    set_language("ja")
    assert str(problem) == "レジストラ（SIP ドメイン）が空です"
    set_language("en")
    assert str(problem) == "The registrar (SIP domain) is empty"


def test_every_problem_is_reported_at_once() -> None:
    assert fields_of(SipAccount(transport="x", ring_timeout=-1).validate()) == [
        "registrar", "user", "transport", "ring_timeout",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("template", "target"),
    [
        ("{national}", "0312345678"),
        ("{e164}", "+81312345678"),
        ("{digits}", "81312345678"),
        ("sip:{national}@127.0.0.1:5070", "sip:0312345678@127.0.0.1:5070"),
        ("184{national}", "1840312345678"),
        ("{{literal}}{digits}", "{literal}81312345678"),
    ],
)
def test_dial_templates(template: str, target: str) -> None:
    assert render_dial_target(template, "+81312345678") == target


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{phone}", "{phone}"),
        ("{}", "{}"),
        ("{national:>12}", "{national:>12}"),
        ("{e164!r}", "{e164!r}"),
        ("{national", "unmatched"),
        ("", "empty"),
        ("{national} x", "cannot be dialled"),
    ],
)
def test_bad_dial_templates_say_what_is_wrong(template: str, words: str) -> None:
    with pytest.raises(SipSettingsError, match="dial template") as raised:
        render_dial_target(template, "+81312345678")
    assert words in str(raised.value)
    assert raised.value.field == "dial_template"


def test_the_number_must_be_e164() -> None:
    with pytest.raises(SipSettingsError, match="E.164"):
        render_dial_target("{national}", "0312345678")


def test_settings_round_trip_through_json_without_a_password() -> None:
    mapping = GOOD.to_mapping()
    assert "password" not in json.dumps(mapping)
    assert SipAccount.from_mapping(json.loads(json.dumps(mapping))) == GOOD


def test_from_mapping_reads_what_qsettings_gives_back() -> None:
    account = SipAccount.from_mapping(
        {"registrar": " pbx.local ", "ring_timeout": "12.5", "register": "false", "unknown": 1, "user": 42}
    )
    assert (account.registrar, account.ring_timeout, account.register, account.user) == (
        "pbx.local",
        12.5,
        False,
        "42",
    )
    assert SipAccount.from_mapping({"ring_timeout": "soon", "register": None}) == SipAccount()


def test_the_password_lives_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    assert load_password(GOOD) is None
    save_password(GOOD, "s3cret")
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "op1@sip.example.jp:5060"): "s3cret"}
    assert load_password(GOOD) == "s3cret"
    assert "s3cret" not in repr(GOOD) and "s3cret" not in json.dumps(GOOD.to_mapping())
    save_password(GOOD, "")
    assert load_password(GOOD) is None
    delete_password(GOOD)  # nothing kept: nothing happens


def test_no_keyring_backend_is_a_clear_error() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.raises(SipSettingsError, match="No system keyring") as raised:
            save_password(GOOD, "s3cret")
        assert "キーリング" in raised.value.message_in("ja")
        with pytest.raises(SipSettingsError, match="No system keyring"):
            load_password(GOOD)
    finally:
        keyring.set_keyring(previous)


def test_a_keyring_that_refuses_is_a_clear_error_that_quotes_nothing(memory_keyring: MemoryKeyring) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        with pytest.raises(SipSettingsError, match="refused the request") as raised:
            load_password(GOOD)
        assert "do-not-show" not in str(raised.value)
    finally:
        keyring.set_keyring(previous)


def test_an_empty_chain_of_backends_is_no_keyring_either() -> None:
    import keyring.backends.chainer

    class EmptyChain(keyring.backends.chainer.ChainerBackend):
        backends = []  # type: ignore[assignment]  # what keyring builds when no backend is viable

    previous = keyring.get_keyring()
    keyring.set_keyring(EmptyChain())
    try:
        with pytest.raises(SipSettingsError, match="No system keyring"):
            load_password(GOOD)
    finally:
        keyring.set_keyring(previous)


def test_tls_verification_is_on_by_default_and_survives_the_settings_file() -> None:
    assert SipAccount().tls_verify is True
    saved = SipAccount(
        registrar="pbx.example.jp",
        user="op",
        transport="tls",
        tls_ca_file="/etc/pbx-ca.pem",
        tls_verify=False,
    )
    read_back = SipAccount.from_mapping(json.loads(json.dumps(saved.to_mapping())))
    assert read_back == saved
    assert SipAccount.from_mapping({"tls_verify": "false"}).tls_verify is False  # QSettings' strings
    assert SipAccount.from_mapping({}).tls_verify is True  # an account saved before the setting existed
