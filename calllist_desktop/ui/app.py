"""``calllist-desktop``: start the desktop client.

    calllist-desktop [--db URL] [--user LOGIN] [--lang ja|en] [--mode compact|wide]
                     [--screenshot FILE [--screenshot-view window|import-preview|settings|autocall|analytics]]

Without ``--user`` the window opens as the last person who used the client on this computer
(if they are still an active user), else a small picker lists the active users; ファイル →
ユーザーを切り替え opens it for someone else (:class:`SignedIn`). An empty SQLite store is filled with
demo data first and opened as the demo operator, so a fresh ``make run`` shows a working program. ``--screenshot`` renders the
window (or the CSV import preview, or the settings) once its data has loaded, saves a PNG and
exits (offscreen works; see ``ui/screenshots.py``); it leaves the user's settings and store alone
(it works on a copy of the store).

A quick start for the embedded store: the users, the operator's lists and the targets of the
chosen list are read from the SQLite file with the standard library (``store.first_read``)
and shown, and only then is the real store opened (SQLAlchemy and the engine) on the thread
pool (``_finish_start``); its own read of the lists then replaces the rows shown first. Until it is
open, the window holds a :class:`~calllist_desktop.store.deferred.DeferredStore`, whose methods
wait for it. A store that needs more than reading first (a migration, demo data, calls left
unfinished by a crash) and PostgreSQL go the normal way: open the store, then the window.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSettings,
    QSize,
    QThreadPool,
    QTimer,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from calllist_desktop import __version__
from calllist_desktop.core.line import Line, LineError
from calllist_desktop.logs import open_log_file, start_logging
from calllist_desktop.store.deferred import DeferredStore, StoreApi
from calllist_desktop.store.errors import StoreError, UserInactive
from calllist_desktop.store.first_read import FirstRead, FirstView
from calllist_desktop.store.location import resolve_database_url, sqlite_file
from calllist_desktop.store.views import UserInfo
from calllist_desktop.telephony.lines import LineSetupError, open_line, saved_ring_timeout
from calllist_desktop.ui import screenshots
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import (
    APPLICATION,
    LANGUAGE,
    LAST_LIST,
    LAST_USER,
    ORGANIZATION,
    STORE_URL,
    LayoutMode,
    Settings,
)
from calllist_desktop.ui.translations import choose_language, install_language
from calllist_desktop.ui.user_picker import pick_user

if TYPE_CHECKING:  # importing the store itself means SQLAlchemy: only where it is opened
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)

STYLE = "Fusion"  # the same look on every platform
UI_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Hiragino Sans", "Meiryo UI")
ICONS = Path(__file__).parent / "icons"  # drawn as calllist-desktop.svg, rendered by packaging/render_icons.py
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the sizes rendered, in pixels
# How long after window.show() the start's remaining work begins (_finish_start): by then the
# first frame is drawn, and nobody has clicked yet.
FINISH_START_MS = 100


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="calllist-desktop", description="CallList Desktop")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: $CALLLIST_DB, else the user data folder)")
    parser.add_argument("--user", metavar="LOGIN", help="who is working (default: choose at start)")
    parser.add_argument("--lang", choices=["ja", "en"], help="language (default: the saved setting, else the system's)")
    parser.add_argument("--mode", choices=[mode.value for mode in LayoutMode], help="start in this layout")
    parser.add_argument(
        "--line", choices=["auto", "demo", "sip"], default="auto",
        help="the line to call on (default: the SIP account saved in 設定, else the demo line)",
    )  # fmt: skip
    parser.add_argument("--screenshot", metavar="FILE", help="save a PNG of the window once loaded, then exit")
    parser.add_argument(
        "--screenshot-view", choices=screenshots.VIEWS, default="window",
        help="what --screenshot shows: the window, the CSV import preview (a manager's), or the settings",
    )
    return parser


def _pick_font(app: QApplication) -> None:
    """A Japanese UI font: the first of ``UI_FONTS`` that is installed (Noto Sans CJK on Linux),
    else the system's.

    Qt is handed the whole list (``setFamilies``) and falls back along it when it matches a
    font, so the start need not list the installed families first.
    """
    font = app.font()
    font.setFamilies([*UI_FONTS, *font.families()])
    font.setPointSizeF(10.5)
    app.setFont(font)


def application_icon() -> QIcon:
    """The program's icon at every rendered size, so each place (title bar, task bar, Alt+Tab)
    gets a sharp one. Each file is given with its size: without it Qt reads every file to learn
    it.

    The start sets it once the window is shown (``_finish_start``): the window manager takes a
    new icon at any time. (The desktop entry names the same icon for the task bar.)
    """
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(ICONS / f"calllist-desktop-{size}.png"), QSize(size, size))
    return icon


def _who_works(users: list[UserInfo], screenshot: bool, settings: Settings) -> UserInfo | None:
    """Who the window opens as when no ``--user`` says it: the last person who used the client
    on this computer while they are still an active user, else :func:`_choose_user` among the
    active users (SPEC §11). ``None``: the user cancelled. Raises ``StoreError`` when every user
    is deactivated."""
    active = [user for user in users if user.active]
    if not active:
        raise StoreError(
            "every user is deactivated: activate one with `calllist users activate LOGIN`",
            "すべてのユーザーが無効化されています。`calllist users activate LOGIN` で有効化してください",
        )
    remembered = settings.get(LAST_USER)
    return next((user for user in active if user.login == remembered), None) or _choose_user(active, screenshot)


def _choose_user(users: list[UserInfo], screenshot: bool) -> UserInfo | None:
    """The only user, or the one picked in a small dialog (``None``: the user cancelled)."""
    if len(users) == 1:
        return users[0]
    if screenshot:  # no one to ask: the demo operator, else the first operator
        from calllist_desktop.store.demo import DEMO_OPERATOR

        operators = [user for user in users if user.login == DEMO_OPERATOR] or [u for u in users if not u.is_admin]
        return (operators or users)[0]
    return pick_user(users)


def _require_active(user: UserInfo) -> UserInfo:
    """``user``, unless they are deactivated: they cannot sign in (SPEC §11)."""
    if not user.active:
        raise UserInactive(
            f"{user.login} is deactivated and cannot sign in: a manager can activate them again",
            f"ユーザー「{user.display_name}」({user.login}) は無効化されているため、ログインできません。"
            "管理者が有効化できます",
        )
    return user


class _Cancelled(Exception):
    """The user closed the user picker: the program ends quietly."""


def _first_view(
    url: str, requested: str | None, screenshot: bool, settings: Settings
) -> tuple[FirstView | None, str | None]:
    """The first screen read straight from a SQLite file (``None`` to go the normal way), and the
    login of the user chosen on the way, so that the normal way does not ask again."""
    path = sqlite_file(url)
    reader = FirstRead.open(path) if path is not None else None
    if reader is None:
        return None, requested
    with reader:
        users = reader.users()
        if not users:  # an empty store gets demo data first: the normal way
            return None, requested
        if requested:
            user = next((user for user in users if user.login == requested), None)
            if user is None or not user.active:  # the normal way says so
                return None, requested
        else:
            user = _who_works(users, screenshot, settings)
            if user is None:
                raise _Cancelled
        return reader.first_view(user, settings.get(LAST_LIST) or None), user.login


def _open_store(url: str, requested: str | None, screenshot: bool, settings: Settings) -> tuple[Store, UserInfo] | None:
    """The normal way: open the store (SQLAlchemy), fill an empty SQLite store with demo data,
    choose the user; ``None`` when the user cancelled the choice. Raises ``StoreError``."""
    from calllist_desktop.store.demo import DEMO_OPERATOR, seed_demo_data
    from calllist_desktop.store.store import Store

    store = Store.open(url)
    try:
        if store.engine.dialect.name == "sqlite" and not store.users():
            seed_demo_data(store)
            log.info("an empty store: demo data created")
            requested = requested or DEMO_OPERATOR  # a first start goes straight to the demo
        if not requested:
            from calllist_desktop.store import access

            requested = access.acting_login(store.engine)  # team mode: one's own database role says who
        user = store.user(requested) if requested else _who_works(store.users(), screenshot, settings)
        if user is None:
            store.close()
            return None
        _require_active(user)
        _close_interrupted_calls(store, user.login)
    except BaseException:
        store.close()
        raise
    return store, user


def _close_interrupted_calls(store: StoreApi, login: str) -> None:
    closed = store.close_interrupted_calls(user=login)
    if closed:
        log.info("closed %d calls left unfinished by the last run as interrupted", closed)


def run(argv: Sequence[str] | None = None) -> int:
    """Start the desktop client with ``argv`` (the command line's arguments); the exit code.

    The garbage collector is paused during the start (see ``calllist_desktop.ui.main``) and
    resumes once the store is open and the list shown.
    """
    gc.disable()
    try:
        return _run(argv)
    finally:
        gc.enable()


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    start_logging("calllist-desktop")  # the file opens once the window is shown (_finish_start), with what came before
    running = QApplication.instance()
    if running is None:
        # Fusion through Qt's own -style option: setStyle() hands the new QStyle back to Python,
        # and PySide6 builds that type and its big enums for it (bench/README.md) though we never use it.
        app = QApplication([sys.argv[0], "-style", STYLE])
    else:
        assert isinstance(running, QApplication), "the desktop client needs a QApplication"
        app = running
        app.setStyle(STYLE)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("calllist-desktop")  # ties the window to resources/calllist-desktop.desktop
    _pick_font(app)

    scratch = tempfile.TemporaryDirectory(prefix="calllist-screenshot-") if args.screenshot else None
    if scratch is not None:
        # A screenshot must neither read nor change the user's saved layout and columns.
        settings = Settings(QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat))
    else:
        settings = Settings()
    install_language(app, choose_language(args.lang, settings.get(LANGUAGE)))

    log.info("CallList Desktop %s starting", __version__)
    interactive = not args.screenshot
    _report_unexpected_errors(interactive)
    store: StoreApi | None = None
    try:
        # --db, then $CALLLIST_DB, then the store chosen in 設定, then the SQLite file in the data folder.
        url = resolve_database_url(args.db or os.environ.get("CALLLIST_DB") or settings.get(STORE_URL) or None)
        if scratch is not None:  # a screenshot works on a copy: the user's store stays as it is
            try:
                url = screenshots.private_copy(url, Path(scratch.name))
            except StoreError as exc:
                return _fail(exc, interactive)
        try:
            first, requested = _first_view(url, args.user, bool(args.screenshot), settings)
        except _Cancelled:
            return 0
        except StoreError as exc:
            return _fail(exc, interactive)
        if first is not None:
            login = first.user.login
            store, user = DeferredStore(url, lambda opened: _close_interrupted_calls(opened, login)), first.user
        else:
            try:
                opened = _open_store(url, requested, bool(args.screenshot), settings)
            except StoreError as exc:
                return _fail(exc, interactive)
            if opened is None:
                return 0
            store, user = opened
        if args.screenshot and screenshots.needs_manager(args.screenshot_view) and not user.is_admin:
            print(f"calllist-desktop: --screenshot-view {args.screenshot_view} needs a manager (--user LOGIN of an admin)", file=sys.stderr)
            return 2

        settings.layout = LayoutMode(args.mode) if args.mode else settings.start_layout()
        # The saved SIP account's line, else the demo line (ringing as long as the account would);
        # a screenshot never touches the network.
        try:
            chosen = open_line("demo" if args.screenshot else args.line, demo_ring_timeout=saved_ring_timeout())
        except LineSetupError as exc:
            return _fail(exc, interactive)
        line = chosen.line
        # The window first, then the line: the window listens to the line from the start (an
        # incoming call or a failed registration right after it starts is not missed).
        window = MainWindow(store, line, user, settings, first_view=first)  # auto-call's options: from 設定 at each run
        first = None  # its rows are the table's now; the store's read will replace them
        signed_in = SignedIn(store, line, settings, window)
        if interactive:
            settings.set(LAST_USER, user.login)  # the next start opens as them
        problem = ""
        if chosen.problem:
            problem = QCoreApplication.translate("app", "SIP 回線を使えないため、デモ回線で起動しました。\n\n{0}").format(chosen.problem)
        try:
            line.start()
        except LineError as exc:  # the window still opens: lists can be worked on, the phone says offline
            log.warning("the line did not start: %s", exc)
            problem = QCoreApplication.translate("app", "回線を開始できません。\n\n{0}").format(exc)
        if problem and interactive:
            QTimer.singleShot(0, lambda: _tell(window, QCoreApplication.translate("app", "回線"), problem, warning=True))
        window.show()
        shown_store = store
        QTimer.singleShot(FINISH_START_MS, window, lambda: _finish_start(window, shown_store, interactive))
        if args.screenshot:
            assert scratch is not None
            return screenshots.capture(app, window, args.screenshot_view, Path(args.screenshot), Path(scratch.name))
        try:
            return app.exec()
        finally:
            signed_in.window.line.stop()  # hang up and unregister before the program ends
    finally:
        _open_log_file()  # an early way out too leaves its records in the file
        if isinstance(store, DeferredStore):
            store.close()  # not opened yet: then it is not opened for nothing now
        # Work still running on the pool (the store's opening, a read) ends before Qt and Python
        # do: a worker thread left running into the interpreter's exit crashed it.
        QThreadPool.globalInstance().waitForDone()
        if store is not None:
            store.close()
        if scratch is not None:
            scratch.cleanup()


def _finish_start(window: MainWindow, store: StoreApi, interactive: bool) -> None:
    """What the start leaves until the window is shown, in every layout and for every user: set
    the window icon, open the log file, and (quick start) count the filter choices and open the
    deferred store through the window's store work, then let the window read from it. The garbage collector
    resumes once the store is open.

    ``run`` calls it from a timer started right after ``window.show()``, so it runs whatever the
    window then shows (a table, the empty hint, the compact phone alone). The timer leaves the
    first frame time to be drawn: opening the store imports SQLAlchemy on another thread, which
    holds the GIL and would slow that frame. Whatever needs the store sooner opens it then
    (``DeferredStore``).
    """
    QApplication.setWindowIcon(application_icon())
    _open_log_file()
    if not isinstance(store, DeferredStore):
        _collect_from_now_on()
        return

    def opened(_store: Store) -> None:
        window.store_opened()
        _collect_from_now_on()

    def failed(error: Exception) -> None:
        _collect_from_now_on()
        log.error("cannot open the store: %s", error)
        if interactive:
            _tell(window, "CallList Desktop", str(error))

    window.lists.fill_filter_choices()  # left for now by the first paint (CallListPanel.show_first_view)
    window.work.read(window, lambda opened_store: opened_store, opened, failed)  # the work opens it, on a worker


class SignedIn(QObject):
    """The window of whoever is signed in, and ファイル → ユーザーを切り替え: another active user
    is picked, this window closes as on quitting (a call in progress asks first; auto-call
    stops; the layout is saved), and a new window opens for them on the same store and line."""

    def __init__(self, store: StoreApi, line: Line, settings: Settings, window: MainWindow) -> None:
        super().__init__()
        self._store, self._line, self._settings = store, line, settings
        self.window = window
        window.switch_user_requested.connect(self.switch_user)

    def switch_user(self) -> None:
        """Ask the store (on the window's work) who else may sign in here, then offer them."""
        old = self.window
        store = self._store
        if isinstance(store, DeferredStore) and not store.is_open:  # the start has not finished yet
            old.say(lambda: self.tr("データを読み込んでいます。少し待ってから切り替えてください。"))
            return
        login = old.user.login

        def others(opened: Store) -> list[UserInfo] | None:
            """The active users but oneself; ``None`` in team mode, where one's database role says who."""
            from calllist_desktop.store import access

            if access.acting_login(opened.engine) is not None:
                return None
            return [user for user in opened.users() if user.active and user.login != login]

        old.work.read(old, others, lambda users: self._offer(old, users), lambda error: self._not_read(old, error))

    def _not_read(self, old: MainWindow, error: Exception) -> None:
        if not isinstance(error, StoreError):
            log.error("switching user: reading the users failed", exc_info=error)
        old.say(lambda: str(error))  # the window stays as it is

    def _offer(self, old: MainWindow, users: list[UserInfo] | None) -> None:
        if old is not self.window:
            return
        if users is None:
            old.say(
                lambda: self.tr("チームのデータベースでは、接続したデータベースのロールがユーザーを決めます。"
                                "別のユーザーで作業するには、そのロールで接続してください。")
            )
            return
        if not users:
            old.say(lambda: self.tr("切り替えられるほかのユーザーがいません。"))
            return
        user = pick_user(users, old)
        if user is None:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quits = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
        try:
            if not old.close():  # a call in progress, and the operator kept it
                return
            old.session.bridge.detach()  # the line's events go to the new window only
            if old.recordings is not None:
                old.recordings.detach()  # and its recordings' reports
            self._settings.set(LAST_USER, user.login)
            self.window = MainWindow(self._store, self._line, user, self._settings)
            login = user.login
            self.window.work.write(self.window, lambda opened: _close_interrupted_calls(opened, login))
            self.window.switch_user_requested.connect(self.switch_user)
            self.window.show()
            log.info("switched user")
        finally:
            app.setQuitOnLastWindowClosed(quits)
        old.deleteLater()


def _report_unexpected_errors(interactive: bool) -> None:
    """A bug in a slot must not end as a traceback on a console nobody watches: log it whole,
    and tell the user in one sentence (the program carries on)."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))
        print(f"calllist-desktop: unexpected error: {kind.__name__}: {error}", file=sys.stderr)
        if interactive:
            _tell(None, "CallList Desktop", QCoreApplication.translate("App", "予期しないエラーが発生しました: {0}").format(error))

    sys.excepthook = hook


def _open_log_file() -> None:
    """Open the log file (once), with the records logged since the start (``logs.start_logging``)."""
    path = open_log_file()
    if path is not None:
        log.info("log file %s", path)


def _collect_from_now_on() -> None:
    """The start is done: end the pause of the garbage collector (see ``calllist_desktop.ui.main``)."""
    gc.freeze()  # what start-up made lives on: keep it out of every later collection
    gc.enable()


def _fail(error: Exception, interactive: bool) -> int:
    """One clear line on stderr, and a message box when someone is there to read it."""
    print(f"calllist-desktop: {error}", file=sys.stderr)
    if interactive:
        _tell(None, "CallList Desktop", str(error))
    return 1


def _tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    """A message box for a problem that stops the start."""
    (QMessageBox.warning if warning else QMessageBox.critical)(parent, title, text)


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
