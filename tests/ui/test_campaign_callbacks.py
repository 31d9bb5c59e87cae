"""再架電予約 in the operator's window (issue 14, SPEC §9): booked from a row's menu (1時間後) and
from the wrap-up of a hand-dialled call (明日 10:00), listed in the 再架電予約 tab, dialled and
removed from there; what was typed in a wrap-up is kept however it is closed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.callbacks_model import STATE
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import WRAP_UP_HAND_DIALLED
from tests.ui.campaign_steps import (
    NAGOYA,
    TOKYO,
    japanese_messages,  # noqa: F401 - a fixture
    own_settings,
    when_modal,
)
from tests.ui.conftest import open_window, settle
from tests.ui.test_autocall_real_timers import type_in
from tests.ui.test_campaign_dispositions import call_and_wrap_up
from tests.ui.test_campaign_dnc import click_button

LIVE = 5000
pytestmark = [
    pytest.mark.usefixtures("japanese_messages"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support (grabbing the keyboard|raise)"
    ),  # menus, offscreen
]


@pytest.fixture
def operator(qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path) -> MainWindow:
    settings = own_settings(tmp_path, "sato")
    settings.set(WRAP_UP_HAND_DIALLED, True)
    return open_window(qtbot, ui_store, line, settings)


def row_menu_action(window: MainWindow, phone: str, name: str) -> QAction:
    """The action ``name`` of the menu a right click on ``phone``'s row opens."""
    table, model = window.lists.table, window.lists.model
    index = model.index(model.row_for_key(phone), 2)
    position = table.visualRect(index).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, table.viewport().mapToGlobal(position)
    )
    QApplication.sendEvent(table.viewport(), event)
    menu = window.lists.row_menu
    assert menu is not None
    action = menu.findChild(QAction, name)
    assert action is not None
    return action


def test_a_callback_from_the_row_menu_is_listed_dialled_and_removed(
    qtbot: QtBot, operator: MainWindow, ui_store: Store
) -> None:
    before = datetime.now().astimezone()
    row_menu_action(operator, TOKYO, "callbackInHour").trigger()
    settle(qtbot, operator)  # booked off the GUI thread
    booked = ui_store.callbacks()
    assert [(c.phone, c.for_login, c.created_by_login, c.list_name) for c in booked] == [
        (TOKYO, "sato", "sato", "展示会")
    ]
    assert before + timedelta(hours=1) <= booked[0].due_at <= datetime.now().astimezone() + timedelta(hours=1)
    assert "再架電を予約しました" in operator.statusBar().currentMessage()

    tab = operator.campaign.callbacks
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=LIVE)
    tabs = operator.lists.tabs
    tabs.setCurrentWidget(tab)
    assert tab.model.index(0, STATE).data() == "予定" and tab.summary.text() == "1 件"
    assert not operator.campaign.notice.isVisible()  # not due yet
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.dial_button, Qt.MouseButton.LeftButton)
    settle(qtbot, operator)  # the dial guard's check, the call's row
    assert operator.session.current is not None and operator.session.current.phone == TOKYO
    operator.session.hang_up()
    qtbot.waitUntil(lambda: operator.session.current is None)
    assert [c.done_at for c in ui_store.callbacks(include_done=True)] == [None]  # called early: still booked
    qtbot.waitUntil(
        lambda: operator.campaign.wrap_up_dialog is not None, timeout=LIVE
    )  # (hand-dialled: a wrap-up)
    wrap_up = operator.campaign.wrap_up_dialog
    assert wrap_up is not None
    wrap_up.reject()

    # 削除 asks first: いいえ keeps it, はい removes it.
    tab.table.selectRow(0)
    answered = when_modal(qtbot, lambda box: click_button(box, QMessageBox.StandardButton.No))
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert answered and "03-1234-5678 の再架電予約" in answered[0] and "削除しますか" in answered[0]
    assert [c.phone for c in ui_store.callbacks(include_done=True)] == [TOKYO]
    assert tab.model.rowCount() == 1
    answered = when_modal(qtbot, lambda box: click_button(box, QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert answered
    settle(qtbot, operator)  # removed off the GUI thread
    assert ui_store.callbacks(include_done=True) == []
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=LIVE)
    assert tab.empty.isVisible()


def test_the_wrap_up_keeps_what_was_typed_and_books_a_callback(
    qtbot: QtBot, operator: MainWindow, ui_store: Store, clock: ManualScheduler
) -> None:
    wrap_up = call_and_wrap_up(qtbot, operator, clock, NAGOYA)
    type_in(wrap_up.note, "受付で断られた")
    callback_button = wrap_up.findChild(QPushButton, "wrapUpCallback")
    assert callback_button is not None and callback_button.menu() is not None
    tomorrow = callback_button.menu().findChild(QAction, "callbackTomorrow")
    assert tomorrow is not None
    tomorrow.trigger()
    closing = next(button for button in wrap_up.findChildren(QPushButton) if button.text() == "閉じる")
    qtbot.mouseClick(closing, Qt.MouseButton.LeftButton)  # closed without 保存: kept all the same
    assert not wrap_up.isVisible()
    qtbot.waitUntil(lambda: ui_store.history(NAGOYA)[0].note == "受付で断られた", timeout=LIVE)
    booked = ui_store.callbacks()
    assert [(c.phone, c.for_login) for c in booked] == [(NAGOYA, "sato")]
    local = booked[0].due_at.astimezone()
    assert (local.hour, local.minute) == (10, 0)
    assert local.date() == datetime.now().astimezone().date() + timedelta(days=1)


def test_an_answered_incoming_call_from_a_number_with_a_due_callback_takes_it_off_the_tab(
    qtbot: QtBot, operator: MainWindow, ui_store: Store, line: DemoLine, clock: ManualScheduler
) -> None:
    """The customer rang in and sato spoke to them: the callback due on that number is done and
    leaves the 再架電予約 tab and the notice (auto-call would never dial it again anyway)."""
    fair = next(info.id for info in ui_store.lists() if info.name == "展示会")
    due = datetime.now().astimezone() - timedelta(minutes=1)
    ui_store.add_callback(TOKYO, due_at=due, list_id=fair, by="sato")
    tab, notice = operator.campaign.callbacks, operator.campaign.notice
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=LIVE)
    qtbot.waitUntil(lambda: notice.isVisible() or notice.chip.isVisible(), timeout=LIVE)

    line.simulate_incoming("03-1234-5678")
    qtbot.waitUntil(lambda: operator.session.current is not None, timeout=LIVE)
    qtbot.waitUntil(operator.phone.answer_button.isVisible, timeout=LIVE)
    qtbot.mouseClick(operator.phone.answer_button, Qt.MouseButton.LeftButton)
    session = operator.session
    qtbot.waitUntil(lambda: session.current is not None and session.current.state == "talking", timeout=LIVE)
    clock.advance(5.0)
    session.hang_up()
    qtbot.waitUntil(lambda: session.current is None, timeout=LIVE)
    qtbot.waitUntil(lambda: ui_store.callbacks() == [], timeout=LIVE)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=LIVE)
    qtbot.waitUntil(lambda: not notice.isVisible() and not notice.chip.isVisible(), timeout=LIVE)
