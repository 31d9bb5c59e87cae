"""Auto-call while the store cannot be reached (issue 16 item 9), on a manual clock.

The store here is a real SQLite store behind a switch that makes every call row, claim and
release raise as a dropped server connection does. The run must wait with the reason, never lose
a call's end or its wrap-up, release its claims, and go on by itself when the store is back.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import select

from calllist_desktop.core.autocall import (
    AutoCallOptions,
    CallCompleted,
    EndReason,
    ProgressChanged,
    RunEnded,
    RunState,
    WaitReason,
)
from calllist_desktop.core.claims import ClaimResult, MemoryClaims, TargetState
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import national_digits
from calllist_desktop.core.placer import LineCallPlacer
from calllist_desktop.store.models import Call
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from tests.core.test_autocall import ANSWERED, BUSY, NO_ANSWER, TIMINGS, USER, phone
from tests.core.test_autocall import Run as BaseRun


class Outage(Exception):
    """What the store raises while it is down."""


class Switch:
    """Down or up; while down every guarded operation raises :class:`Outage`."""

    def __init__(self) -> None:
        self.down = False
        self.refused = 0

    def check(self) -> None:
        if self.down:
            self.refused += 1
            raise Outage("connection refused: the server is down")


class FlakyStore:
    """The store's call operations (a CallRecorder) behind a switch."""

    def __init__(self, store: Store, switch: Switch) -> None:
        self._store = store
        self._switch = switch

    def start_call(self, phone: str, direction: Direction, *, user: str | None, list_id: int | None = None) -> int:
        self._switch.check()
        return self._store.start_call(phone, direction, user=user, list_id=list_id)

    def finish_call(self, call_id: int, outcome: Outcome, **kwargs: Any) -> None:
        self._switch.check()
        self._store.finish_call(call_id, outcome, **kwargs)

    def annotate_call(self, call_id: int, *, disposition: str | None, note: str | None) -> None:
        self._switch.check()
        self._store.annotate_call(call_id, disposition=disposition, note=note)


class FlakyClaims(MemoryClaims):
    def __init__(self, switch: Switch, clock: Any) -> None:
        super().__init__(clock=clock)
        self._switch = switch

    def claim_target(self, *args: Any, **kwargs: Any) -> ClaimResult:
        self._switch.check()
        return super().claim_target(*args, **kwargs)

    def renew_claim(self, *args: Any, **kwargs: Any) -> bool:
        self._switch.check()
        return super().renew_claim(*args, **kwargs)

    def release_claim(self, *args: Any, **kwargs: Any) -> None:
        self._switch.check()
        super().release_claim(*args, **kwargs)


class Run(BaseRun):
    """The engine of tests/core/test_autocall.py with its claims and call rows behind switches."""

    def __init__(self, store: Store, phones: list[str], options: AutoCallOptions | None = None) -> None:
        store.add_user(USER, "佐藤", autocall=True)
        super().__init__(store, phones, options)
        self.switch = Switch()
        self.claim_switch = Switch()  # the claims alone (the call rows still written)
        self.claims = FlakyClaims(self.claim_switch, lambda: self.clock.now)
        for number in phones:
            self.claims.put(self.list_id, number, TargetState(assignee=USER))
        self.placer.close()
        self.placer = LineCallPlacer(
            self.line, FlakyStore(store, self.switch), USER, national_digits, scheduler=self.clock
        )
        self.engine._claims = self.claims
        self.engine._placer = self.placer

    def completed(self) -> list[tuple[str, Outcome]]:
        return [(e.result.phone, e.result.outcome) for e in self.events if isinstance(e, CallCompleted)]

    def store_waits(self) -> list[str]:
        return [
            e.progress.message
            for e in self.events
            if isinstance(e, ProgressChanged) and e.progress.wait_reason is WaitReason.STORE
        ]

    def rows(self) -> list[Any]:
        with self.store.engine.connect() as connection:
            return list(connection.execute(select(Call.phone, Call.outcome, Call.disposition, Call.note).order_by(Call.id)))


def test_an_outage_when_a_call_ends_keeps_its_end_and_the_run_goes_on_by_itself(sqlite_store: Store) -> None:
    run = Run(sqlite_store, [ANSWERED, BUSY])
    run.engine.start()
    run.clock.advance(5)
    assert run.engine.state is RunState.TALKING
    run.switch.down = True
    run.clock.advance(10)  # the far end hangs up at 12 s: the end cannot be written
    progress = run.engine.progress()
    assert progress.state is RunState.WAITING and progress.wait_reason is WaitReason.STORE
    assert "server is down" in progress.message
    assert run.completed() == [] and run.placer.unsaved == 1
    run.clock.advance(6)  # six seconds of outage, retried every second, nothing raised on the line's side
    assert run.switch.refused >= 6 and run.engine.state is RunState.WAITING
    run.switch.down = False
    run.clock.run_until_idle()
    assert run.completed() == [(ANSWERED, Outcome.ANSWERED), (BUSY, Outcome.BUSY)]
    assert [(row.phone, row.outcome) for row in run.rows()] == [(ANSWERED, "answered"), (BUSY, "busy")]
    ended = next(e for e in run.events if isinstance(e, RunEnded))
    assert ended.reason is EndReason.COMPLETED and run.placer.unsaved == 0
    assert run.claims.holder(run.list_id, ANSWERED) is None and run.claims.holder(run.list_id, BUSY) is None


def test_an_outage_between_calls_waits_at_the_same_target_and_releases_the_last_claim(sqlite_store: Store) -> None:
    second = phone("0486", "6666")
    run = Run(sqlite_store, [BUSY, second])
    run.engine.start()
    run.clock.advance(0.5)  # the busy call ends 1 s after its dial; the claims fail from just before
    run.claim_switch.down = True
    run.clock.advance(0.5)
    assert run.completed() == [(BUSY, Outcome.BUSY)]  # its end is written; its claim cannot be released
    assert run.engine.state is RunState.WAITING and run.engine.progress().wait_reason is WaitReason.STORE
    run.clock.advance(6)
    assert run.engine.state is RunState.WAITING
    assert run.claims.holder(run.list_id, BUSY) == run.engine.holder  # not released yet: the store is down
    run.claim_switch.down = False
    run.clock.run_until_idle()
    assert run.completed() == [(BUSY, Outcome.BUSY), (second, Outcome.BUSY)]
    assert run.claims.holder(run.list_id, BUSY) is None and run.claims.holder(run.list_id, second) is None
    assert len(run.rows()) == 2


def test_a_call_whose_start_cannot_be_written_is_not_dialled_until_it_can(sqlite_store: Store) -> None:
    run = Run(sqlite_store, [NO_ANSWER])
    calls: list[str] = []
    real_dial = run.line.dial

    def dial(target: str) -> str:
        calls.append(target)
        return real_dial(target)

    run.line.dial = dial  # type: ignore[method-assign]
    real_claim = run.claims.claim_target

    def claim_then_fail(*args: Any, **kwargs: Any) -> ClaimResult:  # then the store goes down before the call's row
        result = real_claim(*args, **kwargs)
        run.switch.down = True
        return result

    run.claims.claim_target = claim_then_fail  # type: ignore[method-assign]
    run.engine.start()
    run.clock.advance(3)
    assert run.engine.state is RunState.WAITING and calls == [] and run.rows() == []
    run.claims.claim_target = real_claim  # type: ignore[method-assign]
    run.switch.down = False
    run.clock.run_until_idle()
    assert len(calls) == 1 and run.completed() == [(NO_ANSWER, Outcome.NO_ANSWER)]


def test_a_wrap_up_typed_during_an_outage_is_written_after_the_end(sqlite_store: Store) -> None:
    run = Run(sqlite_store, [BUSY], AutoCallOptions(wrap_up=30))
    run.engine.start()
    run.clock.advance(3)
    assert run.engine.state is RunState.WRAP_UP
    run.switch.down = True
    run.engine.finish_wrap_up("再架電", "停電中に入力")
    run.clock.advance(5)
    assert run.placer.unsaved == 1
    run.switch.down = False
    run.clock.run_until_idle()
    assert [(row.outcome, row.disposition, row.note) for row in run.rows()] == [("busy", "再架電", "停電中に入力")]


def test_the_listener_hears_the_wait_and_the_run_can_be_stopped_during_it(sqlite_store: Store) -> None:
    run = Run(sqlite_store, [BUSY, NO_ANSWER])
    run.switch.down = run.claim_switch.down = True
    run.engine.start()
    run.clock.advance(4)
    assert run.store_waits() and all("server is down" in message for message in run.store_waits())
    run.engine.stop()
    run.clock.run_until_idle()
    ended = next(e for e in run.events if isinstance(e, RunEnded))
    assert ended.reason is EndReason.STOPPED and run.rows() == []


def test_a_placer_without_a_scheduler_retries_on_a_thread_of_its_own(sqlite_store: Store) -> None:
    """The headless default: no scheduler given, the retries run on the placer's own thread
    (started only when a write is refused), and the call's end still reaches its listener."""
    sqlite_store.add_user(USER, "佐藤", autocall=True)
    list_id = sqlite_store.create_list("自前").id
    clock = ManualScheduler()
    line = DemoLine(clock, seed=1, timings=TIMINGS)
    line.start()
    clock.advance(1)
    switch = Switch()
    placer = LineCallPlacer(line, FlakyStore(sqlite_store, switch), USER, national_digits)
    ended = threading.Event()
    waits: list[str] = []

    class Events:
        def ringing(self) -> None: ...

        def answered(self) -> None: ...

        def ended(self, outcome: Outcome, sip_status: int | None, started_at: datetime, ended_at: datetime) -> None:
            ended.set()

        def store_waiting(self, message: str) -> None:
            waits.append(message)

    placer.place(BUSY, list_id, Events())
    switch.down = True
    clock.advance(2)  # busy: the end is refused on the line's (here the test's) thread, then queued
    assert placer.unsaved == 1 and waits and not ended.is_set()
    switch.down = False
    assert ended.wait(10)
    assert placer.close(wait=1) == 0
    with sqlite_store.engine.connect() as connection:
        assert connection.execute(select(Call.outcome)).scalars().all() == ["busy"]
