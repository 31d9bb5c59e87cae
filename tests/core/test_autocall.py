"""The auto-call engine on the demo line and a real (SQLite) store, on a manual clock.

Forced outcomes come from the demo line's last-four-digit rule (0200 answered, 0487 no answer,
0486 busy, 0603 rejected, 0404 invalid, 0503 failed), so every run here is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from calllist_desktop.core.autocall import (
    AutoCall,
    AutoCallEvent,
    AutoCallOptions,
    CallCompleted,
    EndReason,
    ProgressChanged,
    RunEnded,
    RunState,
    SkipReason,
    TargetSkipped,
    WrapUpNotes,
)
from calllist_desktop.core.claims import MemoryClaims, TargetState
from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.line import Scheduler
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.core.phone import national_digits
from calllist_desktop.core.placer import LineCallPlacer
from calllist_desktop.store.models import Call, LastCall
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine, DemoTimings

USER = "sato"
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
RING_TIMEOUT = 20.0


def phone(last4: str, exchange: str = "5555") -> str:
    return f"+813{exchange}{last4}"


ANSWERED, NO_ANSWER, BUSY = phone("0200"), phone("0487"), phone("0486")
REJECTED, INVALID, FAILED = phone("0603"), phone("0404"), phone("0503")


class Run:
    """An engine wired to a demo line, a store and in-memory claims, with its events collected."""

    def __init__(
        self,
        store: Store,
        phones: list[str],
        options: AutoCallOptions | None = None,
        *,
        wrap_up_notes: WrapUpNotes = lambda: (None, None),
        scheduler: Scheduler | None = None,
    ) -> None:
        self.store = store
        self.clock = ManualScheduler()
        self.line = DemoLine(self.clock, seed=1, ring_timeout=RING_TIMEOUT, timings=TIMINGS)
        self.line.start()
        self.clock.advance(1)
        self.claims = MemoryClaims(clock=lambda: self.clock.now)
        self.list_id = store.create_list("オートコール").id
        for number in phones:
            self.claims.put(self.list_id, number, TargetState(assignee=USER))
        self.placer = LineCallPlacer(self.line, store, USER, national_digits)
        self.events: list[AutoCallEvent] = []
        self.engine = AutoCall(
            user=USER,
            list_id=self.list_id,
            phones=phones,
            claims=self.claims,
            placer=self.placer,
            scheduler=scheduler or self.clock,
            listener=self.events.append,
            options=options,
            wrap_up_notes=wrap_up_notes,
        )

    def completed(self) -> list[tuple[str, Outcome, int | None]]:
        return [
            (event.result.phone, event.result.outcome, event.result.sip_status)
            for event in self.events
            if isinstance(event, CallCompleted)
        ]

    def skipped(self) -> list[tuple[str, SkipReason]]:
        return [(event.phone, event.reason) for event in self.events if isinstance(event, TargetSkipped)]

    def ended(self) -> RunEnded | None:
        return next((event for event in self.events if isinstance(event, RunEnded)), None)

    def rows(self) -> list[Call]:
        with self.store.engine.connect() as connection:
            return list(connection.execute(select(Call).order_by(Call.id)).all())  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    opened.add_user(USER, "佐藤", autocall=True)
    yield opened
    opened.close()


def test_every_outcome_is_dialled_in_order_and_recorded(store: Store) -> None:
    phones = [ANSWERED, NO_ANSWER, BUSY, REJECTED, INVALID, FAILED]
    run = Run(store, phones)
    run.engine.start()
    run.clock.run_until_idle()

    assert run.completed() == [
        (ANSWERED, Outcome.ANSWERED, 200),
        (NO_ANSWER, Outcome.NO_ANSWER, 487),
        (BUSY, Outcome.BUSY, 486),
        (REJECTED, Outcome.REJECTED, 603),
        (INVALID, Outcome.INVALID, 404),
        (FAILED, Outcome.FAILED, 503),
    ]
    ended = run.ended()
    assert ended is not None and ended.reason is EndReason.COMPLETED
    assert ended.progress.position == 6 and ended.progress.total == 6
    assert ended.progress.outcomes[Outcome.ANSWERED] == 1 and ended.progress.called == 6
    rows = run.rows()
    assert [(row.phone, row.outcome, row.sip_status, row.list_id) for row in rows] == [
        (number, outcome.value, status, run.list_id) for number, outcome, status in run.completed()
    ]
    assert all(row.ended_at is not None for row in rows)
    assert rows[0].answered_at is not None and rows[1].answered_at is None
    # The last-call columns follow every call.
    with store.engine.connect() as connection:
        last = dict(connection.execute(select(LastCall.phone, LastCall.outcome)).all())
    assert last == {number: outcome.value for number, outcome, _ in run.completed()}
    # Claims are given back.
    assert all(run.claims.holder(run.list_id, number) is None for number in phones)


def test_the_run_starts_at_the_chosen_row(store: Store) -> None:
    run = Run(store, [BUSY, phone("0486", "6666"), phone("0486", "7777")])
    run.engine.start(from_index=1)
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [phone("0486", "6666"), phone("0486", "7777")]


def test_an_exclusion_by_another_client_mid_run_is_honoured(store: Store) -> None:
    second, third = phone("0486", "6666"), phone("0486", "7777")
    run = Run(store, [ANSWERED, second, third])
    run.engine.start()
    run.clock.advance(1)  # the first call rings
    assert run.engine.state is RunState.RINGING
    run.claims.put(run.list_id, second, TargetState(assignee=USER, excluded=True))  # someone else
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [ANSWERED, third]
    assert run.skipped() == [(second, SkipReason.EXCLUDED)]


def test_targets_held_by_another_client_gone_or_reassigned_are_passed_over(store: Store) -> None:
    held, gone, reassigned = phone("0486", "6666"), phone("0486", "7777"), phone("0486", "8888")
    run = Run(store, [held, gone, reassigned, BUSY])
    assert run.claims.claim_target(run.list_id, held, user=USER, holder="other-client", ttl=60) == "claimed"
    run.claims.put(run.list_id, gone, None)
    run.claims.put(run.list_id, reassigned, TargetState(assignee="tanaka"))
    run.engine.start()
    run.clock.run_until_idle()
    assert run.skipped() == [
        (held, SkipReason.HELD_ELSEWHERE),
        (gone, SkipReason.GONE),
        (reassigned, SkipReason.GONE),
    ]
    assert [number for number, _, _ in run.completed()] == [BUSY]


def test_a_dead_clients_claim_expires(store: Store) -> None:
    run = Run(store, [BUSY], AutoCallOptions(claim_ttl=30))
    run.claims.claim_target(run.list_id, BUSY, user=USER, holder="crashed-client", ttl=30)
    run.clock.advance(31)
    run.engine.start()
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [BUSY]


def test_invalid_and_already_dialled_numbers_are_skipped(store: Store) -> None:
    run = Run(store, [BUSY, BUSY, phone("0486", "6666")])
    run.claims.put(run.list_id, "+8101", TargetState(assignee=USER))
    run.engine = AutoCall(
        user=USER,
        list_id=run.list_id,
        phones=[BUSY, BUSY, "+8101", phone("0486", "6666")],
        claims=run.claims,
        placer=run.placer,
        scheduler=run.clock,
        listener=run.events.append,
        can_dial=lambda number: len(number) > 5,
    )
    run.engine.start()
    run.clock.run_until_idle()
    assert run.skipped() == [(BUSY, SkipReason.DIALLED), ("+8101", SkipReason.INVALID)]
    assert len(run.completed()) == 2


def test_pause_takes_effect_after_the_current_call_and_resume_goes_on(store: Store) -> None:
    second = phone("0486", "6666")
    run = Run(store, [ANSWERED, second])
    run.engine.start()
    run.clock.advance(3)  # answered at 0.5 + 2
    assert run.engine.state is RunState.TALKING
    run.engine.pause()
    assert run.engine.state is RunState.TALKING  # the call goes on
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED
    assert [number for number, _, _ in run.completed()] == [ANSWERED]
    assert run.engine.progress().next == second
    run.engine.resume()
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [ANSWERED, second]
    assert run.engine.state is RunState.FINISHED


def test_skip_cancels_a_ringing_call(store: Store) -> None:
    run = Run(store, [NO_ANSWER, BUSY])
    run.engine.start()
    run.clock.advance(2)
    assert run.engine.state is RunState.RINGING
    run.engine.skip()
    run.clock.run_until_idle()
    assert run.completed() == [(NO_ANSWER, Outcome.CANCELED, 487), (BUSY, Outcome.BUSY, 486)]
    assert run.rows()[0].outcome == "canceled"


def test_skip_while_paused_passes_over_the_next_target(store: Store) -> None:
    second, third = phone("0486", "6666"), phone("0486", "7777")
    run = Run(store, [BUSY, second, third])
    run.engine.start()
    run.clock.advance(0)  # BUSY is being dialled
    run.engine.pause()
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED
    run.engine.skip()
    assert run.engine.progress().next == third
    run.engine.resume()
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [BUSY, third]
    assert (second, SkipReason.SKIPPED) in run.skipped()


def test_stop_leaves_no_call_unfinished(store: Store) -> None:
    run = Run(store, [ANSWERED, BUSY])
    run.engine.start()
    run.clock.advance(3)
    assert run.engine.state is RunState.TALKING
    run.engine.stop()
    run.clock.run_until_idle()
    ended = run.ended()
    assert ended is not None and ended.reason is EndReason.STOPPED
    rows = run.rows()
    assert len(rows) == 1 and rows[0].outcome == "answered" and rows[0].ended_at is not None
    assert run.line.calls() == []
    assert run.claims.holder(run.list_id, ANSWERED) is None


def test_stop_while_ringing_cancels_and_records(store: Store) -> None:
    run = Run(store, [NO_ANSWER, BUSY])
    run.engine.start()
    run.clock.advance(1)
    run.engine.stop()
    run.clock.run_until_idle()
    assert [(row.phone, row.outcome) for row in run.rows()] == [(NO_ANSWER, "canceled")]


def test_max_talk_hangs_up_an_answered_call(store: Store) -> None:
    run = Run(store, [ANSWERED], AutoCallOptions(max_talk=1.0))
    run.engine.start()
    run.clock.run_until_idle()
    row = run.rows()[0]
    assert row.outcome == "answered"
    assert row.answered_at is not None and row.ended_at is not None
    assert (row.ended_at - row.answered_at).total_seconds() < 5  # not the far end's 10 s


def test_wrap_up_waits_and_stores_disposition_and_note(store: Store) -> None:
    second = phone("0486", "6666")
    run = Run(store, [BUSY, second], AutoCallOptions(wrap_up=30))
    run.engine.start()
    run.clock.advance(2)
    assert run.engine.state is RunState.WRAP_UP
    run.clock.advance(10)
    assert run.engine.state is RunState.WRAP_UP and len(run.completed()) == 1  # still wrapping up
    run.engine.finish_wrap_up("再架電", "午後に再度")
    run.clock.advance(2)
    assert run.engine.state is RunState.WRAP_UP and len(run.completed()) == 2
    run.clock.run_until_idle()  # the second wrap-up ends by its time-out
    rows = run.rows()
    assert (rows[0].disposition, rows[0].note) == ("再架電", "午後に再度")
    assert (rows[1].disposition, rows[1].note) == (None, None)
    assert run.engine.state is RunState.FINISHED


def test_repeated_failures_pause_the_run_with_a_reason(store: Store) -> None:
    failing = [phone("0503", f"{5000 + i}") for i in range(5)]
    run = Run(store, failing)
    run.engine.start()
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED
    assert len(run.completed()) == 3
    assert run.engine.progress().pause_reason == "failures" and run.engine.progress().message == "3"


def test_a_line_that_refuses_to_dial_records_failed_calls(store: Store) -> None:
    from calllist_desktop.core.line import LineError

    run = Run(store, [BUSY, phone("0486", "6666")])

    def refuse(target: str) -> str:
        raise LineError(f"cannot dial {target}")

    run.line.dial = refuse  # type: ignore[method-assign]
    run.engine.start()
    run.clock.run_until_idle()
    assert [outcome for _, outcome, _ in run.completed()] == [Outcome.FAILED, Outcome.FAILED]
    assert [row.outcome for row in run.rows()] == ["failed", "failed"]


def test_an_offline_line_makes_the_run_wait_without_recording_anything(store: Store) -> None:
    run = Run(store, [BUSY])
    run.line.stop()
    run.engine.start()
    run.clock.advance(30)
    assert run.engine.state is RunState.WAITING
    assert run.rows() == [] and run.completed() == []
    run.line.start()  # registered again after a moment
    run.clock.advance(30)
    assert run.completed() == [(BUSY, Outcome.BUSY, 486)]
    run.clock.run_until_idle()
    assert run.engine.state is RunState.FINISHED


def test_a_store_that_fails_makes_the_run_wait_at_the_same_target(store: Store) -> None:
    """It used to pause (an operator had to press 再開); now it waits and goes on by itself
    (issue 16 item 9; tests/core/test_autocall_outage.py has the rest)."""
    run = Run(store, [BUSY])

    class Broken(MemoryClaims):
        def claim_target(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            raise ConnectionError("server closed the connection")

    run.engine._claims = Broken()
    run.engine.start()
    run.clock.advance(30)
    assert run.engine.state is RunState.WAITING
    assert "server closed" in run.engine.progress().message
    run.engine._claims = run.claims
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [BUSY]


def test_progress_reports_n_of_m_current_and_next(store: Store) -> None:
    run = Run(store, [ANSWERED, BUSY])
    run.engine.start()
    run.clock.advance(1)
    progress = run.engine.progress()
    assert (progress.position, progress.total, progress.current, progress.next) == (1, 2, ANSWERED, BUSY)
    states = [event.progress.state for event in run.events if isinstance(event, ProgressChanged)]
    assert states[:3] == [RunState.CLAIMING, RunState.DIALING, RunState.RINGING]


def test_a_crash_mid_call_leaves_a_row_closed_as_interrupted_at_the_next_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    first = Store.open(url)
    first.add_user(USER, "佐藤", autocall=True)
    run = Run(first, [ANSWERED])
    run.engine.start()
    run.clock.advance(3)  # talking; then the program dies: nothing more happens
    assert run.engine.state is RunState.TALKING
    first.close()

    again = Store.open(url)
    try:
        assert again.close_interrupted_calls(user=USER) == 1
        with again.engine.connect() as connection:
            assert connection.execute(select(Call.outcome)).scalars().all() == ["interrupted"]
    finally:
        again.close()


def test_a_run_on_real_time_threads_finishes(store: Store) -> None:
    """The same engine on wall-clock schedulers (as the CLI runs it): events arrive on other
    threads, in order, and the run ends with every call recorded."""
    from threading import Event

    from calllist_desktop.core.line import SerialScheduler

    engine_clock = SerialScheduler("autocall-test")
    line = DemoLine(seed=3, ring_timeout=0.5, timings=TIMINGS.scaled(0.01))
    line.start()
    claims = MemoryClaims()
    list_id = store.create_list("実時間").id
    phones = [ANSWERED, NO_ANSWER, BUSY, REJECTED]
    for number in phones:
        claims.put(list_id, number, TargetState(assignee=USER))
    done = Event()
    results: list[Outcome] = []

    def listen(event: AutoCallEvent) -> None:
        if isinstance(event, CallCompleted):
            results.append(event.result.outcome)
        if isinstance(event, RunEnded):
            done.set()

    for _ in range(50):
        if line.registration == "registered":
            break
        Event().wait(0.01)
    engine = AutoCall(
        user=USER,
        list_id=list_id,
        phones=phones,
        claims=claims,
        placer=LineCallPlacer(line, store, USER, national_digits),
        scheduler=engine_clock,
        listener=listen,
    )
    engine.start()
    try:
        assert done.wait(10), engine.progress()
    finally:
        engine_clock.close()
        line.stop()
    assert results == [Outcome.ANSWERED, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.REJECTED]


def test_the_calling_hours_guard_pauses_outside_the_hours(store: Store) -> None:
    from datetime import datetime, time

    from calllist_desktop.core.autocall import PauseReason

    now = [datetime(2026, 11, 25, 8, 59)]
    run = Run(store, [BUSY, phone("0486", "6666")], AutoCallOptions(calling_hours=(time(9), time(20))))
    run.engine._clock = lambda: now[0]
    run.engine.start()
    run.clock.run_until_idle()
    progress = run.engine.progress()
    assert progress.state is RunState.PAUSED and progress.pause_reason is PauseReason.OUTSIDE_HOURS
    assert progress.message == "09:00-20:00" and run.completed() == []
    now[0] = datetime(2026, 11, 25, 9, 0)
    run.engine.resume()
    run.clock.run_until_idle()
    assert len(run.completed()) == 2


def test_a_line_busy_with_another_call_is_waited_for_not_counted(store: Store) -> None:
    from calllist_desktop.core.placer import LineBusy

    run = Run(store, [BUSY])
    real_place = run.placer.place
    refusals = [2]

    def busy_twice(number, list_id, events):  # type: ignore[no-untyped-def]
        if refusals[0]:
            refusals[0] -= 1
            raise LineBusy("an incoming call")
        return real_place(number, list_id, events)

    run.engine._placer.place = busy_twice  # type: ignore[method-assign]
    run.engine.start()
    run.clock.run_until_idle()
    assert run.completed() == [(BUSY, Outcome.BUSY, 486)]
    assert run.skipped() == [] and len(run.rows()) == 1


def test_a_number_another_client_called_during_the_run_is_passed_over(store: Store) -> None:
    from datetime import UTC, datetime

    second = phone("0486", "6666")
    run = Run(store, [ANSWERED, second, BUSY])
    run.engine.start()
    run.clock.advance(1)  # the first call rings; the operator's other window calls the second
    run.claims.put(run.list_id, second, TargetState(assignee=USER, last_call_at=datetime.now(UTC)))
    run.clock.run_until_idle()
    assert run.skipped() == [(second, SkipReason.CALLED)]
    assert [number for number, _, _ in run.completed()] == [ANSWERED, BUSY]
