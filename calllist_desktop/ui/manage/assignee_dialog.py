"""発信担当者を変更: the small dialog the management panel opens to set the checked targets' assignee."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.views import UserInfo


class AssigneeDialog(QDialog):
    """発信担当者を変更: choose the assignee of the checked targets, or (なし) for nobody.

    The assignee belongs to the phone number, so the dialog says that the change reaches every
    list holding the number. ``current`` preselects a login (when all checked rows share it).
    """

    NOBODY: Final = ""

    def __init__(
        self, users: Sequence[UserInfo], count: int, current: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assigneeDialog")
        self.setWindowTitle(self.tr("発信担当者を変更"))
        self.setMinimumWidth(420)
        self.summary = QLabel(self.tr("選択中の発信先 (%n 件) の発信担当者を設定します。", "", count))
        self.summary.setWordWrap(True)
        self.assignee = QComboBox()
        self.assignee.setObjectName("assigneeChooser")
        self.assignee.addItem(self.tr("(なし)"), self.NOBODY)
        for user in users:
            self.assignee.addItem(f"{user.display_name} ({user.login})", user.login)
        index = self.assignee.findData(current if current is not None else self.NOBODY)
        self.assignee.setCurrentIndex(max(index, 0))
        label = QLabel(self.tr("発信担当者"))
        label.setBuddy(self.assignee)
        self.note = QLabel(
            self.tr(
                "発信担当者は電話番号ごとに決まります。同じ電話番号がほかの発信先リストにもある場合、"
                "そのリストの発信担当者も変わります。"
            )
        )
        self.note.setObjectName("assigneeNote")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.change_button = buttons.addButton(
            self.tr("担当者を変更"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.change_button.setObjectName("changeAssignee")
        self.change_button.setDefault(True)
        buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.assignee, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def chosen_login(self) -> str | None:
        """The login chosen, or ``None`` for (なし)."""
        login = self.assignee.currentData()
        return login or None

    def choose(self, login: str | None) -> None:
        self.assignee.setCurrentIndex(max(self.assignee.findData(login or self.NOBODY), 0))
