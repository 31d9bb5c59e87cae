"""The 履歴 panel under the operator's list, the 通話履歴 dialog, ユーザーを切り替え and the team's
recording switch in 設定 use the store only off the GUI thread (issue 17 item 2), checked with a store that fails on the GUI thread
(``tests/ui/gui_thread_guard.py``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.store.errors import PermissionDenied
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui import app
from calllist_desktop.ui.call_records import CallHistoryDialog
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.settings_audio_page import AudioSettingsPage
from tests.ui.campaign_steps import OSAKA, TOKYO
from tests.ui.conftest import open_window, settle
from tests.ui.gui_thread_guard import GuiThreadGuard
from tests.ui.test_autocall_real_timers import type_in
from tests.ui.test_campaign_history import click_row, fair, rows  # noqa: F401 - a fixture
from tests.ui.test_sign_in import choose_in_picker


@pytest.mark.usefixtures("fair")
def test_choosing_rows_adding_a_note_and_the_call_history_never_call_the_store_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings)  # type: ignore[arg-type]
    history = window.lists.history
    guard.armed = True

    click_row(qtbot, window, TOKYO)
    qtbot.waitUntil(lambda: len(rows(window)) == 3, timeout=5000)
    click_row(qtbot, window, OSAKA)  # another row, then back: the history follows
    qtbot.waitUntil(lambda: history.phone == OSAKA and len(rows(window)) == 1, timeout=5000)
    click_row(qtbot, window, TOKYO)
    qtbot.waitUntil(lambda: history.phone == TOKYO and len(rows(window)) == 3, timeout=5000)
    history.note.setFocus()
    type_in(history.note, "来週もう一度")
    with qtbot.waitSignal(history.note_added, timeout=5000):
        qtbot.mouseClick(history.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(rows(window)) == 4 and history.note.text() == "", timeout=5000)

    window.lists.show_history(TOKYO)  # 通話履歴… from the row's menu
    dialog = window.lists.history_dialog
    assert isinstance(dialog, CallHistoryDialog)
    qtbot.waitUntil(lambda: dialog.records is not None, timeout=5000)
    settle(qtbot, window)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"history", "add_note", "calls_of"} <= set(guard.off_gui_thread)
    assert dialog.records is not None and len(dialog.records) == 2
    assert [(e.kind, e.note) for e in ui_store.history(TOKYO)][0] == ("note", "来週もう一度")


def test_switching_user_asks_the_store_only_off_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings)  # type: ignore[arg-type]
    signed_in = app.SignedIn(guard, line, settings, window)  # type: ignore[arg-type]
    guard.armed = True
    choose_in_picker(qtbot, "tanaka", [])
    window.commands["switch_user"].trigger()
    qtbot.waitUntil(lambda: signed_in.window is not window, timeout=5000)
    new = signed_in.window
    qtbot.addWidget(new, before_close_func=lambda w: w.session.hang_up())
    qtbot.waitUntil(lambda: new.lists.list_id is not None, timeout=5000)
    settle(qtbot, new)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"users", "close_interrupted_calls"} <= set(guard.off_gui_thread)
    assert new.user.login == "tanaka"


def test_the_teams_recording_switch_in_settings_is_read_and_saved_off_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings, login="kanri")  # type: ignore[arg-type]
    guard.armed = True
    window.open_settings_dialog()
    dialog = window.settings_dialog
    page = dialog.page("audioSettingsPage")
    assert isinstance(page, AudioSettingsPage)
    qtbot.waitUntil(lambda: page.team_recording.isVisibleTo(page), timeout=5000)
    assert page.team_recording.isEnabled() and not page.team_recording.isChecked()
    page.team_recording.setChecked(True)
    dialog.save()
    settle(qtbot, window)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"recording_enabled", "set_recording_enabled"} <= set(guard.off_gui_thread)
    assert ui_store.recording_enabled() is True


def test_a_refused_recording_switch_is_said_in_the_window(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    window.open_settings_dialog()
    dialog = window.settings_dialog
    page = dialog.page("audioSettingsPage")
    assert isinstance(page, AudioSettingsPage)
    qtbot.waitUntil(lambda: page.team_recording.isVisibleTo(page), timeout=5000)

    def refuse(_enabled: bool, *, by: str | None = None) -> None:
        raise PermissionDenied("only managers may change this", "管理者だけが変更できます")

    monkeypatch.setattr(ui_store, "set_recording_enabled", refuse)  # as the server refuses a demoted manager
    page.team_recording.setChecked(True)
    dialog.save()
    settle(qtbot, window)
    assert ui_store.recording_enabled() is False
    assert window.statusBar().currentMessage() in {
        "only managers may change this",
        "管理者だけが変更できます",
    }
