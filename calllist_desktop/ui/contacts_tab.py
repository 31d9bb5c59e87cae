"""The 連絡先一覧 tab of the wide window: every contact, searchable, in one table.

Its widgets are made the first time something needs them (the tab opened, or a caller asking for
its model): a second table and model are start-up work (bench/README.md) for a tab most operators
open later if at all. Until then it is an empty page of the panel's tabs.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from calllist_desktop.store.views import ContactInfo
from calllist_desktop.ui.table import CONTACT_COLUMNS, RowFilter, RowTableModel, TargetTableView
from calllist_desktop.ui.widgets import clear_on_escape


class _Parts(NamedTuple):
    search: QLineEdit
    model: RowTableModel
    table: TargetTableView


class ContactsTab(QWidget):
    """The contacts' search field and table, made on first use (:meth:`parts`).

    Signals:
        dial_requested(str): the phone (E.164) of the contact activated in the table.
    """

    dial_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts: _Parts | None = None

    @property
    def built(self) -> bool:
        return self._parts is not None

    def parts(self) -> _Parts:
        """The search field, model and table, made now if they are not yet."""
        if self._parts is None:
            search = QLineEdit()
            search.setClearButtonEnabled(True)
            delay = QTimer(self)
            delay.setSingleShot(True)
            delay.setInterval(150)
            delay.timeout.connect(self._apply_filter)
            search.textChanged.connect(delay.start)
            clear_on_escape(search)
            model = RowTableModel(CONTACT_COLUMNS, self)
            table = TargetTableView()
            table.setModel(model)
            table.activated_key.connect(self.dial_requested.emit)
            layout = QVBoxLayout(self)
            layout.setContentsMargins(0, 8, 0, 0)
            layout.addWidget(search)
            layout.addWidget(table, 1)
            self._parts = _Parts(search, model, table)
            self.retranslate()
        return self._parts

    def show_contacts(self, contacts: Sequence[ContactInfo]) -> None:
        """Hold every contact in the table (read once, when the tab is first opened).

        The rows then live as long as the window, as what start-up made does: they are frozen
        out of the garbage collector as start-up's objects are (``ui.app``), or every full
        collection would walk each of them again, holding the GIL from the audio path meanwhile.
        A row replaced later is freed all the same (freezing does not stop reference counting).
        """
        self.parts().model.set_rows(contacts)
        gc.freeze()

    def retranslate(self) -> None:
        if self._parts is None:  # made later, translated then
            return
        # In the panel's context, where this text was translated before the tab had a class of its own.
        search_hint = QCoreApplication.translate(
            "CallListPanel", "連絡先を検索: 会社名・担当者名・電話番号・カテゴリー"
        )
        self._parts.search.setPlaceholderText(search_hint)
        self._parts.model.retranslate()

    def _apply_filter(self) -> None:
        parts = self.parts()
        parts.model.set_filter(RowFilter(text=parts.search.text()))
