"""RowTableModel: Qt's model rules, filters, sort, precise updates, check columns (STYLE patterns 2, 7)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.views import TargetView
from calllist_desktop.ui.table import (
    CONTACT_COLUMNS,
    KEY_ROLE,
    MANAGEMENT_COLUMNS,
    OPERATOR_COLUMNS,
    ROW_ROLE,
    RowFilter,
    RowTableModel,
)
from calllist_desktop.ui.table.columns import Column
from tests.conftest import replace
from tests.ui.test_table_columns import call, sample_contacts, sample_targets, target

ASC = Qt.SortOrder.AscendingOrder
DESC = Qt.SortOrder.DescendingOrder
CHECK = Qt.ItemDataRole.CheckStateRole


def operator_model(rows: list[TargetView] | None = None) -> RowTableModel:
    model = RowTableModel(OPERATOR_COLUMNS)
    model.set_rows(sample_targets() if rows is None else rows)
    return model


def management_model() -> RowTableModel:
    model = RowTableModel(MANAGEMENT_COLUMNS)
    model.set_rows(sample_targets())
    return model


def shown(model: RowTableModel) -> list[int]:
    """The positions of the visible targets, in view order."""
    return [model.data(model.index(row, 0), ROW_ROLE).position for row in range(model.rowCount())]


def column_of(model: RowTableModel, key: str) -> int:
    return next(i for i, column in enumerate(model.columns()) if column.key == key)


def by_position(position: int) -> TargetView:
    return next(row for row in sample_targets() if row.position == position)


class Spies:
    """Counts of the model's structural signals."""

    def __init__(self, model: RowTableModel) -> None:
        self.data = QSignalSpy(model.dataChanged)
        self.inserted = QSignalSpy(model.rowsInserted)
        self.removed = QSignalSpy(model.rowsRemoved)
        self.reset = QSignalSpy(model.modelReset)
        self.layout = QSignalSpy(model.layoutChanged)

    def rows(self, spy: QSignalSpy) -> list[tuple[int, int]]:
        return [(spy.at(i)[1], spy.at(i)[2]) for i in range(spy.count())]


@pytest.fixture
def tokyo_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is Japan's, so that dates and times in cells are known."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# ---- Qt's model rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "rows"),
    [
        (OPERATOR_COLUMNS, sample_targets()),
        (MANAGEMENT_COLUMNS, sample_targets()),
        (CONTACT_COLUMNS, sample_contacts()),
    ],
    ids=["operator", "management", "contacts"],
)
def test_the_model_keeps_qts_rules_through_every_change(
    qtmodeltester: Any, columns: tuple[Column, ...], rows: list[Any]
) -> None:
    model = RowTableModel(columns)
    qtmodeltester.check(model)  # watches every signal from here on
    model.set_rows(rows)
    model.set_filter(RowFilter(text="山田"))
    model.sort(1, DESC)
    model.set_filter(RowFilter(show_excluded=False))
    model.sort(2, ASC)
    first = model.data(model.index(0, 0), ROW_ROLE)
    model.update_rows([replace(first, company="変更後の会社")])
    model.update_rows([replace(rows[-1], phone="+81612340000")])  # a new key
    model.remove_keys([model.key_at(1)])
    model.sort(-1, ASC)
    model.set_filter(RowFilter())
    model.set_rows(list(reversed(rows)))
    model.set_rows([])
    model.set_rows(rows)
    assert model.total_count() == len(rows)


def test_roles(tokyo_time: None) -> None:
    model = operator_model()
    company, categories, status, when = (
        column_of(model, key) for key in ("company", "categories", "last_call_status", "last_call_at")
    )
    index = model.index(0, company)
    assert model.data(index) == "株式会社山田商事"
    assert model.data(index, KEY_ROLE) == "+81351230000"
    assert model.data(index, ROW_ROLE) == by_position(0)
    assert model.data(model.index(0, categories), Qt.ItemDataRole.ToolTipRole) == "製品A\n展示会"
    assert model.data(model.index(6, categories), Qt.ItemDataRole.ToolTipRole) is None
    this_year = date.today().year == 2026  # 最終通話日時 says the year only for another year's call
    assert model.data(model.index(0, when)) == ("11/20 09:30" if this_year else "2026/11/20")
    assert model.data(model.index(0, when), Qt.ItemDataRole.ToolTipRole) == "2026-11-20 09:30"
    assert model.data(model.index(3, status)) == "通話中"
    assert model.data(model.index(0, 0), CHECK) == Qt.CheckState.Unchecked
    assert model.data(model.index(2, 0), CHECK) == Qt.CheckState.Checked
    assert model.data(model.index(2, 0)) is None  # the checkbox column has no text
    assert model.data(index, CHECK) is None
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.data(QModelIndex()) is None
    assert model.headerData(company, Qt.Orientation.Horizontal) == "取引先会社名"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable


# ---- filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("山田", [0, 7]),
        ("abc", [3]),  # ＡＢＣシステム: full-width folded, case-insensitive
        ("ＡＢＣ", [3]),
        ("090-1234", [2]),
        ("０９０１２３４５６７８", [2]),
        ("(045)234", [8]),
        ("+81 6 6123", [4]),
        ("展示会", [0, 5, 7]),
        ("山田 展示会", [0, 7]),
        ("山本 展示会", [7]),
        ("見つからない", []),
        ("  ", list(range(10))),
    ],
)
def test_text_search(text: str, positions: list[int]) -> None:
    model = operator_model()
    model.set_filter(RowFilter(text=text))
    assert shown(model) == positions


def test_show_excluded_off_hides_excluded_targets_and_on_shows_them() -> None:
    model = operator_model()
    model.set_filter(RowFilter(show_excluded=False))
    assert shown(model) == [0, 1, 3, 4, 6, 7, 8, 9]
    assert model.visible_count() == 8 and model.total_count() == 10
    model.set_filter(RowFilter(show_excluded=True))
    assert shown(model) == list(range(10))


@pytest.mark.parametrize(
    ("row_filter", "positions"),
    [
        (RowFilter(categories={"製品A"}), [0, 3, 8]),
        (RowFilter(categories={"製品A", "新規"}), [0, 3, 4, 8]),
        (RowFilter(statuses={"none"}), [2, 6]),
        (RowFilter(statuses={"in_progress"}), [3]),
        (RowFilter(statuses={Outcome.ANSWERED, Outcome.BUSY}), [0, 1, 7]),
        (RowFilter(text="山田", categories={"製品B"}), [7]),
        (RowFilter(categories={"展示会"}, show_excluded=False), [0, 7]),
        (RowFilter(categories={"展示会"}, statuses={"answered"}, text="山本"), [7]),
        (RowFilter(categories={"製品A"}, statuses={"none"}), []),
        (RowFilter(assignees={None}), [6]),
        (RowFilter(assignees={"sato", None}), [0, 1, 2, 3, 5, 6, 7, 8, 9]),
        (RowFilter(last_call_types={"inbound"}), [5]),
        (RowFilter(last_call_types={"none"}), [2, 6]),
        (RowFilter(last_agents={"tanaka"}), [4, 7]),
        (RowFilter(last_agents={None}), [2, 5, 6]),
        (RowFilter(excluded=True), [2, 5]),
        (RowFilter(excluded=False), [0, 1, 3, 4, 6, 7, 8, 9]),
        (RowFilter(assignees={"sato"}, excluded=False, last_call_types={"outbound"}), [0, 1, 3, 7, 8, 9]),
    ],
)
def test_filters_combine(row_filter: RowFilter, positions: list[int]) -> None:
    model = management_model()
    model.set_filter(row_filter)
    assert shown(model) == positions


def test_rows_show_in_list_order_and_a_repeated_phone_once() -> None:
    rows = sample_targets()
    repeated = target(99, "重複商事", phone=rows[2].phone)
    model = operator_model([rows[3], rows[0], repeated, rows[2], rows[1]])
    assert shown(model) == [0, 1, 3, 99]  # by list position, not in the order they came
    assert model.total_count() == 4
    assert model.data(model.index(3, 0), ROW_ROLE).company == "重複商事"  # the first of the phone wins


def test_a_filter_keeps_its_sets_as_frozensets_and_knows_when_it_is_empty() -> None:
    row_filter = RowFilter("山田", categories=["製品A", "製品A"], assignees={"sato", None})
    assert row_filter.text == "山田"
    assert row_filter.categories == frozenset({"製品A"})
    assert isinstance(row_filter.categories, frozenset) and isinstance(row_filter.assignees, frozenset)
    assert row_filter == RowFilter(text="山田", categories=frozenset({"製品A"}), assignees=frozenset({"sato", None}))
    assert hash(row_filter) == hash(RowFilter(text="山田", categories={"製品A"}, assignees=["sato", None]))
    assert RowFilter(categories=set()).is_empty and RowFilter().is_empty
    assert not RowFilter(show_excluded=False).is_empty


def test_date_range_is_inclusive_on_the_local_date(tokyo_time: None) -> None:
    model = management_model()
    model.set_filter(RowFilter(date_from=date(2026, 11, 21), date_to=date(2026, 11, 21)))
    assert shown(model) == [1, 7]
    model.set_filter(RowFilter(date_from=date(2026, 11, 21)))
    assert shown(model) == [1, 3, 7, 9]
    model.set_filter(RowFilter(date_to=date(2026, 11, 20)))
    assert shown(model) == [0, 4, 5, 8]


def test_filter_and_sort_changes_are_layout_changes_not_resets() -> None:
    model = operator_model()
    spies = Spies(model)
    counts = QSignalSpy(model.counts_changed)
    model.set_filter(RowFilter(show_excluded=False))
    model.sort(1, ASC)
    model.set_filter(RowFilter(show_excluded=False))  # the same: nothing happens
    assert spies.layout.count() == 2
    assert spies.reset.count() == 0
    assert counts.count() == 1 and counts.at(0) == [8, 10]


# ---- sort ------------------------------------------------------------------------------------


def _expected(model: RowTableModel, column: Column, descending: bool) -> list[int]:
    rows = sample_targets()
    key = column.sort_key
    assert key is not None
    present = [row for row in rows if key(row) is not None]
    present.sort(key=key, reverse=descending)
    return [row.position for row in present] + [row.position for row in rows if key(row) is None]


@pytest.mark.parametrize("columns", [OPERATOR_COLUMNS, MANAGEMENT_COLUMNS], ids=["operator", "management"])
def test_sort_by_each_column_and_back_to_list_order(columns: tuple[Column, ...]) -> None:
    model = RowTableModel(columns)
    model.set_rows(sample_targets())
    for number, column in enumerate(columns):
        if column.selection:
            continue
        for order in (ASC, DESC):
            model.sort(number, order)
            assert shown(model) == _expected(model, column, order == DESC), (column.key, order)
    model.sort(-1, ASC)
    assert shown(model) == list(range(10))


def test_sort_puts_empty_cells_last_and_keeps_ties_in_list_order() -> None:
    model = operator_model()
    model.sort(column_of(model, "company"), ASC)
    assert shown(model)[-1] == 2  # no company
    company = [model.row_at(row).company for row in range(model.rowCount())]
    assert company.index("株式会社山田商事") + 1 == company.index(
        "株式会社山田商事", company.index("株式会社山田商事") + 1
    )
    assert [p for p in shown(model) if p in (0, 7)] == [0, 7]
    model.sort(column_of(model, "company"), DESC)
    assert shown(model)[-1] == 2
    assert [p for p in shown(model) if p in (0, 7)] == [0, 7]
    model.sort(column_of(model, "last_call_at"), DESC)
    assert shown(model)[0] == 9 and shown(model)[-2:] == [2, 6]
    model.sort(column_of(model, "last_call_status"), ASC)
    assert shown(model)[0] == 3  # the call going on first
    assert shown(model)[-2:] == [2, 6]  # never called last


def test_rows_in_view_order_follows_sort_and_filter() -> None:
    model = operator_model()
    model.set_filter(RowFilter(show_excluded=False, statuses={"answered", "no_answer", "none"}))
    model.sort(column_of(model, "last_call_at"), ASC)
    assert [row.position for row in model.rows_in_view_order()] == [4, 0, 7, 9, 6]
    assert [model.key_at(row) for row in range(model.rowCount())] == [
        row.phone for row in model.rows_in_view_order()
    ]
    assert model.row_for_key(by_position(7).phone) == 2
    assert model.row_for_key(by_position(2).phone) == -1  # excluded: hidden
    assert model.row_for_key("+81300000000") == -1


# ---- precise updates -------------------------------------------------------------------------


def test_update_of_a_visible_row_is_one_data_change() -> None:
    model = operator_model()
    model.set_filter(RowFilter(show_excluded=False))
    spies = Spies(model)
    model.update_rows([replace(by_position(1), last_call=call(Outcome.ANSWERED))])
    assert spies.data.count() == 1
    top_left, bottom_right = spies.data.at(0)[0], spies.data.at(0)[1]
    assert (top_left.row(), top_left.column(), bottom_right.row(), bottom_right.column()) == (1, 0, 1, len(OPERATOR_COLUMNS) - 1)
    assert model.data(model.index(1, column_of(model, "last_call_status"))) == "応答"
    assert (spies.inserted.count(), spies.removed.count(), spies.reset.count(), spies.layout.count()) == (
        0,
        0,
        0,
        0,
    )


def test_update_that_hides_or_shows_a_row_removes_or_inserts_it(qtbot: QtBot) -> None:
    model = operator_model()
    model.set_filter(RowFilter(show_excluded=False))
    model.sort(column_of(model, "company"), ASC)
    before = shown(model)
    spies = Spies(model)
    moved = by_position(4)  # 大阪物産
    row = before.index(4)
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        model.update_rows([replace(moved, excluded=True)])
    assert removed.args[1:] == [row, row]
    assert shown(model) == [p for p in before if p != 4]
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        model.update_rows([replace(moved, excluded=False)])
    assert inserted.args[1:] == [row, row]  # back at its sorted place
    assert shown(model) == before
    hidden = by_position(2)
    model.update_rows([replace(hidden, person="高橋 一郎（更新）")])  # stays hidden: no signal
    assert (spies.inserted.count(), spies.removed.count(), spies.data.count()) == (1, 1, 0)
    assert spies.reset.count() == 0 and spies.layout.count() == 0


def test_a_row_shown_again_goes_to_its_sorted_place_after_its_sort_key_changed() -> None:
    model = operator_model()
    model.set_filter(RowFilter(show_excluded=False))
    model.sort(column_of(model, "company"), DESC)
    spies = Spies(model)
    model.update_rows([replace(by_position(2), excluded=False, company="株式会社山田商事")])
    assert spies.rows(spies.inserted) == [(shown(model).index(2), shown(model).index(2))]
    assert shown(model)[:3] == [0, 2, 7]  # among its equals, in list order
    assert spies.reset.count() == 0


def test_new_and_removed_keys() -> None:
    model = operator_model()
    model.set_filter(RowFilter(show_excluded=False))
    spies = Spies(model)
    counts = QSignalSpy(model.counts_changed)
    model.update_rows([target(4, "新しい会社", "新 人", phone="+81312340000")])
    assert spies.rows(spies.inserted) == [(4, 4)]  # position 4 comes before the old position 4
    assert model.total_count() == 11
    model.remove_keys([by_position(0).phone, by_position(2).phone, "+81000000000"])
    assert spies.rows(spies.removed) == [(0, 0)]  # position 2 was hidden: nothing to remove
    assert model.total_count() == 9
    assert counts.at(counts.count() - 1) == [8, 9]
    model.set_filter(RowFilter())
    assert 2 not in shown(model)
    assert spies.reset.count() == 0


# ---- selection kept by key -----------------------------------------------------------------


def test_selection_and_current_row_survive_filter_sort_and_refresh(qtbot: QtBot) -> None:
    model = operator_model()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    selection = view.selectionModel()
    chosen = by_position(7).phone
    index = model.index(model.row_for_key(chosen), 1)
    selection.setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )

    def selected() -> list[str]:
        return [i.data(KEY_ROLE) for i in selection.selectedRows()]

    model.set_filter(RowFilter(text="山田"))  # row 7 moves from row 7 to row 1
    assert model.row_for_key(chosen) == 1
    assert selected() == [chosen] and view.currentIndex().data(KEY_ROLE) == chosen
    assert view.currentIndex().column() == 1

    model.sort(column_of(model, "person"), DESC)
    assert selected() == [chosen] and view.currentIndex().data(KEY_ROLE) == chosen

    rows = sample_targets()
    refreshed = [replace(row, person=row.person + "様") for row in rows if row.position != 0]
    model.set_rows(refreshed)  # a refresh from the store; position 0 went away
    assert selected() == [chosen] and view.currentIndex().data(KEY_ROLE) == chosen
    assert view.currentIndex().siblingAtColumn(column_of(model, "person")).data() == "山本 陽菜様"

    model.set_filter(RowFilter(text="東京"))  # hides the chosen row: the selection goes
    assert selected() == [] and not view.currentIndex().isValid()


# ---- check columns -------------------------------------------------------------------------


def test_excluded_checkbox_asks_and_changes_nothing_by_itself(qtbot: QtBot) -> None:
    model = operator_model()
    index = model.index(0, 0)
    spies = Spies(model)
    with qtbot.waitSignal(model.exclusion_requested) as request:
        assert model.setData(index, Qt.CheckState.Checked, CHECK)
    assert request.args == [by_position(0).phone, True]
    assert model.data(index, CHECK) == Qt.CheckState.Unchecked
    assert model.row_at(0) == by_position(0)
    assert spies.data.count() == 0
    # The controller saves it and hands back the stored row.
    model.update_rows([replace(by_position(0), excluded=True)])
    assert model.data(index, CHECK) == Qt.CheckState.Checked and spies.data.count() == 1
    with qtbot.waitSignal(model.exclusion_requested) as request:
        model.setData(model.index(2, 0), Qt.CheckState.Unchecked.value, CHECK)  # as an int, like a delegate
    assert request.args == [by_position(2).phone, False]
    assert not model.setData(model.index(0, 1), "x", Qt.ItemDataRole.EditRole)


def test_management_check_column(qtbot: QtBot) -> None:
    model = management_model()
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, column_of(model, "targeted"))) & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(model.checked_changed) as changed:
        model.setData(model.index(1, 0), Qt.CheckState.Checked, CHECK)
    assert changed.args == [1]
    assert model.data(model.index(1, 0), CHECK) == Qt.CheckState.Checked
    assert model.checked_keys() == [by_position(1).phone]
    assert model.row_at(1) == by_position(1)  # the data is untouched

    model.set_filter(RowFilter(categories={"展示会"}))
    with qtbot.waitSignal(model.checked_changed) as changed:
        model.set_all_checked(True)
    assert changed.args == [3]
    assert model.checked_keys() == [by_position(p).phone for p in (0, 5, 7)]  # position 1 is hidden

    with qtbot.waitSignal(model.checked_changed) as changed:
        model.set_filter(RowFilter())
    assert changed.args == [4]
    assert model.checked_keys() == [by_position(p).phone for p in (0, 1, 5, 7)]

    model.set_filter(RowFilter(excluded=False))
    model.set_all_checked(False)  # unchecks 0, 1, 7; 5 is hidden and stays checked
    assert model.checked_count() == 0
    model.set_filter(RowFilter())
    assert model.checked_keys() == [by_position(5).phone]

    model.sort(0, ASC)  # checked rows first
    assert shown(model)[0] == 5
    model.set_rows([row for row in sample_targets() if row.position != 5])
    assert model.checked_keys() == [] and model.checked_count() == 0
    model.set_all_checked(True)
    with qtbot.waitSignal(model.checked_changed) as changed:
        model.clear_checked()
    assert changed.args == [0]


def test_distinct_values_for_filter_choices() -> None:
    model = management_model()
    categories = model.distinct_values("categories")
    assert {(c.value, c.row_count) for c in categories} == {
        ("製品A", 3),
        ("製品B", 2),
        ("展示会", 3),
        ("新規", 1),
        ("要フォロー", 1),
    }
    statuses = model.distinct_values("last_call_status")
    assert [c.value for c in statuses] == [
        "in_progress",
        "answered",
        "no_answer",
        "busy",
        "rejected",
        "missed",
        "none",
    ]
    assert [c.label for c in statuses][:2] == ["通話中", "応答"] and statuses[-1].label == "未発信"
    assert statuses[1].row_count == 2
    assignees = model.distinct_values("assignee")
    assert [(c.value, c.label, c.row_count) for c in assignees] == [
        ("sato", "佐藤 美咲", 8),
        ("tanaka", "田中 翔", 1),
        (None, "未割当", 1),
    ]
    agents = model.distinct_values("last_agent")
    assert [(c.value, c.row_count) for c in agents][-1] == (None, 3)
    assert [c.label for c in model.distinct_values("last_call_type")] == ["発信", "着信", "未発信"]
    assert [(c.value, c.label) for c in model.distinct_values("targeted")] == [
        (False, "対象"),
        (True, "対象外"),
    ]
    with pytest.raises(KeyError):
        model.distinct_values("company")


def test_the_call_going_on_shows_its_state_in_the_status_cell_across_reloads(qapp: Any) -> None:
    rows = sample_targets()
    model = operator_model(rows)
    status = column_of(model, "last_call_status")
    key = model.key_at(1)
    before = model.index(1, status).data()
    spy = QSignalSpy(model.dataChanged)
    model.set_call_state(key, "呼出中")
    assert model.index(1, status).data() == "呼出中" and spy.count() == 1
    assert model.index(0, status).data() != "呼出中"
    model.set_rows(list(rows))  # a reload keeps it
    assert model.index(model.row_for_key(key), status).data() == "呼出中"
    model.remove_keys([key])  # the row leaves and comes back (a live update)
    model.update_rows([next(row for row in rows if row.phone == key)])
    assert model.index(model.row_for_key(key), status).data() == "呼出中"
    model.set_call_state(None)
    assert model.index(model.row_for_key(key), status).data() == before
