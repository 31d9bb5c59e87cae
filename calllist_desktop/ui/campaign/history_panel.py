"""履歴: one number's calls and notes, under the list in the wide window (SPEC §9).

The selected target's (or the incoming caller's) calls, newest first: when, who, direction,
outcome, disposition, note, talk time, and its recording when there is one (choosing the call
shows it in the recording strip under the calls, a double-click or Enter plays it on the headset); notes
written without a call are among them. メモを追加 writes a note without a call.
Reads and the note's write run on the window's StoreWork, tied to the panel; choosing another
number cancels the read of the one before, so a late answer never shows.

The panel sits under the table (:class:`ListWithHistory`), not beside it: the operator's table
needs the whole width for its ten columns, and a call's row of history (time, agent, outcome,
disposition, note) reads best at full width too. Its header strip stays; the rest folds away
while nothing is chosen or when the operator closes it, and the height it had open is kept.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.phone import format_national
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.recording_player import RecordingStrip
from calllist_desktop.ui.table.columns import DIRECTION_SOURCES, call_state_label, outcome_label, tr

if TYPE_CHECKING:
    from calllist_desktop.store.campaign_views import HistoryEntry
    from calllist_desktop.ui.store_work import Job, StoreWork

log = logging.getLogger(__name__)

WHEN, KIND, AGENT, RESULT, DISPOSITION, TALK, NOTE = range(7)

PANEL_STYLE = """
#historyToggle { font-weight: 600; border: none; padding: 2px 4px; }
#historyWho { color: #44505c; }
#historyWho[hint="true"] { color: #6b7580; }
#historyEmpty { color: #5b6570; }
"""

OPEN_HEIGHT: Final = 230
"""The history's height when first opened (logical pixels); then the height the user gave it."""
MOST_OF_BODY: Final = 0.5
"""The open history never takes more than this share of the height (a small screen keeps its table)."""
QWIDGETSIZE_MAX: Final = 16777215


def talk_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class HistoryPanel(QWidget):
    """The calls and notes of one number, and a field to add a note.

    The header strip (▾ 履歴 and who) is always there; the calls, the notes and the note field
    (:attr:`body`) show when a number is chosen and the panel is open (:attr:`toggle`).

    Signals:
        note_added(str): the phone a note was just written for.
        body_shown(bool): the calls and notes were shown or folded away.
        loaded(): the chosen number's calls and notes are in (used by ``--screenshot``).
    """

    note_added = Signal(str)
    body_shown = Signal(bool)
    loaded = Signal()

    def __init__(self, work: StoreWork, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.work = work
        self.user = user
        self.phone: str | None = None
        self.name = ""
        self.entries: list[HistoryEntry] = []
        self._reading: Job | None = None
        self._writing_note = False
        self.toggle = QToolButton()
        self.toggle.setObjectName("historyToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(lambda _on: self._show_body())
        self.who = QLabel()
        self.who.setObjectName("historyWho")
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.who.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )  # long names never widen the window
        self.tree = QTreeWidget()
        self.tree.setObjectName("historyList")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setColumnCount(7)
        # Activated: a double-click, or Enter on the chosen call (the keyboard's way to play it).
        self.tree.itemActivated.connect(lambda item, _column: self._show_recording(item, play=True))
        self.tree.currentItemChanged.connect(lambda item, _before: self._show_recording(item))
        self.recording = RecordingStrip()
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
        self.header = QWidget()
        self.header.setObjectName("historyHeader")
        header_row = QHBoxLayout(self.header)
        header_row.setContentsMargins(0, 2, 0, 2)
        header_row.addWidget(self.toggle)
        header_row.addWidget(self.who, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.add_button)
        self.body = QWidget()
        self.body.setObjectName("historyBody")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.tree, 1)
        body.addWidget(self.empty, 1)
        body.addWidget(self.recording)
        body.addLayout(note_row)
        body.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.body, 1)
        self.retranslate()
        self.show_phone(None)

    @property
    def is_open(self) -> bool:
        """The operator wants the calls and notes shown (when a number is chosen)."""
        return self.toggle.isChecked()

    def set_open(self, on: bool) -> None:
        self.toggle.setChecked(on)

    def body_visible(self) -> bool:
        """The calls and notes are shown: a number is chosen and the panel is open."""
        return self.phone is not None and self.is_open

    def header_height(self) -> int:
        layout = self.layout()
        margins = (
            layout.contentsMargins().top() + layout.contentsMargins().bottom() if layout is not None else 0
        )
        return self.header.sizeHint().height() + margins

    def _show_body(self) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if self.is_open else Qt.ArrowType.RightArrow)
        self.toggle.setToolTip(self.tr("履歴を閉じる") if self.is_open else self.tr("履歴を開く"))
        visible = self.body_visible()
        if visible != (not self.body.isHidden()):
            self.body.setVisible(visible)
            self.body_shown.emit(visible)

    def _show_who(self) -> None:
        number = format_national(self.phone) if self.phone else ""
        if self.phone is None:
            text = self.tr("発信先を選ぶと、その番号の通話とメモがここに表示されます。")
        else:
            text = f"{self.name} ({number})" if self.name else number
        self.who.setProperty("hint", self.phone is None)
        self.who.setStyleSheet(self.who.styleSheet())  # the hint's colour follows the property
        self.who.setText(text)
        self.who.setToolTip(text)

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("履歴"))
        self.tree.setHeaderLabels(
            [
                self.tr("日時"),
                self.tr("種別"),
                self.tr("担当者"),
                self.tr("ステータス"),
                self.tr("結果"),
                self.tr("通話時間"),
                self.tr("メモ"),
            ]
        )
        self.note.setPlaceholderText(self.tr("メモを追加 (通話なしで記録)"))
        self.add_button.setText(self.tr("追加"))
        self._show_who()
        self._show_empty()
        self._show_body()
        if self.entries:
            self.show_entries(self.entries)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading -------------------------------------------------------------------------------

    def show_phone(self, phone: str | None, name: str = "") -> None:
        """Show the history of ``phone`` (``None``: nothing chosen), read off the GUI thread; the
        read of the number shown before, if still going, is dropped."""
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None
        changed = phone != self.phone
        self.phone, self.name = phone, name
        self._show_who()
        self.note.setEnabled(phone is not None)
        self.add_button.setEnabled(phone is not None)
        if changed:
            self.recording.close_strip()
            self.entries = []
            self.tree.clear()
            self.error.hide()
        self._show_empty()
        self._show_body()
        if phone is None:
            return
        self._reading = self.work.read(
            self, lambda store: store.history(phone), self.show_entries, self._failed
        )

    def refresh(self) -> None:
        if self.phone is not None:
            self.show_phone(self.phone, self.name)

    def name_phone(self, phone: str, name: str) -> None:
        """``phone``'s name came to be known after its history was asked for (an incoming caller's
        contact is looked up while the phone rings): the header says it, if it still shows it."""
        if phone == self.phone and name and name != self.name:
            self.name = name
            self._show_who()

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.entries = list(entries)
        self.tree.clear()
        for entry in self.entries:
            self.tree.addTopLevelItem(self._item(entry))
        for column in (WHEN, KIND, AGENT, RESULT, DISPOSITION, TALK):
            self.tree.resizeColumnToContents(column)
        self._show_empty()
        self.loaded.emit()

    def _item(self, entry: HistoryEntry) -> QTreeWidgetItem:
        when = entry.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        agent = entry.agent_name or entry.agent_login or ""
        if entry.kind == "note":
            item = QTreeWidgetItem([when, self.tr("メモ"), agent, "", "", "", entry.note or ""])
            return item
        direction = tr(DIRECTION_SOURCES[entry.direction]) if entry.direction is not None else ""
        result = outcome_label(entry.outcome) if entry.outcome is not None else call_state_label("talking")
        texts = [
            when,
            direction,
            agent,
            result,
            entry.disposition or "",
            talk_text(entry.duration),
            entry.note or "",
        ]
        item = QTreeWidgetItem(texts)
        if entry.recording:
            item.setText(TALK, f"{texts[TALK]} ▶")
            item.setToolTip(TALK, self.tr("ダブルクリックまたは Enter で録音を再生"))
        elif entry.recording_error:
            item.setToolTip(TALK, self.tr("録音なし: {0}").format(entry.recording_error))
        if entry.note:
            item.setToolTip(NOTE, entry.note)
        return item

    def _show_empty(self) -> None:
        self.empty.setText(self.tr("この番号との通話もメモもまだありません。下の欄からメモを残せます。"))
        self.tree.setVisible(bool(self.entries))
        self.empty.setVisible(not self.entries)

    def _failed(self, error: Exception) -> None:
        log.warning("history: %s", error)
        self.error.setText(self.tr("履歴を読めませんでした: {0}").format(error))
        self.error.show()

    # --- actions -------------------------------------------------------------------------------

    def add_note(self) -> None:
        """Write the typed note for the number shown (once: a second press while it is being
        written does nothing); the field is cleared once the store has it."""
        text = self.note.text().strip()
        if not text or self.phone is None or self._writing_note:
            return
        phone, user = self.phone, self.user
        self._writing_note = True
        self.work.write(
            self,
            lambda store: store.add_note(phone, text, user=user),
            lambda _id: self._note_added(phone),
            self._note_failed,
        )

    def _note_added(self, phone: str) -> None:
        self._writing_note = False
        self.error.hide()
        if phone == self.phone:
            self.note.clear()
        self.note_added.emit(phone)
        self.refresh()

    def _note_failed(self, error: Exception) -> None:
        self._writing_note = False
        if not isinstance(error, StoreError):
            log.error("adding a note failed", exc_info=error)
        self.error.setText(str(error))
        self.error.show()  # what was typed stays in the field

    def _show_recording(self, item: QTreeWidgetItem | None, play: bool = False) -> None:
        """A call with a recording was chosen (``play``: double-clicked): the strip shows it.
        Choosing a row without one leaves what plays alone (the operator may read a note meanwhile)."""
        index = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        if not 0 <= index < len(self.entries) or self.phone is None:
            return
        entry = self.entries[index]
        if entry.recording:
            self.recording.load(entry.recording, entry.started_at, self.phone, play=play)


class ListWithHistory(QSplitter):
    """A table with the :class:`HistoryPanel` under it, the split remembered.

    While the history's calls and notes are folded away (nothing chosen, or closed by the
    operator) only its header strip takes room; when they show, the panel gets back the height
    it had (never more than half the height). :meth:`save_state` / :meth:`restore_state` keep
    whether it is open and that height between starts.
    """

    def __init__(self, table: QWidget, history: HistoryPanel, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("listBody")
        self.setChildrenCollapsible(False)
        self.history = history
        self.open_height = OPEN_HEIGHT
        self.addWidget(table)
        self.addWidget(history)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        history.body_shown.connect(lambda _shown: self.arrange())
        self.splitterMoved.connect(self._moved)
        self.arrange()

    def arrange(self) -> None:
        """Give the history its header's height, or its open height when its body shows."""
        total = sum(self.sizes()) or self.height()
        if self.history.body_visible():
            self.history.setMaximumHeight(QWIDGETSIZE_MAX)
            height = min(self.open_height, int(total * MOST_OF_BODY)) if total > 0 else self.open_height
            self.handle(1).setEnabled(True)
        else:
            height = self.history.header_height()
            self.history.setMaximumHeight(height)
            self.handle(1).setEnabled(False)
        if total > 0:
            self.setSizes([max(total - height, 0), height])

    def _moved(self, _position: int, _index: int) -> None:
        if self.history.body_visible():
            self.open_height = self.sizes()[1]

    def resizeEvent(self, event: QResizeEvent) -> None:
        first = sum(self.sizes()) == 0
        super().resizeEvent(event)
        if first:
            self.arrange()

    def save_state(self) -> QByteArray:
        return QByteArray(json.dumps({"open": self.history.is_open, "height": self.open_height}).encode())

    def restore_state(self, state: QByteArray | None) -> bool:
        """Put back what :meth:`save_state` gave; False (defaults kept) for anything else."""
        try:
            saved = json.loads(bytes(state.data()).decode()) if state is not None else None
        except (UnicodeDecodeError, ValueError):
            return False
        if not isinstance(saved, dict):
            return False
        height, is_open = saved.get("height"), saved.get("open")
        if isinstance(height, int) and height > 0:
            self.open_height = height
        if isinstance(is_open, bool):
            self.history.set_open(is_open)
        self.arrange()
        return True
