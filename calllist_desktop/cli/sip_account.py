"""``calllist sip-account set / show / test``: the computer's one SIP account, from a script (SPEC §8).

The window's 設定 and the CLI share the account file (:mod:`calllist_desktop.telephony.account_file`)
and the keyring entry, so an admin can prepare many operator PCs with a script. The password is
read from standard input (``--password-stdin``) and goes straight to the system keyring: never
an argument (shell histories, process lists), never the file, never printed.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from calllist_desktop.cli.common import EXIT_ERROR, EXIT_OK, CliError, print_json
from calllist_desktop.core.i18n import in_language
from calllist_desktop.core.line import LineError, LineEvent, Registration, RegistrationChanged
from calllist_desktop.telephony.account import SipAccount, SipSettingsError, load_password, save_password
from calllist_desktop.telephony.account_file import account_path, load_account, save_account


def cmd_sip_account(args: argparse.Namespace) -> int:
    if args.sip_command == "set":
        return _set(args)
    if args.sip_command == "show":
        return _show(args)
    return _test(args)


def _set(args: argparse.Namespace) -> int:
    """Check everything first; write the password, then the file: nothing half-saved on an error."""
    fields: dict[str, Any] = {
        "registrar": args.registrar.strip(),
        "user": args.sip_user.strip(),
        "auth_user": args.auth_user.strip(),
        "transport": args.transport,
        "outbound_proxy": args.proxy.strip(),
        "dial_template": args.dial_template,
        "register": not args.no_register,
        "bind_address": args.bind.strip(),
        "tls_ca_file": args.tls_ca_file.strip(),
        "tls_verify": not args.tls_no_verify,
        "audio_input": args.audio_in.strip(),
        "audio_output": args.audio_out.strip(),
    }
    if args.ring_timeout is not None:
        fields["ring_timeout"] = args.ring_timeout
    account = SipAccount(**fields)
    problems = account.validate()
    if problems:
        raise CliError("; ".join(str(problem) for problem in problems))
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError(
                in_language(
                    "標準入力にパスワードがありません", "no password on standard input (--password-stdin)"
                )
            )
        _keyring(lambda: save_password(account, password))
    save_account(account)
    has_password = _keyring(lambda: load_password(account)) is not None
    print(
        in_language(
            f"SIP アカウントを保存しました: {account_path()}", f"SIP account saved to {account_path()}"
        )
    )
    if account.register and not has_password:
        print(
            in_language(
                "注意: このアカウントのパスワードはキーリングにありません（--password-stdin で設定できます）",
                "note: no password is kept for this account (give one with --password-stdin)",
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    account = _saved_account()
    try:
        password_set: bool | None = load_password(account) is not None
        keyring_problem = ""
    except SipSettingsError as exc:
        password_set, keyring_problem = None, str(exc)
    if args.json:
        print_json({**account.to_mapping(), "password_set": password_set, "file": str(account_path())})
        return EXIT_OK
    rows = [
        ("registrar", account.registrar),
        ("user", account.user),
        ("auth_user", account.auth_user or "-"),
        ("password", _password_text(password_set, keyring_problem)),
        ("transport", account.transport),
        ("outbound_proxy", account.outbound_proxy or "-"),
        ("dial_template", account.dial_template),
        ("ring_timeout", f"{account.ring_timeout:g} s"),
        (
            "register",
            in_language("する", "yes")
            if account.register
            else in_language("しない（直接発信）", "no (direct dialling)"),
        ),
        ("bind_address", account.bind_address or in_language("自動", "automatic")),
        ("tls_ca_file", account.tls_ca_file or in_language("システムの認証局", "the system's")),
        ("tls_verify", _verify_text(account.tls_verify)),
        ("audio_input", account.audio_input or in_language("既定", "system default")),
        ("audio_output", account.audio_output or in_language("既定", "system default")),
        ("file", str(account_path())),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    return EXIT_OK


def _test(args: argparse.Namespace) -> int:
    """Start the SIP line on the saved account, wait for the registrar's answer, stop it."""
    from calllist_desktop.telephony.lines import LineSetupError, sip_line

    account = _saved_account()
    try:
        line = sip_line(account)
    except LineSetupError as exc:
        raise CliError(str(exc)) from None
    settled = threading.Event()

    def on_event(event: LineEvent) -> None:
        if isinstance(event, RegistrationChanged) and event.state in (
            Registration.REGISTERED,
            Registration.FAILED,
        ):
            settled.set()

    line.add_listener(on_event)
    try:
        line.start()
        settled.wait(max(0.1, args.timeout))
        state, detail = line.registration, line.registration_detail
    except LineError as exc:
        state, detail = Registration.FAILED, str(exc)
    finally:
        line.stop()
    ok = state is Registration.REGISTERED
    if state is Registration.REGISTERING:
        detail = in_language(
            f"{args.timeout:g} 秒待ってもレジストラ {account.registrar} から応答がありません",
            f"no answer from the registrar {account.registrar} within {args.timeout:g} s",
        )
    if args.json:
        print_json({"ok": ok, "state": state.value, "detail": detail, "registrar": account.registrar})
    elif ok and not account.register:
        print(
            in_language(
                "登録なし（直接発信）のアカウントです: 回線は起動しました",
                "direct dialling, no registration: the line came up",
            )
        )
    elif ok:
        print(
            in_language(
                f"登録できました: {account.user}@{account.registrar}",
                f"registered: {account.user}@{account.registrar}",
            )
        )
    else:
        print(
            in_language(f"登録できませんでした: {detail}", f"registration failed: {detail}"), file=sys.stderr
        )
    return EXIT_OK if ok else EXIT_ERROR


def _saved_account() -> SipAccount:
    account = load_account()
    if account is None:
        raise CliError(
            in_language(
                f"SIP アカウントが設定されていません（{account_path()}）。calllist sip-account set で設定してください",
                f"no SIP account is set up ({account_path()}); use calllist sip-account set",
            )
        )
    return account


def _keyring(action: Any) -> Any:
    try:
        return action()
    except SipSettingsError as exc:
        raise CliError(str(exc)) from None


def _password_text(password_set: bool | None, keyring_problem: str) -> str:
    if password_set is None:
        return in_language(f"不明（{keyring_problem}）", f"unknown ({keyring_problem})")
    if password_set:
        return in_language("キーリングに保存済み", "kept in the system keyring")
    return in_language("未設定", "not set")


def _verify_text(verify: bool) -> str:
    if verify:
        return in_language("する", "yes")
    return in_language(
        "しない（TLS 証明書を検証しません）", "NO (the server's TLS certificate is not verified)"
    )
