"""The settings dialog's データの保存先 page: this computer's SQLite file, or a team's PostgreSQL.

The store is opened once, at start, and everything in the window hangs on it; switching under a
running window would leave half of it on the old store. So the choice applies at the next start,
and the page says so. 接続テスト tries the chosen store off the GUI thread (a server that does not
answer must not freeze the window) and changes nothing there.

The probe is not work on the window's store (it tries another one, maybe before any is open), so
it does not go through the window's ``StoreWork``: :func:`start_probe` runs it on a thread of its
own, which touches no Qt object, and the page looks at its :class:`~concurrent.futures.Future`
on a timer of its own. When the page goes, the timer goes with it; a probe still waiting for a
server ends by itself (a daemon thread: it never holds up quitting) and is not looked at.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.store.database import default_database_path
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.probe import ProbeResult, ProbeState, probe_store
from calllist_desktop.ui.settings import STORE_URL, Settings
from calllist_desktop.ui.settings_widgets import field_error, note_label, set_message
from calllist_desktop.ui.widgets import restyle

PROBE_LOOK_MS = 50
"""How often the page looks whether the probe it waits for has answered."""


def start_probe(url: str) -> Future[ProbeResult]:
    """Probe the store at ``url`` on a daemon thread of its own; its outcome is the future's."""
    future: Future[ProbeResult] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(probe_store(url))
        except Exception as error:  # noqa: BLE001 - every failure goes back to the page
            future.set_exception(error)

    threading.Thread(target=run, name="store-probe", daemon=True).start()
    return future


class StorePage(QWidget):
    """Where the data lives: a SQLite file (with a file chooser) or a PostgreSQL URL.

    Signals:
        tested(bool, str): a connection test finished: whether it succeeded, and the message shown.
    """

    tested = Signal(bool, str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storePage")
        self.settings = settings
        self._probe: Future[ProbeResult] | None = None  # the test whose answer the page waits for
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(PROBE_LOOK_MS)
        self._probe_timer.timeout.connect(self._look_at_probe)
        self.file_dialog: QFileDialog | None = None

        self.sqlite_choice = QRadioButton()
        self.sqlite_choice.setObjectName("sqliteChoice")
        self.postgres_choice = QRadioButton()
        self.postgres_choice.setObjectName("postgresChoice")
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.sqlite_choice)
        self.kind.addButton(self.postgres_choice)

        self.sqlite_path = QLineEdit()
        self.sqlite_path.setObjectName("sqlitePath")
        self.browse_button = QPushButton()
        self.browse_button.setObjectName("browseSqlite")
        self.browse_button.clicked.connect(self.choose_file)
        self.sqlite_error = field_error("sqliteError")
        self.postgres_url = QLineEdit()
        self.postgres_url.setObjectName("postgresUrl")
        self.postgres_url.setPlaceholderText("postgresql+psycopg://user@host:5432/calllist")
        self.postgres_error = field_error("postgresError")
        self.postgres_hint = note_label("postgresHint")

        self.test_button = QPushButton()
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.next_start_note = note_label("nextStartNote")
        self.environment_note = note_label("environmentNote")

        grid = QGridLayout()
        grid.setColumnMinimumWidth(0, 20)
        grid.addWidget(self.sqlite_choice, 0, 0, 1, 2)
        path_row = QHBoxLayout()
        path_row.addWidget(self.sqlite_path, 1)
        path_row.addWidget(self.browse_button)
        grid.addLayout(path_row, 1, 1)
        grid.addWidget(self.sqlite_error, 2, 1)
        grid.addWidget(self.postgres_choice, 3, 0, 1, 2)
        grid.addWidget(self.postgres_url, 4, 1)
        grid.addWidget(self.postgres_error, 5, 1)
        grid.addWidget(self.postgres_hint, 6, 1)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addLayout(test_row)
        layout.addStretch(1)
        layout.addWidget(self.environment_note)
        layout.addWidget(self.next_start_note)

        self._load()
        for signal in (self.sqlite_choice.toggled, self.sqlite_path.textChanged, self.postgres_url.textChanged):
            signal.connect(self._changed)
        self.retranslate()

    # --- values ------------------------------------------------------------------------------

    def _load(self) -> None:
        saved = self.settings.get(STORE_URL).strip()
        if "://" in saved and not saved.startswith("sqlite"):
            self.postgres_choice.setChecked(True)
            self.postgres_url.setText(saved)
            self.sqlite_path.setText(str(default_database_path()))
        else:
            self.sqlite_choice.setChecked(True)
            path = saved.removeprefix("sqlite:///") if saved else str(default_database_path())
            self.sqlite_path.setText(path)

    def chosen_url(self) -> str:
        """What would be saved: "" for the default SQLite file, a path, or a database URL."""
        if self.postgres_choice.isChecked():
            return self.postgres_url.text().strip()
        text = self.sqlite_path.text().strip()
        if not text or Path(text).expanduser() == default_database_path():
            return ""
        return str(Path(text).expanduser())

    def _sqlite_problem(self) -> str:
        if not self.chosen_url():
            return ""  # the default file: the program makes its folder at start
        path = Path(self.sqlite_path.text().strip()).expanduser()
        if path.is_dir():
            return self.tr("フォルダではなくファイルを指定してください")
        if not path.parent.is_dir():
            return self.tr("フォルダがありません: {0}").format(path.parent)
        return ""

    def _postgres_problem(self) -> str:
        text = self.postgres_url.text().strip()
        if not text:
            return self.tr("データベースの URL を入力してください")
        from sqlalchemy.engine import make_url  # the store's own URL rules; not on the start's path
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(text)
        except ArgumentError:
            return self.tr("URL の形式が正しくありません (例: postgresql+psycopg://user@host/calllist)")
        if url.get_backend_name() != "postgresql":
            return self.tr("PostgreSQL の URL を入力してください (postgresql+psycopg://…)")
        if not url.database:
            return self.tr("データベース名がありません (…/calllist のように最後に付けます)")
        return ""

    def validation_messages(self) -> list[str]:
        """What keeps the page from being saved, one sentence each (empty: it can be saved)."""
        problem = self._postgres_problem() if self.postgres_choice.isChecked() else self._sqlite_problem()
        return [problem] if problem else []

    def save(self) -> None:
        self.settings.set(STORE_URL, self.chosen_url())

    # --- reactions -----------------------------------------------------------------------------

    def _changed(self) -> None:
        postgres = self.postgres_choice.isChecked()
        self.sqlite_path.setEnabled(not postgres)
        self.browse_button.setEnabled(not postgres)
        self.postgres_url.setEnabled(postgres)
        set_message(self.sqlite_error, "" if postgres else self._sqlite_problem())
        set_message(self.postgres_error, self._postgres_problem() if postgres else "")
        self._forget_probe()  # a test of the previous value no longer says anything
        self.test_result.clear()
        self.test_button.setEnabled(not self.validation_messages())

    def choose_file(self) -> None:
        """A file chooser for the SQLite file (opened, not run modally; a new name is allowed)."""
        current = Path(self.sqlite_path.text().strip() or default_database_path()).expanduser()
        dialog = QFileDialog(self, self.tr("データファイルを選択"), str(current.parent))
        dialog.setObjectName("sqliteFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)  # choosing a file opens it, never overwrites it
        dialog.setNameFilters([self.tr("SQLite ファイル (*.sqlite3 *.sqlite *.db)"), self.tr("すべてのファイル (*)")])
        dialog.setDefaultSuffix("sqlite3")
        dialog.selectFile(current.name)
        dialog.fileSelected.connect(self.sqlite_path.setText)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def test_connection(self) -> None:
        """Try the chosen store off the GUI thread; the result appears beside the button."""
        if self.validation_messages():
            return
        self.test_button.setEnabled(False)
        self._show_result(self.tr("接続しています…"), "")
        self._probe = start_probe(self.chosen_url())
        self._probe_timer.start()

    def _forget_probe(self) -> None:
        self._probe = None
        self._probe_timer.stop()

    def _look_at_probe(self) -> None:
        probe = self._probe
        if probe is None or not probe.done():
            return
        self._forget_probe()
        error = probe.exception()
        if error is None:
            self._tested(True, self._result_text(probe.result()))
        elif isinstance(error, Exception):
            self._tested(False, self._error_text(error))
        else:
            raise error  # (not an Exception: KeyboardInterrupt and the like)

    def _tested(self, ok: bool, message: str) -> None:
        self.test_button.setEnabled(True)
        self._show_result(message, "ok" if ok else "error")
        self.tested.emit(ok, message)

    def _show_result(self, message: str, tone: str) -> None:
        self.test_result.setText(message)
        restyle(self.test_result, "tone", tone)

    def _result_text(self, result: ProbeResult) -> str:
        if result.state is ProbeState.NEW_FILE:
            return self.tr("使えます。ファイルはまだないので、次回の起動時に作成されます。")
        if result.state is ProbeState.READY:
            return self.tr("接続できました。データはこのバージョンで使えます。")
        if result.state is ProbeState.NEWER:
            return self.tr("接続できましたが、新しいバージョンのデータです。プログラムを更新してください。")
        if result.backend == "sqlite":
            return self.tr("接続できました。データは次回の起動時に新しい形式へ更新されます。")
        return self.tr("接続できましたが、データベースの準備が必要です: calllist db upgrade を実行してください。")

    def _error_text(self, error: Exception) -> str:
        if isinstance(error, StoreError):
            return self.tr("接続できません: {0}").format(str(error))
        return self.tr("接続できません: {0}").format(f"{type(error).__name__}: {error}")

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("データの保存先"))
        self.sqlite_choice.setText(self.tr("このパソコンのファイル (SQLite、1 人で使う場合)"))
        self.browse_button.setText(self.tr("参照…"))
        self.postgres_choice.setText(self.tr("チームのデータベース (PostgreSQL、複数人で使う場合)"))
        self.postgres_hint.setText(
            self.tr("パスワードは URL に書かず、~/.pgpass に保存することをおすすめします (設定ファイルは暗号化されません)。")
        )
        self.test_button.setText(self.tr("接続テスト"))
        self.next_start_note.setText(self.tr("保存先の変更は、次回の起動から有効になります。"))
        overridden = os.environ.get("CALLLIST_DB")
        self.environment_note.setVisible(bool(overridden))
        self.environment_note.setText(
            self.tr("環境変数 CALLLIST_DB が設定されているため、現在はそちらが使われます。") if overridden else ""
        )
        self._changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
