"""Who the window opens as (SPEC §11): the last person on this computer, a picker that never
preselects anyone, ファイル → ユーザーを切り替え, and deactivated users turned away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from calllist_desktop.store.errors import StoreError, UserInactive
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui import app
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LAST_USER, Settings
from calllist_desktop.ui.user_picker import UserPicker
from tests.ui.conftest import open_window, settle


def test_the_picker_preselects_nobody_and_enter_alone_chooses_nobody(qtbot: QtBot, ui_store: Store) -> None:
    picker = UserPicker(ui_store.users())  # kanri (the manager) sorts first
    qtbot.addWidget(picker)
    picker.show()
    assert picker.chosen() is None and not picker.ok_button.isEnabled()
    qtbot.waitUntil(lambda: not picker.list.currentIndex().isValid(), timeout=2000)  # no row even looks chosen
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.isVisible() and picker.result() == 0  # Enter did not make anyone the manager
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)  # the keyboard's way to choose: the first row
    assert picker.chosen() is not None and picker.chosen().login == "kanri"  # type: ignore[union-attr]
    assert picker.ok_button.isEnabled()
    row = next(i for i in range(picker.list.count()) if picker.list.item(i).data(Qt.ItemDataRole.UserRole) == "tanaka")
    picker.list.setCurrentRow(row)
    with qtbot.waitSignal(picker.accepted, timeout=2000):
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert picker.chosen().login == "tanaka"  # type: ignore[union-attr]


def test_the_last_person_opens_without_a_picker(ui_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_args: Any) -> Any:
        raise AssertionError("the picker was shown")

    monkeypatch.setattr(app, "_choose_user", never)
    settings.set(LAST_USER, "tanaka")
    assert app._who_works(ui_store.users(), False, settings).login == "tanaka"  # type: ignore[union-attr]
    view, login = app._first_view(ui_store.url, None, False, settings)
    assert login == "tanaka" and view is not None and view.user.login == "tanaka"


@pytest.mark.parametrize("remembered", ["", "gone", "tanaka"])
def test_the_picker_shows_the_active_users_when_the_last_person_is_unknown_gone_or_deactivated(
    ui_store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch, remembered: str
) -> None:
    ui_store.set_user_active("tanaka", False)
    settings.set(LAST_USER, remembered)
    offered: list[list[str]] = []

    def choose(users: list[Any], screenshot: bool) -> Any:
        offered.append([user.login for user in users])
        return users[-1]

    monkeypatch.setattr(app, "_choose_user", choose)
    assert app._who_works(ui_store.users(), False, settings).login == "sato"  # type: ignore[union-attr]
    assert offered == [["kanri", "sato"]]


def test_nobody_active_is_a_clear_error(ui_store: Store, settings: Settings) -> None:
    for user in ui_store.users():
        ui_store.set_user_active(user.login, False)
    with pytest.raises(StoreError, match="every user is deactivated"):
        app._who_works(ui_store.users(), False, settings)


def test_a_deactivated_user_cannot_sign_in(ui_store: Store, settings: Settings) -> None:
    ui_store.set_user_active("sato", False)
    assert app._first_view(ui_store.url, "sato", False, settings) == (None, "sato")  # the normal way decides
    with pytest.raises(UserInactive, match="cannot sign in"):
        app._open_store(ui_store.url, "sato", False, settings)


def start(tmp_path: Path, store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    """The real program, offscreen, that prints who it opened as and quits."""
    program = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from calllist_desktop.ui import app
shown = app.MainWindow.show
def show(window):
    shown(window)
    print("USER", window.user.login, flush=True)
    QTimer.singleShot(300, window.close)
app.MainWindow.show = show
app._tell = lambda parent, title, text, warning=False: print("TOLD", text, flush=True)  # no box to wait on
sys.exit(app.run(sys.argv[1:]))
"""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run(
        [sys.executable, "-c", program, "--db", store.url, "--line", "demo", *args],
        capture_output=True, text=True, timeout=60, env=environment,
    )  # fmt: skip


def test_the_program_remembers_who_used_it_and_refuses_a_deactivated_user(tmp_path: Path, ui_store: Store) -> None:
    first = start(tmp_path, ui_store, "--user", "tanaka")
    assert first.returncode == 0, first.stderr
    assert "USER tanaka" in first.stdout.splitlines()
    again = start(tmp_path, ui_store)  # no --user: the last person, no picker (offscreen it would hang)
    assert again.returncode == 0, again.stderr
    assert "USER tanaka" in again.stdout.splitlines()
    ui_store.set_user_active("sato", False)
    refused = start(tmp_path, ui_store, "--user", "sato", "--lang", "en")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "deactivated" in refused.stderr and "USER" not in refused.stdout
    assert "TOLD" in refused.stdout  # a person at the screen is told too


def choose_in_picker(qtbot: QtBot, login: str, offered: list[list[str]]) -> None:
    """Once the picker is up: note what it offers, choose ``login`` and press OK."""

    def answer() -> None:
        picker = QApplication.activeModalWidget()
        if not isinstance(picker, UserPicker):
            QTimer.singleShot(20, answer)
            return
        offered.append([picker.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(picker.list.count())])
        offered.append([str(picker.chosen())])
        row = next(i for i in range(picker.list.count()) if picker.list.item(i).data(Qt.ItemDataRole.UserRole) == login)
        picker.list.setCurrentRow(row)
        qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_switching_user_opens_a_new_window_for_them_on_the_same_store_and_line(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = open_window(qtbot, ui_store, line, settings, login="sato")
    signed_in = app.SignedIn(ui_store, line, settings, window)
    offered: list[list[str]] = []
    choose_in_picker(qtbot, "tanaka", offered)
    window.commands["switch_user"].trigger()
    qtbot.waitUntil(lambda: signed_in.window is not window, timeout=5000)  # the users are read off the GUI thread

    new = signed_in.window
    assert new is not window and new.user.login == "tanaka"
    qtbot.addWidget(new, before_close_func=lambda w: w.session.hang_up())
    assert offered == [["kanri", "tanaka"], ["None"]]  # not oneself, nobody preselected
    assert not window.isVisible() and new.isVisible()
    assert settings.get(LAST_USER) == "tanaka"
    qtbot.waitUntil(lambda: new.lists.list_id is not None, timeout=5000)
    assert {info.name for info in new.lists.lists} == {"展示会", "既存顧客"}  # tanaka's lists
    # The line's events reach the new window only; its calls are tanaka's.
    new.session.dial("+81399990001", list_id=new.lists.list_id)
    settle(qtbot, new)  # the call's row is written, then the line dials
    new.session.hang_up()
    settle(qtbot, new)
    qtbot.waitUntil(lambda: new.session.current is None, timeout=5000)
    fair = ui_store.list_by_name("展示会").id
    target = next(t for t in ui_store.targets(fair) if t.phone == "+81399990001")
    assert target.last_call is not None and target.last_call.agent_name == "田中 翔"


def test_a_call_in_progress_keeps_the_window_when_the_operator_says_no(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ui_store, line, settings, login="sato")
    signed_in = app.SignedIn(ui_store, line, settings, window)
    window.session.dial("+81312345678", list_id=window.lists.list_id)
    settle(qtbot, window)  # the call's row is written, then the line dials
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: QMessageBox.StandardButton.No)
    choose_in_picker(qtbot, "tanaka", [])
    window.commands["switch_user"].trigger()
    settle(qtbot, window)  # the users read, offered, the call kept
    assert signed_in.window is window and window.isVisible() and window.session.busy
    assert settings.get(LAST_USER) != "tanaka"
    window.session.hang_up()


def test_a_manager_starts_on_the_management_tab(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings) -> None:
    manager = open_window(qtbot, ui_store, line, settings, login="kanri")
    assert manager.lists.tabs.currentWidget() is manager.management
    operator: MainWindow = open_window(qtbot, ui_store, line, settings, login="sato")
    assert operator.lists.tabs.currentIndex() == 0


def test_f11_is_full_screen_and_the_layout_stays_on_ctrl_1_and_2(qtbot: QtBot, window: MainWindow) -> None:
    from calllist_desktop.ui.settings import LayoutMode

    full = Qt.WindowState.WindowFullScreen
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.windowState() & full and window.mode is LayoutMode.WIDE
    assert window.commands["full_screen"].isChecked()
    # A layout switch puts the window in that layout's own size, which ends full screen.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.mode is LayoutMode.COMPACT
    assert not window.windowState() & full and not window.commands["full_screen"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.windowState() & full and window.mode is LayoutMode.COMPACT
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.windowState() & full and not window.commands["full_screen"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.mode is LayoutMode.WIDE


@pytest.mark.postgres
def test_team_mode_does_not_switch_user_under_one_database_role(
    qtbot: QtBot, postgres_url: str, line: DemoLine, settings: Settings
) -> None:
    """On a team database the connected role is the user (RLS acts on it): switching in the
    client would act as someone else with that person's rights. It says so and stays."""
    from sqlalchemy import text

    from tests.conftest import _empty_postgres

    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    try:
        store.add_user("sato", "佐藤 美咲")
        store.add_user("tanaka", "田中 翔")
        with store.engine.begin() as connection:  # sato is whoever the test connects as
            connection.execute(text("UPDATE users SET db_role = current_user WHERE login = 'sato'"))
        window = open_window(qtbot, store, line, settings, login="sato")
        signed_in = app.SignedIn(store, line, settings, window)
        window.commands["switch_user"].trigger()  # no picker: it would wait here
        settle(qtbot, window)
        assert signed_in.window is window and window.isVisible()
        assert any(word in window.statusBar().currentMessage() for word in ("ロール", "role"))
        window.close()
    finally:
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE users SET db_role = NULL"))
        store.close()
