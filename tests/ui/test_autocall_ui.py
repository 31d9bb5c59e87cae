"""Auto-call in the window: the actions, the bar, the calls in the store, the wrap-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from calllist_desktop.core.autocall import AutoCallOptions, RunState
from calllist_desktop.core.claims import MemoryClaims, TargetState
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.models import Call
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import settle


def autocall_window(
    qtbot: QtBot, store: Store, line: DemoLine, settings: Settings, login: str = "sato", wrap_up: float = 0.0
) -> MainWindow:
    claims = MemoryClaims()
    for call_list in store.lists():
        for target in store.targets(call_list.id):
            claims.put(call_list.id, target.phone, TargetState(target.assignee_login, target.excluded))
    window = MainWindow(
        store, line, store.user(login), settings, claims=claims, autocall_options=AutoCallOptions(wrap_up=wrap_up)
    )
    qtbot.addWidget(window, before_close_func=lambda w: (w.autocall.stop(), w.session.hang_up()))
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    return window


def start_run(qtbot: QtBot, window: MainWindow, action: str = "autocall_start") -> str:
    """Trigger オートコール開始 (or 選択した行から) and answer its question with 開始; the question."""
    window.commands[action].trigger()
    settle(qtbot, window)
    box = window.autocall_side.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    question = box.text()
    start = next(button for button in box.buttons() if button.text() == "開始")
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.autocall_side.confirmation is None
    return question


def run_clock(qtbot: QtBot, clock: ManualScheduler, until: Callable[[], bool], limit: float = 600) -> None:
    """Move the line's clock a second at a time, letting Qt deliver, until ``until()`` holds."""
    waited = 0.0
    while not until():
        assert waited < limit, "the run did not get there"
        clock.advance(1.0)
        qtbot.wait(1)
        waited += 1.0


def in_wrap_up(qtbot: QtBot, store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings) -> MainWindow:
    """A window whose auto-call run has made its first call and shows the wrap-up form (10 minutes of it)."""
    window = autocall_window(qtbot, store, line, settings, wrap_up=600)
    start_run(qtbot, window)
    run_clock(qtbot, clock, lambda: window.autocall_side.bar.wrap_up.isVisible())
    return window


def calls(store: Store) -> list[Call]:
    with store.engine.connect() as connection:
        return list(connection.execute(select(Call).order_by(Call.id)).all())  # type: ignore[arg-type]


def test_an_operator_without_permission_cannot_start(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = autocall_window(qtbot, ui_store, line, settings, login="tanaka")
    assert not window.commands["autocall_start"].isEnabled()
    assert not window.commands["autocall_start_here"].isEnabled()
    assert "権限" in window.commands["autocall_start"].toolTip()


def test_a_run_dials_every_own_target_in_view_order_and_records_them(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = autocall_window(qtbot, ui_store, line, settings)
    shown = [row.phone for row in window.lists.targets_in_view_order()]
    assert window.commands["autocall_start"].isEnabled()
    start_run(qtbot, window)
    qtbot.waitUntil(lambda: window.autocall_side.bar.isVisible())
    assert not window.commands["autocall_start"].isEnabled()
    qtbot.waitUntil(lambda: window.session.busy)
    assert not window.autocall_side.bar.outcomes.isVisible()  # no "not called yet" while the first call rings
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    settle(qtbot, window)  # the run's last writes (a note) are made

    rows = calls(ui_store)
    assert [row.phone for row in rows] == shown
    assert all(row.outcome is not None and row.list_id == window.lists.list_id for row in rows)
    assert window.autocall_side.bar.count.text() == "4 / 4 件"
    assert window.autocall_side.bar.state.text() == "終了"
    assert window.commands["autocall_start"].isEnabled()
    # The table shows each number's new last call.
    qtbot.waitUntil(lambda: all(row.last_call is not None for row in window.lists.targets_in_view_order()))


def test_start_from_the_selected_row(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = autocall_window(qtbot, ui_store, line, settings)
    shown = [row.phone for row in window.lists.targets_in_view_order()]
    assert window.lists.table.select_key(shown[2])
    start_run(qtbot, window, "autocall_start_here")
    run_clock(qtbot, clock, lambda: window.autocall.engine is not None and not window.autocall.running)
    settle(qtbot, window)  # the run's last writes (a note) are made
    assert [row.phone for row in calls(ui_store)] == shown[2:]


def test_pause_and_stop_from_the_keyboard_actions(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = autocall_window(qtbot, ui_store, line, settings)
    start_run(qtbot, window)
    qtbot.waitUntil(lambda: window.session.busy)
    window.commands["autocall_pause"].trigger()
    settle(qtbot, window)
    run_clock(qtbot, clock, lambda: window.autocall.paused)
    assert len(calls(ui_store)) == 1
    assert window.commands["autocall_pause"].text() == "再開"
    assert window.autocall_side.bar.state.text() == "一時停止中"
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running)
    settle(qtbot, window)  # the run's last writes (a note) are made
    assert all(row.outcome is not None for row in calls(ui_store))


def test_wrap_up_saves_disposition_and_note_then_goes_on(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = in_wrap_up(qtbot, ui_store, line, clock, settings)
    bar = window.autocall_side.bar
    assert window.autocall.engine is not None and window.autocall.engine.state is RunState.WRAP_UP
    bar.disposition.setCurrentText("再架電")
    bar.note.setText("午後に再度")
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(calls(ui_store)) == 2)
    first = calls(ui_store)[0]
    assert (first.disposition, first.note) == ("再架電", "午後に再度")
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    settle(qtbot, window)  # the run's last writes (a note) are made



def test_with_the_store_claims_a_target_excluded_mid_run_is_not_dialled(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    """No injected claims: the window claims through the store, which re-reads the excluded flag."""
    window = MainWindow(ui_store, line, ui_store.user("sato"), settings)
    qtbot.addWidget(window, before_close_func=lambda w: (w.autocall.stop(), w.session.hang_up()))
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    shown = [row.phone for row in window.lists.targets_in_view_order()]
    start_run(qtbot, window)
    qtbot.waitUntil(lambda: window.session.busy)
    # The operator ticks 発信対象外 on the third target while the first call is going on.
    model = window.lists.model
    row = next(r for r in range(model.rowCount()) if model.key_at(r) == shown[2])
    checkbox = model.index(row, 0)
    assert model.setData(checkbox, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    settle(qtbot, window)  # the run's last writes (a note) are made
    assert [row.phone for row in calls(ui_store)] == [shown[0], shown[1], shown[3]]
    assert window.autocall_side.bar.count.text() == "4 / 4 件"


def test_stopping_during_the_wrap_up_keeps_what_was_typed(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = in_wrap_up(qtbot, ui_store, line, clock, settings)
    bar = window.autocall_side.bar
    bar.note.setText("担当者が不在、明日かけ直す")
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running)
    settle(qtbot, window)  # the note is written on the store work's writer
    assert [row.note for row in calls(ui_store)] == ["担当者が不在、明日かけ直す"]


def test_the_bar_offers_the_dispositions_as_the_managers_change_them(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = in_wrap_up(qtbot, ui_store, line, clock, settings)
    combo = window.autocall_side.bar.disposition
    ui_store.add_disposition("資料送付済み", by="kanri")
    with qtbot.waitSignal(window.campaign.dispositions_changed, timeout=3000):
        window.campaign.reload_dispositions()  # as live updates do when another client changes them
    assert "資料送付済み" in [combo.itemText(i) for i in range(combo.count())]
    window.commands["autocall_stop"].trigger()
