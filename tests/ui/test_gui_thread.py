"""The operator's and the manager's lists use the store only off the GUI thread (issue 17 item 2),
checked with a store that fails on the GUI thread (``tests/ui/gui_thread_guard.py``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.autocall import AutoCallOptions
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import CallRecord
from calllist_desktop.store.watch import Changes
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.callback_dialog import CallbackChoice
from calllist_desktop.ui.campaign.wrap_up_dialog import WrapUpDialog
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.manage.panel import EXCLUDE, ManagementPanel
from calllist_desktop.ui.settings import WRAP_UP_HAND_DIALLED, Settings
from tests.ui.conftest import open_window, settle
from tests.ui.gui_thread_guard import GuiThreadGuard
from tests.ui.test_autocall_ui import run_clock, start_run
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


def test_an_operator_flow_through_the_window_never_calls_the_store_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    """Choose a list, dial a target from its row, hang up, wrap up with a disposition, exclude a
    row, book a callback, take an incoming call: all of it through the real window."""
    settings.set(WRAP_UP_HAND_DIALLED, True)
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings)  # type: ignore[arg-type]
    panel, fair = window.lists, list_id(ui_store, "展示会")
    guard.armed = True

    with qtbot.waitSignal(panel.loaded, timeout=5000):  # choose the list again: it is read afresh
        panel.reload_lists(preferred="展示会")
    window._dial_target(TOKYO, fair)  # the dial guard asks the store, then the call's row is written
    qtbot.waitUntil(lambda: window.session.current is not None and window.phone.who.text() == "長田 翔", timeout=3000)
    settle(qtbot, window)
    window.session.hang_up()
    qtbot.waitUntil(lambda: window.campaign.wrap_up_dialog is not None, timeout=3000)
    dialog = window.campaign.wrap_up_dialog
    assert isinstance(dialog, WrapUpDialog)
    dialog.disposition.setCurrentText("再架電")
    dialog.note.setText("午後に折り返し")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: calls_of(ui_store, TOKYO)[0].note is not None, timeout=3000)
    assert "午後に折り返し" in (calls_of(ui_store, TOKYO)[0].note or "")

    qtbot.mouseClick(panel.show_excluded, Qt.MouseButton.LeftButton)
    click_checkbox(qtbot, window, shown_phones(window).index(OSAKA))
    qtbot.waitUntil(lambda: ui_store.targets(fair, phones=[OSAKA])[0].excluded, timeout=3000)

    due = datetime.now(UTC) + timedelta(hours=2)
    window.campaign.book(TOKYO, fair, CallbackChoice(due, "sato", "資料を送ってから"))
    qtbot.waitUntil(lambda: "再架電を予約しました" in window.statusBar().currentMessage(), timeout=3000)
    assert [callback.phone for callback in ui_store.callbacks()] == [TOKYO]

    line.simulate_incoming("06-1234-5678")
    qtbot.waitUntil(lambda: window.session.current is not None and window.phone.who.text() == "山田 圭", timeout=3000)
    qtbot.mouseClick(window.phone.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.current is not None and window.session.current.state == "talking", timeout=3000)
    window.session.hang_up()
    qtbot.waitUntil(lambda: calls_of(ui_store, OSAKA) and calls_of(ui_store, OSAKA)[0].outcome is not None, timeout=3000)
    settle(qtbot, window)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"start_call", "finish_call", "annotate_call", "contact", "dial_refusal", "add_callback"} <= set(guard.off_gui_thread)


def calls_of(store: Store, phone: str) -> list[CallRecord]:
    return store.calls_of(phone)


def test_the_managers_analytics_and_campaign_views_never_call_the_store_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings, login="kanri")  # type: ignore[arg-type]
    analytics = window.analytics
    assert analytics is not None
    guard.armed = True

    window.lists.show_tab(analytics)
    with qtbot.waitSignal(analytics.report.loaded, timeout=5000):
        analytics.report.refresh(lists_too=True)
    with qtbot.waitSignal(analytics.progress_loaded, timeout=5000):
        analytics.pages.setCurrentWidget(analytics.progress_page)
    window.lists.show_tab(window.campaign.callbacks)
    window.campaign.reload_callbacks()
    window.campaign.reload_dispositions()
    settle(qtbot, window)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"report", "list_progress", "callbacks", "dispositions"} <= set(guard.off_gui_thread)


def test_a_manager_edits_a_lists_rules_without_a_store_call_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings, login="kanri")  # type: ignore[arg-type]
    fair = list_id(ui_store, "展示会")
    guard.armed = True

    window.campaign.open_rules_dialog(fair, "展示会")  # the rules are read, then the dialog opens
    qtbot.waitUntil(lambda: getattr(window.campaign, "rules_dialog", None) is not None, timeout=3000)
    dialog = window.campaign.rules_dialog
    assert dialog.max_attempts.value() == (ui_store.list_rules(fair).max_attempts or 0)
    dialog.max_attempts.setValue(3)
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ui_store.list_rules(fair).max_attempts == 3
    qtbot.waitUntil(lambda: "発信ルールを保存しました" in window.statusBar().currentMessage(), timeout=3000)
    settle(qtbot, window)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"list_rules", "set_list_rules"} <= set(guard.off_gui_thread)


def test_a_manager_edits_the_dispositions_without_a_store_call_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    guard = GuiThreadGuard(ui_store)
    window = open_window(qtbot, guard, line, settings, login="kanri")  # type: ignore[arg-type]
    before = [item.name for item in ui_store.dispositions()]
    guard.armed = True

    window.campaign.open_dispositions_dialog()  # the vocabulary is read, then the dialog opens
    qtbot.waitUntil(lambda: getattr(window.campaign, "dispositions_dialog", None) is not None, timeout=3000)
    dialog = window.campaign.dispositions_dialog
    assert [item.name for item in dialog.dispositions()] == before
    dialog.add_row()
    added = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
    assert added is not None
    added.setText(0, "資料送付済み")
    with qtbot.waitSignal(dialog.saved, timeout=3000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [item.name for item in ui_store.dispositions()] == [*before, "資料送付済み"]
    qtbot.waitUntil(lambda: "資料送付済み" in window.campaign.dispositions, timeout=3000)  # read again for the window
    settle(qtbot, window)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"dispositions", "save_dispositions"} <= set(guard.off_gui_thread)  # one write: all or nothing


def test_an_auto_call_run_claims_dials_and_records_without_a_store_call_on_the_gui_thread(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    """A whole run over the operator's list, with the store's own claims (not a test's)."""
    guard = GuiThreadGuard(ui_store)
    window = MainWindow(
        guard,  # type: ignore[arg-type]
        line,
        ui_store.user("sato"),
        settings,
        autocall_options=AutoCallOptions(wrap_up=0.0, claim_ttl=600.0, claim_renewal=300.0),
    )
    qtbot.addWidget(window, before_close_func=lambda w: (w.autocall.stop(), w.session.hang_up()))
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    guard.armed = True

    start_run(qtbot, window)
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    settle(qtbot, window)
    fair = list_id(ui_store, "展示会")
    assert len(ui_store.calls_of(TOKYO)) == 1 and ui_store.calls_of(TOKYO)[0].list_id == fair
    assert window.autocall.last_progress is not None and window.autocall.last_progress.total == 4

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"claim_first", "release_claim", "start_call", "finish_call"} <= set(guard.off_gui_thread)
