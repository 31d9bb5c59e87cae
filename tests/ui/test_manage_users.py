"""ユーザー管理: the admin's users dialog lists, adds and changes users, and guards the admin's own role."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage.users_dialog import UsersDialog
from calllist_desktop.ui.manage.users_model import (
    AUTOCALL_COLUMN,
    LOGIN_COLUMN,
    NAME_COLUMN,
    ROLE_COLUMN,
    USER_ROLE,
    UsersModel,
)
from tests.ui.conftest import own_store_work


def table_rows(dialog: UsersDialog) -> list[tuple[str, str, str, str]]:
    model = dialog.model
    return [
        tuple(  # type: ignore[misc]
            model.data(model.index(row, column))
            for column in (LOGIN_COLUMN, NAME_COLUMN, ROLE_COLUMN, AUTOCALL_COLUMN)
        )
        for row in range(model.rowCount())
    ]


def stored(store: Store) -> dict[str, tuple[str, str, bool]]:
    return {user.login: (user.display_name, user.role, user.autocall_enabled) for user in store.users()}


@pytest.fixture
def dialog(qtbot: QtBot, ui_store: Store) -> Iterator[UsersDialog]:
    users = UsersDialog(own_store_work(qtbot, ui_store), "kanri")
    # Closing with unsaved edits would ask; a test ends without asking.
    qtbot.addWidget(users, before_close_func=lambda d: d._load_form(d.selected_user()))
    users.show()
    qtbot.waitExposed(users)
    qtbot.waitUntil(lambda: users.selected_user() is not None)  # the users are read off the GUI thread
    yield users


@pytest.fixture
def no_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QMessageBox.question answers Cancel (and is recorded) instead of waiting for a click."""
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_table_lists_the_users_with_roles_and_permissions(dialog: UsersDialog) -> None:
    assert dialog.windowTitle() == "ユーザー管理"
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "ログイン",
        "表示名",
        "役割",
        "オートコール",
    ]
    assert table_rows(dialog) == [
        ("kanri", "管理 花子", "管理者", "—"),
        ("sato", "佐藤 美咲", "オペレーター", "許可"),
        ("tanaka", "田中 翔", "オペレーター", "—"),
    ]
    assert dialog.model.data(dialog.model.index(1, 0), USER_ROLE).login == "sato"
    # The first user is selected, and the form shows them.
    assert dialog.selected_user().login == "kanri"
    assert dialog.edited_login.text() == "kanri"


def test_adding_a_user_shows_them_in_the_table_and_the_store(
    qtbot: QtBot, dialog: UsersDialog, ui_store: Store
) -> None:
    qtbot.keyClicks(dialog.add_login, "yamada")
    dialog.add_name.setText("山田 太郎")
    dialog.add_role.setCurrentIndex(dialog.add_role.findData("admin"))
    dialog.add_autocall.setChecked(True)
    with qtbot.waitSignal(dialog.users_changed):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert stored(ui_store)["yamada"] == ("山田 太郎", "admin", True)
    assert ("yamada", "山田 太郎", "管理者", "許可") in table_rows(dialog)
    assert [row[0] for row in table_rows(dialog)] == ["kanri", "sato", "tanaka", "yamada"]
    assert dialog.selected_user().login == "yamada"
    assert dialog.add_login.text() == "" and not dialog.add_autocall.isChecked()
    assert "yamada" in dialog.add_message.text()


def test_enter_in_the_login_field_adds_an_operator_named_after_the_login(
    qtbot: QtBot, dialog: UsersDialog, ui_store: Store
) -> None:
    qtbot.keyClicks(dialog.add_login, "suzuki")
    with qtbot.waitSignal(dialog.users_changed):
        qtbot.keyClick(dialog.add_login, Qt.Key.Key_Return)
    assert stored(ui_store)["suzuki"] == ("suzuki", "operator", False)
    assert dialog.isVisible(), "Enter adds the user and never closes the dialog"


@pytest.mark.parametrize(
    ("login", "message"),
    [
        ("", "ログインを入力してください"),
        ("   ", "ログインを入力してください"),
        ("yamada taro", "ログインに空白（全角を含む）は使えません"),
        ("yamada\u3000taro", "ログインに空白（全角を含む）は使えません"),
        ("sato", "ログイン「sato」は既に使われています"),
    ],
)
def test_a_bad_login_is_explained_by_the_form_and_changes_nothing(
    qtbot: QtBot, dialog: UsersDialog, ui_store: Store, login: str, message: str
) -> None:
    before = stored(ui_store)
    rows = table_rows(dialog)
    dialog.add_login.setText(login)
    dialog.add_name.setText("山田 太郎")
    with qtbot.assertNotEmitted(dialog.users_changed):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert message in dialog.add_message.text()
    assert dialog.add_login.property("invalid") is True
    assert stored(ui_store) == before
    assert table_rows(dialog) == rows
    # Typing again clears the message.
    qtbot.keyClicks(dialog.add_login, "x")
    assert dialog.add_message.text() == ""
    assert dialog.add_login.property("invalid") is False


def test_a_login_taken_meanwhile_by_another_client_is_a_message_too(
    qtbot: QtBot, dialog: UsersDialog, ui_store: Store
) -> None:
    ui_store.add_user("kato", "加藤")  # not in the dialog's table yet
    dialog.add_login.setText("kato")
    with qtbot.assertNotEmitted(dialog.users_changed), qtbot.waitSignal(dialog.added):
        dialog.add()
    assert "ログイン「kato」は既に使われています" in dialog.add_message.text()
    assert stored(ui_store)["kato"] == ("加藤", "operator", False)
    assert ("kato", "加藤", "オペレーター", "—") in table_rows(dialog), "the table caught up with the store"


def test_granting_and_withdrawing_auto_call(qtbot: QtBot, dialog: UsersDialog, ui_store: Store) -> None:
    assert dialog.select_user("tanaka")
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.edit_autocall, Qt.MouseButton.LeftButton)
    assert dialog.edit_autocall.isChecked() and dialog.save_button.isEnabled()
    assert stored(ui_store)["tanaka"][2] is False, "nothing is written before 保存"
    with qtbot.waitSignal(dialog.users_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert stored(ui_store)["tanaka"] == ("田中 翔", "operator", True)
    assert table_rows(dialog)[2] == ("tanaka", "田中 翔", "オペレーター", "許可")
    assert not dialog.save_button.isEnabled()

    assert dialog.select_user("sato")
    dialog.edit_autocall.setChecked(False)
    with qtbot.waitSignal(dialog.users_changed):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(ui_store)["sato"] == ("佐藤 美咲", "operator", False)
    assert table_rows(dialog)[1][3] == "—"


def test_changing_the_role_and_the_display_name(qtbot: QtBot, dialog: UsersDialog, ui_store: Store) -> None:
    assert dialog.select_user("sato")
    assert dialog.edit_role.isEnabled()
    dialog.edit_role.setCurrentIndex(dialog.edit_role.findData("admin"))
    dialog.edit_name.setText("佐藤 美咲（主任）")
    with qtbot.waitSignal(dialog.users_changed):
        qtbot.keyClick(dialog.edit_name, Qt.Key.Key_Return)
    assert stored(ui_store)["sato"] == ("佐藤 美咲（主任）", "admin", True)
    assert table_rows(dialog)[1] == ("sato", "佐藤 美咲（主任）", "管理者", "許可")
    assert "保存しました" in dialog.edit_message.text()

    dialog.edit_role.setCurrentIndex(dialog.edit_role.findData("operator"))
    with qtbot.waitSignal(dialog.users_changed):
        dialog.save()
    assert stored(ui_store)["sato"][1] == "operator"


def test_an_empty_display_name_becomes_the_login(qtbot: QtBot, dialog: UsersDialog, ui_store: Store) -> None:
    assert dialog.select_user("tanaka")
    dialog.edit_name.clear()
    qtbot.keyClicks(dialog.edit_name, " ")
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert stored(ui_store)["tanaka"][0] == "tanaka"
    assert dialog.edit_name.text() == "tanaka"


def test_revert_puts_the_stored_values_back(qtbot: QtBot, dialog: UsersDialog, ui_store: Store) -> None:
    assert dialog.select_user("tanaka")
    dialog.edit_name.setText("別の名前")
    dialog.edit_autocall.setChecked(True)
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    assert dialog.edit_name.text() == "田中 翔" and not dialog.edit_autocall.isChecked()
    assert not dialog.is_dirty()
    assert stored(ui_store)["tanaka"] == ("田中 翔", "operator", False)


def test_the_current_admin_cannot_demote_themselves(
    qtbot: QtBot, dialog: UsersDialog, ui_store: Store
) -> None:
    assert dialog.select_user("kanri")
    assert not dialog.edit_role.isEnabled()
    assert "自分自身の管理者の役割は外せません" in dialog.edit_message.text()
    # Even when the role is changed behind the disabled box, nothing is written.
    dialog.edit_role.setCurrentIndex(dialog.edit_role.findData("operator"))
    with qtbot.assertNotEmitted(dialog.users_changed), qtbot.waitSignal(dialog.saved) as outcome:
        dialog.save()  # the store refuses it
    assert not outcome.args[0]
    assert "自分自身の管理者の役割は外せません" in dialog.edit_message.text()
    assert stored(ui_store)["kanri"][1] == "admin"
    dialog.edit_role.setCurrentIndex(dialog.edit_role.findData("admin"))
    # The admin may still change their own name and auto-call permission.
    dialog.edit_autocall.setChecked(True)
    with qtbot.waitSignal(dialog.users_changed):
        assert dialog.save()
    assert stored(ui_store)["kanri"] == ("管理 花子", "admin", True)


def test_another_admin_can_be_demoted(qtbot: QtBot, ui_store: Store) -> None:
    ui_store.add_user("boss", "上司", role="admin")
    dialog = UsersDialog(own_store_work(qtbot, ui_store), "boss")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)  # read off the GUI thread
    assert dialog.select_user("kanri")
    assert dialog.edit_role.isEnabled()
    dialog.edit_role.setCurrentIndex(dialog.edit_role.findData("operator"))
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert stored(ui_store)["kanri"][1] == "operator"


def test_unsaved_changes_are_not_lost_by_choosing_another_user(
    qtbot: QtBot,
    dialog: UsersDialog,
    ui_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    no_questions: list[str],
) -> None:
    assert dialog.select_user("tanaka")
    dialog.edit_autocall.setChecked(True)
    # Cancel: the selection stays on tanaka with the edit.
    assert not dialog.select_user("sato")
    assert no_questions and "tanaka" in no_questions[0]
    assert dialog.selected_user().login == "tanaka"
    assert dialog.table.currentIndex().row() == dialog.model.row_of("tanaka")
    assert dialog.edit_autocall.isChecked()
    # Save: written, then the other user is shown.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    assert dialog.select_user("sato")
    qtbot.waitUntil(lambda: dialog.selected_user().login == "sato")  # once the save is written
    assert stored(ui_store)["tanaka"][2] is True
    # Discard: nothing written.
    dialog.edit_autocall.setChecked(False)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert dialog.select_user("kanri")
    assert stored(ui_store)["sato"][2] is True


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, dialog: UsersDialog, no_questions: list[str]
) -> None:
    assert dialog.select_user("tanaka")
    dialog.edit_name.setText("新しい名前")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert no_questions, "the dialog asked"
    assert dialog.isVisible(), "Cancel keeps it open"
    qtbot.mouseClick(dialog.revert_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(no_questions) == 1


def test_reload_shows_changes_made_elsewhere(qtbot: QtBot, dialog: UsersDialog, ui_store: Store) -> None:
    ui_store.add_user("abe", "阿部")
    ui_store.update_user("kanri", display_name="管理 花子（部長）")
    with qtbot.waitSignal(dialog.loaded):
        dialog.reload()
    assert [row[0] for row in table_rows(dialog)] == ["abe", "kanri", "sato", "tanaka"]
    assert dialog.edit_name.text() == "管理 花子（部長）"


def test_the_dialog_is_reachable_by_keyboard(qtbot: QtBot, dialog: UsersDialog) -> None:
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.selected_user().login == "sato"
    reached = []
    for _ in range(14):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        reached.append(dialog.focusWidget().objectName())
    assert reached[:3] == ["editName", "editRole", "editAutocall"]
    assert {"addLogin", "addName", "addRole", "addAutocall", "addButton", "closeButton"} <= set(reached)
    for label in (dialog.edit_name_label, dialog.edit_role_label, dialog.add_login_label, dialog.list_label):
        assert label.buddy() is not None and "(&" in label.text()


def test_retranslate_keeps_the_choices(dialog: UsersDialog) -> None:
    assert dialog.select_user("sato")
    dialog.retranslate()
    assert dialog.edit_role.currentData() == "operator"
    assert dialog.add_role.currentData() == "operator"
    assert dialog.edit_role.count() == 2


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester, ui_store: Store) -> None:
    model = UsersModel()
    model.set_users(ui_store.users())
    qtmodeltester.check(model, force_py=True)
    ui_store.add_user("abe", "阿部")
    ui_store.update_user("sato", autocall=False)
    users = [user for user in ui_store.users() if user.login != "tanaka"]
    model.set_users(users)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["abe", "kanri", "sato"]
    assert model.data(model.index(2, AUTOCALL_COLUMN)) == "—"
    qtmodeltester.check(model, force_py=True)


@pytest.mark.postgres
def test_on_postgresql_a_person_added_here_gets_their_database_role(
    qtbot: QtBot, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As with `calllist users add`: the new person can connect with a role of their own."""
    import uuid

    from sqlalchemy import create_engine, text

    from tests.conftest import _empty_postgres

    _empty_postgres(postgres_url)
    monkeypatch.setenv("CALLLIST_DB_ROLES", "1")
    store = Store.open(postgres_url)
    store.add_user("kanri", "管理 花子", role="admin")
    login = f"dlg_{uuid.uuid4().hex[:8]}"
    users = UsersDialog(own_store_work(qtbot, store), "kanri")
    qtbot.addWidget(users, before_close_func=lambda d: d._load_form(d.selected_user()))
    users.show()
    qtbot.waitUntil(lambda: users.model.rowCount() > 0)  # read off the GUI thread
    try:
        users.add_login.setText(login)
        with qtbot.waitSignal(users.users_changed):
            qtbot.mouseClick(users.add_button, Qt.MouseButton.LeftButton)
        with store.engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": login}) == 1
            assert connection.scalar(text("SELECT db_role FROM users WHERE login = :l"), {"l": login}) == login
        assert login in users.add_message.text() and "ALTER ROLE" in users.add_message.text()
    finally:
        store.close()
        engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        engine.dispose()
