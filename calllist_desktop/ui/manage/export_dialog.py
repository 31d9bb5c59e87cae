"""CSV ファイルの作成: write one call list as a CSV file in the chosen encoding (SPEC §3).

The dialog asks for the encoding, then for the file; the list is read and encoded off the GUI
thread and the file written whole or not at all (:func:`write_file_atomically`). When the
chosen encoding (CP932) cannot hold some characters, the dialog stays open, names the rows
and offers to save the same file as UTF-8 with BOM in one click.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.csv_export import ExportEncodingError
from calllist_desktop.store import output
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import ListInfo
from calllist_desktop.ui.background import run_in_background

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


def default_file_name(list_name: str) -> str:
    """``<list name>.csv``, with characters no file system takes replaced by ``_``."""
    name = _UNSAFE_IN_NAMES.sub("_", list_name).strip().strip(".") or "list"
    return f"{name}.csv"


class ExportDialog(QDialog):
    """Choose the encoding of a list's CSV file, then where to save it.

    ``directory`` is where the file dialog starts (the user's documents when not given).
    The dialog closes (accepted) once the file is written; errors show inside it.

    Signals:
        exported(path: str, encoding: str): the file was written.
        failed(message: str): the export failed; the message is shown in the dialog.
    """

    exported = Signal(str, str)
    failed = Signal(str)

    def __init__(
        self,
        store: Store,
        list_info: ListInfo,
        parent: QWidget | None = None,
        *,
        directory: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(520)
        self.store = store
        self.list_info = list_info
        self.directory = directory or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        self.path: Path | None = None  # the file chosen last
        self._busy = False

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.encoding = QComboBox()
        self.encoding.setObjectName("exportEncoding")
        for code in ENCODINGS:
            self.encoding.addItem("", code)
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

        form = QFormLayout()
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
        start = Path(self.directory or Path.home()) / default_file_name(self.list_info.name)
        chosen, _filter = QFileDialog.getSaveFileName(
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
        store, list_id = self.store, self.list_info.id

        def work() -> str:
            write_file_atomically(path, store.export_csv(list_id, encoding), store.files())
            return str(path)

        run_in_background(work, lambda written: self._done(written, encoding), self._failed)

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
        for widget in (self.export_button, self.utf8_button, self.encoding):
            widget.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        if busy:
            self.error.hide()
