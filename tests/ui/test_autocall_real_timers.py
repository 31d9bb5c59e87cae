"""Auto-call in the real window on real timers: the window's QtScheduler, the demo line on its own
threads, claims in the store (issue 13).

The engine's own tests run on a manual clock; the claim-renewal timer broke only here, on the
QtScheduler, once a call outlived a renewal. So these runs renew every 0.2 s during calls of a
couple of seconds, and go through pause, skip, stop, the wrap-up and injected errors. After each,
the store holds no claim, and no exception reached Qt (pytest-qt fails a test on one: that is the
error dialog of the program) nor did any message box open.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from calllist_desktop.core.autocall import AutoCallOptions, PauseReason, RunState
from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.line import Line
from calllist_desktop.store.models import TargetClaim
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine, DemoTimings
from calllist_desktop.ui import autocall_bar
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LANGUAGE, WRAP_UP, Settings
from calllist_desktop.ui.settings_pages import CallsPage
from tests.conftest import csv_bytes
from tests.ui.conftest import settle
from tests.ui.test_autocall_ui import calls, start_run

RUN = 30_000  # ms a run of a few calls may take on a loaded machine (no speed is asserted)
QUICK = DemoTimings(
    register=0.05,
    ring_after=(0.1, 0.1),
    answer_after=(1.2, 1.2),  # rings long enough to be skipped
    talk=(1.6, 1.6),  # talks through several renewals
)
OPTIONS = AutoCallOptions(claim_ttl=1.0, claim_renewal=0.2)
"""A claim lives 1 s: a call of ~2.5 s keeps its claim only if renewals happen."""


@pytest.fixture
def store(ui_store: Store) -> Store:
    """sato's four targets of 展示会 and four more: eight calls in a run."""
    fair = next(info for info in ui_store.lists() if info.name == "展示会")
    more = [f"追加商事{i},追加 {i},03-6000-000{i},製品A" for i in range(4)]
    ui_store.import_csv(fair.id, csv_bytes(*more), assignee="sato")
    return ui_store


@pytest.fixture
def real_line() -> Iterator[DemoLine]:
    """The demo line on real time (its own timer threads), everyone answering."""
    line = DemoLine(seed=7, answer_rate=1.0, ring_timeout=10.0, timings=QUICK)
    line.start()
    yield line
    line.stop()


@pytest.fixture
def renewals(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The phones whose claims were renewed, in order (the store's own renewal still runs)."""
    seen: list[str] = []
    renew = store.renew_claim

    def counting(list_id: int, phone: str, **kwargs: Any) -> bool:
        seen.append(phone)
        return renew(list_id, phone, **kwargs)

    monkeypatch.setattr(store, "renew_claim", counting)
    return seen


def real_window(
    qtbot: QtBot,
    store: Store,
    line: Line,
    settings: Settings,
    options: AutoCallOptions | None = OPTIONS,
    clock: Callable[[], datetime] | None = None,
) -> MainWindow:
    """sato's window on ``line`` (claims: the store's); ``clock``: the window's for the list rules."""
    window = MainWindow(store, line, store.user("sato"), settings, autocall_options=options, clock=clock)
    qtbot.addWidget(window, before_close_func=lambda w: (w.autocall.stop(), w.session.hang_up()))
    with qtbot.waitSignal(window.lists.loaded, timeout=5000):
        window.show()
    qtbot.waitUntil(lambda: line.registration.value == "registered", timeout=5000)
    return window


def claims_left(store: Store) -> int:
    with store.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(TargetClaim)) or 0)


def message_boxes() -> list[QMessageBox]:
    return [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, QMessageBox) and widget.isVisible()]


def type_in(widget: QWidget, text: str) -> None:
    """Type as a Japanese input method does: the converted text is committed at once."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def state_is(window: MainWindow, *states: RunState) -> Callable[[], bool]:
    progress = lambda: window.autocall.last_progress  # noqa: E731 - what the window was told
    return lambda: progress() is not None and progress().state in states  # type: ignore[union-attr]


def test_a_run_of_answered_calls_renews_each_claim_and_leaves_none(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings, renewals: list[str]
) -> None:
    window = real_window(qtbot, store, real_line, settings)
    shown = [row.phone for row in window.lists.targets_in_view_order()]
    question = start_run(qtbot, window)
    assert "展示会" in question and "8 件" in question
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    settle(qtbot, window)  # the run's last writes (a note) are made

    rows = calls(store)
    assert [row.phone for row in rows] == shown
    assert all(row.outcome == "answered" and row.ended_at is not None for row in rows)
    assert set(renewals) == set(shown)  # every call outlived at least one renewal
    assert claims_left(store) == 0
    assert window.autocall_side.bar.state.text() == "終了"
    assert message_boxes() == []


def test_pause_skip_and_stop_during_calls(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings, renewals: list[str]
) -> None:
    window = real_window(qtbot, store, real_line, settings)
    bar = window.autocall_side.bar
    pause = window.commands["autocall_pause"]
    start_run(qtbot, window)

    # Pause during a call: said at once, the button stays pressed; pressed again, taken back.
    qtbot.waitUntil(state_is(window, RunState.TALKING), timeout=RUN)
    qtbot.mouseClick(bar.buttons["autocall_pause"], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert "この通話の後で一時停止" in bar.message.text() and bar.message.isVisible()
    assert pause.isChecked() and bar.buttons["autocall_pause"].isChecked()
    assert window.autocall.engine is not None and window.autocall.engine.state is RunState.TALKING
    pause.trigger()
    settle(qtbot, window)
    assert not pause.isChecked() and not bar.message.isVisible()
    pause.trigger()
    settle(qtbot, window)
    assert pause.isChecked()
    qtbot.waitUntil(state_is(window, RunState.PAUSED), timeout=RUN)
    assert pause.text() == "再開" and not pause.isChecked() and bar.state.text() == "一時停止中"
    assert not bar.message.isVisible()
    assert claims_left(store) == 0 and len(calls(store)) == 1

    # Resume, then skip the next call while it rings: it is canceled and the run goes on.
    pause.trigger()
    settle(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.RINGING), timeout=RUN)
    window.commands["autocall_skip"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: len(calls(store)) == 3, timeout=RUN)
    assert calls(store)[1].outcome == "canceled"

    # Stop during the third call, once it has renewed its claim.
    qtbot.waitUntil(state_is(window, RunState.TALKING), timeout=RUN)
    third = calls(store)[2].phone
    qtbot.waitUntil(lambda: third in renewals, timeout=RUN)
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    settle(qtbot, window)  # the run's last writes (a note) are made
    rows = calls(store)
    assert [row.outcome for row in rows] == ["answered", "canceled", "answered"]
    assert all(row.ended_at is not None for row in rows)
    assert claims_left(store) == 0
    assert not window.session.busy and bar.state.text() == "終了"
    assert message_boxes() == []


def test_an_error_from_the_store_pauses_the_run_and_leaves_no_claim(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a StoreError the session expects: an unexpected error while the second call is placed."""
    window = real_window(qtbot, store, real_line, settings)
    start_call = store.start_call
    started: list[str] = []

    def failing(phone: str, *args: Any, **kwargs: Any) -> int:
        started.append(phone)
        if len(started) == 2:
            raise RuntimeError("disk I/O error")
        return start_call(phone, *args, **kwargs)

    monkeypatch.setattr(store, "start_call", failing)
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.PAUSED), timeout=RUN)
    engine = window.autocall.engine
    assert engine is not None and engine.progress().pause_reason is PauseReason.ERROR
    assert "disk I/O error" in window.autocall_side.bar.message.text()
    assert window.commands["autocall_pause"].text() == "再開"
    assert claims_left(store) == 0
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    assert not window.autocall.running and claims_left(store) == 0
    assert message_boxes() == []


def test_stop_ends_the_run_when_the_line_fails_to_hang_up(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = real_window(qtbot, store, real_line, settings)
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.TALKING), timeout=RUN)
    hang_up = real_line.hang_up
    failures: list[str] = []

    def failing_once(call_id: str) -> None:
        if not failures:
            failures.append(call_id)
            raise RuntimeError("the line's thread is gone")
        hang_up(call_id)

    monkeypatch.setattr(real_line, "hang_up", failing_once)
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    assert failures and not window.autocall.running
    assert claims_left(store) == 0
    window.session.hang_up()  # the call itself is still the operator's to end
    qtbot.waitUntil(lambda: not window.session.busy, timeout=RUN)
    assert message_boxes() == []


def test_a_note_typed_in_the_wrap_up_is_saved_when_its_time_runs_out(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The operator types, then leaves the form: the countdown ends by itself and saves it (typing
    leaves at least TYPING_SECONDS, here 1 s rather than 20 to keep the test short)."""
    monkeypatch.setattr(autocall_bar, "TYPING_SECONDS", 1)
    window = real_window(qtbot, store, real_line, settings, AutoCallOptions(claim_ttl=1.0, claim_renewal=0.2, wrap_up=2))
    bar = window.autocall_side.bar
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.WRAP_UP), timeout=RUN)
    type_in(bar.note, "折り返し希望 15時")
    bar.disposition.setCurrentText("再架電")
    qtbot.waitUntil(lambda: len(calls(store)) == 2, timeout=RUN)  # the countdown ended, the run went on
    first = calls(store)[0]
    assert (first.disposition, first.note) == ("再架電", "折り返し希望 15時")
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    settle(qtbot, window)  # the run's last writes (a note) are made
    assert claims_left(store) == 0


def test_typing_and_extend_give_the_wrap_up_more_time(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings
) -> None:
    window = real_window(qtbot, store, real_line, settings, AutoCallOptions(claim_ttl=1.0, claim_renewal=0.2, wrap_up=1))
    bar = window.autocall_side.bar
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.WRAP_UP), timeout=RUN)
    assert bar.extend_button.isVisible() and bar.extend_button.text() == "延長 (+30 秒)"
    type_in(bar.note, "資料")
    assert bar.seconds_left() > autocall_bar.TYPING_SECONDS - 2  # typing left at least TYPING_SECONDS
    qtbot.mouseClick(bar.extend_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert bar.seconds_left() > autocall_bar.TYPING_SECONDS + 29
    assert "残り" in bar.wrap_up_label.text()
    qtbot.wait(1500)  # past the wrap-up's own second
    assert state_is(window, RunState.WRAP_UP)() and len(calls(store)) == 1
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert calls(store)[0].note == "資料"
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    settle(qtbot, window)  # the run's last writes (a note) are made


def test_the_wrap_up_time_saved_in_settings_applies_to_the_run_going_on(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings
) -> None:
    window = real_window(qtbot, store, real_line, settings, options=None)  # 設定 decides
    settings.set(LANGUAGE, current_language())  # saving the dialog changes no language (it would leak)
    assert settings.get(WRAP_UP) == 0
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.RINGING, RunState.TALKING), timeout=RUN)
    window.open_settings_dialog()
    dialog = window.settings_dialog
    page = dialog.page("callsPage")
    assert isinstance(page, CallsPage)
    page.wrap_up.setValue(45)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert settings.get(WRAP_UP) == 45
    qtbot.waitUntil(state_is(window, RunState.WRAP_UP), timeout=RUN)  # the first call's end
    engine = window.autocall.engine
    assert engine is not None and engine.options.wrap_up == 45
    assert re.search(r"残り 4\d 秒", window.autocall_side.bar.wrap_up_label.text())
    window.commands["autocall_stop"].trigger()
    settle(qtbot, window)
    assert not window.autocall.running and claims_left(store) == 0


def test_the_question_names_the_list_and_counts_from_the_selected_row_and_cancel_starts_nothing(
    qtbot: QtBot, store: Store, real_line: DemoLine, settings: Settings
) -> None:
    window = real_window(qtbot, store, real_line, settings)
    shown = [row.phone for row in window.lists.targets_in_view_order()]
    assert window.lists.table.select_key(shown[5])
    window.commands["autocall_start_here"].trigger()
    settle(qtbot, window)
    box = window.autocall_side.confirmation
    assert box is not None and "展示会" in box.text() and "3 件" in box.text()
    cancel = next(button for button in box.buttons() if button.text() == "キャンセル")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.autocall_side.confirmation is None and window.autocall.engine is None
    assert calls(store) == []
