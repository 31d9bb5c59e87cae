"""ユーザー管理: the admin's dialog to list users, add them, and change their name, role and auto-call
permission (SPEC §1, §4).

Users are few and each change is one row, so the dialog talks to the store directly on the GUI
thread. Changes to a user are made in a form and written with 保存; leaving the form with
unsaved changes (another row, closing) asks first. The admin working the dialog
(``current_login``) can never take away their own admin role, so nobody locks themselves out.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.errors import AlreadyExists, OwnAdminRole, StoreError
from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.manage.users_model import (
    ADMIN,
    NAME_COLUMN,
    OPERATOR,
    UsersModel,
)
from calllist_desktop.ui.style import quiet_table
from calllist_desktop.ui.widgets import restyle

LOGIN_MAX: Final = 100  # the column's lengths (store.models.User)
NAME_MAX: Final = 200

_STYLE: Final = """
#formMessage[kind="error"] { color: #b3261e; }
#formMessage[kind="ok"] { color: #1e7b45; }
#selfNote, #dialogHint { color: #5b6570; }
#editedLogin { font-weight: 600; }
#usersTable::item { padding: 0px 8px; }
QLineEdit[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; padding: 1px 2px; }
"""


class UsersDialog(QDialog):
    """ユーザー管理: the users in a table, a form to change the selected one, a form to add one.

    Mistakes are answered next to the form they were made in (empty login, a login with spaces,
    a login already taken, a store error), never with a traceback; nothing is written then.

    Signals:
        users_changed(): a user was added, or a user's 表示名, 役割 or オートコール permission
            was changed in the store.
    """

    users_changed = Signal()

    def __init__(self, store: StoreApi, current_login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setStyleSheet(_STYLE)
        self.store = store
        self.current_login = current_login
        self._editing: UserInfo | None = None  # the stored state of the user in the form
        self._following_selection = True  # False while the dialog puts the selection back itself

        self.hint = QLabel()
        self.hint.setObjectName("dialogHint")
        self.hint.setWordWrap(True)

        # --- the table ---
        self.list_label = QLabel()
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the form
        quiet_table(self.table)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # Qt sizes ResizeToContents columns when the table is laid out, not when a row comes in:
        # a user added here showed as "yam…" until the dialog was opened again.
        for signal in (self.model.rowsInserted, self.model.dataChanged, self.model.modelReset):
            signal.connect(lambda *_: header.resizeSections())
        self.list_label.setBuddy(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        # --- the selected user ---
        self.edit_group = QGroupBox()
        self.edited_login = QLabel()
        self.edited_login.setObjectName("editedLogin")
        self.edited_login.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_name = QLineEdit()
        self.edit_name.setObjectName("editName")
        self.edit_name.setMaxLength(NAME_MAX)
        self.edit_role = QComboBox()
        self.edit_role.setObjectName("editRole")
        self.edit_autocall = QCheckBox()
        self.edit_autocall.setObjectName("editAutocall")
        self.edit_message = self._message_label()
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("revertButton")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.active_button = QPushButton()  # 無効化 / 有効化 (SPEC §11)
        self.active_button.setObjectName("activeButton")
        self.edit_login_label = QLabel()
        self.edit_name_label = QLabel()
        self.edit_role_label = QLabel()
        self.edit_name_label.setBuddy(self.edit_name)
        self.edit_role_label.setBuddy(self.edit_role)
        edit_form = QFormLayout()
        edit_form.addRow(self.edit_login_label, self.edited_login)
        edit_form.addRow(self.edit_name_label, self.edit_name)
        edit_form.addRow(self.edit_role_label, self.edit_role)
        edit_form.addRow("", self.edit_autocall)
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.active_button)
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.revert_button)
        edit_buttons.addWidget(self.save_button)
        edit_layout = QVBoxLayout(self.edit_group)
        edit_layout.addLayout(edit_form)
        edit_layout.addWidget(self.edit_message)
        edit_layout.addStretch(1)
        edit_layout.addLayout(edit_buttons)

        # --- a new user ---
        self.add_group = QGroupBox()
        self.add_login = QLineEdit()
        self.add_login.setObjectName("addLogin")
        self.add_login.setMaxLength(LOGIN_MAX)
        self.add_name = QLineEdit()
        self.add_name.setObjectName("addName")
        self.add_name.setMaxLength(NAME_MAX)
        self.add_role = QComboBox()
        self.add_role.setObjectName("addRole")
        self.add_autocall = QCheckBox()
        self.add_autocall.setObjectName("addAutocall")
        self.add_message = self._message_label()
        self.add_button = QPushButton()
        self.add_button.setObjectName("addButton")
        self.add_login_label = QLabel()
        self.add_name_label = QLabel()
        self.add_role_label = QLabel()
        self.add_login_label.setBuddy(self.add_login)
        self.add_name_label.setBuddy(self.add_name)
        self.add_role_label.setBuddy(self.add_role)
        add_form = QFormLayout()
        add_form.addRow(self.add_login_label, self.add_login)
        add_form.addRow(self.add_name_label, self.add_name)
        add_form.addRow(self.add_role_label, self.add_role)
        add_form.addRow("", self.add_autocall)
        add_buttons = QHBoxLayout()
        add_buttons.addStretch(1)
        add_buttons.addWidget(self.add_button)
        add_layout = QVBoxLayout(self.add_group)
        add_layout.addLayout(add_form)
        add_layout.addWidget(self.add_message)
        add_layout.addStretch(1)
        add_layout.addLayout(add_buttons)

        # --- the dialog ---
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshButton")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        forms = QHBoxLayout()
        forms.addWidget(self.edit_group, 1)
        forms.addWidget(self.add_group, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.refresh_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(forms)
        layout.addLayout(bottom)

        for button in (
            self.revert_button,
            self.save_button,
            self.active_button,
            self.add_button,
            self.refresh_button,
            self.close_button,
        ):
            button.setAutoDefault(False)  # Enter never closes the dialog by surprise (see keyPressEvent)
        focus_chain = (
            self.table,
            self.edit_name,
            self.edit_role,
            self.edit_autocall,
            self.revert_button,
            self.save_button,
            self.active_button,
            self.add_login,
            self.add_name,
            self.add_role,
            self.add_autocall,
            self.add_button,
            self.refresh_button,
            self.close_button,
        )
        for first, second in zip(focus_chain, focus_chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.edit_name.textChanged.connect(self._on_form_edited)
        self.edit_role.currentIndexChanged.connect(self._on_form_edited)
        self.edit_autocall.toggled.connect(self._on_form_edited)
        self.edit_name.returnPressed.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.active_button.clicked.connect(self.toggle_active)
        self.revert_button.clicked.connect(lambda: self._load_form(self._editing))
        self.add_login.textEdited.connect(self._on_add_edited)
        self.add_login.returnPressed.connect(self.add)
        self.add_name.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.refresh_button.clicked.connect(self.reload)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)

        self.retranslate()
        self.resize(760, 600)
        self._load_form(None)
        self.reload()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()

    def _message_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("formMessage")
        label.setWordWrap(True)
        label.setMinimumHeight(2 * label.fontMetrics().lineSpacing())  # the form does not jump
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return label

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("ユーザー管理"))
        self.hint.setText(
            self.tr(
                "ユーザーの追加と、表示名・役割・オートコールの許可の変更ができます。変更は「保存」で反映されます。"
            )
        )
        self.list_label.setText(self.tr("ユーザー一覧(&U)"))
        self.edit_group.setTitle(self.tr("選択したユーザー"))
        self.edit_login_label.setText(self.tr("ログイン"))
        self.edit_name_label.setText(self.tr("表示名(&D)"))
        self.edit_role_label.setText(self.tr("役割(&R)"))
        self.edit_autocall.setText(self.tr("オートコールを許可(&C)"))
        self.revert_button.setText(self.tr("元に戻す(&Z)"))
        self.save_button.setText(self.tr("保存(&S)"))
        self.save_button.setToolTip(self.tr("変更をすぐに保存します (Ctrl+S)"))
        self.add_group.setTitle(self.tr("ユーザーを追加"))
        self.add_login_label.setText(self.tr("ログイン(&L)"))
        self.add_login.setPlaceholderText(self.tr("例: yamada（空白なし）"))
        self.add_name_label.setText(self.tr("表示名(&N)"))
        self.add_name.setPlaceholderText(self.tr("例: 山田 太郎"))
        self.add_name.setToolTip(self.tr("空欄ならログインと同じ名前になります"))
        self.add_role_label.setText(self.tr("役割(&O)"))
        self.add_autocall.setText(self.tr("オートコールを許可(&T)"))
        self.add_button.setText(self.tr("追加(&A)"))
        self.refresh_button.setText(self.tr("更新(&F)"))
        self.refresh_button.setToolTip(self.tr("ほかの管理者の変更を読み直します (F5)"))
        self.close_button.setText(self.tr("閉じる"))
        for combo in (self.edit_role, self.add_role):
            self._fill_roles(combo)
        self.model.retranslate()
        self._show_self_note()
        self._update_active_button()

    def _fill_roles(self, combo: QComboBox) -> None:
        role = combo.currentData() or OPERATOR
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.model.role_label(OPERATOR), OPERATOR)
        combo.addItem(self.model.role_label(ADMIN), ADMIN)
        combo.setCurrentIndex(max(combo.findData(role), 0))
        combo.blockSignals(False)

    def _self_note(self) -> str:
        return self.tr("自分自身の管理者の役割は外せません。")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the users from the store; unsaved changes in the form stay."""
        try:
            users = self.store.users()
        except StoreError as error:
            self._show(self.edit_message, str(error), "error")
            return
        self.model.set_users(users)
        if self._editing is None:
            return
        row = self.model.row_of(self._editing.login)
        stored = self.model.user_at(row) if row is not None else None
        if stored is None or not self.is_dirty():
            self._load_form(stored)
        else:
            self._editing = stored  # the edits are compared with what is stored now

    def select_user(self, login: str) -> bool:
        """Make ``login`` the selected user; False when it is not there or the move was cancelled."""
        row = self.model.row_of(login)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return self._editing is not None and self._editing.login == login

    def selected_user(self) -> UserInfo | None:
        return self._editing

    # --- the selected user -------------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._following_selection:
            return
        user = self.model.user_at(current.row()) if current.isValid() else None
        if user is not None and self._editing is not None and user.login == self._editing.login:
            return
        if self._settle_edits():
            self._load_form(user)
            return
        # Stay on the user with unsaved changes.
        row = self.model.row_of(self._editing.login) if self._editing is not None else None
        self._following_selection = False
        try:
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._following_selection = True

    def _load_form(self, user: UserInfo | None) -> None:
        self._editing = user
        self.edit_group.setEnabled(user is not None)
        self.edited_login.setText(user.login if user is not None else "—")
        self.edit_name.setText(user.display_name if user is not None else "")
        self.edit_name.setPlaceholderText(user.login if user is not None else "")
        self.edit_role.blockSignals(True)
        self.edit_role.setCurrentIndex(max(self.edit_role.findData(user.role if user else OPERATOR), 0))
        self.edit_role.blockSignals(False)
        self.edit_autocall.blockSignals(True)
        self.edit_autocall.setChecked(user is not None and user.autocall_enabled)
        self.edit_autocall.blockSignals(False)
        self._show_self_note()
        self._update_edit_buttons()
        self._update_active_button()

    def _update_active_button(self) -> None:
        user = self._editing
        active = user is None or user.active
        self.active_button.setText(self.tr("無効化(&V)") if active else self.tr("有効化(&V)"))
        self.active_button.setToolTip(
            self.tr("ログインも担当もできなくなります。通話履歴は残ります。")
            if active
            else self.tr("再びログインでき、担当者にできるようになります。")
        )
        self.active_button.setEnabled(user is not None and user.login != self.current_login)

    def toggle_active(self) -> bool:
        """Deactivate the selected user, or activate them again; False (and a message) when not done.
        Unsaved changes in the form are settled first. Nobody deactivates themselves."""
        user = self._editing
        if user is None or user.login == self.current_login or not self._settle_edits():
            return False
        user = self._editing
        assert user is not None
        try:
            saved = self.store.set_user_active(user.login, not user.active)
        except StoreError as error:
            self._show(self.edit_message, str(error), "error")
            return False
        self.model.put_user(saved)
        self._load_form(saved)
        if saved.active:
            message = self.tr("「{0}」を有効化しました。").format(saved.display_name)
        else:
            message = self.tr("「{0}」を無効化しました。通話履歴は残り、「有効化」で元に戻せます。").format(saved.display_name)
        self._show(self.edit_message, message, "ok")
        self.users_changed.emit()
        return True

    def _is_self_admin(self) -> bool:
        user = self._editing
        return user is not None and user.login == self.current_login and user.is_admin

    def _show_self_note(self) -> None:
        """The admin's own row: the role cannot be changed, and the form says why."""
        locked = self._is_self_admin()
        self.edit_role.setEnabled(not locked)
        self.edit_role.setToolTip(self._self_note() if locked else "")
        self._show(self.edit_message, self._self_note() if locked else "", "note")

    def is_dirty(self) -> bool:
        """Whether the form holds changes not yet saved."""
        user = self._editing
        if user is None:
            return False
        return (
            (self.edit_name.text().strip() or user.login) != user.display_name
            or self.edit_role.currentData() != user.role
            or self.edit_autocall.isChecked() != user.autocall_enabled
        )

    def _on_form_edited(self) -> None:
        self._show_self_note()
        self._update_edit_buttons()

    def _update_edit_buttons(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def save(self) -> bool:
        """Write the form's changes to the store; False (and a message) when they were not saved."""
        user = self._editing
        if user is None or not self.is_dirty():
            return True
        try:  # the store refuses an admin's own demotion (PermissionDenied)
            saved = self.store.update_user(
                user.login,
                display_name=self.edit_name.text(),
                role=str(self.edit_role.currentData()),
                autocall=self.edit_autocall.isChecked(),
                by=self.current_login,
            )
        except OwnAdminRole:
            self._show(
                self.edit_message,
                self.tr("自分自身の管理者の役割は外せません。ほかの管理者に変更してもらってください。"),
                "error",
            )
            return False
        except StoreError as error:
            self._show(self.edit_message, str(error), "error")
            return False
        self.model.put_user(saved)
        self._load_form(saved)
        self._show(self.edit_message, self.tr("「{0}」を保存しました。").format(saved.display_name), "ok")
        self.users_changed.emit()
        return True

    def _settle_edits(self) -> bool:
        """Before the form is left: unsaved changes are saved or dropped as the user says; False: stay."""
        if not self.is_dirty() or self._editing is None:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("ユーザー管理"),
            self.tr("「{0}」の変更は保存されていません。保存しますか？").format(self._editing.login),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        if answer == buttons.Discard:
            self._load_form(self._editing)
            return True
        return False

    # --- a new user ------------------------------------------------------------------------------

    def login_problem(self, login: str) -> str | None:
        """Why ``login`` (already trimmed) cannot be a new user's login, or None."""
        if not login:
            return self.tr("ログインを入力してください。")
        if any(character.isspace() for character in login):
            return self.tr("ログインに空白（全角を含む）は使えません。")
        if login in self.model.logins():
            return self.tr("ログイン「{0}」は既に使われています。別のログインを入力してください。").format(
                login
            )
        return None

    def add(self) -> UserInfo | None:
        """Add the user of the add form; None (and a message by the form) when it was not added."""
        login = self.add_login.text().strip()
        problem = self.login_problem(login)
        if problem is None:
            try:
                # Team mode: the person's own database role, made with the user in one transaction.
                db_role = login if self.store.db_roles_for_new_users else None
                added = self.store.add_user(
                    login,
                    self.add_name.text().strip() or None,
                    role=str(self.add_role.currentData()),
                    autocall=self.add_autocall.isChecked(),
                    db_role=db_role,
                )
            except AlreadyExists as error:  # added meanwhile by another client: now it shows in the table too
                self.reload()
                problem = self.login_problem(login) or str(error)  # or its database role is someone else's
            except StoreError as error:
                self._show(self.add_message, str(error), "error")
                return None
        if problem is not None:
            self._show(self.add_message, problem, "error")
            restyle(self.add_login, "invalid", True)
            self.add_login.setFocus()
            self.add_login.selectAll()
            return None
        message, kind = self.tr("「{0}」を追加しました。").format(added.login), "ok"
        if db_role is not None:
            message = self.tr(
                "「{0}」を追加し、データベースのロール {1} を用意しました (パスワードは ALTER ROLE で設定します)。"
            ).format(added.login, db_role)
        self.model.put_user(added)
        self.add_login.clear()
        self.add_name.clear()
        self.add_role.setCurrentIndex(max(self.add_role.findData(OPERATOR), 0))
        self.add_autocall.setChecked(False)
        self._show(self.add_message, message, kind)
        self.users_changed.emit()
        if self.is_dirty():
            self.table.scrollTo(self.model.index(self.model.row_of(added.login) or 0, 0))
        else:
            self.select_user(added.login)
        return added

    def _on_add_edited(self) -> None:
        if self.add_login.property("invalid"):
            restyle(self.add_login, "invalid", False)
            self._show(self.add_message, "", "")

    # --- the dialog --------------------------------------------------------------------------------

    def _show(self, label: QLabel, text: str, kind: str) -> None:
        label.setText(text)
        restyle(label, "kind", kind)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter answers where it is typed (a field's returnPressed, a focused button) and never
        # closes the dialog; Esc closes it.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        if self._settle_edits():
            super().done(result)
