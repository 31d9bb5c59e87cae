"""Calls as lists of rows: the phone's 最近の通話 with redial, and one number's history.

Both show :class:`~calllist_desktop.store.views.CallRecord` values read from the store (the
recent calls of this user, or every call with one number), in the same words as the tables:
the outcome labels of SPEC §1 (``core.outcomes``), the call states of the call card.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.outcomes import Direction
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.views import CallRecord
from calllist_desktop.ui.table.columns import DIRECTION_SOURCES, call_state_label, outcome_label, tr

if TYPE_CHECKING:
    from calllist_desktop.ui.store_work import Job, StoreWork

log = logging.getLogger(__name__)

RECENT_CALLS = 20
"""How many of the user's calls the phone lists."""

PHONE_COLUMN, WHO_COLUMN = 2, 3

WHO_ROOM = "長田 翔子"
"""What the 相手 column must have room for beside the number (a name of a few characters); with
less room (the wide window's phone at its first 290 pixels) the number column goes, and 相手
shows the number of a call to no contact."""


def outcome_text(record: CallRecord) -> str:
    """The outcome label, or the card's word for a call still going on."""
    if record.outcome is None:
        return call_state_label("talking")
    return outcome_label(record.outcome)


def when_text(record: CallRecord) -> str:
    """Today's calls by their time, older ones by their date (the phone is narrow; the tooltip
    has both)."""
    local = record.started_at.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%m/%d")


def who_text(record: CallRecord) -> str:
    return record.person or record.company


def who_tip(record: CallRecord) -> str:
    """The 相手 cell's tooltip: company, person and the number (the cell may be elided, and the
    number column hidden)."""
    names = " ".join(part for part in (record.company, record.person) if part)
    number = format_national(record.phone)
    return f"{names}\n{number}" if names else number


def row_texts(record: CallRecord, state: str = "") -> list[str]:
    """時刻, 結果 (↗ outbound, ↘ inbound), 電話番号, 相手 of a call, as the list shows them;
    ``state``, the call card's word, for the call going on now."""
    arrow = "↘" if record.direction is Direction.INBOUND else "↗"
    result = state if state and record.outcome is None else outcome_text(record)
    return [when_text(record), f"{arrow} {result}", format_national(record.phone), who_text(record)]


class RecentCalls(QWidget):
    """The phone's 最近の通話: this user's latest calls, newest first, with redial.

    Double-click a row, press Enter on it, click 再発信 or use the ``redial`` action (its
    shortcut works anywhere in the window): the selected call's number is dialled again, or the
    newest call's when none is selected.

    Signals:
        redial_requested(str, int): phone (E.164) and list id (0: none) of the call to repeat.
    """

    redial_requested = Signal(str, int)

    def __init__(self, redial: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recentCalls")
        self._redial = redial
        self.records: list[CallRecord] = []
        self._reading: Job | None = None  # the read under way
        self._call_id, self._call_text = -1, ""  # the call going on, in the card's word
        self.title = QLabel()
        self.title.setObjectName("recentTitle")
        # 再発信, with the recent calls as its menu too: a small window has no room for the list.
        self.redial_button = QToolButton()
        self.redial_button.setObjectName("redialButton")
        self.redial_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.redial_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.redial_button.clicked.connect(self.redial)
        self.menu = QMenu(self.redial_button)
        self.menu.setObjectName("recentMenu")
        self.redial_button.setMenu(self.menu)
        self.tree = QTreeWidget()
        self.tree.setObjectName("recentList")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnCount(4)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.header().setStretchLastSection(True)  # who, elided: time, outcome and number stay whole
        # (相手 gets the room left, not a fixed minimum that runs past the list's edge)
        self.tree.header().setMinimumSectionSize(0)
        self.tree.viewport().installEventFilter(self)  # its width decides whether the number column fits
        # The phone's other parts come first: the list takes only the height they leave (none
        # in a small window during auto-call); its title and 再発信 stay.
        self.tree.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.tree.setMinimumHeight(0)
        self.tree.itemActivated.connect(lambda _item, _column: self.redial())
        self.tree.itemSelectionChanged.connect(self._update_button)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.redial_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.tree, 1)
        layout.addStretch(0)  # (the title stays at the top while the list is hidden)
        # The whole of it takes only the height the phone leaves: a laptop at 200 % (540 logical
        # pixels) must still fit the compact phone, where Ctrl+R redials without the button.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("最近の通話"))
        self.redial_button.setText(self.tr("再発信"))
        shortcut = self._redial.shortcut().toString()
        tip = self.tr("選択した通話 (なければ最新の通話) の番号に発信")
        self.redial_button.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        self.tree.setHeaderLabels([self.tr("時刻"), self.tr("結果"), self.tr("電話番号"), self.tr("相手")])
        self.show_records(self.records)

    def show_records(self, records: Sequence[CallRecord]) -> None:
        """List ``records`` (newest first), keeping the selected call selected."""
        selected = self.selected()
        self.records = list(records)
        self.tree.clear()
        self.menu.clear()
        for record in self.records:
            cells = row_texts(record, self._call_text if record.id == self._call_id else "")
            item = QTreeWidgetItem(cells)
            item.setData(0, Qt.ItemDataRole.UserRole, record.id)
            item.setToolTip(0, record.started_at.astimezone().strftime("%Y-%m-%d %H:%M"))
            item.setToolTip(WHO_COLUMN, who_tip(record))
            self.tree.addTopLevelItem(item)
            if selected is not None and record.id == selected.id:
                item.setSelected(True)
                self.tree.setCurrentItem(item)
            action = self.menu.addAction("  ".join(cell for cell in cells if cell))
            action.triggered.connect(lambda _=False, r=record: self.redial_requested.emit(r.phone, r.list_id or 0))
        self._fit_columns()
        self._update_button()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Time, result and number as wide as their texts, 相手 the rest; when that rest cannot
        hold :data:`WHO_ROOM`, the number column goes and 相手 shows the number of a call to no
        contact (a name keeps its number in the tooltip)."""
        tree = self.tree
        header = tree.header()
        needed = sum(max(tree.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(WHO_COLUMN))
        room = tree.viewport().width() - needed
        narrow = room < tree.fontMetrics().horizontalAdvance(WHO_ROOM) + 8
        tree.setColumnHidden(PHONE_COLUMN, narrow)
        for index, record in enumerate(self.records):
            item = tree.topLevelItem(index)
            if item is not None:
                number = format_national(record.phone) if narrow else ""
                item.setText(WHO_COLUMN, who_text(record) or number)
        for column in range(WHO_COLUMN):
            if not tree.isColumnHidden(column):
                tree.resizeColumnToContents(column)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The list only where two calls fit under its header: a sliver of it looks broken (the
        # menu has them all).
        super().resizeEvent(event)
        header = self.redial_button.sizeHint().height()
        self.title.setVisible(self.height() >= header)
        self.redial_button.setVisible(self.height() >= header)
        room = self.height() - header
        self.tree.setVisible(room >= 3 * (self.fontMetrics().height() + 4) + 12)

    def set_call_state(self, record_id: int | None, text: str) -> None:
        """The call going on (its row id) says ``text``, as the call card does, not 通話中 alone."""
        record_id = -1 if record_id is None else record_id
        if (record_id, text) == (self._call_id, self._call_text):
            return
        self._call_id, self._call_text = record_id, text
        for index, record in enumerate(self.records):
            if record.outcome is None:
                item = self.tree.topLevelItem(index)
                if item is not None:
                    item.setText(1, row_texts(record, text if record.id == record_id else "")[1])

    def reload(self, work: StoreWork, user: str) -> None:
        """Read this user's recent calls off the GUI thread and show them (an earlier read still
        under way is dropped: its answer would be older)."""
        if self._reading is not None:
            self._reading.cancel()
        self._reading = work.read(
            self, lambda store: store.recent_calls(user, limit=RECENT_CALLS), self.show_records, self._not_loaded
        )

    def _not_loaded(self, error: Exception) -> None:
        log.warning("recent calls: %s", error)  # the list keeps what it showed; the next call reads again

    def selected(self) -> CallRecord | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        record_id = items[0].data(0, Qt.ItemDataRole.UserRole)
        return next((record for record in self.records if record.id == record_id), None)

    def redial(self) -> None:
        """Dial the selected call's number again, else the newest call's."""
        record = self.selected() or (self.records[0] if self.records else None)
        if record is not None:
            self.redial_requested.emit(record.phone, record.list_id or 0)

    def _update_button(self) -> None:
        self.redial_button.setEnabled(bool(self.records) and self._redial.isEnabled())


class CallHistoryDialog(QDialog):
    """履歴: the calls with one number (newest first), from the store. Kept simple on purpose."""

    def __init__(self, work: StoreWork, phone: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callHistory")
        self.phone = phone
        number = format_national(phone)
        self.setWindowTitle(self.tr("通話履歴: {0}").format(f"{name} ({number})" if name else number))
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(
            [self.tr("日時"), self.tr("種別"), self.tr("結果"), self.tr("担当者"), self.tr("通話時間"), self.tr("メモ")]
        )
        self.status = QLabel(self.tr("読み込み中…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(680, 360)
        self.records: list[CallRecord] | None = None
        work.read(self, lambda store: store.calls_of(phone), self.show_records, self._failed)

    def show_records(self, records: list[CallRecord]) -> None:
        self.records = records
        self.tree.clear()
        for record in records:
            talk = ""
            if record.answered_at is not None and record.ended_at is not None:
                seconds = int((record.ended_at - record.answered_at).total_seconds())
                talk = f"{seconds // 60:02d}:{seconds % 60:02d}"
            self.tree.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        record.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                        tr(DIRECTION_SOURCES[record.direction]),
                        outcome_text(record),
                        record.agent_name or record.agent_login or "",
                        talk,
                        record.note or "",
                    ]
                )
            )
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
        self.status.setText(self.tr("{0} 件の通話").format(len(records)) if records else self.tr("通話はまだありません"))

    def _failed(self, error: Exception) -> None:
        self.records = []
        self.status.setText(self.tr("履歴を読めませんでした: {0}").format(error))
