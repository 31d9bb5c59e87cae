"""後処理 of a hand-dialled call: its disposition and note, and a callback if one is wanted.

Shown after a call dialled by hand ends, when 設定 → 通話 asks for it (auto-call has its own
wrap-up in its bar). Nothing is lost: 閉じる without 保存 keeps nothing only when nothing was
typed; anything typed is saved as the dialog closes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.campaign.callback_dialog import add_callback_menu


def fill_dispositions(combo: QComboBox, names: Sequence[str]) -> None:
    """Offer ``names`` (the managers' vocabulary, in their order) after an empty choice, keeping
    what is chosen or typed."""
    chosen = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("")
    combo.addItems(list(names))
    combo.setCurrentText(chosen)
    combo.blockSignals(False)


class WrapUpDialog(QDialog):
    """The wrap-up of one hand-dialled call (record ``record_id``).

    Signals:
        wrapped_up(int, str, str): record id, disposition and note (either may be empty).
        callback_chosen(object): a ``CallbackChoice`` for the number.
        callback_dialog_wanted(): 日時を指定… was chosen.
    """

    wrapped_up = Signal(int, str, str)
    callback_chosen = Signal(object)
    callback_dialog_wanted = Signal()

    def __init__(
        self, record_id: int, target: str, outcome: str, dispositions: Sequence[str], user: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpDialog")
        self.record_id = record_id
        self._sent = False
        self.setWindowTitle(self.tr("後処理"))
        self.target = QLabel(target)
        self.target.setObjectName("wrapUpTarget")
        self.outcome = QLabel(outcome)
        self.disposition = QComboBox()
        self.disposition.setObjectName("wrapUpDisposition")
        self.disposition.setEditable(True)
        fill_dispositions(self.disposition, dispositions)
        self.note = QLineEdit()
        self.note.setObjectName("wrapUpNote")
        self.note.returnPressed.connect(self.save)
        self.callback_button = QPushButton(self.tr("再架電予約"))
        self.callback_button.setObjectName("wrapUpCallback")
        menu = QMenu(self.callback_button)
        sub = add_callback_menu(menu, user, self.callback_chosen.emit, self.callback_dialog_wanted.emit)
        self.callback_button.setMenu(sub)
        self._menu = menu
        form = QFormLayout()
        form.addRow(self.tr("発信先"), self.target)
        form.addRow(self.tr("通話結果"), self.outcome)
        form.addRow(self.tr("結果"), self.disposition)
        form.addRow(self.tr("メモ"), self.note)
        form.addRow("", self.callback_button)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("wrapUpSave")
        buttons.addButton(self.tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def typed(self) -> tuple[str, str]:
        return self.disposition.currentText().strip(), self.note.text().strip()

    def _send(self) -> None:
        disposition, note = self.typed()
        if not self._sent and (disposition or note):
            self._sent = True
            self.wrapped_up.emit(self.record_id, disposition, note)

    def save(self) -> None:
        self._send()
        self.accept()

    def reject(self) -> None:
        self._send()  # what was typed is kept, whichever way the dialog closes
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._send()
        super().closeEvent(event)

