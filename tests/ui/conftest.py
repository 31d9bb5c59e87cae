"""Fixtures for the desktop client: a small store, isolated settings, a demo line on a test clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.store_work import StoreWork
from calllist_desktop.ui.translations import install_language
from tests.conftest import csv_bytes

SATO_ROWS = (
    "株式会社さくら商事,長田 翔,03-1234-5678,イベント|製品A",
    "山田スポーツ株式会社,山田 圭,06-1234-5678,製品B",
    "㈱髙橋工務店,髙橋 誠,090-1234-5678,イベント",
    "加藤整形外科,加藤 さおり,052-123-4567,製品A",
)
TANAKA_ROWS = ("田中の会社,田中の客,03-9999-0001,製品A", "他社,他の客,03-9999-0002,製品B")


@pytest.fixture
def ui_store(tmp_path: Path) -> Iterator[Store]:
    """Users sato and tanaka (operators), kanri (admin); 展示会 holds targets of both operators,
    既存顧客 only tanaka's, 空 none."""
    store = Store.open(f"sqlite:///{tmp_path / 'ui.sqlite3'}")
    store.add_user("sato", "佐藤 美咲", autocall=True)
    store.add_user("tanaka", "田中 翔")
    store.add_user("kanri", "管理 花子", role="admin")
    fair = store.create_list("展示会")
    store.import_csv(fair.id, csv_bytes(*SATO_ROWS), assignee="sato")
    store.import_csv(fair.id, csv_bytes(*TANAKA_ROWS), assignee="tanaka")
    customers = store.create_list("既存顧客")
    store.import_csv(customers.id, csv_bytes(TANAKA_ROWS[0]), assignee="tanaka")
    store.create_list("空")
    yield store
    store.close()


def own_store_work(qtbot: QtBot, store: Store) -> StoreWork:
    """The ``StoreWork`` a dialog opened without a window is given (as the window hands its own),
    shut down (its writes waited for) when the test's widgets are closed."""
    work = StoreWork(lambda: store)
    # qtbot closes the widgets it was given at teardown, calling each one's before_close_func
    # first; it keeps them by weak reference, so the function (kept strongly) keeps both alive.
    holder = QWidget()
    qtbot.addWidget(holder, before_close_func=lambda _widget, kept=(holder, work): kept[1].shutdown())
    return work


@pytest.fixture
def store_work(qtbot: QtBot) -> Callable[[Store], StoreWork]:
    """``store_work(store)``: :func:`own_store_work` for the test."""
    return lambda store: own_store_work(qtbot, store)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def line(clock: ManualScheduler) -> Iterator[DemoLine]:
    demo = DemoLine(scheduler=clock, seed=1)
    demo.start()
    clock.advance(1.0)
    yield demo
    demo.stop()


def open_window(qtbot: QtBot, store: Store, line: DemoLine, settings: Settings, login: str = "sato") -> MainWindow:
    """A shown main window whose chosen list has loaded."""
    window = MainWindow(store, line, store.user(login), settings)
    # A call still going at the end of a test would make closing ask "hang up?" and wait forever.
    qtbot.addWidget(window, before_close_func=lambda w: w.session.hang_up())
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the store work the window asked for is done and delivered (a dial's row, a
    re-read after a write): what the user sees then is what the store said."""
    qtbot.waitUntil(lambda: window.work.pending == 0, timeout=5000)


@pytest.fixture
def window(qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings) -> MainWindow:
    return open_window(qtbot, ui_store, line, settings)


@pytest.fixture
def history_store(tmp_path: Path) -> Iterator[Store]:
    """The hand-built call history of ``tests.store.report_history`` (issue 15's report tests)."""
    from tests.store.report_history import build_history

    store = Store.open(f"sqlite:///{tmp_path / 'analytics.sqlite3'}")
    build_history(store)
    yield store
    store.close()


@pytest.fixture(params=["ja", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test once in Japanese, once in English: the UI's catalogue installed, Japanese again after."""
    app = QApplication.instance()
    assert app is not None
    install_language(app, request.param)
    yield request.param
    install_language(app, "ja")
