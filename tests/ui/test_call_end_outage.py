"""A call's end when the store cannot take it (issue 16 item 9, in the window), on real timers.

The store refuses ``finish_call`` a few times, as a PostgreSQL server that is restarting would:
the phone is free at once, the status bar says the end is not saved yet, nothing is lost (the
row is finished with its outcome once the store is back), no dialog appears, and an auto-call
run waits (データ待ち) and goes on by itself.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import settle
from tests.ui.test_autocall_ui import autocall_window, calls, run_clock, start_run
from tests.ui.test_operator_phone import BUSY_NUMBER, dial_typed


class Outage:
    """Makes ``store.finish_call`` fail ``times`` times, then work again."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch, times: int) -> None:
        self.left = times
        self.refused = 0
        real = store.finish_call

        def finish_call(*args: Any, **kwargs: Any) -> Any:
            if self.left > 0:
                self.left -= 1
                self.refused += 1
                raise OperationalError("UPDATE calls ...", {}, Exception("server closed the connection unexpectedly"))
            return real(*args, **kwargs)

        monkeypatch.setattr(store, "finish_call", finish_call)


def no_dialog() -> bool:
    return not any(isinstance(widget, QMessageBox) and widget.isVisible() for widget in QApplication.topLevelWidgets())


def test_a_hand_call_whose_end_the_store_refuses_is_written_once_it_is_back(
    qtbot: QtBot, window: MainWindow, ui_store: Store, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    outage = Outage(ui_store, monkeypatch, times=2)
    dial_typed(qtbot, window, BUSY_NUMBER)
    run_clock(qtbot, clock, lambda: window.session.current is None)
    assert not window.session.busy  # the phone is free at once
    # The end is written on the store's writer; its refusal reaches the window a moment later.
    qtbot.waitUntil(lambda: outage.refused >= 1 and "保存できません" in window.statusBar().currentMessage(), timeout=5000)
    assert outage.refused == 1 and "保存できません" in window.statusBar().currentMessage()
    assert calls(ui_store)[-1].outcome is None  # not written yet, and not lost either
    qtbot.waitUntil(lambda: calls(ui_store)[-1].outcome == Outcome.BUSY, timeout=10_000)  # retried every second
    assert outage.refused == 2 and calls(ui_store)[-1].ended_at is not None
    qtbot.waitUntil(lambda: window.phone.ended_text() == "話中でした", timeout=2000)  # the card says it once written
    assert no_dialog()


def test_an_auto_call_run_waits_for_the_store_and_goes_on_by_itself(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    window = autocall_window(qtbot, ui_store, line, settings)
    before = len(calls(ui_store))
    outage = Outage(ui_store, monkeypatch, times=3)
    start_run(qtbot, window)
    bar = window.autocall_side.bar
    run_clock(qtbot, clock, lambda: outage.refused >= 1)
    qtbot.waitUntil(lambda: bar.state.text() == "データ待ち", timeout=5000)
    assert "server closed the connection" in bar.message.text()
    # The store comes back by itself: the first call's end is written and the run goes on to the next.
    qtbot.waitUntil(lambda: outage.left == 0 and calls(ui_store)[before].outcome is not None, timeout=10_000)
    run_clock(qtbot, clock, lambda: len(calls(ui_store)) >= before + 2)
    qtbot.waitUntil(lambda: bar.state.text() != "データ待ち", timeout=5000)  # the run's news reaches the bar after the row
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    qtbot.waitUntil(lambda: all(call.outcome is not None for call in calls(ui_store)), timeout=5000)
    assert no_dialog()


def test_an_incoming_call_the_store_cannot_record_yet_still_rings_and_is_written_once_it_is_back(
    qtbot: QtBot, window: MainWindow, ui_store: Store, line: DemoLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused: list[str] = []
    real = ui_store.start_call

    def start_call(*args: Any, **kwargs: Any) -> Any:
        if len(refused) < 2:
            refused.append(args[0])
            raise OperationalError("INSERT INTO calls ...", {}, Exception("server closed the connection unexpectedly"))
        return real(*args, **kwargs)

    monkeypatch.setattr(ui_store, "start_call", start_call)
    before = len(calls(ui_store))
    line.simulate_incoming("03-1234-5678")
    qtbot.waitUntil(lambda: window.session.current is not None, timeout=2000)
    settle(qtbot, window)  # who calls: read off the GUI thread
    current = window.session.current
    assert current is not None and current.state == "incoming"  # the call is not lost
    assert window.phone.who.text() == "長田 翔" and window.phone.answer_button.isVisibleTo(window)
    assert len(calls(ui_store)) == before and no_dialog()  # not written yet
    qtbot.mouseClick(window.phone.answer_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.session.current is not None and window.session.current.state == "talking", timeout=2000)
    window.session.hang_up()
    # The row is written once the store takes it (retried every second), then its end, in order.
    qtbot.waitUntil(lambda: len(calls(ui_store)) == before + 1 and calls(ui_store)[-1].outcome is not None, timeout=10_000)
    written = calls(ui_store)[-1]
    assert refused == ["+81312345678", "+81312345678"]
    assert written.phone == "+81312345678" and written.direction == "inbound"
    assert written.outcome == Outcome.ANSWERED and no_dialog()
