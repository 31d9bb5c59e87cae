"""Steps shared by the campaign window tests (issue 14): windows for a manager and an operator on
one store, a table's cell by phone and column, and answering a dialog that is run modally."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from calllist_desktop.core.i18n import set_language
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.table.model import RowTableModel
from tests.ui.conftest import open_window

TOKYO_TZ = ZoneInfo("Asia/Tokyo")
# sato's targets of 展示会 (tests.ui.conftest.SATO_ROWS)
TOKYO, OSAKA, MOBILE, NAGOYA = "+81312345678", "+81612345678", "+819012345678", "+81521234567"
SATO_PHONES = (TOKYO, OSAKA, MOBILE, NAGOYA)


@pytest.fixture
def japanese_messages() -> Iterator[None]:
    """The store's messages in Japanese, as the untranslated window speaks (the tests' default is
    English: ``tests.conftest``); a module takes it with ``pytestmark``."""
    set_language("ja")
    yield
    set_language("en")


def own_settings(tmp_path: Path, name: str) -> Settings:
    """Settings of one computer (each window of a test its own, as two clients would have)."""
    return Settings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))


def manager_window(
    qtbot: QtBot, store: Store, line: DemoLine, settings: Settings, login: str = "kanri"
) -> MainWindow:
    """A manager's window whose management tab shows its chosen list's targets."""
    window = open_window(qtbot, store, line, settings, login=login)
    management = window.management
    assert management is not None
    qtbot.waitUntil(lambda: management.model.total_count() > 0, timeout=5000)
    return window


def choose_managed_list(qtbot: QtBot, window: MainWindow, list_id: int) -> None:
    """Choose a list in the management tab's chooser, as a click on it would, and wait for its rows."""
    management = window.management
    assert management is not None
    chooser = management.list_chooser
    if management.list_id != list_id:
        with qtbot.waitSignal(management.loaded, timeout=5000):
            chooser.setCurrentIndex(chooser.findData(list_id))
    assert management.list_id == list_id


def column(model: RowTableModel, key: str) -> int:
    return next(i for i, each in enumerate(model.columns()) if each.key == key)


def cell(model: RowTableModel, phone: str, key: str) -> str:
    """What a table shows of ``phone`` in column ``key`` (``""``: not shown)."""
    row = model.row_for_key(phone)
    if row < 0:
        return ""
    return str(model.index(row, column(model, key)).data() or "")


def closed(dialog: QWidget) -> bool:
    """The dialog is shown no more: hidden, or deleted already (a dialog saved through the
    window's store work closes when the write is delivered and deletes itself then)."""
    return not isValid(dialog) or not dialog.isVisible()


def shown(model: RowTableModel) -> set[str]:
    return {model.key_at(row) for row in range(model.rowCount())}


def when_modal(qtbot: QtBot, answer: Callable[[QWidget], None], timeout_ms: int = 5000) -> list[str]:
    """Answer the next modal dialog (a file dialog, a question run with ``exec``) as it opens:
    ``answer`` gets it. Returns a list that holds the dialog's text once answered (a message
    box's text; a file dialog's class name)."""
    answered: list[str] = []
    waited = [0]

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            text = getattr(modal, "text", None)
            answered.append(text() if callable(text) else type(modal).__name__)
            answer(modal)
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return answered


def tokyo_day(moment: datetime | None = None) -> int:
    """The day of the week in Tokyo (0: Monday), now or at ``moment``."""
    return (moment or datetime.now(TOKYO_TZ)).astimezone(TOKYO_TZ).weekday()
