"""The 連絡先 area of the wide window: the operator's 発信先リスト tab and the contacts tab (SPEC §4).

"発信先リストを選択" offers only the lists where the current user is the assignee of at least one
target, and the table shows only the user's own targets. The list itself (store, model, load,
live changes, write-then-re-read) is a :class:`~calllist_desktop.ui.list_controller.ListController`,
shared with the manager's view; this panel holds the widgets and what is the operator's alone:
the 今かけられる filter, and the excluded checkbox, saved at once and the row read back from the
store, so it shows what is stored, with 元に戻す when the row leaves the view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.phone import format_national
from calllist_desktop.store.views import ContactInfo, ListInfo, TargetView
from calllist_desktop.ui.campaign.callback_dialog import add_callback_menu
from calllist_desktop.ui.campaign.history_panel import HistoryPanel, ListWithHistory
from calllist_desktop.ui.contacts_tab import ContactsTab
from calllist_desktop.ui.list_controller import ListController
from calllist_desktop.ui.style import LIST_AREA_STYLE
from calllist_desktop.ui.table import (
    OPERATOR_COLUMNS,
    RowFilter,
    RowTableModel,
    TargetTableView,
)
from calllist_desktop.ui.table.columns import CATEGORIES, LAST_CALL_STATUS
from calllist_desktop.ui.widgets import clear_on_escape

if TYPE_CHECKING:
    from calllist_desktop.store.deferred import StoreApi
    from calllist_desktop.store.watch import Changes
    from calllist_desktop.ui.store_work import StoreWork

log = logging.getLogger(__name__)

ALL = "__all__"


class CallListPanel(QWidget):
    """The operator's call lists and the contacts, in two tabs.

    ``work``: the window's store work (:class:`ListController`; without it the panel has its own).

    Signals:
        dial_requested(str, int): phone (E.164) and list id of the target to call.
        loaded(): the chosen list's targets are in the table (used by ``--screenshot``).
        counts_changed(int, int): shown and total targets.
        list_name_changed(str): the operator chose another list (its name).
        show_excluded_changed(bool): 発信対象外を表示 was switched.
        callback_chosen(str, int, object): 再架電予約 on a row: phone, list id and the
            ``CallbackChoice`` (``None``: 日時を指定…, a dialog is wanted).
    """

    dial_requested = Signal(str, int)
    callback_chosen = Signal(str, int, object)
    loaded = Signal()
    counts_changed = Signal(int, int)
    list_name_changed = Signal(str)
    show_excluded_changed = Signal(bool)

    def __init__(
        self, store: StoreApi, user: str, parent: QWidget | None = None, *, work: StoreWork | None = None
    ) -> None:
        super().__init__(parent)
        self.user = user
        self.lists: list[ListInfo] = []
        self.controller = ListController(store, OPERATOR_COLUMNS, assignee=user, work=work, parent=self)
        self.controller.loaded.connect(self._on_loaded)
        self.controller.load_failed.connect(self._show_error)
        self.controller.plans_reread.connect(self._plans_reread)
        self.controller.lists_changed.connect(self._check_lists)

        self.title = QLabel()
        self.title.setObjectName("areaTitle")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)

        # --- 発信先リスト tab ---
        self.list_label = QLabel()
        self.list_chooser = QComboBox()
        self.list_chooser.setMinimumWidth(200)
        self.list_chooser.currentIndexChanged.connect(lambda _index: self._on_list_chosen())
        self.list_chooser.currentTextChanged.connect(self.list_name_changed)
        self.list_label.setBuddy(self.list_chooser)
        self.show_excluded = QCheckBox()
        self.show_excluded.setObjectName("showExcluded")
        self.show_excluded.setChecked(True)
        self.show_excluded.toggled.connect(self._apply_filter)
        self.show_excluded.toggled.connect(self.show_excluded_changed)
        # 「今かけられる」: exactly what auto-call would dial now (the store's evaluation of the
        # rules, DNC, exclusion and claims: TargetView.plan); re-read every half minute while on.
        self.dialable_now = QCheckBox()
        self.dialable_now.setObjectName("dialableNow")
        self.dialable_now.toggled.connect(self._dialable_toggled)
        self._plans_timer = QTimer(self)
        self._plans_timer.setInterval(30_000)
        self._plans_timer.timeout.connect(self.refresh_plans)
        self.category = QComboBox()
        # Each filter as wide as its longest text, in the language now shown (a language switch
        # or a squeezed window cut 「すべての最終通話ス…」 under its arrow); issue 13.
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.category.currentIndexChanged.connect(self._apply_filter)
        self.status = QComboBox()
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.status.currentIndexChanged.connect(self._apply_filter)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self._search_delay = QTimer(self)
        self._search_delay.setSingleShot(True)
        self._search_delay.setInterval(150)
        self._search_delay.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._search_delay.start)
        clear_on_escape(self.search)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        self.model = self.controller.model
        self.model.exclusion_requested.connect(self._save_exclusion)
        self.model.counts_changed.connect(self._show_counts)
        self.table = TargetTableView()
        self.table.setModel(self.model)
        self.table.activated_key.connect(self._dial_key)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._open_row_menu)
        self.row_menu: QMenu | None = None
        # Ticked while excluded rows are hidden, a row leaves the view: say so, with 元に戻す.
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        self.undo_text = QLabel()
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self._undo_exclusion)
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(8, 4, 8, 4)
        undo_row.addWidget(self.undo_text, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.setStyleSheet("#undoBar { background: #fff4d6; border: 1px solid #f0d48a; border-radius: 4px; }")
        self.undo_bar.hide()
        self._undo_phone: str | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(15_000)
        self._undo_timer.timeout.connect(self._hide_undo)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        for label in (self.title, self.count_label, self.empty_hint):
            label.setStyleSheet(LIST_AREA_STYLE)  # on the labels alone: the table stays out of style sheets (ui.style)

        chooser_row = QHBoxLayout()
        chooser_row.addWidget(self.list_label)
        chooser_row.addWidget(self.list_chooser, 1)
        # The search beside the list, the filters below at their whole width: so the wide window
        # fits 960 logical pixels (a 1080p screen at 200 %; issue 13).
        chooser_row.addSpacing(12)
        chooser_row.addWidget(self.search, 1)
        chooser_row.addWidget(self.count_label)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.show_excluded)
        filter_row.addWidget(self.dialable_now)  # (no extra space after it: the row sets the window's least width)
        filter_row.addWidget(self.category)
        filter_row.addWidget(self.status)
        filter_row.addStretch(1)
        lists_tab = QWidget()
        lists_layout = QVBoxLayout(lists_tab)
        lists_layout.setContentsMargins(0, 8, 0, 0)
        lists_layout.addLayout(chooser_row)
        lists_layout.addLayout(filter_row)
        lists_layout.addWidget(self.undo_bar)
        # 履歴 under the table: the selected target's calls and notes (SPEC §9, wide mode).
        self.history = HistoryPanel(self.controller.work, user)
        self.body = ListWithHistory(self.table, self.history)
        self._history_delay = QTimer(self)
        self._history_delay.setSingleShot(True)
        self._history_delay.setInterval(120)  # arrowing through rows reads once, where it stops
        self._history_delay.timeout.connect(self._show_history_of_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._history_delay.start())
        lists_layout.addWidget(self.body, 1)
        lists_layout.addWidget(self.empty_hint, 1)

        # --- contacts tab: its widgets are made when it is first opened ---
        self._contacts_tab = ContactsTab()
        self._contacts_tab.dial_requested.connect(lambda key: self.dial_requested.emit(key, 0))

        self.tabs.addTab(lists_tab, "")
        self.tabs.addTab(self._contacts_tab, "")
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self._contacts_loaded = False
        self.retranslate()

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("連絡先"))
        self.tabs.setTabText(0, self.tr("発信先リスト"))
        self.tabs.setTabText(1, self.tr("連絡先一覧"))
        self.list_label.setText(self.tr("発信先リストを選択"))
        self.show_excluded.setText(self.tr("発信対象外を表示"))
        self.show_excluded.setToolTip(self.tr("オフにすると、発信対象外にチェックが入った発信先を隠します"))
        self.dialable_now.setText(self.tr("今かけられる"))
        self.dialable_now.setToolTip(
            self.tr("オートコールが今発信する発信先だけを表示します (発信ルール・発信禁止番号・発信対象外・他の端末での発信を反映)")
        )
        self.search.setPlaceholderText(self.tr("検索: 会社名・担当者名・電話番号・カテゴリー・最終担当者"))
        self.search.setToolTip(self.tr("スペース、カタカナ/ひらがな、全角/半角の違いは区別しません。Esc で消去"))
        self.undo_button.setText(self.tr("元に戻す"))
        if self._undo_phone is not None:
            self._show_undo(self._undo_phone)
        self.empty_hint.setText(
            self.tr("担当の発信先がありません。\n管理者が発信先リストであなたを発信先担当者にすると、ここに表示されます。")
        )
        self.model.retranslate()
        self._contacts_tab.retranslate()
        self.fill_filter_choices()
        self._show_counts(self.model.visible_count(), self.model.total_count())

    # --- the contacts tab's parts (made on first use) ----------------------------------------------

    @property
    def contact_search(self) -> QLineEdit:
        return self._contacts_tab.parts().search

    @property
    def contacts_model(self) -> RowTableModel:
        return self._contacts_tab.parts().model

    @property
    def contacts_table(self) -> TargetTableView:
        return self._contacts_tab.parts().table

    # --- the list ----------------------------------------------------------------------------

    @property
    def list_id(self) -> int | None:
        """The open list (``None``: the user has no targets in any list)."""
        return self.controller.list_id

    def reload_lists(self, preferred: str | None = None) -> None:
        """Re-read the lists this user has targets in, keeping the chosen one if it is still there."""
        current = preferred or (self.list_chooser.currentText() if self.lists else None)

        def done(lists: list[ListInfo]) -> None:
            self._offer_lists(lists, current)
            self._on_list_chosen()

        self.controller.read_lists(done, self._show_error)

    def show_first_view(self, lists: list[ListInfo], list_id: int | None, targets: list[TargetView]) -> None:
        """Show lists and targets read before the store was open (``store.first_read``).

        The same as a :meth:`reload_lists` that found them, without a read: ``loaded`` follows
        on the event loop (once whoever built the panel could connect to it). A later
        :meth:`reload_lists` replaces these rows with the store's, keeping selection and scroll.
        The filter choices wait for :meth:`fill_filter_choices` (``ui.app`` calls it once the
        window has painted): counting every row's categories and statuses is work the first
        paint does without (bench/README.md).
        """
        chosen = next((info.name for info in lists if info.id == list_id), None)
        self._offer_lists(lists, chosen)
        self._on_list_chosen(read=False)
        self.controller.show_rows(targets, then=self.loaded.emit)

    def _offer_lists(self, lists: list[ListInfo], current: str | None, *, keep: int | None = None) -> None:
        """Fill 発信先リストを選択 with ``lists``, choosing the list with id ``keep``, else the one
        named ``current``, else the first (no list is read: the caller decides)."""
        self.lists = lists
        self.list_chooser.blockSignals(True)
        self.list_chooser.clear()
        for info in lists:
            self.list_chooser.addItem(info.name, info.id)
        if keep is not None:
            index = self.list_chooser.findData(keep)
        else:
            index = self.list_chooser.findText(current) if current else -1
        self.list_chooser.setCurrentIndex(max(index, 0) if lists else -1)
        self.list_chooser.blockSignals(False)

    def _on_list_chosen(self, *, read: bool = True) -> None:
        list_id = self.list_chooser.currentData()
        self.controller.open_list(int(list_id) if list_id is not None else None)
        has_list = self.list_id is not None
        self.table.setVisible(has_list)
        self.body.setVisible(has_list)
        self.empty_hint.setVisible(not has_list)
        for widget in (self.show_excluded, self.dialable_now, self.category, self.status, self.search):
            widget.setEnabled(has_list)
        if read:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the chosen list's targets (the selection and scroll position stay)."""
        self.controller.load()

    def _on_loaded(self) -> None:
        if self.dialable_now.isChecked():
            self._apply_filter()  # (the moment "now" moves on with each read)
        if self.list_id is not None:
            self.fill_filter_choices()
        self.loaded.emit()

    def refresh_phone(self, phone: str) -> None:
        """Re-read one number's row (after a call) off the GUI thread, with a precise update of the table."""
        self.controller.reread([phone], self._show_error)

    def apply_changes(self, changes: Changes) -> None:
        """Another client changed the store (``ui.live_updates``): re-read just what it touched
        (:meth:`ListController.apply_changes`); the chooser is read again when the set of the
        user's lists may have changed."""
        self.controller.apply_changes(changes)

    def _check_lists(self) -> None:
        """Re-read the chooser only when the set of this user's lists (or their names) changed."""
        shown = [(info.id, info.name) for info in self.lists]

        def done(lists: list[ListInfo]) -> None:
            if [(info.id, info.name) for info in lists] == shown:
                return
            if self.list_id is None or all(info.id != self.list_id for info in lists):
                self.reload_lists()  # the open list is gone (or there was none): choose again
                return
            self._offer_lists(lists, None, keep=self.list_id)  # the open list stays open, its rows untouched

        self.controller.read_lists(done, lambda error: log.warning("live update: %s", error))

    def _on_tab(self, index: int) -> None:
        if index == 1:
            self._contacts_tab.parts()
        if index == 1 and not self._contacts_loaded:
            self._contacts_loaded = True
            self.controller.work.read(self, lambda store: store.contacts(), self._contacts_done, self._show_error)

    def _contacts_done(self, contacts: list[ContactInfo]) -> None:
        self._contacts_tab.show_contacts(contacts)

    # --- filters ---------------------------------------------------------------------------------

    def fill_filter_choices(self) -> None:
        """Offer the values of the rows in the table in the category and status filters, with their counts."""
        for combo, column, everything in (
            (self.category, CATEGORIES, self.tr("すべてのカテゴリー")),
            (self.status, LAST_CALL_STATUS, self.tr("すべての最終通話ステータス")),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, ALL)
            for choice in self.model.distinct_values(column):
                combo.addItem(f"{choice.label} ({choice.row_count})", choice.value)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> RowFilter:
        category = self.category.currentData()
        status = self.status.currentData()
        return RowFilter(
            text=self.search.text(),
            show_excluded=self.show_excluded.isChecked(),
            categories=frozenset() if category in (ALL, None) else frozenset({category}),
            statuses=frozenset() if status in (ALL, None) else frozenset({status}),
            dialable_at=datetime.now().astimezone() if self.dialable_now.isChecked() else None,
        )

    def _dialable_toggled(self, on: bool) -> None:
        if on:
            self._plans_timer.start()
            self.refresh_plans()  # plans as of now; the filter follows the read
        else:
            self._plans_timer.stop()
        self._apply_filter()

    def refresh_plans(self) -> None:
        """Re-read every target's plan (attempts, next callable, blocked) and update the rows
        whose plan changed, precisely; the rows themselves are not read again."""
        self.controller.refresh_plans()

    def _plans_reread(self) -> None:
        if self.dialable_now.isChecked():
            self._apply_filter()  # "now" moves on

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def _show_counts(self, shown: int, total: int) -> None:
        self.count_label.setText(self.tr("表示 {0} / {1} 件").format(shown, total))
        self.counts_changed.emit(shown, total)

    # --- actions ---------------------------------------------------------------------------------

    def _save_exclusion(self, phone: str, excluded: bool, then: Callable[[], object] | None = None) -> None:
        """Write the 発信対象外 flag off the GUI thread (this panel's writes in order), then read
        the row again and run ``then``."""
        list_id = self.list_id
        if list_id is None:
            return

        def saved(_count: int) -> None:
            if excluded and not self.show_excluded.isChecked():
                self._show_undo(phone)
            elif phone == self._undo_phone:
                self._hide_undo()
            if then is not None:
                then()

        def failed(error: Exception) -> None:
            self._show_error(error)
            self.refresh_phone(phone)

        self.controller.write(
            lambda store: store.set_excluded(list_id, [phone], excluded), [phone], saved, failed
        )

    def _show_undo(self, phone: str) -> None:
        """Say which target was excluded and hidden, with 元に戻す, for a while."""
        self._undo_phone = phone
        row = self.model.row_of_key(phone)
        name = " ".join(part for part in (row.company, row.person) if part) if row is not None else ""
        number = format_national(phone)
        target = f"{name} ({number})" if name else number
        self.undo_text.setText(self.tr("{0} を発信対象外にしました (発信対象外は非表示です)").format(target))
        self.undo_bar.show()
        self._undo_timer.start()

    def _hide_undo(self) -> None:
        self._undo_phone = None
        self._undo_timer.stop()
        self.undo_bar.hide()

    def _undo_exclusion(self) -> None:
        phone = self._undo_phone
        self._hide_undo()
        if phone is not None:  # the row comes back once saved and read again: then it is selected
            self._save_exclusion(phone, False, then=lambda: self.table.select_key(phone))

    # --- the row menu ------------------------------------------------------------------------------

    def _open_row_menu(self, position: QPoint) -> None:
        key = self.table.key_at(self.table.indexAt(position))
        if key is None:
            return
        self.table.select_key(key)
        self.row_menu = self.make_row_menu(key)
        self.row_menu.popup(self.table.viewport().mapToGlobal(position))

    def make_row_menu(self, phone: str) -> QMenu:
        """The menu of one target row: 発信, exclude or include, copy the number, its history."""
        row = self.model.row_of_key(phone)
        excluded = isinstance(row, TargetView) and row.excluded
        menu = QMenu(self.table)
        menu.setObjectName("rowMenu")
        dial = menu.addAction(self.tr("発信"))
        dial.setObjectName("dial")
        dial.triggered.connect(lambda: self._dial_key(phone))
        toggle = menu.addAction(self.tr("発信対象に戻す") if excluded else self.tr("発信対象外にする"))
        toggle.setObjectName("toggle_excluded")
        toggle.triggered.connect(lambda: self._save_exclusion(phone, not excluded))
        menu.addSeparator()
        copy = menu.addAction(self.tr("番号をコピー"))
        copy.setObjectName("copy_number")
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(format_national(phone)))
        history = menu.addAction(self.tr("履歴を表示"))
        history.setObjectName("history")
        history.triggered.connect(lambda: self.show_history(phone))
        menu.addSeparator()
        add_callback_menu(
            menu,
            self.user,
            lambda choice: self.callback_chosen.emit(phone, self.list_id or 0, choice),
            lambda: self.callback_chosen.emit(phone, self.list_id or 0, None),
        )
        return menu

    def show_history(self, phone: str) -> None:
        """The calls with ``phone`` from the store, in a small dialog (opened, not run modally)."""
        from calllist_desktop.ui.call_records import CallHistoryDialog

        row = self.model.row_of_key(phone)
        name = " ".join(part for part in (row.company, row.person) if part) if row is not None else ""
        dialog = CallHistoryDialog(self.controller.work, phone, name, self)
        dialog.finished.connect(dialog.deleteLater)
        self.history_dialog = dialog
        dialog.open()

    def _show_history_of_current(self) -> None:
        key = self.table.current_key()
        row = self.model.row_of_key(key) if key is not None else None
        name = " ".join(part for part in (row.company, row.person) if part) if row is not None else ""
        self.history.show_phone(key, name)

    def _dial_key(self, phone: str) -> None:
        if self.list_id is not None:
            self.dial_requested.emit(phone, self.list_id)

    def targets_in_view_order(self) -> list[TargetView]:
        """The targets as the operator sees them (auto-call dials in this order)."""
        return [row for row in self.model.rows_in_view_order() if isinstance(row, TargetView)]

    # --- what the window asks of the panel ---------------------------------------------------------

    def current_list_name(self) -> str:
        """The name of the open list ("" when none)."""
        return self.list_chooser.currentText() if self.list_id is not None else ""

    def set_show_excluded(self, on: bool) -> None:
        """発信対象外を表示 on or off (as the operator left it last time)."""
        self.show_excluded.setChecked(on)

    def current_key(self) -> str | None:
        """The number of the table's current row, if any."""
        return self.table.current_key()

    def key_in_hand(self) -> str | None:
        """The number of the current row while the table has the keyboard focus (what Enter or
        発信 means there), else ``None``."""
        return self.table.current_key() if self.table.hasFocus() and self.list_id is not None else None

    def select_key(self, key: str) -> bool:
        """Make the row of ``key`` current and selected; False when it is not shown."""
        return self.table.select_key(key)

    def row_of_key(self, key: str) -> TargetView | None:
        """The open list's target with number ``key``, shown or filtered out; ``None`` if none."""
        row = self.model.row_of_key(key)
        return row if isinstance(row, TargetView) else None

    def show_call_state(self, key: str | None, text: str = "") -> None:
        """The status cell of ``key``'s row says ``text`` while this client's call with it goes on."""
        self.model.set_call_state(key, text)

    def focus_search(self) -> None:
        """Put the keyboard in the search box, its text selected (to type over)."""
        self.search.setFocus()
        self.search.selectAll()

    def header_state(self) -> bytes:
        """The table's column widths, order and sort, to restore at the next start."""
        return self.table.save_header_state()

    def restore_header_state(self, state: bytes) -> bool:
        return self.table.restore_header_state(state)

    def add_tab(self, page: QWidget, index: int = -1) -> None:
        """Add a page beside 発信先リスト and 連絡先一覧 (at ``index``; -1: last); its title
        comes with :meth:`set_tab_text`."""
        self.tabs.insertTab(index, page, "")

    def set_tab_text(self, page: QWidget, text: str) -> None:
        self.tabs.setTabText(self.tabs.indexOf(page), text)

    def show_tab(self, page: QWidget) -> None:
        """Bring ``page`` forward."""
        self.tabs.setCurrentWidget(page)

    def _show_error(self, error: Exception) -> None:
        log.warning("call list: %s", error)
        QMessageBox.warning(self, self.tr("発信先リスト"), str(error))
