"""Run in a child process on a screen of a given size and scale: how the main window fits.

``python -m tests.ui.screen_probe LANG LOGIN FOLDER`` prints one JSON object per layout: the
screen's available geometry, the window's minimum size and its frame after a start with the
default size and after a start with a saved geometry larger than the screen. The parent test
chooses the screen with ``QT_QPA_PLATFORM=offscreen:configfile=…`` and ``QT_SCALE_FACTOR``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from calllist_desktop.store import demo
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.app import STYLE, _pick_font
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LayoutMode, Settings
from calllist_desktop.ui.translations import install_language


def start_app(language: str, folder: Path) -> tuple[QApplication, Store, DemoLine]:
    """The application as the program starts it (style, font, language), a demo store, a demo line."""
    app = QApplication(sys.argv[:1])
    app.setStyle(STYLE)
    _pick_font(app)
    install_language(app, language)  # type: ignore[arg-type]
    store = Store.open(f"sqlite:///{folder / 'probe.sqlite3'}")
    demo.seed_demo_data(store)
    line = DemoLine(seed=1)
    line.start()
    return app, store, line


def wait_until(app: QApplication, done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Process events until ``done()``, a little more for the layout to follow, or ``seconds``."""
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main(language: str, login: str, folder: Path) -> None:
    app, store, line = start_app(language, folder)
    for mode in LayoutMode:
        settings = Settings(QSettings(str(folder / f"{mode.value}.ini"), QSettings.Format.IniFormat))
        settings.layout = mode
        facts: dict[str, object] = {"mode": mode.value}
        for start in ("default", "saved"):
            window = MainWindow(store, line, store.user(login), settings)
            loaded: list[bool] = []
            window.lists.loaded.connect(lambda done=loaded: done.append(True))
            window.show()
            wait_until(app, lambda done=loaded: bool(done))  # the lists' rows, filters and counts are in
            facts["available"] = window.screen().availableGeometry().getRect()
            facts["minimum"] = window.minimumSize().expandedTo(window.minimumSizeHint()).toTuple()
            facts[start] = window.frameGeometry().getRect()
            facts[f"{start}_hidden"] = _hidden_actions(window)
            window.move(-200, -100)
            window.resize(4000, 3000)  # then saved on closing, as a bigger screen would have
            window.close()
            window.deleteLater()
            app.processEvents()
        print(json.dumps(facts))
    line.stop()
    store.close()


def _hidden_actions(window: MainWindow) -> list[str]:
    """The menus and toolbar buttons that do not fit (Qt moves them behind »)."""
    hidden = []
    bar = window.menuBar()
    for action in bar.actions():
        place = bar.actionGeometry(action)
        if action.isVisible() and (place.isEmpty() or place.right() >= bar.width()):
            hidden.append(action.text())
    for action in window.commands.toolbar.actions():
        widget = window.commands.toolbar.widgetForAction(action)
        if action.isVisible() and not action.isSeparator() and (widget is None or not widget.isVisible()):
            hidden.append(action.iconText())
    return hidden


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
