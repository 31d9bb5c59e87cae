"""発信先を追加 and issues 13 and 16: the dialog remembers the assignee and the folder, says what
「変更しない」 does and how many targets are left without an assignee, says whose numbers an
assignee would move, skips rows with errors only when asked, and refuses a pipe or device."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.issues import IssueCode
from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage import import_dialog
from calllist_desktop.ui.manage.import_dialog import ImportDialog
from calllist_desktop.ui.settings import IMPORT_ASSIGNEE, IMPORT_FOLDER, Settings
from tests.conftest import csv_bytes
from tests.ui.conftest import own_store_work
from tests.ui.test_manage_import import LONG, _no_worker_left, choose, list_named, save, write

__all__ = ["_no_worker_left"]  # the autouse fixture of the dialog's tests applies here too

BAD_ROWS = (
    "新規商事,新規 一,03-7000-0001,製品C",  # row 2: fine
    ",,03-7000-0002,",  # row 3: no name
    "壊れ商事,壊,not a phone,",  # row 4: no number
    "新規二,二,03-7000-0003 内線5,",  # row 5: fine, its extension dropped
)


def open_with(qtbot: QtBot, store: Store, settings: Settings | None, name: str = "空") -> ImportDialog:
    info = list_named(store, name)
    dialog = ImportDialog(store, info.id, info.name, settings=settings, work=own_store_work(qtbot, store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.users_loaded, timeout=LONG)  # read off the GUI thread
    return dialog


def test_the_assignee_and_the_folder_are_remembered_for_the_next_dialog(
    qtbot: QtBot, ui_store: Store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    path = write(folder, "a.csv", csv_bytes("新規商事,新規 一,03-7000-0001,"))
    first = open_with(qtbot, ui_store, settings)
    assert first.current_assignee() is None  # nothing remembered yet
    choose(qtbot, first, path)
    with qtbot.waitSignal(first.previewed, timeout=LONG):
        first.assignee.setCurrentIndex(first.assignee.findData("tanaka"))
    assert settings.get(IMPORT_ASSIGNEE) == "tanaka" and settings.get(IMPORT_FOLDER) == str(folder)
    first.reject()

    asked: dict[str, str] = {}

    def ask(_parent: Any, _caption: str, start: str, _filter: str) -> str:
        asked["start"] = start
        return ""

    monkeypatch.setattr(import_dialog, "open_file_name", ask)
    second = open_with(qtbot, ui_store, settings)
    assert second.current_assignee() == "tanaka"
    assert not second.is_busy()  # restoring the choice checks nothing: there is no file yet
    qtbot.mouseClick(second.choose_button, Qt.MouseButton.LeftButton)
    assert asked["start"] == str(folder)

    # Back to 「変更しない」: remembered as well.
    second.assignee.setCurrentIndex(0)
    assert settings.get(IMPORT_ASSIGNEE) == ""
    assert open_with(qtbot, ui_store, settings).current_assignee() is None


def test_a_remembered_user_who_is_gone_falls_back_to_leaving_assignees_alone(
    qtbot: QtBot, ui_store: Store, settings: Settings
) -> None:
    settings.set(IMPORT_ASSIGNEE, "nobody-any-more")
    settings.set(IMPORT_FOLDER, "/no/such/folder")
    dialog = open_with(qtbot, ui_store, settings)
    assert dialog.current_assignee() is None
    assert dialog.assignee.currentText() == "変更しない（新しい番号は担当者なし）"


def test_leaving_assignees_alone_says_how_many_targets_have_none(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    # 03-1234-5678 is sato's already (it stays so); the two new numbers get nobody.
    rows = ("さくら,長田,03-1234-5678,", "新規商事,新規 一,03-7000-0001,", "新規二,二,03-7000-0002,")
    dialog = open_with(qtbot, ui_store, None)
    report = choose(qtbot, dialog, write(tmp_path, "a.csv", csv_bytes(*rows)))
    assert report.unassigned == 2
    assert "担当者のいない発信先が 2 件" in dialog.summary.text()
    saved = save(qtbot, dialog)
    assert saved.unassigned == 2
    assert "担当者のいない発信先が 2 件" in dialog.summary.text()
    assignees = {t.phone: t.assignee_login for t in ui_store.targets(list_named(ui_store, "空").id)}
    assert assignees == {"+81312345678": "sato", "+81370000001": None, "+81370000002": None}


def test_choosing_an_assignee_previews_whose_numbers_move(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    # Two of sato's numbers and one of tanaka's, from 展示会, into 空.
    rows = ("さくら,長田,03-1234-5678,", "山田,山田,06-1234-5678,", "田中の会社,田中の客,03-9999-0001,")
    dialog = open_with(qtbot, ui_store, None)
    report = choose(qtbot, dialog, write(tmp_path, "a.csv", csv_bytes(*rows)))
    assert not [w for w in report.warnings if w.code is IssueCode.REASSIGNED]
    with qtbot.waitSignal(dialog.previewed, timeout=LONG) as blocker:
        dialog.assignee.setCurrentIndex(dialog.assignee.findData("tanaka"))
    report = blocker.args[0]
    [moved] = [w for w in report.warnings if w.code is IssueCode.REASSIGNED]
    assert moved.params["count"] == 2 and "sato" in moved.params["previous"]
    shown = [dialog.issues_model.data(dialog.issues_model.index(row, 3)) for row in range(dialog.issues_model.rowCount())]
    assert any("佐藤 美咲 (sato)" in text and "2 numbers" in text for text in shown)  # core messages: English in tests
    assert "警告 1 件" in dialog.summary.text()
    saved = save(qtbot, dialog)
    assert [w.code for w in saved.warnings] == [IssueCode.REASSIGNED]  # the result says it too


def test_rows_with_errors_are_skipped_only_with_the_button(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    dialog = open_with(qtbot, ui_store, None)
    report = choose(qtbot, dialog, write(tmp_path, "bad.csv", csv_bytes(*BAD_ROWS)))
    assert not report.ok and report.skippable
    assert not dialog.save_button.isEnabled()  # all or nothing stays the default
    assert dialog.skip_button.isVisible() and dialog.skip_button.isEnabled()
    assert dialog.skip_button.text() == "エラーの行を除いて保存"
    assert "エラーの行を除いて保存" in dialog.summary.text()

    with qtbot.waitSignal(dialog.imported, timeout=LONG) as blocker:
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    saved = blocker.args[0]
    assert saved.ok and saved.imported == 2 and saved.skipped_rows == [3, 4]
    assert "エラーのため取り込まなかった行 (2 行): 3, 4" in dialog.summary.text()
    assert not dialog.skip_button.isVisible() and dialog.save_button.text() == "閉じる"
    phones = [t.phone for t in ui_store.targets(list_named(ui_store, "空").id)]
    assert phones == ["+81370000001", "+81370000003"]


def test_no_skip_button_for_a_clean_file_or_a_whole_file_error(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    dialog = open_with(qtbot, ui_store, None)
    choose(qtbot, dialog, write(tmp_path, "ok.csv", csv_bytes(BAD_ROWS[0])))
    assert dialog.save_button.isEnabled() and not dialog.skip_button.isVisible()
    report = choose(qtbot, dialog, write(tmp_path, "header.csv", csv_bytes(*BAD_ROWS, header="会社,電話")))
    assert not report.ok and not report.skippable
    assert not dialog.save_button.isEnabled() and not dialog.skip_button.isVisible()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_is_refused_at_once_with_a_message(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    dialog = open_with(qtbot, ui_store, None)
    with qtbot.waitSignal(dialog.failed, timeout=LONG) as blocker:
        dialog.set_file(fifo)
    assert "通常のファイルではありません" in blocker.args[0] and "pipe.csv" in blocker.args[0]
    assert not dialog.save_button.isEnabled() and not dialog.is_busy()


def test_the_admins_window_hands_its_settings_to_the_import_dialog(
    qtbot: QtBot, ui_store: Store, line: Any, settings: Settings
) -> None:
    from tests.ui.conftest import open_window

    settings.set(IMPORT_ASSIGNEE, "sato")
    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    panel = window.management
    assert panel is not None
    window.lists.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.current_list() is not None, timeout=LONG)
    panel.open_import_dialog()
    dialog = panel.import_dialog
    qtbot.waitUntil(dialog.users_loaded, timeout=LONG)  # read off the GUI thread
    assert dialog.settings is settings and dialog.current_assignee() == "sato"
    dialog.reject()
