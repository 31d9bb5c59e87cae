"""The forms of ユーザー管理: the selected user's (name, role, auto-call, active) and a new user's.

Widgets only: a form shows values, says whether they differ from what is stored, and carries a
message line; the :class:`~.users_dialog.UsersDialog` decides what is written and when. The role
box is shared by both forms; the selected user's locks it on the admin's own row, because the
store refuses an admin's own demotion (``OwnAdminRole``) and the form should not offer it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.manage.users_model import ADMIN, OPERATOR, UsersModel
from calllist_desktop.ui.widgets import restyle

LOGIN_MAX: Final = 100  # the column's lengths (store.models.User)
NAME_MAX: Final = 200


class RoleBox(QComboBox):
    """オペレーター or 管理者; the role's code is the item's data."""

    def __init__(self, model: UsersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def retranslate(self) -> None:
        """Fill the choices in the language now installed, keeping the one chosen."""
        role = self.currentData() or OPERATOR
        self.blockSignals(True)
        self.clear()
        self.addItem(self._model.role_label(OPERATOR), OPERATOR)
        self.addItem(self._model.role_label(ADMIN), ADMIN)
        self.set_role(role)
        self.blockSignals(False)

    def role(self) -> str:
        return str(self.currentData())

    def set_role(self, role: str) -> None:
        self.setCurrentIndex(max(self.findData(role), 0))


def message_label() -> QLabel:
    """A form's message line: an error, a success, or a note (``kind``), two lines high."""
    label = QLabel()
    label.setObjectName("formMessage")
    label.setWordWrap(True)
    label.setMinimumHeight(2 * label.fontMetrics().lineSpacing())  # the form does not jump
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def show_message(label: QLabel, text: str, kind: str) -> None:
    label.setText(text)
    restyle(label, "kind", kind)


class _UserFields(QGroupBox):
    """What both forms hold: the login (a label or a field), 表示名, 役割, オートコール, the
    message line and a row of buttons (``None``: the stretch between them). ``name`` starts the
    fields' object names (``editName``, ``addRole``, ...)."""

    def __init__(
        self,
        model: UsersModel,
        login: QWidget,
        name: str,
        buttons: Sequence[QPushButton | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName(f"{name}Name")
        self.name.setMaxLength(NAME_MAX)
        self.role = RoleBox(model)
        self.role.setObjectName(f"{name}Role")
        self.autocall = QCheckBox()
        self.autocall.setObjectName(f"{name}Autocall")
        self.message = message_label()
        self.login_label = QLabel()
        self.name_label = QLabel()
        self.role_label = QLabel()
        self.login_label.setBuddy(login)
        self.name_label.setBuddy(self.name)
        self.role_label.setBuddy(self.role)
        form = QFormLayout()
        form.addRow(self.login_label, login)
        form.addRow(self.name_label, self.name)
        form.addRow(self.role_label, self.role)
        form.addRow("", self.autocall)
        row = QHBoxLayout()
        for button in buttons:
            if button is None:
                row.addStretch(1)
            else:
                row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(row)


class UserEditForm(_UserFields):
    """選択したユーザー: the selected user's 表示名, 役割 and オートコール, with 保存, 元に戻す and
    無効化/有効化. ``current_login`` is the admin working the dialog.

    Signals:
        edited(): a field was changed by the user.
    """

    edited = Signal()

    def __init__(self, model: UsersModel, current_login: str, parent: QWidget | None = None) -> None:
        login = QLabel()
        login.setObjectName("editedLogin")
        login.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("revertButton")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.active_button = QPushButton()  # 無効化 / 有効化 (SPEC §11)
        self.active_button.setObjectName("activeButton")
        buttons = (self.active_button, None, self.revert_button, self.save_button)
        super().__init__(model, login, "edit", buttons, parent)
        self.login = login
        self.current_login = current_login
        self.user: UserInfo | None = None  # the stored state of the user shown
        self.name.textChanged.connect(self._on_edited)
        self.role.currentIndexChanged.connect(self._on_edited)
        self.autocall.toggled.connect(self._on_edited)
        self.revert_button.clicked.connect(lambda: self.show_user(self.user))

    def retranslate(self) -> None:
        self.setTitle(self.tr("選択したユーザー"))
        self.login_label.setText(self.tr("ログイン"))
        self.name_label.setText(self.tr("表示名(&D)"))
        self.role_label.setText(self.tr("役割(&R)"))
        self.autocall.setText(self.tr("オートコールを許可(&C)"))
        self.revert_button.setText(self.tr("元に戻す(&Z)"))
        self.save_button.setText(self.tr("保存(&S)"))
        self.save_button.setToolTip(self.tr("変更をすぐに保存します (Ctrl+S)"))
        self.role.retranslate()
        self._show_self_note()
        self._update_active_button()

    def self_note(self) -> str:
        return self.tr("自分自身の管理者の役割は外せません。")

    def show_user(self, user: UserInfo | None) -> None:
        """Show ``user`` as stored (no user: an empty, disabled form); unsaved changes go."""
        self.user = user
        self.setEnabled(user is not None)
        self.login.setText(user.login if user is not None else "—")
        self.name.setText(user.display_name if user is not None else "")
        self.name.setPlaceholderText(user.login if user is not None else "")
        self.role.blockSignals(True)
        self.role.set_role(user.role if user else OPERATOR)
        self.role.blockSignals(False)
        self.autocall.blockSignals(True)
        self.autocall.setChecked(user is not None and user.autocall_enabled)
        self.autocall.blockSignals(False)
        self._show_self_note()
        self._update_buttons()
        self._update_active_button()

    def compare_with(self, user: UserInfo) -> None:
        """``user`` is what is stored now; the fields keep their edits."""
        self.user = user
        self._update_buttons()

    def is_dirty(self) -> bool:
        """Whether the form holds changes not yet saved."""
        user = self.user
        if user is None:
            return False
        return (
            (self.name.text().strip() or user.login) != user.display_name
            or self.role.currentData() != user.role
            or self.autocall.isChecked() != user.autocall_enabled
        )

    def is_self(self) -> bool:
        """The form shows the admin working the dialog."""
        return self.user is not None and self.user.login == self.current_login

    def _is_self_admin(self) -> bool:
        return self.is_self() and self.user is not None and self.user.is_admin

    def _show_self_note(self) -> None:
        """The admin's own row: the role cannot be changed, and the form says why."""
        locked = self._is_self_admin()
        self.role.setEnabled(not locked)
        self.role.setToolTip(self.self_note() if locked else "")
        show_message(self.message, self.self_note() if locked else "", "note")

    def _on_edited(self) -> None:
        self._show_self_note()
        self._update_buttons()
        self.edited.emit()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _update_active_button(self) -> None:
        user = self.user
        active = user is None or user.active
        self.active_button.setText(self.tr("無効化(&V)") if active else self.tr("有効化(&V)"))
        self.active_button.setToolTip(
            self.tr("ログインも担当もできなくなります。通話履歴は残ります。")
            if active
            else self.tr("再びログインでき、担当者にできるようになります。")
        )
        self.active_button.setEnabled(user is not None and not self.is_self())


class UserAddForm(_UserFields):
    """ユーザーを追加: ログイン, 表示名, 役割, オートコール and 追加."""

    def __init__(self, model: UsersModel, parent: QWidget | None = None) -> None:
        login = QLineEdit()
        login.setObjectName("addLogin")
        login.setMaxLength(LOGIN_MAX)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addButton")
        super().__init__(model, login, "add", (None, self.add_button), parent)
        self.login = login
        self._model = model
        self.login.textEdited.connect(self._on_login_edited)

    def retranslate(self) -> None:
        self.setTitle(self.tr("ユーザーを追加"))
        self.login_label.setText(self.tr("ログイン(&L)"))
        self.login.setPlaceholderText(self.tr("例: yamada（空白なし）"))
        self.name_label.setText(self.tr("表示名(&N)"))
        self.name.setPlaceholderText(self.tr("例: 山田 太郎"))
        self.name.setToolTip(self.tr("空欄ならログインと同じ名前になります"))
        self.role_label.setText(self.tr("役割(&O)"))
        self.autocall.setText(self.tr("オートコールを許可(&T)"))
        self.add_button.setText(self.tr("追加(&A)"))
        self.role.retranslate()

    def chosen_login(self) -> str:
        return self.login.text().strip()

    def login_problem(self, login: str) -> str | None:
        """Why ``login`` (already trimmed) cannot be a new user's login, or None."""
        if not login:
            return self.tr("ログインを入力してください。")
        if any(character.isspace() for character in login):
            return self.tr("ログインに空白（全角を含む）は使えません。")
        if login in self._model.logins():
            return self.tr("ログイン「{0}」は既に使われています。別のログインを入力してください。").format(
                login
            )
        return None

    def refuse(self, problem: str) -> None:
        """Say why the login was not taken, and put the cursor there."""
        show_message(self.message, problem, "error")
        restyle(self.login, "invalid", True)
        self.login.setFocus()
        self.login.selectAll()

    def clear(self) -> None:
        """Ready for the next user: empty fields, an operator without auto-call."""
        self.login.clear()
        self.name.clear()
        self.role.set_role(OPERATOR)
        self.autocall.setChecked(False)

    def _on_login_edited(self) -> None:
        if self.login.property("invalid"):
            restyle(self.login, "invalid", False)
            show_message(self.message, "", "")
