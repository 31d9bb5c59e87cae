"""操作 on the manager's 発信先リスト: the checked targets' assignee, exclusion and removal, and
連絡先を編集 of one target (SPEC §4).

Each edit names the revisions of the rows as the view shows them, so the store refuses it
(``StaleEdit``) when another client changed one since; it is written after the view's earlier
writes, off the GUI thread, and the rows it touched are read back into the table
(:meth:`ListController.write`). A failure is said, and the list read again to show the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from calllist_desktop.core.phone import format_national
from calllist_desktop.store.views import TargetView
from calllist_desktop.ui.contact_dialog import ContactDialog
from calllist_desktop.ui.manage.assignee_dialog import AssigneeDialog

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store
    from calllist_desktop.ui.manage.panel import ManagementPanel

EDIT, EXCLUDE, INCLUDE, REMOVE = "edit", "exclude", "include", "remove"
"""The bulk actions of the 操作 menu (its actions' object names)."""


class BulkEdits(QObject):
    """The 操作 of a :class:`ManagementPanel` on its checked rows (see the module docstring).

    ``busy`` counts the edits under way: the panel offers no other until they are done.
    """

    def __init__(self, panel: ManagementPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.controller = panel.controller
        self.model = panel.controller.model
        self.busy = 0
        self.assignee_dialog: AssigneeDialog | None = None
        self.contact_dialog: ContactDialog | None = None

    def edit_assignee(self) -> None:
        """選択中の発信先を編集: choose the assignee in a small dialog (opened, not run modally)."""
        keys = self.model.checked_keys()
        if not keys or self.controller.list_id is None:
            return
        wanted = set(keys)
        assignees = {
            row.assignee_login
            for row in self.model.rows_in_view_order()
            if row.phone in wanted and isinstance(row, TargetView)
        }
        current = next(iter(assignees)) if len(assignees) == 1 else None
        if self.assignee_dialog is not None:
            self.assignee_dialog.deleteLater()
        dialog = AssigneeDialog(self.panel.users, len(keys), current, self.panel)
        dialog.accepted.connect(lambda: self._change_assignee(keys, dialog.chosen_login()))
        self.assignee_dialog = dialog
        dialog.open()

    def _change_assignee(self, keys: list[str], login: str | None) -> None:
        list_id = self.controller.list_id
        if list_id is None:
            return
        name = next((user.display_name for user in self.panel.users if user.login == login), None)
        expected = self._revisions(keys)
        self._run(
            lambda store: store.set_assignee(list_id, keys, login, expected=expected),
            keys,
            lambda count: (
                self.tr("発信先 (%n 件) の発信担当者を「{0}」に変更しました", "", count).format(name)
                if name
                else self.tr("発信先 (%n 件) の発信担当者をなしにしました", "", count)
            ),
        )

    def set_excluded(self, excluded: bool) -> None:
        """発信対象外にする / 発信対象にする on the checked rows."""
        keys = self.model.checked_keys()
        list_id = self.controller.list_id
        if not keys or list_id is None:
            return
        expected = self._revisions(keys)
        self._run(
            lambda store: store.set_excluded(list_id, keys, excluded, expected=expected),
            keys,
            lambda count: (
                self.tr("発信先 (%n 件) を発信対象外にしました", "", count)
                if excluded
                else self.tr("発信先 (%n 件) を発信対象にしました", "", count)
            ),
        )

    def remove_targets(self) -> None:
        """選択中の発信先を削除: after a confirmation; the contacts stay."""
        keys = self.model.checked_keys()
        info = self.panel.current_list()
        if not keys or info is None:
            return
        confirmed = self.panel.confirm(
            self.tr("発信先を削除"),
            self.tr("選択中の発信先 (%n 件) をリスト「{0}」から削除しますか?", "", len(keys)).format(
                info.name
            ),
            self.tr("連絡先からは削除されません。通話履歴も残ります。"),
        )
        if not confirmed:
            return
        list_id = info.id
        expected = self._revisions(keys)
        self._run(
            lambda store: store.remove_targets(list_id, keys, expected=expected),
            keys,
            lambda count: self.tr("発信先 (%n 件) をリストから削除しました", "", count),
            removed=True,
        )

    def edit_contact(self, phone: str) -> None:
        """連絡先を編集 for one target (double-click, Enter, or 操作 with one row checked).

        The contact is one per number: the dialog says so, and the change shows in every list
        holding the number (the panel's ``changed`` lets the other views re-read).
        """
        row = next(
            (r for r in self.model.rows_in_view_order() if r.phone == phone and isinstance(r, TargetView)),
            None,
        )
        if row is None or self.busy:
            return
        if self.contact_dialog is not None:
            self.contact_dialog.deleteLater()
        dialog = ContactDialog(self.controller.work, row, self.panel)
        dialog.saved.connect(lambda contact: self._contact_saved(row.list_id, contact.phone))
        dialog.stale.connect(lambda: self._reread(row.list_id, [row.phone]))
        self.contact_dialog = dialog
        dialog.open()

    def edit_checked_contact(self) -> None:
        keys = self.model.checked_keys()
        if len(keys) == 1:
            self.edit_contact(keys[0])

    def _contact_saved(self, list_id: int, phone: str) -> None:
        self._reread(list_id, [phone])
        self.panel.tell(lambda: self.tr("連絡先 {0} を保存しました").format(format_national(phone)))
        self.panel.changed.emit()

    def _reread(self, list_id: int, phones: list[str]) -> None:
        """Read these rows again and update them in place (checks, selection and scroll stay)."""
        if list_id == self.controller.list_id:
            self.controller.reread(phones, self.panel.show_error)

    def _revisions(self, keys: list[str]) -> dict[str, int]:
        """The revisions of the rows as this view shows them: the store refuses the action
        (``StaleEdit``) if another client changed one since, and the failure re-reads the list."""
        wanted = set(keys)
        return {
            row.phone: row.revision
            for row in self.model.rows_in_view_order()
            if isinstance(row, TargetView) and row.phone in wanted
        }

    def _run(
        self,
        write: Callable[[Store], int],
        keys: list[str],
        message: Callable[[int], str],
        *,
        removed: bool = False,
    ) -> None:
        """Write, read back the rows touched (:meth:`ListController.write`), then say what was done."""
        list_id = self.controller.list_id
        if list_id is None:
            return
        self.busy += 1
        self.panel.update_enabled()

        def done(count: int) -> None:
            self.busy -= 1
            if list_id == self.controller.list_id:
                self.model.clear_checked()
            self.panel.update_enabled()
            self.panel.tell(lambda: message(count))
            if removed:
                self.panel.read_lists(None, then_targets=False)  # the chooser's counts
            self.panel.changed.emit()

        def failed(error: Exception) -> None:
            self.busy -= 1
            self.panel.update_enabled()
            self.panel.show_error(error)
            if list_id == self.controller.list_id:
                self.controller.load()  # show what the store holds now

        self.controller.write(write, keys, done, failed)
