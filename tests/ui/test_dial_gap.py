"""The gap between asking for a dial and its call on the line: the phone is taken from the ask.

A hand dial first asks the store whether the number may be dialled (``ui.campaign.dial_guard``),
then writes the call's row, and only then does the line dial; both are store work, off the GUI
thread. A second press of 発信 in that gap (a double click, Ctrl+Return, redial, a row's
double click) must not dial a second time, nor may auto-call start there: the button and the
commands are disabled from the first ask, and a second ask made anyway is refused.

The call card says 発信準備中… with the number through the gap (so a press that seems to do
nothing is not pressed again), until the call is on the line or the dial is refused; 切断 in the
gap cancels the dial: it is not made, and a row the store wrote meanwhile is closed as 取消.

The store is held in the gap by a gate on ``start_call``, so the gap lasts as long as the test needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.line import LineError
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LayoutMode, Settings
from calllist_desktop.ui.table.columns import call_state_label
from calllist_desktop.ui.translations import install_language
from tests.ui.campaign_steps import tokyo_day
from tests.ui.conftest import settle
from tests.ui.test_autocall_ui import autocall_window, calls, run_clock
from tests.ui.test_operator_phone import status_cell

ANSWERING_NUMBER = "03-1234-0200"  # the demo line's number that always answers
ANSWERING_E164 = "+81312340200"
OTHER_E164 = "+81312345678"  # 株式会社さくら商事, sato's first target
PREPARING = "発信準備中…"


def hold(store: Store, monkeypatch: pytest.MonkeyPatch, method: str) -> threading.Event:
    """Closed: the store's ``method`` waits until the event is set (or 5 s pass)."""
    opened = threading.Event()
    original = getattr(store, method)

    def held(*args: object, **kwargs: object) -> object:
        opened.wait(5)
        return original(*args, **kwargs)

    monkeypatch.setattr(store, method, held)
    return opened


@pytest.fixture
def gate(ui_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Closed: the store's ``start_call`` (a call's row) waits until it is set (or 5 s pass)."""
    opened = hold(ui_store, monkeypatch, "start_call")
    yield opened
    opened.set()  # (a test that failed half-way must not leave the writer waiting)


def card_says(window: MainWindow) -> str | None:
    """What the call card says of the call (its state line), or ``None`` while it is hidden."""
    phone = window.phone
    return phone.call_state.text() if phone.call_card.isVisible() else None


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
    assert card_says(window) == PREPARING
    qtbot.waitUntil(lambda: window.campaign.guard.box is not None, timeout=5000)
    assert card_says(window) is None  # (gone as the box says why)
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
    assert card_says(window) == PREPARING
    settle(qtbot, window)
    assert "nobody" in window.statusBar().currentMessage()
    assert card_says(window) is None
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


def test_the_card_says_preparing_with_the_number_until_the_call_is_on_the_line(
    qtbot: QtBot, window: MainWindow, gate: threading.Event
) -> None:
    phone = window.phone
    assert card_says(window) is None
    list_id = window.lists.list_id
    assert list_id is not None
    in_the_gap(qtbot, window, gate, lambda: window.lists.dial_requested.emit(OTHER_E164, list_id))
    assert card_says(window) == PREPARING
    assert phone.who.text() == "03-1234-5678"  # the number; who it is comes with the call
    assert not phone.remote.isVisible() and not phone.timer_label.isVisible()
    # The card has the lines it will have once the line dials (the number's keeps its room):
    # 切断 under it moves little then.
    assert phone.mute_button.isVisible() and not phone.mute_button.isEnabled()
    assert phone.remote.sizePolicy().retainSizeWhenHidden()
    assert status_cell(window, OTHER_E164) == PREPARING  # the row dialled says it too
    window.apply_layout(LayoutMode.COMPACT)  # the compact phone shows the same card
    assert card_says(window) == PREPARING and phone.who.text() == "03-1234-5678"
    app = QApplication.instance()
    assert app is not None
    try:
        window.switch_language("en")
        qtbot.waitUntil(lambda: card_says(window) == "Preparing the call…")
        assert phone.hangup_button.toolTip() == "Cancel the dial (Ctrl+E)"
    finally:
        install_language(app, "ja")
    qtbot.waitUntil(lambda: card_says(window) == PREPARING)
    window.apply_layout(LayoutMode.WIDE)
    gate.set()
    settle(qtbot, window)
    call = window.session.current
    assert call is not None and call.phone == OTHER_E164
    assert card_says(window) == call_state_label(call.shown_state) != PREPARING
    assert (
        phone.remote.isVisible() and phone.remote.text() == "03-1234-5678" and phone.timer_label.isVisible()
    )
    assert status_cell(window, OTHER_E164) == call_state_label(call.shown_state)
    window.session.hang_up()


def test_the_card_goes_when_the_operator_says_no_to_calling_outside_the_hours(
    qtbot: QtBot, window: MainWindow, ui_store: Store
) -> None:
    list_id = window.lists.list_id
    assert list_id is not None
    elsewhen = (tokyo_day() + 2) % 7  # the list's only calling day is neither today nor tomorrow
    ui_store.set_list_rules(
        list_id, ListRules(hours=(time(9), time(18)), days=frozenset({elsewhen})), by="kanri"
    )
    window.lists.dial_requested.emit(OTHER_E164, list_id)
    qtbot.waitUntil(lambda: window.campaign.guard.box is not None, timeout=5000)
    assert card_says(window) == PREPARING  # (the dial is still asked for while the box asks)
    box = window.campaign.guard.box
    assert box is not None
    cancel = next(button for button in box.buttons() if button.text() == "キャンセル")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert card_says(window) is None and not window.session.line_taken
    assert rows_of(ui_store, OTHER_E164) == 0


def test_the_card_goes_when_the_line_refuses_the_dial(
    qtbot: QtBot,
    window: MainWindow,
    ui_store: Store,
    line: DemoLine,
    gate: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(_target: str) -> str:
        raise LineError("the line is down")

    monkeypatch.setattr(line, "dial", refuse)
    qtbot.keyClicks(window.phone.number, ANSWERING_NUMBER)
    in_the_gap(qtbot, window, gate, window.phone.dial_typed)
    assert card_says(window) == PREPARING
    gate.set()
    settle(qtbot, window)
    assert "the line is down" in window.statusBar().currentMessage()
    assert card_says(window) is None and not window.session.line_taken
    assert [call.outcome for call in calls(ui_store) if call.phone == ANSWERING_E164] == ["failed"]


def test_hanging_up_while_the_row_is_written_cancels_the_dial_and_closes_the_row(
    qtbot: QtBot,
    window: MainWindow,
    ui_store: Store,
    line: DemoLine,
    gate: threading.Event,
    clock: ManualScheduler,
) -> None:
    phone = window.phone
    qtbot.keyClicks(phone.number, ANSWERING_NUMBER)
    in_the_gap(qtbot, window, gate, window.phone.dial_typed)  # the row's write has begun, and waits
    assert phone.hangup_button.isEnabled() and window.commands["hang_up"].isEnabled()
    qtbot.mouseClick(phone.hangup_button, Qt.MouseButton.LeftButton)
    # The phone is free at once: the card goes, 発信 may be pressed again.
    assert card_says(window) is None and not window.session.line_taken
    assert phone.call_button.isEnabled() and not phone.hangup_button.isEnabled()
    gate.set()  # the store's answer comes late: the line must not dial anyway
    settle(qtbot, window)
    clock.advance(0.5)
    settle(qtbot, window)
    assert window.session.current is None and line.calls() == []
    assert [call.outcome for call in calls(ui_store) if call.phone == ANSWERING_E164] == ["canceled"]
    assert card_says(window) is None and phone.call_button.isEnabled()


def test_hanging_up_before_the_row_is_begun_writes_no_row(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = hold(ui_store, monkeypatch, "dial_refusal")  # the dial guard's question waits
    ui_store.add_dnc([ANSWERING_E164], reason="本人の申し出", by="kanri")  # (its answer would be a box)
    qtbot.keyClicks(window.phone.number, ANSWERING_NUMBER)
    window.phone.dial_typed()
    assert card_says(window) == PREPARING
    window.commands["hang_up"].trigger()  # Ctrl+E
    assert card_says(window) is None and not window.session.line_taken
    checked.set()
    settle(qtbot, window)
    assert window.campaign.guard.box is None  # the guard's answer came for nothing: no box
    assert rows_of(ui_store, ANSWERING_E164) == 0 and line.calls() == []


def test_hanging_up_while_the_row_waits_its_turn_writes_no_row(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine
) -> None:
    writer_busy = threading.Event()
    window.work.write(window, lambda _store: writer_busy.wait(5))  # an earlier write holds the writer
    try:
        qtbot.keyClicks(window.phone.number, ANSWERING_NUMBER)
        window.phone.dial_typed()
        qtbot.wait(100)  # the dial guard's read comes back; the row's write is queued behind
        assert card_says(window) == PREPARING
        window.session.hang_up()
        assert card_says(window) is None and not window.session.line_taken
    finally:
        writer_busy.set()
    settle(qtbot, window)
    assert rows_of(ui_store, ANSWERING_E164) == 0 and line.calls() == []


def test_a_dial_asked_again_after_a_cancel_is_the_one_made(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, gate: threading.Event
) -> None:
    phone = window.phone
    qtbot.keyClicks(phone.number, ANSWERING_NUMBER)
    in_the_gap(qtbot, window, gate, phone.dial_typed)
    window.session.hang_up()  # cancelled while its row waits at the gate ...
    in_the_gap(qtbot, window, gate, phone.dial_typed)  # ... and asked again: the same number
    assert card_says(window) == PREPARING and not phone.call_button.isEnabled()
    gate.set()
    settle(qtbot, window)
    assert [call.outcome for call in calls(ui_store) if call.phone == ANSWERING_E164] == ["canceled", None]
    assert len(line.calls()) == 1
    current = window.session.current
    assert current is not None and current.record_id == calls(ui_store)[-1].id
    window.session.hang_up()
