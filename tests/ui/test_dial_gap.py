"""The gap between asking for a dial and its call on the line: the phone is taken from the ask.

A hand dial first asks the store whether the number may be dialled (``ui.campaign.dial_guard``),
then writes the call's row, and only then does the line dial; both are store work, off the GUI
thread. A second press of 発信 in that gap (a double click, Ctrl+Return, redial, a row's
double click) must not dial a second time, nor may auto-call start there: the button and the
commands are disabled from the first ask, and a second ask made anyway is refused.

The store is held in the gap by a gate on ``start_call``, so the gap lasts as long as the test needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import settle
from tests.ui.test_autocall_ui import autocall_window, calls, run_clock

ANSWERING_NUMBER = "03-1234-0200"  # the demo line's number that always answers
ANSWERING_E164 = "+81312340200"
OTHER_E164 = "+81312345678"  # 株式会社さくら商事, sato's first target


@pytest.fixture
def gate(ui_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Closed: the store's ``start_call`` (a call's row) waits until it is set (or 5 s pass)."""
    opened = threading.Event()
    start_call = ui_store.start_call

    def held(*args: object, **kwargs: object) -> int:
        opened.wait(5)
        return start_call(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ui_store, "start_call", held)
    yield opened
    opened.set()  # (a test that failed half-way must not leave the writer waiting)


def rows_of(store: Store, phone: str) -> int:
    return sum(1 for call in calls(store) if call.phone == phone)


def in_the_gap(qtbot: QtBot, window: MainWindow, gate: threading.Event, ask: Callable[[], None]) -> None:
    """``ask()`` for a dial while the call's row cannot be written yet; the guard's read has come."""
    assert not gate.is_set()
    ask()
    qtbot.wait(100)  # the dial guard's read comes back; the row's write waits at the gate
    assert window.session.current is None  # still in the gap


def test_a_double_press_of_the_call_button_dials_once(
    qtbot: QtBot, window: MainWindow, ui_store: Store, gate: threading.Event, clock: ManualScheduler
) -> None:
    phone = window.phone
    qtbot.keyClicks(phone.number, ANSWERING_NUMBER)
    assert phone.call_button.isEnabled()

    def double_press() -> None:
        qtbot.mouseClick(phone.call_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(phone.call_button, Qt.MouseButton.LeftButton)

    in_the_gap(qtbot, window, gate, double_press)
    # From the first press the phone is taken: the button and the commands say so at once.
    assert not phone.call_button.isEnabled()
    assert not window.commands["dial"].isEnabled()
    assert not window.commands["redial"].isEnabled()
    assert window.session.line_taken
    # Asked anyway (Enter in the field, the shortcut's command, a row of the list): refused.
    qtbot.keyClick(phone.number, Qt.Key.Key_Return)
    window.commands["dial"].trigger()
    window.lists.dial_requested.emit(OTHER_E164, window.lists.list_id or 0)
    qtbot.wait(100)
    gate.set()
    settle(qtbot, window)
    clock.advance(0.5)
    settle(qtbot, window)
    assert rows_of(ui_store, ANSWERING_E164) == 1
    assert rows_of(ui_store, OTHER_E164) == 0
    assert window.session.current is not None and window.session.current.phone == ANSWERING_E164
    # Taken until the call ends; free again after it.
    assert not phone.call_button.isEnabled() and not window.commands["dial"].isEnabled()
    window.session.hang_up()
    settle(qtbot, window)
    assert window.session.current is None and not window.session.line_taken
    assert phone.call_button.isEnabled() and window.commands["dial"].isEnabled()


def test_a_dial_the_guard_refuses_frees_the_phone(
    qtbot: QtBot, window: MainWindow, ui_store: Store, gate: threading.Event
) -> None:
    ui_store.add_dnc([ANSWERING_E164], reason="本人の申し出", by="kanri")
    qtbot.keyClicks(window.phone.number, ANSWERING_NUMBER)
    qtbot.mouseClick(window.phone.call_button, Qt.MouseButton.LeftButton)
    assert not window.phone.call_button.isEnabled()  # taken while the store is asked
    qtbot.waitUntil(lambda: window.campaign.guard.box is not None, timeout=5000)
    box = window.campaign.guard.box
    assert box is not None
    box.reject()
    settle(qtbot, window)
    assert not window.session.line_taken
    assert window.phone.call_button.isEnabled() and window.commands["dial"].isEnabled()
    assert rows_of(ui_store, ANSWERING_E164) == 0


def test_a_dial_the_store_refuses_frees_the_phone(qtbot: QtBot, window: MainWindow) -> None:
    window.session.user = "nobody"  # the store refuses the call's row (no such user)
    qtbot.keyClicks(window.phone.number, ANSWERING_NUMBER)
    qtbot.mouseClick(window.phone.call_button, Qt.MouseButton.LeftButton)
    assert not window.phone.call_button.isEnabled()
    settle(qtbot, window)
    assert "nobody" in window.statusBar().currentMessage()
    assert not window.session.line_taken
    assert window.phone.call_button.isEnabled() and window.commands["dial"].isEnabled()


def test_auto_call_cannot_start_while_a_hand_dial_waits_for_its_row(
    qtbot: QtBot,
    ui_store: Store,
    line: DemoLine,
    settings: Settings,
    clock: ManualScheduler,
    gate: threading.Event,
) -> None:
    window = autocall_window(qtbot, ui_store, line, settings)
    qtbot.keyClicks(window.phone.number, ANSWERING_NUMBER)
    in_the_gap(qtbot, window, gate, window.phone.dial_typed)
    window.autocall_side.start(from_selected=False)
    assert not window.autocall.running
    assert window.statusBar().currentMessage() == "通話中です。通話が終わってから開始してください。"
    gate.set()
    settle(qtbot, window)
    run_clock(
        qtbot, clock, lambda: window.session.current is not None and window.session.current.state == "talking"
    )
    assert [call.phone for call in calls(ui_store)] == [ANSWERING_E164]
