"""The campaign rules in auto-call in the real window on real timers (issue 14): the window's
QtScheduler, the demo line on its own threads, claims and rules in the store. The engine's own
tests run on a manual clock; these check the same rules where they run for real.

- The calling hours end during a call: the run pauses once the call is over, before the next
  claim, and the bar names the hours; at the next opening it goes on. What time it is comes from
  the window's clock (``MainWindow(clock=...)``, the one production reads the time through): it
  is set to 19:59:59 and then 20:00:00 in Tokyo while the timers stay real.
- A callback that falls due during a call is the run's next call, ahead of the targets in order.
- 今かけられる is read on the window's clock too: on a Japanese public holiday (勤労感謝の日) a
  list that skips holidays shows nothing and a run pauses naming the holiday; one that calls on
  holidays shows exactly what a run then dials.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from calllist_desktop.core.autocall import PauseReason, RunState
from calllist_desktop.core.campaign_rules import ALL_DAYS, ListRules
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine, DemoTimings
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.ui.campaign_steps import TOKYO_TZ, japanese_messages  # noqa: F401 - a fixture
from tests.ui.conftest import settle
from tests.ui.test_autocall_real_timers import claims_left, message_boxes, real_window, state_is
from tests.ui.test_autocall_ui import calls, start_run

RUN = 30_000  # ms a few calls may take on a loaded machine (no speed is asserted)
TIMINGS = DemoTimings(register=0.05, ring_after=(0.1, 0.1), answer_after=(0.3, 0.3), talk=(1.5, 1.5))


@pytest.fixture
def real_line() -> Iterator[DemoLine]:
    """The demo line on real time, everyone answering after a short ring."""
    line = DemoLine(seed=3, answer_rate=1.0, ring_timeout=10.0, timings=TIMINGS)
    line.start()
    yield line
    line.stop()


class SetClock:
    """A clock the test sets (aware); the window reads it for the lists' rules."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


LABOUR_THANKSGIVING = datetime(2026, 11, 23, 10, 0, tzinfo=TOKYO_TZ)  # 勤労感謝の日, a Monday
WEEKDAYS = ALL_DAYS - {5, 6}


def fair_of(store: Store) -> int:
    return next(info.id for info in store.lists() if info.name == "展示会")


def a_weekday() -> date:
    """A Wednesday that is no Japanese public holiday (2026-12-09)."""
    return date(2026, 12, 9)


def test_the_run_pauses_when_the_calling_hours_end_and_goes_on_when_they_open(
    qtbot: QtBot, ui_store: Store, real_line: DemoLine, settings: Settings
) -> None:
    fair = fair_of(ui_store)
    ui_store.set_list_rules(fair, ListRules(hours=(time(9), time(20)), days=ALL_DAYS - {5, 6}), by="kanri")
    day = a_weekday()
    clock = SetClock(datetime.combine(day, time(19, 59, 59), TOKYO_TZ))
    window = real_window(qtbot, ui_store, real_line, settings, clock=clock)
    order = [row.phone for row in window.lists.targets_in_view_order()]
    start_run(qtbot, window)

    # The first call is claimed at 19:59:59; while it is talked through, 20:00 comes.
    qtbot.waitUntil(state_is(window, RunState.TALKING), timeout=RUN)
    clock.moment = datetime.combine(day, time(20, 0), TOKYO_TZ)
    qtbot.waitUntil(state_is(window, RunState.PAUSED), timeout=RUN)
    engine = window.autocall.engine
    assert engine is not None
    progress = engine.progress()
    assert progress.pause_reason is PauseReason.OUTSIDE_HOURS
    assert "09:00-20:00" in progress.message
    bar = window.autocall_side.bar
    assert "発信可能時間 (09:00-20:00 mon-fri) の外です" in bar.message.text() and bar.message.isVisible()
    assert [row.phone for row in calls(ui_store)] == [order[0]]
    assert calls(ui_store)[0].ended_at is not None
    assert claims_left(ui_store) == 0 and not window.session.busy

    # Resumed too early (Saturday 10:00 is no calling day): it pauses again, no call.
    clock.moment = datetime.combine(day + timedelta(days=3), time(10), TOKYO_TZ)
    window.commands["autocall_pause"].trigger()
    settle(qtbot, window)  # the resume reaches the run on the writer: paused it says so again, not before
    qtbot.waitUntil(state_is(window, RunState.PAUSED), timeout=RUN)
    assert len(calls(ui_store)) == 1
    assert engine.progress().pause_reason is PauseReason.OUTSIDE_HOURS

    # Monday 09:00:00 sharp: the run goes on with the next target in order.
    clock.moment = datetime.combine(day + timedelta(days=5), time(9), TOKYO_TZ)
    window.commands["autocall_pause"].trigger()
    qtbot.waitUntil(lambda: len(calls(ui_store)) == 2, timeout=RUN)
    assert calls(ui_store)[1].phone == order[1]
    window.commands["autocall_stop"].trigger()
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    assert claims_left(ui_store) == 0
    assert message_boxes() == []


def test_a_callback_that_falls_due_during_a_call_is_the_next_call(
    qtbot: QtBot, ui_store: Store, real_line: DemoLine, settings: Settings
) -> None:
    fair = fair_of(ui_store)
    window = real_window(qtbot, ui_store, real_line, settings)  # the real clock
    order = [row.phone for row in window.lists.targets_in_view_order()]
    last = order[-1]
    start_run(qtbot, window)

    qtbot.waitUntil(state_is(window, RunState.TALKING), timeout=RUN)
    due = datetime.now().astimezone() + timedelta(seconds=0.5)  # due before this call can end
    ui_store.add_callback(last, due_at=due, list_id=fair, to="sato", by="kanri", note="午後に")
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)

    dialled = [row.phone for row in calls(ui_store)]
    assert dialled == [order[0], last, *order[1:-1]]  # the callback first, and not twice
    callback = ui_store.callbacks(include_done=True)[0]
    assert callback.done_at is not None  # its call answered it
    assert all(row.ended_at is not None for row in calls(ui_store))
    assert claims_left(ui_store) == 0
    assert message_boxes() == []


def test_a_callback_due_while_the_run_is_paused_is_said_and_dialled_first_on_resume(
    qtbot: QtBot, ui_store: Store, real_line: DemoLine, settings: Settings
) -> None:
    fair = fair_of(ui_store)
    window = real_window(qtbot, ui_store, real_line, settings)
    order = [row.phone for row in window.lists.targets_in_view_order()]
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.TALKING), timeout=RUN)
    window.commands["autocall_pause"].trigger()  # after this call
    qtbot.waitUntil(state_is(window, RunState.PAUSED), timeout=RUN)

    ui_store.add_callback(order[-1], due_at=datetime.now().astimezone(), list_id=fair, to="sato", by="kanri")
    notice = window.campaign.notice
    # said while paused (live updates): the card, or its chip where the phone has no room for it
    qtbot.waitUntil(lambda: notice.isVisible() or notice.chip.isVisible(), timeout=RUN)
    assert len(calls(ui_store)) == 1

    window.commands["autocall_pause"].trigger()  # 再開
    qtbot.waitUntil(lambda: len(calls(ui_store)) == 2, timeout=RUN)
    assert calls(ui_store)[1].phone == order[-1]
    qtbot.waitUntil(
        lambda: not notice.isVisible() and not notice.chip.isVisible(), timeout=RUN
    )  # its call answered it
    window.commands["autocall_stop"].trigger()
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    assert claims_left(ui_store) == 0 and message_boxes() == []


def dialable_rows(qtbot: QtBot, window: MainWindow) -> list[str]:
    """Tick 今かけられる (again) and wait for the plans read at the window's clock; the phones shown."""
    panel = window.lists
    panel.dialable_now.setChecked(False)
    with qtbot.waitSignal(panel.controller.plans_reread, timeout=RUN):
        panel.dialable_now.setChecked(True)
    return [row.phone for row in panel.targets_in_view_order()]


def holiday_window(
    qtbot: QtBot, store: Store, line: DemoLine, settings: Settings, *, call_on_holidays: bool
) -> MainWindow:
    """sato's window on 勤労感謝の日 10:00, 展示会 calling 09:00-18:00 on weekdays."""
    rules = ListRules(hours=(time(9), time(18)), days=WEEKDAYS, call_on_holidays=call_on_holidays)
    store.set_list_rules(fair_of(store), rules, by="kanri")
    return real_window(qtbot, store, line, settings, clock=SetClock(LABOUR_THANKSGIVING))


@pytest.mark.usefixtures("japanese_messages")  # the window speaks Japanese: its holiday names too
def test_on_a_holiday_the_list_skips_the_filter_shows_nothing_and_a_run_pauses_naming_it(
    qtbot: QtBot, ui_store: Store, real_line: DemoLine, settings: Settings
) -> None:
    window = holiday_window(qtbot, ui_store, real_line, settings, call_on_holidays=False)
    everyone = [row.phone for row in window.lists.targets_in_view_order()]
    assert everyone  # the list has sato's targets

    assert dialable_rows(qtbot, window) == []
    # each one's next callable time is the next working day's opening, not by the real clock
    model = window.lists.model
    plans = [getattr(model.row_of_key(phone), "plan", None) for phone in everyone]
    assert {plan.next_at for plan in plans if plan is not None} == {
        datetime(2026, 11, 24, 9, 0, tzinfo=TOKYO_TZ)
    }
    assert None not in plans

    window.lists.dialable_now.setChecked(False)
    start_run(qtbot, window)
    qtbot.waitUntil(state_is(window, RunState.PAUSED), timeout=RUN)
    engine = window.autocall.engine
    assert engine is not None
    progress = engine.progress()
    assert progress.pause_reason is PauseReason.OUTSIDE_HOURS
    assert progress.holiday == LABOUR_THANKSGIVING.date()
    bar = window.autocall_side.bar
    assert "祝日 (勤労感謝の日)" in bar.message.text() and bar.message.isVisible()
    window.commands["lang_en"].trigger()  # the pause says it again in English, the holiday's name too
    qtbot.waitUntil(lambda: "public holiday (Labor Thanksgiving Day)" in bar.message.text(), timeout=RUN)
    assert "勤労感謝の日" not in bar.message.text()
    window.commands["lang_ja"].trigger()
    qtbot.waitUntil(lambda: "祝日 (勤労感謝の日)" in bar.message.text(), timeout=RUN)
    assert calls(ui_store) == []
    window.commands["autocall_stop"].trigger()
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN)
    assert claims_left(ui_store) == 0 and message_boxes() == []


def test_on_a_holiday_the_list_calls_on_the_filter_shows_exactly_what_a_run_dials(
    qtbot: QtBot, ui_store: Store, real_line: DemoLine, settings: Settings
) -> None:
    window = holiday_window(qtbot, ui_store, real_line, settings, call_on_holidays=True)
    everyone = [row.phone for row in window.lists.targets_in_view_order()]
    blocked = everyone[1]
    ui_store.add_dnc([blocked], reason="苦情", by="kanri")  # one number auto-call must not dial

    shown = dialable_rows(qtbot, window)
    assert shown == [phone for phone in everyone if phone != blocked]

    start_run(qtbot, window)  # (from the filtered view: what it shows)
    qtbot.waitUntil(lambda: not window.autocall.running, timeout=RUN * 3)
    dialled = [row.phone for row in calls(ui_store)]
    assert sorted(dialled) == sorted(shown)
    assert claims_left(ui_store) == 0 and message_boxes() == []
