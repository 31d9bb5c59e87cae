"""The operator's and the manager's lists use the store only off the GUI thread (issue 17 item 2),
checked with a store that fails on the GUI thread (``tests/ui/gui_thread_guard.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import Changes
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.manage.panel import EXCLUDE, ManagementPanel
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import open_window
from tests.ui.gui_thread_guard import GuiThreadGuard
from tests.ui.test_main_window import OSAKA, TOKYO, click_checkbox, list_id, shown_phones
from tests.ui.test_manage_panel import (  # noqa: F401 - fixtures
    SHARED,
    WAIT,
    answer_texts,
    check,
    confirmations,
    open_contact_editor,
    open_export,
    save_to,
    warnings,
)


def test_excluding_undoing_and_re_reading_rows_never_call_the_store_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings)  # type: ignore[arg-type]
    panel, fair = window.lists, list_id(ui_store, "展示会")
    qtbot.mouseClick(
        panel.show_excluded, Qt.MouseButton.LeftButton
    )  # excluded rows hidden: an exclusion offers undo
    guard.armed = True

    click_checkbox(qtbot, window, shown_phones(window).index(OSAKA))
    qtbot.waitUntil(
        lambda: OSAKA not in shown_phones(window) and panel.undo_bar.isVisibleTo(window), timeout=3000
    )
    assert ui_store.targets(fair, phones=[OSAKA])[0].excluded
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: OSAKA in shown_phones(window) and panel.table.current_key() == OSAKA, timeout=3000
    )
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


def test_the_managers_lists_never_call_the_store_on_the_gui_thread(
    qtbot: QtBot,
    ui_store: Store,
    tmp_path: Path,
    answer_texts: Any,  # noqa: F811
    confirmations: Any,  # noqa: F811
    warnings: list[str],  # noqa: F811
    save_to: Any,  # noqa: F811
) -> None:
    """Load, 更新, 新規作成, 名前を変更, 削除, 操作, 連絡先を編集, CSV export and live changes of
    the management view."""
    guard = GuiThreadGuard(ui_store)
    guard.armed = True
    panel = ManagementPanel(guard, "kanri")  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.show()
    fair = list_id(ui_store, "展示会")

    answer_texts("展示会", "秋の展示会")  # a taken name is refused, then asked again
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.create_button.click()
    assert panel.current_list() is not None and panel.current_list().name == "秋の展示会"  # type: ignore[union-attr]
    assert len(warnings) == 1
    answer_texts("冬の展示会")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.rename_button.click()
    qtbot.waitUntil(lambda: panel.list_chooser.currentText() == "冬の展示会 (0 件)", timeout=WAIT)
    confirmations("削除")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.delete_button.click()
    assert "冬の展示会" not in [info.name for info in ui_store.lists()]

    if panel.list_id != fair:
        with qtbot.waitSignal(panel.loaded, timeout=WAIT):
            assert panel.choose_list("展示会")
    check(panel, SHARED)
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.bulk_actions[EXCLUDE].trigger()
    assert ui_store.targets(fair, phones=[SHARED])[0].excluded

    dialog = open_contact_editor(qtbot, panel, SHARED)
    dialog.company.setText("田中商会")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        dialog.save_button.click()
    assert ui_store.contact(SHARED).company == "田中商会"  # type: ignore[union-attr]
    save_to(tmp_path / "fair.csv")
    export = open_export(panel)
    with qtbot.waitSignal(export.exported, timeout=WAIT):
        export.export_button.click()
    assert (tmp_path / "fair.csv").exists()

    ui_store.set_excluded(fair, [SHARED], False)  # another client; its change comes in live
    panel.apply_changes(Changes(phones={fair: {SHARED}}, tables={"list_rules"}))
    qtbot.waitUntil(lambda: not panel.row_of_key(SHARED).excluded, timeout=WAIT)  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.refresh_button.click()

    guard.armed = False
    assert guard.on_gui_thread == []
    wanted = {
        "lists",
        "users",
        "targets",
        "target_plans",
        "create_list",
        "rename_list",
        "delete_list",
        "set_excluded",
        "update_contact",
        "export_csv",
    }
    assert wanted <= set(guard.off_gui_thread)
