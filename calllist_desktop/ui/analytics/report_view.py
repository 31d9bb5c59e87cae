"""レポート: the report for a date range, as a sortable table and two charts (SPEC §10).

The manager picks a range (今日, 今週, 今月, or two dates), a grouping (担当者別, リスト別, 日別,
時間帯別) and optionally one list; the store computes the report in the database
(``Store.report``) off the GUI thread, three times per refresh: the grouping asked for (the
table), by day (the daily chart) and by operator (the outcome chart). 更新 or a change of any
choice reads again; an answer older than the latest question is dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.analytics import charts
from calllist_desktop.ui.analytics.ranges import STORE_ZONE, Span, days_between, span_dates
from calllist_desktop.ui.analytics.report_model import (
    ReportRowLike,
    ReportTableModel,
    format_duration,
    format_rate,
    outcome_names,
)
from calllist_desktop.ui.analytics.tables import fit_columns
from calllist_desktop.ui.style import quiet_table

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store
    from calllist_desktop.ui.store_work import Job, StoreWork

log = logging.getLogger(__name__)

GROUPINGS: Final = ("operator", "list", "day", "hour")
SPAN_STYLE: Final = """
QToolButton { padding: 3px 9px; border: 1px solid #b8c2cc; border-radius: 4px; background: #ffffff; }
QToolButton:hover { background: #eef3f8; }
QToolButton:checked { background: #2a6fb0; border-color: #2a6fb0; color: white; font-weight: 600; }
"""
ALL_LISTS: Final = ""


@dataclass(frozen=True, slots=True)
class ReportResult:
    """One refresh's answers: the table's rows, the rows by day and by operator."""

    start: date
    end: date
    by: str
    list_name: str | None
    rows: list[Any]
    by_day: list[Any]
    by_operator: list[Any]


class ReportView(QWidget):
    """The report's choices, totals, table and charts; exporting is :mod:`.report_export`'s.

    Signals:
        loaded(): a report is shown (after each refresh).
        failed(object): a refresh failed; the exception (the view says so under the charts).
    """

    loaded = Signal()
    failed = Signal(object)

    def __init__(self, work: StoreWork, parent: QWidget | None = None, *, zone: Any = STORE_ZONE) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.work = work
        self.zone = zone
        self.result: ReportResult | None = None
        self._reading: Job | None = None  # the read under way (a newer question drops it)

        self.span_buttons: dict[Span, QToolButton] = {}
        self.spans = QButtonGroup(self)
        for span in Span:
            button = QToolButton()  # a row of them reads as one segmented choice (SPAN_STYLE)
            button.setObjectName(f"span_{span.value}")
            button.setCheckable(True)
            button.setStyleSheet(SPAN_STYLE)
            self.spans.addButton(button)
            self.span_buttons[span] = button
            button.clicked.connect(lambda _checked=False, s=span: self.choose_span(s))
        self.span_buttons[Span.TODAY].setChecked(True)
        self.start_edit = self._date_edit("reportFrom")
        self.end_edit = self._date_edit("reportTo")
        self.dash = QLabel("〜")
        self.grouping = QComboBox()
        self.grouping.setObjectName("reportGrouping")
        for by in GROUPINGS:
            self.grouping.addItem("", by)
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list_filter = QComboBox()
        self.list_filter.setObjectName("reportList")
        self.list_filter.setMinimumWidth(140)
        self.list_filter.addItem("", ALL_LISTS)
        self.list_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("reportRefresh")
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh(lists_too=True))

        self.totals = QLabel()
        self.totals.setObjectName("reportTotals")
        self.search = QLineEdit()
        self.search.setObjectName("reportSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(170)
        self.model = ReportTableModel(self)
        self.search.textChanged.connect(self.model.set_search)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(False)
        quiet_table(self.table)
        self.model.modelReset.connect(self._fit_columns)
        self.daily_chart = charts.new_chart_view()
        self.daily_chart.setObjectName("dailyChart")
        self.outcome_chart = charts.new_chart_view()
        self.outcome_chart.setObjectName("outcomeChart")
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b3261e;")
        self.status.hide()  # shown only to say a refresh failed

        # Three short rows rather than one long one, so that the wide window still fits a 1080p
        # screen at 200 % (960 logical pixels, issue 13): the range; how to group and the files;
        # the totals.
        choices = QHBoxLayout()
        choices.setSpacing(3)
        for button in self.span_buttons.values():
            choices.addWidget(button)
        choices.addSpacing(6)
        choices.addWidget(self.start_edit)
        choices.addWidget(self.dash)
        choices.addWidget(self.end_edit)
        choices.addStretch(1)
        self.export_row = QHBoxLayout()  # the export buttons go at its end (report_export)
        self.export_row.addWidget(self.grouping)
        self.export_row.addWidget(self.list_filter)
        self.export_row.addWidget(self.search)
        self.export_row.addWidget(self.refresh_button)
        self.export_row.addStretch(1)
        pictures = QSplitter(Qt.Orientation.Horizontal)
        pictures.setObjectName("reportCharts")
        pictures.addWidget(self.daily_chart)
        pictures.addWidget(self.outcome_chart)
        pictures.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(pictures)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 360])  # a few groups above, the pictures below
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(choices)
        layout.addLayout(self.export_row)
        layout.addWidget(self.totals)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        self.choose_span(Span.TODAY, refresh=False)
        self.retranslate()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._custom_dates_changed)
        return edit

    # ---- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        names = {
            Span.TODAY: self.tr("今日"),
            Span.WEEK: self.tr("今週"),
            Span.MONTH: self.tr("今月"),
            Span.CUSTOM: self.tr("期間を指定"),
        }
        for span, button in self.span_buttons.items():
            button.setText(names[span])
        groupings = {
            "operator": self.tr("担当者別"),
            "list": self.tr("リスト別"),
            "day": self.tr("日別"),
            "hour": self.tr("時間帯別"),
        }
        for index, by in enumerate(GROUPINGS):
            self.grouping.setItemText(index, groupings[by])
        self.grouping.setToolTip(self.tr("集計の単位"))
        self.list_filter.setItemText(0, self.tr("すべてのリスト"))
        self.refresh_button.setText(self.tr("更新"))
        self.search.setPlaceholderText(self.tr("名前で絞り込み"))
        self.model.retranslate()
        self._show_totals()
        self._draw_charts()

    def showEvent(self, event: QShowEvent) -> None:
        """Back on the report: 今日, 今週 and 今月 are read again (they run up to now); a range of
        the manager's own stays as it was read."""
        super().showEvent(event)
        if self.result is not None and self.chosen_span() is not Span.CUSTOM:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- choices ---------------------------------------------------------------------------------

    def choose_span(self, span: Span, *, refresh: bool = True) -> None:
        """A range button: its dates go into the date fields (editable only for 期間を指定)."""
        self.span_buttons[span].setChecked(True)
        custom = span is Span.CUSTOM
        if not custom:
            self._show_span_dates(span)
        for widget in (self.start_edit, self.end_edit):
            widget.setEnabled(custom)
        if refresh:
            self.refresh()

    def _show_span_dates(self, span: Span) -> None:
        self._show_dates(*span_dates(span, self.zone))

    def _show_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def chosen_span(self) -> Span:
        return next(span for span, button in self.span_buttons.items() if button.isChecked())

    def dates(self) -> tuple[date, date]:
        start, end = (_day(edit.date()) for edit in (self.start_edit, self.end_edit))
        return (start, end) if start <= end else (end, start)

    def set_dates(self, start: date, end: date) -> None:
        """期間を指定 with these days."""
        self.choose_span(Span.CUSTOM, refresh=False)
        self._show_dates(start, end)
        self.refresh()

    def set_grouping(self, by: str) -> None:
        self.grouping.setCurrentIndex(GROUPINGS.index(by))

    def _custom_dates_changed(self) -> None:
        if self.chosen_span() is Span.CUSTOM:
            self.refresh()

    def set_lists(self, names: list[str]) -> None:
        """The names offered by the list filter; the chosen one stays if it is still there."""
        chosen = self.list_filter.currentData()
        self.list_filter.blockSignals(True)
        while self.list_filter.count() > 1:
            self.list_filter.removeItem(1)
        for name in names:
            self.list_filter.addItem(name, name)
        index = self.list_filter.findData(chosen)
        self.list_filter.setCurrentIndex(max(0, index))
        self.list_filter.blockSignals(False)
        if index < 0 and chosen != ALL_LISTS:
            self.refresh()

    # ---- reading ---------------------------------------------------------------------------------

    def refresh(self, *, lists_too: bool = False) -> None:
        """Ask the store for the report as chosen now (off the GUI thread). 今日, 今週 and 今月
        are worked out again first: a window left open overnight reports the new day."""
        from calllist_desktop.store.report import GROUPINGS as STORE_GROUPINGS
        from calllist_desktop.store.report import ReportQuery

        span = self.chosen_span()
        if span is not Span.CUSTOM:
            self._show_span_dates(span)
        start, end = self.dates()
        by = str(self.grouping.currentData())
        list_name = str(self.list_filter.currentData()) or None

        def read(store: Store) -> tuple[ReportResult, list[str] | None]:
            def query(grouping: str) -> list[Any]:
                by_store = next(name for name in STORE_GROUPINGS if name == grouping)  # its Literal type
                return list(store.report(ReportQuery(start=start, end=end, by=by_store, list_name=list_name)))

            rows = query(by)
            by_day = rows if by == "day" else query("day")
            by_operator = rows if by == "operator" else query("operator")
            names = [info.name for info in store.lists()] if lists_too else None
            return ReportResult(start, end, by, list_name, rows, by_day, by_operator), names

        def done(answer: tuple[ReportResult, list[str] | None]) -> None:
            result, names = answer
            self.result = result
            self.model.set_report(result.by, result.rows)
            self.status.hide()
            self._show_totals()
            self._draw_charts()
            if names is not None:
                self.set_lists(names)
            self.loaded.emit()

        def failed(error: Exception) -> None:
            log.warning("report: %s", error)
            self.status.setText(self.tr("レポートを読み込めません: {0}").format(error))
            self.status.show()
            self._show_totals()
            self.failed.emit(error)

        if self.result is None:  # later refreshes keep the figures shown until the new ones are in
            self.totals.setText(self.tr("集計中…"))
        if self._reading is not None:
            self._reading.cancel()
        self._reading = self.work.read(self, read, done, failed)

    # ---- showing ---------------------------------------------------------------------------------

    def _show_totals(self) -> None:
        if self.result is None:
            self.totals.clear()
            return
        rows: list[ReportRowLike] = self.result.by_day
        calls = sum(row.calls for row in rows)
        answered = sum(row.answered for row in rows)
        talk = sum(row.talk_seconds for row in rows)
        self.totals.setText(
            self.tr("合計  発信 {0} 件 · 応答 {1} 件 ({2}) · 通話時間 {3} (平均 {4})").format(
                f"{calls:,}",
                f"{answered:,}",
                format_rate(answered / calls if calls else 0.0),
                format_duration(talk),
                format_duration(talk / answered if answered else 0.0),
            )
        )

    def _draw_charts(self) -> None:
        result = self.result
        if result is None:
            return
        by_day = {day: row for row in result.by_day if (day := _as_date(row.key)) is not None}
        charts.fill_daily_chart(
            self.daily_chart,
            days_between(result.start, result.end),
            by_day,
            title=self.tr("日別の発信数と応答率"),
            calls_name=self.tr("発信数"),
            answered_name=self.tr("応答数"),
            rate_name=self.tr("応答率"),
        )
        charts.fill_outcome_chart(
            self.outcome_chart, result.by_operator, outcome_names(), title=self.tr("担当者別の通話結果")
        )

    def _fit_columns(self) -> None:
        fit_columns(self.table)


def _day(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _as_date(key: object) -> date | None:
    if isinstance(key, date):
        return key
    try:
        return date.fromisoformat(str(key))
    except ValueError:
        return None
