"""発信先リスト for managers: lists, every target of a list, filters, bulk actions, export (SPEC §4).

The panel shows one list at a time, chosen from all lists. The list itself (store, model, load,
live changes, write-then-re-read) is a :class:`~calllist_desktop.ui.list_controller.ListController`
shared with the operator's view; its table is the management state of the one
:class:`RowTableModel` (MANAGEMENT_COLUMNS, with a check column). The
:class:`~.filter_bar.FilterBar` above it filters every column; 操作 (:mod:`.bulk_edits`) acts on
the checked rows that the filter shows; :mod:`.list_actions` creates, renames and deletes lists.
Every store call runs off the GUI thread. Store errors become messages, never tracebacks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Final

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.errors import NotFound, StaleEdit, StoreError
from calllist_desktop.store.views import ListInfo, TargetView, UserInfo
from calllist_desktop.store.watch import Changes
from calllist_desktop.ui.campaign.callback_dialog import add_callback_menu
from calllist_desktop.ui.list_controller import ListController
from calllist_desktop.ui.manage.bulk_edits import EDIT, EXCLUDE, INCLUDE, REMOVE, BulkEdits
from calllist_desktop.ui.manage.export_dialog import ExportDialog
from calllist_desktop.ui.manage.filter_bar import FilterBar
from calllist_desktop.ui.manage.import_dialog import ImportDialog
from calllist_desktop.ui.manage.list_actions import ListActions
from calllist_desktop.ui.settings import EXPORT_ENCODING, EXPORT_FOLDER, Settings
from calllist_desktop.ui.store_work import Job, StoreWork
from calllist_desktop.ui.style import LIST_AREA_STYLE
from calllist_desktop.ui.table import MANAGEMENT_COLUMNS, TargetTableView
from calllist_desktop.ui.widgets import restyle

log = logging.getLogger(__name__)

__all__ = ["EDIT", "EXCLUDE", "INCLUDE", "REMOVE", "ManagementPanel"]

_STYLE: Final = """
#manageStatus { color: #44505c; }
#manageStatus[kind="error"] { color: #b3261e; }
#bulkActions { padding: 4px 24px 4px 14px; font-weight: 600; }
#bulkActions::menu-indicator { subcontrol-origin: padding; subcontrol-position: right center; right: 8px; }
"""

COLUMN_WIDTHS_EM: Final[dict[str, float]] = {
    "selected": 2.5,
    "assignee": 6,
    "company": 9,
    "person": 7.5,
    "phone": 7,
    "categories": 7.5,
    "last_call_type": 6,
    "last_call_status": 6,
    "last_agent": 6,
    "last_call_at": 8.5,
    "attempts": 4,
    "next_callable": 6,
    "targeted": 4,
}
"""Default widths (full-width characters) of the management table: narrower than the shared
defaults so that the columns, 発信対象 last, fit a window about 1,300 pixels wide."""


class ManagementPanel(QWidget):
    """The manager's 発信先リスト screen: lists, their targets, filters, 操作 and CSV export.

    ``user`` is the login of the admin at work. Call :meth:`reload` (or press 更新 / F5) to
    read the store again; the panel reads it once when built. ``settings`` keeps the export's
    encoding and folder across starts (without it, for the panel's life only). ``work``: the
    window's store work (:class:`ListController`; without it the panel has its own).

    Signals:
        loaded(): the chosen list's targets are in the table (after a load or a refresh).
        changed(): the panel changed data in the store (a list or targets); other views
            showing lists may want to re-read.
        counts_changed(int, int): rows shown and rows in the list.
        status_message(object): a short report of what was just done, for a status bar: a callable
            giving it in the language in force (said again after a language switch).
        rules_requested(int, str): 発信ルール of the list (id, name) should be edited.
        callback_chosen(str, int, object): 再架電予約 on a row (phone, list id, ``CallbackChoice``
            or ``None`` for 日時を指定…).
    """

    loaded = Signal()
    changed = Signal()
    rules_requested = Signal(int, str)
    callback_chosen = Signal(str, int, object)
    counts_changed = Signal(int, int)
    status_message = Signal(object)

    def __init__(
        self,
        store: StoreApi,
        user: str,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        work: StoreWork | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("managementPanel")
        self.setStyleSheet(LIST_AREA_STYLE + _STYLE)
        self.user = user
        self.settings = settings  # what the import dialog remembers; None: nothing is kept
        self.lists: list[ListInfo] = []
        self.users: list[UserInfo] = []
        self.export_dialog: ExportDialog | None = None
        self._lists_read_job: Job | None = None  # the read of the lists under way
        self._lists_read = False
        self.controller = ListController(
            store, MANAGEMENT_COLUMNS, assignee=None, work=work, clock=clock, parent=self
        )
        self.controller.loading.connect(self._show_loading)
        self.controller.loaded.connect(self._on_loaded)
        self.controller.load_failed.connect(self._load_failed)
        self.controller.lists_changed.connect(lambda: self.read_lists(None, then_targets=False))
        self.model = self.controller.model
        self.bulk = BulkEdits(self)
        self.list_actions = ListActions(self)
        # The export's encoding and folder: the ones used last (kept in ``settings`` when given).
        self._export_directory: str | None = (settings.get(EXPORT_FOLDER) or None) if settings else None
        self._export_encoding: str | None = settings.get(EXPORT_ENCODING) if settings else None

        # --- lists ---
        self.title = QLabel()
        self.title.setObjectName("areaTitle")
        self.list_chooser = QComboBox()
        self.list_chooser.setObjectName("listChooser")
        self.list_chooser.setMinimumWidth(140)
        self.list_chooser.currentIndexChanged.connect(self._on_list_chosen)
        self.create_button = self._button("createList", self.list_actions.create)
        self.rename_button = self._button("renameList", self.list_actions.rename)
        self.delete_button = self._button("deleteList", self.list_actions.delete)
        self.refresh_button = self._button("refresh", self.reload)
        self.export_button = self._button("exportCsv", self.open_export_dialog)
        self.import_button = self._button("addTargets", self.open_import_dialog)
        self.import_dialog: ImportDialog | None = None

        # --- filters and table ---
        self.model.counts_changed.connect(self._show_counts)
        self.model.checked_changed.connect(self._show_checked)
        self.filter_bar = FilterBar(self.model.distinct_values)
        self.filter_bar.filter_changed.connect(self._apply_filter)
        self.controller.rows_reread.connect(self.filter_bar.refresh_choices)
        self.table = TargetTableView()
        self.table.setObjectName("manageTable")
        self.table.setModel(self.model)
        self.table.activated_key.connect(self.bulk.edit_contact)  # double-click or Enter on a row
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._open_row_menu)
        self.row_menu: QMenu | None = None
        self._apply_column_widths()
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)

        # --- bulk actions ---
        self.check_all_button = self._button("checkAll", lambda: self.model.set_all_checked(True))
        self.uncheck_all_button = self._button("uncheckAll", self.model.clear_checked)
        self.actions_button = QToolButton()
        self.actions_button.setObjectName("bulkActions")
        self.actions_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.actions_menu = QMenu(self.actions_button)
        self.edit_contact_action = self.actions_menu.addAction("", self.bulk.edit_checked_contact)
        self.edit_contact_action.setObjectName("editContact")
        self.actions_menu.addSeparator()
        self.bulk_actions = {
            EDIT: self.actions_menu.addAction("", self.bulk.edit_assignee),
            EXCLUDE: self.actions_menu.addAction("", lambda: self.bulk.set_excluded(True)),
            INCLUDE: self.actions_menu.addAction("", lambda: self.bulk.set_excluded(False)),
        }
        self.actions_menu.addSeparator()
        self.bulk_actions[REMOVE] = self.actions_menu.addAction("", self.bulk.remove_targets)
        for name, action in self.bulk_actions.items():
            action.setObjectName(name)
        self.actions_button.setMenu(self.actions_menu)
        self.checked_label = QLabel()
        self.checked_label.setObjectName("checkedLabel")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.status = QLabel()
        self.status.setObjectName("manageStatus")
        self.status.setWordWrap(True)

        # Two rows of buttons rather than one, so that the wide window fits a laptop at 125 % or
        # a 1080p screen at 200 % (960 logical pixels, SPEC §4; issue 13): the list and its
        # own operations above, the targets' operations and the files below.
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addSpacing(8)
        header.addWidget(self.list_chooser, 1)
        header.addWidget(self.create_button)
        header.addWidget(self.rename_button)
        header.addWidget(self.delete_button)
        header.addStretch(1)
        header.addWidget(self.count_label)
        bulk = QHBoxLayout()
        bulk.addWidget(self.check_all_button)
        bulk.addWidget(self.uncheck_all_button)
        bulk.addSpacing(8)
        bulk.addWidget(self.actions_button)
        bulk.addSpacing(8)
        bulk.addWidget(self.checked_label)
        bulk.addStretch(1)
        bulk.addWidget(self.refresh_button)
        bulk.addWidget(self.import_button)
        bulk.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 4)  # inside a tab: aligned with the tab bar, as the operator's lists
        layout.addLayout(header)
        layout.addWidget(self.filter_bar)
        layout.addLayout(bulk)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.status)

        self.retranslate()
        self.update_enabled()
        self.reload()

    def _apply_column_widths(self) -> None:
        em = self.table.fontMetrics().horizontalAdvance("あ")
        header = self.table.horizontalHeader()
        for section, column in enumerate(self.model.columns()):
            width = COLUMN_WIDTHS_EM.get(column.key, column.width_em)
            header.resizeSection(section, round(width * em) + 12)
        self._fit_headers()

    def _fit_headers(self) -> None:
        """Widen a column whose header (bold, in the current language) would be cut off."""
        font = QFont(self.table.horizontalHeader().font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        header = self.table.horizontalHeader()
        for section, column in enumerate(self.model.columns()):
            needed = metrics.horizontalAdvance(column.header_text()) + 16
            if header.sectionSize(section) < needed:
                header.resizeSection(section, needed)

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ---- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the language now installed."""
        self.title.setText(self.tr("発信先リスト"))
        self.list_chooser.setToolTip(self.tr("表示する発信先リスト"))
        self.create_button.setText(self.tr("新規作成"))
        self.rename_button.setText(self.tr("名前を変更"))
        self.delete_button.setText(self.tr("削除"))
        self.delete_button.setToolTip(self.tr("このリストを削除します (連絡先と通話履歴は残ります)"))
        self.refresh_button.setText(self.tr("更新"))
        self.refresh_button.setToolTip(self.tr("発信先リストを最新の状態に更新します (F5)"))
        self.export_button.setText(self.tr("CSV ファイルの作成"))
        self.import_button.setText(self.tr("発信先を追加"))
        self.check_all_button.setText(self.tr("すべて選択"))
        self.check_all_button.setToolTip(self.tr("表示中 (絞り込み後) の発信先すべてにチェックを入れます"))
        self.uncheck_all_button.setText(self.tr("選択を解除"))
        self.actions_button.setText(self.tr("操作"))
        self.empty_hint.setText(
            self.tr("発信先リストがありません。\n[新規作成] でリストを作成してください。")
        )
        self.filter_bar.retranslate()
        self.model.retranslate()
        self._fit_headers()
        self._fill_chooser(self.lists, self.list_id)
        self._show_counts(self.model.visible_count(), self.model.total_count())
        self._show_checked(self.model.checked_count())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- loading -------------------------------------------------------------------------------

    @property
    def list_id(self) -> int | None:
        """The list shown (``None``: there is none)."""
        return self.controller.list_id

    def reload(self) -> None:
        """更新: re-read the lists and the chosen list's targets; checks and selection stay on rows
        that remain."""
        self.read_lists(self.list_id, then_targets=True)

    def current_list(self) -> ListInfo | None:
        return next((info for info in self.lists if info.id == self.list_id), None)

    def choose_list(self, name: str) -> bool:
        """Show the list called ``name``; False when there is none."""
        for index in range(self.list_chooser.count()):
            info = self._list_at(index)
            if info is not None and info.name == name:
                self.list_chooser.setCurrentIndex(index)
                return True
        return False

    def row_of_key(self, key: str) -> TargetView | None:
        """The shown list's target with number ``key``, shown or filtered out; ``None`` if none."""
        row = self.model.row_of_key(key)
        return row if isinstance(row, TargetView) else None

    def read_lists(self, preferred: int | None, *, then_targets: bool) -> None:
        """Re-read the lists (and the users, for 操作's assignee) and choose ``preferred`` or the
        list shown; the targets are read again when the choice changed or ``then_targets``."""
        if self._lists_read_job is not None:
            self._lists_read_job.cancel()  # its answer would be older than this one's

        def done(result: tuple[list[ListInfo], list[UserInfo]]) -> None:
            self._lists_read_job = None
            self.lists, self.users = result
            self._lists_read = True
            before = self.list_id
            self._fill_chooser(self.lists, preferred if preferred is not None else before)
            chosen = self.list_chooser.currentData()
            if chosen != before:
                self._on_list_chosen()
            elif then_targets or chosen is None:  # (no list: an empty table, and "loaded")
                self.controller.load()
            self.update_enabled()

        self._lists_read_job = self.controller.work.read(
            self, lambda store: (store.lists(), store.users()), done, self.show_error
        )

    def _fill_chooser(self, lists: list[ListInfo], chosen_id: int | None) -> None:
        self.list_chooser.blockSignals(True)
        self.list_chooser.clear()
        for info in lists:
            self.list_chooser.addItem(self.tr("{0} (%n 件)", "", info.target_count).format(info.name), info.id)
        index = self.list_chooser.findData(chosen_id) if chosen_id is not None else -1
        self.list_chooser.setCurrentIndex(index if index >= 0 else (0 if lists else -1))
        self.list_chooser.blockSignals(False)

    def _list_at(self, index: int) -> ListInfo | None:
        list_id = self.list_chooser.itemData(index)
        return next((info for info in self.lists if info.id == list_id), None)

    def _on_list_chosen(self) -> None:
        """Another list: start clean (no checks, no filter) and read its targets."""
        list_id = self.list_chooser.currentData()
        self.controller.open_list(int(list_id) if list_id is not None else None)
        self.model.clear_checked()
        self.model.set_rows([])
        self.filter_bar.clear()
        self.update_enabled()
        self.controller.load()

    def _show_loading(self) -> None:
        self.count_label.setText(self.tr("読み込み中…"))

    def _on_loaded(self) -> None:
        self.filter_bar.refresh_choices()
        self._show_counts(self.model.visible_count(), self.model.total_count())
        self.loaded.emit()

    def _load_failed(self, error: Exception) -> None:
        self._show_counts(self.model.visible_count(), self.model.total_count())
        self.show_error(error)
        if isinstance(error, NotFound):  # deleted by someone else: show what is there now
            self.read_lists(None, then_targets=True)

    def refresh_plans(self) -> None:
        """Re-read the plans of the list's targets; rows whose plan changed are updated precisely."""
        self.controller.refresh_plans()

    def apply_changes(self, changes: Changes) -> None:
        """Another client changed the store (``ui.live_updates``): re-read just what it touched
        (:meth:`ListController.apply_changes`; checks, selection and scroll stay); list changes
        re-read the chooser."""
        self.controller.apply_changes(changes)

    def ask_for_rules(self) -> None:
        """発信ルール… (管理 menu): ask for the rules editor of the chosen list."""
        info = self.current_list()
        if info is not None:
            self.rules_requested.emit(info.id, info.name)

    def _open_row_menu(self, position: QPoint) -> None:
        """A row's menu: 再架電予約 (for oneself, anyone or a chosen person)."""
        key = self.table.key_at(self.table.indexAt(position))
        if key is None or self.list_id is None:
            return
        list_id = self.list_id
        self.row_menu = QMenu(self.table)
        self.row_menu.setObjectName("manageRowMenu")
        add_callback_menu(
            self.row_menu,
            self.user,
            lambda choice: self.callback_chosen.emit(key, list_id, choice),
            lambda: self.callback_chosen.emit(key, list_id, None),
        )
        self.row_menu.popup(self.table.viewport().mapToGlobal(position))

    # ---- lists -------------------------------------------------------------------------------

    def forget_list(self) -> None:
        """The list shown was deleted: show none until the lists are read again."""
        self.controller.open_list(None)
        self.model.clear_checked()
        self.model.set_rows([])
        self.update_enabled()

    def after_list_change(self, select_id: int | None, message: Callable[[], str]) -> None:
        """A list was made, renamed or deleted here: say so, show ``select_id`` (``None``: the
        first), and let the other views know."""
        self.tell(message)
        self.read_lists(select_id, then_targets=False)
        self.changed.emit()

    # ---- filters and counts ------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter_bar.current_filter())

    def _show_counts(self, shown: int, total: int) -> None:
        self.count_label.setText(self.tr("表示 {0} / 全 {1} 件").format(shown, total))
        self.counts_changed.emit(shown, total)

    def _show_checked(self, count: int) -> None:
        texts = {
            EDIT: self.tr("選択中の発信先 (%n 件) を編集", "", count),
            EXCLUDE: self.tr("選択中の発信先 (%n 件) を発信対象外にする", "", count),
            INCLUDE: self.tr("選択中の発信先 (%n 件) を発信対象にする", "", count),
            REMOVE: self.tr("選択中の発信先 (%n 件) を削除", "", count),
        }
        for name, action in self.bulk_actions.items():
            action.setText(texts[name])
        self.edit_contact_action.setText(self.tr("連絡先を編集…"))
        self.checked_label.setText(self.tr("%n 件選択中", "", count) if count else "")
        self.update_enabled()

    def update_enabled(self) -> None:
        has_list = self.list_id is not None
        can_act = has_list and not self.bulk.busy and self.model.checked_count() > 0
        for action in self.bulk_actions.values():
            action.setEnabled(can_act)
        self.edit_contact_action.setEnabled(can_act and self.model.checked_count() == 1)
        self.actions_button.setEnabled(can_act)
        self.actions_button.setToolTip(
            "" if can_act else self.tr("発信先にチェックを入れると、まとめて操作できます")
        )
        for widget in (
            self.rename_button,
            self.delete_button,
            self.export_button,
            self.import_button,
            self.check_all_button,
            self.uncheck_all_button,
            self.filter_bar,
        ):
            widget.setEnabled(has_list)
        no_lists = self._lists_read and not self.lists
        self.table.setVisible(not no_lists)
        self.empty_hint.setVisible(no_lists)

    # ---- import and export -----------------------------------------------------------------------

    def open_import_dialog(self) -> None:
        """発信先を追加: the CSV import dialog for the chosen list (opened, not run modally)."""
        info = self.current_list()
        if info is None:
            return
        dialog = ImportDialog(
            self.controller.store, info.id, info.name, self, settings=self.settings, work=self.controller.work
        )
        dialog.imported.connect(self._imported)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()

    def _imported(self, _report: object) -> None:
        self.reload()
        self.changed.emit()

    def open_export_dialog(self) -> None:
        """CSV ファイルの作成: the encoding dialog (opened, not run modally)."""
        info = self.current_list()
        if info is None:
            return
        info = ListInfo(info.id, info.name, self.model.total_count(), info.created_at)
        if self.export_dialog is not None and not self.export_dialog.isVisible():
            self.export_dialog.deleteLater()
        checked = set(self.model.checked_keys())
        shown = [row.phone for row in self.model.rows_in_view_order()]
        dialog = ExportDialog(
            self.controller.work,
            info,
            self,
            directory=self._export_directory,
            encoding=self._export_encoding,
            shown=shown,
            checked=[phone for phone in shown if phone in checked],
        )
        dialog.exported.connect(self._exported)
        self.export_dialog = dialog
        dialog.open()

    def _exported(self, path: str, encoding: str) -> None:
        self._export_encoding = encoding
        if self.export_dialog is not None:
            self._export_directory = self.export_dialog.directory
        if self.settings is not None:
            self.settings.set(EXPORT_ENCODING, encoding)
            self.settings.set(EXPORT_FOLDER, self._export_directory or "")
        self.tell(lambda: self.tr("CSV ファイルを作成しました: {0}").format(path))

    # ---- messages -------------------------------------------------------------------------------

    def confirm(self, title: str, text: str, informative: str) -> bool:
        """Ask before something that cannot be undone; the button says 削除, キャンセル is default."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(informative)
        delete = box.addButton(self.tr("削除"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    def tell(self, message: Callable[[], str]) -> None:
        """Say what was just done here and in the status bar; ``message`` translates when called."""
        restyle(self.status, "kind", "info")
        self.status.setText(message())
        self.status_message.emit(message)

    def show_error(self, error: Exception, title: str | None = None) -> None:
        if isinstance(error, StoreError):
            message = str(error)
            if isinstance(error, StaleEdit):  # (the caller reads the list again)
                message += " " + self.tr("最新の内容を読み込みました。確認してからもう一度操作してください。")
            log.warning("management: %s", message)
        else:  # a bug or a lost database: say so plainly, keep the details in the log
            log.error("management: unexpected error", exc_info=error)
            message = self.tr("予期しないエラーが起きました: {0}").format(error)
        restyle(self.status, "kind", "error")
        self.status.setText(message)
        QMessageBox.warning(self, title or self.tr("発信先リスト"), message)

    # ---- keys -----------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # F5 inside the panel refreshes the panel, even when the window has an F5 action of its own.
        if event.type() == QEvent.Type.ShortcutOverride and _is_refresh(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_refresh(event):
            event.accept()
            self.reload()
            return
        super().keyPressEvent(event)


def _is_refresh(event: QEvent) -> bool:
    """The key of the platform's Refresh (F5; Ctrl+R on some desktops)."""
    if not isinstance(event, QKeyEvent):
        return False
    pressed = QKeySequence(event.keyCombination())
    return any(pressed == binding for binding in QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh))
