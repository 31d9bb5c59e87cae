"""履歴: one number's calls and notes, beside the list in the wide window (SPEC §9).

The selected target's (or the incoming caller's) calls, newest first: when, who, direction,
outcome, disposition, note, talk time, and its recording when there is one (double-click plays
it); notes written without a call are among them. メモを追加 writes a note without a call.
Reads run off the GUI thread and an older read that comes late is dropped.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from calllist_desktop.core.phone import format_national
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.background import run_in_background
from calllist_desktop.ui.table.columns import DIRECTION_SOURCES, call_state_label, outcome_label, tr

if TYPE_CHECKING:
    from calllist_desktop.store.campaign_views import HistoryEntry
    from calllist_desktop.store.deferred import StoreApi

log = logging.getLogger(__name__)

WHEN, KIND, AGENT, RESULT, DISPOSITION, TALK, NOTE = range(7)
PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 1

PANEL_STYLE = """
#historyTitle { font-weight: 600; }
#historyWho { color: #44505c; }
#historyEmpty { color: #5b6570; }
"""


def talk_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class HistoryPanel(QWidget):
    """The calls and notes of one number, and a field to add a note.

    Signals:
        note_added(str): the phone a note was just written for.
    """

    note_added = Signal(str)

    def __init__(self, store: StoreApi, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.store = store
        self.user = user
        self.phone: str | None = None
        self.name = ""
        self.entries: list[HistoryEntry] = []
        self._generation = 0
        self.title = QLabel()
        self.title.setObjectName("historyTitle")
        self.who = QLabel()
        self.who.setObjectName("historyWho")
        self.who.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyList")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setColumnCount(7)
        self.tree.itemDoubleClicked.connect(self._play)
        self.empty = QLabel()
        self.empty.setObjectName("historyEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.note = QLineEdit()
        self.note.setObjectName("historyNote")
        self.note.returnPressed.connect(self.add_note)
        self.add_button = QPushButton()
        self.add_button.setObjectName("historyAddNote")
        self.add_button.clicked.connect(self.add_note)
        self.error = QLabel()
        self.error.setObjectName("historyError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.who)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(note_row)
        layout.addWidget(self.error)
        self.retranslate()
        self.show_phone(None)

    def retranslate(self) -> None:
        self.title.setText(self.tr("履歴"))
        self.tree.setHeaderLabels(
            [self.tr("日時"), self.tr("種別"), self.tr("担当者"), self.tr("結果"), self.tr("区分"), self.tr("通話時間"), self.tr("メモ")]
        )
        self.note.setPlaceholderText(self.tr("メモを追加 (通話なしで記録)"))
        self.add_button.setText(self.tr("追加"))
        self._show_empty()
        if self.entries:
            self.show_entries(self.entries)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading -------------------------------------------------------------------------------

    def show_phone(self, phone: str | None, name: str = "") -> None:
        """Show the history of ``phone`` (``None``: nothing chosen), read off the GUI thread."""
        self._generation += 1
        generation = self._generation
        changed = phone != self.phone
        self.phone, self.name = phone, name
        number = format_national(phone) if phone else ""
        self.who.setText(f"{name} ({number})" if name and number else number)
        self.note.setEnabled(phone is not None)
        self.add_button.setEnabled(phone is not None)
        if changed:
            self.entries = []
            self.tree.clear()
            self.error.hide()
        self._show_empty()
        if phone is None:
            return

        def done(entries: list[HistoryEntry]) -> None:
            if isValid(self) and generation == self._generation:
                self.show_entries(entries)

        run_in_background(lambda: self.store.history(phone), done, self._failed)

    def refresh(self) -> None:
        if self.phone is not None:
            self.show_phone(self.phone, self.name)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.entries = list(entries)
        self.tree.clear()
        for entry in self.entries:
            self.tree.addTopLevelItem(self._item(entry))
        for column in (WHEN, KIND, AGENT, RESULT, DISPOSITION, TALK):
            self.tree.resizeColumnToContents(column)
        self._show_empty()

    def _item(self, entry: HistoryEntry) -> QTreeWidgetItem:
        when = entry.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        agent = entry.agent_name or entry.agent_login or ""
        if entry.kind == "note":
            item = QTreeWidgetItem([when, self.tr("メモ"), agent, "", "", "", entry.note or ""])
            return item
        direction = tr(DIRECTION_SOURCES[entry.direction]) if entry.direction is not None else ""
        result = outcome_label(entry.outcome) if entry.outcome is not None else call_state_label("talking")
        texts = [when, direction, agent, result, entry.disposition or "", talk_text(entry.duration), entry.note or ""]
        item = QTreeWidgetItem(texts)
        if entry.recording:
            item.setText(TALK, f"{texts[TALK]} ▶")
            item.setToolTip(TALK, self.tr("ダブルクリックで録音を再生"))
            item.setData(0, PATH_ROLE, entry.recording)
        elif entry.recording_error:
            item.setToolTip(TALK, self.tr("録音なし: {0}").format(entry.recording_error))
        if entry.note:
            item.setToolTip(NOTE, entry.note)
        return item

    def _show_empty(self) -> None:
        if self.phone is None:
            self.empty.setText(self.tr("発信先を選ぶと、その番号の通話とメモがここに表示されます。"))
        else:
            self.empty.setText(self.tr("通話もメモもまだありません。"))
        self.tree.setVisible(bool(self.entries))
        self.empty.setVisible(not self.entries)

    def _failed(self, error: Exception) -> None:
        log.warning("history: %s", error)
        if isValid(self):
            self.error.setText(self.tr("履歴を読めませんでした: {0}").format(error))
            self.error.show()

    # --- actions -------------------------------------------------------------------------------

    def add_note(self) -> None:
        text = self.note.text().strip()
        if not text or self.phone is None:
            return
        try:
            self.store.add_note(self.phone, text, user=self.user)
        except StoreError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return  # what was typed stays in the field
        self.error.hide()
        self.note.clear()
        self.note_added.emit(self.phone)
        self.refresh()

    def _play(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if isinstance(path, str) and path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))



