"""The report's table: one row per group (operator, list, day or hour), sortable, with a search.

The rows are the store's :class:`~calllist_desktop.store.report.ReportRow` as they come (the
numbers are the database's, computed by grouped SQL); the model adds nothing but formatting.
As in ``ui/table``, filtering and sorting work on the model's own index list (``_visible``)
rather than through a proxy, and a new sort or filter is a layout change that keeps the
selection.

Columns: the group, 発信数, 応答数, 応答率, 通話時間 (total and mean), then one column per
other outcome (the labels of SPEC §1, as everywhere in the program) and per disposition (結果)
that occurs in the report. Texts are translated when shown; :func:`csv_table` gives the same table
in Japanese, as every file the program writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.ui.table.columns import CONTEXT as OUTCOME_CONTEXT
from calllist_desktop.ui.table.columns import OUTCOME_SOURCES, QT_TRANSLATE_NOOP, outcome_label

CONTEXT: Final = "ReportTable"
ROW_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
"""``data()`` role giving the :class:`ReportRow` itself."""
SORT_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 2
"""``data()`` role giving the cell's sort key (a number, or the group's key)."""

ModelIndex = QModelIndex | QPersistentModelIndex


class ReportRowLike(Protocol):
    """What the table reads of a report row (``store.report.ReportRow``)."""

    @property
    def key(self) -> Any: ...
    @property
    def label(self) -> str: ...
    @property
    def calls(self) -> int: ...
    @property
    def answered(self) -> int: ...
    @property
    def talk_seconds(self) -> float: ...
    @property
    def answer_rate(self) -> float | None: ...
    @property
    def mean_talk_seconds(self) -> float | None: ...
    @property
    def by_outcome(self) -> Any: ...
    @property
    def by_disposition(self) -> Any: ...


GROUP_SOURCES: Final[dict[str, str]] = {
    "operator": QT_TRANSLATE_NOOP("ReportTable", "担当者"),
    "list": QT_TRANSLATE_NOOP("ReportTable", "発信先リスト"),
    "day": QT_TRANSLATE_NOOP("ReportTable", "日付"),
    "hour": QT_TRANSLATE_NOOP("ReportTable", "時間帯"),
}


NO_GROUP: Final[dict[str, str]] = {
    "operator": QT_TRANSLATE_NOOP("ReportTable", "(担当者なし)"),
    "list": QT_TRANSLATE_NOOP("ReportTable", "(リスト外: 手動発信・着信)"),
    "day": QT_TRANSLATE_NOOP("ReportTable", "(なし)"),
    "hour": QT_TRANSLATE_NOOP("ReportTable", "(なし)"),
}
"""The group of calls without one (``key`` ``""``): inbound calls, hand-dialled ones, deleted lists."""


def tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def format_duration(seconds: float | None) -> str:
    """``1:02:03`` for an hour and more, else ``2:03``: how a call timer reads; ``—`` for none."""
    if seconds is None:
        return "—"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def format_rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


@dataclass(frozen=True, slots=True)
class ReportColumn:
    """One column: its key, its header (Japanese source, or a plain name), its sort key and its text."""

    key: str
    header: str  # Japanese source text (translated when shown) unless ``plain``
    value: Callable[[ReportRowLike], Any]  # the sort key, and the CSV cell
    text: Callable[[ReportRowLike], str]
    plain: bool = False  # a disposition's own name: shown as it is
    numeric: bool = True
    context: str = CONTEXT  # where the header's translation is (outcomes: the target tables')

    def header_text(self) -> str:
        return self.header if self.plain else QCoreApplication.translate(self.context, self.header)


def _count(value: int) -> str:
    return f"{value:,}"


def _counter(mapping: str, name: str) -> Callable[[ReportRowLike], int]:
    """The count of ``name`` in a row's ``by_outcome`` or ``by_disposition``."""

    def count(row: ReportRowLike) -> int:
        return int(getattr(row, mapping).get(name, 0))

    return count


def _text_of(count: Callable[[ReportRowLike], int]) -> Callable[[ReportRowLike], str]:
    return lambda row: _count(count(row))


def report_columns(by: str, rows: Sequence[ReportRowLike]) -> list[ReportColumn]:
    """The columns for rows grouped ``by``: the fixed ones, then outcomes and dispositions that occur."""
    columns = [
        # Names sort by what is read; days and hours by their key (YYYY-MM-DD, HH), in time order.
        ReportColumn(
            "group",
            GROUP_SOURCES[by],
            (lambda r: r.key) if by in ("day", "hour") else (lambda r: r.label),
            lambda r: r.label or tr(NO_GROUP[by]),
            numeric=False,
        ),
        ReportColumn("calls", QT_TRANSLATE_NOOP("ReportTable", "発信数"), lambda r: r.calls, lambda r: _count(r.calls)),
        ReportColumn(
            "answered", QT_TRANSLATE_NOOP("ReportTable", "応答数"), lambda r: r.answered, lambda r: _count(r.answered)
        ),
        ReportColumn(
            "answer_rate",
            QT_TRANSLATE_NOOP("ReportTable", "応答率"),
            lambda r: r.answer_rate,
            lambda r: format_rate(r.answer_rate),
        ),
        ReportColumn(
            "talk_seconds",
            QT_TRANSLATE_NOOP("ReportTable", "通話時間"),
            lambda r: r.talk_seconds,
            lambda r: format_duration(r.talk_seconds),
        ),
        ReportColumn(
            "mean_talk_seconds",
            QT_TRANSLATE_NOOP("ReportTable", "平均通話時間"),
            lambda r: r.mean_talk_seconds,
            lambda r: format_duration(r.mean_talk_seconds),
        ),
    ]
    seen_outcomes = {code for row in rows for code, count in row.by_outcome.items() if count}
    for outcome in Outcome:
        if outcome.value in seen_outcomes and outcome is not Outcome.ANSWERED:  # that is 応答数
            count = _counter("by_outcome", outcome.value)
            columns.append(
                ReportColumn(
                    f"outcome:{outcome.value}", OUTCOME_SOURCES[outcome], count, _text_of(count), context=OUTCOME_CONTEXT
                )
            )
    dispositions = sorted({name for row in rows for name, count in row.by_disposition.items() if count})
    for name in dispositions:
        count = _counter("by_disposition", name)
        columns.append(ReportColumn(f"disposition:{name}", name, count, _text_of(count), plain=True))
    return columns


class ReportTableModel(QAbstractTableModel):
    """The rows of one report, sorted and searched on the model's own index list.

    Signals:
        counts_changed(int, int): rows shown and rows held.
    """

    counts_changed = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._by = "operator"
        self._rows: list[ReportRowLike] = []
        self._columns: list[ReportColumn] = report_columns(self._by, [])
        self._visible: list[int] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._search = ""

    # ---- contents -----------------------------------------------------------------------------

    def set_report(self, by: str, rows: Sequence[ReportRowLike]) -> None:
        """Show a new report (a reset: its columns may differ); the sort and search stay."""
        self.beginResetModel()
        old_key = self._columns[self._sort_column].key if 0 <= self._sort_column < len(self._columns) else None
        self._by = by
        self._rows = list(rows)
        self._columns = report_columns(by, self._rows)
        keys = [column.key for column in self._columns]
        self._sort_column = keys.index(old_key) if old_key in keys else -1
        self._visible = self._arranged()
        self.endResetModel()
        self.counts_changed.emit(len(self._visible), len(self._rows))

    def rows(self) -> list[ReportRowLike]:
        """Every row of the report, in the store's order."""
        return list(self._rows)

    def visible_rows(self) -> list[ReportRowLike]:
        """The rows shown, in the order shown."""
        return [self._rows[src] for src in self._visible]

    def columns(self) -> list[ReportColumn]:
        return list(self._columns)

    @property
    def grouped_by(self) -> str:
        return self._by

    def set_search(self, text: str) -> None:
        """Show only the groups whose name contains ``text`` (case-insensitive)."""
        self._search = text.strip().casefold()
        self._relayout()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    # ---- Qt's model interface -----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._visible) or index.column() >= len(self._columns):
            return None
        row = self._rows[self._visible[index.row()]]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return column.value(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header_text()
        if role == Qt.ItemDataRole.ToolTipRole and self._columns[section].key.startswith("disposition:"):
            return QCoreApplication.translate("ReportTable", "結果 (後処理で付けた分類)")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if 0 <= column < len(self._columns) else -1
        self._sort_order = order
        self._relayout()

    # ---- arranging ------------------------------------------------------------------------------

    def _arranged(self) -> list[int]:
        # Groups without calls (the night hours, a Sunday) are left out: nothing to read in them;
        # the daily chart still shows every day.
        sources = [
            src
            for src, row in enumerate(self._rows)
            if row.calls and (not self._search or self._search in self._columns[0].text(row).casefold())
        ]
        if self._sort_column >= 0:
            value = self._columns[self._sort_column].value
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            # None (a group without a key) last either way; ties keep the store's order.
            present = [src for src in sources if value(self._rows[src]) is not None]
            missing = [src for src in sources if value(self._rows[src]) is None]
            present.sort(key=lambda src: value(self._rows[src]), reverse=descending)
            sources = present + missing
        return sources

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [self._visible[index.row()] if index.row() < len(self._visible) else -1 for index in before]
        self._visible = self._arranged()
        position = {src: row for row, src in enumerate(self._visible)}
        after = [
            self.index(position[src], index.column()) if src in position else QModelIndex()
            for src, index in zip(sources, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        self.counts_changed.emit(len(self._visible), len(self._rows))


def csv_table(model: ReportTableModel) -> tuple[list[str], list[list[str]]]:
    """The rows shown, as a file has them: Japanese headers, plain numbers (seconds, percent)."""
    columns = model.columns()
    headers = [_csv_header(column) for column in columns]
    by = model.grouped_by
    return headers, [[_csv_cell(column, row, by) for column in columns] for row in model.visible_rows()]


def _csv_header(column: ReportColumn) -> str:
    if column.key == "answer_rate":
        return "応答率 (%)"
    if column.key in ("talk_seconds", "mean_talk_seconds"):
        return f"{column.header} (秒)"
    return f"結果: {column.header}" if column.plain else column.header


def _csv_cell(column: ReportColumn, row: ReportRowLike, by: str) -> str:
    if column.key == "group":
        return row.label or NO_GROUP[by]
    value = column.value(row)
    if value is None:
        return ""
    if column.key == "answer_rate":
        return f"{value * 100:.1f}"
    if column.key in ("talk_seconds", "mean_talk_seconds"):
        return str(int(round(value)))
    return str(value)


def outcome_names() -> dict[str, str]:
    """Outcome code → its label in the installed language (the charts' legend)."""
    return {outcome.value: outcome_label(outcome) for outcome in Outcome}
