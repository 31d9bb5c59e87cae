"""The operator's list uses the store only off the GUI thread (issue 17 item 2), checked with a
store that fails on the GUI thread (``tests/ui/gui_thread_guard.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import Changes
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import open_window
from tests.ui.gui_thread_guard import GuiThreadGuard
from tests.ui.test_main_window import OSAKA, TOKYO, click_checkbox, list_id, shown_phones


def test_excluding_undoing_and_re_reading_rows_never_call_the_store_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings)  # type: ignore[arg-type]
    panel, fair = window.lists, list_id(ui_store, "展示会")
    qtbot.mouseClick(panel.show_excluded, Qt.MouseButton.LeftButton)  # excluded rows hidden: an exclusion offers undo
    guard.armed = True

    click_checkbox(qtbot, window, shown_phones(window).index(OSAKA))
    qtbot.waitUntil(lambda: OSAKA not in shown_phones(window) and panel.undo_bar.isVisibleTo(window), timeout=3000)
    assert ui_store.targets(fair, phones=[OSAKA])[0].excluded
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: OSAKA in shown_phones(window) and panel.table.current_key() == OSAKA, timeout=3000)
    assert not ui_store.targets(fair, phones=[OSAKA])[0].excluded

    ui_store.set_excluded(fair, [TOKYO], True)  # another client; its change comes in live
    panel.apply_changes(Changes(phones={fair: {TOKYO}}))
    qtbot.waitUntil(lambda: TOKYO not in shown_phones(window), timeout=3000)
    ui_store.set_excluded(fair, [TOKYO], False)
    panel.refresh_phone(TOKYO)  # as after a call
    qtbot.waitUntil(lambda: TOKYO in shown_phones(window), timeout=3000)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"set_excluded", "targets"} <= set(guard.off_gui_thread)  # the work did go through the store
