"""設定: the dialog's pages, their validation, the connection test, and settings that survive garbage."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from calllist_desktop.store.probe import ProbeResult
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.account_file import load_account
from calllist_desktop.telephony.lines import saved_ring_timeout
from calllist_desktop.ui import settings_store_page
from calllist_desktop.ui.actions import Menu
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import (
    LANGUAGE,
    LAST_LIST,
    SHOW_EXCLUDED,
    STORE_URL,
    WRAP_UP,
    LayoutMode,
    Settings,
)
from calllist_desktop.ui.settings_audio_page import AudioSettingsPage
from calllist_desktop.ui.settings_dialog import SettingsDialog
from calllist_desktop.ui.settings_pages import AppearancePage, CallsPage
from calllist_desktop.ui.settings_sip_page import SipSettingsPage
from calllist_desktop.ui.settings_store_page import StorePage
from tests.memory_keyring import MemoryKeyring, memory_keyring

__all__ = ["memory_keyring"]  # a fixture, used by name


@pytest.fixture(autouse=True)
def sip_account_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The SIP account file of this test, never the user's."""
    path = tmp_path / "sip_account.json"
    monkeypatch.setenv("CALLLIST_SIP_ACCOUNT", str(path))
    return path


@pytest.fixture
def dialog(qtbot: QtBot, settings: Settings) -> SettingsDialog:
    shown = SettingsDialog(settings)
    qtbot.addWidget(shown)
    shown.open()
    return shown


def click_save(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def store_page(dialog: SettingsDialog) -> StorePage:
    page = dialog.page("storePage")
    assert isinstance(page, StorePage)
    return page


def test_garbage_in_the_settings_file_reads_as_defaults_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[General]\nversion=abc\n[calls]\nwrap_up=99999\n[ui]\nlayout=sideways\nstart_layout=@ByteArray(xx)\n"
        "language=klingon\n[lists]\nshow_excluded=maybe\nlast_list=展示会\n",
        encoding="utf-8",
    )
    settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert settings.get(WRAP_UP) == 0
    assert settings.layout is LayoutMode.WIDE and settings.start_layout() is LayoutMode.WIDE
    assert settings.get(LANGUAGE) == "" and settings.get(SHOW_EXCLUDED) is True
    assert settings.get(LAST_LIST) == "展示会"
    with pytest.raises(ValueError):
        settings.set(WRAP_UP, -1)
    assert settings.get(LAST_LIST) == "展示会"


def test_the_pages_in_order(dialog: SettingsDialog) -> None:
    titles = [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
    assert titles == ["データの保存先", "SIP 回線", "音声", "通話", "表示"]
    assert [type(page) for page in dialog.pages] == [StorePage, SipSettingsPage, AudioSettingsPage, CallsPage, AppearancePage]


def test_a_bad_url_is_said_next_to_the_field_and_nothing_is_saved(dialog: SettingsDialog, settings: Settings) -> None:
    settings.set(LAST_LIST, "展示会")
    page = store_page(dialog)
    dialog.page_list.setCurrentRow(1)
    page.postgres_choice.setChecked(True)
    page.postgres_url.setText("mysql://db/calllist")
    assert page.postgres_error.isVisibleTo(page) and "PostgreSQL" in page.postgres_error.text()
    assert not page.test_button.isEnabled()
    calls = dialog.page("callsPage")
    assert isinstance(calls, CallsPage)
    calls.wrap_up.setValue(45)
    click_save(dialog)
    assert dialog.isVisible()
    assert dialog.stack.currentWidget() is page  # the page with the problem is brought forward
    assert dialog.problems.isVisibleTo(dialog)
    assert settings.get(WRAP_UP) == 0 and settings.get(STORE_URL) == ""
    assert settings.get(LAST_LIST) == "展示会"
    page.postgres_url.setText("postgresql+psycopg://sato@db.example/calllist")
    assert not page.postgres_error.isVisibleTo(page)
    click_save(dialog)
    assert not dialog.isVisible()
    assert settings.get(STORE_URL) == "postgresql+psycopg://sato@db.example/calllist"
    assert settings.get(WRAP_UP) == 45 and settings.get(LAST_LIST) == "展示会"


def test_a_sqlite_file_in_a_missing_folder_is_refused(dialog: SettingsDialog, tmp_path: Path) -> None:
    page = store_page(dialog)
    page.sqlite_path.setText(str(tmp_path / "no" / "such" / "x.sqlite3"))
    assert page.sqlite_error.isVisibleTo(page) and page.validation_messages()
    page.sqlite_path.setText(str(tmp_path))
    assert page.validation_messages()
    page.sqlite_path.setText(str(tmp_path / "team.sqlite3"))
    assert not page.validation_messages() and not page.sqlite_error.isVisibleTo(page)


def test_the_calls_and_display_pages_save_their_values(dialog: SettingsDialog, settings: Settings, tmp_path: Path) -> None:
    calls = dialog.page("callsPage")
    assert isinstance(calls, CallsPage)
    calls.wrap_up.setValue(1000)  # the spin box keeps it within the setting's bounds
    display = dialog.page("appearancePage")
    assert isinstance(display, AppearancePage)
    display.start_layout.setCurrentIndex(display.start_layout.findData("compact"))
    store_page(dialog).sqlite_path.setText(str(tmp_path / "mine.sqlite3"))
    click_save(dialog)
    assert not dialog.isVisible()
    assert settings.get(WRAP_UP) == 600
    assert settings.start_layout() is LayoutMode.COMPACT
    assert settings.get(STORE_URL) == str(tmp_path / "mine.sqlite3")


def test_the_connection_test_runs_off_the_gui_thread_and_reports(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    page = store_page(dialog)
    existing = tmp_path / "existing.sqlite3"
    Store.open(str(existing)).close()
    page.sqlite_path.setText(str(existing))
    with qtbot.waitSignal(page.tested, timeout=10000) as blocker:
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    assert blocker.args is not None and blocker.args[0] is True
    assert page.test_result.property("tone") == "ok" and page.test_button.isEnabled()

    page.sqlite_path.setText(str(tmp_path / "new.sqlite3"))
    with qtbot.waitSignal(page.tested, timeout=10000) as blocker:
        page.test_connection()
    assert blocker.args is not None and blocker.args[0] is True
    assert not (tmp_path / "new.sqlite3").exists()  # a test creates nothing

    page.postgres_choice.setChecked(True)
    page.postgres_url.setText("postgresql+psycopg://nobody:secret@127.0.0.1:1/calllist")
    with qtbot.waitSignal(page.tested, timeout=15000) as blocker:
        page.test_connection()
    assert blocker.args is not None and blocker.args[0] is False
    assert page.test_result.property("tone") == "error" and page.test_result.text()
    assert "secret" not in page.test_result.text()


def test_a_test_answered_after_the_value_changed_or_the_page_went_is_not_shown(
    qtbot: QtBot, dialog: SettingsDialog, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = store_page(dialog)
    answer = threading.Event()
    probed: list[str] = []

    def slow_probe(url: str) -> ProbeResult:
        probed.append(url)
        answer.wait(10)
        return real_probe(url)

    real_probe = settings_store_page.probe_store
    monkeypatch.setattr(settings_store_page, "probe_store", slow_probe)
    shown: list[object] = []
    page.tested.connect(lambda *args: shown.append(args))
    page.sqlite_path.setText(str(tmp_path / "first.sqlite3"))
    page.test_connection()
    assert page.test_result.text() and not page.test_button.isEnabled()  # 接続しています…
    qtbot.waitUntil(lambda: len(probed) == 1, timeout=5000)  # on its thread, waiting for the server

    page.sqlite_path.setText(str(tmp_path / "second.sqlite3"))  # the answer would be about nothing shown
    answer.set()
    qtbot.wait(4 * settings_store_page.PROBE_LOOK_MS)
    assert shown == [] and page.test_result.text() == "" and page.test_button.isEnabled()

    answer.clear()  # asked again on a page that goes before the answer
    gone = StorePage(settings)
    gone.sqlite_path.setText(str(tmp_path / "third.sqlite3"))
    gone.tested.connect(lambda *args: shown.append(args))
    gone.test_connection()
    qtbot.waitUntil(lambda: len(probed) == 2, timeout=5000)
    gone.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(gone), timeout=5000)
    answer.set()
    qtbot.wait(4 * settings_store_page.PROBE_LOOK_MS)
    assert shown == []


def test_a_page_with_a_problem_from_a_plugged_in_factory_blocks_saving(qtbot: QtBot, settings: Settings) -> None:
    class SipLikePage(QWidget):
        def __init__(self, _settings: Settings) -> None:
            super().__init__()
            self.setWindowTitle("SIP")
            self.saved = False

        def validation_messages(self) -> list[str]:
            return ["registrar missing"]

        def save(self) -> None:
            self.saved = True

    dialog = SettingsDialog(settings, factories=[CallsPage, SipLikePage])
    qtbot.addWidget(dialog)
    dialog.open()
    click_save(dialog)
    assert dialog.isVisible() and "SIP: registrar missing" in dialog.problems.text()
    assert dialog.stack.currentIndex() == 1
    page = dialog.pages[1]
    assert isinstance(page, SipLikePage) and not page.saved
    dialog.reject()


def test_the_file_chooser_fills_the_path(qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path) -> None:
    page = store_page(dialog)
    page.choose_file()
    chooser = page.file_dialog
    assert chooser is not None and chooser.isVisible()
    chooser.fileSelected.emit(str(tmp_path / "picked.sqlite3"))
    chooser.reject()
    assert page.sqlite_path.text() == str(tmp_path / "picked.sqlite3")


def test_ctrl_comma_opens_the_dialog_and_a_saved_language_applies_at_once(qtbot: QtBot, window: MainWindow) -> None:
    assert window.lists.tabs.tabText(0) == "発信先リスト"
    window.commands["settings"].trigger()
    dialog = window.settings_dialog
    assert dialog.isVisible() and window.commands["settings"].shortcut().toString() == "Ctrl+,"
    assert window.commands["settings"] in window.commands.menus[Menu.FILE].actions()
    display = dialog.page("appearancePage")
    assert isinstance(display, AppearancePage)
    display.language.setCurrentIndex(display.language.findData("en"))
    click_save(dialog)
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
    assert window.commands["lang_en"].isChecked() and window.settings.get(LANGUAGE) == "en"
    window.commands["lang_ja"].trigger()
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)


def test_help_opens_the_log_folder(window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[QUrl] = []
    monkeypatch.setenv("CALLLIST_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    assert window.commands["open_logs"] in window.commands.menus[Menu.HELP].actions()
    window.commands["open_logs"].trigger()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "logs"))]
    assert (tmp_path / "logs").is_dir()


def test_no_label_is_left_untranslated_in_english(qtbot: QtBot, settings: Settings, window: MainWindow) -> None:
    window.switch_language("en")
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
    try:
        dialog = SettingsDialog(settings)
        qtbot.addWidget(dialog)
        dialog.open()
        texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        texts += [dialog.page_list.item(i).text() for i in range(dialog.page_list.count())]
        japanese = [text for text in texts if any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)]
        assert [text for text in japanese if "Language" not in text] == [], japanese
        dialog.reject()
    finally:
        window.switch_language("ja")
        qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)


def sip_page(dialog: SettingsDialog) -> SipSettingsPage:
    page = dialog.page("sipSettingsPage")
    assert isinstance(page, SipSettingsPage)
    return page


def test_no_sip_account_is_the_demo_line_and_saves(dialog: SettingsDialog, sip_account_file: Path) -> None:
    page = sip_page(dialog)
    assert not page.uses_sip() and page.validation_messages() == []
    page.account_page.ring_timeout.setValue(20)
    click_save(dialog)
    assert not dialog.isVisible()
    assert saved_ring_timeout() == 20 and load_account(sip_account_file) == SipAccount(ring_timeout=20)


def test_a_damaged_account_file_opens_as_no_account_and_rings_the_default(
    qtbot: QtBot, settings: Settings, sip_account_file: Path
) -> None:
    sip_account_file.write_text('{"ring_timeout": -5, "registrar": 7', encoding="utf-8")
    assert saved_ring_timeout() == 30
    sip_account_file.write_text('{"ring_timeout": -5}', encoding="utf-8")
    assert saved_ring_timeout() == 30
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not sip_page(dialog).uses_sip()


def test_a_half_entered_sip_account_blocks_saving(dialog: SettingsDialog, settings: Settings) -> None:
    page = sip_page(dialog)
    page.account_page.registrar.setText("sip.example.jp")
    click_save(dialog)
    assert dialog.isVisible() and dialog.stack.currentWidget() is page
    assert load_account() is None


def test_the_sip_account_is_saved_and_its_password_goes_to_the_keyring(
    qtbot: QtBot, settings: Settings, memory_keyring: MemoryKeyring, sip_account_file: Path
) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    page = sip_page(dialog)
    page.account_page.registrar.setText("sip.example.jp:5060")
    page.account_page.user.setText("0501234567")
    qtbot.keyClicks(page.account_page.password, "s3cret")
    click_save(dialog)
    assert not dialog.isVisible()
    account = load_account()
    assert account is not None and (account.registrar, account.user) == ("sip.example.jp:5060", "0501234567")
    assert list(memory_keyring.secrets.values()) == ["s3cret"]
    assert "s3cret" not in Path(settings.store.fileName()).read_text(encoding="utf-8")
    assert "s3cret" not in sip_account_file.read_text(encoding="utf-8")
    again = SettingsDialog(settings)  # opened again: the account is there, the password only said to be
    qtbot.addWidget(again)
    assert sip_page(again).account_page.registrar.text() == "sip.example.jp:5060"
    assert sip_page(again).account_page.password.text() == ""


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The keyring a server or a bare desktop has: none (keyring's "fail" backend)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keyring_a_typed_password_is_a_message_not_a_crash(
    qtbot: QtBot, dialog: SettingsDialog, settings: Settings, no_keyring: None
) -> None:
    page = sip_page(dialog)
    page.account_page.registrar.setText("sip.example.jp")
    page.account_page.user.setText("0501234567")
    qtbot.keyClicks(page.account_page.password, "s3cret")
    click_save(dialog)
    assert dialog.isVisible() and dialog.problems.isVisibleTo(dialog)
    assert "s3cret" not in dialog.problems.text()
    assert load_account() is None


def test_calling_hours_are_no_longer_a_setting_and_the_hand_dialled_wrap_up_is_one(
    dialog: SettingsDialog, settings: Settings, tmp_path: Path
) -> None:
    from calllist_desktop.ui.settings import CALLING_HOURS, WRAP_UP_HAND_DIALLED

    settings.set(CALLING_HOURS, True)  # an old computer's guard: no longer handed to auto-call
    assert settings.autocall_options().calling_hours is None
    assert settings.legacy_calling_hours() is not None  # (known, for moving into list rules)
    calls = dialog.page("callsPage")
    assert isinstance(calls, CallsPage)
    assert not hasattr(calls, "hours") and not settings.get(WRAP_UP_HAND_DIALLED)
    calls.hand_wrap_up.setChecked(True)
    calls.wrap_up.setValue(20)
    store_page(dialog).sqlite_path.setText(str(tmp_path / "mine.sqlite3"))
    click_save(dialog)
    assert not dialog.isVisible()
    assert settings.get(WRAP_UP_HAND_DIALLED) and settings.autocall_options().wrap_up == 20
