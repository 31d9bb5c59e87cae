"""Who is working: a small dialog to choose among the store's active users.

The client opens as the last person who used it on this computer (``ui.app``); this dialog
appears only when there is no such person (or they are gone or deactivated), and for ファイル →
ユーザーを切り替え. It never preselects anyone: an operator who presses Enter must not become
the manager (SPEC §11). OK stays disabled until someone is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
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


class _UserList(QListWidget):
    """A list in which taking the focus makes no row current: Qt would make the first one current
    (drawn highlighted, though not chosen), and the first row may be the manager's."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        had_current = self.currentIndex().isValid()
        super().focusInEvent(event)
        if not had_current and not self.selectedItems():
            self.selectionModel().clearCurrentIndex()


class UserPicker(QDialog):
    """Lists the users it is given; a choice and Enter, or a double-click, takes one."""

    def __init__(self, users: list[UserInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ユーザーを選択"))
        self.setMinimumWidth(320)
        self.users = users
        label = QLabel(self.tr("作業するユーザーを選んでください"))
        self.list = _UserList()
        for user in users:
            role = self.tr("管理者") if user.is_admin else self.tr("オペレーター")
            item = QListWidgetItem(f"{user.display_name}  ({user.login}, {role})")
            item.setData(Qt.ItemDataRole.UserRole, user.login)
            self.list.addItem(item)
        self.list.setCurrentRow(-1)  # nobody chosen for the person at the keyboard
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.list.itemSelectionChanged.connect(lambda: self.ok_button.setEnabled(self.chosen() is not None))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.list.setFocus()

    def chosen(self) -> UserInfo | None:
        """The user chosen in the list, or ``None`` while nobody is."""
        items = self.list.selectedItems()
        if not items:
            return None
        login = items[0].data(Qt.ItemDataRole.UserRole)
        return next((user for user in self.users if user.login == login), None)

    def accept(self) -> None:
        if self.chosen() is not None:  # Enter with nobody chosen does nothing
            super().accept()


def pick_user(users: list[UserInfo], parent: QWidget | None = None) -> UserInfo | None:
    """Ask who is working among ``users``; ``None`` when the dialog was cancelled."""
    picker = UserPicker(users, parent)
    return picker.chosen() if picker.exec() else None
