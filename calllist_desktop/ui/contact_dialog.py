"""連絡先を編集: change one number's company, person and categories (SPEC §1: one contact per number).

The manager's table opens it on a target; any view holding a :class:`TargetView` or a
:class:`ContactInfo` can open it the same way. The write runs off the GUI thread; a refusal
(no name, too many categories, someone changed the row meanwhile) shows inside the dialog,
which stays open with what was typed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.contact_fields import join_categories, split_categories
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.errors import StaleEdit, StoreError
from calllist_desktop.store.views import ContactInfo, TargetView
from calllist_desktop.ui.store_work import StoreWork

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)

_STYLE: Final = """
#contactError { color: #b3261e; background: #fdf0ef; border: 1px solid #f0c4bf; border-radius: 4px; padding: 6px; }
#contactNote { color: #5b6570; }
"""


class ContactDialog(QDialog):
    """Edit the contact behind ``row``; closes (accepted) once the store has it.

    For a :class:`TargetView` the store refuses the edit when the row changed since it was
    read (its ``revision``), as for the bulk actions.

    Signals:
        saved(ContactInfo): the contact as stored now.
        stale(): the store refused the edit because someone changed the row since it was
            read; the view that opened the dialog should read it again.
    """

    saved = Signal(object)
    stale = Signal()

    def __init__(self, work: StoreWork, row: TargetView | ContactInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(560)
        self.work = work
        self.row = row
        self._busy = False

        self.phone = QLabel(format_national(row.phone))
        self.phone.setObjectName("contactPhone")
        self.phone.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.company = QLineEdit(row.company)
        self.company.setObjectName("contactCompany")
        self.person = QLineEdit(row.person)
        self.person.setObjectName("contactPerson")
        self.categories = QLineEdit(join_categories(row.categories))
        self.categories.setObjectName("contactCategories")
        self.note = QLabel()
        self.note.setObjectName("contactNote")
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("contactError")
        self.error.setWordWrap(True)
        self.error.hide()
        for edit in (self.company, self.person, self.categories):
            edit.textEdited.connect(lambda _text: self.error.hide())

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveContact")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.phone, self.company, self.person, self.categories), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("連絡先を編集"))
        for label, text in zip(
            self.labels,
            (self.tr("電話番号"), self.tr("取引先会社名"), self.tr("取引先担当者名"), self.tr("カテゴリー")),
            strict=True,
        ):
            label.setText(text)
        self.categories.setPlaceholderText(self.tr("「|」で区切って入力 (100 個まで)"))
        self.note.setText(
            self.tr("連絡先は電話番号ごとに 1 件です。この番号を含むすべての発信先リストに反映されます。")
        )
        self.save_button.setText(self.tr("保存"))
        self.cancel_button.setText(self.tr("キャンセル"))

    def save(self) -> None:
        """保存: write the fields off the GUI thread; ``saved`` and close, or the reason shown."""
        if self._busy:
            return
        self._set_busy(True)
        row = self.row
        company, person = self.company.text(), self.person.text()
        categories = split_categories(self.categories.text())
        target = row if isinstance(row, TargetView) else None

        def save(store: Store) -> ContactInfo:
            return store.update_contact(
                row.phone,
                company=company,
                person=person,
                categories=categories,
                list_id=target.list_id if target is not None else None,
                expected_revision=target.revision if target is not None else None,
            )

        self.work.write(self, save, self._done, self._failed)

    def _done(self, contact: ContactInfo) -> None:
        self._set_busy(False)
        self.saved.emit(contact)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, StoreError):
            message = str(error)
            if isinstance(error, StaleEdit):  # (the row is read again below)
                message += " " + self.tr("最新の内容を読み込みました。確認してからもう一度保存してください。")
        else:
            log.error("contact edit failed", exc_info=error)
            message = self.tr("保存できませんでした: {0}").format(error)
        self.error.setText(message)
        self.error.show()
        if isinstance(error, StaleEdit) and isinstance(self.row, TargetView):
            self._read_again(self.row)
            self.stale.emit()

    def _read_again(self, row: TargetView) -> None:
        """After a refusal: take the row's new revision, so that 保存 again (once the user has
        seen the other change) writes what is typed now."""

        def done(rows: list[TargetView]) -> None:
            if rows:
                self.row = rows[0]

        self.work.read(
            self,
            lambda store: store.targets(row.list_id, phones=[row.phone]),
            done,
            lambda error: log.warning("contact edit: reading the row again: %s", error),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
