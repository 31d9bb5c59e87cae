"""結果 (dispositions): the vocabulary managers keep, offered in every wrap-up (SPEC §9).

Each has a name, whether it ends the target (auto-call does not come back to it) and whether it
puts the number on the do-not-call list; their order is the order the wrap-up offers them. The
dialog edits a copy and saves the whole vocabulary in one write.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.campaign_views import DispositionInfo
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.settings_widgets import SETTINGS_STYLE, field_error, note_label, set_message

if TYPE_CHECKING:
    from calllist_desktop.ui.store_work import StoreWork

NAME, ENDS, BLOCKS = range(3)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


log = logging.getLogger(__name__)

class DispositionsDialog(QDialog):
    """Edit the dispositions: rename in place, tick 終了 / 発信禁止, add, remove, reorder.

    Signals:
        saved(): the vocabulary was written.
    """

    saved = Signal()

    def __init__(
        self, work: StoreWork, loaded: list[DispositionInfo], user: str, parent: QWidget | None = None
    ) -> None:
        """``loaded``: the dispositions as the store has them now (read by the opener)."""
        super().__init__(parent)
        self.setObjectName("dispositionsDialog")
        self.setStyleSheet(SETTINGS_STYLE)
        self.work = work
        self.user = user
        self.loaded = loaded
        self.tree = QTreeWidget()
        self.tree.setObjectName("dispositionsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(3)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.buttons: dict[str, QPushButton] = {}
        side = QVBoxLayout()
        for name, slot in (
            ("add", self.add_row),
            ("remove", self.remove_row),
            ("up", lambda: self.move_row(-1)),
            ("down", lambda: self.move_row(1)),
        ):
            button = QPushButton()
            button.setObjectName(f"disposition_{name}")
            button.clicked.connect(slot)
            side.addWidget(button)
            self.buttons[name] = button
        side.addStretch(1)
        self.note = note_label("dispositionsNote")
        self.error = field_error("dispositionsError")
        box = QDialogButtonBox()
        self.save_button = box.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("dispositionsSave")
        self.cancel_button = box.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.tree, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.resize(560, 400)
        self.retranslate()
        for disposition in self.loaded:
            item = self._append(disposition.name, disposition.ends_target, disposition.blocks_number)
            item.setData(NAME, Qt.ItemDataRole.UserRole, disposition.id)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its title or its longest name, whichever is wider (an English
        title, Ends the target, is longer than its checkbox); the names get room to grow."""
        for column in (NAME, ENDS):
            self.tree.resizeColumnToContents(column)
        em = self.tree.fontMetrics().horizontalAdvance("あ")
        self.tree.setColumnWidth(NAME, max(self.tree.columnWidth(NAME), 10 * em))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("結果の種類"))
        self.tree.setHeaderLabels([self.tr("結果"), self.tr("発信を終える"), self.tr("発信禁止に追加")])
        texts = {"add": self.tr("追加"), "remove": self.tr("削除"), "up": self.tr("上へ"), "down": self.tr("下へ")}
        for name, button in self.buttons.items():
            button.setText(texts[name])
        self.note.setText(
            self.tr(
                "後処理で選べる結果です。「発信を終える」結果の発信先には、オートコールが再び発信しません。"
                "名前はダブルクリックで変更できます。"
            )
        )
        self._fit_columns()
        self.save_button.setText(self.tr("保存"))
        self.cancel_button.setText(self.tr("キャンセル"))

    def _append(self, name: str, ends: bool, blocks: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name, "", ""])
        item.setFlags(_FLAGS | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(ENDS, Qt.CheckState.Checked if ends else Qt.CheckState.Unchecked)
        item.setCheckState(BLOCKS, Qt.CheckState.Checked if blocks else Qt.CheckState.Unchecked)
        self.tree.addTopLevelItem(item)
        return item

    def add_row(self) -> None:
        item = self._append(self.tr("新しい結果"), False, False)
        self.tree.setCurrentItem(item)
        self.tree.editItem(item, NAME)

    def remove_row(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))

    def move_row(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        index = self.tree.indexOfTopLevelItem(item)
        target = index + step
        if 0 <= target < self.tree.topLevelItemCount():
            self.tree.takeTopLevelItem(index)
            self.tree.insertTopLevelItem(target, item)
            self.tree.setCurrentItem(item)

    def dispositions(self) -> list[DispositionInfo]:
        """The vocabulary as the list shows it, in order."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is None:
                continue
            found.append(
                DispositionInfo(
                    id=int(item.data(NAME, Qt.ItemDataRole.UserRole) or 0),  # 0: a new one
                    name=item.text(NAME).strip(),
                    ends_target=item.checkState(ENDS) == Qt.CheckState.Checked,
                    blocks_number=item.checkState(BLOCKS) == Qt.CheckState.Checked,
                    position=index,
                )
            )
        return found

    def problems(self) -> list[str]:
        names = [item.name for item in self.dispositions()]
        found = []
        if any(not name for name in names):
            found.append(self.tr("名前のない結果があります"))
        if len(set(names)) != len(names):
            found.append(self.tr("同じ名前の結果が2つあります"))
        return found

    def save(self) -> None:
        problems = self.problems()
        if problems:
            set_message(self.error, "\n".join(problems))
            return
        wanted, by = self.dispositions(), self.user

        def written(stored: list[DispositionInfo]) -> None:
            self.save_button.setEnabled(True)
            self.loaded = stored
            self.saved.emit()
            self.accept()

        def failed(error: Exception) -> None:
            self.save_button.setEnabled(True)
            if not isinstance(error, StoreError):
                log.error("saving the dispositions failed", exc_info=error)
            set_message(self.error, str(error))  # nothing was written; what was typed stays

        self.save_button.setEnabled(False)  # once: the write is under way
        self.work.write(self, lambda store: store.save_dispositions(wanted, by=by), written, failed)
