"""分析 tab (issue 15): the report's table and charts on a hand-built history, its range buttons,
its files (CSV, PNG), list progress, failures and the language switch (the board: test_team_board)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from calllist_desktop.store.report import STORE_TIME_ZONE, ReportQuery
from calllist_desktop.store.store import Store
from calllist_desktop.ui.analytics.panel import AnalyticsPanel
from calllist_desktop.ui.analytics.ranges import STORE_ZONE, Span, span_dates
from calllist_desktop.ui.analytics.report_model import SORT_ROLE, ReportTableModel
from calllist_desktop.ui.store_work import StoreWork
from tests.store.report_history import BY_DAY, BY_OPERATOR

WITHIN = 5000
RANGE = (date(2026, 12, 1), date(2026, 12, 2))


def open_panel(qtbot: QtBot, store: Any, *, team: bool | None = False) -> AnalyticsPanel:
    """``team=None``: as the window says, from the store's kind."""
    if team is None:
        team = str(store.url).startswith("postgres")
    panel = AnalyticsPanel(StoreWork(lambda: store), team=team)
    panel.work.setParent(panel)
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    with qtbot.waitSignal(panel.report.loaded, timeout=WITHIN):
        panel.show()
    return panel


def show_range(qtbot: QtBot, panel: AnalyticsPanel, by: str) -> None:
    panel.report.set_grouping(by)  # (its answer is dropped: a newer question follows)
    with qtbot.waitSignal(panel.report.loaded, timeout=WITHIN):
        panel.report.set_dates(*RANGE)


def column(model: ReportTableModel, key: str) -> int:
    return [c.key for c in model.columns()].index(key)


def shown(model: ReportTableModel, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> dict[str, Any]:
    """Group label → the cell of column ``key``, as the table shows it."""
    group, wanted = column(model, "group"), column(model, key)
    return {
        model.index(row, group).data(): model.index(row, wanted).data(role) for row in range(model.rowCount())
    }


def test_the_table_shows_the_store_s_report_of_a_hand_built_history(
    qtbot: QtBot, qtmodeltester: Any, history_store: Store
) -> None:
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "operator")
    model = panel.report.model
    qtmodeltester.check(model)
    stored = {row.label: row for row in history_store.report(ReportQuery(*RANGE, by="operator"))}
    names = {"alice": "アリス 有田", "bob": "ボブ 坂東"}  # bob is deactivated: his calls still count
    assert set(shown(model, "calls")) == set(names.values()) == set(stored)
    for login, expected in BY_OPERATOR.items():
        label = names[login]
        assert shown(model, "calls", SORT_ROLE)[label] == expected["calls"] == stored[label].calls
        assert shown(model, "answered", SORT_ROLE)[label] == expected["answered"]
        assert shown(model, "talk_seconds", SORT_ROLE)[label] == pytest.approx(expected["talk_seconds"])
        for code, count in expected["by_outcome"].items():
            key = "answered" if code == "answered" else f"outcome:{code}"
            assert shown(model, key, SORT_ROLE)[label] == count == stored[label].by_outcome[code]
        for name, count in expected["by_disposition"].items():
            assert shown(model, f"disposition:{name}", SORT_ROLE)[label] == count
    # What is read: alice 4 calls, 2 answered, 240 s talk; the outcome columns in SPEC §1's words.
    alice = names["alice"]
    assert shown(model, "answer_rate")[alice] == "50.0%"
    assert shown(model, "talk_seconds")[alice] == "4:00"
    assert shown(model, "mean_talk_seconds")[alice] == "2:00"
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert {"不応答", "話中", "取消", "不在着信", "アポ", "再架電"} <= set(headers)
    assert headers.count("応答") == 0, "answered calls have their own column (応答数)"
    assert "拒否" not in headers, "only outcomes that occur get a column"
    assert panel.report.totals.text().startswith("合計  発信 7 件 · 応答 3 件 (42.9%)")


def test_by_day_counts_a_call_across_midnight_on_the_day_it_started(
    qtbot: QtBot, qtmodeltester: Any, history_store: Store
) -> None:
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "day")
    model = panel.report.model
    qtmodeltester.check(model)
    assert shown(model, "calls", SORT_ROLE) == {day: figures["calls"] for day, figures in BY_DAY.items()}
    assert shown(model, "answered", SORT_ROLE) == {day: figures["answered"] for day, figures in BY_DAY.items()}
    chart = panel.report.daily_chart.chart()
    bars = chart.series()[0]
    calls, answered = bars.barSets()
    assert [calls.at(i) for i in range(calls.count())] == [3, 4]
    assert [answered.at(i) for i in range(answered.count())] == [2, 1]


def test_sorting_and_search_work_on_the_model_s_own_order(qtbot: QtBot, history_store: Store) -> None:
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "operator")
    model = panel.report.model
    table = panel.report.table
    table.sortByColumn(column(model, "answered"), Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["アリス 有田", "ボブ 坂東"]
    table.sortByColumn(column(model, "outcome:missed"), Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "ボブ 坂東"
    panel.report.search.setText("アリス")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["アリス 有田"]


def test_range_buttons_give_the_days_of_tokyo(qtbot: QtBot, history_store: Store) -> None:
    assert STORE_ZONE.utcoffset(None) == STORE_TIME_ZONE.utcoffset(None)
    # 2026-12-06 23:30 UTC is Monday 2026-12-07 08:30 in Tokyo.
    late = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert span_dates(Span.TODAY, STORE_ZONE, late) == (date(2026, 12, 7), date(2026, 12, 7))
    assert span_dates(Span.WEEK, STORE_ZONE, late) == (date(2026, 12, 7), date(2026, 12, 7))
    assert span_dates(Span.MONTH, STORE_ZONE, late) == (date(2026, 12, 1), date(2026, 12, 7))
    # Saturday 2026-12-05 23:00 in Tokyo (14:00 UTC): the week began on Monday 11-30.
    saturday = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
    assert span_dates(Span.WEEK, STORE_ZONE, saturday) == (date(2026, 11, 30), date(2026, 12, 5))
    assert span_dates(Span.MONTH, STORE_ZONE, datetime(2026, 11, 30, 15, 0, tzinfo=UTC)) == (
        date(2026, 12, 1),
        date(2026, 12, 1),
    )

    panel = open_panel(qtbot, history_store)
    view = panel.report
    for span in (Span.TODAY, Span.WEEK, Span.MONTH):
        with qtbot.waitSignal(view.loaded, timeout=WITHIN):
            qtbot.mouseClick(view.span_buttons[span], Qt.MouseButton.LeftButton)
        expected = span_dates(span, STORE_ZONE)
        assert view.dates() == expected
        assert view.result is not None and (view.result.start, view.result.end) == expected
        assert not view.start_edit.isEnabled()
    qtbot.mouseClick(view.span_buttons[Span.CUSTOM], Qt.MouseButton.LeftButton)
    assert view.start_edit.isEnabled() and view.end_edit.isEnabled()


def test_csv_export_writes_the_table_in_the_chosen_encoding(qtbot: QtBot, history_store: Store, tmp_path: Path) -> None:
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "operator")
    panel.report.table.sortByColumn(column(panel.report.model, "calls"), Qt.SortOrder.DescendingOrder)
    exporter = panel.exporter
    exporter.set_encoding("cp932")
    path = tmp_path / "report.csv"
    with qtbot.waitSignal(exporter.saved, timeout=WITHIN):
        exporter.export_csv(path)
    data = path.read_bytes()
    assert b"\r\n" in data and not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("cp932"))))
    header = rows[0]
    assert header[:6] == ["担当者", "発信数", "応答数", "応答率 (%)", "通話時間 (秒)", "平均通話時間 (秒)"]
    assert {"不応答", "取消", "話中", "不在着信", "結果: アポ", "結果: 再架電"} <= set(header)
    body = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert body["アリス 有田"]["発信数"] == "4" and body["アリス 有田"]["応答率 (%)"] == "50.0"
    assert body["アリス 有田"]["通話時間 (秒)"] == "240" and body["アリス 有田"]["結果: アポ"] == "1"
    assert body["ボブ 坂東"]["不在着信"] == "1" and body["ボブ 坂東"]["平均通話時間 (秒)"] == "30"
    exporter.set_encoding("utf-8-sig")
    with qtbot.waitSignal(exporter.saved, timeout=WITHIN):
        exporter.export_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_export_refuses_to_write_over_the_store(qtbot: QtBot, history_store: Store) -> None:
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "operator")
    database = history_store.files()[0]
    before = database.read_bytes()
    shown_messages: list[str] = []
    panel.exporter.failed.connect(shown_messages.append)
    from PySide6.QtWidgets import QMessageBox

    original = QMessageBox.warning
    QMessageBox.warning = staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Ok)  # type: ignore[method-assign]
    try:
        with qtbot.waitSignal(panel.exporter.failed, timeout=WITHIN):
            panel.exporter.export_csv(database)
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
    assert database.read_bytes() == before and shown_messages


def test_charts_are_saved_as_png(qtbot: QtBot, history_store: Store, tmp_path: Path) -> None:
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "operator")
    outcome = panel.report.outcome_chart.chart()
    stacked = outcome.series()[0]
    segments = {bar_set.label(): [bar_set.at(i) for i in range(bar_set.count())] for bar_set in stacked.barSets()}
    assert segments["応答"] == [1, 2]  # bob (fewer calls) below alice
    assert segments["不在着信"] == [1, 0]
    for view, name in ((panel.report.daily_chart, "daily.png"), (panel.report.outcome_chart, "outcomes.png")):
        path = tmp_path / name
        with qtbot.waitSignal(panel.exporter.saved, timeout=WITHIN):
            panel.exporter.export_png(view, "x", path)
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 960 and image.height() >= 540
        colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
        assert len(colours) > 20, "a chart, not a blank picture"


def test_list_progress_shows_the_store_s_figures_with_a_bar(
    qtbot: QtBot, qtmodeltester: Any, history_store: Store
) -> None:
    panel = open_panel(qtbot, history_store)
    with qtbot.waitSignal(panel.progress_loaded, timeout=WITHIN):
        panel.pages.setCurrentWidget(panel.progress_page)
    model = panel.progress_model
    qtmodeltester.check(model)
    expected = {p.name: p for p in history_store.list_progress()}
    assert {model.index(r, 0).data() for r in range(model.rowCount())} == set(expected)
    for r in range(model.rowCount()):
        progress = expected[model.index(r, 0).data()]
        assert [model.index(r, c).data(SORT_ROLE) for c in range(2, 9)] == [
            progress.targets,
            progress.never_called,
            progress.in_progress,
            progress.done,
            progress.excluded,
            progress.blocked,
            progress.callbacks_due,
        ]
    panel.progress_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "L1"  # 4 targets before L2's 2


def test_report_of_an_empty_range_shows_no_rows_and_dashes(qtbot: QtBot, history_store: Store) -> None:
    panel = open_panel(qtbot, history_store)
    with qtbot.waitSignal(panel.report.loaded, timeout=WITHIN):
        panel.report.set_dates(date(2025, 1, 1), date(2025, 1, 3))
    assert panel.report.model.rowCount() == 0
    calls = panel.report.daily_chart.chart().series()[0].barSets()[0]
    assert [calls.at(i) for i in range(calls.count())] == [0, 0, 0]
    assert "0" in panel.report.totals.text()


def test_by_list_names_the_calls_made_from_no_list(qtbot: QtBot, history_store: Store) -> None:
    from tests.store.report_history import BY_LIST

    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "list")
    calls = shown(panel.report.model, "calls", SORT_ROLE)
    assert calls == {"L1": BY_LIST["L1"]["calls"], "L2": BY_LIST["L2"]["calls"], "(リスト外: 手動発信・着信)": BY_LIST[""]["calls"]}


def test_the_analytics_tab_follows_a_language_switch(
    qtbot: QtBot, ui_store: Store, line: Any, settings: Any
) -> None:
    """A manager's window has the 分析 tab; switching to English re-words it all, the charts too."""
    from PySide6.QtWidgets import QApplication

    from calllist_desktop.ui.translations import install_language
    from tests.ui.conftest import open_window

    window = open_window(qtbot, ui_store, line, settings, login="kanri")
    panel = window.analytics
    assert panel is not None
    tabs = window.lists.tabs
    assert tabs.tabText(tabs.indexOf(panel)) == "分析"
    with qtbot.waitSignal(panel.report.loaded, timeout=WITHIN):
        tabs.setCurrentWidget(panel)
    try:
        window.switch_language("en")
        qtbot.waitUntil(lambda: tabs.tabText(tabs.indexOf(panel)) == "Analytics", timeout=2000)
        assert panel.report.span_buttons[Span.MONTH].text() == "This month"
        assert panel.pages.tabText(0) == "Report" and panel.pages.tabText(1) == "List progress"
        assert panel.report.daily_chart.chart().title() == "Calls and answer rate per day"
        assert panel.exporter.csv_button.text() == "Create CSV file"
        headers = [panel.report.model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)]
        assert headers == ["Agent", "Calls", "Answered"]
    finally:
        app = QApplication.instance()
        assert app is not None
        install_language(app, "ja")


def test_the_list_filter_reports_one_list(qtbot: QtBot, history_store: Store) -> None:
    panel = open_panel(qtbot, history_store)
    with qtbot.waitSignal(panel.report.loaded, timeout=WITHIN):
        panel.report.refresh(lists_too=True)  # the list names into the filter
    show_range(qtbot, panel, "operator")
    view = panel.report
    with qtbot.waitSignal(view.loaded, timeout=WITHIN):
        view.list_filter.setCurrentIndex(view.list_filter.findData("L1"))
    stored = {row.label: row.calls for row in history_store.report(ReportQuery(*RANGE, by="operator", list_name="L1"))}
    assert shown(view.model, "calls", SORT_ROLE) == stored == {"アリス 有田": 2, "ボブ 坂東": 1}


def test_a_name_cp932_cannot_hold_offers_utf8_and_writes_nothing_until_then(
    qtbot: QtBot, history_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from calllist_desktop.core.outcomes import Direction, Outcome
    from tests.store.report_history import jst

    history_store.add_user("emoji", "笑顔😀 花子")
    call = history_store.start_call("+81312349999", Direction.OUTBOUND, user="emoji", started_at=jst(12, 1, 10))
    history_store.finish_call(call, Outcome.BUSY, ended_at=jst(12, 1, 10, 1))
    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "operator")
    path = tmp_path / "report.csv"
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:  # the manager takes the way out: UTF-8 with BOM
        asked.append(box.text())
        assert not path.exists(), "nothing is written in CP932"
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    exporter = panel.exporter
    exporter.set_encoding("cp932")
    with qtbot.waitSignal(exporter.saved, timeout=WITHIN):
        exporter.export_csv(path)
    assert asked and "😀" in asked[0] and "UTF-8" in asked[0]
    assert exporter.encoding() == "utf-8-sig"
    text = path.read_bytes().decode("utf-8-sig")
    assert "笑顔😀 花子" in text


def test_a_failed_read_says_so_and_the_next_one_clears_it(
    qtbot: QtBot, history_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calllist_desktop.store.errors import StoreError

    panel = open_panel(qtbot, history_store)
    real = history_store.list_progress

    def down() -> Any:
        raise StoreError("the server is gone", "サーバーに接続できません")

    monkeypatch.setattr(history_store, "list_progress", down)
    panel.pages.setCurrentWidget(panel.progress_page)
    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=WITHIN)
    assert "the server is gone" in panel.error.text() or "サーバー" in panel.error.text()
    assert not panel.board_page.isVisible(), "no board without a team"
    monkeypatch.setattr(history_store, "list_progress", real)
    with qtbot.waitSignal(panel.progress_loaded, timeout=WITHIN):
        panel.pages.setCurrentWidget(panel.report)
        panel.pages.setCurrentWidget(panel.progress_page)
    assert not panel.error.isVisible() and panel.progress_model.rowCount() == 2


def test_by_hour_leaves_out_the_hours_without_calls(qtbot: QtBot, history_store: Store) -> None:
    from tests.store.report_history import BY_HOUR

    panel = open_panel(qtbot, history_store)
    show_range(qtbot, panel, "hour")
    model = panel.report.model
    stored = history_store.report(ReportQuery(*RANGE, by="hour"))
    assert len(model.rows()) == len(stored)  # the store's rows, every hour included
    assert {row.key: row.calls for row in model.visible_rows()} == BY_HOUR
    order = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert order == sorted(order) and order[0] == "00:00"  # in the order of the day



def test_refresh_works_out_today_again_after_midnight(qtbot: QtBot, history_store: Store) -> None:
    """A window left open overnight: 更新 with 今日 chosen reports the new day, not yesterday."""
    panel = open_panel(qtbot, history_store)
    view = panel.report
    assert view.chosen_span() is Span.TODAY
    yesterday = span_dates(Span.TODAY, STORE_ZONE)[0] - timedelta(days=1)
    view._show_dates(yesterday, yesterday)  # noqa: SLF001 - as the fields were shown the day before
    with qtbot.waitSignal(view.loaded, timeout=WITHIN):
        qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    assert view.dates() == span_dates(Span.TODAY, STORE_ZONE)
    assert view.result is not None and view.result.start == span_dates(Span.TODAY, STORE_ZONE)[0]


def test_coming_back_to_the_report_reads_today_again(qtbot: QtBot, history_store: Store) -> None:
    from calllist_desktop.core.outcomes import Direction, Outcome

    panel = open_panel(qtbot, history_store)
    view = panel.report
    calls_before = view.model.rowCount()
    panel.pages.setCurrentWidget(panel.progress_page)
    call = history_store.start_call("+81312348888", Direction.OUTBOUND, user="alice", started_at=datetime.now(UTC))
    history_store.finish_call(call, Outcome.BUSY)
    with qtbot.waitSignal(view.loaded, timeout=WITHIN):
        panel.pages.setCurrentWidget(view)
    assert shown(view.model, "calls", SORT_ROLE) == {"アリス 有田": 1} and calls_before == 0
