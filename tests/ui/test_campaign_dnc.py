"""発信禁止番号… in the real window (issue 14, SPEC §9): a manager adds numbers with a reason,
removes them, imports CSV files (UTF-8, CP932 with an error named by its row) and exports the
list; the operator's window shows a blocked number as blocked, refuses to dial it by hand or
by redial with a message that says why, and auto-call passes over it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from calllist_desktop.core.autocall import SkipReason
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.dnc_csv import parse_dnc_csv
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.dnc_dialog import DncDialog
from calllist_desktop.ui.main_window import MainWindow
from tests.ui.campaign_steps import (
    MOBILE,
    NAGOYA,
    OSAKA,
    TOKYO,
    cell,
    japanese_messages,  # noqa: F401 - a fixture
    manager_window,
    own_settings,
    when_modal,
)
from tests.ui.conftest import open_window, settle
from tests.ui.test_autocall_real_timers import type_in
from tests.ui.test_autocall_ui import calls, run_clock, start_run

LIVE = 5000
pytestmark = pytest.mark.usefixtures("japanese_messages")


@pytest.fixture
def windows(qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path) -> tuple[MainWindow, MainWindow]:
    """The manager's window and the operator's (sato), on one store, each following the other."""
    operator = open_window(qtbot, ui_store, line, own_settings(tmp_path, "sato"))
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    return manager, operator


def open_dnc_dialog(qtbot: QtBot, window: MainWindow) -> DncDialog:
    window.commands["dnc"].trigger()
    dialog = window.campaign.dnc_dialog
    assert isinstance(dialog, DncDialog) and dialog.isVisible()
    settle(qtbot, window)  # the list read
    return dialog


def add(qtbot: QtBot, dialog: DncDialog, number: str, reason: str) -> None:
    """Type a number and a reason (as an input method commits Japanese text) and click 追加."""
    for field, text in ((dialog.phone, number), (dialog.reason, reason)):
        field.clear()
        field.setFocus()
        type_in(field, text)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.work.pending == 0, timeout=LIVE)  # the write and the re-read


def listed(dialog: DncDialog) -> list[tuple[str, str, str]]:
    """The dialog's rows: number, reason, who added it."""
    tree = dialog.tree
    return [
        (item.text(0), item.text(1), item.text(2))
        for item in (tree.topLevelItem(index) for index in range(tree.topLevelItemCount()))
        if item is not None
    ]


def click_button(box: QWidget, which: QMessageBox.StandardButton) -> None:
    assert isinstance(box, QMessageBox), box
    button = box.button(which)
    assert button is not None
    button.click()


def choose_file(path: Path) -> Callable[[QWidget], None]:
    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QFileDialog), widget
        widget.selectFile(str(path))
        widget.accept()

    return answer


def refused_box(window: MainWindow) -> QMessageBox:
    box = window.findChild(QMessageBox, "dialRefused")
    assert box is not None and box.isVisible()
    return box


def dial_row(qtbot: QtBot, window: MainWindow, phone: str) -> None:
    """Select the row of ``phone`` in the operator's table and press Enter (dials it), and wait
    for the dial guard's check and the call's row: then the call is on, or a box says why not."""
    table = window.lists.table
    table.select_key(phone)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    settle(qtbot, window)


def test_a_number_added_with_a_reason_is_blocked_everywhere_until_removed(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], ui_store: Store, clock: ManualScheduler
) -> None:
    manager, operator = windows
    dialog = open_dnc_dialog(qtbot, manager)
    assert listed(dialog) == [] and "0 件" in dialog.summary.text()

    add(qtbot, dialog, "これは番号ではない", "x")
    assert "電話番号として読めません" in dialog.error.text() and ui_store.dnc_entries() == []
    assert dialog.phone.text() == "これは番号ではない"  # what was typed stays

    add(qtbot, dialog, "06-1234-5678", "本人の申し出")
    assert [(e.phone, e.reason, e.added_by_login) for e in ui_store.dnc_entries()] == [
        (OSAKA, "本人の申し出", "kanri")
    ]
    assert listed(dialog) == [("06-1234-5678", "本人の申し出", "管理 花子")]
    assert dialog.error.text() == "" and dialog.phone.text() == ""
    assert dialog.selected_phones() == [OSAKA]  # the row just added

    # The same number again: said, and its reason stays.
    add(qtbot, dialog, "06 1234 5678", "別の理由")
    assert "既に発信禁止番号です" in dialog.error.text() and dialog.error.isVisible()
    assert [(e.phone, e.reason) for e in ui_store.dnc_entries()] == [(OSAKA, "本人の申し出")]
    assert dialog.selected_phones() == [OSAKA]

    # The operator's list says so without a restart, and so does the manager's.
    qtbot.waitUntil(lambda: cell(operator.lists.model, OSAKA, "next_callable") == "発信禁止", timeout=LIVE)
    management = manager.management
    assert management is not None
    qtbot.waitUntil(lambda: cell(management.model, OSAKA, "next_callable") == "発信禁止", timeout=LIVE)

    # Dialled from the row by hand: refused, with the reason, and no call is written.
    dial_row(qtbot, operator, OSAKA)
    said = refused_box(operator).text()
    assert "発信禁止番号" in said and "本人の申し出" in said
    assert operator.session.current is None and ui_store.history(OSAKA) == []
    refused_box(operator).reject()

    # A number called a moment ago, then blocked: redial is refused too.
    dial_row(qtbot, operator, MOBILE)
    qtbot.waitUntil(lambda: operator.session.current is not None, timeout=LIVE)  # (its row is written first)
    assert operator.session.current is not None and operator.session.current.phone == MOBILE
    operator.commands["hang_up"].trigger()
    qtbot.waitUntil(lambda: operator.session.current is None)
    recent = operator.phone.recent
    assert recent is not None
    qtbot.waitUntil(lambda: bool(recent.records) and recent.records[0].phone == MOBILE, timeout=LIVE)
    add(qtbot, dialog, "090-1234-5678", "クレーム")
    before = len(ui_store.history(MOBILE))
    operator.commands["redial"].trigger()
    settle(qtbot, operator)  # (the dial guard asks the store first)
    said = refused_box(operator).text()
    assert "発信禁止番号" in said and "クレーム" in said
    assert operator.session.current is None and len(ui_store.history(MOBILE)) == before
    refused_box(operator).reject()

    # Auto-call passes over both blocked numbers.
    qtbot.waitUntil(lambda: cell(operator.lists.model, MOBILE, "next_callable") == "発信禁止", timeout=LIVE)
    made = len(calls(ui_store))
    start_run(qtbot, operator)
    run_clock(qtbot, clock, lambda: not operator.autocall.running)
    dialled = [row.phone for row in calls(ui_store)[made:]]
    assert sorted(dialled) == sorted([TOKYO, NAGOYA])
    assert operator.autocall.engine is not None
    assert operator.autocall.engine.progress().skipped == {SkipReason.BLOCKED: 2}

    # Removed (asked first): the operator may call it again.
    for index in range(dialog.tree.topLevelItemCount()):
        item = dialog.tree.topLevelItem(index)
        assert item is not None
        item.setSelected(item.text(0) == "06-1234-5678")
    answered = when_modal(qtbot, lambda box: click_button(box, QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    settle(qtbot, manager)
    assert answered and "06-1234-5678" in answered[0] and "発信禁止から外しますか" in answered[0]
    assert [e.phone for e in ui_store.dnc_entries()] == [MOBILE]
    assert listed(dialog) == [("090-1234-5678", "クレーム", "管理 花子")]
    qtbot.waitUntil(lambda: cell(operator.lists.model, OSAKA, "next_callable") != "発信禁止", timeout=LIVE)
    dial_row(qtbot, operator, OSAKA)
    qtbot.waitUntil(lambda: operator.session.current is not None, timeout=LIVE)  # (its row is written first)
    assert operator.session.current is not None and operator.session.current.phone == OSAKA
    operator.session.hang_up()


def test_removing_asks_first_and_no_keeps_the_number(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], ui_store: Store
) -> None:
    manager, _operator = windows
    ui_store.add_dnc([OSAKA], reason="古い", by="kanri")
    dialog = open_dnc_dialog(qtbot, manager)
    item = dialog.tree.topLevelItem(0)
    assert item is not None
    item.setSelected(True)
    answered = when_modal(qtbot, lambda box: click_button(box, QMessageBox.StandardButton.No))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert answered
    assert [e.phone for e in ui_store.dnc_entries()] == [OSAKA] and len(listed(dialog)) == 1


def test_csv_import_in_utf8_and_cp932_and_export(
    qtbot: QtBot, windows: tuple[MainWindow, MainWindow], ui_store: Store, tmp_path: Path
) -> None:
    manager, operator = windows
    ui_store.add_dnc([TOKYO], reason="既存", by="kanri")
    dialog = open_dnc_dialog(qtbot, manager)

    good = tmp_path / "dnc-utf8.csv"
    good.write_bytes("電話番号,理由\n06-1234-5678,本人の申し出\n03-1234-5678,重複\n052-123-4567,\n".encode())
    when_modal(qtbot, choose_file(good))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(ui_store.dnc_entries()) == 3, timeout=LIVE)
    settle(qtbot, manager)
    reasons = {e.phone: e.reason for e in ui_store.dnc_entries()}
    assert reasons == {TOKYO: "既存", OSAKA: "本人の申し出", NAGOYA: ""}  # one already there keeps its reason
    assert "2 件を取り込みました" in dialog.summary.text() and "登録済み 1 件" in dialog.summary.text()
    assert not dialog.issues.isVisible()
    qtbot.waitUntil(lambda: cell(operator.lists.model, NAGOYA, "next_callable") == "発信禁止", timeout=LIVE)

    # CP932, chosen, with a bad number on spreadsheet row 3: nothing is added, the row is named.
    bad = tmp_path / "dnc-cp932.csv"
    bad.write_bytes("電話番号,理由\n090-1234-5678,髙橋様の依頼\n０３－ＡＢＣ,間違い\n".encode("cp932"))
    dialog.import_encoding.setCurrentIndex(dialog.import_encoding.findData("cp932"))
    when_modal(qtbot, choose_file(bad))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.issues.isVisible(), timeout=LIVE)
    issue = dialog.issues.topLevelItem(0)
    assert dialog.issues.topLevelItemCount() == 1 and issue is not None
    assert issue.text(0) == "3" and "電話番号が正しくありません" in issue.text(1)
    assert "何も変更していません" in dialog.error.text()
    assert len(ui_store.dnc_entries()) == 3 and MOBILE not in {e.phone for e in ui_store.dnc_entries()}

    # The same file fixed imports, its CP932 reason read right.
    bad.write_bytes("電話番号,理由\n090-1234-5678,髙橋様の依頼\n".encode("cp932"))
    when_modal(qtbot, choose_file(bad))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(ui_store.dnc_entries()) == 4, timeout=LIVE)
    settle(qtbot, manager)
    assert {e.phone: e.reason for e in ui_store.dnc_entries()}[MOBILE] == "髙橋様の依頼"
    assert not dialog.issues.isVisible() and dialog.error.text() == ""

    # Export (CP932 chosen) and read it back: the same numbers and reasons.
    out = tmp_path / "export.csv"
    dialog.export_encoding.setCurrentIndex(dialog.export_encoding.findData("cp932"))
    when_modal(qtbot, choose_file(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=LIVE)
    text = out.read_bytes().decode("cp932")
    assert text.splitlines()[0] == "電話番号,理由,登録日時,登録者"
    again = parse_dnc_csv(out.read_bytes(), "cp932")
    assert again.errors == [] and dict(again.rows) == {e.phone: e.reason for e in ui_store.dnc_entries()}
