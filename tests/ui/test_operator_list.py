"""The operator's 発信先リスト by keyboard and menu, and its search as people type (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import settle
from tests.ui.test_main_window import OSAKA, TOKYO, click_checkbox, column_of, list_id, shown_phones

# A menu that pops up asks the offscreen platform for what it has not (a keyboard grab, raise()).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")

KATO = "+81521234567"
MOBILE = "+819012345678"


def stored_excluded(store: Store) -> dict[str, bool]:
    return {t.phone: t.excluded for t in store.targets(list_id(store, "展示会"))}


def search(qtbot: QtBot, window: MainWindow, text: str) -> list[str]:
    """Type ``text`` into the search box as an input method commits it, and wait for the filter."""
    panel = window.lists
    panel.search.setText(text)
    qtbot.waitUntil(lambda: panel.model.row_filter().text == text, timeout=2000)
    return shown_phones(window)


def open_row_menu(qtbot: QtBot, window: MainWindow, phone: str) -> QMenu:
    """Right-click the row of ``phone`` (the context-menu event a right click makes)."""
    table = window.lists.table
    rect = table.visualRect(window.lists.model.index(shown_phones(window).index(phone), 1))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), table.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(table.viewport(), event)
    menu = window.lists.row_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def menu_action(menu: QMenu, name: str):  # type: ignore[no-untyped-def]
    return next(action for action in menu.actions() if action.objectName() == name)


def test_space_on_the_selected_row_toggles_excluded_and_saves_it(qtbot: QtBot, window: MainWindow, ui_store: Store) -> None:
    table = window.lists.table
    table.setFocus()
    table.setCurrentIndex(window.lists.model.index(1, column_of(window, "company")))
    with qtbot.waitSignal(window.lists.model.exclusion_requested, timeout=2000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Space)
        settle(qtbot, window)
    assert blocker.args == [OSAKA, True]
    qtbot.waitUntil(lambda: stored_excluded(ui_store)[OSAKA] is True, timeout=2000)  # written off the GUI thread
    assert stored_excluded(ui_store)[OSAKA] is True
    cell = window.lists.model.index(1, column_of(window, "excluded"))
    qtbot.waitUntil(lambda: cell.data(Qt.ItemDataRole.CheckStateRole) in (Qt.CheckState.Checked, Qt.CheckState.Checked.value))
    cell = window.lists.model.index(1, column_of(window, "excluded"))
    assert cell.data(Qt.ItemDataRole.CheckStateRole) in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: stored_excluded(ui_store)[OSAKA] is False, timeout=2000)  # written off the GUI thread
    assert stored_excluded(ui_store)[OSAKA] is False
    assert table.current_key() == OSAKA  # the row stays in hand for the next key


def test_every_row_has_a_menu_to_call_exclude_copy_and_see_its_history(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    menu = open_row_menu(qtbot, window, TOKYO)
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == ["発信", "発信対象外にする", "番号をコピー", "履歴を表示", "再架電予約"]
    assert window.lists.table.current_key() == TOKYO
    menu_action(menu, "copy_number").trigger()
    settle(qtbot, window)
    assert QGuiApplication.clipboard().text() == "03-1234-5678"
    menu_action(menu, "toggle_excluded").trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: stored_excluded(ui_store)[TOKYO] is True, timeout=2000)  # written off the GUI thread
    assert stored_excluded(ui_store)[TOKYO] is True
    model = window.lists.model
    qtbot.waitUntil(lambda: model.row_at(model.row_for_key(TOKYO)).excluded, timeout=2000)  # type: ignore[union-attr]
    menu.close()
    menu = open_row_menu(qtbot, window, TOKYO)
    assert menu_action(menu, "toggle_excluded").text() == "発信対象に戻す"
    menu_action(menu, "toggle_excluded").trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: stored_excluded(ui_store)[TOKYO] is False, timeout=2000)
    assert stored_excluded(ui_store)[TOKYO] is False
    menu.close()
    menu = open_row_menu(qtbot, window, OSAKA)
    menu_action(menu, "dial").trigger()
    settle(qtbot, window)
    call = window.session.current
    assert call is not None and call.phone == OSAKA and call.list_id == window.lists.list_id
    window.session.hang_up()
    settle(qtbot, window)
    menu.close()


def test_show_history_lists_the_calls_of_that_number_from_the_store(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    first = ui_store.start_call(TOKYO, Direction.OUTBOUND, user="tanaka")
    ui_store.finish_call(first, Outcome.BUSY)
    ui_store.finish_call(ui_store.start_call(OSAKA, Direction.OUTBOUND, user="sato"), Outcome.ANSWERED)
    window.session.dial(TOKYO, list_id=window.lists.list_id)
    settle(qtbot, window)
    window.session.hang_up()
    settle(qtbot, window)
    ui_store.annotate_call(first, disposition=None, note="折り返し希望 15時")
    menu = open_row_menu(qtbot, window, TOKYO)
    menu_action(menu, "history").trigger()
    settle(qtbot, window)
    dialog = window.lists.history_dialog
    qtbot.waitUntil(lambda: dialog.records is not None, timeout=3000)
    assert dialog.isVisible() and "03-1234-5678" in dialog.windowTitle() and "長田 翔" in dialog.windowTitle()
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(6)] for i in range(dialog.tree.topLevelItemCount())]
    assert [(r[1], r[2], r[3], r[5]) for r in rows] == [
        ("発信", "取消", "佐藤 美咲", ""), ("発信", "話中", "田中 翔", "折り返し希望 15時"),
    ]
    assert dialog.status.text() == "2 件の通話"
    dialog.close()


def test_excluding_a_row_while_excluded_rows_are_hidden_offers_undo(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    panel = window.lists
    qtbot.mouseClick(panel.show_excluded, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert not panel.show_excluded.isChecked() and not panel.undo_bar.isVisibleTo(window)
    click_checkbox(qtbot, window, shown_phones(window).index(OSAKA))
    qtbot.waitUntil(lambda: OSAKA not in shown_phones(window) and panel.undo_bar.isVisibleTo(window), timeout=2000)  # written off the GUI thread
    assert OSAKA not in shown_phones(window) and stored_excluded(ui_store)[OSAKA] is True
    assert panel.undo_bar.isVisibleTo(window) and "山田 圭" in panel.undo_text.text()
    assert panel.undo_button.text() == "元に戻す"
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: OSAKA in shown_phones(window) and not panel.undo_bar.isVisibleTo(window), timeout=2000)  # written off the GUI thread
    assert stored_excluded(ui_store)[OSAKA] is False and OSAKA in shown_phones(window)
    assert panel.table.current_key() == OSAKA and not panel.undo_bar.isVisibleTo(window)
    # With excluded rows shown, a tick hides nothing and needs no undo.
    qtbot.mouseClick(panel.show_excluded, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    click_checkbox(qtbot, window, shown_phones(window).index(OSAKA))
    qtbot.waitUntil(lambda: stored_excluded(ui_store)[OSAKA] is True and window.lists.model.row_for_key(OSAKA) >= 0 and window.lists.model.row_at(window.lists.model.row_for_key(OSAKA)).excluded, timeout=2000)  # written off the GUI thread
    assert stored_excluded(ui_store)[OSAKA] is True and not panel.undo_bar.isVisibleTo(window)


def test_search_ignores_spaces_kana_and_widths_and_finds_the_last_agent(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    assert search(qtbot, window, "加藤さおり") == [KATO]  # the row says 加藤 さおり
    assert search(qtbot, window, "加藤　さおり") == [KATO]  # a full-width space between words
    assert search(qtbot, window, "サクラ") == [TOKYO]  # 株式会社さくら商事
    assert search(qtbot, window, "ｻｸﾗ") == [TOKYO]  # half-width kana
    assert search(qtbot, window, "すぽーつ") == [OSAKA]  # 山田スポーツ株式会社
    assert search(qtbot, window, "ﾔﾏﾀﾞｽﾎﾟｰﾂ") == []  # kana do not find kanji
    assert search(qtbot, window, "製品ａ") == [TOKYO, KATO]  # full-width latin
    assert search(qtbot, window, "０６－１２３４") == [OSAKA]  # full-width digits and dash
    assert search(qtbot, window, "佐藤") == []  # nobody has called yet
    window.session.dial(MOBILE, list_id=window.lists.list_id)
    settle(qtbot, window)
    window.session.hang_up()
    settle(qtbot, window)
    assert search(qtbot, window, "佐藤美咲") == [MOBILE]  # the last agent, 佐藤 美咲
    assert search(qtbot, window, "さとう") == []  # (a reading is not known)


def test_escape_clears_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.lists
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "zzz")
    qtbot.waitUntil(lambda: shown_phones(window) == [], timeout=2000)
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert panel.search.text() == ""
    qtbot.waitUntil(lambda: len(shown_phones(window)) == 4, timeout=2000)
    # The contacts tab's search too.
    panel.tabs.setCurrentIndex(1)
    qtbot.waitUntil(panel.contact_search.isVisible, timeout=2000)
    panel.contact_search.setFocus()
    qtbot.keyClicks(panel.contact_search, "abc")
    qtbot.keyClick(panel.contact_search, Qt.Key.Key_Escape)
    settle(qtbot, window)
    assert panel.contact_search.text() == ""


def test_search_fold_folds_what_people_type_and_what_rows_hold_alike() -> None:
    from calllist_desktop.ui.table.filters import search_fold, search_terms

    assert search_fold("加藤 さおり") == search_fold("加藤さおり") == "加藤さおり"
    assert search_fold("カトウ") == search_fold("ｶﾄｳ") == search_fold("かとう") == "かとう"
    assert search_fold("ガッツ ヴィラ") == search_fold("ｶﾞｯﾂ ｳﾞｨﾗ") == "がっつゔぃら"
    assert search_fold("ＡＢＣ　１２３") == "abc123"
    row_text = "山田商事"
    assert search_fold(row_text) is row_text  # unchanged text is shared, not copied
    assert search_terms("ｶﾄｳ　03-1234") == ["かとう", "031234"]


def test_a_read_answered_after_the_window_closed_changes_nothing(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    """The store answers on the GUI thread later; by then the window (and its table) may be gone."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window = MainWindow(ui_store, line, ui_store.user("sato"), settings)
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    window.lists.refresh()
    window.lists.reload_lists()
    window.phone.recent.reload(window.work, "sato")  # type: ignore[union-attr]
    window.close()
    line.stop()  # (the line's listener, the window's LineBridge, goes with the window)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(500)  # the answers arrive now: an exception here fails the test (pytest-qt)
