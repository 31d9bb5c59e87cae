"""結果の種類… in the real window (issue 14, SPEC §9): a manager adds dispositions, puts them in
order and marks the ones that end a target or block its number; an operator's wrap-up of a
hand-dialled call offers them in that order, and one that ends the target or blocks the number
has that effect on the operator's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.dispositions_dialog import BLOCKS, ENDS, NAME, DispositionsDialog
from calllist_desktop.ui.campaign.wrap_up_dialog import WrapUpDialog
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import WRAP_UP_HAND_DIALLED
from tests.ui.campaign_steps import (
    NAGOYA,
    TOKYO,
    cell,
    closed,
    japanese_messages,  # noqa: F401 - a fixture
    manager_window,
    own_settings,
)
from tests.ui.conftest import open_window, settle
from tests.ui.test_autocall_real_timers import type_in
from tests.ui.test_campaign_dnc import dial_row

LIVE = 5000
pytestmark = pytest.mark.usefixtures("japanese_messages")


def open_dispositions(qtbot: QtBot, window: MainWindow) -> DispositionsDialog:
    window.commands["dispositions"].trigger()
    settle(qtbot, window)  # the vocabulary is read, then the dialog opens
    dialog = window.campaign.dispositions_dialog
    assert isinstance(dialog, DispositionsDialog) and dialog.isVisible()
    return dialog


def add_row(qtbot: QtBot, dialog: DispositionsDialog, name: str) -> QTreeWidgetItem:
    """追加, then type the name into the editor that opens on the new row and press Enter."""
    qtbot.mouseClick(dialog.buttons["add"], Qt.MouseButton.LeftButton)
    editors = [each for each in dialog.tree.viewport().findChildren(QLineEdit) if each.isVisible()]
    assert len(editors) == 1 and editors[0].text() == "新しい結果"  # the name is being edited
    editor = editors[0]
    editor.selectAll()
    type_in(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # (the delegate commits on the event loop)
    qtbot.waitUntil(lambda: (item := dialog.tree.currentItem()) is not None and item.text(NAME) == name)
    item = dialog.tree.currentItem()
    assert item is not None
    return item


def names(dialog: DispositionsDialog) -> list[str]:
    return [item.name for item in dialog.dispositions()]


def test_a_manager_keeps_the_vocabulary_and_a_wrap_up_uses_it(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, tmp_path: Path
) -> None:
    settings = own_settings(tmp_path, "sato")
    settings.set(WRAP_UP_HAND_DIALLED, True)
    operator = open_window(qtbot, ui_store, line, settings)
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    dialog = open_dispositions(qtbot, manager)
    before = [info.name for info in ui_store.dispositions()]
    assert names(dialog) == before

    add_row(qtbot, dialog, "見積送付")
    done = add_row(qtbot, dialog, "対象外業種")
    done.setCheckState(ENDS, Qt.CheckState.Checked)
    stop = add_row(qtbot, dialog, "発信停止依頼")
    stop.setCheckState(BLOCKS, Qt.CheckState.Checked)
    # 対象外業種 goes up one place, above 見積送付.
    dialog.tree.setCurrentItem(done)
    qtbot.mouseClick(dialog.buttons["up"], Qt.MouseButton.LeftButton)
    assert names(dialog) == [*before, "対象外業種", "見積送付", "発信停止依頼"]

    # Two with one name: said, and nothing is written.
    twin = add_row(qtbot, dialog, "対象外業種")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "同じ名前" in dialog.error.text()
    assert [info.name for info in ui_store.dispositions()] == before
    dialog.tree.setCurrentItem(twin)
    qtbot.mouseClick(dialog.buttons["remove"], Qt.MouseButton.LeftButton)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=LIVE)
    stored = ui_store.dispositions()
    assert [info.name for info in stored] == [*before, "対象外業種", "見積送付", "発信停止依頼"]
    flags = {info.name: (info.ends_target, info.blocks_number) for info in stored}
    assert (
        flags["対象外業種"] == (True, False)
        and flags["見積送付"] == (False, False)
        and flags["発信停止依頼"] == (False, True)
    )

    # Opened again, the dialog shows what is stored.
    dialog = open_dispositions(qtbot, manager)
    assert [(i.name, i.ends_target, i.blocks_number) for i in dialog.dispositions()] == [
        (i.name, i.ends_target, i.blocks_number) for i in stored
    ]
    dialog.reject()

    # The operator's client has the new vocabulary without a restart (live updates).
    qtbot.waitUntil(lambda: operator.campaign.dispositions == [info.name for info in stored], timeout=LIVE)

    # A hand-dialled call wrapped up with 対象外業種: the target is done.
    wrap_up = call_and_wrap_up(qtbot, operator, clock, TOKYO)
    offered = [wrap_up.disposition.itemText(i) for i in range(wrap_up.disposition.count())]
    assert offered == ["", *[info.name for info in stored]]
    wrap_up.disposition.setCurrentIndex(offered.index("対象外業種"))
    type_in(wrap_up.note, "担当者不在のため終了")
    qtbot.mouseClick(wrap_up.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(operator.lists.model, TOKYO, "next_callable") == "完了", timeout=LIVE)
    last = ui_store.history(TOKYO)[0]
    assert (last.disposition, last.note) == ("対象外業種", "担当者不在のため終了")
    assert ui_store.dnc_entries() == []

    # …and one wrapped up with 発信停止依頼: the number is blocked for everyone.
    wrap_up = call_and_wrap_up(qtbot, operator, clock, NAGOYA)
    wrap_up.disposition.setCurrentIndex(offered.index("発信停止依頼"))
    qtbot.mouseClick(wrap_up.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(operator.lists.model, NAGOYA, "next_callable") == "発信禁止", timeout=LIVE)
    assert [(e.phone, e.reason) for e in ui_store.dnc_entries()] == [(NAGOYA, "発信停止依頼")]
    management = manager.management
    assert management is not None
    qtbot.waitUntil(lambda: cell(management.model, NAGOYA, "next_callable") == "発信禁止", timeout=LIVE)


def call_and_wrap_up(qtbot: QtBot, window: MainWindow, clock: ManualScheduler, phone: str) -> WrapUpDialog:
    """Dial ``phone`` from its row, let it ring a moment, hang up: the wrap-up opens."""
    dial_row(qtbot, window, phone)
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=LIVE)  # (its row is written first)
    assert window.session.current is not None and window.session.current.phone == phone
    clock.advance(2.0)
    earlier = window.campaign.wrap_up_dialog  # (the wrap-up opens once the call's end is written)
    qtbot.mouseClick(window.phone.hangup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.current is None)
    qtbot.waitUntil(
        lambda: (
            window.campaign.wrap_up_dialog is not earlier
            and isinstance(window.campaign.wrap_up_dialog, WrapUpDialog)
        ),
        timeout=LIVE,
    )
    dialog = window.campaign.wrap_up_dialog
    assert isinstance(dialog, WrapUpDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=LIVE)
    assert "株式会社さくら商事" in dialog.target.text() or phone != TOKYO
    return dialog


def rename(qtbot: QtBot, dialog: DispositionsDialog, item: QTreeWidgetItem, name: str) -> None:
    """Choose a row, press F2 (edit) and type another name over its name."""
    tree = dialog.tree
    tree.setCurrentItem(item, NAME)
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editors = [each for each in tree.viewport().findChildren(QLineEdit) if each.isVisible()]
    assert len(editors) == 1 and editors[0].text() == item.text(NAME)
    editors[0].selectAll()
    type_in(editors[0], name)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: item.text(NAME) == name)


def test_names_swapped_and_a_word_removed_are_saved_together_or_not_at_all(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path
) -> None:
    """One save is one write: two names swapped, one word removed and the order changed land
    together; when another manager removed a word meanwhile, nothing of it is written."""
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    before = ui_store.dispositions()
    assert len(before) >= 3
    first, second, third = before[0], before[1], before[2]
    dialog = open_dispositions(qtbot, manager)
    items = [dialog.tree.topLevelItem(index) for index in range(dialog.tree.topLevelItemCount())]
    assert all(item is not None for item in items)
    rename(qtbot, dialog, items[0], second.name)  # type: ignore[arg-type]
    rename(qtbot, dialog, items[1], first.name)  # type: ignore[arg-type]
    dialog.tree.setCurrentItem(items[2])
    qtbot.mouseClick(dialog.buttons["remove"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=LIVE)
    after = ui_store.dispositions()
    assert [(info.id, info.name) for info in after[:2]] == [(first.id, second.name), (second.id, first.name)]
    assert third.id not in {info.id for info in after}
    assert [info.name for info in after[2:]] == [info.name for info in before[3:]]

    # Another manager removes a word while this dialog is open: the save says so, writes nothing.
    dialog = open_dispositions(qtbot, manager)
    stored = ui_store.dispositions()
    items = [dialog.tree.topLevelItem(index) for index in range(dialog.tree.topLevelItemCount())]
    rename(qtbot, dialog, items[0], "名前を変えた")  # type: ignore[arg-type]
    ui_store.remove_disposition(stored[-1].id, by="kanri")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, manager)  # the save is refused by the store, off the GUI thread
    assert dialog.isVisible() and dialog.error.text()
    assert [info.name for info in ui_store.dispositions()] == [info.name for info in stored[:-1]]
