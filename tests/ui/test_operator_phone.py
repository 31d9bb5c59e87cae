"""The phone as an operator uses it all day (issue 13): what a call ended with, recent calls and
redial, the number that stays, why a number cannot be dialled, hold, mute and tones on the card,
and one word for one state on the card, in the table and on the auto-call bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.store_work import StoreWork
from tests.ui.conftest import settle
from tests.ui.test_autocall_ui import autocall_window, run_clock, start_run
from tests.ui.test_main_window import TOKYO, column_of, shown_phones

BUSY_NUMBER = "03-1234-0486"  # the demo line's number that is always busy
ANSWERING_NUMBER = "03-1234-0200"  # ... and the one that always answers


def dial_typed(qtbot: QtBot, window: MainWindow, number: str) -> None:
    window.phone.number.clear()
    qtbot.keyClicks(window.phone.number, number)
    qtbot.keyClick(window.phone.number, Qt.Key.Key_Return)
    settle(qtbot, window)  # the call's row is written, then the line dials


def state_of(window: MainWindow) -> str | None:
    return window.session.current.state if window.session.current else None


def status_cell(window: MainWindow, phone: str) -> str:
    row = shown_phones(window).index(phone)
    return str(window.lists.model.index(row, column_of(window, "last_call_status")).data())


def test_a_busy_call_says_so_on_the_card_until_the_next_call(
    qtbot: QtBot, window: MainWindow, clock: ManualScheduler
) -> None:
    dial_typed(qtbot, window, BUSY_NUMBER)
    assert window.session.current is not None
    run_clock(qtbot, clock, lambda: window.session.current is None)
    settle(qtbot, window)
    card = window.phone
    assert card.call_card.isVisibleTo(window) and card.call_state.text() == "話中でした"
    assert card.ended_text() == "話中でした" and card.call_state.property("outcome") == "busy"
    assert card.remote.text() == BUSY_NUMBER and not card.hold_button.isVisibleTo(window)
    clock.advance(600)  # it stays: nothing times it out
    qtbot.wait(20)
    assert card.call_state.text() == "話中でした"
    window.session.dial(TOKYO, list_id=window.lists.list_id)  # the next call replaces it
    settle(qtbot, window)
    assert card.ended_text() == "" and card.call_state.text() == "発信中" and card.who.text() == "長田 翔"
    window.session.hang_up()
    settle(qtbot, window)
    assert card.call_state.text() == "取消でした"


def test_the_card_and_the_table_name_each_state_of_a_call_with_the_same_word(
    qtbot: QtBot, window: MainWindow, clock: ManualScheduler
) -> None:
    window.session.dial(TOKYO, list_id=window.lists.list_id)
    settle(qtbot, window)
    seen = []
    while window.session.current is not None and state_of(window) != "talking":
        card = window.phone.call_state.text()
        assert status_cell(window, TOKYO) == card, state_of(window)
        seen.append(card)
        clock.advance(0.1)
        qtbot.wait(1)
    assert seen[0] == "発信中" and "呼出中" in seen  # (the demo line's plan for this number answers)
    recent = window.phone.recent
    assert recent is not None
    qtbot.waitUntil(lambda: recent.tree.topLevelItemCount() == 1)
    assert recent.tree.topLevelItem(0).text(1) == "↗ 通話中"  # the recent calls say it too
    assert status_cell(window, TOKYO) == window.phone.call_state.text() == "通話中"
    window.commands["hold"].trigger()
    settle(qtbot, window)
    assert status_cell(window, TOKYO) == window.phone.call_state.text() == "保留中"
    assert recent.tree.topLevelItem(0).text(1) == "↗ 保留中"
    window.commands["hold"].trigger()
    settle(qtbot, window)
    assert window.phone.call_state.text() == "通話中"
    window.commands["hang_up"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.session.current is None)
    qtbot.waitUntil(lambda: status_cell(window, TOKYO) == "応答", timeout=2000)  # read again off the GUI thread
    assert status_cell(window, TOKYO) == "応答" and window.phone.call_state.text() == "応答でした"


def test_hold_mute_and_tones_show_on_the_card(qtbot: QtBot, window: MainWindow, clock: ManualScheduler) -> None:
    dial_typed(qtbot, window, ANSWERING_NUMBER)
    run_clock(qtbot, clock, lambda: state_of(window) == "talking")
    phone = window.phone
    assert not phone.mute_badge.isVisibleTo(window) and not phone.dtmf_label.isVisibleTo(window)
    qtbot.mouseClick(phone.mute_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.line.is_muted(window.session.current.line_call_id)  # type: ignore[union-attr, attr-defined]
    assert phone.mute_badge.isVisibleTo(window) and phone.mute_badge.text() == "ミュート中"
    qtbot.mouseClick(phone.hold_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert phone.call_state.text() == "保留中" and phone.call_card.property("state") == "held"
    qtbot.mouseClick(phone.hold_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.mouseClick(phone.mute_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert phone.call_state.text() == "通話中" and not phone.mute_badge.isVisibleTo(window)
    for key in ("1", "2", "#"):
        qtbot.mouseClick(phone.pad_buttons[key], Qt.MouseButton.LeftButton)
        settle(qtbot, window)
    assert phone.dtmf_label.isVisibleTo(window) and phone.dtmf_label.text() == "送信したトーン: 12#"
    assert phone.number.text() == ANSWERING_NUMBER  # the tones went down the line, not into the field
    window.session.hang_up()
    settle(qtbot, window)


def test_a_number_that_cannot_be_dialled_says_why_under_the_field(qtbot: QtBot, window: MainWindow) -> None:
    phone = window.phone
    dial_typed(qtbot, window, "03-0000-0000")  # ten digits, but no number in use
    assert window.session.current is None
    assert phone.number_error.isVisibleTo(window) and "使われていません" in phone.number_error.text()
    assert phone.number.property("invalid") is True
    dial_typed(qtbot, window, "1234")
    assert "桁が足りません (4 桁)" in phone.number_error.text()
    dial_typed(qtbot, window, "abc")
    assert "数字がありません" in phone.number_error.text()
    qtbot.keyClick(phone.number, Qt.Key.Key_Backspace)  # editing takes the message away
    settle(qtbot, window)
    assert not phone.number_error.isVisibleTo(window) and phone.number.property("invalid") is False
    window.switch_language("en")
    try:
        dial_typed(qtbot, window, "1234")
        assert "too short" in phone.number_error.text()
    finally:
        window.switch_language("ja")


def test_the_number_of_a_call_placed_from_a_row_stays_in_the_field_until_the_next(
    qtbot: QtBot, window: MainWindow, clock: ManualScheduler
) -> None:
    table = window.lists.table
    index = window.lists.model.index(0, column_of(window, "company"))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    settle(qtbot, window)
    assert window.session.current is not None and window.phone.number.text() == "03-1234-5678"
    window.session.hang_up()
    settle(qtbot, window)
    clock.advance(60)
    qtbot.wait(10)
    assert window.phone.number.text() == "03-1234-5678"
    table.setFocus()
    table.setCurrentIndex(window.lists.model.index(1, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.phone.number.text() == "06-1234-5678"
    window.session.hang_up()
    settle(qtbot, window)
    # Ctrl+Return in the table dials the row in hand, not the number left in the field.
    table.setCurrentIndex(window.lists.model.index(2, 1))
    qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.session.current is not None and window.session.current.phone == "+819012345678"
    window.session.hang_up()
    settle(qtbot, window)


def recent_rows(window: MainWindow) -> list[list[str]]:
    recent = window.phone.recent
    assert recent is not None
    return [[recent.tree.topLevelItem(i).text(c) for c in range(4)] for i in range(recent.tree.topLevelItemCount())]


def test_recent_calls_list_the_users_calls_and_redial_them(
    qtbot: QtBot, window: MainWindow, ui_store: Store, clock: ManualScheduler
) -> None:
    recent = window.phone.recent
    assert recent is not None and recent.isVisibleTo(window)
    dial_typed(qtbot, window, BUSY_NUMBER)
    run_clock(qtbot, clock, lambda: window.session.current is None)
    settle(qtbot, window)
    window.session.dial(TOKYO, list_id=window.lists.list_id)
    settle(qtbot, window)
    window.session.hang_up()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(recent_rows(window)) == 2 and "取消" in recent_rows(window)[0][1])
    newest, older = recent_rows(window)
    assert newest[1:] == ["↗ 取消", "03-1234-5678", "長田 翔"] and older[1:] == ["↗ 話中", BUSY_NUMBER, ""]
    assert newest[0].count(":") == 1  # today's calls by their time
    # Double-click the older one: its number is dialled again, with no list.
    item = recent.tree.topLevelItem(1)
    rect = recent.tree.visualItemRect(item)
    qtbot.mouseClick(recent.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # (QTest's double
    qtbot.mouseDClick(recent.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click lacks its press)
    settle(qtbot, window)
    assert window.session.current is not None and window.session.current.phone == "+81312340486"
    assert window.session.current.list_id is None and window.phone.number.text() == BUSY_NUMBER
    assert not window.commands["redial"].isEnabled() and not recent.redial_button.isEnabled()  # one call at a time
    run_clock(qtbot, clock, lambda: window.session.current is None)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(recent_rows(window)) == 3)

    # The shortcut with nothing selected dials the newest call again; the button the selected one.
    recent.tree.clearSelection()
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.session.current is not None and window.session.current.phone == "+81312340486"
    run_clock(qtbot, clock, lambda: window.session.current is None)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(recent_rows(window)) == 4)
    recent.tree.setCurrentItem(recent.tree.topLevelItem(2))  # the TOKYO call, from the list
    qtbot.mouseClick(recent.redial_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    call = window.session.current
    assert call is not None and call.phone == TOKYO and call.list_id == window.lists.list_id
    window.session.hang_up()
    settle(qtbot, window)


def test_recent_calls_are_read_from_the_store_when_the_window_opens(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    from calllist_desktop.core.outcomes import Direction
    from tests.ui.conftest import open_window

    ui_store.finish_call(ui_store.start_call(TOKYO, Direction.OUTBOUND, user="sato"), Outcome.ANSWERED)
    ui_store.finish_call(ui_store.start_call("+81611112222", Direction.OUTBOUND, user="tanaka"), Outcome.BUSY)
    window = open_window(qtbot, ui_store, line, settings)
    qtbot.waitUntil(lambda: len(recent_rows(window)) == 1)
    assert recent_rows(window)[0][1:] == ["↗ 応答", "03-1234-5678", "長田 翔"]


def test_the_redial_shortcut_is_free(window: MainWindow) -> None:
    redial = window.commands["redial"].shortcut()
    assert redial == QKeySequence("Ctrl+R")
    others = [action for action in window.actions() if action is not window.commands["redial"]]
    assert all(action.shortcut() != redial for action in others)
    # No standard key an action or a widget of the window takes by default is Ctrl+R here.
    assert all(redial not in QKeySequence.keyBindings(key) for key in QKeySequence.StandardKey)
    assert "Ctrl+R" in window.phone.recent.redial_button.toolTip()  # type: ignore[union-attr]


def test_the_auto_call_bar_does_not_say_nothing_was_dialled_while_a_call_rings(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    window = autocall_window(qtbot, ui_store, line, settings)
    start_run(qtbot, window)
    qtbot.waitUntil(lambda: window.session.busy)
    bar = window.autocall_side.bar
    while state_of(window) in ("dialing", "ringing"):
        assert "まだ発信していません" not in bar.outcomes.text() and not bar.outcomes.isVisibleTo(window)
        assert window.phone.call_state.text() in ("発信中", "呼出中")
        if bar.state.text() in ("発信中", "呼出中"):  # (the bar follows the engine, a moment behind the call)
            assert bar.state.text() == window.phone.call_state.text()
        clock.advance(0.1)
        qtbot.wait(1)
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running)


def test_a_small_window_offers_the_recent_calls_as_the_redial_menu(
    qtbot: QtBot, window: MainWindow, clock: ManualScheduler
) -> None:
    window.commands["compact"].trigger()
    settle(qtbot, window)
    window.resize(360, 640)
    dial_typed(qtbot, window, BUSY_NUMBER)
    run_clock(qtbot, clock, lambda: window.session.current is None)
    settle(qtbot, window)
    recent = window.phone.recent
    assert recent is not None
    qtbot.waitUntil(lambda: [r.outcome for r in recent.records] == [Outcome.BUSY])
    qtbot.waitUntil(lambda: not recent.tree.isVisibleTo(window))  # no room for three rows under the card
    assert recent.redial_button.isVisibleTo(window) and window.phone.call_state.text() == "話中でした"
    actions = recent.menu.actions()
    assert len(actions) == 1 and "↗ 話中" in actions[0].text() and BUSY_NUMBER in actions[0].text()
    actions[0].trigger()
    settle(qtbot, window)
    assert window.session.current is not None and window.session.current.phone == "+81312340486"
    window.session.hang_up()
    settle(qtbot, window)
    window.resize(360, 1000)  # room again: the list shows
    qtbot.waitUntil(lambda: recent.tree.isVisibleTo(window))


def test_an_older_read_of_the_recent_calls_that_answers_late_is_dropped(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    import threading

    from calllist_desktop.core.outcomes import Direction

    release = threading.Event()

    class SlowFirstRead:
        """The store, whose first read of the recent calls answers only after the second did."""

        def __init__(self) -> None:
            self.reads = 0

        def recent_calls(self, user: str, *, limit: int) -> object:
            self.reads += 1
            if self.reads == 1:
                older = ui_store.recent_calls(user, limit=limit)  # read now, delivered late
                release.wait(5)
                return older
            return ui_store.recent_calls(user, limit=limit)

    recent = window.phone.recent
    assert recent is not None
    slow = SlowFirstRead()
    work = StoreWork(lambda: slow, window)  # type: ignore[arg-type,return-value]
    recent.reload(work, "sato")
    ui_store.finish_call(ui_store.start_call(TOKYO, Direction.OUTBOUND, user="sato"), Outcome.ANSWERED)
    qtbot.waitUntil(lambda: slow.reads == 1)
    recent.reload(work, "sato")
    qtbot.waitUntil(lambda: len(recent.records) == 1)
    release.set()
    qtbot.wait(200)  # the first read's answer arrives now, and must change nothing
    assert [r.outcome for r in recent.records] == [Outcome.ANSWERED]
    work.shutdown()


def test_in_english_the_card_and_the_table_use_the_outcome_labels_of_core(
    qtbot: QtBot, window: MainWindow, clock: ManualScheduler
) -> None:
    from calllist_desktop.ui.table.columns import outcome_label

    window.switch_language("en")
    try:
        qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
        assert all(outcome_label(outcome) == outcome.label_en for outcome in Outcome)
        dial_typed(qtbot, window, BUSY_NUMBER)
        assert window.phone.call_state.text() == "Dialling"
        run_clock(qtbot, clock, lambda: window.session.current is None)
        settle(qtbot, window)
        assert window.phone.call_state.text() == "Ended: Busy"
        window.session.dial(TOKYO, list_id=window.lists.list_id)
        settle(qtbot, window)
        assert status_cell(window, TOKYO) == window.phone.call_state.text() == "Dialling"
        window.session.hang_up()
        settle(qtbot, window)
        qtbot.waitUntil(lambda: status_cell(window, TOKYO) == Outcome.CANCELED.label_en, timeout=2000)
        assert status_cell(window, TOKYO) == Outcome.CANCELED.label_en
    finally:
        window.switch_language("ja")
        qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)
