"""通話 → 回線に再接続, tried as the operator meets it: a phone process that kept stopping and was
given up comes back with one press, without restarting the program; a restart that cannot start
says why; the line is never taken down under a call.

The real window on the real phone process, SIPp answering as the far end.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.line import Registration
from calllist_desktop.store.store import Store
from calllist_desktop.telephony import phone_process
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.phone_process import ProcessLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.conftest import open_window, settle
from tests.ui.test_operator_phone import dial_typed, state_of
from tests.ui.test_phone_window import NUMBER, echo, in_a_call, started

__all__ = ["echo"]  # a fixture, used by name

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="SIPp, and kills processes with POSIX signals"
)


@pytest.fixture
def phone(echo: int) -> Iterator[ProcessLine]:
    """The phone process without sound (the restart is the line's, not the audio path's)."""
    account = SipAccount(registrar=f"127.0.0.1:{echo}", user="sato", register=False,
                         dial_template=f"sip:{{national}}@127.0.0.1:{echo}")  # fmt: skip
    line = ProcessLine(account)
    yield line
    line.stop()


def given_up(qtbot: QtBot, window: MainWindow, line: ProcessLine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kill the phone until the line stops starting it again (once is allowed here)."""
    monkeypatch.setattr(phone_process, "MAX_RESTARTS", 1)
    first = line.process_id
    assert first is not None
    os.kill(first, signal.SIGKILL)
    qtbot.waitUntil(
        lambda: line.registration is Registration.REGISTERED and line.process_id not in (None, first),
        timeout=15000,
    )
    os.kill(line.process_id, signal.SIGKILL)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: "not started again" in line.registration_detail, timeout=15000)
    settle(qtbot, window)


def test_a_phone_given_up_after_it_kept_stopping_comes_back_with_one_press(
    qtbot: QtBot, ui_store: Store, phone: ProcessLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ui_store, phone, settings)
    started(qtbot, window, phone)
    button = window.phone.reconnect_button
    assert not button.isVisibleTo(window), "a line that works offers no reconnect"
    given_up(qtbot, window, phone, monkeypatch)
    assert phone.process_id is None and phone.registration is Registration.FAILED
    assert "登録失敗" in window.phone.line_state.text() or "failed" in window.phone.line_state.text()
    assert button.isVisibleTo(window) and button.isEnabled() and not window.phone.call_button.isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.commands["reconnect"].isEnabled(), "one restart at a time"
    qtbot.waitUntil(lambda: phone.registration is Registration.REGISTERED, timeout=15000)
    qtbot.waitUntil(lambda: window.commands["reconnect"].isEnabled(), timeout=5000)
    settle(qtbot, window)
    assert not button.isVisibleTo(window) and phone.process_id is not None
    dial_typed(qtbot, window, NUMBER)  # and the operator calls again
    qtbot.waitUntil(lambda: state_of(window) == "talking", timeout=10000)
    window.session.hang_up()
    qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)


def test_a_restart_that_cannot_start_the_phone_says_why(
    qtbot: QtBot, ui_store: Store, phone: ProcessLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ui_store, phone, settings)
    started(qtbot, window, phone)
    monkeypatch.setattr(phone_process, "phone_command", lambda: ["/nonexistent/calllist-phone"])
    window.commands["reconnect"].trigger()
    qtbot.waitUntil(lambda: window.commands["reconnect"].isEnabled(), timeout=15000)
    message = window.statusBar().currentMessage()
    assert (
        "回線を開始できません" in message or "Cannot start the line" in message
    ) and "nonexistent" in message
    assert phone.registration is Registration.OFFLINE and window.phone.reconnect_button.isVisibleTo(window)


def test_the_line_is_not_taken_down_under_a_call(
    qtbot: QtBot, ui_store: Store, phone: ProcessLine, settings: Settings
) -> None:
    window = in_a_call(qtbot, ui_store, phone, settings)
    reconnect = window.commands["reconnect"]
    assert not reconnect.isEnabled()
    assert "通話中" in reconnect.toolTip() or "during a call" in reconnect.toolTip()
    pid = phone.process_id
    window.reconnect_line()  # as a stale shortcut or a second window's press would
    settle(qtbot, window)
    assert phone.process_id == pid and state_of(window) == "talking"
    window.session.hang_up()
    qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)
    assert reconnect.isEnabled()
