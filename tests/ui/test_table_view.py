"""TargetTableView with real clicks and keys: dial signals, the checkbox, header state, scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTranslator
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from calllist_desktop.store.views import TargetView
from calllist_desktop.ui.table import (
    CONTACT_COLUMNS,
    KEY_ROLE,
    MANAGEMENT_COLUMNS,
    OPERATOR_COLUMNS,
    RowFilter,
    RowTableModel,
    TargetTableView,
)
from tests.conftest import replace
from tests.ui.test_table_columns import _English, call, sample_targets, target

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[TargetTableView]:
    table = TargetTableView()
    qtbot.addWidget(table)
    model = RowTableModel(OPERATOR_COLUMNS, table)
    model.set_rows(sample_targets())
    table.setModel(model)
    table.resize(1100, 400)
    table.show()
    qtbot.waitExposed(table)
    yield table


def model_of(view: TargetTableView) -> RowTableModel:
    model = view.model()
    assert isinstance(model, RowTableModel)
    return model


def check_indicator_center(view: TargetTableView, row: int, column: int) -> QPoint:
    """Where the style draws the checkbox of a cell."""
    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view).center()


def cell_center(view: TargetTableView, row: int, column: int) -> QPoint:
    return view.visualRect(view.model().index(row, column)).center()


def test_the_view_is_set_up_for_call_lists(view: TargetTableView) -> None:
    assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.isSortingEnabled() and not view.showGrid() and view.alternatingRowColors()
    assert not view.verticalHeader().isVisible()
    assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert model_of(view).sort_column() == -1  # list order until the user sorts
    assert view.horizontalHeader().sectionSize(1) > view.horizontalHeader().sectionSize(
        0
    )  # company > checkbox


def test_header_click_sorts_and_the_third_click_goes_back_to_list_order(
    qtbot: QtBot, view: TargetTableView
) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    point = QPoint(x, header.height() // 2)
    qtbot.mouseClick(header.viewport(), LEFT, pos=point)
    assert model_of(view).sort_column() == 1
    first = model_of(view).sort_order()
    qtbot.mouseClick(header.viewport(), LEFT, pos=point)
    assert model_of(view).sort_order() != first
    qtbot.mouseClick(header.viewport(), LEFT, pos=point)
    assert model_of(view).sort_column() == -1
    assert [row.position for row in model_of(view).rows_in_view_order()] == list(range(10))


def test_clicking_the_excluded_checkbox_requests_the_change(qtbot: QtBot, view: TargetTableView) -> None:
    model = model_of(view)
    with qtbot.waitSignal(model.exclusion_requested) as request:
        qtbot.mouseClick(view.viewport(), LEFT, pos=check_indicator_center(view, 1, 0))
    assert request.args == [model.key_at(1), True]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.waitSignal(model.exclusion_requested) as request:
        qtbot.mouseClick(view.viewport(), LEFT, pos=check_indicator_center(view, 2, 0))
    assert request.args == [model.key_at(2), False]  # target 2 is excluded: the click clears it


def test_clicking_the_management_check_column_checks_the_row(qtbot: QtBot) -> None:
    view = TargetTableView()
    qtbot.addWidget(view)
    model = RowTableModel(MANAGEMENT_COLUMNS)
    model.set_rows(sample_targets())
    view.setModel(model)
    view.resize(1200, 400)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(model.checked_changed) as changed:
        qtbot.mouseClick(view.viewport(), LEFT, pos=check_indicator_center(view, 3, 0))
    assert changed.args == [1]
    assert model.checked_keys() == [model.key_at(3)]


def test_double_click_and_enter_ask_to_dial(qtbot: QtBot, view: TargetTableView) -> None:
    model = model_of(view)
    with qtbot.waitSignal(view.activated_key) as activated:
        qtbot.mouseDClick(view.viewport(), LEFT, pos=cell_center(view, 4, 2))
    assert activated.args == [model.key_at(4)]
    view.setFocus()
    view.setCurrentIndex(model.index(6, 1))
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        with qtbot.waitSignal(view.activated_key) as activated:
            qtbot.keyClick(view, key)
        assert activated.args == [model.key_at(6)]


def test_a_single_click_or_a_double_click_on_a_checkbox_does_not_dial(
    qtbot: QtBot, view: TargetTableView
) -> None:
    spy = QSignalSpy(view.activated_key)
    qtbot.mouseClick(view.viewport(), LEFT, pos=cell_center(view, 4, 2))
    qtbot.mouseDClick(view.viewport(), LEFT, pos=check_indicator_center(view, 4, 0))
    qtbot.mouseDClick(view.viewport(), LEFT, pos=cell_center(view, 4, 0))
    assert spy.count() == 0
    assert view.current_key() == model_of(view).key_at(4)


def test_header_state_round_trip(qtbot: QtBot, view: TargetTableView) -> None:
    view.horizontalHeader().resizeSection(2, 333)
    view.horizontalHeader().moveSection(3, 1)
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    state = view.save_header_state()
    assert isinstance(state, bytes)

    other = TargetTableView()
    qtbot.addWidget(other)
    other.setModel(RowTableModel(OPERATOR_COLUMNS, other))
    assert other.restore_header_state(state)
    assert other.horizontalHeader().sectionSize(2) == 333
    assert other.horizontalHeader().visualIndex(3) == 1
    assert model_of(other).sort_column() == 2 and model_of(other).sort_order() == Qt.SortOrder.DescendingOrder

    contacts = TargetTableView()
    qtbot.addWidget(contacts)
    contacts.setModel(RowTableModel(CONTACT_COLUMNS, contacts))
    width = contacts.horizontalHeader().sectionSize(2)
    assert not contacts.restore_header_state(state)  # another column set: defaults stay
    assert not contacts.restore_header_state(b"rubbish")
    assert contacts.horizontalHeader().sectionSize(2) == width


def _many_targets(count: int) -> list[TargetView]:
    return [
        target(
            i,
            f"会社{i:04d}",
            f"担当 {i}",
            phone=f"+8135{i:07d}",
            excluded=i % 3 == 0,
            last=call() if i % 2 else None,
        )
        for i in range(count)
    ]


def test_the_current_row_stays_where_it_was_on_screen(qtbot: QtBot, view: TargetTableView) -> None:
    model = model_of(view)
    model.set_rows(_many_targets(600))
    view.setCurrentIndex(model.index(400, 1))
    view.scrollTo(model.index(400, 1), QAbstractItemView.ScrollHint.PositionAtCenter)
    key = view.current_key()
    y = view.rowViewportPosition(400)
    assert 0 <= y < view.viewport().height()

    model.set_filter(RowFilter(show_excluded=False))  # the row moves up to 266
    assert model.row_for_key(key) == 266
    assert view.current_key() == key
    assert view.rowViewportPosition(266) == y

    model.sort(1, Qt.SortOrder.DescendingOrder)
    row = model.row_for_key(key)
    assert view.rowViewportPosition(row) == y

    model.set_rows([replace(row, person=row.person + "様") for row in _many_targets(600)[100:]])
    assert view.rowViewportPosition(model.row_for_key(key)) == y


def test_select_key(view: TargetTableView) -> None:
    model = model_of(view)
    assert view.select_key(model.key_at(5))
    assert view.current_key() == model.key_at(5)
    assert [i.row() for i in view.selectionModel().selectedRows()] == [5]
    assert not view.select_key("+81300000000")
    assert view.key_at(model.index(5, 3)) == model.data(model.index(5, 3), KEY_ROLE)


def test_a_language_change_redraws_headers_and_cells(qtbot: QtBot, view: TargetTableView) -> None:
    model = model_of(view)
    status = next(i for i, c in enumerate(model.columns()) if c.key == "last_call_status")
    assert model.headerData(1, Qt.Orientation.Horizontal) == "取引先会社名"
    assert model.data(model.index(3, status)) == "通話中"
    translator: QTranslator = _English()
    QCoreApplication.installTranslator(translator)  # sends LanguageChange to every widget
    try:
        assert model.headerData(1, Qt.Orientation.Horizontal) == "Company"  # headers at once
        qtbot.waitUntil(lambda: model.data(model.index(3, status)) == "In call")  # cells on LanguageChange
        assert model.data(model.index(0, status)) == "Answered"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: model.data(model.index(3, status)) == "通話中")
