"""The import preview's tables: the rows a CSV file would import and its errors and warnings.

Read-only table models over value objects, filled by :class:`~.import_dialog.ImportDialog` once a
check finishes, and the issues in the order the dialog shows them.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from calllist_desktop.core.issues import ImportIssue
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.ui.manage.import_worker import PreviewRow

ModelIndex = QModelIndex | QPersistentModelIndex

_DISPLAY: Final = Qt.ItemDataRole.DisplayRole
_RIGHT: Final = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT: Final = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ERROR_TEXT: Final = QColor("#b3261e")
_ERROR_BACKGROUND: Final = QColor("#fdecea")
_WARNING_TEXT: Final = QColor("#8a5a00")


def issues_of(report: ImportReport) -> list[ImportIssue]:
    """Errors and warnings in row order; within a row, errors first."""
    return sorted([*report.errors, *report.warnings], key=lambda issue: (issue.row, not issue.is_error))


class _ReadOnlyTable(QAbstractTableModel):
    """A flat, read-only table of value objects; subclasses name the columns and the cells."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == _DISPLAY
            and 0 <= section < self.columnCount()
        ):
            return self.headers()[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _replace(self, items: list[Any]) -> None:
        # A new file is a new table: nothing of the old one (selection, scroll) is worth keeping.
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def retranslate(self) -> None:
        """Redraw headers and cells in the language now installed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._items:
            last = self.index(len(self._items) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class PreviewModel(_ReadOnlyTable):
    """The rows a file would import: 行, 取引先会社名, 取引先担当者名, 電話番号, カテゴリー."""

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("行"),
            self.tr("取引先会社名"),
            self.tr("取引先担当者名"),
            self.tr("電話番号"),
            self.tr("カテゴリー"),
        )

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self._replace(rows)

    def rows(self) -> list[PreviewRow]:
        return list(self._items)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row: PreviewRow = self._items[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return (f"{row.row:,}", row.company, row.person, row.phone, row.categories)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == 0 else _LEFT
        return None


class IssuesModel(_ReadOnlyTable):
    """Errors and warnings: 行, 列, 種類, 内容; error rows are red, warnings amber."""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("行"), self.tr("列"), self.tr("種類"), self.tr("内容"))

    def set_issues(self, issues: list[ImportIssue]) -> None:
        self._replace(issues)

    def issues(self) -> list[ImportIssue]:
        return list(self._items)

    def error_count(self) -> int:
        return sum(1 for issue in self._items if issue.is_error)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        issue: ImportIssue = self._items[index.row()]
        column = index.column()
        if role == _DISPLAY:
            kind = self.tr("エラー") if issue.is_error else self.tr("警告")
            return (f"{issue.row:,}", issue.column or "", kind, issue.message)[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return _ERROR_TEXT if issue.is_error else _WARNING_TEXT
        if role == Qt.ItemDataRole.BackgroundRole:
            return _ERROR_BACKGROUND if issue.is_error else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{issue.message}\n({issue.code})"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == 0 else _LEFT
        return None
