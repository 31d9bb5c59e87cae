"""The report's two pictures, with Qt's own chart module (``PySide6.QtCharts``).

- :func:`fill_daily_chart`: calls per day as bars (answered beside them), and the answer rate
  as a line on its own axis (0–100 %), every day of the range shown, days without calls too.
- :func:`fill_outcome_chart`: outcomes per operator as stacked horizontal bars (names read
  across, whatever their length), one colour per outcome, the same colours in every picture.

:func:`chart_png` renders a chart view as PNG bytes (written by the caller, whole or not at all).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.ui.analytics.report_model import ReportRowLike

OUTCOME_COLOURS: Final[dict[str, str]] = {
    Outcome.ANSWERED: "#1e7b45",
    Outcome.NO_ANSWER: "#d8a31a",
    Outcome.BUSY: "#e07b39",
    Outcome.REJECTED: "#b3261e",
    Outcome.INVALID: "#7b4fa0",
    Outcome.FAILED: "#8c5a55",
    Outcome.CANCELED: "#a7b0b9",
    Outcome.INTERRUPTED: "#5b6570",
    Outcome.MISSED: "#2a6fb0",
}
CALLS_COLOUR: Final = "#7fa7cf"
ANSWERED_COLOUR: Final = OUTCOME_COLOURS[Outcome.ANSWERED]
RATE_COLOUR: Final = "#c0392b"


def new_chart_view() -> QChartView:
    """A chart view in the program's calm look: no animation, antialiased, legend below."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    small = QFont(legend.font())
    small.setPointSizeF(max(7.5, small.pointSizeF() * 0.9))
    legend.setFont(small)
    title_font = QFont(chart.titleFont())
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(100)  # a small screen keeps the table in view
    return view


def _clear(chart: QChart) -> None:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)


def _day_label(day: date) -> str:
    return f"{day.month}/{day.day}"


def fill_daily_chart(
    view: QChartView,
    days: Sequence[date],
    rows_by_day: Mapping[date, ReportRowLike],
    *,
    title: str,
    calls_name: str,
    answered_name: str,
    rate_name: str,
) -> None:
    """Bars of calls and answered calls per day, and a line of the answer rate (right axis, %)."""
    chart = view.chart()
    _clear(chart)
    chart.setTitle(title)
    calls = QBarSet(calls_name)
    calls.setColor(QColor(CALLS_COLOUR))
    calls.setBorderColor(QColor(CALLS_COLOUR))
    answered = QBarSet(answered_name)
    answered.setColor(QColor(ANSWERED_COLOUR))
    answered.setBorderColor(QColor(ANSWERED_COLOUR))
    rate = QLineSeries()
    rate.setName(rate_name)
    pen = QPen(QColor(RATE_COLOUR))
    pen.setWidth(2)
    rate.setPen(pen)
    rate.setPointsVisible(len(days) <= 31)
    most = 0
    for position, day in enumerate(days):
        row = rows_by_day.get(day)
        calls.append(row.calls if row else 0)
        answered.append(row.answered if row else 0)
        share = row.answer_rate if row is not None else None
        if share is not None:  # a day without calls has no rate: the line skips it
            rate.append(position, share * 100)
        most = max(most, row.calls if row else 0)
    bars = QBarSeries()
    bars.append(calls)
    bars.append(answered)
    bars.setBarWidth(0.8)
    chart.addSeries(bars)
    chart.addSeries(rate)

    categories = QBarCategoryAxis()
    categories.append([_day_label(day) for day in days])
    categories.setTruncateLabels(False)  # "1…" for 12/1 says nothing
    if len(days) > 14:  # a month of dates stays readable standing up
        categories.setLabelsAngle(-90)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(categories)
    rate.attachAxis(categories)
    counts = QValueAxis()
    counts.setLabelFormat("%d")
    counts.setRange(0, max(most * 1.08, 5))  # the highest bar below the top line
    counts.applyNiceNumbers()
    if round(counts.max()) % 5 == 0:  # five steps, so that its lines meet the rate's 20 % steps
        counts.setTickCount(6)
    chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(counts)
    percent = QValueAxis()
    percent.setRange(0, 100)
    percent.setLabelFormat("%d%%")
    percent.setTickCount(6)
    percent.setLinePenColor(QColor(RATE_COLOUR))
    percent.setLabelsColor(QColor(RATE_COLOUR))
    percent.setGridLineVisible(False)
    chart.addAxis(percent, Qt.AlignmentFlag.AlignRight)
    rate.attachAxis(percent)


def fill_outcome_chart(
    view: QChartView,
    rows: Sequence[ReportRowLike],
    outcome_names: Mapping[str, str],
    *,
    title: str,
) -> None:
    """One stacked bar per operator (most calls on top), a segment per outcome that occurs."""
    chart = view.chart()
    _clear(chart)
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # up to nine outcomes: a column reads best
    ordered = sorted(rows, key=lambda row: row.calls)  # horizontal bars are drawn bottom up
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.7)
    for outcome in Outcome:
        code = outcome.value
        counts = [int(row.by_outcome.get(code, 0)) for row in ordered]
        if not any(counts):
            continue
        bar_set = QBarSet(outcome_names.get(code, code))
        bar_set.setColor(QColor(OUTCOME_COLOURS[outcome]))
        bar_set.setBorderColor(QColor("white"))
        bar_set.append(counts)
        series.append(bar_set)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([row.label for row in ordered] or [""])
    names.setTruncateLabels(False)  # a name cut to "…" says nothing
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    counts_axis = QValueAxis()
    counts_axis.setLabelFormat("%d")
    counts_axis.setRange(0, max(5, max((row.calls for row in ordered), default=0) * 1.08))
    counts_axis.applyNiceNumbers()
    chart.addAxis(counts_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(counts_axis)


def chart_png(view: QChartView) -> bytes:
    """The chart as the view shows it, as PNG bytes (at least 960 × 540 for a slide or a mail)."""
    size = view.size().expandedTo(view.minimumSizeHint())
    if size.width() < 960 or size.height() < 540:
        view.resize(size.expandedTo(size.__class__(960, 540)))
    pixmap = view.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    if view.size() != size:
        view.resize(size)
    return bytes(data.data())
