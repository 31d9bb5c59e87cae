"""``calllist-desktop --screenshot FILE [--screenshot-view VIEW]``: pictures the program takes of itself.

The README's pictures are made by the program on a fresh demo store (``make screenshots``), so
they show what a user gets and are redrawn in one command when the program changes. Each view
waits until what it shows has really loaded (signals, never fixed sleeps alone), lets the window
paint, saves the PNG and quits; a time limit makes sure it never hangs.

A screenshot never touches the user's store: it runs on a copy in its scratch folder
(:func:`private_copy`), so whatever a view does (closing calls left open, a migration, an
auto-call run that dials and records) happens to the copy, which goes with the scratch folder.

Views:
    window          the main window in its layout (the default)
    import-preview  発信先を追加 on a demo CSV with one error row and one warning (needs a manager)
    settings        the 設定 dialog, its store page filled in for a team database
    autocall        the window during an auto-call run on the demo line (a call ringing)
    analytics       the 分析 tab: the report of the last seven days with its charts (needs a manager)
    rules           発信ルール of the demo's first list (needs a manager)
    callbacks       the 再架電予約 tab: one callback overdue, one tomorrow
    history         the wide window with 山田スポーツ chosen: its calls, dispositions and notes, and
                    its answered call's recording (a demo file in the scratch folder) in the strip
    notice          the window once the overdue callback's notice shows (compact: folded in its chip)
    dnc             発信禁止番号 with its entries (needs a manager)
    dispositions    結果の種類 (needs a manager)
"""

from __future__ import annotations

import sqlite3
import sys
import wave
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.location import sqlite_file
from calllist_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store

VIEWS: Final = (
    "window",
    "import-preview",
    "settings",
    "autocall",
    "analytics",
    "rules",
    "callbacks",
    "history",
    "notice",
    "dnc",
    "dispositions",
)
MANAGER_VIEWS: Final = frozenset({"import-preview", "analytics", "rules", "dnc", "dispositions"})
SETTLE_MS: Final = 400  # after the data has loaded: let the line register and the view paint
TIME_LIMIT_MS: Final = 15000  # never hang: save whatever is there by then

# Five targets for the 12月 展示会 list: one with a number too short to be one (an error), one that
# lost its leading 0 in a spreadsheet (a warning). Written as Excel writes it, CP932 and CRLF.
DEMO_CSV: Final = (
    "取引先会社名,取引先担当者名,電話番号,カテゴリー\r\n"
    "株式会社みなと物産,港 健一,03-5210-4321,展示会|製品A\r\n"
    "㈱髙田製作所,髙田 真由美,0312-34-5678,展示会\r\n"
    "北斗運輸株式会社,北川 大輔,06-6345-1200,製品B\r\n"
    "さくら歯科クリニック,桜井 玲奈,03-1234,展示会|製品C\r\n"
    "青葉システム合同会社,青木 翼,452123456,製品A\r\n"
)

DEMO_TEAM_URL: Final = "postgresql+psycopg://sato@calllist-db.example.lan/calllist"


def private_copy(url: str, scratch: Path) -> str:
    """The URL of a copy of the SQLite store at ``url`` in ``scratch``, for a screenshot to work on.

    SQLite's backup API copies a consistent state even while another client writes. A store
    that does not exist yet stays so: the copy starts empty (and gets demo data, as a first start
    would). Raises ``StoreError`` for a store that cannot be copied, and for anything but a SQLite
    file: a shared database cannot be copied aside, and a screenshot must not write to it.
    """
    path = sqlite_file(url)
    if path is None:
        raise StoreError(
            f"--screenshot works on a copy of a SQLite store, and {url} is none",
            f"--screenshot は SQLite のデータのコピーで動きます。{url} は SQLite ではありません",
        )
    copy = scratch / "screenshot.sqlite3"
    if path.is_file():
        try:
            source = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
            with closing(source), closing(sqlite3.connect(copy)) as target:
                source.backup(target)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot copy the store {path}: {exc}", f"データ {path} をコピーできません: {exc}"
            ) from exc
    elif not path.parent.is_dir():
        raise StoreError(
            f"the folder for the database does not exist: {path.parent}",
            f"データベースのフォルダがありません: {path.parent}",
        )
    return f"sqlite:///{copy}"


def needs_manager(view: str) -> bool:
    """Views of the manager's side, which an operator's window does not have."""
    return view in MANAGER_VIEWS


def capture(app: QApplication, window: MainWindow, view: str, path: Path, scratch: Path) -> int:
    """Show ``view`` once the window's list has loaded, save it to ``path`` and quit; the exit code."""
    result = {"code": 1, "saved": False}

    def save(widget: QWidget) -> None:
        if result["saved"]:
            return
        result["saved"] = True
        if widget is window:  # at the layout's default size, whatever size the offscreen screen has
            window.resize(window.default_size())
        app.processEvents()
        if widget.grab().save(str(path), "PNG"):
            result["code"] = 0
            print(f"saved {path}")
        else:
            print(f"calllist-desktop: cannot write {path}", file=sys.stderr)
        window.line.stop()
        app.quit()

    def later(widget_of: Callable[[], QWidget]) -> Callable[..., None]:
        return lambda *_: QTimer.singleShot(SETTLE_MS, lambda: save(widget_of()))

    if view == "import-preview":
        window.lists.loaded.connect(lambda: _open_import_preview(window, scratch, later))
    elif view == "settings":
        window.lists.loaded.connect(lambda: _open_settings(window, later))
    elif view == "autocall":
        window.lists.loaded.connect(lambda: _start_autocall(window, later))
    elif view == "analytics":
        window.lists.loaded.connect(lambda: _open_analytics(window, later))
    elif view == "history":
        window.lists.loaded.connect(
            lambda: _show_history(window, later, scratch), Qt.ConnectionType.SingleShotConnection
        )
    elif view in CAMPAIGN_VIEWS:
        show = CAMPAIGN_VIEWS[view]
        window.lists.loaded.connect(lambda: show(window, later), Qt.ConnectionType.SingleShotConnection)
    else:
        window.lists.loaded.connect(later(lambda: window))
    QTimer.singleShot(TIME_LIMIT_MS, lambda: save(QApplication.activeModalWidget() or window))
    app.exec()
    return result["code"]


def _open_import_preview(
    window: MainWindow, scratch: Path, later: Callable[[Callable[[], QWidget]], Callable[..., None]]
) -> None:
    panel = window.management
    if panel is None:
        return
    csv = scratch / "展示会フォロー.csv"
    csv.write_bytes(DEMO_CSV.encode("cp932"))

    def open_dialog() -> None:
        panel.open_import_dialog()
        dialog = panel.import_dialog
        if dialog is None:
            return
        dialog.previewed.connect(later(lambda: dialog))
        dialog.failed.connect(later(lambda: dialog))
        dialog.set_file(csv)

    window.show_management()
    if panel.current_list() is not None:
        open_dialog()
    else:  # the management tab reads its lists when first shown
        panel.loaded.connect(open_dialog, Qt.ConnectionType.SingleShotConnection)


def _start_autocall(
    window: MainWindow, later: Callable[[Callable[[], QWidget]], Callable[..., None]]
) -> None:
    """Start auto-call from the top and picture the window once the first call rings."""
    from calllist_desktop.core.autocall import RunState

    snap = later(lambda: window)
    taken: list[bool] = []

    def on_progress(progress: object) -> None:
        if not taken and getattr(progress, "state", None) in (RunState.RINGING, RunState.TALKING):
            taken.append(True)
            snap()

    window.autocall.progress.connect(on_progress)
    window.autocall_side.start(from_selected=False)


def _open_settings(window: MainWindow, later: Callable[[Callable[[], QWidget]], Callable[..., None]]) -> None:
    """The store page as a team would fill it in (the user's own paths stay out of the picture)."""
    window.open_settings_dialog()
    dialog = window.settings_dialog
    page = dialog.page("storePage")
    from calllist_desktop.ui.settings_store_page import StorePage  # only for this screenshot

    if isinstance(page, StorePage):
        page.postgres_choice.setChecked(True)
        page.postgres_url.setText(DEMO_TEAM_URL)
    later(lambda: dialog)()


def _open_analytics(
    window: MainWindow, later: Callable[[Callable[[], QWidget]], Callable[..., None]]
) -> None:
    """The 分析 tab on the last seven days (the demo's calls), once the report is in."""
    from datetime import timedelta

    from calllist_desktop.ui.analytics.ranges import Span, span_dates

    panel = window.analytics
    if panel is None:
        return
    panel.report.loaded.connect(later(lambda: window), Qt.ConnectionType.SingleShotConnection)
    window.lists.show_tab(panel)
    today = span_dates(Span.TODAY)[0]
    panel.report.set_dates(today - timedelta(days=6), today)


Later = Callable[[Callable[[], QWidget]], Callable[..., None]]


def _open_rules(window: MainWindow, later: Later) -> None:
    """発信ルール of the list chosen on the management tab (the demo's first), as the 管理 menu opens it."""
    panel = window.management
    if panel is None:
        return

    def open_dialog() -> None:
        chosen = panel.current_list()
        if chosen is not None:
            window.campaign.open_rules_dialog(chosen.id, chosen.name)
            later(lambda: window.campaign.rules_dialog)()

    window.show_management()
    if panel.current_list() is not None:
        open_dialog()
    else:  # the management tab reads its lists when first shown
        panel.loaded.connect(open_dialog, Qt.ConnectionType.SingleShotConnection)


def _show_callbacks(window: MainWindow, later: Later) -> None:
    """The 再架電予約 tab once its callbacks are read."""
    view = window.campaign.callbacks
    window.lists.show_tab(view)
    view.overdue_changed.connect(later(lambda: window), Qt.ConnectionType.SingleShotConnection)
    view.reload()


def _show_history(window: MainWindow, later: Later, scratch: Path) -> None:
    """The wide window with the target that has the demo's story (several calls and notes) chosen,
    its answered call given a recording (written to ``scratch``) and shown in the strip, 37 s in."""
    history = window.lists.history
    rows = window.lists.targets_in_view_order()
    storied = next((row for row in rows if row.company == "山田スポーツ株式会社"), rows[0] if rows else None)
    if storied is None:
        later(lambda: window)()
        return
    phone = storied.phone
    recording = demo_recording(scratch / "recordings" / "demo.wav", seconds=102)

    def give_recording(store: Store) -> None:
        answered = next((e for e in store.history(phone) if e.outcome is Outcome.ANSWERED), None)
        if answered is not None:
            store.set_call_recording(answered.id, path=str(recording), seconds=102.0)

    def show_recording() -> None:
        for index, entry in enumerate(history.entries):
            item = history.tree.topLevelItem(index)
            if entry.recording and item is not None:
                history.tree.setCurrentItem(item)
                history.recording.seek(37.0)
                break
        later(lambda: window)()

    def choose(_done: object = None) -> None:
        history.loaded.connect(show_recording, Qt.ConnectionType.SingleShotConnection)
        window.lists.select_key(phone)

    history.work.write(history, give_recording, choose, choose)


def demo_recording(path: Path, seconds: int, rate: int = 8000) -> Path:
    """A quiet stereo WAV of ``seconds`` for a screenshot's recording strip (only its length shows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(bytes(4 * rate * seconds))
    return path


def _show_notice(window: MainWindow, later: Later) -> None:
    """The window once a due callback's notice shows."""
    notice = window.campaign.notice
    if notice.current is not None:
        later(lambda: window)()
    else:
        window.campaign.due.due.connect(later(lambda: window), Qt.ConnectionType.SingleShotConnection)


def _open_dnc(window: MainWindow, later: Later) -> None:
    window.campaign.open_dnc_dialog()
    later(lambda: window.campaign.dnc_dialog)()


def _open_dispositions(window: MainWindow, later: Later) -> None:
    window.campaign.open_dispositions_dialog()
    later(lambda: window.campaign.dispositions_dialog)()


CAMPAIGN_VIEWS: Final[dict[str, Callable[[MainWindow, Later], None]]] = {
    "rules": _open_rules,
    "callbacks": _show_callbacks,
    "notice": _show_notice,
    "dnc": _open_dnc,
    "dispositions": _open_dispositions,
}
