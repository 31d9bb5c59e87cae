"""リストの進捗: per list, how far the calling has got (SPEC §10), with a small bar.

One row per list (``Store.list_progress``): targets, never called, in progress (attempts left),
done (ended by an outcome or a disposition), excluded, blocked (do-not-call), callbacks due,
and a bar (:class:`ProgressBarDelegate`) of done / in progress / never called over the targets
that can be called. Small tables (one row a list): sorting through ``QSortFilterProxyModel``
would do, but the model sorts itself like every table of the program.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from calllist_desktop.ui.analytics.charts import OUTCOME_COLOURS
from calllist_desktop.ui.table.columns import QT_TRANSLATE_NOOP

ModelIndex = QModelIndex | QPersistentModelIndex
CONTEXT: Final = "ListProgress"
SORT_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 2
SHARES_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 3
"""``data()`` role of the bar column: (done, in progress, never called, callable targets)."""

FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("name", QT_TRANSLATE_NOOP("ListProgress", "発信先リスト")),
    ("bar", QT_TRANSLATE_NOOP("ListProgress", "進捗")),
    ("targets", QT_TRANSLATE_NOOP("ListProgress", "発信先")),
    ("never_called", QT_TRANSLATE_NOOP("ListProgress", "未発信")),
    ("in_progress", QT_TRANSLATE_NOOP("ListProgress", "継続中")),
    ("done", QT_TRANSLATE_NOOP("ListProgress", "完了")),
    ("excluded", QT_TRANSLATE_NOOP("ListProgress", "発信対象外")),
    ("blocked", QT_TRANSLATE_NOOP("ListProgress", "発信禁止")),
    ("callbacks_due", QT_TRANSLATE_NOOP("ListProgress", "再架電 (期限)")),
)
TIPS: Final[dict[str, str]] = {
    "never_called": QT_TRANSLATE_NOOP("ListProgress", "まだ一度も発信していない発信先"),
    "in_progress": QT_TRANSLATE_NOOP("ListProgress", "発信済みで、まだ発信できる回数が残っている発信先"),
    "done": QT_TRANSLATE_NOOP("ListProgress", "通話結果または結果 (後処理) で完了した発信先"),
    "blocked": QT_TRANSLATE_NOOP("ListProgress", "発信禁止番号に登録されている発信先"),
    "callbacks_due": QT_TRANSLATE_NOOP("ListProgress", "予約の時刻を過ぎた再架電"),
}
BAR_COLUMN: Final = 1
LAST_COLUMN: Final = len(FIELDS) - 1
DONE_COLOUR: Final = OUTCOME_COLOURS["answered"]
IN_PROGRESS_COLOUR: Final = OUTCOME_COLOURS["no_answer"]
NEVER_COLOUR: Final = "#dfe4e9"


def tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def callable_targets(row: Any) -> int:
    """The targets that count for progress: not excluded, not blocked."""
    return max(0, int(row.targets) - int(row.excluded) - int(row.blocked))


def done_share(row: Any) -> float:
    total = callable_targets(row)
    return min(1.0, row.done / total) if total else 0.0


class ListProgressModel(QAbstractTableModel):
    """One row per list; sorted on the model's own order (layout changes keep the selection)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._order: list[int] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_progress(self, rows: Sequence[Any]) -> None:
        """Show these lists: rows of lists still there change in place, others come and go."""
        if [row.list_id for row in rows] == [self._rows[src].list_id for src in range(len(self._rows))]:
            self._rows = list(rows)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, LAST_COLUMN))
            self.sort(*self._sort)
            return
        self.beginResetModel()
        self._rows = list(rows)
        self._order = list(range(len(self._rows)))
        self.endResetModel()
        self.sort(*self._sort)

    def row_at(self, row: int) -> Any:
        return self._rows[self._order[row]]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, LAST_COLUMN)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._order):
            return None
        row = self.row_at(index.row())
        key = FIELDS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "bar":
                return f"{done_share(row) * 100:.0f}%"
            value = getattr(row, key)
            return value if key == "name" else f"{int(value):,}"
        if role == SORT_ROLE:
            return done_share(row) if key == "bar" else getattr(row, key)
        if role == SHARES_ROLE and key == "bar":
            return (int(row.done), int(row.in_progress), int(row.never_called), callable_targets(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignLeft if key == "name" else Qt.AlignmentFlag.AlignRight
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "callbacks_due" and row.callbacks_due:
            return QColor("#b3261e")  # overdue callbacks stand out (SPEC §9)
        if role == Qt.ItemDataRole.ToolTipRole and key == "bar":
            return QCoreApplication.translate(
                "ListProgress", "完了 {0} · 継続中 {1} · 未発信 {2} (発信できる発信先 {3} 件中)"
            ).format(
                row.done, row.in_progress, row.never_called, callable_targets(row)
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(FIELDS):
            return None
        key, source = FIELDS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(source)
        if role == Qt.ItemDataRole.ToolTipRole and key in TIPS:
            return tr(TIPS[key])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [self._order[index.row()] for index in before]
        order_list = list(range(len(self._rows)))
        if 0 <= column < len(FIELDS):
            key = FIELDS[column][0]

            def sort_key(src: int) -> Any:
                row = self._rows[src]
                return done_share(row) if key == "bar" else getattr(row, key)

            order_list.sort(key=sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._order = order_list
        position = {src: row for row, src in enumerate(self._order)}
        after = [self.index(position[src], index.column()) for src, index in zip(sources, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


class ProgressBarDelegate(QStyledItemDelegate):
    """A thin stacked bar (done, in progress, never called) with the done share beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        shares = index.data(SHARES_ROLE)
        if not shares:
            super().paint(painter, option, index)
            return
        done, in_progress, never, total = shares
        painter.save()
        self.initStyleOption(option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        rect: QRect = option.rect.adjusted(6, 0, -6, 0)
        text_width = option.fontMetrics.horizontalAdvance("100%") + 8
        bar = QRect(rect.left(), rect.center().y() - 5, max(10, rect.width() - text_width), 10)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(NEVER_COLOUR))
        painter.drawRoundedRect(bar, 3, 3)
        left = bar.left()
        for count, colour in ((done, DONE_COLOUR), (in_progress, IN_PROGRESS_COLOUR)):
            width = round(bar.width() * min(count, total) / total) if total else 0
            if width > 0:
                painter.setBrush(QColor(colour))
                painter.drawRoundedRect(QRect(left, bar.top(), min(width, bar.right() - left + 1), bar.height()), 3, 3)
                left += width
        painter.setPen(option.palette.color(option.palette.ColorRole.Text))
        text_rect = QRect(bar.right() + 6, rect.top(), text_width, rect.height())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), str(index.data()))
        painter.restore()
