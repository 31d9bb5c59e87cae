"""発信先を追加 (ImportDialog): preview, errors by spreadsheet row, progress, saving, the report."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QPoint, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from calllist_desktop.core.issues import IssueCode
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.import_report import ImportReport
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import ListInfo
from calllist_desktop.ui.manage import import_dialog
from calllist_desktop.ui.manage.import_dialog import PROGRESS_MAX, ImportDialog
from calllist_desktop.ui.store_work import StoreWork
from tests.conftest import HEADER, csv_bytes, numbered_rows
from tests.ui.conftest import own_store_work

LONG: int = 20_000  # ms: 5,000-row files are read, checked and written within this

# A file as Japanese Excel saves it: CP932 with its extensions (①, ㈱, 髙), and three errors.
CP932_ROWS = (
    "①商事㈱,髙橋 一郎,03-1234-5678,製品A",  # row 2: the same number as row 4
    "\u3000,\u3000,06-1111-2222,製品B",  # row 3: no company, no person (full-width spaces only)
    "㈱髙島屋,髙島 花子,0312345678,",  # row 4: 03-1234-5678 again, written differently
    "①ファーマ㈱,髙田 次郎,052-123-4567,製品A|イベント",  # row 5: fine
)


@pytest.fixture(autouse=True)
def _no_worker_left() -> Any:
    """No background work may outlive a test (its store is closed at teardown)."""
    yield
    QThreadPool.globalInstance().waitForDone(LONG)


class InThisProcess(StoreWork):
    """Stands in for the application's child processes: runs an operation on the very store
    object it is given, on a worker thread of this process (so that a test can make it fail)."""

    def __init__(self, store: Store) -> None:
        super().__init__(lambda: store)

    def run_on_store(
        self,
        store: Store,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        on_progress: Callable[[int], None],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        owner: QObject,
    ) -> None:
        self.write(owner, lambda opened: operation(opened, *args, lambda _done, _total: None), on_success, on_failure)


def list_named(store: Store, name: str) -> ListInfo:
    return store.list_by_name(name)


def open_dialog(qtbot: QtBot, store: Store, name: str = "空") -> ImportDialog:
    info = list_named(store, name)
    dialog = ImportDialog(store, info.id, info.name, work=own_store_work(qtbot, store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.users_loaded, timeout=LONG)  # read off the GUI thread
    return dialog


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def choose(qtbot: QtBot, dialog: ImportDialog, path: Path) -> ImportReport:
    with qtbot.waitSignal(dialog.previewed, timeout=LONG) as blocker:
        dialog.set_file(path)
    report: ImportReport = blocker.args[0]
    return report


def set_encoding(qtbot: QtBot, dialog: ImportDialog, code: str) -> ImportReport:
    with qtbot.waitSignal(dialog.previewed, timeout=LONG) as blocker:
        dialog.encoding.setCurrentIndex(dialog.encoding.findData(code))
    report: ImportReport = blocker.args[0]
    return report


def save(qtbot: QtBot, dialog: ImportDialog) -> ImportReport:
    with qtbot.waitSignal(dialog.imported, timeout=LONG) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    report: ImportReport = blocker.args[0]
    return report


def cells(model: Any, column: int) -> list[str]:
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_a_cp932_file_with_errors_lists_them_by_spreadsheet_row_and_cannot_be_saved(
    qtbot: QtBot, qtmodeltester: Any, ui_store: Store, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ui_store)
    assert not dialog.save_button.isEnabled()  # no file yet
    path = write(tmp_path, "excel.csv", csv_bytes(*CP932_ROWS, encoding="cp932"))

    report = choose(qtbot, dialog, path)

    assert not report.ok
    assert "CP932" in dialog.detected.text()
    issues = dialog.issues_model
    assert cells(issues, 0) == ["2", "3", "4"]
    assert [issue.code for issue in issues.issues()] == [
        IssueCode.DUPLICATE_PHONE,
        IssueCode.MISSING_NAME,
        IssueCode.DUPLICATE_PHONE,
    ]
    assert cells(issues, 1) == ["電話番号", "", "電話番号"]
    assert set(cells(issues, 2)) == {"エラー"}
    error_colour = issues.data(issues.index(0, 3), Qt.ItemDataRole.ForegroundRole)
    assert error_colour.red() > 150 and error_colour.green() < 80  # visibly red
    assert dialog.tabs.currentIndex() == 1  # the errors are in front
    assert "エラー 3 件" in dialog.summary.text()
    assert dialog.summary.property("tone") == "error"
    # The one good row is previewed, its CP932 extensions read correctly.
    rows = dialog.rows_model
    assert cells(rows, 0) == ["5"]
    assert cells(rows, 1) == ["①ファーマ㈱"]
    assert cells(rows, 2) == ["髙田 次郎"]
    assert cells(rows, 3) == ["052-123-4567"]
    assert cells(rows, 4) == ["製品A | イベント"]
    assert not dialog.save_button.isEnabled()
    assert dialog.report_button.isEnabled()
    assert ui_store.targets(list_named(ui_store, "空").id) == []
    qtmodeltester.check(rows)
    qtmodeltester.check(issues)


def test_a_clean_utf8_file_is_previewed_then_saved_with_the_chosen_assignee(
    qtbot: QtBot, qtmodeltester: Any, ui_store: Store, tmp_path: Path
) -> None:
    fair = list_named(ui_store, "展示会")  # 6 targets; 03-1234-5678 is one of them
    dialog = open_dialog(qtbot, ui_store, "展示会")
    assert "展示会" in dialog.windowTitle()
    assignees = [dialog.assignee.itemText(i) for i in range(dialog.assignee.count())]
    assert assignees[0] == "変更しない（新しい番号は担当者なし）"  # was 「(後で設定)」 (issue 13)
    assert "佐藤 美咲 (sato)" in assignees and "田中 翔 (tanaka)" in assignees
    rows = (
        "新規商事,新規 一,+81 3-7000-0001,製品C",
        "新規工業,,(03)7000-0002,",
        ",新規 三,０３－７０００－０００３,製品C|製品D",
        "さくら商事（新）,長田 翔,03-1234-5678,製品A",
    )
    path = write(tmp_path, "clean.csv", csv_bytes(*rows))

    report = choose(qtbot, dialog, path)

    assert report.ok and report.dry_run
    counts = (report.imported, report.overwritten, report.created_contacts, report.updated_contacts)
    assert counts == (4, 1, 3, 1)
    summary = dialog.summary.text()
    assert "4 件を取り込めます" in summary and "追加 3" in summary and "上書き 1" in summary
    assert "新規 3" in summary and "更新 1" in summary
    assert "UTF-8" in dialog.detected.text() and "カンマ区切り" in dialog.detected.text()
    assert cells(dialog.rows_model, 0) == ["2", "3", "4", "5"]
    assert cells(dialog.rows_model, 3) == ["03-7000-0001", "03-7000-0002", "03-7000-0003", "03-1234-5678"]
    assert dialog.issues_model.rowCount() == 0
    assert not dialog.report_button.isEnabled()
    assert dialog.save_button.isEnabled() and dialog.save_button.text() == "保存"
    qtmodeltester.check(dialog.rows_model)
    assert len(ui_store.targets(fair.id)) == 6  # a dry run

    # Choosing an assignee checks again (SPEC §2: the preview says whose numbers would move);
    # the rows stay the same. (It started no new check before the `reassigned` warning.)
    with qtbot.waitSignal(dialog.previewed, timeout=LONG):
        dialog.assignee.setCurrentIndex(dialog.assignee.findData("tanaka"))
    assert not dialog.is_busy() and dialog.rows_model.rowCount() == 4 and dialog.save_button.isEnabled()

    saved = save(qtbot, dialog)

    assert saved.ok and not saved.dry_run
    result = dialog.summary.text()
    for part in ("追加 3 件", "上書き 1 件", "新規 3 件", "更新 1 件"):
        assert part in result
    assert dialog.save_button.text() == "閉じる" and dialog.save_button.isEnabled()
    assert not dialog.cancel_button.isVisible()
    assert not dialog.choose_button.isEnabled() and not dialog.encoding.isEnabled()
    targets = {target.phone: target for target in ui_store.targets(fair.id)}
    assert len(targets) == 9
    for phone in ("+81370000001", "+81370000002", "+81370000003", "+81312345678"):
        assert targets[phone].assignee_login == "tanaka"
    assert targets["+81312345678"].company == "さくら商事（新）"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_saving_without_an_assignee_leaves_new_contacts_unassigned(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ui_store)
    choose(qtbot, dialog, write(tmp_path, "a.csv", csv_bytes("新規商事,新規 一,03-7000-0001,")))
    assert dialog.current_assignee() is None
    save(qtbot, dialog)
    [target] = ui_store.targets(list_named(ui_store, "空").id)
    assert target.assignee_login is None


def test_the_encoding_override_checks_the_file_again(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, ui_store)
    path = write(tmp_path, "sjis.csv", csv_bytes("㈱髙橋工務店,髙橋 誠,03-7000-0001,", encoding="cp932"))
    assert choose(qtbot, dialog, path).ok
    assert "CP932" in dialog.detected.text()
    assert dialog.save_button.isEnabled()

    forced = set_encoding(qtbot, dialog, "utf-8")

    assert [issue.code for issue in forced.errors] == [IssueCode.UNREADABLE_FILE]
    assert [issue.code for issue in dialog.issues_model.issues()] == [IssueCode.UNREADABLE_FILE]
    assert cells(dialog.issues_model, 0) == ["1"]
    assert dialog.rows_model.rowCount() == 0
    assert dialog.detected.text() == ""
    assert not dialog.save_button.isEnabled()

    assert set_encoding(qtbot, dialog, "cp932").ok
    assert cells(dialog.rows_model, 1) == ["㈱髙橋工務店"]
    assert dialog.save_button.isEnabled()


def test_excel_unicode_text_is_utf16_and_tab_separated(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, ui_store)
    data = csv_bytes(
        "髙橋工務店\t髙橋 誠\t03-7000-0001\t製品A", header=HEADER.replace(",", "\t"), encoding="utf-16"
    )
    assert choose(qtbot, dialog, write(tmp_path, "unicode.txt", data)).ok
    assert "UTF-16" in dialog.detected.text() and "タブ区切り" in dialog.detected.text()
    assert cells(dialog.rows_model, 1) == ["髙橋工務店"]


def test_a_5000_row_file_is_checked_and_saved_off_the_gui_thread_with_progress(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ui_store)
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    path = write(tmp_path, "big.csv", csv_bytes(*numbered_rows(5000)))

    with qtbot.waitSignal(dialog.previewed, timeout=LONG) as blocker:
        dialog.set_file(path)
        # set_file returned at once: the work goes on elsewhere, the window keeps painting.
        assert dialog.is_busy() and dialog.progress.isVisible()
        assert not dialog.save_button.isEnabled() and not dialog.report_button.isEnabled()
    report: ImportReport = blocker.args[0]

    assert report.ok and report.imported == 5000
    assert any(0 < value < PROGRESS_MAX for value in values), values
    assert values == sorted(values)  # it only moves forward
    assert not dialog.progress.isVisible()
    assert "5,000 件を取り込めます" in dialog.summary.text()
    assert dialog.rows_model.rowCount() == 5000
    assert dialog.tabs.tabText(0) == "取り込む行 (5,000)"

    values.clear()
    with qtbot.waitSignal(dialog.imported, timeout=LONG):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.is_busy() and dialog.progress.isVisible()
        assert not dialog.choose_button.isEnabled() and not dialog.assignee.isEnabled()
        assert not dialog.encoding.isEnabled() and not dialog.save_button.isEnabled()
        dialog.reject()  # Esc while saving: refused, the import cannot stop half-way
        assert dialog.isVisible()
    assert any(0 < value < PROGRESS_MAX for value in values), values
    assert not dialog.progress.isVisible()
    assert "追加 5,000 件" in dialog.summary.text()
    assert list_named(ui_store, "空").target_count == 5000


def test_a_file_over_the_list_capacity_is_list_full_and_cannot_be_saved(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ui_store)
    report = choose(qtbot, dialog, write(tmp_path, "5001.csv", csv_bytes(*numbered_rows(5001))))

    assert [issue.code for issue in report.errors] == [IssueCode.LIST_FULL]
    assert cells(dialog.issues_model, 0) == ["5,002"]  # the first row over the limit
    assert "5000" in dialog.issues_model.issues()[0].message
    assert dialog.rows_model.rowCount() == 5001  # every row is fine on its own
    assert not dialog.save_button.isEnabled()
    assert list_named(ui_store, "空").target_count == 0


def test_an_import_rejected_at_save_time_changes_nothing_and_shows_why(
    qtbot: QtBot, ui_store: Store, tmp_path: Path
) -> None:
    empty = list_named(ui_store, "空")
    dialog = open_dialog(qtbot, ui_store)
    assert choose(qtbot, dialog, write(tmp_path, "three.csv", csv_bytes(*numbered_rows(3, start=9000)))).ok
    ui_store.import_csv(empty.id, csv_bytes(*numbered_rows(4998)))  # someone fills the list meanwhile

    with qtbot.waitSignal(dialog.failed, timeout=LONG):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert [issue.code for issue in dialog.issues_model.issues()] == [IssueCode.LIST_FULL]
    assert "保存できませんでした" in dialog.summary.text()
    assert not dialog.save_button.isEnabled() and dialog.save_button.text() == "保存"
    assert dialog.choose_button.isEnabled() and dialog.cancel_button.isVisible()
    assert list_named(ui_store, "空").target_count == 4998


def test_a_store_error_while_saving_is_a_message_and_saving_can_be_tried_again(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, ui_store)
    assert choose(qtbot, dialog, write(tmp_path, "a.csv", csv_bytes("新規商事,新規 一,03-7000-0001,"))).ok

    def locked(*_args: Any, **_kwargs: Any) -> ImportReport:
        raise StoreError("the database is locked", "データベースがロックされています")

    monkeypatch.setattr(ui_store, "import_parsed", locked)
    # The failure is made in this process, so the work must stay here (a child process would
    # open the store afresh and never see the patch).
    monkeypatch.setattr(dialog.session, "processes", InThisProcess(ui_store))
    with qtbot.waitSignal(dialog.failed, timeout=LONG) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "the database is locked" in blocker.args[0]
    assert "保存できませんでした" in dialog.summary.text() and "Traceback" not in dialog.summary.text()
    assert dialog.summary.property("tone") == "error"
    assert dialog.save_button.isEnabled() and dialog.save_button.text() == "保存"

    monkeypatch.undo()
    save(qtbot, dialog)
    assert list_named(ui_store, "空").target_count == 1


@pytest.mark.parametrize(
    ("make", "reason"), [("missing", "ファイルが見つかりません"), ("folder", "フォルダーです")]
)
def test_an_unreadable_file_is_a_clear_message(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, make: str, reason: str
) -> None:
    path = tmp_path / "gone.csv"
    if make == "folder":
        path = tmp_path / "folder.csv"
        path.mkdir()
    dialog = open_dialog(qtbot, ui_store)

    with qtbot.waitSignal(dialog.failed, timeout=LONG) as blocker:
        dialog.set_file(path)

    assert reason in blocker.args[0] and path.name in blocker.args[0]
    assert dialog.summary.text() == blocker.args[0]
    assert not dialog.save_button.isEnabled() and not dialog.is_busy()
    assert dialog.choose_button.isEnabled()


def test_the_report_csv_holds_every_error_and_warning(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = (*CP932_ROWS, "髙野商店,髙野 修,312345670,")  # row 6: a lost leading 0, a warning
    dialog = open_dialog(qtbot, ui_store)
    choose(qtbot, dialog, write(tmp_path, "excel.csv", csv_bytes(*rows, encoding="cp932")))
    issues = dialog.issues_model.issues()
    assert [issue.is_error for issue in issues] == [True, True, True, False]
    warning_colour = dialog.issues_model.data(dialog.issues_model.index(3, 0), Qt.ItemDataRole.ForegroundRole)
    assert warning_colour.red() != 0xB3  # warnings are not red
    asked: dict[str, Any] = {}

    def ask(_parent: Any, _caption: str, suggested: str, file_filter: str) -> str:
        asked.update(suggested=suggested, file_filter=file_filter)
        return str(tmp_path / "report")

    monkeypatch.setattr(import_dialog, "save_file_name", ask)
    with qtbot.waitSignal(dialog.report_saved, timeout=LONG) as blocker:
        qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)

    written = Path(blocker.args[0])
    assert written == tmp_path / "report.csv"  # the extension is added
    assert Path(asked["suggested"]).parent == tmp_path and asked["suggested"].endswith(".csv")
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == ["行", "列", "コード", "内容"]
    assert table[1:] == [[str(i.row), i.column or "", str(i.code), i.message] for i in issues]
    assert [row[2] for row in table[1:]] == [
        "duplicate_phone",
        "missing_name",
        "duplicate_phone",
        "leading_zero_restored",
    ]
    assert "report.csv" in dialog.note.text()


def test_the_file_button_asks_for_a_csv_file(
    qtbot: QtBot, ui_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a.csv", csv_bytes("新規商事,新規 一,03-7000-0001,"))
    asked: dict[str, str] = {}

    def ask(_parent: Any, _caption: str, _folder: str, file_filter: str) -> str:
        asked["filter"] = file_filter
        return str(path)

    monkeypatch.setattr(import_dialog, "open_file_name", ask)
    dialog = open_dialog(qtbot, ui_store)
    with qtbot.waitSignal(dialog.previewed, timeout=LONG):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert "*.csv" in asked["filter"] and "*.tsv" in asked["filter"] and "*.txt" in asked["filter"]
    assert dialog.file_field.text() == str(path)

    monkeypatch.setattr(import_dialog, "open_file_name", lambda *_args: "")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)  # cancelled: nothing changes
    assert dialog.file_field.text() == str(path) and dialog.save_button.isEnabled()


def test_a_dropped_file_is_checked(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "dropped.csv", csv_bytes("新規商事,新規 一,03-7000-0001,"))
    dialog = open_dialog(qtbot, ui_store)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(dialog.previewed, timeout=LONG):
        dialog.dropEvent(event)
    assert dialog.file_field.text() == str(path)


def test_a_newer_check_replaces_an_older_one(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    big = write(tmp_path, "big.csv", csv_bytes(*numbered_rows(3000)))
    small = write(tmp_path, "small.csv", csv_bytes("新規商事,新規 一,03-7000-0001,"))
    dialog = open_dialog(qtbot, ui_store)
    reports: list[ImportReport] = []
    dialog.previewed.connect(reports.append)
    dialog.set_file(big)
    with qtbot.waitSignal(dialog.previewed, timeout=LONG):
        dialog.set_file(small)
    QThreadPool.globalInstance().waitForDone(LONG)
    QCoreApplication.processEvents()  # deliver any late answer of the first check: it must be dropped
    assert [report.imported for report in reports] == [1]
    assert dialog.rows_model.rowCount() == 1


def test_closing_while_checking_drops_the_check(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, ui_store)
    reports: list[ImportReport] = []
    dialog.previewed.connect(reports.append)
    dialog.set_file(write(tmp_path, "big.csv", csv_bytes(*numbered_rows(3000))))
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    QThreadPool.globalInstance().waitForDone(LONG)
    QCoreApplication.processEvents()
    assert reports == []


def test_retranslate_keeps_what_the_dialog_shows(qtbot: QtBot, ui_store: Store, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, ui_store)
    choose(qtbot, dialog, write(tmp_path, "excel.csv", csv_bytes(*CP932_ROWS, encoding="cp932")))
    before = (dialog.summary.text(), dialog.detected.text(), dialog.tabs.tabText(1), dialog.windowTitle())
    dialog.retranslate()
    assert (
        dialog.summary.text(),
        dialog.detected.text(),
        dialog.tabs.tabText(1),
        dialog.windowTitle(),
    ) == before
    assert dialog.encoding.itemText(0) == "自動判別"


_QUITTING_APP = """
import operator, os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from calllist_desktop.ui.manage.import_process import process_pool

app = QApplication([])
pool = process_pool()
assert pool.parent() is app and process_pool() is pool
results = []
pool.run(operator.add, (41,), lambda value: None, results.append, results.append)

def wait():
    if results:
        app.quit()
    else:
        QTimer.singleShot(20, wait)

QTimer.singleShot(0, wait)
children = []
QTimer.singleShot(0, lambda: children.extend(pool._children.executor._processes.values()))
app.exec()

def gone(child):
    # The executor's own thread may reap the child first; then join's waitpid fails and
    # is_alive() says True for a process that no longer exists. Ask the system instead.
    child.join(0.2)
    if child.exitcode is not None:
        return True
    try:
        with open(f"/proc/{child.pid}/stat") as stat:
            return stat.read().rsplit(") ", 1)[1][0] in "ZX"  # a zombie has gone; its parent reaps it
    except FileNotFoundError:
        return True
    except OSError:
        return not child.is_alive()

deadline = time.monotonic() + 60  # a spawned child still starting on a loaded machine takes a while
stopped = []
for child in children:  # stopped by the quit, before the interpreter's own exit handlers
    while not gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    stopped.append(gone(child))
print(type(results[0]).__name__, pool.started, len(children), *(not done for done in stopped))
"""


def test_the_import_processes_belong_to_the_application_and_stop_when_it_quits(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", _QUITTING_APP], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    kind, started, count, *alive = done.stdout.split()
    assert (kind, started) == ("int", "False")  # the job ran in a child; the quit stopped the pool
    assert int(count) > 0 and alive == ["False"] * int(count), "a child process outlived the application"
