"""CSV ファイルの作成: write one call list as a CSV file in the chosen encoding (SPEC §3).

The dialog asks which targets (the whole list, the ones the filter shows, or the checked ones)
and the encoding, then for the file (``<list name>_<YYYYMMDD>.csv`` suggested); the list is read and encoded off the GUI
thread and the file written whole or not at all (:func:`write_file_atomically`). When the
chosen encoding (CP932) cannot hold some characters, the dialog stays open, names the rows
and offers to save the same file as UTF-8 with BOM in one click.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Final

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.csv_export import ExportEncodingError
from calllist_desktop.store import output
from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import ListInfo
from calllist_desktop.ui import file_dialogs
from calllist_desktop.ui.manage.dialog_work import store_work_for
from calllist_desktop.ui.store_work import StoreWork

log = logging.getLogger(__name__)

UTF8_BOM: Final = "utf-8-sig"
ENCODINGS: Final = (UTF8_BOM, "utf-8", "cp932")
"""The encodings offered, the default (what Excel opens correctly) first."""

_UNSAFE_IN_NAMES: Final = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

_STYLE: Final = """
#exportError { color: #b3261e; background: #fdf0ef; border: 1px solid #f0c4bf; border-radius: 4px; padding: 6px; }
"""


def write_file_atomically(path: Path, data: bytes, protected: Sequence[Path] = ()) -> None:
    """Write ``data`` to ``path`` whole or not at all, never over the store's files (``protected``)
    or a device: :func:`calllist_desktop.store.output.write_bytes`, the CLI's way too."""
    output.write_bytes(path, data, protected)


WHOLE_LIST, SHOWN, CHECKED = "all", "shown", "checked"
"""Which targets go into the file: the list, the rows the filter shows, the checked rows."""


def default_file_name(list_name: str, day: date | None = None) -> str:
    """``<list name>_<YYYYMMDD>.csv`` (``<list name>.csv`` without a day), with characters no
    file system takes replaced by ``_``."""
    name = _UNSAFE_IN_NAMES.sub("_", list_name).strip().strip(".") or "list"
    return f"{name}_{day:%Y%m%d}.csv" if day is not None else f"{name}.csv"


def local_today() -> date:
    """Today in this computer's time zone, the one the tables show the call times in."""
    return datetime.now().astimezone().date()


class ExportDialog(QDialog):
    """Choose the encoding of a list's CSV file, then where to save it.

    ``directory`` is where the file dialog starts (the user's documents when not given);
    ``encoding`` the one chosen first (the one used last, kept by the caller). ``shown`` and
    ``checked`` are the phones the table shows (in its order) and the checked ones: each is
    offered as a choice besides the whole list when it is a part of it. The dialog closes
    (accepted) once the file is written; errors show inside it. ``work`` runs the store calls off
    the GUI thread (the window's; without it, the application's for ``store``).

    Signals:
        exported(path: str, encoding: str): the file was written.
        failed(message: str): the export failed; the message is shown in the dialog.
    """

    exported = Signal(str, str)
    failed = Signal(str)

    def __init__(
        self,
        store: StoreApi,
        list_info: ListInfo,
        parent: QWidget | None = None,
        *,
        directory: str | None = None,
        encoding: str | None = None,
        shown: Sequence[str] | None = None,
        checked: Sequence[str] | None = None,
        work: StoreWork | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(520)
        self.store = store
        self.work = store_work_for(store, work)
        self.list_info = list_info
        self.directory = directory or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.path: Path | None = None  # the file chosen last
        self._busy = False
        self._phones: dict[str, list[str] | None] = {
            WHOLE_LIST: None,
            SHOWN: list(shown) if shown is not None else [],
            CHECKED: list(checked) if checked is not None else [],
        }
        self.scope_label = QLabel()
        self.scopes = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for scope in (WHOLE_LIST, SHOWN, CHECKED):
            button = QRadioButton()
            button.setObjectName(f"exportScope_{scope}")
            self.scopes.addButton(button)
            self.scope_buttons[scope] = button
        partial = 0 < len(self._phones[SHOWN] or ()) < list_info.target_count
        self.scope_buttons[SHOWN].setVisible(partial)
        self.scope_buttons[CHECKED].setVisible(bool(self._phones[CHECKED]))
        first = CHECKED if self._phones[CHECKED] else SHOWN if partial else WHOLE_LIST
        self.scope_buttons[first].setChecked(True)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.encoding = QComboBox()
        self.encoding.setObjectName("exportEncoding")
        for code in ENCODINGS:
            self.encoding.addItem("", code)
        if encoding in ENCODINGS:
            self.encoding.setCurrentIndex(ENCODINGS.index(encoding))
        self.encoding.currentIndexChanged.connect(self._clear_error)
        self.encoding_label = QLabel()
        self.encoding_label.setBuddy(self.encoding)
        self.hint = QLabel()
        self.hint.setObjectName("exportHint")
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("exportError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.utf8_button = QPushButton()
        self.utf8_button.setObjectName("saveAsUtf8")
        self.utf8_button.clicked.connect(self.save_as_utf8)
        self.utf8_button.hide()

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.choose_file_and_export)
        self.buttons.rejected.connect(self.reject)

        scopes = QVBoxLayout()
        scopes.setSpacing(2)
        for button in self.scope_buttons.values():
            scopes.addWidget(button)
        form = QFormLayout()
        form.addRow(self.scope_label, scopes)
        form.addRow(self.encoding_label, self.encoding)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.utf8_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("CSV ファイルの作成"))
        self.summary.setText(
            self.tr(
                "リスト「{0}」の発信先 (%n 件) を CSV ファイルに書き出します。",
                "",
                self.list_info.target_count,
            ).format(self.list_info.name)
        )
        self.scope_label.setText(self.tr("書き出す発信先"))
        count = self.list_info.target_count
        self.scope_buttons[WHOLE_LIST].setText(self.tr("リスト全体 (%n 件)", "", count))
        self.scope_buttons[SHOWN].setText(
            self.tr("表示中の発信先 (絞り込み後, %n 件)", "", len(self._phones[SHOWN] or ()))
        )
        self.scope_buttons[CHECKED].setText(
            self.tr("チェックした発信先 (%n 件)", "", len(self._phones[CHECKED] or ()))
        )
        self.encoding_label.setText(self.tr("文字コード"))
        names = {
            UTF8_BOM: self.tr("UTF-8 (BOM 付き, Excel 向け)"),
            "utf-8": self.tr("UTF-8"),
            "cp932": self.tr("Shift_JIS (CP932)"),
        }
        for index, code in enumerate(ENCODINGS):
            self.encoding.setItemText(index, names[code])
        self.hint.setText(
            self.tr(
                "Excel で開くなら「UTF-8 (BOM 付き)」がおすすめです。Shift_JIS では絵文字など一部の文字を書き出せません。"
            )
        )
        self.utf8_button.setText(self.tr("UTF-8 (BOM 付き) で保存"))
        self.export_button.setText(self.tr("エクスポート"))
        self.cancel_button.setText(self.tr("キャンセル"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_wrapped_text()

    def _fit_wrapped_text(self) -> None:
        """Give wrapped lines the height they need at the width the dialog really has: sized
        before it was shown, the dialog kept one line's height and cut the second line off."""
        for label in (self.summary, self.hint, self.error):
            label.setMinimumHeight(label.heightForWidth(label.width()) if label.isVisible() else 0)
        self.adjustSize()

    # ---- choices ------------------------------------------------------------------------------

    def chosen_encoding(self) -> str:
        return str(self.encoding.currentData())

    def chosen_scope(self) -> str:
        return next(scope for scope, button in self.scope_buttons.items() if button.isChecked())

    def set_scope(self, scope: str) -> None:
        self.scope_buttons[scope].setChecked(True)

    def set_encoding(self, code: str) -> None:
        index = self.encoding.findData(code)
        if index < 0:
            raise ValueError(f"unknown export encoding {code!r}")
        self.encoding.setCurrentIndex(index)

    # ---- exporting ------------------------------------------------------------------------------

    def choose_file_and_export(self) -> None:
        """エクスポート: ask where to save, then write the file (the dialog stays open meanwhile)."""
        if self._busy:
            return
        start = Path(self.directory or Path.home()) / default_file_name(self.list_info.name, local_today())
        chosen = file_dialogs.save_file_name(
            self,
            self.tr("CSV ファイルの保存先"),
            str(start),
            self.tr("CSV ファイル (*.csv);;すべてのファイル (*)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".csv")
        self.export_to(path, self.chosen_encoding())

    def save_as_utf8(self) -> None:
        """The way out of an encoding error: the same file, as UTF-8 with BOM."""
        self.set_encoding(UTF8_BOM)
        if self.path is None:
            self.choose_file_and_export()
        else:
            self.export_to(self.path, UTF8_BOM)

    def export_to(self, path: Path, encoding: str) -> None:
        """Read, encode and write the list off the GUI thread; ``exported`` or ``failed`` follows."""
        self.path = path
        self.directory = str(path.parent)
        self._set_busy(True)
        list_id = self.list_info.id
        phones = self._phones[self.chosen_scope()]

        def export(store: Store) -> str:
            write_file_atomically(path, store.export_csv(list_id, encoding, phones=phones), store.files())
            return str(path)

        self.work.read(self, export, lambda written: self._done(written, encoding), self._failed)

    def _done(self, path: str, encoding: str) -> None:
        self._set_busy(False)
        self.exported.emit(path, encoding)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        offer_utf8 = False
        if isinstance(error, ExportEncodingError):
            message = error.message + "\n" + self.tr("ファイルは作成していません。")
            offer_utf8 = not error.encoding.startswith("utf-")
        elif isinstance(error, StoreError):
            message = str(error)
        elif isinstance(error, OSError):
            where = error.filename or self.path
            message = self.tr("ファイルに書き込めません ({0}): {1}").format(where, error.strerror or error)
        else:
            log.error("export failed", exc_info=error)
            message = self.tr("書き出しに失敗しました: {0}").format(error)
        self.error.setText(message)
        self.error.show()
        self.utf8_button.setVisible(offer_utf8)
        self._fit_wrapped_text()
        (self.utf8_button if offer_utf8 else self.export_button).setDefault(True)  # Enter takes the way out
        self.failed.emit(message)

    def _clear_error(self) -> None:
        self.error.hide()
        self.utf8_button.hide()
        self.export_button.setDefault(True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.export_button, self.utf8_button, self.encoding, *self.scope_buttons.values()):
            widget.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        if busy:
            self.error.hide()
