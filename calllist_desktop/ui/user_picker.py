"""A small dialog to choose who is working, when the program starts without ``--user``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.views import UserInfo


class UserPicker(QDialog):
    """Lists the store's users; Enter or a double-click chooses one."""

    def __init__(self, users: list[UserInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ユーザーを選択"))
        self.setMinimumWidth(320)
        self.users = users
        label = QLabel(self.tr("作業するユーザーを選んでください"))
        self.list = QListWidget()
        for user in users:
            role = self.tr("管理者") if user.is_admin else self.tr("オペレーター")
            item = QListWidgetItem(f"{user.display_name}  ({user.login}, {role})")
            item.setData(Qt.ItemDataRole.UserRole, user.login)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> UserInfo | None:
        item = self.list.currentItem()
        if item is None:
            return None
        login = item.data(Qt.ItemDataRole.UserRole)
        return next((user for user in self.users if user.login == login), None)
