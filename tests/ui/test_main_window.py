"""The desktop client driven through its real widgets (SPEC §4): the operator's list, the layouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.line import Registration
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.actions import Menu
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LayoutMode, Settings
from calllist_desktop.ui.table.columns import EXCLUDED
from tests.ui.conftest import open_window, settle

TOKYO = "+81312345678"
OSAKA = "+81612345678"


def shown_phones(window: MainWindow) -> list[str]:
    model = window.lists.model
    return [model.key_at(row) for row in range(model.rowCount())]


def list_id(store: Store, name: str) -> int:
    return store.list_by_name(name).id


def column_of(window: MainWindow, key: str) -> int:
    return next(i for i, column in enumerate(window.lists.model.columns()) if column.key == key)


def click_checkbox(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click the 発信対象外 checkbox of a row where a user would: on the check indicator."""
    table = window.lists.table
    index = window.lists.model.index(row, column_of(window, EXCLUDED))
    table.scrollTo(index)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    indicator = table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=indicator.center())
    settle(qtbot, window)


def test_the_list_chooser_offers_only_the_users_lists(window: MainWindow) -> None:
    chooser = window.lists.list_chooser
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["展示会"]


def test_an_operator_sees_only_their_own_targets(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings) -> None:
    sato = open_window(qtbot, ui_store, line, settings, "sato")
    assert shown_phones(sato) == [TOKYO, OSAKA, "+819012345678", "+81521234567"]
    tanaka = open_window(qtbot, ui_store, line, settings, "tanaka")
    chooser = tanaka.lists.list_chooser
    assert sorted(chooser.itemText(i) for i in range(chooser.count())) == ["展示会", "既存顧客"]
    assert set(shown_phones(tanaka)) <= {"+81399990001", "+81399990002"}
    assert not set(shown_phones(tanaka)) & set(shown_phones(sato))


def test_a_user_without_targets_sees_a_hint_instead_of_a_table(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings) -> None:
    ui_store.add_user("suzuki", "鈴木 一郎")  # an operator (a manager starts on the management tab)
    window = open_window(qtbot, ui_store, line, settings, "suzuki")
    assert window.lists.list_chooser.count() == 0
    assert window.lists.empty_hint.isVisibleTo(window) and not window.lists.table.isVisibleTo(window)


def test_clicking_the_excluded_checkbox_saves_at_once_and_survives_a_restart(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    with qtbot.waitSignal(window.lists.model.exclusion_requested, timeout=2000) as blocker:
        click_checkbox(qtbot, window, 1)
    assert blocker.args == [OSAKA, True]
    fair = list_id(ui_store, "展示会")
    qtbot.waitUntil(lambda: ui_store.targets(fair, phones=[OSAKA])[0].excluded, timeout=2000)  # written off the GUI thread
    stored = {t.phone: t.excluded for t in ui_store.targets(list_id(ui_store, "展示会"))}
    assert stored[OSAKA] is True and stored[TOKYO] is False
    qtbot.waitUntil(  # the row is read again off the GUI thread once written
        lambda: window.lists.model.index(1, column_of(window, EXCLUDED)).data(Qt.ItemDataRole.CheckStateRole)
        in (Qt.CheckState.Checked, Qt.CheckState.Checked.value),
        timeout=2000,
    )
    # A new window on the same store (a restart) shows it excluded.
    window.close()
    again = open_window(qtbot, ui_store, line, settings)
    row = shown_phones(again).index(OSAKA)
    state = again.lists.model.index(row, column_of(again, EXCLUDED)).data(Qt.ItemDataRole.CheckStateRole)
    assert state in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
    # A second click clears it.
    click_checkbox(qtbot, again, row)
    qtbot.waitUntil(lambda: not ui_store.targets(fair, phones=[OSAKA])[0].excluded, timeout=2000)
    assert {t.phone: t.excluded for t in ui_store.targets(list_id(ui_store, "展示会"))}[OSAKA] is False


def test_the_show_excluded_switch_hides_and_shows_excluded_rows(qtbot: QtBot, window: MainWindow, ui_store: Store) -> None:
    ui_store.set_excluded(list_id(ui_store, "展示会"), [OSAKA], True)
    with qtbot.waitSignal(window.lists.loaded, timeout=3000):
        window.commands["refresh"].trigger()
        settle(qtbot, window)
    assert OSAKA in shown_phones(window)
    qtbot.mouseClick(window.lists.show_excluded, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert not window.lists.show_excluded.isChecked()
    assert OSAKA not in shown_phones(window) and len(shown_phones(window)) == 3
    assert window.lists.count_label.text().replace(" ", "").startswith("表示3/4")
    qtbot.mouseClick(window.lists.show_excluded, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert OSAKA in shown_phones(window)


def test_filters_combine(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.lists
    panel.category.setCurrentIndex(panel.category.findData("イベント"))
    assert shown_phones(window) == [TOKYO, "+819012345678"]
    panel.category.setCurrentIndex(panel.category.findData("製品A"))
    assert shown_phones(window) == [TOKYO, "+81521234567"]
    panel.search.setText("加藤")  # as an input method commits it (QTest types ASCII only)
    qtbot.waitUntil(lambda: shown_phones(window) == ["+81521234567"], timeout=2000)
    panel.search.clear()
    qtbot.keyClicks(panel.search, "1234-5678")  # a phone fragment as people type it
    qtbot.waitUntil(lambda: shown_phones(window) == [TOKYO], timeout=2000)
    panel.search.clear()
    panel.category.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(shown_phones(window)) == 4, timeout=2000)


def test_double_click_dials_and_the_call_is_recorded_with_its_list(
    qtbot: QtBot, window: MainWindow, ui_store: Store, clock: ManualScheduler
) -> None:
    table = window.lists.table
    index = window.lists.model.index(0, column_of(window, "company"))
    with qtbot.waitSignal(window.session.changed, timeout=2000):
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
        settle(qtbot, window)
    call = window.session.current
    assert call is not None and call.phone == TOKYO and call.company == "株式会社さくら商事"
    assert window.phone.call_card.isVisibleTo(window)
    assert window.phone.who.text() == "長田 翔"
    # The row is in the store from the start: a crash now would leave it to be closed as interrupted.
    last = ui_store.targets(list_id(ui_store, "展示会"), phones=[TOKYO])[0].last_call
    assert last is not None and last.outcome is None and last.agent_login == "sato"
    clock.advance(1.5)
    window.commands["hang_up"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.session.current is None, timeout=2000)
    last = ui_store.targets(list_id(ui_store, "展示会"), phones=[TOKYO])[0].last_call
    assert last is not None and last.outcome is Outcome.CANCELED
    qtbot.waitUntil(lambda: window.lists.model.index(0, column_of(window, "last_call_status")).data() == "取消", timeout=2000)
    status = window.lists.model.index(0, column_of(window, "last_call_status")).data()
    assert status == "取消"


def test_enter_on_a_row_dials_it(qtbot: QtBot, window: MainWindow) -> None:
    table = window.lists.table
    table.setFocus()
    table.setCurrentIndex(window.lists.model.index(2, 1))
    with qtbot.waitSignal(window.session.changed, timeout=2000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
        settle(qtbot, window)
    assert window.session.current is not None and window.session.current.phone == "+819012345678"
    window.session.hang_up()
    settle(qtbot, window)


def test_typed_numbers_dial_from_the_phone_and_invalid_ones_are_refused(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.phone.number, "03-0000-0000")  # possible, but no real number
    qtbot.keyClick(window.phone.number, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.session.current is None and window.phone.number.property("invalid") is True
    window.phone.number.clear()
    for key in "0612345678":
        qtbot.mouseClick(window.phone.pad_buttons[key], Qt.MouseButton.LeftButton)
        settle(qtbot, window)
    assert window.phone.number.text() == "0612345678"
    qtbot.mouseClick(window.phone.call_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.session.current is not None and window.session.current.phone == OSAKA
    window.session.hang_up()
    settle(qtbot, window)


def test_the_layout_switches_from_the_toolbar_and_the_keyboard_and_is_remembered(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    assert window.mode is LayoutMode.WIDE and window.lists.isVisibleTo(window)
    window.commands["compact"].trigger()
    settle(qtbot, window)
    assert window.mode is LayoutMode.COMPACT and not window.lists.isVisibleTo(window)
    assert window.width() < 500
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # (F11 is full screen)
    settle(qtbot, window)
    assert window.mode is LayoutMode.WIDE and window.lists.isVisibleTo(window)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.mode is LayoutMode.COMPACT
    window.close()
    again = open_window(qtbot, ui_store, line, settings)
    assert again.mode is LayoutMode.COMPACT and not again.lists.isVisibleTo(again)


def test_a_call_carries_on_across_a_layout_switch(qtbot: QtBot, window: MainWindow) -> None:
    window.session.dial(TOKYO, list_id=window.lists.list_id)
    settle(qtbot, window)
    window.commands["compact"].trigger()
    settle(qtbot, window)
    assert window.session.current is not None and window.phone.call_card.isVisibleTo(window)
    window.commands["wide"].trigger()
    settle(qtbot, window)
    assert window.session.current is not None
    window.session.hang_up()
    settle(qtbot, window)


def test_every_action_has_a_shortcut_shown_in_its_tooltip(window: MainWindow) -> None:
    for name in ("dial", "hang_up", "mute", "hold", "compact", "wide", "full_screen", "refresh", "find", "quit"):
        action = window.commands[name]
        assert not action.shortcut().isEmpty(), name
        assert action.shortcut().toString() in action.toolTip() or name == "quit", name


def test_selection_stays_on_the_same_target_across_a_refresh(qtbot: QtBot, window: MainWindow) -> None:
    table = window.lists.table
    assert table.select_key("+819012345678")
    with qtbot.waitSignal(window.lists.loaded, timeout=3000):
        window.lists.refresh()
    assert table.current_key() == "+819012345678"
    selected = table.selectionModel().selectedRows()
    assert [window.lists.model.key_at(index.row()) for index in selected] == ["+819012345678"]


def test_the_row_shows_the_call_in_progress_at_once(qtbot: QtBot, window: MainWindow) -> None:
    window.session.dial(OSAKA, list_id=window.lists.list_id)
    settle(qtbot, window)
    row = shown_phones(window).index(OSAKA)
    # In progress at once, in the call card's word for the state (issue 13: one word for one state).
    status = window.lists.model.index(row, column_of(window, "last_call_status")).data()
    assert status == window.phone.call_state.text() == "発信中"
    window.session.hang_up()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.lists.model.index(row, column_of(window, "last_call_status")).data() == "取消", timeout=2000)
    assert window.lists.model.index(row, column_of(window, "last_call_status")).data() == "取消"


def test_an_incoming_call_shows_the_caller_and_is_recorded(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, clock: ManualScheduler
) -> None:
    line.simulate_incoming("03-1234-5678")
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=2000)
    settle(qtbot, window)  # its row is written and who calls is read, off the GUI thread
    assert window.session.current is not None and window.session.current.state == "incoming"
    assert window.phone.who.text() == "長田 翔" and window.phone.answer_button.isVisibleTo(window)
    qtbot.mouseClick(window.phone.answer_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.session.current is not None and window.session.current.state == "talking", timeout=2000)
    window.session.hang_up()
    settle(qtbot, window)
    last = ui_store.targets(list_id(ui_store, "展示会"), phones=[TOKYO])[0].last_call
    assert last is not None and last.direction.value == "inbound" and last.outcome is Outcome.ANSWERED


def test_an_unanswered_incoming_call_is_recorded_as_missed(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, clock: ManualScheduler
) -> None:
    line.simulate_incoming("06-1234-5678")
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=2000)
    clock.advance(60)  # the caller gives up
    qtbot.waitUntil(lambda: window.session.current is None, timeout=2000)
    settle(qtbot, window)
    last = ui_store.targets(list_id(ui_store, "展示会"), phones=[OSAKA])[0].last_call
    assert last is not None and last.outcome is Outcome.MISSED
    row = shown_phones(window).index(OSAKA)
    status = window.lists.model.index(row, column_of(window, "last_call_status"))
    qtbot.waitUntil(lambda: status.data() == "不在着信", timeout=2000)  # read again off the GUI thread
    assert window.lists.model.index(row, column_of(window, "last_call_status")).data() == "不在着信"


def test_an_operator_never_sees_the_management_screens_or_their_menu(window: MainWindow) -> None:
    assert window.management is None
    tabs = window.lists.tabs  # the lists, the contacts and the operator's own callbacks (再架電予約)
    assert tabs.count() == 3 and tabs.widget(2) is window.campaign.callbacks
    assert not window.commands.menus[Menu.ADMIN].menuAction().isVisible()
    for name in ("manage_lists", "add_targets", "users"):
        assert not window.commands[name].isEnabled() and name not in [a.objectName() for a in window.actions()]
    window.open_users_dialog()
    assert not hasattr(window, "users_dialog")


def test_an_admin_has_the_management_tab_and_menu(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    window = open_window(qtbot, ui_store, line, settings, "kanri")
    assert window.management is not None and window.commands.menus[Menu.ADMIN].menuAction().isVisible()
    window.commands["compact"].trigger()
    settle(qtbot, window)
    window.commands["manage_lists"].trigger()
    settle(qtbot, window)
    assert window.mode is LayoutMode.WIDE and window.lists.tabs.currentWidget() is window.management
    window.commands["users"].trigger()
    settle(qtbot, window)
    assert window.users_dialog.isVisible()
    window.users_dialog.close()


class _RefusedLine(DemoLine):
    """A line whose registration failed before any window was made."""

    @property
    def registration(self) -> Registration:
        return Registration.FAILED

    @property
    def registration_detail(self) -> str:
        return "Authentication failed (403 Forbidden): check the password"


def test_a_window_made_after_the_line_failed_to_register_says_why(
    qtbot: QtBot, ui_store: Store, clock: ManualScheduler, settings: Settings
) -> None:
    window = open_window(qtbot, ui_store, _RefusedLine(scheduler=clock), settings)
    assert "403 Forbidden" in window.phone.line_state.text()
    window.switch_language("en")
    qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "Call lists", timeout=2000)
    try:
        assert "403 Forbidden" in window.phone.line_state.text()  # a language change keeps the reason
    finally:
        window.switch_language("ja")
        qtbot.waitUntil(lambda: window.lists.tabs.tabText(0) == "発信先リスト", timeout=2000)


def test_the_line_state_is_coloured_by_the_registration(qtbot: QtBot, window: MainWindow, line: DemoLine) -> None:
    def colour() -> str:
        window.phone.line_state.ensurePolished()
        return window.phone.line_state.palette().color(QPalette.ColorRole.WindowText).name()

    assert line.registration is Registration.REGISTERED
    registered = colour()
    line.stop()
    qtbot.waitUntil(lambda: "オフライン" in window.phone.line_state.text(), timeout=2000)
    assert colour() != registered
    assert (registered, colour()) == ("#1e7b45", "#b3261e")


class _SilentLine(DemoLine):
    """A line whose calls carry no sound (a SIP line with no audio path)."""

    @property
    def audio_problem(self) -> str:
        return "no audio: calls complete, but no microphone or speaker is joined to them"


def test_a_line_without_audio_says_so_under_its_state(
    qtbot: QtBot, ui_store: Store, clock: ManualScheduler, settings: Settings
) -> None:
    window = open_window(qtbot, ui_store, _SilentLine(scheduler=clock), settings)
    assert window.phone.line_state.text().splitlines()[-1] == "音声なし（マイク・スピーカー未接続）"
    plain = open_window(qtbot, ui_store, DemoLine(scheduler=clock), settings)
    assert "音声なし" not in plain.phone.line_state.text()  # the demo line pretends, and says it is a demo
