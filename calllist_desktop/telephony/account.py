"""The SIP account: what the SIP line needs to know, checked before it is used (SPEC §6).

A :class:`SipAccount` is a plain value: the settings dialog edits one, QSettings or a JSON file
keeps one (:meth:`SipAccount.to_mapping`), the SIP line is built from one. The password is never
part of it: it lives in the system keyring (:func:`save_password`, :func:`load_password`) and is
handed to the line only when the line starts, so no settings file, log line or ``repr`` holds it.

Every problem a user can make (a bad host, an unknown placeholder in the dial template, no usable
keyring) is a :class:`SipSettingsError` with its text in Japanese and English, never a traceback.
"""

from __future__ import annotations

import ipaddress
import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from calllist_desktop.core.i18n import Language, current_language
from calllist_desktop.core.line import DEFAULT_RING_TIMEOUT
from calllist_desktop.core.line import RING_TIMEOUT_RANGE as RING_TIMEOUT_RANGE  # its home before core.line
from calllist_desktop.core.phone import national_digits

KEYRING_SERVICE = "calllist-desktop"
TRANSPORTS = ("udp", "tcp", "tls")
PLACEHOLDERS = ("national", "e164", "digits")

# host, IPv4 or [IPv6], with an optional port; what a registrar or proxy field may hold.
_HOST = re.compile(r"^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$")
_USER_FORBIDDEN = set('@:;<>"?\\ ')
_AUTH_USER_FORBIDDEN = set(';<>"\\ ')


class SipSettingsError(Exception):
    """A SIP setting the user can understand and fix; ``field`` names the setting, if one.

    ``str()`` gives the text in the current language (``core.i18n``), like the store's errors.
    """

    def __init__(self, en: str, ja: str, field: str | None = None) -> None:
        super().__init__(en)
        self.texts: dict[Language, str] = {"en": en, "ja": ja}
        self.field = field

    def message_in(self, language: Language) -> str:
        return self.texts[language]

    def __str__(self) -> str:
        return self.texts[current_language()]


@dataclass(frozen=True, slots=True)
class SipAccount:
    """One SIP account, without its password.

    ``registrar`` is the SIP domain and registrar, ``host[:port]`` (127.0.0.1:5060 for a local
    test far end). ``outbound_proxy`` routes every request through another host when set.
    ``auth_user`` is the digest user name when it differs from ``user``. ``dial_template`` turns
    a phone number into what is dialled (see :func:`render_dial_target`); a result without ``@``
    is dialled at the registrar. ``register=False`` dials without REGISTER (a trunk that trusts
    our address, a test far end). ``bind_address`` pins the local IP address; empty
    picks the one that reaches the registrar. Empty audio device names mean the system default.

    Over TLS the server's certificate is verified: it must chain to a trusted CA and name the host
    we connect to (the registrar's, or the outbound proxy's). ``tls_ca_file`` is a PEM file of the
    CAs to trust instead of the system's (a PBX's own CA, or a self-signed PBX certificate itself);
    ``tls_verify=False`` turns verification off, for a PBX whose certificate cannot pass at all
    (self-signed for another name): the connection is then encrypted but not authenticated.
    """

    registrar: str = ""
    user: str = ""
    auth_user: str = ""
    transport: str = "udp"
    outbound_proxy: str = ""
    dial_template: str = "{national}"
    ring_timeout: float = DEFAULT_RING_TIMEOUT
    audio_input: str = ""
    audio_output: str = ""
    register: bool = True
    bind_address: str = ""
    tls_ca_file: str = ""
    tls_verify: bool = True

    def validate(self) -> list[SipSettingsError]:
        """Every problem with these settings, in the order of the fields; empty when usable."""
        problems: list[SipSettingsError] = []
        if not self.registrar.strip():
            problems.append(
                _error(
                    "registrar", "The registrar (SIP domain) is empty", "レジストラ（SIP ドメイン）が空です"
                )
            )
        elif (problem := _host_problem("registrar", self.registrar)) is not None:
            problems.append(problem)
        if not self.user.strip():
            problems.append(_error("user", "The user name is empty", "ユーザー名が空です"))
        elif bad := _forbidden_in(self.user, _USER_FORBIDDEN):
            problems.append(
                _error("user", f"The user name must not contain {bad}", f"ユーザー名に {bad} は使えません")
            )
        if bad := _forbidden_in(self.auth_user, _AUTH_USER_FORBIDDEN):
            problems.append(
                _error(
                    "auth_user",
                    f"The authentication user must not contain {bad}",
                    f"認証ユーザー名に {bad} は使えません",
                )
            )
        if self.transport not in TRANSPORTS:
            problems.append(
                _error(
                    "transport",
                    f"Unknown transport “{self.transport}”: use udp, tcp or tls",
                    f"トランスポート「{self.transport}」は使えません。udp、tcp、tls のいずれかにしてください",
                )
            )
        if self.outbound_proxy.strip():
            proxy = re.sub(r"^sips?:", "", self.outbound_proxy.strip()).split(";", 1)[0]
            if (problem := _host_problem("outbound_proxy", proxy)) is not None:
                problems.append(problem)
        try:
            render_dial_target(self.dial_template, "+81312345678")
        except SipSettingsError as exc:
            problems.append(exc)
        low, high = RING_TIMEOUT_RANGE
        if not low <= self.ring_timeout <= high:
            problems.append(
                _error(
                    "ring_timeout",
                    f"The ring time-out must be between {low:g} and {high:g} seconds, not {self.ring_timeout:g}",
                    f"呼び出し時間は {low:g}〜{high:g} 秒にしてください（{self.ring_timeout:g} 秒になっています）",
                )
            )
        for name, label_en, label_ja in (
            ("audio_input", "microphone", "マイク"),
            ("audio_output", "speaker", "スピーカー"),
        ):
            value: str = getattr(self, name)
            if len(value.encode()) > 127 or '"' in value or not value.isprintable():
                problems.append(
                    _error(
                        name,
                        f"The {label_en} device name “{value}” cannot be used (no double quotes, at most 127 bytes)",
                        f"{label_ja}のデバイス名「{value}」は使えません（二重引用符は不可、127 バイトまで）",
                    )
                )
        if self.bind_address.strip() and not _is_ip_address(self.bind_address.strip()):
            # PJSIP binds addresses; an interface name has no portable way to become one.
            problems.append(
                _error(
                    "bind_address",
                    f"“{self.bind_address}” is not an IP address (such as 192.168.1.20)",
                    f"「{self.bind_address}」は IP アドレス（例 192.168.1.20）ではありません",
                )
            )
        ca_file = self.tls_ca_file.strip()
        if ca_file and not os.path.isfile(ca_file):
            problems.append(
                _error(
                    "tls_ca_file",
                    f"The CA certificate file “{ca_file}” does not exist or is not a file",
                    f"CA 証明書ファイル「{ca_file}」が見つかりません",
                )
            )
        return problems

    @property
    def auth_identity(self) -> str:
        """The name the password is kept under in the keyring: ``auth user@registrar``."""
        return f"{(self.auth_user or self.user).strip()}@{self.registrar.strip()}"

    def to_mapping(self) -> dict[str, Any]:
        """The settings as plain values for QSettings or JSON; never the password."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> SipAccount:
        """An account from :meth:`to_mapping`'s shape, forgiving what settings files do.

        Unknown keys are ignored; QSettings' strings for numbers and booleans ("30", "true") are
        read back; a value that cannot be read at all keeps the default (``validate`` reports
        values that are readable but wrong). Never raises for the content of the mapping.
        """
        defaults = cls()
        values: dict[str, Any] = {}
        for field in fields(cls):
            if field.name not in mapping or mapping[field.name] is None:
                continue
            raw = mapping[field.name]
            default = getattr(defaults, field.name)
            if isinstance(default, bool):
                values[field.name] = raw in (True, 1, "1", "true", "True", "yes")
            elif isinstance(default, float):
                try:
                    values[field.name] = float(raw)
                except (TypeError, ValueError):
                    continue
            else:
                values[field.name] = str(raw).strip()
        return cls(**values)


def render_dial_target(template: str, e164_phone: str) -> str:
    """What to dial for ``e164_phone`` (+81312345678) under ``template``.

    Placeholders: ``{national}`` 0312345678, ``{e164}`` +81312345678, ``{digits}`` 81312345678
    (E.164 without the +). Anything else in braces is an error naming it, so a typo in the
    settings is caught when they are saved rather than on the first call.
    """
    if not template.strip():
        raise _error("dial_template", "The dial template is empty", "発信テンプレートが空です")
    formatter = string.Formatter()
    try:
        parts = list(formatter.parse(template))
    except ValueError:
        raise _error(
            "dial_template",
            f"The dial template “{template}” has an unmatched {{ or }}",
            f"発信テンプレート「{template}」の {{ と }} が対応していません",
        ) from None
    allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise _error(
                "dial_template",
                f"Unknown placeholder {shown} in the dial template; use {allowed}",
                f"発信テンプレートの {shown} は使えません。使えるのは {allowed} です",
            )
    if not re.fullmatch(r"\+[1-9]\d{4,14}", e164_phone):
        raise _error(
            None,
            f"“{e164_phone}” is not an E.164 phone number",
            f"「{e164_phone}」は E.164 形式の電話番号ではありません",
        )
    target = template.format(national=national_digits(e164_phone), e164=e164_phone, digits=e164_phone[1:])
    if any(ch.isspace() for ch in target) or any(ch in target for ch in '<>"'):
        raise _error(
            "dial_template",
            f"The dial template gives “{target}”, which cannot be dialled (no spaces, <, > or quotes)",
            f"発信テンプレートから「{target}」ができますが、発信できません（空白・<・>・引用符は不可）",
        )
    return target


# -- the password, in the system keyring ---------------------------------------------------------


def save_password(account: SipAccount, password: str) -> None:
    """Keep the account's password in the system keyring (an empty one deletes it)."""
    keyring = _usable_keyring()
    try:
        if password:
            keyring.set_password(KEYRING_SERVICE, account.auth_identity, password)
        else:
            delete_password(account)
    except Exception as exc:  # noqa: BLE001 - every backend has errors of its own
        raise _keyring_failed(exc) from None


def load_password(account: SipAccount) -> str | None:
    """The account's password from the system keyring; ``None`` when none is kept."""
    keyring = _usable_keyring()
    try:
        password: str | None = keyring.get_password(KEYRING_SERVICE, account.auth_identity)
    except Exception as exc:  # noqa: BLE001 - every backend has errors of its own
        raise _keyring_failed(exc) from None
    return password


def delete_password(account: SipAccount) -> None:
    """Forget the account's password; nothing happens when none is kept."""
    keyring = _usable_keyring()
    try:
        if keyring.get_password(KEYRING_SERVICE, account.auth_identity) is not None:
            keyring.delete_password(KEYRING_SERVICE, account.auth_identity)
    except Exception as exc:  # noqa: BLE001 - every backend has errors of its own
        raise _keyring_failed(exc) from None


def _usable_keyring() -> Any:
    """The keyring backend in force, or a clear error when the system offers none.

    ``keyring`` falls back to a backend that fails on every call (or a chain of no backends)
    when it finds no secret service; saying so up front beats a "No recommended backend" traceback.
    """
    import keyring
    import keyring.backends.chainer
    import keyring.backends.fail

    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring) or (
        isinstance(backend, keyring.backends.chainer.ChainerBackend) and not backend.backends
    ):
        raise _no_keyring()
    return backend


def _no_keyring() -> SipSettingsError:
    return SipSettingsError(
        "No system keyring is available to keep the SIP password safely. Install and unlock "
        "a keyring (GNOME Keyring, KWallet, or the keyring of your operating system) and try again",
        "SIP のパスワードを安全に保存するためのキーリングがありません。GNOME Keyring や KWallet など "
        "OS のキーリングを用意してロックを解除し、もう一度お試しください",
        "password",
    )


def _keyring_failed(exc: Exception) -> SipSettingsError:
    import keyring.errors

    if isinstance(exc, keyring.errors.NoKeyringError):
        return _no_keyring()
    # The exception's text may quote what the backend was given; only its type is shown.
    return SipSettingsError(
        f"The system keyring refused the request ({type(exc).__name__}); is it unlocked?",
        f"キーリングにアクセスできませんでした（{type(exc).__name__}）。ロックが解除されているか確認してください",
        "password",
    )


# -- helpers -------------------------------------------------------------------------------------


def _error(field: str | None, en: str, ja: str) -> SipSettingsError:
    return SipSettingsError(en, ja, field)


def _forbidden_in(value: str, forbidden: set[str]) -> str:
    """The forbidden characters in ``value``, quoted for a message ("" when none)."""
    found = sorted({ch for ch in value if ch in forbidden or not ch.isprintable()})
    return " ".join("space" if ch == " " else repr(ch) for ch in found)


def _host_problem(field: str, value: str) -> SipSettingsError | None:
    label_en, label_ja = {
        "registrar": ("registrar", "レジストラ"),
        "outbound_proxy": ("outbound proxy", "アウトバウンドプロキシ"),
    }[field]
    match = _HOST.match(value.strip())
    port = match.group(1) if match else None
    if match is None or (port is not None and not 1 <= int(port) <= 65535):
        return _error(
            field,
            f"The {label_en} “{value}” is not a host name or address with an optional port (sip.example.jp:5060)",
            f"{label_ja}「{value}」はホスト名またはアドレス（必要ならポート付き、例 sip.example.jp:5060）ではありません",
        )
    return None


def _is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
