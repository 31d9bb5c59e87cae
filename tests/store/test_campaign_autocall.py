"""Auto-call under the campaign rules, with the real store as its claims (as the window and the
CLI run it), on SQLite and PostgreSQL: due callbacks first (also one booked while the run is
paused), a do-not-call entry and a callback made by another client change what the run dials
next, calling hours pause the run, ending outcomes hold across runs (issue 14).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from calllist_desktop.core.autocall import (
    AutoCall,
    AutoCallEvent,
    CallCompleted,
    PauseReason,
    RunState,
    SkipReason,
    TargetSkipped,
)
from calllist_desktop.core.campaign_rules import ListRules, is_public_holiday
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.phone import national_digits
from calllist_desktop.core.placer import LineCallPlacer
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine, DemoTimings
from tests.conftest import csv_bytes

TOKYO = ZoneInfo("Asia/Tokyo")


def monday_ahead() -> datetime:
    """10:00 on a Monday that is no Japanese public holiday, at least a day ahead of the real clock.

    The run's clock is the rules' "now", while call rows keep the real time they were written at,
    and a callback counts as due only if its number was not called since it fell due: with a
    fixed Monday (2026-12-07 10:00), the callback test failed from that morning on, the first
    call's real time being later than the callback's due time."""
    day = datetime.now(TOKYO).date() + timedelta(days=1)
    while day.weekday() != 0 or is_public_holiday(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(10), TOKYO)


MONDAY_10 = monday_ahead()
TIMINGS = DemoTimings(
    register=0.1,
    ring_after=(0.5, 0.5),
    answer_after=(2.0, 2.0),
    talk=(10.0, 10.0),
    busy_after=(1.0, 1.0),
    reject_after=(3.0, 3.0),
    invalid_after=(0.3, 0.3),
    fail_after=(0.5, 0.5),
)


def number(index: int, last4: str = "0486") -> str:
    """A Tokyo number the demo line answers by its last four digits (0486 busy, 0200 answered)."""
    return f"+8135{index:03d}{last4}"


@pytest.fixture
def team(store: Store) -> Iterator[tuple[Store, int, list[str]]]:
    store.add_user("sato", autocall=True)
    store.add_user("boss", role="admin")
    info = store.create_list("キャンペーン")
    phones = [number(1), number(2), number(3), number(4, "0200")]
    rows = [f"会社{i},担当{i},{format_phone(p)},x" for i, p in enumerate(phones)]
    assert store.import_csv(info.id, csv_bytes(*rows), assignee="sato").ok
    yield store, info.id, phones


def format_phone(e164: str) -> str:
    return "0" + e164[3:]


class Run:
    """An engine over the store (its claims) on a demo line and a manual clock; ``now`` is the
    run's wall clock for the rules."""

    def __init__(self, store: Store, list_id: int, phones: list[str], now: datetime) -> None:
        self.now = now
        self.clock = ManualScheduler()
        self.line = DemoLine(self.clock, seed=1, ring_timeout=20.0, timings=TIMINGS)
        self.line.start()
        self.clock.advance(1)
        self.placer = LineCallPlacer(self.line, store, "sato", national_digits)
        self.events: list[AutoCallEvent] = []
        self.engine = AutoCall(
            user="sato",
            list_id=list_id,
            phones=phones,
            claims=store,
            placer=self.placer,
            scheduler=self.clock,
            listener=self.events.append,
            clock=lambda: self.now,
        )

    def dialled(self) -> list[str]:
        return [event.result.phone for event in self.events if isinstance(event, CallCompleted)]

    def skipped(self) -> list[tuple[str, SkipReason]]:
        return [(event.phone, event.reason) for event in self.events if isinstance(event, TargetSkipped)]

    def close(self) -> None:
        self.placer.close()


def test_a_due_callback_is_dialled_first(team: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = team
    now = datetime.now(TOKYO)  # the call rows' clock: the call made for the callback marks it done
    store.add_callback(phones[2], list_id=list_id, due_at=now - timedelta(minutes=1), by="sato")
    store.add_callback(phones[3], list_id=list_id, due_at=now + timedelta(hours=1), by="sato")  # not due
    run = Run(store, list_id, phones, now)
    run.engine.start()
    run.clock.run_until_idle()
    assert run.dialled() == [phones[2], phones[0], phones[1], phones[3]]
    assert store.callbacks(due=True, now=now) == []  # the call marked it done
    assert len(store.callbacks(now=now)) == 1  # the one not due yet stays
    run.close()


def test_a_callback_booked_while_the_run_is_paused_goes_first_on_resume(team: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = team
    run = Run(store, list_id, phones, MONDAY_10)
    run.engine.start()
    run.clock.advance(0.1)  # the first call is being dialled
    run.engine.pause()  # after the first call
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED and run.dialled() == [phones[0]]
    store.add_callback(phones[3], list_id=list_id, due_at=MONDAY_10 + timedelta(minutes=5), by="boss", to="sato")
    run.now = MONDAY_10 + timedelta(minutes=5)  # it falls due while paused
    run.engine.resume()
    run.clock.run_until_idle()
    assert run.dialled() == [phones[0], phones[3], phones[1], phones[2]]
    run.close()


def test_another_clients_block_and_callback_change_what_the_run_dials_next(
    team: tuple[Store, int, list[str]], store_url: str
) -> None:
    store, list_id, phones = team
    other = Store.open(store_url)  # the manager's client
    try:
        run = Run(store, list_id, phones, MONDAY_10)
        run.engine.start()
        run.clock.advance(0.1)
        run.engine.pause()
        run.clock.run_until_idle()
        assert run.dialled() == [phones[0]]
        other.add_dnc([phones[1]], reason="申し出", by="boss")
        other.add_callback(phones[0], list_id=list_id, due_at=MONDAY_10, by="boss", anyone=True)
        run.engine.resume()
        run.clock.run_until_idle()
        # The callback brings the first number back before the rest; the blocked one is skipped.
        assert run.dialled() == [phones[0], phones[0], phones[2], phones[3]]
        assert (phones[1], SkipReason.BLOCKED) in run.skipped()
        run.close()
    finally:
        other.close()


def test_outside_the_lists_calling_hours_the_run_pauses_and_goes_on_at_nine(team: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = team
    store.set_list_rules(list_id, ListRules(hours=(time(9), time(18)), days=frozenset(range(5))))
    run = Run(store, list_id, phones, MONDAY_10.replace(hour=8, minute=59, second=59))
    run.engine.start()
    run.clock.run_until_idle()
    progress = run.engine.progress()
    assert progress.state is RunState.PAUSED and progress.pause_reason is PauseReason.OUTSIDE_HOURS
    assert progress.message == "09:00-18:00 mon-fri" and run.dialled() == []
    run.now = MONDAY_10.replace(hour=9)
    run.engine.resume()
    run.clock.run_until_idle()
    assert run.dialled() == phones
    run.close()


def test_ending_outcomes_and_attempts_hold_across_runs(team: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = team
    store.set_list_rules(list_id, ListRules(max_attempts=2))
    for expected in ([*phones], phones[:3], []):
        run = Run(store, list_id, phones, MONDAY_10)
        run.engine.start()
        run.clock.run_until_idle()
        assert run.dialled() == expected
        run.close()
    # The answered one ended after one call, the busy ones after their second.
    plans = store.target_plans(list_id, user="sato", now=MONDAY_10)
    assert [plans[p].attempts for p in phones] == [2, 2, 2, 1]
    assert not any(plan.dialable_now for plan in plans.values())
