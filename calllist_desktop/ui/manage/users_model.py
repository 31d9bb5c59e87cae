"""The users as a table model, for the ユーザー管理 dialog."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from calllist_desktop.store.views import UserInfo

ADMIN: Final = "admin"
OPERATOR: Final = "operator"

USER_ROLE: Final = int(Qt.ItemDataRole.UserRole) + 1
"""``data()`` role giving the row's :class:`UserInfo`."""

LOGIN_COLUMN, NAME_COLUMN, ROLE_COLUMN, AUTOCALL_COLUMN = range(4)

ModelIndex = QModelIndex | QPersistentModelIndex


class UsersModel(QAbstractTableModel):
    """The users as a table (ログイン, 表示名, 役割, オートコール), sorted by login.

    Changes are precise: :meth:`put_user` updates one row or inserts it in its place,
    :meth:`set_users` removes, updates and inserts only what differs.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._users: list[UserInfo] = []

    # --- texts ---------------------------------------------------------------------------------

    def headers(self) -> tuple[str, ...]:
        return (self.tr("ログイン"), self.tr("表示名"), self.tr("役割"), self.tr("オートコール"))

    def role_label(self, role: str) -> str:
        return self.tr("管理者") if role == ADMIN else self.tr("オペレーター")

    def autocall_label(self, enabled: bool) -> str:
        return self.tr("許可") if enabled else "—"

    def retranslate(self) -> None:
        """Redraw headers and cells in the language now installed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, AUTOCALL_COLUMN)
        if self._users:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._users) - 1, AUTOCALL_COLUMN))

    # --- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else AUTOCALL_COLUMN + 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._users):
            return None
        user = self._users[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == LOGIN_COLUMN:
                return user.login
            if column == NAME_COLUMN:
                return user.display_name
            if column == ROLE_COLUMN:  # a deactivated user says so where the job is read
                return self.role_label(user.role) + ("" if user.active else self.tr(" (無効)"))
            return self.autocall_label(user.autocall_enabled)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AUTOCALL_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == AUTOCALL_COLUMN:
            return (
                self.tr("オートコールを使えます")
                if user.autocall_enabled
                else self.tr("オートコールは使えません")
            )
        if role == USER_ROLE:
            return user
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    # --- rows ------------------------------------------------------------------------------------

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, login: str) -> int | None:
        return next((row for row, user in enumerate(self._users) if user.login == login), None)

    def logins(self) -> set[str]:
        return {user.login for user in self._users}

    def put_user(self, user: UserInfo) -> int:
        """Show ``user``: its row changes in place, or a new row is inserted by login; gives the row."""
        row = self.row_of(user.login)
        if row is not None:
            if self._users[row] != user:
                self._users[row] = user
                self.dataChanged.emit(self.index(row, 0), self.index(row, AUTOCALL_COLUMN))
            return row
        row = next((r for r, other in enumerate(self._users) if other.login > user.login), len(self._users))
        self.beginInsertRows(QModelIndex(), row, row)
        self._users.insert(row, user)
        self.endInsertRows()
        return row

    def set_users(self, users: list[UserInfo]) -> None:
        """Show exactly ``users``: rows gone are removed, changed ones updated, new ones inserted."""
        wanted = {user.login for user in users}
        for row in reversed(range(len(self._users))):
            if self._users[row].login not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._users[row]
                self.endRemoveRows()
        for user in users:
            self.put_user(user)
