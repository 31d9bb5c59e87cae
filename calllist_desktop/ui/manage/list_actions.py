"""新規作成, 名前を変更 and 削除 of the manager's lists (SPEC §4).

A name is asked for until the store takes it or the user gives up: a taken or empty name is
said and asked again with what was typed. The writes run off the GUI thread, after the view's
earlier writes (the window's ``StoreWork``); the panel then shows the list made or renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit

from calllist_desktop.store.errors import NotFound, StoreError
from calllist_desktop.store.views import ListInfo

if TYPE_CHECKING:
    from calllist_desktop.ui.manage.panel import ManagementPanel


class ListActions(QObject):
    """Creates, renames and deletes lists for a :class:`ManagementPanel`."""

    def __init__(self, panel: ManagementPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.controller = panel.controller

    def create(self, typed: str = "") -> None:
        """新規作成: ask for a name until it is free (or the user gives up), then show the new list."""
        name, ok = QInputDialog.getText(
            self.panel,
            self.tr("新規作成"),
            self.tr("新しい発信先リストの名前:"),
            QLineEdit.EchoMode.Normal,
            typed,
        )
        if not ok:
            return

        def created(info: ListInfo) -> None:
            self.panel.after_list_change(
                info.id, lambda: self.tr("リスト「{0}」を作成しました").format(info.name)
            )

        def refused(error: Exception) -> None:
            self.panel.show_error(error, self.tr("リストを作成できません"))
            if isinstance(error, StoreError):
                self.create(name)  # a taken or empty name: ask again, with what was typed

        self.controller.work.write(self, lambda store: store.create_list(name), created, refused)

    def rename(self, typed: str | None = None) -> None:
        """名前を変更: ask for the new name until it is free (or the user gives up)."""
        info = self.panel.current_list()
        if info is None:
            return
        name, ok = QInputDialog.getText(
            self.panel,
            self.tr("名前を変更"),
            self.tr("リスト「{0}」の新しい名前:").format(info.name),
            QLineEdit.EchoMode.Normal,
            info.name if typed is None else typed,
        )
        if not ok or name.strip() == info.name:
            return

        def renamed(new: ListInfo) -> None:
            self.panel.after_list_change(
                new.id,
                lambda: self.tr("リスト「{0}」の名前を「{1}」に変更しました").format(info.name, new.name),
            )

        def refused(error: Exception) -> None:
            self.panel.show_error(error, self.tr("名前を変更できません"))
            if isinstance(error, NotFound):  # deleted by someone else meanwhile
                self.panel.read_lists(None, then_targets=True)
            elif isinstance(error, StoreError):
                self.rename(name)  # a taken or empty name: ask again, with what was typed

        self.controller.work.write(self, lambda store: store.rename_list(info.name, name), renamed, refused)

    def delete(self) -> None:
        """削除: after a confirmation that says what goes and what stays."""
        info = self.panel.current_list()
        if info is None:
            return
        confirmed = self.panel.confirm(
            self.tr("発信先リストを削除"),
            self.tr("リスト「{0}」を削除しますか?").format(info.name),
            self.tr(
                "このリストと、その発信先 (%n 件) が削除されます。連絡先と通話履歴は残ります。"
                "この操作は元に戻せません。",
                "",
                info.target_count,
            ),
        )
        if not confirmed:
            return

        def deleted(removed: int) -> None:
            self.panel.forget_list()
            self.panel.after_list_change(
                None,
                lambda: self.tr("リスト「{0}」と発信先 (%n 件) を削除しました", "", removed).format(
                    info.name
                ),
            )

        def refused(error: Exception) -> None:
            self.panel.show_error(error, self.tr("リストを削除できません"))
            self.panel.read_lists(None, then_targets=True)

        self.controller.work.write(self, lambda store: store.delete_list(info.name), deleted, refused)
