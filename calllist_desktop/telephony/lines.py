"""Which line a program calls on: the saved SIP account's line, or the demo line.

The desktop client asks for ``auto``: the SIP line once an account has been set up in 設定,
the demo line before that, so ``make run`` works at once and a configured client never
silently falls back to pretend calls. An account that is saved but unusable is reported, not
ignored: the caller shows the reason and runs on the demo line, clearly labelled as such.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal, NamedTuple

from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.line import DEFAULT_RING_TIMEOUT, Line
from calllist_desktop.telephony.account_file import load_account
from calllist_desktop.telephony.demo import DemoLine

if TYPE_CHECKING:  # the account's checks load with a saved account: the desktop starts without them otherwise
    from calllist_desktop.telephony.account import SipAccount
    from calllist_desktop.telephony.audio.settings import AudioSettings

log = logging.getLogger(__name__)

LineKind = Literal["auto", "demo", "sip"]


class LineSetupError(Exception):
    """The SIP line was asked for and cannot be made; the message says why, in both languages."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.texts = {"en": en, "ja": ja}

    def __str__(self) -> str:
        return self.texts[current_language()]


class ChosenLine(NamedTuple):
    line: Line
    problem: str = ""  # why ``auto`` fell back to the demo line, for the user


def saved_ring_timeout() -> float:
    """The ring time of the saved account (the demo line rings as long), the default when unusable."""
    account = load_account()
    if account is None:
        return DEFAULT_RING_TIMEOUT
    from calllist_desktop.telephony.account import RING_TIMEOUT_RANGE

    low, high = RING_TIMEOUT_RANGE
    return account.ring_timeout if low <= account.ring_timeout <= high else DEFAULT_RING_TIMEOUT


def open_line(kind: LineKind = "auto", *, demo_ring_timeout: float = DEFAULT_RING_TIMEOUT, account: SipAccount | None = None) -> ChosenLine:
    """The line for ``kind``; ``account`` defaults to the saved one. Not started yet."""
    if kind == "demo":
        return ChosenLine(DemoLine(ring_timeout=demo_ring_timeout))
    account = account if account is not None else load_account()
    if account is None or not account.registrar.strip():
        if kind == "sip":
            raise LineSetupError(
                "no SIP account is set up (設定 → SIP アカウント)", "SIP アカウントが設定されていません (設定 → SIP アカウント)"
            )
        return ChosenLine(DemoLine(ring_timeout=demo_ring_timeout))
    try:
        return ChosenLine(sip_line(account, our_audio(account)))
    except LineSetupError as exc:
        if kind == "sip":
            raise
        log.warning("SIP line unusable, running on the demo line: %s", exc)
        return ChosenLine(DemoLine(ring_timeout=demo_ring_timeout), problem=str(exc))


def our_audio(account: SipAccount) -> AudioSettings:
    """The devices of the program's own audio path for a SIP line: this computer's choices
    (設定 → 音声), the account's microphone and speaker on top."""
    from calllist_desktop.telephony.audio.config_file import device_settings

    return device_settings(account.audio_input, account.audio_output)


def sip_line(account: SipAccount, audio: AudioSettings | None = None) -> Line:
    """A SIP line for a saved account, its password from the keyring, run by a phone process
    (:mod:`~calllist_desktop.telephony.phone_process`); ``audio`` joins its calls to sound
    devices (none: the line has no audio, and says so)."""
    from calllist_desktop.telephony.account import SipSettingsError, load_password

    problems = account.validate()
    if problems:
        raise LineSetupError(
            "the SIP account is not usable: " + "; ".join(problem.message_in("en") for problem in problems),
            "SIP アカウントの設定に問題があります: " + "、".join(problem.message_in("ja") for problem in problems),
        )
    password = ""
    if account.register:
        try:
            password = load_password(account) or ""
        except SipSettingsError as exc:
            raise LineSetupError(exc.message_in("en"), exc.message_in("ja")) from None
    from calllist_desktop.telephony.phone_process import ProcessLine

    return ProcessLine(account, password, audio=audio)
