"""The management dialogs (users, import, export) use the store only off the GUI thread (issue 17
item 2), checked with a store that fails on the GUI thread (``tests/ui/gui_thread_guard.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from calllist_desktop.core.dnc_csv import parse_dnc_csv
from calllist_desktop.store.store import Store
from calllist_desktop.ui.campaign.dnc_dialog import DncDialog
from calllist_desktop.ui.manage import import_dialog
from calllist_desktop.ui.manage.export_dialog import ExportDialog
from calllist_desktop.ui.manage.import_dialog import ImportDialog
from calllist_desktop.ui.manage.users_dialog import UsersDialog
from calllist_desktop.ui.store_work import StoreWork
from tests.conftest import csv_bytes
from tests.ui.conftest import own_store_work
from tests.ui.gui_thread_guard import GuiThreadGuard

LONG = 20_000


@pytest.fixture
def guard(ui_store: Store) -> GuiThreadGuard:
    guarded = GuiThreadGuard(ui_store)
    guarded.armed = True
    return guarded


def test_the_users_dialog_reads_and_writes_off_the_gui_thread(
    qtbot: QtBot, guard: GuiThreadGuard, ui_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = UsersDialog(own_store_work(qtbot, guard), "kanri")  # type: ignore[arg-type]
    qtbot.addWidget(dialog, before_close_func=lambda d: d._load_form(d.selected_user()))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.selected_user() is not None, timeout=LONG)

    dialog.add_login.setText("yamada")
    with qtbot.waitSignal(dialog.added, timeout=LONG):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.select_user("tanaka")
    dialog.edit_autocall.setChecked(True)
    # Leaving the edited user asks; 保存 writes, then the dialog moves on to the user chosen.
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Save)
    assert dialog.select_user("sato")
    qtbot.waitUntil(lambda: dialog.selected_user().login == "sato", timeout=LONG)
    with qtbot.waitSignal(dialog.active_changed, timeout=LONG):
        qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.loaded, timeout=LONG):
        dialog.reload()

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"users", "add_user", "update_user", "set_user_active"} <= set(guard.off_gui_thread)
    assert ui_store.user("yamada").role == "operator"
    assert ui_store.user("tanaka").autocall_enabled and not ui_store.user("sato").active


def test_the_import_dialog_reads_checks_saves_and_reports_off_the_gui_thread(
    qtbot: QtBot, guard: GuiThreadGuard, ui_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = ui_store.list_by_name("空")
    dialog = ImportDialog(guard, empty.id, empty.name, work=own_store_work(qtbot, guard))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.users_loaded, timeout=LONG)
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes("新規商事,新規 一,03-7000-0001,", ",,03-7000-0002,"))
    with qtbot.waitSignal(dialog.previewed, timeout=LONG):
        dialog.set_file(path)
    monkeypatch.setattr(import_dialog, "save_file_name", lambda *_args: str(tmp_path / "report.csv"))
    with qtbot.waitSignal(dialog.report_saved, timeout=LONG):
        dialog.save_report()
    with qtbot.waitSignal(dialog.imported, timeout=LONG):
        dialog.save(skip_bad_rows=True)

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"users", "files"} <= set(guard.off_gui_thread)
    assert [target.phone for target in ui_store.targets(empty.id)] == ["+81370000001"]


def test_the_export_dialog_reads_and_writes_off_the_gui_thread(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    info = ui_store.list_by_name("展示会")
    guard = GuiThreadGuard(ui_store)
    dialog = ExportDialog(own_store_work(qtbot, guard), info)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    guard.armed = True
    written: list[Any] = []
    dialog.exported.connect(lambda *args: written.append(args))
    with qtbot.waitSignal(dialog.exported, timeout=LONG):
        dialog.export_to(tmp_path / "out.csv", "utf-8-sig")

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"export_csv", "files"} <= set(guard.off_gui_thread)
    assert written == [(str(tmp_path / "out.csv"), "utf-8-sig")]
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_dnc_dialog_reads_adds_removes_imports_and_exports_off_the_gui_thread(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, store_work: Callable[[Store], StoreWork]
) -> None:
    guard = GuiThreadGuard(ui_store)
    guard.armed = True
    work = store_work(guard)  # type: ignore[arg-type]
    dialog = DncDialog(work, "kanri")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: work.pending == 0, timeout=LONG)

    def settled() -> None:
        qtbot.waitUntil(lambda: work.pending == 0, timeout=LONG)

    dialog.phone.setText("06-1234-5678")
    dialog.reason.setText("本人の申し出")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    settled()
    assert dialog.selected_phones() == ["+81612345678"] and dialog.error.text() == ""
    dialog.phone.setText("06 1234 5678")  # again: said, its reason kept
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    settled()
    assert "既に発信禁止番号です" in dialog.error.text()

    good = tmp_path / "dnc.csv"
    good.write_bytes("電話番号,理由\n03-1234-5678,依頼\n".encode("cp932"))
    dialog.import_encoding.setCurrentIndex(dialog.import_encoding.findData("cp932"))
    dialog.import_file(good)
    settled()
    assert "1 件を取り込みました" in dialog.summary.text()
    bad = tmp_path / "bad.csv"
    bad.write_bytes("電話番号,理由\n090-1234-5678,x\nABC,y\n".encode("cp932"))
    dialog.import_file(bad)
    settled()
    issue = dialog.issues.topLevelItem(0)
    assert issue is not None and issue.text(0) == "3" and "何も変更していません" in dialog.error.text()
    dialog.import_file(tmp_path / "missing.csv")
    settled()
    assert "ファイルを読めません" in dialog.error.text()

    dialog.remove(["+81612345678"])
    settled()
    out = tmp_path / "out.csv"
    dialog.export_encoding.setCurrentIndex(dialog.export_encoding.findData("cp932"))
    dialog.export_file(out)
    settled()

    guard.armed = False
    assert guard.on_gui_thread == []
    assert {"dnc_entries", "add_dnc", "remove_dnc", "import_dnc_csv", "export_dnc_csv"} <= set(
        guard.off_gui_thread
    )
    assert [(e.phone, e.reason) for e in ui_store.dnc_entries()] == [("+81312345678", "依頼")]
    assert dict(parse_dnc_csv(out.read_bytes(), "cp932").rows) == {"+81312345678": "依頼"}  # CP932 as chosen
