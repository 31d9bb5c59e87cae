"""The callbacks (再架電予約) as a table model: soonest first, overdue ones standing out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from calllist_desktop.core.phone import format_national

if TYPE_CHECKING:
    from calllist_desktop.store.campaign_views import CallbackInfo as Callback

CALLBACK_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
"""``data()`` role giving the row's :class:`Callback`."""

WHEN, STATE, WHO_CALLED, PHONE, LIST, ASSIGNEE, NOTE, BOOKED_BY = range(8)

OVERDUE_COLOUR: Final = QColor("#b3261e")
DUE_COLOUR: Final = QColor("#7a5200")

ModelIndex = QModelIndex | QPersistentModelIndex


class CallbacksModel(QAbstractTableModel):
    """:class:`Callback` rows, soonest first. A callback whose time has passed is *overdue*:
    its state says so, in red and bold; one due now (within the minute) is *due*.

    ``now`` gives the present (tests pass a fixed clock); :meth:`tick` re-evaluates the states
    with precise ``dataChanged`` for the rows whose state changed.
    """

    def __init__(self, parent: QObject | None = None, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._now = now or (lambda: datetime.now().astimezone())
        self._rows: list[Callback] = []
        self._states: list[str] = []

    # --- texts -----------------------------------------------------------------------------

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("予定日時"),
            self.tr("状態"),
            self.tr("発信先"),
            self.tr("電話番号"),
            self.tr("リスト"),
            self.tr("担当"),
            self.tr("メモ"),
            self.tr("予約した人"),
        )

    def state_label(self, state: str) -> str:
        return {"overdue": self.tr("期限切れ"), "due": self.tr("時間です"), "later": self.tr("予定")}[state]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, BOOKED_BY)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, BOOKED_BY))

    # --- rows --------------------------------------------------------------------------------

    def set_callbacks(self, callbacks: Sequence[Callback]) -> None:
        """Hold ``callbacks`` (soonest first): rows that stay are updated in place, others
        removed or inserted, so the selection survives a live update."""
        wanted = sorted(callbacks, key=lambda item: (item.due_at, item.id))
        ids = [item.id for item in wanted]
        for row in reversed(range(len(self._rows))):
            if self._rows[row].id not in ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                del self._states[row]
                self.endRemoveRows()
        if [item.id for item in self._rows] != [item.id for item in wanted if item.id in {r.id for r in self._rows}]:
            self.beginResetModel()  # the order changed (a time moved): rare, and a handful of rows
            self._rows, self._states = [], []
            self.endResetModel()
        held = {item.id: row for row, item in enumerate(self._rows)}
        for position, item in enumerate(wanted):
            found = held.get(item.id)
            if found is None:
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, item)
                self._states.insert(position, self._state(item))
                self.endInsertRows()
                held = {kept.id: index for index, kept in enumerate(self._rows)}
            elif self._rows[found] != item:
                self._rows[found] = item
                self._states[found] = self._state(item)
                self.dataChanged.emit(self.index(found, 0), self.index(found, BOOKED_BY))

    def callbacks(self) -> list[Callback]:
        return list(self._rows)

    def callback_at(self, row: int) -> Callback | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def overdue_count(self) -> int:
        return sum(state == "overdue" for state in self._states)

    def tick(self) -> None:
        """Time passed: rows whose state changed (later → due → overdue) are drawn again."""
        for row, item in enumerate(self._rows):
            state = self._state(item)
            if state != self._states[row]:
                self._states[row] = state
                self.dataChanged.emit(self.index(row, 0), self.index(row, BOOKED_BY))

    def _state(self, item: Callback) -> str:
        left = (item.due_at - self._now()).total_seconds()
        if left < -60:
            return "overdue"
        return "due" if left <= 60 else "later"

    # --- Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else BOOKED_BY + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section <= BOOKED_BY:
            return self.headers()[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, state = self._rows[index.row()], self._states[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, state, column)
        if role == CALLBACK_ROLE:
            return item
        if role == Qt.ItemDataRole.ForegroundRole and state != "later" and column in (WHEN, STATE):
            return QBrush(OVERDUE_COLOUR if state == "overdue" else DUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and state != "later" and column in (WHEN, STATE, WHO_CALLED):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE and item.note:
            return item.note
        return None

    def _text(self, item: Callback, state: str, column: int) -> str:
        if column == WHEN:
            return item.due_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if column == STATE:
            return self.state_label(state)
        if column == WHO_CALLED:
            return " ".join(part for part in (item.company, item.person) if part)
        if column == PHONE:
            return format_national(item.phone)
        if column == LIST:
            return item.list_name or ""
        if column == ASSIGNEE:
            return (item.for_name or item.for_login or "") if item.for_login else self.tr("誰でも")
        if column == NOTE:
            return item.note or ""
        return item.created_by_name or item.created_by_login or ""
