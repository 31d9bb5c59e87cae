"""ユーザー管理: the admin's dialog to list users, add them, and change their name, role and auto-call
permission (SPEC §1, §4).

The users in a table (``users_model``) and two forms (``user_forms``): the selected user's and a
new user's. Every store call runs off the GUI thread on the window's
:class:`~calllist_desktop.ui.store_work.StoreWork` (reads in parallel, writes one at a time in
order); the dialog shows the outcome when it comes. Changes to a user are written with 保存;
leaving the form with unsaved changes (another row, closing, 無効化) asks first, and after 保存
the dialog goes on where the user was going once the write is done. The store refuses an admin's
own demotion (``OwnAdminRole``); the form does not offer it either.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto
from typing import Final

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.errors import AlreadyExists, OwnAdminRole, StoreError
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import UserInfo
from calllist_desktop.ui.manage.user_forms import UserAddForm, UserEditForm, show_message
from calllist_desktop.ui.manage.users_model import NAME_COLUMN, UsersModel
from calllist_desktop.ui.store_work import Job, StoreWork
from calllist_desktop.ui.style import quiet_table

_STYLE: Final = """
#formMessage[kind="error"] { color: #b3261e; }
#formMessage[kind="ok"] { color: #1e7b45; }
#selfNote, #dialogHint { color: #5b6570; }
#editedLogin { font-weight: 600; }
#usersTable::item { padding: 0px 8px; }
QLineEdit[invalid="true"] { border: 2px solid #b3261e; border-radius: 3px; padding: 1px 2px; }
"""


class _Settled(Enum):
    """What became of unsaved changes when the form was to be left."""

    GO_ON = auto()  # none, or dropped: go on now
    AFTER_SAVING = auto()  # being saved: the dialog goes on once they are written
    STAY = auto()  # the user cancelled


class UsersDialog(QDialog):
    """ユーザー管理: the users in a table, a form to change the selected one, a form to add one.

    Mistakes are answered next to the form they were made in (empty login, a login with spaces,
    a login already taken, a store error), never with a traceback; nothing is written then.
    ``work`` runs the store calls: the window's, handed over when the dialog is made.

    Signals:
        users_changed(): a user was added, or a user's 表示名, 役割, オートコール permission or
            activity was changed in the store.
        loaded(): the users were read (:meth:`reload`), or could not be (a message says why).
        saved(bool): a 保存 finished: written (True), or refused or failed (False, a message says why).
        added(object): an 追加 finished: the new :class:`UserInfo`, or None (a message says why).
        active_changed(bool): a 無効化/有効化 finished: done (True) or not (False).
    """

    users_changed = Signal()
    loaded = Signal()
    saved = Signal(bool)
    added = Signal(object)
    active_changed = Signal(bool)

    def __init__(self, work: StoreWork, current_login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setStyleSheet(_STYLE)
        self.work = work
        self.current_login = current_login
        self._following_selection = True  # False while the dialog puts the selection back itself
        self._moving_to: str | None = None  # the user selected once the form's changes are saved
        self._reading: Job | None = None

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

        # --- the forms ---
        self.edit_form = UserEditForm(self.model, current_login)
        self.add_form = UserAddForm(self.model)
        # The forms' widgets, by the names the dialog has always given them.
        self.edit_group, self.add_group = self.edit_form, self.add_form
        self.edited_login, self.edit_name = self.edit_form.login, self.edit_form.name
        self.edit_role, self.edit_autocall = self.edit_form.role, self.edit_form.autocall
        self.edit_message = self.edit_form.message
        self.revert_button, self.save_button = self.edit_form.revert_button, self.edit_form.save_button
        self.active_button = self.edit_form.active_button
        self.edit_login_label, self.edit_name_label = self.edit_form.login_label, self.edit_form.name_label
        self.edit_role_label = self.edit_form.role_label
        self.add_login, self.add_name = self.add_form.login, self.add_form.name
        self.add_role, self.add_autocall = self.add_form.role, self.add_form.autocall
        self.add_message, self.add_button = self.add_form.message, self.add_form.add_button
        self.add_login_label, self.add_name_label = self.add_form.login_label, self.add_form.name_label
        self.add_role_label = self.add_form.role_label

        # --- the dialog ---
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshButton")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        forms = QHBoxLayout()
        forms.addWidget(self.edit_form, 1)
        forms.addWidget(self.add_form, 1)
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

        self.edit_name.returnPressed.connect(self.save)
        self.save_button.clicked.connect(lambda: self.save())  # not clicked's checked as `then`
        self.active_button.clicked.connect(self.toggle_active)
        self.add_login.returnPressed.connect(self.add)
        self.add_name.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.refresh_button.clicked.connect(lambda: self.reload())
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)

        self.retranslate()
        self.resize(760, 600)
        self._load_form(None)
        self.reload(then=self._select_first_user)
        self.table.setFocus()

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("ユーザー管理"))
        self.hint.setText(
            self.tr(
                "ユーザーの追加と、表示名・役割・オートコールの許可の変更ができます。変更は「保存」で反映されます。"
            )
        )
        self.list_label.setText(self.tr("ユーザー一覧(&U)"))
        self.refresh_button.setText(self.tr("更新(&F)"))
        self.refresh_button.setToolTip(self.tr("ほかの管理者の変更を読み直します (F5)"))
        self.close_button.setText(self.tr("閉じる"))
        self.model.retranslate()
        self.edit_form.retranslate()
        self.add_form.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading -------------------------------------------------------------------------------

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Re-read the users from the store (``loaded`` follows); unsaved changes in the form stay.
        ``then`` runs once the table shows what was read."""
        if self._reading is not None:
            self._reading.cancel()  # a newer read makes the older one stale

        def read(users: list[UserInfo]) -> None:
            self._show_users(users)
            if then is not None:
                then()
            self.loaded.emit()

        def failed(error: Exception) -> None:
            show_message(self.edit_message, str(error), "error")
            if then is not None:
                then()
            self.loaded.emit()

        self._reading = self.work.read(self, lambda store: store.users(), read, failed)

    def _show_users(self, users: list[UserInfo]) -> None:
        self.model.set_users(users)
        editing = self.edit_form.user
        if editing is None:
            return
        row = self.model.row_of(editing.login)
        stored = self.model.user_at(row) if row is not None else None
        if stored is None or not self.is_dirty():
            self._load_form(stored)
        else:
            self.edit_form.compare_with(stored)  # the edits are compared with what is stored now

    def _select_first_user(self) -> None:
        if self.edit_form.user is None and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def select_user(self, login: str) -> bool:
        """Make ``login`` the selected user; False when it is not there or the move was cancelled.
        After 保存 of unsaved changes, the move happens once they are written."""
        row = self.model.row_of(login)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        editing = self.edit_form.user
        return (editing is not None and editing.login == login) or self._moving_to == login

    def selected_user(self) -> UserInfo | None:
        return self.edit_form.user

    # --- the selected user -------------------------------------------------------------------

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._following_selection:
            return
        user = self.model.user_at(current.row()) if current.isValid() else None
        editing = self.edit_form.user
        if user is not None and editing is not None and user.login == editing.login:
            return
        login = user.login if user is not None else None
        settled = self._settle_edits(lambda: self._move_on(login))
        if settled is _Settled.GO_ON:
            self._load_form(user)
            return
        self._moving_to = login if settled is _Settled.AFTER_SAVING else None
        self._put_selection_back()

    def _move_on(self, login: str | None) -> None:
        """The changes were saved: select the user that was chosen meanwhile."""
        if login is not None and self._moving_to == login:
            self._moving_to = None
            self.select_user(login)

    def _put_selection_back(self) -> None:
        """Stay on the user with unsaved changes."""
        editing = self.edit_form.user
        row = self.model.row_of(editing.login) if editing is not None else None
        self._following_selection = False
        try:
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._following_selection = True

    def _load_form(self, user: UserInfo | None) -> None:
        self.edit_form.show_user(user)

    def is_dirty(self) -> bool:
        """Whether the form holds changes not yet saved."""
        return self.edit_form.is_dirty()

    def toggle_active(self) -> bool:
        """Deactivate the selected user, or activate them again (``active_changed`` follows);
        False (and a message) when nothing was started. Unsaved changes in the form are settled
        first. Nobody deactivates themselves."""
        user = self.edit_form.user
        if user is None or self.edit_form.is_self():
            return False
        settled = self._settle_edits(self.toggle_active)
        if settled is not _Settled.GO_ON:
            return settled is _Settled.AFTER_SAVING
        user = self.edit_form.user
        assert user is not None
        login, active = user.login, not user.active
        self.work.write(
            self,
            lambda store: store.set_user_active(login, active),
            self._active_set,
            lambda error: self._write_failed(error, self.active_changed),
        )
        return True

    def _active_set(self, saved: UserInfo) -> None:
        self.model.put_user(saved)
        self._load_form(saved)
        if saved.active:
            message = self.tr("「{0}」を有効化しました。").format(saved.display_name)
        else:
            message = self.tr("「{0}」を無効化しました。通話履歴は残り、「有効化」で元に戻せます。").format(
                saved.display_name
            )
        show_message(self.edit_message, message, "ok")
        self.users_changed.emit()
        self.active_changed.emit(True)

    def save(self, then: Callable[[], object] | None = None) -> bool:
        """Write the form's changes to the store (``saved`` follows, and ``then`` once written);
        False (and a message) when nothing was started."""
        user = self.edit_form.user
        if user is None or not self.is_dirty():
            return True
        login, name = user.login, self.edit_name.text()
        role, autocall = self.edit_role.role(), self.edit_autocall.isChecked()
        by = self.current_login

        def written(saved: UserInfo) -> None:
            self.model.put_user(saved)
            if self.edit_form.user is not None and self.edit_form.user.login == saved.login:
                self._load_form(saved)
            show_message(
                self.edit_message, self.tr("「{0}」を保存しました。").format(saved.display_name), "ok"
            )
            self.users_changed.emit()
            self.saved.emit(True)
            if then is not None:
                then()

        self.work.write(  # the store refuses an admin's own demotion (OwnAdminRole)
            self,
            lambda store: store.update_user(login, display_name=name, role=role, autocall=autocall, by=by),
            written,
            lambda error: self._write_failed(error, self.saved),
        )
        return True

    def _write_failed(self, error: Exception, outcome: SignalInstance) -> None:
        self._moving_to = None  # the form keeps its changes: stay on its user
        if isinstance(error, OwnAdminRole):
            text = self.tr("自分自身の管理者の役割は外せません。ほかの管理者に変更してもらってください。")
        elif isinstance(error, StoreError):
            text = str(error)
        else:
            text = self.tr("予期しないエラー ({0}: {1})").format(type(error).__name__, error)
        show_message(self.edit_message, text, "error")
        outcome.emit(False)

    def _settle_edits(self, then: Callable[[], object]) -> _Settled:
        """Before the form is left: unsaved changes are saved or dropped as the user says; after
        保存, ``then`` runs once the changes are written."""
        editing = self.edit_form.user
        if not self.is_dirty() or editing is None:
            return _Settled.GO_ON
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            self.tr("ユーザー管理"),
            self.tr("「{0}」の変更は保存されていません。保存しますか？").format(editing.login),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        if answer == buttons.Save:
            self.save(then=then)
            return _Settled.AFTER_SAVING
        if answer == buttons.Discard:
            self._load_form(editing)
            return _Settled.GO_ON
        return _Settled.STAY

    # --- a new user ------------------------------------------------------------------------------

    def login_problem(self, login: str) -> str | None:
        """Why ``login`` (already trimmed) cannot be a new user's login, or None."""
        return self.add_form.login_problem(login)

    def add(self) -> bool:
        """Add the user of the add form (``added`` follows); False (and a message by the form)
        when the form's values were refused before asking the store."""
        login = self.add_form.chosen_login()
        problem = self.login_problem(login)
        if problem is not None:
            self.add_form.refuse(problem)
            return False
        name = self.add_name.text().strip() or None
        role, autocall = self.add_role.role(), self.add_autocall.isChecked()

        def add_user(store: Store) -> tuple[UserInfo, str | None]:
            # Team mode: the person's own database role, made with the user in one transaction.
            db_role = login if store.db_roles_for_new_users else None
            return store.add_user(login, name, role=role, autocall=autocall, db_role=db_role), db_role

        self.work.write(self, add_user, self._user_added, lambda error: self._add_failed(login, error))
        return True

    def _user_added(self, outcome: tuple[UserInfo, str | None]) -> None:
        added, db_role = outcome
        message = self.tr("「{0}」を追加しました。").format(added.login)
        if db_role is not None:
            message = self.tr(
                "「{0}」を追加し、データベースのロール {1} を用意しました (パスワードは ALTER ROLE で設定します)。"
            ).format(added.login, db_role)
        self.model.put_user(added)
        self.add_form.clear()
        show_message(self.add_message, message, "ok")
        self.users_changed.emit()
        if self.is_dirty():
            self.table.scrollTo(self.model.index(self.model.row_of(added.login) or 0, 0))
        else:
            self.select_user(added.login)
        self.added.emit(added)

    def _add_failed(self, login: str, error: Exception) -> None:
        if isinstance(error, AlreadyExists):
            # Added meanwhile by another client (now it shows in the table too), or its database
            # role is someone else's.
            def refuse() -> None:
                self.add_form.refuse(self.login_problem(login) or str(error))
                self.added.emit(None)

            self.reload(then=refuse)
            return
        if isinstance(error, StoreError):
            text = str(error)
        else:
            text = self.tr("予期しないエラー ({0}: {1})").format(type(error).__name__, error)
        show_message(self.add_message, text, "error")
        self.added.emit(None)

    # --- the dialog --------------------------------------------------------------------------------

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
        if self._settle_edits(lambda: self.done(result)) is _Settled.GO_ON:
            super().done(result)
