"""A property of auto-call under the campaign rules (issue 14), with hypothesis: for random list
rules, random call histories, do-not-call entries, exclusions, other clients' claims, callbacks
and random clocks, a run over the real store (SQLite) dials exactly the targets that an
independent reading of the rules allows — never one they forbid, and none they allow is left out.

The oracle below is written from SPEC §9 directly (``holidays`` and ``zoneinfo`` for the
calendar), not with ``core.campaign_rules``, so a mistake there shows here.
"""

from __future__ import annotations

import tempfile
import time as time_module
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from calllist_desktop.core.autocall import AutoCall, AutoCallEvent, CallCompleted
from calllist_desktop.core.campaign_rules import ALL_DAYS, ListRules
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import national_digits
from calllist_desktop.core.placer import LineCallPlacer
from calllist_desktop.store.models import TargetClaim
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine, DemoTimings
from tests.conftest import _empty_postgres, csv_bytes

TOKYO = ZoneInfo("Asia/Tokyo")
JP_HOLIDAYS = holidays.country_holidays("JP", years=range(2024, 2028))
OUTCOMES = ["answered", "no_answer", "busy", "rejected", "invalid", "failed", "canceled", "interrupted"]
TIMINGS = DemoTimings(
    register=0.1, ring_after=(0.5, 0.5), answer_after=(2.0, 2.0), talk=(5.0, 5.0), busy_after=(1.0, 1.0),
    reject_after=(1.0, 1.0), invalid_after=(0.3, 0.3), fail_after=(0.5, 0.5),
)
SPECIAL_DAYS = [date(2025, 1, 1), date(2025, 5, 5), date(2025, 5, 6), date(2026, 11, 23), date(2026, 9, 22), date(2025, 12, 8)]


@dataclass(frozen=True)
class PastCall:
    outcome: str
    minutes_before: int
    seconds: int


@dataclass(frozen=True)
class TargetCase:
    calls: tuple[PastCall, ...]
    ending_disposition: bool
    excluded: bool
    blocked: bool
    claimed_elsewhere: bool
    callback_minutes: int | None  # due this many minutes before now (negative: after now)
    callback_for_other: bool


hours_strategy = st.one_of(
    st.none(),
    st.sampled_from([(time(9), time(18)), (time(10), time(17, 30))]),  # where the clocks below meet them
    st.tuples(st.integers(0, 22), st.sampled_from([0, 30]), st.integers(1, 10)).map(
        lambda t: (time(t[0], t[1]), time(min(23, t[0] + t[2]), 59 if t[0] + t[2] >= 23 else t[1]))
    ),
)
rules_strategy = st.builds(
    ListRules,
    max_attempts=st.one_of(st.none(), st.integers(1, 4)),
    retry_delays=st.dictionaries(
        st.sampled_from(OUTCOMES),
        st.one_of(st.sampled_from([30, 60]), st.integers(0, 240)).map(lambda m: timedelta(minutes=m)),
        max_size=4,
    ),
    ending_outcomes=st.frozensets(st.sampled_from(OUTCOMES), max_size=4),
    hours=hours_strategy,
    days=st.one_of(st.just(ALL_DAYS), st.frozensets(st.integers(0, 6), min_size=1)),
    call_on_holidays=st.booleans(),
)
target_strategy = st.builds(
    TargetCase,
    calls=st.lists(
        st.builds(
            PastCall,
            st.sampled_from(OUTCOMES),
            st.one_of(st.sampled_from([31, 61]), st.integers(1, 600)),  # with 60 s of talk: a delay ends now
            st.one_of(st.sampled_from([59, 60, 61]), st.integers(0, 120)),
        ),
        max_size=4,
    ).map(tuple),
    ending_disposition=st.booleans(),
    excluded=st.booleans(),
    blocked=st.booleans(),
    claimed_elsewhere=st.booleans(),
    callback_minutes=st.one_of(st.none(), st.integers(-120, 600)),
    callback_for_other=st.booleans(),
)
BOUNDARIES = [time(8, 59, 59), time(9), time(17, 29, 59), time(17, 30), time(17, 59, 59), time(18)]
now_strategy = st.one_of(
    st.tuples(st.sampled_from(SPECIAL_DAYS), st.sampled_from(BOUNDARIES)).map(lambda t: datetime.combine(t[0], t[1], TOKYO)),
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 30), timezones=st.just(TOKYO)),
    st.tuples(
        st.sampled_from(SPECIAL_DAYS),
        st.one_of(st.sampled_from([8, 9, 17, 18]), st.integers(0, 23)),
        st.sampled_from([0, 29, 30, 59]),
        st.sampled_from([0, 59]),
    ).map(
        lambda t: datetime.combine(t[0], time(t[1], t[2], t[3]), TOKYO)
    ),
)


def calling_time(rules: ListRules, now: datetime) -> bool:
    """SPEC §9 read directly: with hours or days set, the list's calendar in Tokyo, holidays skipped
    unless allowed; otherwise always."""
    if rules.hours is None and rules.days == ALL_DAYS:
        return True
    local = now.astimezone(TOKYO)
    if local.weekday() not in rules.days:
        return False
    if not rules.call_on_holidays and local.date() in JP_HOLIDAYS:
        return False
    return rules.hours is None or rules.hours[0] <= local.time() < rules.hours[1]


def allowed(rules: ListRules, case: TargetCase, now: datetime) -> bool:
    if case.excluded or case.blocked or case.claimed_elsewhere or not calling_time(rules, now):
        return False
    starts = [now - timedelta(minutes=call.minutes_before) for call in case.calls]
    if case.callback_minutes is not None and not case.callback_for_other and case.callback_minutes >= 0:
        due = now - timedelta(minutes=case.callback_minutes)
        if not any(start >= due for start in starts):
            return True  # a due callback nobody answered yet: the attempts, ending and retry rules give way
    if not case.calls:
        return True
    last_index = min(range(len(case.calls)), key=lambda i: (case.calls[i].minutes_before, -i))
    last = case.calls[last_index]
    if last.outcome in rules.ending_outcomes or case.ending_disposition:
        return False
    if rules.max_attempts is not None and len(case.calls) >= rules.max_attempts:
        return False
    delay = rules.retry_delays.get(last.outcome)
    ended = starts[last_index] + timedelta(seconds=last.seconds)
    return not (delay and ended + delay > now)


def phone(index: int) -> str:
    return f"+8135{index:03d}0486"  # busy on the demo line: every dial ends quickly


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=rules_strategy, cases=st.lists(target_strategy, min_size=1, max_size=5), now=now_strategy)
def test_auto_call_dials_exactly_what_the_rules_the_block_list_exclusion_and_claims_allow(
    rules: ListRules, cases: list[TargetCase], now: datetime
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'store.sqlite3'}")
        try:
            dialled = run_case(store, rules, cases, now)
        finally:
            store.close()
    expected = [phone(i) for i, case in enumerate(cases) if allowed(rules, case, now)]
    assert sorted(dialled) == sorted(expected)
    assert len(dialled) == len(set(dialled))


@pytest.mark.postgres
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=rules_strategy, cases=st.lists(target_strategy, min_size=1, max_size=4), now=now_strategy)
def test_the_same_holds_on_postgresql(postgres_url: str, rules: ListRules, cases: list[TargetCase], now: datetime) -> None:
    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    try:
        dialled = run_case(store, rules, cases, now)
    finally:
        store.close()
    expected = [phone(i) for i, case in enumerate(cases) if allowed(rules, case, now)]
    assert sorted(dialled) == sorted(expected)


def run_case(store: Store, rules: ListRules, cases: list[TargetCase], now: datetime) -> list[str]:
    sato_id = store.add_user("sato", autocall=True).id
    store.add_user("tanaka", autocall=True)
    store.add_disposition("成約", ends_target=True)
    store.add_disposition("再コール")
    list_id = store.create_list("性質").id
    phones = [phone(i) for i in range(len(cases))]
    rows = [f"会社{i},担当{i},0{p[3:]},x" for i, p in enumerate(phones)]
    assert store.import_csv(list_id, csv_bytes(*rows), assignee="sato").ok
    store.set_list_rules(list_id, rules)
    for number, case in zip(phones, cases, strict=True):
        ids = []
        for call in case.calls:
            started = now - timedelta(minutes=call.minutes_before)
            call_id = store.start_call(number, Direction.OUTBOUND, user="sato", list_id=list_id, started_at=started)
            store.finish_call(call_id, Outcome(call.outcome), ended_at=started + timedelta(seconds=call.seconds))
            ids.append((started, call_id))
        if ids:
            last = max(ids)[1]
            store.annotate_call(last, disposition="成約" if case.ending_disposition else "再コール", note=None)
        if case.excluded:
            store.set_excluded(list_id, [number], True)
        if case.blocked:
            store.add_dnc([number], reason="test")
        if case.claimed_elsewhere:  # another client of sato's holds it (whatever the rules say)
            with store.engine.begin() as connection:
                connection.execute(
                    insert(TargetClaim).values(
                        list_id=list_id, phone=number, holder="other-client", user_id=sato_id, expires_at=time_module.time() + 3600
                    )
                )
        if case.callback_minutes is not None:
            store.add_callback(
                number,
                list_id=list_id,
                due_at=now - timedelta(minutes=case.callback_minutes),
                to="tanaka" if case.callback_for_other else "sato",
            )
    clock = ManualScheduler()
    line = DemoLine(clock, seed=1, ring_timeout=20.0, timings=TIMINGS)
    line.start()
    clock.advance(1)
    placer = LineCallPlacer(line, store, "sato", national_digits)
    events: list[AutoCallEvent] = []
    engine = AutoCall(
        user="sato", list_id=list_id, phones=phones, claims=store, placer=placer, scheduler=clock,
        listener=events.append, clock=lambda: now,
    )
    engine.start()
    clock.run_until_idle()
    placer.close()
    assert now < datetime.now(UTC)  # the histories lie before the run's own calls
    return [event.result.phone for event in events if isinstance(event, CallCompleted)]
