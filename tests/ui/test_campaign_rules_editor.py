"""発信ルール… in the real window (issue 14, SPEC §9): a manager edits the rules of the list chosen
on the management tab; the store holds them, the management table's 発信回数 / 次回発信可能
follow, and so does an operator's 「今かけられる」 filter in another window (live updates).
Bad input says what is wrong and saves nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot

from calllist_desktop.core.campaign_rules import ALL_DAYS, ListRules
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.rules_dialog import RulesDialog
from calllist_desktop.ui.main_window import MainWindow
from tests.ui.campaign_steps import (
    MOBILE,
    NAGOYA,
    OSAKA,
    SATO_PHONES,
    TOKYO,
    TOKYO_TZ,
    cell,
    choose_managed_list,
    closed,
    japanese_messages,  # noqa: F401 - a fixture
    manager_window,
    own_settings,
    shown,
    tokyo_day,
)
from tests.ui.conftest import open_window, settle

LIVE = 5000  # ms for another window to follow (live updates poll four times a second)
pytestmark = pytest.mark.usefixtures("japanese_messages")


@pytest.fixture
def fair(ui_store: Store) -> int:
    """展示会, where sato has called 03-1234-5678 (no answer) and 06-1234-5678 (busy) once each."""
    list_id = next(info.id for info in ui_store.lists() if info.name == "展示会")
    for phone, outcome in ((TOKYO, Outcome.NO_ANSWER), (OSAKA, Outcome.BUSY)):
        call = ui_store.start_call(phone, Direction.OUTBOUND, user="sato", list_id=list_id)
        ui_store.finish_call(call, outcome)
    return list_id


def open_rules_dialog(qtbot: QtBot, window: MainWindow, list_id: int) -> RulesDialog:
    """管理 → 発信ルール… with ``list_id`` chosen on the management tab."""
    choose_managed_list(qtbot, window, list_id)
    window.commands["rules"].trigger()
    settle(qtbot, window)  # the list's rules are read, then the dialog opens
    dialog = window.campaign.rules_dialog
    assert isinstance(dialog, RulesDialog) and dialog.isVisible()
    assert "展示会" in dialog.windowTitle()
    return dialog


def type_number(qtbot: QtBot, spin: object, text: str) -> None:
    """Select what a spin box holds and type ``text`` over it."""
    from PySide6.QtWidgets import QAbstractSpinBox

    assert isinstance(spin, QAbstractSpinBox)
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def save(qtbot: QtBot, dialog: RulesDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def next_text(moment: datetime) -> str:
    """How 次回発信可能 writes a moment on another day (local time)."""
    return moment.astimezone().strftime("%m/%d %H:%M")


def next_day_at_nine(weekday: int) -> datetime:
    """The next ``weekday`` after today, 09:00 in Tokyo (never today: the tests pick another day)."""
    today = datetime.now(TOKYO_TZ).date()
    ahead = (weekday - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=ahead), time(9), TOKYO_TZ)


def test_rules_saved_in_the_editor_change_the_store_the_columns_and_the_operators_filter(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, fair: int
) -> None:
    operator = open_window(qtbot, ui_store, line, own_settings(tmp_path, "sato"))
    lists = operator.lists
    qtbot.mouseClick(lists.dialable_now, Qt.MouseButton.LeftButton)
    assert lists.dialable_now.isChecked()
    qtbot.waitUntil(lambda: shown(lists.model) == set(SATO_PHONES), timeout=LIVE)  # no rules: every one

    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    table = manager.management.model  # type: ignore[union-attr]
    dialog = open_rules_dialog(qtbot, manager, fair)
    assert dialog.max_attempts.value() == 0 and not dialog.hours_box.isChecked()  # the defaults

    # Two attempts at most; 2 hours after no answer; 09:00-20:00 on one day that is neither
    # today nor tomorrow in Tokyo; public holidays called too.
    day = (tokyo_day() + 2) % 7
    type_number(qtbot, dialog.max_attempts, "2")
    retry = dialog.retry[Outcome.NO_ANSWER]
    type_number(qtbot, retry.amount, "2")
    retry.unit.setCurrentIndex(retry.unit.findData("h"))
    dialog.hours_box.setChecked(True)
    dialog.start.setTime(QTime(9, 0))
    dialog.end.setTime(QTime(20, 0))
    for index, box in enumerate(dialog.days):
        if box.isChecked() != (index == day):
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    if dialog.holidays.isChecked():
        qtbot.mouseClick(dialog.holidays, Qt.MouseButton.LeftButton)
    save(qtbot, dialog)

    wanted = ListRules(
        max_attempts=2,
        retry_delays={"no_answer": timedelta(hours=2)},
        hours=(time(9), time(20)),
        days=frozenset({day}),
        call_on_holidays=True,
    )
    qtbot.waitUntil(lambda: ui_store.list_rules(fair) == wanted, timeout=LIVE)
    qtbot.waitUntil(lambda: closed(dialog), timeout=LIVE)
    assert "発信ルールを保存しました" in manager.statusBar().currentMessage()

    opens = next_text(next_day_at_nine(day))
    qtbot.waitUntil(lambda: cell(table, MOBILE, "next_callable") == opens, timeout=LIVE)
    assert cell(table, TOKYO, "attempts") == "1" and cell(table, MOBILE, "attempts") == "0"
    assert cell(table, TOKYO, "next_callable") == opens  # the 2 hours end long before that day opens
    # The operator's window follows without a restart: nothing can be called now.
    qtbot.waitUntil(lambda: shown(lists.model) == set(), timeout=LIVE)
    assert cell(lists.model, TOKYO, "next_callable") == ""  # (filtered out)

    # Again: the editor shows what is stored; one attempt at most, any time.
    dialog = open_rules_dialog(qtbot, manager, fair)
    assert dialog.max_attempts.value() == 2 and dialog.hours_box.isChecked()
    assert retry is not dialog.retry[Outcome.NO_ANSWER]
    assert dialog.retry[Outcome.NO_ANSWER].delay() == timedelta(hours=2)
    assert [box.isChecked() for box in dialog.days] == [index == day for index in range(7)]
    assert not dialog.holidays.isChecked()
    type_number(qtbot, dialog.max_attempts, "1")
    dialog.hours_box.setChecked(False)
    save(qtbot, dialog)
    wanted = ListRules(max_attempts=1, retry_delays={"no_answer": timedelta(hours=2)}, call_on_holidays=True)
    qtbot.waitUntil(lambda: ui_store.list_rules(fair) == wanted, timeout=LIVE)
    assert ui_store.list_rules(fair).days == ALL_DAYS and ui_store.list_rules(fair).hours is None
    qtbot.waitUntil(lambda: cell(table, MOBILE, "next_callable") == "今すぐ", timeout=LIVE)
    assert (
        cell(table, TOKYO, "next_callable") == "上限到達"
        and cell(table, OSAKA, "next_callable") == "上限到達"
    )
    qtbot.waitUntil(lambda: shown(lists.model) == {MOBILE, NAGOYA}, timeout=LIVE)
    qtbot.mouseClick(lists.dialable_now, Qt.MouseButton.LeftButton)  # off: every target again
    assert shown(lists.model) == set(SATO_PHONES)
    assert (
        cell(lists.model, OSAKA, "next_callable") == "上限到達"
        and cell(lists.model, OSAKA, "attempts") == "1"
    )


def test_hours_that_end_before_they_start_and_no_day_are_refused_and_nothing_is_saved(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, fair: int
) -> None:
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    dialog = open_rules_dialog(qtbot, manager, fair)
    type_number(qtbot, dialog.max_attempts, "3")
    dialog.hours_box.setChecked(True)
    dialog.start.setTime(QTime(18, 0))
    dialog.end.setTime(QTime(9, 0))
    for box in dialog.days:
        if box.isChecked():
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    save(qtbot, dialog)
    assert dialog.isVisible()
    said = dialog.error.text()
    assert "終了は開始より後" in said and "曜日を1つ以上" in said and dialog.error.isVisible()
    assert ui_store.list_rules(fair) == ListRules()  # nothing saved

    dialog.start.setTime(QTime(9, 0))  # same start and end: still no hours at all
    save(qtbot, dialog)
    assert dialog.isVisible() and "終了は開始より後" in dialog.error.text()
    assert ui_store.list_rules(fair) == ListRules()

    # Typed letters are no number: the field keeps what it had, and the rest still saves.
    type_number(qtbot, dialog.retry[Outcome.BUSY].amount, "abc")
    assert dialog.retry[Outcome.BUSY].delay() is None
    dialog.end.setTime(QTime(17, 30))
    qtbot.mouseClick(dialog.days[0], Qt.MouseButton.LeftButton)  # Monday
    assert dialog.max_attempts.value() == 3  # what was typed is still there
    save(qtbot, dialog)
    wanted = ListRules(max_attempts=3, hours=(time(9), time(17, 30)), days=frozenset({0}))
    qtbot.waitUntil(lambda: ui_store.list_rules(fair) == wanted, timeout=LIVE)
    qtbot.waitUntil(lambda: closed(dialog), timeout=LIVE)  # (closed once the write is delivered)
    assert ui_store.list_rules(fair).hours_text() == "09:00-17:30 mon"


def test_a_retry_delay_beyond_a_year_is_refused_with_the_reason(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, fair: int
) -> None:
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    dialog = open_rules_dialog(qtbot, manager, fair)
    retry = dialog.retry[Outcome.BUSY]
    type_number(qtbot, retry.amount, "999")
    retry.unit.setCurrentIndex(retry.unit.findData("d"))
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "365" in dialog.error.text() and "再発信間隔" in dialog.error.text()
    assert ui_store.list_rules(fair) == ListRules()
    type_number(qtbot, retry.amount, "365")
    save(qtbot, dialog)
    qtbot.waitUntil(
        lambda: ui_store.list_rules(fair).retry_delays == {"busy": timedelta(days=365)}, timeout=LIVE
    )


@pytest.mark.parametrize(
    "stored",
    [
        ListRules(days=frozenset(range(5))),  # weekdays at any hour (`calllist lists rules --days mon-fri`)
        ListRules(max_attempts=4, hours=(time(8, 30), time(21)), call_on_holidays=True),
        ListRules(
            retry_delays={"rejected": timedelta(days=2)}, ending_outcomes=frozenset({"answered", "missed"})
        ),
    ],
)
def test_rules_opened_and_saved_unchanged_stay_as_they_were(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, fair: int, stored: ListRules
) -> None:
    """Rules set elsewhere (the CLI) that the dialog shows in its own terms come back unchanged."""
    ui_store.set_list_rules(fair, stored, by="kanri")
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    dialog = open_rules_dialog(qtbot, manager, fair)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: closed(dialog), timeout=LIVE)
    assert ui_store.list_rules(fair) == stored


def test_a_window_closed_while_the_new_plans_are_read_takes_no_harm(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, fair: int
) -> None:
    """Saving rules re-reads every target's plan off the GUI thread; the window may be gone when
    the answer comes (closed, or replaced by ユーザーを切り替え): the answer is dropped."""
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    dialog = open_rules_dialog(qtbot, manager, fair)
    type_number(qtbot, dialog.max_attempts, "5")
    save(qtbot, dialog)
    manager.close()  # as ユーザーを切り替え does (ui.app): closed, off the line, deleted
    manager.session.bridge.detach()
    manager.deleteLater()  # before the plans' read has answered
    qtbot.wait(300)  # the read answers now: an exception here fails the test (pytest-qt)
    assert ui_store.list_rules(fair).max_attempts == 5


def test_weekdays_at_any_hour_can_be_set(
    qtbot: QtBot, ui_store: Store, line: DemoLine, tmp_path: Path, fair: int
) -> None:
    manager = manager_window(qtbot, ui_store, line, own_settings(tmp_path, "kanri"))
    dialog = open_rules_dialog(qtbot, manager, fair)
    dialog.hours_box.setChecked(True)
    assert dialog.limit_hours.isChecked() and dialog.start.isEnabled()
    qtbot.mouseClick(dialog.limit_hours, Qt.MouseButton.LeftButton)
    assert not dialog.start.isEnabled() and not dialog.end.isEnabled()
    dialog.end.setTime(QTime(8, 0))  # (not used: no message about it)
    for box in dialog.days[5:]:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: closed(dialog), timeout=LIVE)
    assert ui_store.list_rules(fair) == ListRules(days=frozenset(range(5)))
    assert ui_store.list_rules(fair).hours_text() == "mon-fri"
