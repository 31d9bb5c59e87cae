"""発信禁止番号: the store's one do-not-call list, kept by managers (SPEC §9).

Add numbers with a reason, remove them (asked first), import a CSV file (the encodings of list
imports, every error named by its row, nothing changed when there is one) and export the list.
A number on it is never dialled by anyone: auto-call skips it, the phone refuses it.

Every store call (and the file read or written with it) runs on the window's
:class:`~calllist_desktop.ui.store_work.StoreWork`, tied to the dialog: writes in order, a read
that is no longer wanted dropped, nothing delivered once the dialog is gone.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.phone import format_national, normalize_phone
from calllist_desktop.store.campaign_views import DncEntry
from calllist_desktop.store.errors import StoreError
from calllist_desktop.ui.file_dialogs import open_file_name, save_file_name
from calllist_desktop.ui.settings_widgets import SETTINGS_STYLE, field_error, note_label, set_message

if TYPE_CHECKING:
    from calllist_desktop.store.campaign import DncImport
    from calllist_desktop.store.store import Store
    from calllist_desktop.ui.store_work import Job, StoreWork

log = logging.getLogger(__name__)

IMPORT_ENCODINGS = ("auto", "utf-8", "cp932", "utf-16")
EXPORT_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")


class DncDialog(QDialog):
    """The do-not-call list: its numbers, add / remove / import / export.

    Signals:
        changed(): the list changed (views showing blocked numbers re-read).
        loaded(): the rows shown are the store's, as read just now.
    """

    changed = Signal()
    loaded = Signal()

    def __init__(self, work: StoreWork, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dncDialog")
        self.setStyleSheet(SETTINGS_STYLE)
        self.work = work
        self.user = user
        self.entries: list[DncEntry] = []
        self._reading: Job | None = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("dncList")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.phone = QLineEdit()
        self.phone.setObjectName("dncPhone")
        self.reason = QLineEdit()
        self.reason.setObjectName("dncReason")
        self.add_button = QPushButton()
        self.add_button.setObjectName("dncAdd")
        self.add_button.clicked.connect(self.add_typed)
        self.phone.returnPressed.connect(self.add_typed)
        self.reason.returnPressed.connect(self.add_typed)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("dncRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_encoding = QComboBox()
        self.import_encoding.setObjectName("dncImportEncoding")
        for code in IMPORT_ENCODINGS:
            self.import_encoding.addItem("", code)
        self.import_button = QPushButton()
        self.import_button.setObjectName("dncImport")
        self.import_button.clicked.connect(self.choose_import_file)
        self.export_encoding = QComboBox()
        self.export_encoding.setObjectName("dncExportEncoding")
        for code in EXPORT_ENCODINGS:
            self.export_encoding.addItem("", code)
        self.export_button = QPushButton()
        self.export_button.setObjectName("dncExport")
        self.export_button.clicked.connect(self.choose_export_file)
        self.error = field_error("dncError")
        self.issues = QTreeWidget()
        self.issues.setObjectName("dncIssues")
        self.issues.setRootIsDecorated(False)
        self.issues.setMaximumHeight(140)
        self.issues.hide()
        self.summary = note_label("dncSummary")
        add_row = QHBoxLayout()
        self.phone_label, self.reason_label = QLabel(), QLabel()
        add_row.addWidget(self.phone_label)
        add_row.addWidget(self.phone, 1)
        add_row.addWidget(self.reason_label)
        add_row.addWidget(self.reason, 2)
        add_row.addWidget(self.add_button)
        files = QHBoxLayout()
        files.addWidget(self.remove_button)
        files.addStretch(1)
        files.addWidget(self.import_encoding)
        files.addWidget(self.import_button)
        files.addSpacing(12)
        files.addWidget(self.export_encoding)
        files.addWidget(self.export_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addLayout(files)
        layout.addWidget(self.issues)
        layout.addWidget(close)
        self.resize(760, 480)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("発信禁止番号"))
        self.tree.setHeaderLabels([self.tr("電話番号"), self.tr("理由"), self.tr("追加した人"), self.tr("追加日時")])
        self.issues.setHeaderLabels([self.tr("行"), self.tr("内容")])
        self.phone_label.setText(self.tr("電話番号"))
        self.phone.setPlaceholderText("03-1234-5678")
        self.reason_label.setText(self.tr("理由"))
        self.reason.setPlaceholderText(self.tr("例: 本人から発信停止の依頼"))
        self.add_button.setText(self.tr("追加"))
        self.remove_button.setText(self.tr("選択した番号を削除…"))
        self.import_button.setText(self.tr("CSV から取り込む…"))
        self.export_button.setText(self.tr("CSV に書き出す…"))
        labels = {"auto": self.tr("文字コード: 自動判定"), "utf-8": "UTF-8", "cp932": "Shift_JIS (CP932)", "utf-16": "UTF-16"}
        for index, code in enumerate(IMPORT_ENCODINGS):
            self.import_encoding.setItemText(index, labels[code])
        exports = {"utf-8-sig": self.tr("UTF-8 (BOM 付き, Excel 向け)"), "utf-8": "UTF-8", "cp932": "Shift_JIS (CP932)"}
        for index, code in enumerate(EXPORT_ENCODINGS):
            self.export_encoding.setItemText(index, exports[code])
        self._show_summary()

    # --- reading ------------------------------------------------------------------------------

    def reload(self, then_select: str | None = None) -> None:
        """Read the list again (an earlier read still going is dropped) and show it; then select
        the row of ``then_select``, if given."""
        if self._reading is not None:
            self._reading.cancel()
        self._reading = self.work.read(
            self,
            lambda store: store.dnc_entries(),
            lambda entries: self._show(entries, then_select),
            self._failed,
        )

    def _show(self, entries: list[DncEntry], then_select: str | None) -> None:
        self.entries = entries
        self.tree.clear()
        for entry in self.entries:
            item = QTreeWidgetItem(
                [
                    format_national(entry.phone),
                    entry.reason or "",
                    entry.added_by_login or "",
                    entry.added_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entry.phone)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self._show_summary()
        self._update_buttons()
        if then_select is not None:
            self.select(then_select)
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        """A store error (or a file's) is said in the dialog; anything else is a bug: logged too."""
        if not isinstance(error, StoreError | OSError):
            log.error("do-not-call list work failed", exc_info=error)
        set_message(self.error, str(error))

    def _show_summary(self) -> None:
        self.summary.setText(self.tr("{0} 件の番号が発信禁止です。誰も、手動でもオートコールでも発信できません。").format(len(self.entries)))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.tree.selectedItems()))

    def selected_phones(self) -> list[str]:
        return [str(item.data(0, Qt.ItemDataRole.UserRole)) for item in self.tree.selectedItems()]

    # --- writing ------------------------------------------------------------------------------

    def add_typed(self) -> None:
        number = normalize_phone(self.phone.text())
        if number.e164 is None:
            set_message(self.error, self.tr("電話番号として読めません: {0}").format(self.phone.text().strip()))
            return
        phone, reason, user = number.e164, self.reason.text().strip(), self.user
        self.work.write(
            self,
            lambda store: store.add_dnc([phone], reason=reason, by=user),
            lambda added: self._added(phone, added),
            self._failed,
        )

    def _added(self, phone: str, added: int) -> None:
        if not added:  # on the list already: its reason stays, and the row says which it is
            shown = format_national(phone)
            set_message(self.error, self.tr("{0} は既に発信禁止番号です (理由は変わりません)").format(shown))
            self.select(phone)
            return
        set_message(self.error, "")
        self.phone.clear()
        self.reason.clear()
        self.reload(then_select=phone)
        self.changed.emit()

    def select(self, phone: str) -> None:
        """Select the row of ``phone`` (and only it), scrolled into view."""
        self.tree.clearSelection()
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == phone:
                item.setSelected(True)
                self.tree.scrollToItem(item)

    def remove_selected(self) -> None:
        phones = self.selected_phones()
        if not phones:
            return
        shown = ", ".join(format_national(phone) for phone in phones[:5]) + (" …" if len(phones) > 5 else "")
        answer = QMessageBox.question(
            self, self.tr("発信禁止番号の削除"), self.tr("{0} 件を発信禁止から外しますか?\n{1}").format(len(phones), shown)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove(phones)

    def remove(self, phones: list[str]) -> None:
        user = self.user
        self.work.write(
            self,
            lambda store: store.remove_dnc(phones, by=user),
            lambda _removed: self._removed(),
            self._failed,
        )

    def _removed(self) -> None:
        set_message(self.error, "")
        self.reload()
        self.changed.emit()

    def choose_import_file(self) -> None:
        path = open_file_name(self, self.tr("発信禁止番号の CSV"), "", self.tr("CSV ファイル (*.csv *.txt);;すべてのファイル (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import ``path`` (read on the writer with the import); every error is listed by row and
        nothing is added when there is one."""
        encoding, user = str(self.import_encoding.currentData()), self.user

        def read_and_import(store: Store) -> DncImport | OSError:
            try:
                data = path.read_bytes()
            except OSError as exc:
                return exc
            return store.import_dnc_csv(data, encoding=encoding, by=user)

        self.work.write(self, read_and_import, self._imported, self._failed)

    def _imported(self, outcome: DncImport | OSError) -> None:
        if isinstance(outcome, OSError):
            set_message(self.error, self.tr("ファイルを読めません: {0}").format(outcome))
            return
        report = outcome
        self.issues.clear()
        for row, message in report.errors:
            self.issues.addTopLevelItem(QTreeWidgetItem([str(row), message]))
        self.issues.setVisible(bool(report.errors))
        if not report.ok:
            set_message(self.error, self.tr("{0} 件のエラーがあるため取り込みませんでした (何も変更していません)").format(len(report.errors)))
            return
        set_message(self.error, "")
        done = self.tr("{0} 件を取り込みました (登録済み {1} 件)。").format(report.added, report.already)
        self.loaded.connect(
            lambda: self.summary.setText(done + " " + self.summary.text()),
            Qt.ConnectionType.SingleShotConnection,
        )
        self.reload()
        self.changed.emit()

    def choose_export_file(self) -> None:
        path = save_file_name(self, self.tr("発信禁止番号を書き出す"), "dnc.csv", self.tr("CSV ファイル (*.csv)"))
        if path:
            self.export_file(Path(path))

    def export_file(self, path: Path) -> None:
        """Write the list to ``path`` in the encoding chosen (read and written on a reader)."""
        encoding = str(self.export_encoding.currentData())

        def export(store: Store) -> None:
            path.write_bytes(store.export_dnc_csv(encoding))

        self.work.read(self, export, lambda _none: set_message(self.error, ""), self._failed)
