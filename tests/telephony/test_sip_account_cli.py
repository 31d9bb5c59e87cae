"""``calllist sip-account set / show / test``: the account from a script, the password from stdin only.

``test`` registers against SIPp as a digest registrar (``register_auth.xml``: the password is
"secret"), so a right and a wrong password are each told apart by a real REGISTER exchange.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from calllist_desktop.cli import sip_account_args
from calllist_desktop.cli.main import main
from calllist_desktop.core.i18n import set_language
from calllist_desktop.telephony.account import KEYRING_SERVICE, TRANSPORTS, SipAccount
from calllist_desktop.telephony.account_file import load_account
from tests.memory_keyring import MemoryKeyring, memory_keyring
from tests.telephony.conftest import Sipp

__all__ = ["memory_keyring"]  # a fixture, used by name

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def account_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "sip_account.json"
    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(path))
    set_language("en")
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    def run(*arguments: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--lang", "en", "sip-account", *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_set_saves_the_account_and_the_password_goes_only_to_the_keyring(
    run: Run, account_file: Path, memory_keyring: MemoryKeyring
) -> None:
    code, out, err = run(
        "set", "--registrar", "pbx.example.jp:5060", "--user", "0501234567", "--auth-user", "op1",
        "--password-stdin", "--transport", "tcp", "--proxy", "sip:proxy.example.jp;lr", "--ring-timeout", "20",
        "--bind", "192.0.2.10", "--audio-in", "USB Headset Mic", "--audio-out", "USB Headset",
        stdin="s3cret pass\n",
    )  # fmt: skip
    assert code == 0, err
    assert "saved" in out
    assert load_account() == SipAccount(
        registrar="pbx.example.jp:5060", user="0501234567", auth_user="op1", transport="tcp",
        outbound_proxy="sip:proxy.example.jp;lr", ring_timeout=20.0, bind_address="192.0.2.10",
        audio_input="USB Headset Mic", audio_output="USB Headset",
    )  # fmt: skip
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "op1@pbx.example.jp:5060"): "s3cret pass"}
    assert "s3cret" not in account_file.read_text(encoding="utf-8")

    code, out, _ = run("show", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["password_set"] is True and shown["transport"] == "tcp"
    assert shown["audio_input"] == "USB Headset Mic" and "s3cret" not in out
    code, out, _ = run("show")
    assert "kept in the system keyring" in out and "s3cret" not in out


def test_tls_trust_settings_from_a_script(run: Run, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    ca = tmp_path / "pbx-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    code, _, err = run("set", "--registrar", "pbx.example.jp:5061", "--user", "op", "--transport", "tls",
                       "--tls-ca-file", str(ca))  # fmt: skip
    assert code == 0, err
    assert load_account() == SipAccount(
        registrar="pbx.example.jp:5061", user="op", transport="tls", tls_ca_file=str(ca)
    )
    code, out, _ = run("show")
    assert "tls_verify" in out and "NO" not in out
    code, _, err = run(
        "set", "--registrar", "pbx.example.jp:5061", "--user", "op", "--transport", "tls", "--tls-no-verify"
    )
    assert code == 0, err
    account = load_account()
    assert account is not None and account.tls_verify is False
    code, out, _ = run("show")
    assert "NO (the server's TLS certificate is not verified)" in out
    code, _, err = run(
        "set",
        "--registrar",
        "pbx.example.jp:5061",
        "--user",
        "op",
        "--tls-ca-file",
        str(tmp_path / "gone.pem"),
    )
    assert code == 1 and "does not exist" in err


def test_bad_settings_save_nothing_and_say_every_problem(
    run: Run, account_file: Path, memory_keyring: MemoryKeyring
) -> None:
    code, _, err = run(
        "set", "--registrar", "bad host", "--user", "op@x", "--dial-template", "{phone}", "--password-stdin",
        stdin="secret\n",
    )  # fmt: skip
    assert code == 1
    assert "registrar" in err and "user name" in err and "{phone}" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not account_file.exists() and memory_keyring.secrets == {}


def test_an_empty_password_on_stdin_is_refused(
    run: Run, account_file: Path, memory_keyring: MemoryKeyring
) -> None:
    code, _, err = run("set", "--registrar", "pbx", "--user", "op", "--password-stdin", stdin="\n")
    assert code == 1 and "no password on standard input" in err
    assert not account_file.exists()


def test_without_a_password_set_says_none_is_kept(run: Run, memory_keyring: MemoryKeyring) -> None:
    code, _, err = run("set", "--registrar", "pbx", "--user", "op")
    assert code == 0 and "no password is kept" in err
    assert json.loads(run("show", "--json")[1])["password_set"] is False


def test_the_password_is_never_an_argument(run: Run) -> None:
    with pytest.raises(SystemExit):
        run("set", "--registrar", "pbx", "--user", "op", "--password", "secret")


def test_show_and_test_without_an_account_say_how_to_make_one(run: Run) -> None:
    for command in ("show", "test"):
        code, _, err = run(command)
        assert code == 1 and "sip-account set" in err


def test_the_parser_offers_the_accounts_transports() -> None:
    assert sip_account_args.TRANSPORTS == TRANSPORTS


def test_test_registers_with_the_right_password(
    run: Run, sipp: Callable[[str], Sipp], memory_keyring: MemoryKeyring
) -> None:
    registrar = sipp("register_auth.xml")
    assert (
        run(
            "set",
            "--registrar",
            registrar.address,
            "--user",
            "operator",
            "--password-stdin",
            stdin="secret\n",
        )[0]
        == 0
    )
    code, out, err = run("test", "--json")
    result = json.loads(out)
    assert code == 0, (err, registrar.errors())
    assert result == {
        "ok": True,
        "state": "registered",
        "detail": registrar.address,
        "registrar": registrar.address,
    }


def test_test_says_why_a_wrong_password_fails(
    run: Run, sipp: Callable[[str], Sipp], memory_keyring: MemoryKeyring
) -> None:
    registrar = sipp("register_auth.xml")
    run("set", "--registrar", registrar.address, "--user", "operator", "--password-stdin", stdin="wrong\n")
    code, out, err = run("test")
    assert code == 1 and out == ""
    assert "registration failed: Authentication failed (403 Forbidden)" in err


def test_test_says_when_nobody_answers(run: Run, memory_keyring: MemoryKeyring) -> None:
    from tests.telephony.conftest import free_udp_port

    run(
        "set",
        "--registrar",
        f"127.0.0.1:{free_udp_port()}",
        "--user",
        "operator",
        "--password-stdin",
        stdin="x\n",
    )
    code, _, err = run("test", "--timeout", "1")
    assert code == 1 and "no answer from the registrar" in err
