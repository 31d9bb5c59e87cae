"""Choosing the line: the saved SIP account's line once there is one, the demo line before."""

from __future__ import annotations

from pathlib import Path

import pytest

from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.account_file import load_account, save_account
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.telephony.lines import LineSetupError, open_line
from calllist_desktop.telephony.phone_process import ProcessLine


@pytest.fixture(autouse=True)
def account_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "sip_account.json"
    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(path))
    return path


def test_without_an_account_auto_is_the_demo_line_and_sip_is_refused() -> None:
    chosen = open_line("auto", demo_ring_timeout=12)
    assert isinstance(chosen.line, DemoLine) and chosen.problem == ""
    assert chosen.line.ring_timeout == 12
    with pytest.raises(LineSetupError, match="no SIP account"):
        open_line("sip")


def test_a_saved_account_gives_the_sip_line(account_file: Path) -> None:
    account = SipAccount(registrar="127.0.0.1:5060", user="sato", register=False, dial_template="{national}")
    save_account(account)
    assert load_account() == account
    chosen = open_line("auto")
    # The SIP line as the window holds it: run by a phone process, the audio path with it.
    assert isinstance(chosen.line, ProcessLine) and chosen.line.account == account
    assert chosen.line.audio is not None and chosen.line.process_id is None  # not started yet
    assert isinstance(open_line("demo").line, DemoLine)


def test_an_unusable_saved_account_falls_back_to_the_demo_line_and_says_why(account_file: Path) -> None:
    save_account(SipAccount(registrar="127.0.0.1:5060", user="", register=False))
    chosen = open_line("auto")
    assert isinstance(chosen.line, DemoLine)
    assert "user name" in chosen.problem.lower()
    with pytest.raises(LineSetupError):
        open_line("sip")


def test_a_damaged_account_file_is_no_account(account_file: Path) -> None:
    account_file.write_text("{not json", encoding="utf-8")
    assert load_account() is None
    account_file.write_text("[1, 2]", encoding="utf-8")
    assert load_account() is None
    assert isinstance(open_line("auto").line, DemoLine)
