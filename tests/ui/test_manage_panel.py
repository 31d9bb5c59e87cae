"""The manager's 発信先リスト screen: lists, the table of every target, filters, 操作, CSV export.

Every dialog that would block (QInputDialog, QMessageBox, QFileDialog) is replaced; the panel's
own dialogs are opened with ``open()`` and driven like a user would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.ui import file_dialogs
from calllist_desktop.ui.call_list_panel import CallListPanel
from calllist_desktop.ui.contact_dialog import ContactDialog
from calllist_desktop.ui.manage.assignee_dialog import AssigneeDialog
from calllist_desktop.ui.manage.export_dialog import (
    ExportDialog,
    default_file_name,
    local_today,
    write_file_atomically,
)
from calllist_desktop.ui.manage.panel import EDIT, EXCLUDE, INCLUDE, REMOVE, ManagementPanel
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.table.columns import (
    ASSIGNEE,
    CATEGORIES,
    LAST_AGENT,
    LAST_CALL_STATUS,
    LAST_CALL_TYPE,
    TARGETED,
)
from tests.conftest import csv_bytes

SHARED = "+81399990001"  # 田中の会社: in 展示会 and 既存顧客
SATO_PHONES = {"+81312345678", "+81612345678", "+819012345678", "+81521234567"}
TANAKA_PHONES = {SHARED, "+81399990002"}
ALL_PHONES = SATO_PHONES | TANAKA_PHONES
WAIT = 5000


# ---- helpers ------------------------------------------------------------------------------------


def make_panel(qtbot: QtBot, store: Store) -> ManagementPanel:
    panel = ManagementPanel(store, "kanri")
    qtbot.addWidget(panel)
    panel.resize(1080, 760)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.show()
    return panel


@pytest.fixture
def panel(qtbot: QtBot, ui_store: Store) -> ManagementPanel:
    return make_panel(qtbot, ui_store)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages shown with QMessageBox.warning (which would otherwise block)."""
    shown: list[str] = []

    def warning(
        _parent: Any, _title: str, text: str, *args: Any, **kwargs: Any
    ) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


@pytest.fixture
def answer_texts(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[tuple[str, str]]]:
    """Give QInputDialog.getText these answers in turn (``None`` = Cancel); returns the prompts."""

    def install(*answers: str | None) -> list[tuple[str, str]]:
        remaining: Iterator[str | None] = iter(answers)
        prompts: list[tuple[str, str]] = []

        def get_text(
            _parent: Any, _title: str, label: str, _echo: Any = None, text: str = "", *args: Any
        ) -> tuple[str, bool]:
            prompts.append((label, text))
            answer = next(remaining, None)
            return ("", False) if answer is None else (answer, True)

        monkeypatch.setattr(QInputDialog, "getText", get_text)
        return prompts

    return install


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[QMessageBox]]:
    """Answer confirmation boxes by clicking the button with the given text; returns the boxes."""

    def install(button_text: str) -> list[QMessageBox]:
        boxes: list[QMessageBox] = []

        def exec_(box: QMessageBox) -> int:
            boxes.append(box)
            next(button for button in box.buttons() if button.text() == button_text).click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        return boxes

    return install


def shown_phones(panel: ManagementPanel) -> set[str]:
    return {row.phone for row in panel.model.rows_in_view_order()}


def check(panel: ManagementPanel, *phones: str) -> None:
    for phone in phones:
        row = panel.model.row_for_key(phone)
        assert row >= 0, phone
        panel.model.setData(
            panel.model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )


def choose(panel: ManagementPanel, column: str, *values: object) -> None:
    """Tick values in a column's filter menu, as a click on each would."""
    button = panel.filter_bar.choice_buttons[column]
    button.refresh_choices()
    for action in button.choice_actions():
        if action.data() in values and not action.isChecked():
            action.trigger()


def cell(panel: ManagementPanel, phone: str, column_key: str) -> str:
    column = next(i for i, c in enumerate(panel.model.columns()) if c.key == column_key)
    return str(panel.model.index(panel.model.row_for_key(phone), column).data())


def list_id(store: Store, name: str) -> int:
    return store.list_by_name(name).id


# ---- the table --------------------------------------------------------------------------------


def test_the_table_shows_every_target_of_the_list_whoever_is_assigned(
    panel: ManagementPanel, ui_store: Store, qtmodeltester: Any
) -> None:
    assert panel.list_chooser.currentText() == "展示会 (6 件)"
    assert [panel.list_chooser.itemText(i) for i in range(panel.list_chooser.count())] == [
        "展示会 (6 件)",
        "既存顧客 (1 件)",
        "空 (0 件)",
    ]
    assert shown_phones(panel) == ALL_PHONES
    assert {row.assignee_login for row in panel.model.rows_in_view_order()} == {"sato", "tanaka"}
    assert panel.count_label.text() == "表示 6 / 全 6 件"
    assert cell(panel, SHARED, ASSIGNEE) == "田中 翔"
    assert cell(panel, SHARED, TARGETED) == "対象"
    qtmodeltester.check(panel.model)


def test_choosing_another_list_shows_its_targets_with_checks_and_filters_reset(
    qtbot: QtBot, panel: ManagementPanel
) -> None:
    check(panel, SHARED)
    panel.filter_bar.search.setText("田中")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        assert panel.choose_list("既存顧客")
    assert shown_phones(panel) == {SHARED}
    assert panel.model.checked_count() == 0
    assert panel.filter_bar.current_filter().is_empty
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.choose_list("空")
    assert panel.model.total_count() == 0
    assert panel.count_label.text() == "表示 0 / 全 0 件"


def test_refresh_rereads_the_store_keeping_checks_and_the_current_row(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store
) -> None:
    check(panel, SHARED, "+81312345678")
    panel.table.select_key("+81612345678")
    fair = list_id(ui_store, "展示会")
    ui_store.import_csv(fair, csv_bytes("新しい会社,新 人,03-5555-0001,製品C"), assignee="sato")
    ui_store.set_excluded(fair, [SHARED], True)
    panel.table.setFocus()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        qtbot.keyClick(panel.table, Qt.Key.Key_F5)
    assert panel.model.total_count() == 7
    assert set(panel.model.checked_keys()) == {SHARED, "+81312345678"}
    assert panel.table.current_key() == "+81612345678"
    assert cell(panel, SHARED, TARGETED) == "対象外"
    assert panel.list_chooser.currentText() == "展示会 (7 件)"
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.refresh_button.click()


# ---- lists ------------------------------------------------------------------------------------


def test_create_list_asks_again_when_the_name_is_taken_then_shows_the_new_list(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, warnings: list[str], answer_texts: Any
) -> None:
    prompts = answer_texts("展示会", "   ", "秋の展示会")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT), qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.create_button.click()
    assert len(warnings) == 2
    assert "展示会" in warnings[0] and "exists" in warnings[0]
    assert "empty" in warnings[1]
    assert [text for _label, text in prompts] == ["", "展示会", "   "]  # what was typed comes back
    assert "秋の展示会" in [info.name for info in ui_store.lists()]
    assert panel.list_chooser.currentText() == "秋の展示会 (0 件)"
    assert panel.current_list() is not None and panel.current_list().name == "秋の展示会"  # type: ignore[union-attr]
    assert "秋の展示会" in panel.status.text()


def test_create_list_cancelled_changes_nothing(
    panel: ManagementPanel, ui_store: Store, answer_texts: Any
) -> None:
    answer_texts(None)
    panel.create_button.click()
    assert len(ui_store.lists()) == 3


def test_rename_list_refuses_a_taken_name_then_renames(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, warnings: list[str], answer_texts: Any
) -> None:
    prompts = answer_texts("既存顧客", "展示会 2025")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.rename_button.click()
    qtbot.waitUntil(lambda: panel.list_chooser.currentText() == "展示会 2025 (6 件)", timeout=WAIT)
    assert prompts[0][1] == "展示会"  # the current name to edit
    assert len(warnings) == 1 and "既存顧客" in warnings[0]
    assert ui_store.list_by_name("展示会 2025").target_count == 6
    assert panel.model.total_count() == 6


def test_delete_list_says_what_goes_and_what_stays_and_keeps_contacts(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, confirmations: Any
) -> None:
    contacts_before = ui_store.contacts()
    boxes = confirmations("削除")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.delete_button.click()
    box = boxes[0]
    assert "展示会" in box.text()
    assert "6 件" in box.informativeText()
    assert "連絡先と通話履歴は残ります" in box.informativeText()
    assert box.defaultButton().text() == "キャンセル"
    assert [info.name for info in ui_store.lists()] == ["既存顧客", "空"]
    assert ui_store.contacts() == contacts_before
    assert [panel.list_chooser.itemText(i) for i in range(panel.list_chooser.count())] == [
        "既存顧客 (1 件)",
        "空 (0 件)",
    ]
    assert shown_phones(panel) == {SHARED}


def test_delete_list_cancelled_keeps_it(panel: ManagementPanel, ui_store: Store, confirmations: Any) -> None:
    confirmations("キャンセル")
    panel.delete_button.click()
    assert len(ui_store.lists()) == 3
    assert panel.model.total_count() == 6


def test_deleting_the_last_list_shows_how_to_make_one(
    qtbot: QtBot, ui_store: Store, confirmations: Any
) -> None:
    for info in ui_store.lists():
        if info.name != "空":
            ui_store.delete_list(info.name)
    panel = make_panel(qtbot, ui_store)
    confirmations("削除")
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.delete_button.click()
    assert panel.list_chooser.count() == 0
    assert panel.empty_hint.isVisible() and not panel.table.isVisible()
    assert not panel.delete_button.isEnabled() and not panel.export_button.isEnabled()


# ---- filters ----------------------------------------------------------------------------------


@pytest.fixture
def called_panel(qtbot: QtBot, ui_store: Store) -> ManagementPanel:
    """展示会 with calls: sato called さくら 10 days ago, tanaka 山田 today (inbound), and an
    unassigned, excluded target."""
    fair = list_id(ui_store, "展示会")
    ui_store.import_csv(fair, csv_bytes("未割当商事,無名 氏,03-5555-1111,製品C"))
    ui_store.set_excluded(fair, ["+81355551111"], True)
    now = datetime.now(UTC)
    first = ui_store.start_call(
        "+81312345678", Direction.OUTBOUND, user="sato", started_at=now - timedelta(days=10)
    )
    ui_store.finish_call(first, Outcome.ANSWERED)
    second = ui_store.start_call("+81612345678", Direction.INBOUND, user="tanaka", started_at=now)
    ui_store.finish_call(second, Outcome.ANSWERED)
    return make_panel(qtbot, ui_store)


def test_each_filter_narrows_the_rows(qtbot: QtBot, called_panel: ManagementPanel) -> None:
    panel, bar = called_panel, called_panel.filter_bar
    assert panel.model.total_count() == 7

    bar.search.setText("さくら")
    qtbot.waitUntil(lambda: shown_phones(panel) == {"+81312345678"}, timeout=WAIT)
    bar.search.setText("052-123")
    qtbot.waitUntil(lambda: shown_phones(panel) == {"+81521234567"}, timeout=WAIT)
    bar.clear()
    assert panel.model.visible_count() == 7

    choose(panel, ASSIGNEE, "tanaka")
    assert shown_phones(panel) == TANAKA_PHONES
    assert bar.choice_buttons[ASSIGNEE].text() == "発信担当者: 田中 翔"
    choose(panel, ASSIGNEE, None)  # 未割当 too
    assert shown_phones(panel) == TANAKA_PHONES | {"+81355551111"}
    bar.clear()

    choose(panel, CATEGORIES, "製品B")
    assert shown_phones(panel) == {"+81612345678", "+81399990002"}
    bar.clear()

    choose(panel, LAST_CALL_TYPE, "inbound")
    assert shown_phones(panel) == {"+81612345678"}
    bar.clear()
    choose(panel, LAST_CALL_TYPE, "none")
    assert len(shown_phones(panel)) == 5
    bar.clear()

    choose(panel, LAST_AGENT, "sato")
    assert shown_phones(panel) == {"+81312345678"}
    bar.clear()

    today = QDate.currentDate()
    bar.set_date_range(today.addDays(-3), today)
    assert shown_phones(panel) == {"+81612345678"}
    bar.set_date_range(today.addDays(-30), today.addDays(-5))
    assert shown_phones(panel) == {"+81312345678"}
    bar.clear()

    bar.set_targeted("excluded")
    assert shown_phones(panel) == {"+81355551111"}
    bar.set_targeted("targeted")
    assert len(shown_phones(panel)) == 6
    bar.clear()
    assert panel.model.visible_count() == 7
    assert not bar.clear_button.isEnabled()


def test_filters_combine_and_clear_together(
    qtbot: QtBot, called_panel: ManagementPanel, qtmodeltester: Any
) -> None:
    panel, bar = called_panel, called_panel.filter_bar
    choose(panel, ASSIGNEE, "sato")
    choose(panel, CATEGORIES, "製品A")
    assert shown_phones(panel) == {"+81312345678", "+81521234567"}
    choose(panel, LAST_CALL_TYPE, "outbound")
    assert shown_phones(panel) == {"+81312345678"}
    assert panel.count_label.text() == "表示 1 / 全 7 件"
    assert bar.clear_button.isEnabled()
    qtmodeltester.check(panel.model)
    bar.clear_button.click()
    assert panel.model.visible_count() == 7
    assert all(button.chosen() == frozenset() for button in bar.choice_buttons.values())


def test_choice_menus_list_the_values_with_counts(called_panel: ManagementPanel) -> None:
    button = called_panel.filter_bar.choice_buttons[ASSIGNEE]
    button.refresh_choices()
    assert [action.text() for action in button.choice_actions()] == [
        "佐藤 美咲 (4)",
        "田中 翔 (2)",
        "未割当 (1)",
    ]
    agents = called_panel.filter_bar.choice_buttons[LAST_AGENT]
    agents.refresh_choices()
    assert [action.data() for action in agents.choice_actions()] == ["sato", "tanaka", None]


def test_a_chosen_value_that_disappears_stays_chosen(qtbot: QtBot, panel: ManagementPanel) -> None:
    choose(panel, ASSIGNEE, "tanaka")
    panel.model.set_all_checked(True)
    panel.bulk_actions[EDIT].trigger()
    dialog = panel.bulk.assignee_dialog
    assert dialog is not None
    dialog.choose("sato")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        dialog.change_button.click()
    assert panel.model.visible_count() == 0  # nobody is tanaka's any more: the filter still says so
    button = panel.filter_bar.choice_buttons[ASSIGNEE]
    button.refresh_choices()
    assert "田中 翔 (0)" in [action.text() for action in button.choice_actions()]


# ---- checks and the 操作 menu ----------------------------------------------------------------


def test_select_all_checks_only_the_rows_the_filter_shows(panel: ManagementPanel) -> None:
    choose(panel, ASSIGNEE, "tanaka")
    panel.check_all_button.click()
    assert set(panel.model.checked_keys()) == TANAKA_PHONES
    panel.filter_bar.clear()
    assert set(panel.model.checked_keys()) == TANAKA_PHONES
    panel.uncheck_all_button.click()
    assert panel.model.checked_count() == 0


def test_the_action_labels_carry_the_checked_count_live(panel: ManagementPanel) -> None:
    texts = lambda: {name: action.text() for name, action in panel.bulk_actions.items()}  # noqa: E731
    assert not panel.actions_button.isEnabled()
    assert not any(action.isEnabled() for action in panel.bulk_actions.values())
    check(panel, SHARED, "+81312345678")
    assert texts() == {
        EDIT: "選択中の発信先 (2 件) を編集",
        EXCLUDE: "選択中の発信先 (2 件) を発信対象外にする",
        INCLUDE: "選択中の発信先 (2 件) を発信対象にする",
        REMOVE: "選択中の発信先 (2 件) を削除",
    }
    assert panel.actions_button.isEnabled()
    assert all(action.isEnabled() for action in panel.bulk_actions.values())
    assert panel.checked_label.text() == "2 件選択中"
    panel.model.setData(
        panel.model.index(panel.model.row_for_key(SHARED), 0),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    assert texts()[EDIT] == "選択中の発信先 (1 件) を編集"
    choose(panel, ASSIGNEE, "tanaka")  # the checked row is filtered away: nothing to act on
    assert texts()[REMOVE] == "選択中の発信先 (0 件) を削除"
    assert not panel.actions_button.isEnabled()


def test_a_bulk_assignee_change_reaches_every_list_holding_the_number(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store
) -> None:
    check(panel, SHARED, "+81399990002")
    panel.bulk_actions[EDIT].trigger()
    dialog = panel.bulk.assignee_dialog
    assert isinstance(dialog, AssigneeDialog) and dialog.isVisible()
    assert dialog.chosen_login() == "tanaka"  # both rows are tanaka's
    assert "ほかの発信先リスト" in dialog.note.text()
    assert dialog.change_button.text() == "担当者を変更"
    dialog.choose("sato")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        dialog.change_button.click()
    assert cell(panel, SHARED, ASSIGNEE) == "佐藤 美咲"
    assert panel.model.checked_count() == 0
    assert "2 件" in panel.status.text()
    other = ui_store.targets(list_id(ui_store, "既存顧客"))
    assert [(target.phone, target.assignee_login) for target in other] == [(SHARED, "sato")]


def test_a_bulk_assignee_change_to_nobody(qtbot: QtBot, panel: ManagementPanel, ui_store: Store) -> None:
    check(panel, "+81312345678")
    panel.bulk_actions[EDIT].trigger()
    dialog = panel.bulk.assignee_dialog
    assert dialog is not None
    dialog.choose(None)
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        dialog.change_button.click()
    assert cell(panel, "+81312345678", ASSIGNEE) == ""
    stored = ui_store.targets(list_id(ui_store, "展示会"), phones=["+81312345678"])
    assert stored[0].assignee_login is None


def test_exclude_and_include_change_the_store(qtbot: QtBot, panel: ManagementPanel, ui_store: Store) -> None:
    fair = list_id(ui_store, "展示会")
    check(panel, SHARED, "+81312345678")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.bulk_actions[EXCLUDE].trigger()
    excluded = {target.phone for target in ui_store.targets(fair) if target.excluded}
    assert excluded == {SHARED, "+81312345678"}
    assert cell(panel, SHARED, TARGETED) == "対象外"
    assert panel.model.checked_count() == 0
    assert not any(target.excluded for target in ui_store.targets(list_id(ui_store, "既存顧客")))  # per list

    panel.filter_bar.set_targeted("excluded")
    assert shown_phones(panel) == {SHARED, "+81312345678"}
    check(panel, SHARED)
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.bulk_actions[INCLUDE].trigger()
    assert {target.phone for target in ui_store.targets(fair) if target.excluded} == {"+81312345678"}
    assert shown_phones(panel) == {"+81312345678"}  # the included row left the "対象外のみ" view


def test_bulk_delete_removes_targets_and_keeps_contacts(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, confirmations: Any
) -> None:
    contacts_before = ui_store.contacts()
    boxes = confirmations("削除")
    check(panel, SHARED, "+81312345678")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        panel.bulk_actions[REMOVE].trigger()
    assert "2 件" in boxes[0].text()
    assert "連絡先からは削除されません" in boxes[0].informativeText()
    assert {target.phone for target in ui_store.targets(list_id(ui_store, "展示会"))} == ALL_PHONES - {
        SHARED,
        "+81312345678",
    }
    assert ui_store.contacts() == contacts_before
    assert [target.phone for target in ui_store.targets(list_id(ui_store, "既存顧客"))] == [SHARED]
    assert shown_phones(panel) == ALL_PHONES - {SHARED, "+81312345678"}
    qtbot.waitUntil(lambda: panel.list_chooser.currentText() == "展示会 (4 件)", timeout=WAIT)


def test_bulk_delete_cancelled_keeps_everything(
    panel: ManagementPanel, ui_store: Store, confirmations: Any
) -> None:
    confirmations("キャンセル")
    check(panel, SHARED)
    panel.bulk_actions[REMOVE].trigger()
    assert len(ui_store.targets(list_id(ui_store, "展示会"))) == 6
    assert panel.model.checked_keys() == [SHARED]


def test_a_store_error_becomes_a_message_and_the_table_shows_the_truth(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, warnings: list[str]
) -> None:
    check(panel, SHARED)
    ui_store.remove_targets(list_id(ui_store, "展示会"), [SHARED])  # someone else, meanwhile
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.bulk_actions[EXCLUDE].trigger()
    assert len(warnings) == 1 and "03-9999-0001" in warnings[0]
    assert "Traceback" not in warnings[0]
    assert SHARED not in shown_phones(panel)
    assert panel.status.text() == warnings[0]


# ---- export -----------------------------------------------------------------------------------


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], list[str]]:
    """Make the save file dialog (``file_dialogs.save_file_name``) answer ``path``; returns the
    suggested paths."""

    def install(path: Path) -> list[str]:
        suggested: list[str] = []

        def get_save_file_name(_parent: Any, _caption: str, start: str, *args: Any) -> str:
            suggested.append(start)
            return str(path)

        monkeypatch.setattr(file_dialogs, "save_file_name", get_save_file_name)
        return suggested

    return install


def open_export(panel: ManagementPanel) -> ExportDialog:
    panel.export_button.click()
    dialog = panel.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    return dialog


def test_export_writes_a_file_that_imports_to_the_same_targets(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store, tmp_path: Path, save_to: Any
) -> None:
    target = tmp_path / "out" / "fair.csv"
    target.parent.mkdir()
    suggested = save_to(target)
    dialog = open_export(panel)
    assert dialog.chosen_encoding() == "utf-8-sig"
    assert [dialog.encoding.itemText(i) for i in range(3)] == [
        "UTF-8 (BOM 付き, Excel 向け)",
        "UTF-8",
        "Shift_JIS (CP932)",
    ]
    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as exported:
        dialog.export_button.click()
    assert exported.args == [str(target), "utf-8-sig"]
    assert Path(suggested[0]).name == f"展示会_{local_today():%Y%m%d}.csv"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert sorted(path.name for path in target.parent.iterdir()) == ["fair.csv"]  # no temporary file left
    assert not dialog.isVisible()
    assert str(target) in panel.status.text()

    copy = ui_store.create_list("コピー")
    report = ui_store.import_csv(copy.id, data)
    assert report.ok, report.errors

    def facts(name: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
        return [
            (t.phone, t.company, t.person, t.categories) for t in ui_store.targets(list_id(ui_store, name))
        ]

    assert facts("コピー") == facts("展示会")


def test_export_in_cp932_names_the_row_it_cannot_write_then_saves_as_utf8(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, save_to: Any
) -> None:
    fair = list_id(ui_store, "展示会")
    ui_store.import_csv(fair, csv_bytes("😀商事,絵文字 太郎,03-5555-0001,製品A"), assignee="sato")
    panel = make_panel(qtbot, ui_store)
    target = tmp_path / "out" / "fair.csv"
    target.parent.mkdir()
    save_to(target)
    dialog = open_export(panel)
    dialog.set_encoding("cp932")
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
        dialog.export_button.click()
    message = failed.args[0]
    assert "8" in message and "U+1F600" in message  # the header is row 1, the new target row 8
    assert dialog.error.isVisible() and dialog.error.text() == message
    assert list(target.parent.iterdir()) == []  # nothing written
    assert dialog.isVisible()
    assert dialog.utf8_button.isVisible() and dialog.utf8_button.text() == "UTF-8 (BOM 付き) で保存"
    assert dialog.utf8_button.isDefault()

    with qtbot.waitSignal(dialog.exported, timeout=WAIT) as exported:
        dialog.utf8_button.click()
    assert exported.args == [str(target), "utf-8-sig"]
    text = target.read_bytes().decode("utf-8-sig")
    assert "😀商事" in text
    assert [path.name for path in target.parent.iterdir()] == ["fair.csv"]


def test_export_cancelled_at_the_file_dialog_writes_nothing(
    panel: ManagementPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *args: "")
    dialog = open_export(panel)
    dialog.export_button.click()
    assert dialog.isVisible() and not dialog.error.isVisible()
    dialog.reject()


def test_export_to_an_unwritable_place_is_a_message(
    qtbot: QtBot, panel: ManagementPanel, tmp_path: Path, save_to: Any
) -> None:
    save_to(tmp_path / "missing-folder" / "fair.csv")
    dialog = open_export(panel)
    with qtbot.waitSignal(dialog.failed, timeout=WAIT) as failed:
        dialog.export_button.click()
    assert "missing-folder" in failed.args[0]
    assert not dialog.utf8_button.isVisible()
    dialog.reject()


def test_write_file_atomically_replaces_whole_or_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"old")
    write_file_atomically(path, b"new")
    assert path.read_bytes() == b"new"

    def broken_replace(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("calllist_desktop.store.output.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_file_atomically(path, b"newer")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_default_file_names_are_safe() -> None:
    assert default_file_name("展示会") == "展示会.csv"
    assert default_file_name("A/B: 2025?") == "A_B_ 2025_.csv"
    assert default_file_name("...") == "list.csv"


def test_retranslate_keeps_the_counts_in_the_labels(panel: ManagementPanel) -> None:
    check(panel, SHARED)
    panel.retranslate()
    assert panel.bulk_actions[EDIT].text() == "選択中の発信先 (1 件) を編集"
    assert panel.list_chooser.currentText() == "展示会 (6 件)"


def test_f5_in_the_panel_refreshes_it_even_inside_a_window_with_its_own_f5(
    qtbot: QtBot, ui_store: Store
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window_refresh = QAction("refresh", window)
    window_refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    window.addAction(window_refresh)
    triggered: list[bool] = []
    window_refresh.triggered.connect(lambda: triggered.append(True))
    panel = ManagementPanel(ui_store, "kanri")
    window.setCentralWidget(panel)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        window.show()
    qtbot.waitExposed(window)
    panel.table.setFocus()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        qtbot.keyClick(panel.table, Qt.Key.Key_F5)
    assert triggered == []


# ---- 最終通話ステータス ----------------------------------------------------------------------------


def test_the_table_shows_the_last_call_status_and_filters_on_it(
    qtbot: QtBot, ui_store: Store
) -> None:
    now = datetime.now(UTC)
    for phone, direction, outcome in (
        ("+81312345678", Direction.OUTBOUND, Outcome.BUSY),
        ("+81612345678", Direction.OUTBOUND, Outcome.NO_ANSWER),
        ("+819012345678", Direction.OUTBOUND, Outcome.BUSY),
        ("+81521234567", Direction.INBOUND, Outcome.MISSED),
    ):
        ui_store.finish_call(ui_store.start_call(phone, direction, user="sato", started_at=now), outcome)
    panel = make_panel(qtbot, ui_store)
    headers = [panel.model.headerData(i, Qt.Orientation.Horizontal) for i in range(panel.model.columnCount())]
    assert headers.index("最終通話ステータス") == headers.index("最終通話種別") + 1
    assert cell(panel, "+81312345678", LAST_CALL_STATUS) == "話中"
    assert cell(panel, "+81612345678", LAST_CALL_STATUS) == "不応答"
    assert cell(panel, "+81521234567", LAST_CALL_STATUS) == "不在着信"
    assert cell(panel, SHARED, LAST_CALL_STATUS) == ""  # never called

    button = panel.filter_bar.choice_buttons[LAST_CALL_STATUS]
    button.refresh_choices()
    assert [action.text() for action in button.choice_actions()] == [
        "不応答 (1)",
        "話中 (2)",
        "不在着信 (1)",
        "未発信 (2)",
    ]
    choose(panel, LAST_CALL_STATUS, "busy")
    assert shown_phones(panel) == {"+81312345678", "+819012345678"}
    assert button.text() == "最終通話ステータス: 話中"
    choose(panel, LAST_CALL_STATUS, "none")
    assert shown_phones(panel) == {"+81312345678", "+819012345678"} | TANAKA_PHONES
    panel.filter_bar.clear()
    assert panel.model.visible_count() == 6


# ---- 連絡先を編集 ----------------------------------------------------------------------------------


def open_contact_editor(qtbot: QtBot, panel: ManagementPanel, phone: str) -> ContactDialog:
    """Double-click the row's company cell, as a manager would."""
    row = panel.model.row_for_key(phone)
    column = next(i for i, c in enumerate(panel.model.columns()) if c.key == "company")
    rect = panel.table.visualRect(panel.model.index(row, column))
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = panel.bulk.contact_dialog
    assert isinstance(dialog, ContactDialog) and dialog.isVisible()
    return dialog


def test_editing_a_contact_shows_in_every_list_holding_the_number(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store
) -> None:
    dialog = open_contact_editor(qtbot, panel, SHARED)
    assert (dialog.company.text(), dialog.person.text(), dialog.categories.text()) == ("田中の会社", "田中の客", "製品A")
    assert dialog.phone.text() == "03-9999-0001"
    assert "すべての発信先リスト" in dialog.note.text()
    dialog.company.setText("田中商会 本社")
    dialog.person.setText("田中 一郎")
    dialog.categories.setText("製品A ｜ 新規| ")
    with qtbot.waitSignal(panel.changed, timeout=WAIT):
        dialog.save_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: cell(panel, SHARED, "company") == "田中商会 本社", timeout=WAIT)
    assert cell(panel, SHARED, "person") == "田中 一郎"
    assert cell(panel, SHARED, CATEGORIES) == "製品A | 新規"
    assert cell(panel, SHARED, ASSIGNEE) == "田中 翔"  # the assignee stays
    assert "03-9999-0001" in panel.status.text()
    with qtbot.waitSignal(panel.loaded, timeout=WAIT):
        panel.choose_list("既存顧客")  # the other list holding the number
    assert cell(panel, SHARED, "company") == "田中商会 本社"
    assert cell(panel, SHARED, CATEGORIES) == "製品A | 新規"
    # and the operator's own view of that list
    operator = CallListPanel(ui_store, "tanaka")
    qtbot.addWidget(operator)
    with qtbot.waitSignal(operator.loaded, timeout=WAIT):
        operator.reload_lists("既存顧客")
    assert [(row.company, row.person) for row in operator.targets_in_view_order()] == [("田中商会 本社", "田中 一郎")]


def test_a_contact_edit_the_store_refuses_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, panel: ManagementPanel, ui_store: Store
) -> None:
    dialog = open_contact_editor(qtbot, panel, SHARED)
    dialog.company.setText("　")
    dialog.person.clear()
    dialog.categories.setText("新しい分類")
    dialog.save_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT)
    assert "company or a person" in dialog.error.text()  # (store messages in English in tests)
    assert dialog.isVisible() and dialog.categories.text() == "新しい分類"
    assert ui_store.contact(SHARED).company == "田中の会社"  # type: ignore[union-attr]

    seen = dialog.row.revision
    ui_store.set_assignee(list_id(ui_store, "既存顧客"), [SHARED], "sato")  # another manager, meanwhile
    dialog.company.setText("新社名")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "someone else" in dialog.error.text(), timeout=WAIT)
    assert ui_store.contact(SHARED).company == "田中の会社"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: cell(panel, SHARED, ASSIGNEE) == "佐藤 美咲", timeout=WAIT)  # re-read
    qtbot.waitUntil(lambda: dialog.row.revision != seen, timeout=WAIT)  # the dialog took the new revision
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):  # saved again, having seen the change
        dialog.save_button.click()
    assert ui_store.contact(SHARED).company == "新社名"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: cell(panel, SHARED, "company") == "新社名", timeout=WAIT)


def test_the_actions_menu_edits_the_contact_of_one_checked_row(qtbot: QtBot, panel: ManagementPanel) -> None:
    assert not panel.edit_contact_action.isEnabled()
    check(panel, SHARED, "+81312345678")
    assert not panel.edit_contact_action.isEnabled()  # one contact at a time
    panel.model.clear_checked()
    check(panel, "+81312345678")
    assert panel.edit_contact_action.isEnabled()
    assert panel.edit_contact_action.text() == "連絡先を編集…"
    panel.edit_contact_action.trigger()
    dialog = panel.bulk.contact_dialog
    assert dialog is not None and dialog.isVisible() and dialog.company.text() == "株式会社さくら商事"
    dialog.reject()


# ---- export of what is shown ----------------------------------------------------------------------


def exported_phones(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8-sig").splitlines()[1:]
    return [line.split(",")[2] for line in lines]


def test_export_writes_the_filtered_or_the_checked_rows_in_the_order_shown(
    qtbot: QtBot, panel: ManagementPanel, tmp_path: Path, save_to: Any
) -> None:
    choose(panel, ASSIGNEE, "sato")
    panel.table.sortByColumn(
        next(i for i, c in enumerate(panel.model.columns()) if c.key == "phone"), Qt.SortOrder.DescendingOrder
    )
    target = tmp_path / "shown.csv"
    save_to(target)
    dialog = open_export(panel)
    assert dialog.chosen_scope() == "shown"  # a filter is on: what it shows comes first
    assert dialog.scope_buttons["shown"].text() == "表示中の発信先 (絞り込み後, 4 件)"
    assert dialog.scope_buttons["all"].text() == "リスト全体 (6 件)"
    assert not dialog.scope_buttons["checked"].isVisible()  # nothing checked
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert exported_phones(target) == ["090-1234-5678", "06-1234-5678", "052-123-4567", "03-1234-5678"]

    check(panel, "+81612345678", "+81312345678")
    target = tmp_path / "checked.csv"
    save_to(target)
    dialog = open_export(panel)
    assert dialog.chosen_scope() == "checked"
    assert dialog.scope_buttons["checked"].text() == "チェックした発信先 (2 件)"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert exported_phones(target) == ["06-1234-5678", "03-1234-5678"]

    target = tmp_path / "all.csv"
    save_to(target)
    dialog = open_export(panel)
    dialog.set_scope("all")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert len(exported_phones(target)) == 6


def test_export_remembers_the_encoding_and_folder_across_starts(
    qtbot: QtBot, ui_store: Store, settings: Settings, tmp_path: Path, save_to: Any
) -> None:
    first = ManagementPanel(ui_store, "kanri", settings=settings)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.loaded, timeout=WAIT):
        first.show()
    folder = tmp_path / "exports"
    folder.mkdir()
    save_to(folder / "a.csv")
    dialog = open_export(first)
    assert dialog.chosen_encoding() == "utf-8-sig"  # the default, the first time
    dialog.set_encoding("cp932")
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert (folder / "a.csv").read_bytes().startswith("取引先会社名".encode("cp932"))

    again = open_export(first)
    assert again.chosen_encoding() == "cp932"
    again.reject()
    later = ManagementPanel(ui_store, "kanri", settings=settings)  # the next start
    qtbot.addWidget(later)
    with qtbot.waitSignal(later.loaded, timeout=WAIT):
        later.show()
    suggested = save_to(folder / "b.csv")
    dialog = open_export(later)
    assert dialog.chosen_encoding() == "cp932"
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.export_button.click()
    assert Path(suggested[0]).parent == folder
    assert Path(suggested[0]).name == f"展示会_{local_today():%Y%m%d}.csv"


def test_the_suggested_file_name_carries_the_local_date() -> None:
    assert default_file_name("展示会", date(2026, 3, 9)) == "展示会_20260309.csv"
    assert default_file_name("A/B", date(2026, 12, 31)) == "A_B_20261231.csv"
    assert local_today() == datetime.now().astimezone().date()


def test_file_dialogs_open_at_a_readable_size(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = file_dialogs.file_dialog(parent, "保存", str(tmp_path / "a.csv"), "CSV (*.csv)", save=True)
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= min(800, int(dialog.screen().availableGeometry().width() * 0.9))
    assert dialog.height() >= min(500, int(dialog.screen().availableGeometry().height() * 0.9))
    tree = dialog.findChild(QTreeView, "treeView")
    assert tree is not None and tree.header().sectionSize(0) >= dialog.width() * 0.4
    sides = dialog.findChild(QSplitter, "splitter")
    assert sides is not None and sides.sizes()[0] >= file_dialogs.SIDEBAR_WIDTH - 10  # the places' names
    dialog.reject()
