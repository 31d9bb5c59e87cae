"""Two clients at once (issue 14, SPEC §7, §9): a manager's window and an operator's, each on its own
store connection, as two computers of a team would be. A callback the manager books for the
operator reaches the operator's window (the notice and the 再架電予約 tab) without a restart; a
number the manager blocks while the operator's auto-call run is on a call is not the run's next
call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calllist_desktop.core.autocall import RunState, SkipReason
from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.callback_dialog import CallbackDialog
from calllist_desktop.ui.campaign.callbacks_model import BOOKED_BY
from calllist_desktop.ui.main_window import MainWindow
from tests.conftest import csv_bytes
from tests.ui.campaign_steps import (
    MOBILE,
    NAGOYA,
    OSAKA,
    TOKYO,
    cell,
    japanese_messages,  # noqa: F401 - a fixture
    manager_window,
    own_settings,
)
from tests.ui.conftest import SATO_ROWS, TANAKA_ROWS, open_window, settle
from tests.ui.test_autocall_real_timers import type_in
from tests.ui.test_autocall_ui import calls, run_clock, start_run
from tests.ui.test_campaign_dnc import add, dial_row, open_dnc_dialog
from tests.ui.test_campaign_real_timers import SetClock

LIVE = 5000  # ms: the other client follows within a second; room for a loaded machine
pytestmark = [
    pytest.mark.usefixtures("japanese_messages"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support (grabbing the keyboard|raise)"
    ),  # the row menu, offscreen
]


@pytest.fixture
def two_stores(store_url: str) -> Iterator[tuple[Store, Store, int]]:
    """The manager's store connection and the operator's, on one database; 展示会's id."""
    manager = Store.open(store_url)
    manager.add_user("sato", "佐藤 美咲", autocall=True)
    manager.add_user("tanaka", "田中 翔")
    manager.add_user("kanri", "管理 花子", role="admin")
    fair = manager.create_list("展示会")
    manager.import_csv(fair.id, csv_bytes(*SATO_ROWS), assignee="sato")
    manager.import_csv(fair.id, csv_bytes(*TANAKA_ROWS), assignee="tanaka")
    operator = Store.open(store_url)
    yield manager, operator, fair.id
    operator.close()
    manager.close()


@pytest.fixture
def manager_line(clock: ManualScheduler) -> Iterator[DemoLine]:
    """The manager's computer has a line of its own."""
    demo = DemoLine(scheduler=clock, seed=2)
    demo.start()
    clock.advance(1.0)
    yield demo
    demo.stop()


def right_click_row(window: MainWindow, phone: str) -> None:
    """The context menu of ``phone``'s row in the management table, as a right click opens it."""
    management = window.management
    assert management is not None
    table, model = management.table, management.model
    index = model.index(model.row_for_key(phone), 2)
    table.scrollTo(index)
    position = table.visualRect(index).center()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, table.viewport().mapToGlobal(position)
    )
    QApplication.sendEvent(table.viewport(), event)


def test_a_callback_booked_by_the_manager_reaches_the_operator_at_once(
    qtbot: QtBot,
    two_stores: tuple[Store, Store, int],
    line: DemoLine,
    manager_line: DemoLine,
    tmp_path: Path,
) -> None:
    manager_store, operator_store, fair = two_stores
    operator = open_window(qtbot, operator_store, line, own_settings(tmp_path, "sato"))
    manager = manager_window(qtbot, manager_store, manager_line, own_settings(tmp_path, "kanri"))
    tab = operator.campaign.callbacks
    qtbot.waitUntil(lambda: operator.live_updates is not None and tab.model.rowCount() == 0, timeout=LIVE)
    assert not operator.campaign.notice.isVisible()

    # The manager: the row's menu → 再架電予約 → 日時を指定…, for 佐藤, now, with a note.
    right_click_row(manager, NAGOYA)
    management = manager.management
    assert management is not None and management.row_menu is not None
    pick = management.row_menu.findChild(QAction, "callbackPick")
    assert pick is not None
    pick.trigger()
    settle(qtbot, manager)  # the users to book for are read, then the dialog opens
    dialog = manager.campaign.callback_dialog
    assert isinstance(dialog, CallbackDialog) and dialog.isVisible()
    assert "加藤整形外科" in dialog.target.text()
    dialog.when.setDateTime(dialog.when.minimumDateTime())  # this very minute: due at once
    dialog.who.setCurrentIndex(dialog.who.findData("sato"))
    dialog.note.setFocus()
    type_in(dialog.note, "院長は午後在席")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    settle(qtbot, manager)  # booked off the GUI thread
    booked = manager_store.callbacks()
    assert [(c.phone, c.for_login, c.created_by_login, c.note) for c in booked] == [
        (NAGOYA, "sato", "kanri", "院長は午後在席")
    ]
    assert booked[0].due_at <= datetime.now().astimezone()

    # The operator's window, untouched: the 再架電予約 tab lists it and the phone shows the notice.
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=LIVE)
    assert tab.model.callbacks()[0].phone == NAGOYA
    assert tab.model.index(0, BOOKED_BY).data() == "管理 花子"  # who booked it, by name
    notice = operator.campaign.notice
    qtbot.waitUntil(notice.isVisible, timeout=LIVE)
    assert "加藤整形外科" in notice.text.text() and "院長は午後在席" in notice.text.text()
    assert "再架電の時間" in notice.title.text()
    tabs = operator.lists.tabs
    assert tabs.tabText(tabs.indexOf(tab)).startswith("再架電予約")

    # 今すぐ発信 on the notice dials it, and the callback is done.
    qtbot.mouseClick(notice.dial_button, Qt.MouseButton.LeftButton)
    settle(qtbot, operator)  # the dial guard's check, the call's row
    assert operator.session.current is not None and operator.session.current.phone == NAGOYA
    qtbot.waitUntil(lambda: operator_store.callbacks() == [], timeout=LIVE)
    assert not notice.isVisible()
    operator.session.hang_up()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=LIVE)


def test_a_number_the_manager_blocks_during_a_run_is_not_the_runs_next_call(
    qtbot: QtBot,
    two_stores: tuple[Store, Store, int],
    line: DemoLine,
    manager_line: DemoLine,
    clock: ManualScheduler,
    tmp_path: Path,
) -> None:
    manager_store, operator_store, _fair = two_stores
    operator = open_window(qtbot, operator_store, line, own_settings(tmp_path, "sato"))
    order = [row.phone for row in operator.lists.targets_in_view_order()]
    assert set(order) == {TOKYO, OSAKA, MOBILE, NAGOYA}
    manager = manager_window(qtbot, manager_store, manager_line, own_settings(tmp_path, "kanri"))

    start_run(qtbot, operator)
    engine = operator.autocall.engine
    assert engine is not None
    run_clock(qtbot, clock, lambda: engine.state in (RunState.RINGING, RunState.TALKING))
    assert engine.progress().current == order[0] and engine.progress().next == order[1]

    # While the first call goes on, the manager blocks the number the run would dial next.
    dialog = open_dnc_dialog(qtbot, manager)
    add(qtbot, dialog, order[1], "本人の申し出")
    assert [entry.phone for entry in manager_store.dnc_entries()] == [order[1]]

    run_clock(qtbot, clock, lambda: len(calls(operator_store)) >= 2)
    assert [row.phone for row in calls(operator_store)][:2] == [order[0], order[2]]
    assert engine.progress().skipped == {SkipReason.BLOCKED: 1}
    operator.commands["autocall_stop"].trigger()
    run_clock(qtbot, clock, lambda: not operator.autocall.running)
    assert order[1] not in {row.phone for row in calls(operator_store)}


def test_the_notice_of_a_callback_goes_when_it_is_removed_or_answered_another_way(
    qtbot: QtBot,
    two_stores: tuple[Store, Store, int],
    line: DemoLine,
    tmp_path: Path,
) -> None:
    manager_store, operator_store, fair = two_stores
    now = datetime.now().astimezone()
    first = manager_store.add_callback(NAGOYA, due_at=now, list_id=fair, to="sato", by="kanri", note="一件目")
    manager_store.add_callback(OSAKA, due_at=now, list_id=fair, to="sato", by="kanri", note="二件目")
    operator = open_window(qtbot, operator_store, line, own_settings(tmp_path, "sato"))
    notice = operator.campaign.notice
    qtbot.waitUntil(lambda: notice.isVisible() and len(notice.queue) == 2, timeout=LIVE)
    assert "一件目" in notice.text.text() and "ほか 1 件" in notice.title.text()

    # The manager takes the first one back: the notice shows the other one, alone.
    manager_store.remove_callback(first.id)
    qtbot.waitUntil(lambda: [item.phone for item in notice.queue] == [OSAKA], timeout=LIVE)
    assert "二件目" in notice.text.text() and "ほか" not in notice.title.text()

    # The operator calls that number from the list: the callback is done and the notice goes.
    operator.lists.table.select_key(OSAKA)
    operator.lists.table.setFocus()
    qtbot.keyClick(operator.lists.table, Qt.Key.Key_Return)
    settle(qtbot, operator)  # the dial guard's check, the call's row
    assert operator.session.current is not None and operator.session.current.phone == OSAKA
    qtbot.waitUntil(lambda: operator_store.callbacks() == [], timeout=LIVE)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=LIVE)
    assert notice.queue == []
    operator.session.hang_up()


def test_a_callback_shown_on_time_turns_overdue_while_it_waits(
    qtbot: QtBot,
    two_stores: tuple[Store, Store, int],
    line: DemoLine,
    tmp_path: Path,
) -> None:
    """The window's clock says when; the notice is looked at again whenever the callbacks are."""
    manager_store, operator_store, fair = two_stores
    due = datetime.now().astimezone().replace(microsecond=0)
    manager_store.add_callback(TOKYO, due_at=due, list_id=fair, to="sato", by="kanri")
    clock = SetClock(due + timedelta(seconds=10))
    operator = MainWindow(
        operator_store, line, operator_store.user("sato"), own_settings(tmp_path, "sato"), clock=clock
    )
    qtbot.addWidget(operator, before_close_func=lambda w: w.session.hang_up())
    with qtbot.waitSignal(operator.lists.loaded, timeout=5000):
        operator.show()
    notice = operator.campaign.notice
    qtbot.waitUntil(notice.isVisible, timeout=LIVE)
    assert notice.title.text() == "再架電の時間です" and notice.property("overdue") is False

    clock.moment = due + timedelta(minutes=2)
    manager_store.add_callback(MOBILE, due_at=due + timedelta(days=1), list_id=fair, to="sato", by="kanri")
    qtbot.waitUntil(lambda: notice.title.text() == "再架電の時間を過ぎています", timeout=LIVE)
    assert notice.property("overdue") is True and len(notice.queue) == 1


def test_the_managers_attempts_column_follows_the_operators_calls(
    qtbot: QtBot,
    two_stores: tuple[Store, Store, int],
    line: DemoLine,
    manager_line: DemoLine,
    clock: ManualScheduler,
    tmp_path: Path,
) -> None:
    manager_store, operator_store, fair = two_stores
    manager_store.set_list_rules(fair, ListRules(max_attempts=1), by="kanri")
    operator = open_window(qtbot, operator_store, line, own_settings(tmp_path, "sato"))
    manager = manager_window(qtbot, manager_store, manager_line, own_settings(tmp_path, "kanri"))
    table = manager.management.model  # type: ignore[union-attr]
    assert cell(table, TOKYO, "attempts") == "0" and cell(table, TOKYO, "next_callable") == "今すぐ"

    dial_row(qtbot, operator, TOKYO)
    qtbot.waitUntil(lambda: operator.session.current is not None, timeout=LIVE)  # (its row is written first)
    assert operator.session.current is not None
    clock.advance(1.0)
    operator.session.hang_up()
    qtbot.waitUntil(lambda: cell(table, TOKYO, "attempts") == "1", timeout=LIVE)
    qtbot.waitUntil(lambda: cell(table, TOKYO, "next_callable") == "上限到達", timeout=LIVE)
    assert cell(operator.lists.model, TOKYO, "next_callable") == "上限到達"
