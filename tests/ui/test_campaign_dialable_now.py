"""「今かけられる」 shows exactly what auto-call would dial now (issue 14, SPEC §9): the filter's
rows and the calls a run then makes are the same set, whatever holds the others back (attempts
used up, a retry delay, an ending outcome, the do-not-call list, exclusion), and a due callback
lifts a retry delay for both."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from tests.conftest import csv_bytes
from tests.ui.campaign_steps import TOKYO_TZ, cell, shown
from tests.ui.conftest import open_window
from tests.ui.test_autocall_ui import calls, run_clock, start_run

LIVE = 5000


def test_the_filter_and_the_run_agree(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    fair = next(info.id for info in ui_store.lists() if info.name == "展示会")
    more = [f"追加商事{i},追加 {i},03-6000-000{i},製品A" for i in range(4)]
    ui_store.import_csv(fair, csv_bytes(*more), assignee="sato")
    phones = [target.phone for target in ui_store.targets(fair) if target.assignee_login == "sato"]
    used_up, retry, ended, blocked, excluded, once, never, called_back = phones
    ui_store.set_list_rules(
        fair,
        ListRules(max_attempts=2, retry_delays={"busy": timedelta(hours=1), "no_answer": timedelta(0)}),
        by="kanri",
    )

    def call(phone: str, outcome: Outcome) -> None:
        row = ui_store.start_call(phone, Direction.OUTBOUND, user="sato", list_id=fair)
        ui_store.finish_call(row, outcome)

    call(used_up, Outcome.NO_ANSWER)
    call(used_up, Outcome.NO_ANSWER)
    call(retry, Outcome.BUSY)
    call(ended, Outcome.ANSWERED)
    ui_store.add_dnc([blocked], reason="申し出", by="kanri")
    ui_store.set_excluded(fair, [excluded], True)
    call(once, Outcome.NO_ANSWER)
    call(called_back, Outcome.BUSY)
    due = ui_store.history(called_back)[0].started_at + timedelta(seconds=1)  # after its busy call
    ui_store.add_callback(called_back, due_at=due, list_id=fair, by="sato")

    window = open_window(qtbot, ui_store, line, settings)
    qtbot.waitUntil(lambda: datetime.now().astimezone() > due, timeout=LIVE)
    lists = window.lists
    qtbot.mouseClick(lists.dialable_now, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(lists.model) == {once, never, called_back}, timeout=LIVE)
    assert cell(lists.model, called_back, "next_callable").startswith("再架電")
    qtbot.mouseClick(lists.dialable_now, Qt.MouseButton.LeftButton)
    assert cell(lists.model, used_up, "next_callable") == "上限到達"
    assert cell(lists.model, ended, "next_callable") == "完了"
    assert cell(lists.model, blocked, "next_callable") == "発信禁止"
    assert cell(lists.model, excluded, "next_callable") == "対象外"
    assert cell(lists.model, retry, "attempts") == "1" and ":" in cell(lists.model, retry, "next_callable")

    made = len(calls(ui_store))
    start_run(qtbot, window)
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    dialled = [row.phone for row in calls(ui_store)[made:]]
    assert dialled[0] == called_back  # the due callback first
    assert sorted(dialled) == sorted([once, never, called_back])


def test_a_callback_the_customer_called_in_after_is_neither_shown_nor_dialled(
    qtbot: QtBot, ui_store: Store, line: DemoLine, clock: ManualScheduler, settings: Settings
) -> None:
    """The claim of a callback is refused when the number was called since it fell due (an
    incoming call counts): the filter says the same, so it does not offer what the run skips."""
    fair = next(info.id for info in ui_store.lists() if info.name == "展示会")
    phones = [target.phone for target in ui_store.targets(fair) if target.assignee_login == "sato"]
    called_in, waiting = phones[0], phones[1]
    ui_store.set_list_rules(fair, ListRules(retry_delays={"busy": timedelta(hours=1)}), by="kanri")
    for phone in (called_in, waiting):
        row = ui_store.start_call(phone, Direction.OUTBOUND, user="sato", list_id=fair)
        ui_store.finish_call(row, Outcome.BUSY)
    due = max(entry.started_at for entry in ui_store.history(called_in) + ui_store.history(waiting))
    due += timedelta(seconds=1)
    for phone in (called_in, waiting):
        ui_store.add_callback(phone, due_at=due, list_id=fair, by="sato")
    qtbot.waitUntil(lambda: datetime.now().astimezone() > due + timedelta(milliseconds=50), timeout=LIVE)
    incoming = ui_store.start_call(called_in, Direction.INBOUND, user="tanaka")  # after the callback fell due
    ui_store.finish_call(incoming, Outcome.MISSED)

    window = open_window(qtbot, ui_store, line, settings)
    lists = window.lists
    qtbot.mouseClick(lists.dialable_now, Qt.MouseButton.LeftButton)
    rest = set(phones[2:])
    qtbot.waitUntil(lambda: shown(lists.model) == rest | {waiting}, timeout=LIVE)
    qtbot.mouseClick(lists.dialable_now, Qt.MouseButton.LeftButton)

    made = len(calls(ui_store))
    start_run(qtbot, window)
    run_clock(qtbot, clock, lambda: not window.autocall.running)
    dialled = [row.phone for row in calls(ui_store)[made:]]
    assert dialled[0] == waiting and sorted(dialled) == sorted(rest | {waiting})


def test_the_managers_table_plans_at_the_windows_clock(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    """The management table's 次回発信可能 is read at the window's clock, as the operator's: on
    勤労感謝の日 a list that skips holidays can next be called at the next working day's opening."""
    fair = next(info.id for info in ui_store.lists() if info.name == "展示会")
    ui_store.set_list_rules(fair, ListRules(hours=(time(9), time(18)), days=frozenset(range(5))), by="kanri")
    holiday = datetime(2026, 11, 23, 10, 0, tzinfo=TOKYO_TZ)
    window = MainWindow(ui_store, line, ui_store.user("kanri"), settings, clock=lambda: holiday)
    qtbot.addWidget(window)
    window.show()
    management = window.management
    assert management is not None
    qtbot.waitUntil(lambda: management.model.total_count() > 0, timeout=LIVE)
    plans = [getattr(management.model.row_of_key(t.phone), "plan", None) for t in ui_store.targets(fair)]
    assert plans and None not in plans
    opening = datetime(2026, 11, 24, 9, 0, tzinfo=TOKYO_TZ)
    assert {plan.next_at for plan in plans if plan is not None} == {opening}
