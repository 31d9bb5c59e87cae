"""発信先を追加: a manager adds targets from a CSV file to one call list (SPEC §2, §4).

The dialog renders an :class:`~.import_session.ImportSession` and hands it the user's choices.
As soon as the file or the encoding changes, the session reads the file and checks it with a dry
run of the store's import, off the GUI thread: the dialog shows the encoding found, what saving
would do (targets added and overwritten, contacts created and updated), the rows it would
import, and every error and warning by the row number a spreadsheet shows. 保存 imports the
parse that was checked, so a file edited in between cannot slip in unchecked; it is enabled only
for a checked file without errors. When every error is one of a single row, エラーの行を除いて保存
imports the other rows instead, on request only. レポートを保存 writes the errors and warnings
to a CSV file (``import_report_export``).

The check runs again when the assignee changes, so that the preview says which numbers would move
from other operators. With ``settings`` the dialog remembers the assignee and the folder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QAbstractTableModel, QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.core.csv_import import ENCODINGS
from calllist_desktop.store.deferred import StoreApi
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store
from calllist_desktop.ui.file_dialogs import open_file_name, save_file_name
from calllist_desktop.ui.manage.import_child import PROGRESS_MAX
from calllist_desktop.ui.manage.import_models import IssuesModel, PreviewModel, issues_of
from calllist_desktop.ui.manage.import_process import ProcessPool, process_pool
from calllist_desktop.ui.manage.import_report_export import report_path, write_issues_report
from calllist_desktop.ui.manage.import_session import WRITING, ImportSession, Phase
from calllist_desktop.ui.manage.import_wording import ImportWording
from calllist_desktop.ui.manage.import_worker import Preview
from calllist_desktop.ui.settings import IMPORT_ASSIGNEE, IMPORT_FOLDER, Settings
from calllist_desktop.ui.store_work import StoreWork
from calllist_desktop.ui.style import quiet_table
from calllist_desktop.ui.widgets import restyle

log = logging.getLogger(__name__)

__all__ = ["PROGRESS_MAX", "ImportDialog"]

_WRAP_ISSUES_UP_TO: Final = 300  # more issues than this: one line each (row heights cost time)

_STYLE: Final = """
#importListName { font-weight: 600; }
#importDetected, #importProgressText, #importNote { color: #5b6570; }
#importNote[tone="error"] { color: #b3261e; }
#importSummary { padding: 6px 10px; border-radius: 4px; background: #f4f6f8; color: #2b3440; }
#importSummary[tone="ok"] { background: #eaf5ee; color: #1e5e37; }
#importSummary[tone="done"] { background: #eaf5ee; color: #1e5e37; font-weight: 600; }
#importSummary[tone="error"] { background: #fdecea; color: #b3261e; font-weight: 600; }
"""


class ImportDialog(QDialog):
    """発信先を追加 — choose a CSV file, an assignee and an encoding, check the preview, save.

    The file is checked whenever it or the encoding changes (a newer check cancels an older
    one); the assignee only matters when saving. While saving, the inputs are disabled and the
    dialog cannot be closed. An import the store rejects at save time (the list filled up in the
    meantime) changes nothing: its errors are shown and 保存 stays disabled until a new check
    passes. Problems (an unreadable file, a store error) are shown in the dialog, never raised.

    Signals:
        previewed(ImportReport): a check of the chosen file finished; the dry run's report.
        imported(ImportReport): the targets were saved into the list.
        failed(str): reading, checking or saving failed; the message shown.
        report_saved(str): the error report was written to this path.
    """

    previewed = Signal(object)
    imported = Signal(object)
    failed = Signal(str)
    report_saved = Signal(str)

    def __init__(
        self,
        store: StoreApi,
        list_id: int,
        list_name: str,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        processes: ProcessPool | None = None,
        work: StoreWork,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.processes = processes or process_pool()  # the application's child processes
        self.setObjectName("importDialog")
        self.setStyleSheet(_STYLE)
        self.setAcceptDrops(True)
        self.resize(900, 640)
        self.store = store
        self.list_id = list_id
        self.list_name = list_name
        self.work = work  # the window's: reading the users, the report
        self.session = ImportSession(store, list_id, self.processes, self.work, self)
        self.words = ImportWording(self)
        self._note: tuple[str, str] | None = None  # ("saved" | "failed", path or reason)
        self._shown: Preview | None = None  # the preview the tables show
        self.session.changed.connect(self._render)
        self.session.users_loaded.connect(self._fill_users)
        self.session.progressed.connect(self._on_progress)
        self.session.previewed.connect(self._check_done)
        self.session.imported.connect(self.imported)
        self.session.failed.connect(self._on_failed)

        self.list_label = QLabel()
        self.list_value = QLabel(list_name)
        self.list_value.setObjectName("importListName")
        self.file_label = QLabel()
        self.file_field = QLineEdit()
        self.file_field.setObjectName("importFile")
        self.file_field.setReadOnly(True)
        self.file_field.setMinimumWidth(360)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("chooseFile")
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label.setBuddy(self.choose_button)
        self.assignee_label = QLabel()
        self.assignee = QComboBox()
        self.assignee.setObjectName("importAssignee")
        self.assignee.setMinimumWidth(260)
        self.assignee_label.setBuddy(self.assignee)
        self.assignee.currentIndexChanged.connect(self._assignee_changed)
        self.encoding_label = QLabel()
        self.encoding = QComboBox()
        self.encoding.setObjectName("importEncoding")
        self.encoding.setMinimumWidth(180)
        for code in ENCODINGS:
            self.encoding.addItem("", code)
        self.encoding.currentIndexChanged.connect(self._encoding_changed)
        self.encoding_label.setBuddy(self.encoding)
        self.detected = QLabel()
        self.detected.setObjectName("importDetected")

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, PROGRESS_MAX)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("importProgressText")

        self.rows_model = PreviewModel(self)
        self.rows_view = self._table(self.rows_model, (70, 230, 150, 130))
        self.issues_model = IssuesModel(self)
        self.issues_view = self._table(self.issues_model, (70, 110, 70))
        self.issues_view.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("importTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.rows_view, "")
        self.tabs.addTab(self.issues_view, "")

        self.report_button = QPushButton()
        self.report_button.setObjectName("saveReport")
        self.report_button.clicked.connect(self.save_report)
        self.note = QLabel()
        self.note.setObjectName("importNote")
        self.cancel_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setObjectName("importSave")
        self.save_button.setDefault(True)
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("importSkipBadRows")
        self.skip_button.clicked.connect(lambda: self.save(skip_bad_rows=True))

        file_row = QHBoxLayout()
        file_row.setSpacing(8)
        file_row.addWidget(self.file_field, 1)
        file_row.addWidget(self.choose_button)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(self.encoding)
        encoding_row.addSpacing(8)
        encoding_row.addWidget(self.detected, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(12)
        form.addRow(self.list_label, self.list_value)
        form.addRow(self.file_label, file_row)
        form.addRow(self.assignee_label, self._left(self.assignee))
        form.addRow(self.encoding_label, encoding_row)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_text)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.report_button)
        bottom_row.addWidget(self.note, 1)
        bottom_row.addWidget(self.skip_button)
        bottom_row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addLayout(progress_row)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom_row)

        self.assignee.blockSignals(True)  # nothing to remember while filling
        self.assignee.addItem("", None)
        self.assignee.blockSignals(False)
        self.retranslate()
        self.session.load_users()

    @staticmethod
    def _left(widget: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        return row

    @staticmethod
    def _table(model: QAbstractTableModel, widths: Sequence[int]) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        quiet_table(view)
        rows = view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        return view

    def _fill_users(self) -> None:
        """The assignee choices: leave the assignees as they are, then every user; the one chosen
        last time is selected (which checks the file again, if one was chosen meanwhile)."""
        self.assignee.blockSignals(True)  # no check (and no remembering) while filling
        for user in self.session.users or []:
            self.assignee.addItem(f"{user.display_name} ({user.login})", user.login)
        remembered = self.settings.get(IMPORT_ASSIGNEE) if self.settings is not None else ""
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(remembered)) if remembered else 0)
        self.assignee.blockSignals(False)
        self.session.set_assignee(self.current_assignee())

    def users_loaded(self) -> bool:
        """Whether the assignee choices are filled (they are read off the GUI thread)."""
        return self.session.users is not None

    def _assignee_changed(self) -> None:
        """Remember the choice, and check again: the preview says whose numbers would move."""
        if self.settings is not None:
            self.settings.set(IMPORT_ASSIGNEE, self.current_assignee() or "")
        self.session.set_assignee(self.current_assignee())

    def _encoding_changed(self) -> None:
        self.session.set_encoding(self.current_encoding())

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("発信先を追加 — {0}").format(self.list_name))
        self.list_label.setText(self.tr("発信先リスト"))
        self.file_label.setText(self.tr("ファイル"))
        self.file_field.setPlaceholderText(self.tr("CSV ファイルを選ぶか、ここにドロップしてください"))
        self.choose_button.setText(self.tr("ファイルを選択…"))
        self.assignee_label.setText(self.tr("発信先担当者"))
        self.assignee.setItemText(0, self.tr("変更しない（新しい番号は担当者なし）"))
        self.assignee.setToolTip(
            self.tr(
                "取り込む発信先すべての担当者。「変更しない」では、既にある番号は今の担当者のまま"
                "（ファイルに発信担当者の列があればその人）、新しい番号は担当者なしになります"
            )
        )
        self.skip_button.setText(self.tr("エラーの行を除いて保存"))
        self.skip_button.setToolTip(
            self.tr(
                "エラーのない行だけを取り込み、エラーのある行は取り込みません（どの行かは結果に表示します）"
            )
        )
        self.encoding_label.setText(self.tr("文字コード"))
        for index in range(self.encoding.count()):
            self.encoding.setItemText(index, self.words.encoding_name(self.encoding.itemData(index)))
        self.report_button.setText(self.tr("レポートを保存…"))
        self.report_button.setToolTip(self.tr("エラーと警告を CSV ファイルに保存します"))
        self.cancel_button.setText(self.tr("キャンセル"))
        for button in (self.choose_button, self.report_button, self.cancel_button, self.skip_button):
            _give_room(button)
        self.rows_model.retranslate()
        self.issues_model.retranslate()
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _render(self) -> None:
        """Bring every text, table and control in line with the session."""
        session = self.session
        preview, phase = session.preview, session.phase
        if phase is Phase.CHECKING:
            self._note = None  # the note was about the file checked before
        self._show_preview()
        tone, text = self.words.summary(session)
        self.summary.setText(text)
        self._set_tone(self.summary, tone)
        self.detected.setText(self.words.detected(preview.report) if preview is not None else "")

        rows, issues, errors = (
            self.rows_model.rowCount(),
            self.issues_model.rowCount(),
            self.issues_model.error_count(),
        )
        self.tabs.setTabText(0, self.tr("取り込む行 ({0})").format(f"{rows:,}"))
        self.tabs.setTabText(1, self.tr("エラーと警告 ({0})").format(f"{issues:,}"))
        icon = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if errors
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self.tabs.setTabIcon(1, self.style().standardIcon(icon) if issues else QIcon())

        busy, editable = session.is_busy(), session.is_editable()
        self.choose_button.setEnabled(editable)
        self.encoding.setEnabled(editable)
        self.assignee.setEnabled(editable and session.users is not None)
        self.setAcceptDrops(editable)
        self.progress.setVisible(busy)
        self.progress_text.setVisible(busy)
        self.progress_text.setText(
            self.tr("保存しています…") if phase is Phase.SAVING else self.tr("確認しています…")
        )
        self.report_button.setEnabled(not busy and issues > 0)
        self.cancel_button.setVisible(phase is not Phase.SAVED)
        self.cancel_button.setEnabled(phase is not Phase.SAVING)
        self.save_button.setText(self.tr("閉じる") if phase is Phase.SAVED else self.tr("保存"))
        _give_room(self.save_button)
        self.save_button.setEnabled(phase is Phase.SAVED or self.can_save())
        self.skip_button.setVisible(self.can_skip_bad_rows())

        note_tone, note = "", ""
        if self._note is not None:
            kind, value = self._note
            if kind == "saved":
                note = self.tr("レポートを保存しました: {0}").format(Path(value).name)
            else:
                note_tone, note = "error", self.tr("レポートを保存できません: {0}").format(value)
        self.note.setText(note)
        self._set_tone(self.note, note_tone)

    def _show_preview(self) -> None:
        """The tables show the session's preview: its rows, its report's issues (a save the store
        rejected keeps the rows and brings a new report)."""
        preview, shown = self.session.preview, self._shown
        if preview is shown:
            return
        self._shown = preview
        rows = preview.rows if preview is not None else None
        if rows is not (shown.rows if shown is not None else None):
            self.rows_model.set_rows(rows or [])
        self._show_issues(preview.report if preview is not None else None)

    @staticmethod
    def _set_tone(label: QLabel, tone: str) -> None:
        restyle(label, "tone", tone)

    # --- questions ------------------------------------------------------------------------------

    def current_encoding(self) -> str:
        return str(self.encoding.currentData())

    def current_assignee(self) -> str | None:
        login = self.assignee.currentData()
        return str(login) if login is not None else None

    def can_save(self) -> bool:
        """A file is checked, the check found no error, and nothing is running."""
        return self.session.can_save()

    def can_skip_bad_rows(self) -> bool:
        """A file is checked, its errors are all of single rows, and nothing is running."""
        return self.session.can_skip_bad_rows()

    def is_busy(self) -> bool:
        """Checking or saving is going on."""
        return self.session.is_busy()

    # --- choosing and checking the file ---------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for the file (CSV, TSV or Excel's Unicode text) and check it."""
        remembered = self.settings.get(IMPORT_FOLDER) if self.settings is not None else ""
        if self.session.path is not None:
            start = str(self.session.path.parent)
        elif remembered and Path(remembered).is_dir():
            start = remembered
        else:
            start = str(Path.home())
        path = open_file_name(
            self,
            self.tr("CSV ファイルを選択"),
            start,
            self.tr("CSV ファイル (*.csv *.tsv *.txt);;すべてのファイル (*)"),
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str | Path) -> None:
        """Use the file at ``path`` and check it (again, if it is the one already chosen)."""
        if not self.session.is_editable():
            return
        chosen = Path(path)
        if self.settings is not None:
            self.settings.set(IMPORT_FOLDER, str(chosen.parent))
        self.file_field.setText(str(chosen))
        self.file_field.setToolTip(str(chosen))
        self._note = None
        self.session.set_file(chosen)

    def _check_done(self, report: ImportReport) -> None:
        """A check finished (its preview is shown already): tell whoever listens."""
        self.previewed.emit(report)

    def _on_failed(self) -> None:
        self.failed.emit(self.summary.text())

    def _show_issues(self, report: ImportReport | None) -> None:
        issues = issues_of(report) if report is not None else []
        self.issues_model.set_issues(issues)
        mode = (
            QHeaderView.ResizeMode.ResizeToContents
            if len(issues) <= _WRAP_ISSUES_UP_TO
            else QHeaderView.ResizeMode.Fixed
        )
        self.issues_view.verticalHeader().setSectionResizeMode(mode)
        self.tabs.setCurrentIndex(1 if report is not None and report.errors else 0)

    # --- progress -------------------------------------------------------------------------------

    def _on_progress(self, value: int) -> None:
        if value == WRITING:
            self.progress.setRange(0, 0)  # read and checked; writing has no steps to show
            return
        self.progress.setRange(0, PROGRESS_MAX)
        self.progress.setValue(value)

    # --- saving ---------------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        if self.session.phase is Phase.SAVED:
            self.accept()
        else:
            self.save()

    def save(self, skip_bad_rows: bool = False) -> None:
        """Import the checked file into the list, off the GUI thread; with ``skip_bad_rows``, only
        its rows without errors (when every error is one of a single row)."""
        self.session.save(skip_bad_rows)

    # --- the report -----------------------------------------------------------------------------

    def save_report(self) -> None:
        """Write every error and warning to a CSV file the user names (UTF-8 with BOM)."""
        issues = self.issues_model.issues()
        if not issues:
            return
        source = self.session.path
        folder = source.parent if source is not None else Path.home()
        stem = source.stem if source is not None else "import"
        suggested = str(folder / self.tr("{0}_エラー.csv").format(stem))
        chosen = save_file_name(self, self.tr("レポートを保存"), suggested, self.tr("CSV ファイル (*.csv)"))
        if not chosen:
            return
        target = report_path(chosen)

        def write(store: Store) -> str:
            return str(write_issues_report(target, issues, store.files()))

        self.work.read(self, write, self._report_written, self._report_failed)

    def _report_written(self, path: str) -> None:
        self._note = ("saved", path)
        self._render()
        self.report_saved.emit(path)

    def _report_failed(self, error: Exception) -> None:
        self._note = ("failed", self.words.reason(error))
        self._render()
        self.failed.emit(self.note.text())

    # --- closing and dropping -------------------------------------------------------------------

    def reject(self) -> None:
        """Close without saving; refused while saving (an import cannot be stopped half-way).
        A check still running is dropped."""
        if self.session.close():
            super().reject()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile() and self.session.is_editable():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.set_file(urls[0].toLocalFile())


def _give_room(button: QPushButton) -> None:
    """Room around a button's text: Fusion draws Japanese labels edge to edge."""
    button.setMinimumWidth(max(96, button.fontMetrics().horizontalAdvance(button.text()) + 32))
