"""分析: the manager's tab of reports, list progress and (in team mode) the live team board.

Three pages in one tab: レポート (:class:`.report_view.ReportView` with its files), リストの進捗
(:mod:`.progress`) and チームの状況 (:mod:`.board`, only with a PostgreSQL store, where a team
works). Every read runs off the GUI thread (the window's ``StoreWork``). Live updates
(:meth:`AnalyticsPanel.apply_changes`) re-read the progress and the board while they are shown,
one read at a time (changes that come during a read make one more read after it); a page that
was hidden reads when it is shown again. The report is a snapshot: 更新 reads it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from calllist_desktop.store.watch import Changes
from calllist_desktop.ui.analytics.board import (
    AUTOCALL,
    AUTOCALL_COLUMN,
    ON_CALL,
    SIGNED_IN,
    SIGNED_OUT,
    STATE_COLOURS,
    TeamBoardModel,
    state_of,
)
from calllist_desktop.ui.analytics.progress import (
    BAR_COLUMN,
    DONE_COLOUR,
    IN_PROGRESS_COLOUR,
    NEVER_COLOUR,
    ListProgressModel,
    ProgressBarDelegate,
)
from calllist_desktop.ui.analytics.report_export import ReportExporter
from calllist_desktop.ui.analytics.report_view import ReportView
from calllist_desktop.ui.analytics.tables import fit_columns, legend_html, quiet_table_view
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.store_work import StoreWork

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)


class Reader(QObject):
    """Reads one thing off the GUI thread, one read at a time; asked during a read, it reads once more.

    Signals:
        read(object): the answer of the latest read.
        failed(object): the exception a read raised.
    """

    read = Signal(object)
    failed = Signal(object)

    def __init__(self, work: StoreWork, read: Callable[[Store], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store_work = work
        self._read = read
        self._running = False
        self._again = False

    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._store_work.read(self, self._read, self._done, self._failed)

    def _finish(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.request()

    def _done(self, value: object) -> None:
        self.read.emit(value)
        self._finish()

    def _failed(self, error: Exception) -> None:
        log.warning("analytics: %s", error)
        self.failed.emit(error)
        self._finish()


class AnalyticsPanel(QWidget):
    """The 分析 tab: レポート, リストの進捗 and, in team mode, チームの状況.

    Signals:
        board_loaded(): the team board shows what the store said last.
        progress_loaded(): the list progress shows what the store said last.
        status_message(object): what was just done, for the status bar: a callable giving it in
            the language in force (as ``ManagementPanel.status_message``).
    """

    board_loaded = Signal()
    progress_loaded = Signal()
    status_message = Signal(object)

    def __init__(
        self, work: StoreWork, parent: QWidget | None = None, *, settings: Settings | None = None, team: bool = False
    ) -> None:
        """``team``: the store is a team's (PostgreSQL): the team board is shown."""
        super().__init__(parent)
        self.setObjectName("analyticsPanel")
        self.work = work
        self.team = team
        self.pages = QTabWidget()
        self.pages.setObjectName("analyticsPages")
        self.pages.setDocumentMode(True)

        self.report = ReportView(work)
        self.exporter = ReportExporter(self.report, settings)
        self.exporter.saved.connect(
            lambda path: self.status_message.emit(lambda: self.tr("保存しました: {0}").format(path))
        )
        self.pages.addTab(self.report, "")

        self.progress_model = ListProgressModel(self)
        self.progress_table = quiet_table_view("progressTable", self.progress_model)
        self.progress_table.setSortingEnabled(True)
        self.progress_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.progress_table.setItemDelegateForColumn(BAR_COLUMN, ProgressBarDelegate(self.progress_table))
        self.progress_legend = QLabel()
        self.progress_legend.setObjectName("progressLegend")
        self.progress_legend.setWordWrap(True)
        self.progress_page = QWidget()
        progress_layout = QVBoxLayout(self.progress_page)
        progress_layout.setContentsMargins(0, 6, 0, 0)
        progress_layout.addWidget(self.progress_table, 1)
        progress_layout.addWidget(self.progress_legend)
        self.progress_reader = Reader(work, lambda store: list(store.list_progress()), self)
        self.progress_reader.read.connect(self._show_progress)
        self.pages.addTab(self.progress_page, "")
        self._progress_stale = True

        self.board_model = TeamBoardModel(self)
        self.board_table = quiet_table_view("boardTable", self.board_model)
        self.board_summary = QLabel()
        self.board_summary.setObjectName("boardSummary")
        self.board_summary.setWordWrap(True)
        self.board_note = QLabel()
        self.board_note.setObjectName("boardNote")
        self.board_note.setWordWrap(True)
        self.board_note.setStyleSheet("color: #5b6570;")
        self.board_page = QWidget()
        board_layout = QVBoxLayout(self.board_page)
        board_layout.setContentsMargins(0, 6, 0, 0)
        board_layout.addWidget(self.board_summary)
        board_layout.addWidget(self.board_table, 1)
        board_layout.addWidget(self.board_note)
        self.board_reader = Reader(work, lambda store: list(store.team_board()), self)
        self.board_reader.read.connect(self._show_board)
        self.board_reader.failed.connect(self._read_failed)
        self.progress_reader.failed.connect(self._read_failed)
        self._board_stale = True
        # A presence row no one writes again goes stale silently (a client that crashed): the board
        # reads again when the first of its rows would turn to signed out.
        self.stale_timer = QTimer(self)
        self.stale_timer.setSingleShot(True)
        self.stale_timer.timeout.connect(self._stale_passed)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.board_model.tick)
        if self.team:
            self.pages.addTab(self.board_page, "")
        else:  # one person on a SQLite file: no board (kept, hidden, so that nothing needs a check)
            self.board_page.setParent(self)
            self.board_page.hide()
        self.error = QLabel()
        self.error.setObjectName("analyticsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()

        self.pages.currentChanged.connect(lambda _index: self._page_shown())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        self._read_first = False
        self.retranslate()

    def retranslate(self) -> None:
        self.pages.setTabText(self.pages.indexOf(self.report), self.tr("レポート"))
        self.pages.setTabText(self.pages.indexOf(self.progress_page), self.tr("リストの進捗"))
        self.progress_legend.setText(
            legend_html(
                [
                    (DONE_COLOUR, self.tr("完了")),
                    (IN_PROGRESS_COLOUR, self.tr("継続中 (まだ発信できる)")),
                    (NEVER_COLOUR, self.tr("未発信")),
                ]
            )
            + "&nbsp;&nbsp;&nbsp;"
            + self.tr("割合は発信対象外と発信禁止を除いた発信先に対するものです。")
        )
        if self.team:
            self.pages.setTabText(self.pages.indexOf(self.board_page), self.tr("チームの状況"))
        self.board_note.setText(
            self.tr("通話時間は 1 秒ごとに進みます。表は他の端末の変更に合わせて自動で更新されます。")
        )
        self.report.retranslate()
        self.exporter.retranslate()
        self.progress_model.retranslate()
        self.board_model.retranslate()
        self._show_board_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._read_first:  # nothing is read until the manager looks
            self._read_first = True
            self.report.refresh(lists_too=True)
        self._page_shown()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.ticker.stop()

    # ---- reading ---------------------------------------------------------------------------------

    def _page_shown(self) -> None:
        page = self.pages.currentWidget()
        if page is self.progress_page and self._progress_stale:
            self.read_progress()
        if page is self.board_page and self._board_stale:
            self.read_board()
        self._update_ticker()

    def read_progress(self) -> None:
        self._progress_stale = False
        self.progress_reader.request()

    def read_board(self) -> None:
        self._board_stale = False
        self.board_reader.request()

    def apply_changes(self, changes: Changes) -> None:
        """Another client (or this one) changed the store: re-read what is shown, later the rest.

        Presence news (a heartbeat, a call starting) concerns the board alone; calls and targets
        change the progress and the board's counts of today.
        """
        lists_changed = changes.lists or changes.everything or bool(changes.reload_lists) or bool(changes.phones)
        if not (lists_changed or changes.presence):
            return
        self._board_stale = True
        if lists_changed:
            self._progress_stale = True
        if self.isVisible():
            self._page_shown()

    def _read_failed(self, error: Exception) -> None:
        """A read of the progress or the board failed (the server went away): say so; the next
        change, or showing the page again, reads again."""
        self._progress_stale = self._board_stale = True
        self.error.setText(self.tr("最新の状態を読み込めません: {0}").format(error))
        self.error.show()

    def _show_progress(self, rows: list[Any]) -> None:
        self.error.hide()
        self.progress_model.set_progress(rows)
        fit_columns(self.progress_table, fixed={BAR_COLUMN: 210})
        self.progress_loaded.emit()

    def _show_board(self, rows: list[Any]) -> None:
        self.error.hide()
        self.board_model.set_rows(rows)
        fit_columns(self.board_table, AUTOCALL_COLUMN)
        name_width = self.board_table.fontMetrics().horizontalAdvance("あ") * 9
        if self.board_table.columnWidth(0) < name_width:
            self.board_table.setColumnWidth(0, name_width)
        self._show_board_summary()
        self._update_ticker()
        stale = [when for row in rows if row.signed_in and (when := getattr(row, "stale_at", None)) is not None]
        if stale:
            seconds = (min(stale) - datetime.now(UTC)).total_seconds() + 1
            self.stale_timer.start(int(min(max(seconds, 1.0), 24 * 3600) * 1000))
        self.board_loaded.emit()

    def _stale_passed(self) -> None:
        self._board_stale = True
        if self.isVisible():
            self._page_shown()

    def _show_board_summary(self) -> None:
        rows = self.board_model.rows()
        states = [state_of(row) for row in rows]
        calls = sum(row.calls_today for row in rows)
        answered = sum(row.answered_today for row in rows)
        self.board_summary.setText(
            legend_html(
                [
                    (STATE_COLOURS[ON_CALL], self.tr("通話中 {0} 人").format(states.count(ON_CALL))),
                    (STATE_COLOURS[AUTOCALL], self.tr("オートコール中 {0} 人").format(states.count(AUTOCALL))),
                    (STATE_COLOURS[SIGNED_IN], self.tr("待機中 {0} 人").format(states.count(SIGNED_IN))),
                    (STATE_COLOURS[SIGNED_OUT], self.tr("オフライン {0} 人").format(states.count(SIGNED_OUT))),
                ],
                "●",
            )
            + "&nbsp;&nbsp;&nbsp;·&nbsp;&nbsp;&nbsp;"
            + self.tr("今日の発信 {0} 件 · 応答 {1} 件").format(f"{calls:,}", f"{answered:,}")
        )

    def _update_ticker(self) -> None:
        wanted = self.isVisible() and self.pages.currentWidget() is self.board_page and self.board_model.on_call_count() > 0
        if wanted and not self.ticker.isActive():
            self.ticker.start()
        elif not wanted:
            self.ticker.stop()
