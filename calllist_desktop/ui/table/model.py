"""The one table model of the target tables: row value objects, a column set, and its own filter and sort.

Filtering and sorting live here, on an index list, rather than in a ``QSortFilterProxyModel``:
a proxy asks Python's ``data()`` for every comparison (seconds to filter and sort 200,000 rows),
while lists of precomputed facts and sort keys (:class:`~.rows.RowSet`) do it within
``bench/table_filter.py``'s goals.

``_order`` holds the live source indexes (see :mod:`.rows`) in sort order, ``_visible`` those
that pass the filter, in that order: row ``r`` of the view is source ``_visible[r]``;
``_mask[src]`` says whether a source passes the filter.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar, Final, Protocol, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QBrush, QColor

from .columns import EXCLUDED, LAST_CALL_STATUS, Column, Row
from .filters import COLUMN_FACTS, Criterion, FilterChoice, RowFilter, criteria, filter_choices
from .plans import is_blocked
from .rows import RowSet

ROW_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
"""``data()`` role giving the row value object itself."""
KEY_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 2
"""``data()`` role giving the row's key, its E.164 phone number."""

_DISPLAY: Final = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT: Final = int(Qt.ItemDataRole.TextAlignmentRole)
_CHECK: Final = int(Qt.ItemDataRole.CheckStateRole)
_TOOLTIP: Final = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND: Final = int(Qt.ItemDataRole.ForegroundRole)
_ANSWERED: Final = frozenset((_ALIGNMENT, _CHECK, _TOOLTIP, _FOREGROUND, ROW_ROLE, KEY_ROLE))
BLOCKED_BRUSH: Final = QBrush(QColor("#b3261e"))
"""The text colour of a blocked number's row (on the do-not-call list, or refused by the plan)."""
_SORT_HINT: Final = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_NO_HINT: Final = QAbstractItemModel.LayoutChangeHint.NoLayoutChangeHint
_HINTED: Final = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"  # the signal overload

ModelIndex = QModelIndex | QPersistentModelIndex


class _Overloads(Protocol):
    def __getitem__(self, signature: str) -> SignalInstance: ...


def _hinted(signal: SignalInstance) -> SignalInstance:
    """The overload of a layout signal that carries a hint. PySide6 indexes a signal by its
    signature, but its stubs lack ``SignalInstance.__getitem__``: hence the cast."""
    return cast(_Overloads, signal)[_HINTED]


def _is_checked(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return Qt.CheckState(value) == Qt.CheckState.Checked


class RowTableModel(QAbstractTableModel):
    """Rows of :class:`~calllist_desktop.store.views.TargetView` or ``ContactInfo``, keyed by phone.

    One model for every target table; the column set (``columns.OPERATOR_COLUMNS`` ...) makes
    it the operator's, the manager's or the contact table. It filters (:class:`RowFilter`) and
    sorts on its own index list and reports changes precisely: :meth:`set_rows`,
    :meth:`set_filter` and :meth:`sort` are layout changes that keep the selection and the
    current row by key; :meth:`update_rows` and :meth:`remove_keys` emit ``dataChanged`` or
    inserts/removes for the rows concerned, never a reset.

    A change to the 発信対象外 checkbox is not made here: it is requested from the controller,
    which saves it and calls :meth:`update_rows` with the stored row. The management table's
    check column is the model's own state (a set of phones), for bulk actions; only checked
    rows that pass the filter count and are acted on.

    After a load the model works ahead on the event loop, a few milliseconds at a time: the
    cell texts of tables up to DISPLAY_AHEAD_ROWS rows, and every column's sort orders, so that
    neither the first paint of a row nor the first click on a header waits for them (Python
    needs a noticeable time to sort 200,000 names). ``WORK_AHEAD = False`` turns this off.

    Signals:
        exclusion_requested(key: str, excluded: bool): the user clicked the 発信対象外 checkbox
            of the target with phone ``key``.
        checked_changed(count: int): the number of checked rows that pass the filter changed.
        counts_changed(visible: int, total: int): rows shown or rows held changed.
    """

    exclusion_requested = Signal(str, bool)
    checked_changed = Signal(int)
    counts_changed = Signal(int, int)

    WORK_AHEAD: ClassVar[bool] = True
    DISPLAY_AHEAD_ROWS: ClassVar[int] = 20_000

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        if not columns:
            raise ValueError("a table needs at least one column")
        self._columns = tuple(columns)
        self._alignments = tuple(int(column.alignment.value) for column in self._columns)
        base_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        self._flags = tuple(
            base_flags | Qt.ItemFlag.ItemIsUserCheckable
            if column.selection or (column.checked is not None and column.key == EXCLUDED)
            else base_flags
            for column in self._columns
        )
        self._selection_columns = [i for i, column in enumerate(self._columns) if column.selection]
        # This client's own call: its row's status cell says the call card's word (see set_call_state).
        self._status_column = next((i for i, c in enumerate(self._columns) if c.key == LAST_CALL_STATUS), -1)
        self._call_key: str | None = None
        self._call_text = ""
        self._call_src = -1
        self._filter = RowFilter()
        self._criteria: list[Criterion] = []
        self._mask: list[bool] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._order_stale = False  # rows changed in place since the last sort
        self._checked: set[str] = set()
        self._reported_counts = (0, 0)
        self._reported_checked = 0
        self._ahead: Iterator[None] | None = None
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setInterval(0)
        self._ahead_timer.timeout.connect(self._work_ahead_step)
        self._load([])

    # ---- Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if row < 0:
            return None
        if role == _DISPLAY:
            src = self._visible[row]
            if src == self._call_src and index.column() == self._status_column:
                return self._call_text
            cells = self._rows.display.get(src) or self._rows.display_cells(src)
            return cells[index.column()]
        if role not in _ANSWERED:
            return None
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        item = self._rows.rows[self._visible[row]]
        if role == _CHECK:
            column = self._columns[index.column()]
            if column.selection:
                checked = item.phone in self._checked
            elif column.checked is not None:
                checked = column.checked(item)
            else:
                return None
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == _FOREGROUND:
            return BLOCKED_BRUSH if is_blocked(item) else None
        if role == _TOOLTIP:
            tooltip = self._columns[index.column()].tooltip
            return tooltip(item) if tooltip is not None else None
        if role == ROW_ROLE:
            return item
        return item.phone  # KEY_ROLE

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role in (_DISPLAY, _TOOLTIP):
                return self._columns[section].header_text()
            return None
        return super().headerData(section, orientation, role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._flags[index.column()]

    def setData(self, index: ModelIndex, value: Any, role: int = int(Qt.ItemDataRole.EditRole)) -> bool:
        if role != _CHECK or not index.isValid():
            return False
        column = self._columns[index.column()]
        key = self.key_at(index.row())
        checked = _is_checked(value)
        if column.selection:
            if checked:
                self._checked.add(key)
            else:
                self._checked.discard(key)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
            self._report()
            return True
        if column.key == EXCLUDED and column.checked is not None:
            self.exclusion_requested.emit(key, checked)  # the controller saves, then update_rows()
            return True
        return False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: list position). Stable; empty cells last; keeps the selection."""
        if not 0 <= column < len(self._columns):
            column = -1
            order = Qt.SortOrder.AscendingOrder
        unchanged = (column, order) == (self._sort_column, self._sort_order)
        if unchanged and not self._order_stale and column not in self._selection_columns:
            return
        with self._layout_change(_SORT_HINT):
            self._sort_column, self._sort_order = column, order
            self._order = self._rows.sorted_order(column, self._descending())
            if self._criteria:  # (filtering a permutation is slow: each source is a memory miss)
                self._visible = list(filter(self._mask.__getitem__, self._order))
            else:
                self._visible = list(self._order)
            self._order_stale = False

    # ---- loading and changing rows ---------------------------------------------------------------

    def set_rows(self, rows: Iterable[Row], *, work_ahead: bool = True) -> None:
        """Hold ``rows`` (a full load or refresh), keeping filter, sort, selection and current row.

        Rows are keyed by phone; a repeated phone after the first is ignored. ``work_ahead=False``
        is for rows that a full load replaces in a moment (the first paint's): nothing is
        prepared for them, and what is needed is computed when asked.
        """
        rows = list(rows)
        with self._layout_change(_NO_HINT):
            self._load(rows)
        self._checked.intersection_update(self._rows.src_of_key)
        if work_ahead:
            self._restart_work_ahead(force=True)
        else:
            self._ahead = None
            self._ahead_timer.stop()
        self._report()

    def update_rows(self, rows: Iterable[Row]) -> None:
        """Replace (or add) a few rows by key, with precise signals.

        A row that stays visible gets ``dataChanged`` and keeps its place until the next sort;
        one the filter now hides is removed; one it now shows is inserted at its sorted place.
        """
        for row in rows:
            src = self._rows.src_of_key.get(row.phone)
            if src is None:
                src = self._rows.add(row)
                if row.phone == self._call_key:  # (the row of the call going on came back)
                    self._call_src = src
                self._mask.append(False)
                self._order.insert(self._place_in(self._order, src), src)
                was_visible = False
            else:
                was_visible = self._mask[src]
                self._rows.replace(src, row)
            self._order_stale = True
            now_visible = self._rows.passes(src, self._criteria)
            if was_visible and now_visible:
                view_row = self._visible.index(src)
                self.dataChanged.emit(self.index(view_row, 0), self.index(view_row, len(self._columns) - 1))
            elif was_visible:
                self._hide(src)
            elif now_visible:
                self._order.remove(src)
                self._order.insert(self._place_in(self._order, src), src)
                self._show(src)
        self._restart_work_ahead()
        self._report()

    def reread_keys(self, keys: Iterable[str], rows: Sequence[Row]) -> None:
        """Apply a new read of the rows of ``keys``: those it returned are updated (or added),
        those it did not are gone (deleted, or no longer this view's) and are removed."""
        found = {row.phone for row in rows}
        self.update_rows(rows)
        self.remove_keys([key for key in keys if key not in found])

    def remove_keys(self, keys: Iterable[str]) -> None:
        """Drop the rows with these phones (removing the visible ones from the view)."""
        for key in [keys] if isinstance(keys, str) else keys:
            src = self._rows.src_of_key.get(key)
            if src is None:
                continue
            if self._mask[src]:
                self._hide(src)
            self._rows.remove(key)
            self._order.remove(src)
            self._checked.discard(key)
        self._restart_work_ahead()
        self._report()

    def set_filter(self, row_filter: RowFilter) -> None:
        """Show only the rows ``row_filter`` lets through (a layout change keeping the selection)."""
        if row_filter == self._filter:
            return
        with self._layout_change(_NO_HINT):
            self._filter = row_filter
            self._apply_filter()
        self._report()

    def retranslate(self) -> None:
        """Redraw headers and cells in the language now installed (after a LanguageChange)."""
        self._rows.forget_display()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._visible:
            last = self.index(len(self._visible) - 1, len(self._columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self._restart_work_ahead(force=True)

    def set_call_state(self, key: str | None, text: str = "") -> None:
        """Show ``text`` in the status cell of the row ``key`` while this client's call with it
        goes on (the store only knows that a call is in progress; the call card knows whether
        it rings, talks or is held, and both must say the same); ``None`` ends it."""
        changed = {src for src in (self._call_src, self._rows.src_of_key.get(key or "", -1)) if src >= 0}
        self._call_key, self._call_text = key, text
        self._call_src = self._rows.src_of_key.get(key, -1) if key is not None else -1
        if self._status_column < 0:
            return
        for src in changed:
            if self._mask[src]:
                view_row = self._visible.index(src)
                cell = self.index(view_row, self._status_column)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    # ---- the management table's check column ---------------------------------------------------

    def checked_keys(self) -> list[str]:
        """The checked rows that pass the filter, in view order: what a bulk action acts on."""
        checked, rows = self._checked, self._rows.rows
        return [rows[src].phone for src in self._visible if rows[src].phone in checked]

    def checked_count(self) -> int:
        mask, where = self._mask, self._rows.src_of_key
        return sum(1 for key in self._checked if mask[where[key]])

    def set_all_checked(self, checked: bool) -> None:
        """Check (or uncheck) every row that passes the filter; hidden rows keep their state."""
        keys = [self._rows.rows[src].phone for src in self._visible]
        if checked:
            self._checked.update(keys)
        else:
            self._checked.difference_update(keys)
        self._selection_changed()

    def clear_checked(self) -> None:
        """Uncheck every row, hidden ones included."""
        self._checked.clear()
        self._selection_changed()

    # ---- questions ---------------------------------------------------------------------------

    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def row_filter(self) -> RowFilter:
        return self._filter

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def visible_count(self) -> int:
        return len(self._visible)

    def total_count(self) -> int:
        return len(self._rows)

    def key_at(self, row: int) -> str:
        return self._rows.rows[self._visible[row]].phone

    def row_at(self, row: int) -> Row:
        return self._rows.rows[self._visible[row]]

    def row_of_key(self, key: str) -> Row | None:
        """The row held with phone ``key``, shown or hidden by the filter; ``None`` if none."""
        src = self._rows.src_of_key.get(key)
        return None if src is None else self._rows.rows[src]

    def row_for_key(self, key: str) -> int:
        """The view row of the row with phone ``key``, or -1 when it is hidden or unknown."""
        src = self._rows.src_of_key.get(key)
        if src is None or not self._mask[src]:
            return -1
        return self._visible.index(src)

    def rows_in_view_order(self) -> list[Row]:
        """The visible rows as the user sees them (auto-call dials in this order)."""
        rows = self._rows.rows
        return [rows[src] for src in self._visible]

    def distinct_values(self, column_key: str) -> list[FilterChoice]:
        """The values a filter on ``column_key`` can choose, with labels and row counts."""
        fact = COLUMN_FACTS.get(column_key)
        if fact is None:
            raise KeyError(f"no filter choices for column {column_key!r}")
        return filter_choices(fact, self._rows.fact(fact), self._rows.rows, self._rows.base_order)

    def working_ahead(self) -> bool:
        """True while the model prepares cell texts and sort orders (see the class docstring)."""
        return self._ahead is not None

    # ---- internals -------------------------------------------------------------------------

    def _load(self, rows: list[Row]) -> None:
        self._rows = RowSet(self._columns, rows, self._checked)
        self._call_src = self._rows.src_of_key.get(self._call_key, -1) if self._call_key is not None else -1
        self._order = self._rows.sorted_order(self._sort_column, self._descending())
        self._order_stale = False
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._criteria = criteria(self._filter)
        self._visible, self._mask = self._rows.passing(self._criteria, self._order)

    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _place_in(self, order: list[int], src: int) -> int:
        """Where ``src`` goes in ``order`` (the current sort) by bisection."""
        rows, column, descending = self._rows, self._sort_column, self._descending()
        return bisect.bisect_right(
            order,
            rows.sort_tuple(src, column, descending),
            key=lambda other: rows.sort_tuple(other, column, descending),
        )

    def _show(self, src: int) -> None:
        view_row = self._place_in(self._visible, src)
        self.beginInsertRows(QModelIndex(), view_row, view_row)
        self._visible.insert(view_row, src)
        self._mask[src] = True
        self.endInsertRows()

    def _hide(self, src: int) -> None:
        view_row = self._visible.index(src)
        self.beginRemoveRows(QModelIndex(), view_row, view_row)
        del self._visible[view_row]
        self._mask[src] = False
        self.endRemoveRows()

    def _selection_changed(self) -> None:
        if self._visible:
            last = len(self._visible) - 1
            for column in self._selection_columns:
                self.dataChanged.emit(
                    self.index(0, column), self.index(last, column), [Qt.ItemDataRole.CheckStateRole]
                )
        self._report()

    def _report(self) -> None:
        counts = (len(self._visible), len(self._rows))
        if counts != self._reported_counts:
            self._reported_counts = counts
            self.counts_changed.emit(*counts)
        checked = self.checked_count()
        if checked != self._reported_checked:
            self._reported_checked = checked
            self.checked_changed.emit(checked)

    def _restart_work_ahead(self, force: bool = False) -> None:
        """(Re)start working ahead: after a load, or when rows changed under the work."""
        if not self.WORK_AHEAD or (not force and self._ahead is None):
            return
        if QCoreApplication.instance() is None:  # no event loop to work on (a script, a test)
            return
        self._ahead = self._rows.work_ahead(self._visible, self.DISPLAY_AHEAD_ROWS)
        self._ahead_timer.start()

    def _work_ahead_step(self) -> None:
        try:
            if self._ahead is not None:
                next(self._ahead)
                return
        except StopIteration:
            pass
        self._ahead = None
        self._ahead_timer.stop()

    @contextmanager
    def _layout_change(self, hint: QAbstractItemModel.LayoutChangeHint) -> Iterator[None]:
        """Around a change of which rows show where: persistent indexes follow their row's key."""
        _hinted(self.layoutAboutToBeChanged).emit([], hint)
        old = self.persistentIndexList()
        kept = [(self.key_at(index.row()), index.column()) for index in old]
        try:
            yield
        finally:
            self.changePersistentIndexList(old, self._indexes_for(kept))
            _hinted(self.layoutChanged).emit([], hint)

    def _indexes_for(self, kept: list[tuple[str, int]]) -> list[QModelIndex]:
        """The new index of each (key, column); an invalid one for rows gone or hidden."""
        where = self._rows.src_of_key
        shown = {src for key, _ in kept if (src := where.get(key)) is not None and self._mask[src]}
        if len(shown) > 16:
            rows = {src: view_row for view_row, src in enumerate(self._visible)}
        else:
            rows = {src: self._visible.index(src) for src in shown}
        indexes = []
        for key, column in kept:
            view_row = rows.get(where.get(key, -1))
            indexes.append(QModelIndex() if view_row is None else self.index(view_row, column))
        return indexes
