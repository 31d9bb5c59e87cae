"""ユーザー管理: deactivating and activating a user (SPEC §11), with the real dialog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.store.errors import UserInactive
from calllist_desktop.store.store import Store
from calllist_desktop.ui.manage.users_dialog import UsersDialog
from calllist_desktop.ui.manage.users_model import ROLE_COLUMN
from tests.ui.conftest import own_store_work


@pytest.fixture
def dialog(qtbot: QtBot, ui_store: Store) -> Iterator[UsersDialog]:
    users = UsersDialog(own_store_work(qtbot, ui_store), "kanri")
    qtbot.addWidget(users)
    users.show()
    qtbot.waitUntil(lambda: users.selected_user() is not None)  # the users are read off the GUI thread
    yield users


def test_a_manager_deactivates_and_activates_an_operator(qtbot: QtBot, dialog: UsersDialog, ui_store: Store) -> None:
    assert dialog.select_user("tanaka")
    assert dialog.active_button.isEnabled() and dialog.active_button.text().startswith("無効化")
    with qtbot.waitSignal(dialog.users_changed, timeout=2000):
        qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert ui_store.user("tanaka").active is False
    row = dialog.model.row_of("tanaka")
    assert row is not None and "無効" in dialog.model.index(row, ROLE_COLUMN).data()
    assert "無効化しました" in dialog.edit_message.text()
    assert dialog.active_button.text().startswith("有効化")
    fair = ui_store.list_by_name("展示会").id
    with pytest.raises(UserInactive):  # nobody can give them numbers now
        ui_store.set_assignee(fair, [ui_store.targets(fair)[0].phone], "tanaka")

    with qtbot.waitSignal(dialog.users_changed, timeout=2000):
        qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert ui_store.user("tanaka").active is True
    assert "無効" not in dialog.model.index(row, ROLE_COLUMN).data()


def test_nobody_deactivates_themselves(dialog: UsersDialog, ui_store: Store) -> None:
    assert dialog.select_user("kanri")
    assert not dialog.active_button.isEnabled()
    assert dialog.toggle_active() is False
    assert ui_store.user("kanri").active is True


def test_unsaved_changes_are_settled_before_deactivating(
    qtbot: QtBot, dialog: UsersDialog, ui_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    assert dialog.select_user("sato")
    dialog.edit_name.setText("佐藤 美咲 (改)")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    assert dialog.toggle_active() is False  # cancelled: nothing written
    assert ui_store.user("sato").active is True and dialog.is_dirty()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.active_changed, timeout=2000):  # saved first, then deactivated
        assert dialog.toggle_active() is True
    sato = ui_store.user("sato")
    assert sato.active is False and sato.display_name == "佐藤 美咲 (改)"
