"""再架電予約 tab: the callbacks booked, soonest first, overdue ones standing out (SPEC §9).

An operator sees the callbacks for them and those anyone may take; a manager sees everyone's
(自分の予約のみ narrows it). 発信 calls the selected one back, 削除 removes it. The list is read
off the GUI thread; live updates (``ui.live_updates``) and a minute timer keep it current.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.phone import format_national
from calllist_desktop.ui.campaign.callbacks_model import CallbacksModel
from calllist_desktop.ui.style import quiet_table

if TYPE_CHECKING:
    from calllist_desktop.store.campaign_views import CallbackInfo as Callback
    from calllist_desktop.store.watch import Changes
    from calllist_desktop.ui.store_work import Job, StoreWork

log = logging.getLogger(__name__)


class CallbacksView(QWidget):
    """The callbacks tab.

    Signals:
        dial_requested(str, int): phone and list id of the callback to make now.
        overdue_changed(int): how many callbacks shown are overdue (the tab says so).
    """

    dial_requested = Signal(str, int)
    overdue_changed = Signal(int)

    def __init__(
        self,
        work: StoreWork,
        user: str,
        *,
        is_admin: bool,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callbacksView")
        self.work = work
        self.user = user
        self.is_admin = is_admin
        self._reading: Job | None = None  # the read under way (a newer one drops it)
        self.model = CallbacksModel(self, now=now)
        self.table = QTableView()
        self.table.setObjectName("callbacksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)  # as the lists' tables
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)  # the note takes the rest
        quiet_table(self.table)
        self.table.doubleClicked.connect(lambda _index: self.dial_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.mine_only = QCheckBox()
        self.mine_only.setObjectName("callbacksMine")
        self.mine_only.setChecked(not is_admin)
        self.mine_only.setVisible(is_admin)  # an operator sees only theirs (and anyone's) anyway
        self.mine_only.toggled.connect(lambda _on: self.reload())
        self.summary = QLabel()
        self.summary.setObjectName("callbacksSummary")
        self.dial_button = QPushButton()
        self.dial_button.setObjectName("callbackDial")
        self.dial_button.clicked.connect(self.dial_selected)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("callbackRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("callbacksRefresh")
        self.refresh_button.clicked.connect(self.reload)
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.mine_only)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dial_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self.retranslate()
        self._show_counts()

    def retranslate(self) -> None:
        self.mine_only.setText(self.tr("自分の予約のみ"))
        self.dial_button.setText(self.tr("発信"))
        self.remove_button.setText(self.tr("削除"))
        self.refresh_button.setText(self.tr("更新"))
        self.empty.setText(self.tr("再架電の予約はありません。\n発信先の右クリックメニューや後処理から予約できます。"))
        self.model.retranslate()
        self._show_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the callbacks again (off the GUI thread); the selection stays."""
        mine = self.mine_only.isChecked()
        if self._reading is not None:
            self._reading.cancel()
        self._reading = self.work.read(
            self, lambda store: store.callbacks(user=self.user, mine=mine), self.show_callbacks, self._failed
        )

    def show_callbacks(self, callbacks: list[Callback]) -> None:
        self.model.set_callbacks(callbacks)
        self._show_counts()

    def apply_changes(self, changes: Changes) -> None:
        """Live updates: a change to the callbacks (or anything unknown) re-reads them."""
        if changes.everything or "callbacks" in changes.tables or "contacts" in changes.tables:
            self.reload()

    def _tick(self) -> None:
        self.model.tick()
        self._show_counts()

    def _show_counts(self) -> None:
        total, overdue = self.model.rowCount(), self.model.overdue_count()
        if overdue:
            self.summary.setText(self.tr("{0} 件 (期限切れ {1} 件)").format(total, overdue))
        else:
            self.summary.setText(self.tr("{0} 件").format(total))
        self.table.setVisible(total > 0)
        self.empty.setVisible(total == 0)
        self.overdue_changed.emit(overdue)
        self._update_buttons()

    def _failed(self, error: Exception) -> None:
        log.warning("callbacks: %s", error)
        self.summary.setText(self.tr("再架電予約を読めませんでした: {0}").format(error))

    # --- actions -------------------------------------------------------------------------------

    def selected(self) -> Callback | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.callback_at(rows[0].row()) if rows else None

    def select_callback(self, callback_id: int) -> bool:
        for row, item in enumerate(self.model.callbacks()):
            if item.id == callback_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.dial_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def dial_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.dial_requested.emit(item.phone, item.list_id or 0)

    def remove_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        # Asked first, as the do-not-call list's 削除 is: a booking gone by a slip is a customer not called back.
        due = item.due_at.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self,
            self.tr("再架電予約の削除"),
            self.tr("{0} の再架電予約 ({1}) を削除しますか?").format(format_national(item.phone), due),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def refused(error: Exception) -> None:
            QMessageBox.warning(self, self.tr("再架電予約"), str(error))
            self.reload()

        self.work.write(self, lambda store: store.remove_callback(item.id), lambda _none: self.reload(), refused)
