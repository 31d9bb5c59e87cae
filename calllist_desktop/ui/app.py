"""``calllist-desktop``: start the desktop client.

    calllist-desktop [--db URL] [--user LOGIN] [--lang ja|en] [--mode compact|wide]
                     [--screenshot FILE [--screenshot-view window|import-preview|settings]]

Without ``--user`` a small picker lists the store's users. An empty SQLite store is filled with
demo data first and opened as the demo operator, so a fresh ``make run`` shows a working program. ``--screenshot`` renders the
window (or the CSV import preview, or the settings) once its data has loaded, saves a PNG and
exits (offscreen works; see ``ui/screenshots.py``); it leaves the user's settings alone.
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

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from calllist_desktop import __version__
from calllist_desktop.core.autocall import AutoCallOptions
from calllist_desktop.core.line import LineError
from calllist_desktop.logs import setup_logging
from calllist_desktop.store import access
from calllist_desktop.store.demo import DEMO_OPERATOR, seed_demo_data
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.store import Store
from calllist_desktop.store.views import UserInfo
from calllist_desktop.telephony.lines import LineSetupError, open_line
from calllist_desktop.ui import screenshots
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import (
    APPLICATION,
    LANGUAGE,
    ORGANIZATION,
    STORE_URL,
    WRAP_UP,
    LayoutMode,
    Settings,
)
from calllist_desktop.ui.settings_sip_page import saved_ring_timeout
from calllist_desktop.ui.style import STYLE_SHEET
from calllist_desktop.ui.translations import choose_language, install_language
from calllist_desktop.ui.user_picker import UserPicker

log = logging.getLogger(__name__)

ICONS = Path(__file__).parent / "icons"  # drawn as calllist-desktop.svg, rendered by packaging/render_icons.py


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
    """A Japanese UI font when one is installed (Noto Sans CJK on Linux), else the system's."""
    families = set(QFontDatabase.families())
    for family in ("Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic UI", "Hiragino Sans", "Meiryo UI"):
        if family in families:
            font = QFont(family)
            font.setPointSizeF(10.5)
            app.setFont(font)
            return


def application_icon() -> QIcon:
    """The program's icon at every rendered size, so each place (title bar, task bar, Alt+Tab) gets a sharp one."""
    icon = QIcon()
    for png in sorted(ICONS.glob("calllist-desktop-*.png")):
        icon.addFile(str(png))
    return icon


def _choose_user(store: Store, requested: str | None, screenshot: bool) -> UserInfo | None:
    if requested:
        return store.user(requested)
    acting = access.acting_login(store.engine)  # team mode: one's own database role says who
    if acting:
        return store.user(acting)
    users = store.users()
    if len(users) == 1:
        return users[0]
    if screenshot:  # no one to ask: the demo operator, else the first operator
        operators = [user for user in users if user.login == DEMO_OPERATOR] or [u for u in users if not u.is_admin]
        return (operators or users)[0]
    picker = UserPicker(users)
    return picker.chosen() if picker.exec() else None


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_path = setup_logging("calllist-desktop")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")
    app.setWindowIcon(application_icon())
    app.setDesktopFileName("calllist-desktop")  # ties the window to resources/calllist-desktop.desktop
    _pick_font(app)

    scratch = tempfile.TemporaryDirectory(prefix="calllist-screenshot-") if args.screenshot else None
    if scratch is not None:
        # A screenshot must neither read nor change the user's saved layout and columns.
        settings = Settings(QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat))
    else:
        settings = Settings()
    install_language(app, choose_language(args.lang, settings.get(LANGUAGE)))

    log.info("CallList Desktop %s starting; log file %s", __version__, log_path)
    interactive = not args.screenshot
    _report_unexpected_errors(interactive)
    try:
        # --db, then $CALLLIST_DB, then the store chosen in 設定, then the SQLite file in the data folder.
        store = Store.open(args.db or os.environ.get("CALLLIST_DB") or settings.get(STORE_URL) or None)
    except StoreError as exc:
        return _fail(exc, interactive)
    try:
        requested = args.user
        if store.engine.dialect.name == "sqlite" and not store.users():
            seed_demo_data(store)
            log.info("an empty store: demo data created")
            requested = requested or DEMO_OPERATOR  # a first start goes straight to the demo
        try:
            user = _choose_user(store, requested, bool(args.screenshot))
        except StoreError as exc:
            return _fail(exc, interactive)
        if user is None:
            return 0
        if args.screenshot and screenshots.needs_manager(args.screenshot_view) and not user.is_admin:
            print(f"calllist-desktop: --screenshot-view {args.screenshot_view} needs a manager (--user LOGIN of an admin)", file=sys.stderr)
            return 2
        closed = store.close_interrupted_calls(user=user.login)
        if closed:
            log.info("closed %d calls left unfinished by the last run as interrupted", closed)

        settings.layout = LayoutMode(args.mode) if args.mode else settings.start_layout()
        # The saved SIP account's line, else the demo line (ringing as long as the account would);
        # a screenshot never touches the network.
        try:
            chosen = open_line("demo" if args.screenshot else args.line, demo_ring_timeout=saved_ring_timeout())
        except LineSetupError as exc:
            return _fail(exc, interactive)
        line = chosen.line
        window = MainWindow(store, line, user, settings, autocall_options=AutoCallOptions(wrap_up=settings.get(WRAP_UP)))
        window.setStyleSheet(STYLE_SHEET)
        problem = ""
        if chosen.problem:
            problem = QCoreApplication.translate("app", "SIP 回線を使えないため、デモ回線で起動しました。\n\n{0}").format(chosen.problem)
        try:
            line.start()
        except LineError as exc:  # the window still opens: lists can be worked on, the phone says offline
            log.warning("the line did not start: %s", exc)
            problem = QCoreApplication.translate("app", "回線を開始できません。\n\n{0}").format(exc)
        if problem and interactive:
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, QCoreApplication.translate("app", "回線"), problem))
        window.lists.loaded.connect(_collect_from_now_on, Qt.ConnectionType.SingleShotConnection)
        window.show()
        if args.screenshot:
            assert scratch is not None
            return screenshots.capture(app, window, args.screenshot_view, Path(args.screenshot), Path(scratch.name))
        try:
            return app.exec()
        finally:
            line.stop()  # hang up and unregister before the program ends
    finally:
        store.close()
        if scratch is not None:
            scratch.cleanup()


def _report_unexpected_errors(interactive: bool) -> None:
    """A bug in a slot must not end as a traceback on a console nobody watches: log it whole,
    and tell the user in one sentence (the program carries on)."""

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))  # type: ignore[arg-type]
        print(f"calllist-desktop: unexpected error: {kind.__name__}: {error}", file=sys.stderr)
        if interactive:
            QMessageBox.critical(
                None,
                "CallList Desktop",
                QCoreApplication.translate("App", "予期しないエラーが発生しました: {0}").format(error),
            )

    sys.excepthook = hook


def _collect_from_now_on() -> None:
    """End the start-up pause of the garbage collector (see ``calllist_desktop.ui.main``)."""
    gc.freeze()  # what start-up made lives on: keep it out of every later collection
    gc.enable()


def _fail(error: Exception, interactive: bool) -> int:
    """One clear line on stderr, and a message box when someone is there to read it."""
    print(f"calllist-desktop: {error}", file=sys.stderr)
    if interactive:
        QMessageBox.critical(None, "CallList Desktop", str(error))
    return 1


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
