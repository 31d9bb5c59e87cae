"""The report's files: the table as CSV (the encodings of the list exports) and a chart as PNG.

Both ask where to save with the program's file dialog (``ui.file_dialogs``), suggest a name
that says what is in the file (``分析_担当者別_20261201-20261206.csv``), and write the file whole
or not at all, never over the store's own files (``store.output.write_bytes``, as the list
export). The CSV's encoding is the one used last for exports (設定 keeps it); a character that
CP932 cannot hold is a message naming the rows, with the way out (UTF-8 with BOM) one click away.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QToolButton

from calllist_desktop.core.csv_export import ExportEncodingError, export_table_csv
from calllist_desktop.store.output import write_bytes
from calllist_desktop.ui import file_dialogs
from calllist_desktop.ui.analytics import charts
from calllist_desktop.ui.analytics.report_model import csv_table
from calllist_desktop.ui.analytics.report_view import ReportView
from calllist_desktop.ui.manage.export_dialog import ENCODINGS, UTF8_BOM, default_file_name
from calllist_desktop.ui.settings import EXPORT_ENCODING, EXPORT_FOLDER, Settings

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)

GROUP_WORDS: Final = {"operator": "担当者別", "list": "リスト別", "day": "日別", "hour": "時間帯別"}
"""File names are Japanese, as the files' headers."""


class ReportExporter(QObject):
    """The CSV ファイルの作成 and 画像 (PNG) として保存 buttons of a :class:`ReportView`.

    Signals:
        saved(str): a file was written (its path).
        failed(str): a file could not be written (the message shown).
    """

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, view: ReportView, settings: Settings | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.settings = settings
        self.directory = (settings.get(EXPORT_FOLDER) if settings else "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        encoding = settings.get(EXPORT_ENCODING) if settings else UTF8_BOM
        self.csv_button = QToolButton()
        self.csv_button.setObjectName("reportCsv")
        self.csv_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.csv_button.clicked.connect(lambda _checked=False: self.export_csv())
        self.encodings = QActionGroup(self)
        menu = QMenu(self.csv_button)
        for code in ENCODINGS:
            action = menu.addAction("")
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == encoding)
            self.encodings.addAction(action)
        self.csv_button.setMenu(menu)
        self.png_button = QToolButton()
        self.png_button.setObjectName("reportPng")
        self.png_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        png_menu = QMenu(self.png_button)
        self.daily_png = png_menu.addAction("", lambda: self.export_png(self.view.daily_chart, "日別"))
        self.outcome_png = png_menu.addAction("", lambda: self.export_png(self.view.outcome_chart, "担当者別の結果"))
        self.png_button.setMenu(png_menu)
        view.export_row.addWidget(self.csv_button)
        view.export_row.addWidget(self.png_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.csv_button.setText(self.tr("CSV ファイルの作成"))
        self.csv_button.setToolTip(self.tr("表の内容を CSV ファイルに書き出します (▼ で文字コードを選択)"))
        names = {
            UTF8_BOM: self.tr("UTF-8 (BOM 付き, Excel 向け)"),
            "utf-8": self.tr("UTF-8"),
            "cp932": self.tr("Shift_JIS (CP932)"),
        }
        for action in self.encodings.actions():
            action.setText(names[str(action.data())])
        self.png_button.setText(self.tr("グラフを保存"))
        self.png_button.setToolTip(self.tr("グラフを PNG 画像として保存します"))
        self.daily_png.setText(self.tr("日別の発信数と応答率 (PNG)…"))
        self.outcome_png.setText(self.tr("担当者別の通話結果 (PNG)…"))

    def encoding(self) -> str:
        checked = self.encodings.checkedAction()
        return str(checked.data()) if checked is not None else UTF8_BOM

    def set_encoding(self, code: str) -> None:
        for action in self.encodings.actions():
            action.setChecked(action.data() == code)

    def _suggested(self, what: str, suffix: str) -> Path:
        result = self.view.result
        span = f"{result.start:%Y%m%d}-{result.end:%Y%m%d}" if result else ""
        name = default_file_name(f"分析_{what}_{span}").removesuffix(".csv") + suffix
        return Path(self.directory) / name

    # ---- CSV -------------------------------------------------------------------------------------

    def export_csv(self, path: Path | None = None) -> None:
        """Ask where (unless ``path`` is given), then write the rows shown in the chosen encoding."""
        if self.view.result is None:
            return
        if path is None:
            chosen = file_dialogs.save_file_name(
                self.view,
                self.tr("CSV ファイルの保存先"),
                str(self._suggested(GROUP_WORDS[self.view.model.grouped_by], ".csv")),
                self.tr("CSV ファイル (*.csv);;すべてのファイル (*)"),
            )
            if not chosen:
                return
            path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".csv")
        headers, records = csv_table(self.view.model)
        encoding = self.encoding()

        def write(store: Store) -> str:  # never over the store's own files
            write_bytes(path, export_table_csv(headers, records, encoding), store.files())
            return str(path)

        self.view.work.read(
            self.view, write, lambda written: self._written(written, encoding), lambda e: self._csv_failed(e, path)
        )

    def _csv_failed(self, error: Exception, path: Path) -> None:
        if isinstance(error, ExportEncodingError) and not error.encoding.startswith("utf-"):
            message = error.message + "\n" + self.tr("ファイルは作成していません。")
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("CSV ファイルの作成"), message, parent=self.view)
            utf8 = box.addButton(self.tr("UTF-8 (BOM 付き) で保存"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(utf8)
            self.failed.emit(message)
            box.exec()
            if box.clickedButton() is utf8:
                self.set_encoding(UTF8_BOM)
                self.export_csv(path)
            return
        self._tell_failure(error, path)

    # ---- PNG -------------------------------------------------------------------------------------

    def export_png(self, chart_view: object, what: str, path: Path | None = None) -> None:
        """Ask where (unless ``path`` is given), then save the chart as the view shows it."""
        if self.view.result is None:
            return
        if path is None:
            chosen = file_dialogs.save_file_name(
                self.view,
                self.tr("画像の保存先"),
                str(self._suggested(what, ".png")),
                self.tr("PNG 画像 (*.png);;すべてのファイル (*)"),
            )
            if not chosen:
                return
            path = Path(chosen) if Path(chosen).suffix else Path(chosen).with_suffix(".png")
        data = charts.chart_png(chart_view)  # type: ignore[arg-type]  # painted on the GUI thread
        target = path

        def write(store: Store) -> str:  # never over the store's own files
            write_bytes(target, data, store.files())
            return str(target)

        self.view.work.read(
            self.view, write, lambda written: self._written(written, None), lambda e: self._tell_failure(e, target)
        )

    # ---- both ------------------------------------------------------------------------------------

    def _written(self, path: str, encoding: str | None) -> None:
        self.directory = str(Path(path).parent)
        if self.settings is not None:
            self.settings.set(EXPORT_FOLDER, self.directory)
            if encoding is not None:
                self.settings.set(EXPORT_ENCODING, encoding)
        self.saved.emit(path)

    def _tell_failure(self, error: Exception, path: Path) -> None:
        if isinstance(error, OSError):
            message = self.tr("ファイルに書き込めません ({0}): {1}").format(error.filename or path, error.strerror or error)
        else:
            log.error("report export failed", exc_info=error)
            message = self.tr("書き出しに失敗しました: {0}").format(error)
        self.failed.emit(message)
        QMessageBox.warning(self.view, self.tr("分析"), message)
