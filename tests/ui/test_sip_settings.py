"""SIP 回線の設定: the SIP account page edits the account, reports problems, keeps the password in the keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.i18n import set_language
from calllist_desktop.telephony.account import KEYRING_SERVICE, SipAccount, SipSettingsError, load_password
from calllist_desktop.ui.sip_settings import SipAccountPage
from tests.memory_keyring import MemoryKeyring, memory_keyring

__all__ = ["memory_keyring"]  # a fixture, used by name

ACCOUNT = SipAccount(
    registrar="sip.example.jp:5060",
    user="0501234567",
    auth_user="op1",
    transport="tcp",
    outbound_proxy="sbc.example.jp",
    dial_template="184{national}",
    ring_timeout=25.0,
    audio_input="hw:1,0",
    register=False,
    bind_address="192.0.2.10",
    tls_verify=False,
)


@pytest.fixture
def page(qtbot: QtBot) -> SipAccountPage:
    widget = SipAccountPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_load_then_account_gives_the_same_account(page: SipAccountPage) -> None:
    page.load(ACCOUNT, has_password=True)
    assert page.account() == ACCOUNT
    assert page.validation_messages() == []
    assert page.password.text() == ""
    assert page.password.echoMode() is page.password.EchoMode.Password
    assert page.password.placeholderText() == "保存済み（変更するときだけ入力）"
    assert page.problems.isHidden()


def test_a_blank_page_does_not_scold_until_the_user_types(qtbot: QtBot, page: SipAccountPage) -> None:
    assert page.problems.isHidden()
    assert page.validation_messages()  # but it is not usable yet
    with qtbot.waitSignal(page.changed):
        qtbot.keyClicks(page.user, "operator")
    assert page.problems.isVisible()
    assert "registrar" in page.problems.text()


def test_typing_bad_values_lists_each_problem(qtbot: QtBot, page: SipAccountPage) -> None:
    set_language("ja")
    page.load(ACCOUNT, has_password=False)
    page.dial_template.clear()
    qtbot.keyClicks(page.dial_template, "{phone}")
    page.transport.setCurrentIndex(page.transport.findData("udp"))
    qtbot.keyClicks(page.user, "@x")
    messages = page.validation_messages()
    assert len(messages) == 2
    assert "ユーザー名に '@' は使えません" in messages[0]
    assert "{phone}" in messages[1] and "使えません" in messages[1]
    assert page.problems.text().count("•") == 2


def test_the_page_edits_every_field(qtbot: QtBot, page: SipAccountPage) -> None:
    qtbot.keyClicks(page.registrar, "127.0.0.1:5070")
    qtbot.keyClicks(page.user, "operator")
    page.transport.setCurrentIndex(page.transport.findData("tls"))
    page.register.setChecked(False)
    page.ring_timeout.setValue(12)
    qtbot.keyClicks(page.bind_address, "127.0.0.1")
    account = page.account()
    assert (account.registrar, account.user, account.transport, account.register, account.ring_timeout) == (
        "127.0.0.1:5070", "operator", "tls", False, 12.0,
    )  # fmt: skip
    assert account.bind_address == "127.0.0.1"
    assert account.tls_verify is True and account.tls_ca_file == ""  # verification is the default
    assert page.validation_messages() == []


def test_tls_trust_is_edited_and_a_missing_ca_file_is_a_problem(
    qtbot: QtBot, page: SipAccountPage, tmp_path: Path
) -> None:
    page.load(ACCOUNT, has_password=False)
    assert not page.tls_verify.isChecked()  # the explicit "do not verify" shows as such
    page.tls_verify.setChecked(True)
    qtbot.keyClicks(page.tls_ca_file, str(tmp_path / "gone.pem"))
    assert page.account().tls_verify is True
    assert any("gone.pem" in message for message in page.validation_messages())
    ca = tmp_path / "pbx-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    page.tls_ca_file.setText(str(ca))
    assert page.account().tls_ca_file == str(ca) and page.validation_messages() == []


def test_a_typed_password_goes_to_the_keyring_only(
    qtbot: QtBot, page: SipAccountPage, memory_keyring: MemoryKeyring
) -> None:
    page.load(ACCOUNT, has_password=False)
    qtbot.keyClicks(page.password, "s3cret")
    assert page.password_edited
    assert "s3cret" not in repr(page.account().to_mapping())
    page.save_password()
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "op1@sip.example.jp:5060"): "s3cret"}
    assert page.password.text() == "" and not page.password_edited
    assert page.password.placeholderText() == "保存済み（変更するときだけ入力）"


def test_saving_without_typing_keeps_the_password(
    page: SipAccountPage, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.secrets[(KEYRING_SERVICE, ACCOUNT.auth_identity)] = "kept"
    page.load(ACCOUNT, has_password=True)
    page.save_password()
    assert load_password(ACCOUNT) == "kept"


def test_a_renamed_account_takes_its_password_along(
    qtbot: QtBot, page: SipAccountPage, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.secrets[(KEYRING_SERVICE, ACCOUNT.auth_identity)] = "kept"
    page.load(ACCOUNT, has_password=True)
    page.auth_user.clear()
    qtbot.keyClicks(page.auth_user, "op2")
    page.save_password()
    assert memory_keyring.secrets == {(KEYRING_SERVICE, "op2@sip.example.jp:5060"): "kept"}


def test_clearing_a_typed_password_removes_it(
    qtbot: QtBot, page: SipAccountPage, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.secrets[(KEYRING_SERVICE, ACCOUNT.auth_identity)] = "old"
    page.load(ACCOUNT, has_password=True)
    qtbot.keyClicks(page.password, "x")
    qtbot.keyClick(page.password, Qt.Key.Key_Backspace)
    page.save_password()
    assert memory_keyring.secrets == {}
    assert page.password.placeholderText() == "未設定"


def test_a_password_the_stack_cannot_send_is_reported(qtbot: QtBot, page: SipAccountPage) -> None:
    page.load(ACCOUNT, has_password=False)
    qtbot.keyClicks(page.password, 'a"b')
    assert page.validation_messages() == ['パスワードに " と \\ は使えません']


def test_no_keyring_is_a_clear_error_not_a_traceback(qtbot: QtBot, page: SipAccountPage) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        page.load(ACCOUNT, has_password=False)
        qtbot.keyClicks(page.password, "s3cret")
        with pytest.raises(SipSettingsError, match="No system keyring"):
            page.save_password()
    finally:
        keyring.set_keyring(previous)
