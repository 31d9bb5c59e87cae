"""最近の通話 in the phone's width: who was called is readable, not cut to a letter.

The wide window gives the phone 290 pixels at first: time, result and number took them all and
the 相手 column showed a sliver (a letter of 山田 圭 in Japanese, none in English). The list must
name the caller (or show the number of one the contacts do not know) whole, in both languages
and in the compact window too, without the window growing.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.call_records import RecentCalls
from calllist_desktop.ui.main_window import PHONE_WIDTH, MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import open_window, settle

SAKURA = "+81312345678"  # 株式会社さくら商事, 長田 翔 (a target of sato's)
STRANGER = "+81612340486"  # no contact
CALLS = ((SAKURA, Outcome.NO_ANSWER), (STRANGER, Outcome.BUSY))



@pytest.fixture
def called(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings, language: str) -> MainWindow:
    """sato's wide window, with two calls in 最近の通話: one to a contact, one to a stranger."""
    for phone, outcome in CALLS:
        ui_store.finish_call(ui_store.start_call(phone, Direction.OUTBOUND, user="sato"), outcome)
    window = open_window(qtbot, ui_store, line, settings)
    recent = window.phone.recent
    assert recent is not None
    qtbot.waitUntil(lambda: len(recent.records) == len(CALLS))
    return window


def shown(recent: RecentCalls, item: QTreeWidgetItem) -> list[str]:
    """The texts of a row's visible columns, each asserted to fit its column (not elided)."""
    tree = recent.tree
    metrics = tree.fontMetrics()
    texts = []
    for column in range(tree.columnCount()):
        if tree.isColumnHidden(column):
            continue
        text = item.text(column)
        width = tree.columnWidth(column)
        assert metrics.horizontalAdvance(text) <= width - 6, (text, width)
        texts.append(text)
    assert sum(tree.columnWidth(c) for c in range(tree.columnCount()) if not tree.isColumnHidden(c)) <= (
        tree.viewport().width()
    )
    return texts


def rows(recent: RecentCalls) -> dict[str, list[str]]:
    count = recent.tree.topLevelItemCount()
    items = {recent.records[i].phone: recent.tree.topLevelItem(i) for i in range(count)}
    return {phone: shown(recent, item) for phone, item in items.items() if item is not None}


def assert_readable(qtbot: QtBot, window: MainWindow) -> None:
    recent = window.phone.recent
    assert recent is not None
    qtbot.waitUntil(lambda: recent.tree.isVisible())
    qtbot.wait(10)  # (the column widths follow the list's width)
    shown_rows = rows(recent)
    assert "長田 翔" in shown_rows[SAKURA]  # the contact by name, whole
    assert "06-1234-0486" in shown_rows[STRANGER]  # the stranger by number, whole
    for index, record in enumerate(recent.records):  # the number and the names are in the tooltip
        item = recent.tree.topLevelItem(index)
        assert item is not None
        tip = item.toolTip(3)
        if record.phone == STRANGER:
            assert "06-1234-0486" in tip
        else:
            assert "03-1234-5678" in tip and "長田 翔" in tip


def test_the_wide_windows_phone_names_the_caller_whole(qtbot: QtBot, called: MainWindow) -> None:
    assert called.phone.width() <= PHONE_WIDTH + 1  # (the window is not widened for it)
    assert_readable(qtbot, called)


def test_a_wider_phone_shows_the_number_column_again(qtbot: QtBot, called: MainWindow) -> None:
    called.resize(1400, 860)
    settle(qtbot, called)
    called.splitter.setSizes([480, called.width() - 480])  # the operator drags the phone wider
    settle(qtbot, called)
    recent = called.phone.recent
    assert recent is not None
    qtbot.waitUntil(lambda: not recent.tree.isColumnHidden(2))
    assert_readable(qtbot, called)
    assert "03-1234-5678" in rows(recent)[SAKURA]


def test_the_compact_windows_list_is_readable_too(qtbot: QtBot, called: MainWindow) -> None:
    called.commands["compact"].trigger()
    settle(qtbot, called)
    called.resize(360, 1000)  # (tall enough for the list under the dial pad)
    assert_readable(qtbot, called)
