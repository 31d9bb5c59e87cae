"""The manager's 発信先リスト screen: lists, the table of every target, filters, 操作, CSV export.

Every dialog that would block (QInputDialog, QMessageBox, QFileDialog) is replaced; the panel's
own dialogs are opened with ``open()`` and driven like a user would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage.assignee_dialog import AssigneeDialog
from calllist_desktop.ui.manage.export_dialog import ExportDialog, default_file_name, write_file_atomically
from calllist_desktop.ui.manage.panel import EDIT, EXCLUDE, INCLUDE, REMOVE, ManagementPanel
from calllist_desktop.ui.table.columns import ASSIGNEE, CATEGORIES, LAST_AGENT, LAST_CALL_TYPE, TARGETED
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
    dialog = panel.assignee_dialog
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
    dialog = panel.assignee_dialog
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
    dialog = panel.assignee_dialog
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
    """Make QFileDialog.getSaveFileName answer ``path``; returns the suggested paths."""

    def install(path: Path) -> list[str]:
        suggested: list[str] = []

        def get_save_file_name(
            _parent: Any, _caption: str = "", directory: str = "", *args: Any, **kwargs: Any
        ) -> tuple[str, str]:
            suggested.append(directory)
            return str(path), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
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
    assert Path(suggested[0]).name == "展示会.csv"
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
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
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
