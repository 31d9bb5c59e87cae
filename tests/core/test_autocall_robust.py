"""The auto-call engine when things go wrong or the operator changes course mid-call (SPEC §5).

Issue 13: a timer that had fired was cancelled again and the run died mid-call, leaving its claim
behind. Here every kind of error a run meets (its listener, the line, the placer, a scheduler that
refuses to cancel what it already ran) is injected, and each time the run must end up paused or
stopped, stoppable, and holding no claim; and the wrap-up keeps what was typed when its time ends.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calllist_desktop.core.autocall import (
    AutoCallEvent,
    AutoCallOptions,
    CallCompleted,
    EndReason,
    PauseReason,
    RunState,
)
from calllist_desktop.core.clock import ManualScheduler, ScheduledCall
from calllist_desktop.store.store import Store
from tests.core.test_autocall import ANSWERED, BUSY, NO_ANSWER, Run, phone
from tests.core.test_autocall import store as store  # the fixture: a SQLite store with the user


def assert_no_claim(run: Run) -> None:
    for number in run.engine._phones:
        assert run.claims.holder(run.list_id, number) is None, number


class StrictScheduler:
    """The manual clock, with handles that fail when cancelled after they ran (as a deleted
    QTimer did): an engine that keeps fired timers breaks here."""

    def __init__(self, clock: ManualScheduler) -> None:
        self.clock = clock

    def call_later(self, delay: float, function: Callable[[], None]) -> _Strict:
        return _Strict(self.clock.call_later(delay, function))


class _Strict:
    def __init__(self, scheduled: ScheduledCall) -> None:
        self.scheduled = scheduled

    def cancel(self) -> None:
        if not self.scheduled.active:
            raise RuntimeError("Internal C++ object (PySide6.QtCore.QTimer) already deleted.")
        self.scheduled.cancel()


def test_a_call_longer_than_many_renewals_ends_cleanly_on_a_strict_scheduler(store: Store) -> None:
    """The issue's failure: renewal timers fire during an answered call, then the call ends."""
    second = phone("0486", "6666")
    run = Run(store, [ANSWERED, second], AutoCallOptions(claim_ttl=2.0, claim_renewal=0.5, wrap_up=3))
    run.engine._scheduler = StrictScheduler(run.clock)
    renewals: list[str] = []
    renew = run.claims.renew_claim
    run.claims.renew_claim = lambda *a, **k: renewals.append(a[1]) or renew(*a, **k)  # type: ignore[method-assign]
    run.engine.start()
    run.clock.run_until_idle()
    assert run.engine.state is RunState.FINISHED
    assert len(renewals) >= 20  # 12.5 s of call at one renewal each 0.5 s
    assert [outcome.value for _, outcome, _ in run.completed()] == ["answered", "busy"]
    assert_no_claim(run)


def test_the_renewal_interval_is_an_option_below_the_claims_lifetime() -> None:
    assert AutoCallOptions().renewal_interval == 30.0
    assert AutoCallOptions(claim_ttl=2.0).renewal_interval == 1.0
    assert AutoCallOptions(claim_ttl=2.0, claim_renewal=0.2).renewal_interval == 0.2
    for bad in (0.0, -1.0, 2.0, 5.0):
        with pytest.raises(ValueError, match="claim_renewal"):
            AutoCallOptions(claim_ttl=2.0, claim_renewal=bad)


def test_a_listener_that_fails_pauses_the_run_without_a_claim_and_it_can_go_on(store: Store) -> None:
    second = phone("0486", "6666")
    run = Run(store, [BUSY, second])
    failed: list[AutoCallEvent] = []

    def listener(event: AutoCallEvent) -> None:
        run.events.append(event)
        if isinstance(event, CallCompleted) and not failed:
            failed.append(event)
            raise ValueError("the display broke")

    run.engine._listener = listener
    run.engine.start()
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED
    progress = run.engine.progress()
    assert progress.pause_reason is PauseReason.ERROR and "the display broke" in progress.message
    assert_no_claim(run)
    run.engine.resume()
    run.clock.run_until_idle()
    assert [number for number, _, _ in run.completed()] == [BUSY, second]
    assert run.engine.state is RunState.FINISHED
    assert_no_claim(run)


def test_a_placer_that_raises_pauses_the_run_and_releases_the_claim(store: Store) -> None:
    run = Run(store, [BUSY])
    real_place = run.placer.place
    run.placer.place = lambda *a: (_ for _ in ()).throw(OSError("sound device gone"))  # type: ignore[method-assign]
    run.engine.start()
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED
    assert run.engine.progress().pause_reason is PauseReason.ERROR
    assert_no_claim(run)
    run.placer.place = real_place  # type: ignore[method-assign]
    run.engine.stop()
    assert run.engine.state is RunState.FINISHED


def test_stop_finishes_the_run_even_when_hanging_up_fails(store: Store) -> None:
    run = Run(store, [ANSWERED, BUSY])
    run.engine.start()
    run.clock.advance(3)
    assert run.engine.state is RunState.TALKING
    run.placer.hang_up = lambda token: (_ for _ in ()).throw(RuntimeError("line gone"))  # type: ignore[method-assign]
    run.engine.stop()
    ended = run.ended()
    assert run.engine.state is RunState.FINISHED and ended is not None and ended.reason is EndReason.STOPPED
    assert_no_claim(run)


def test_stop_pressed_again_ends_a_run_whose_call_never_reports_its_end(store: Store) -> None:
    run = Run(store, [ANSWERED, BUSY])
    run.engine.start()
    run.clock.advance(3)
    run.placer.hang_up = lambda token: None  # type: ignore[method-assign]  # the line ignores it
    run.engine.stop()
    assert run.engine.state is RunState.TALKING  # waiting for the end of the call
    run.engine.stop()
    assert run.engine.state is RunState.FINISHED
    assert_no_claim(run)


def test_an_error_during_a_call_lets_the_call_go_on_and_pauses_after_it(store: Store) -> None:
    second = phone("0486", "6666")
    run = Run(store, [ANSWERED, second])
    run.engine.start()
    run.clock.advance(3)
    assert run.engine.state is RunState.TALKING
    run.engine._recover(RuntimeError("a bug"))  # as a failing step would
    assert run.engine.state is RunState.TALKING and run.engine.progress().pause_pending
    assert run.claims.holder(run.list_id, ANSWERED) == run.engine.holder  # its call still goes on
    run.clock.run_until_idle()
    assert run.engine.state is RunState.PAUSED and run.engine.progress().pause_reason is PauseReason.ERROR
    assert [number for number, _, _ in run.completed()] == [ANSWERED]
    assert_no_claim(run)


def test_pause_during_a_call_is_said_at_once_and_can_be_taken_back(store: Store) -> None:
    second = phone("0486", "6666")
    run = Run(store, [ANSWERED, second])
    run.engine.start()
    run.clock.advance(3)
    run.engine.pause()
    assert run.engine.progress().pause_pending and run.engine.state is RunState.TALKING
    run.engine.cancel_pause()
    assert not run.engine.progress().pause_pending
    run.clock.run_until_idle()
    assert run.engine.state is RunState.FINISHED and len(run.completed()) == 2


def test_what_was_typed_is_saved_when_the_wrap_up_runs_out(store: Store) -> None:
    typed = ("再架電", "折り返し希望 15時")
    run = Run(store, [BUSY], AutoCallOptions(wrap_up=10), wrap_up_notes=lambda: typed)
    run.engine.start()
    run.clock.run_until_idle()
    row = run.rows()[0]
    assert (row.disposition, row.note) == typed
    assert run.engine.state is RunState.FINISHED


def test_skip_and_stop_in_the_wrap_up_save_what_was_typed_too(store: Store) -> None:
    notes = iter([("", "一件目"), ("不要", None)])
    run = Run(store, [BUSY, NO_ANSWER, phone("0486", "6666")], AutoCallOptions(wrap_up=60), wrap_up_notes=lambda: next(notes))
    run.engine.start()
    run.clock.advance(2)
    assert run.engine.state is RunState.WRAP_UP
    run.engine.skip()
    run.clock.advance(1)
    run.engine.skip()  # the second call rings: skip cancels it
    run.clock.advance(1)
    assert run.engine.state is RunState.WRAP_UP
    run.engine.stop()
    assert run.engine.state is RunState.FINISHED
    assert [(row.disposition, row.note) for row in run.rows()] == [(None, "一件目"), ("不要", None)]


def test_the_wrap_up_can_be_given_more_time(store: Store) -> None:
    run = Run(store, [BUSY], AutoCallOptions(wrap_up=10))
    run.engine.start()
    run.clock.advance(2)  # busy after 1 s: 9 s of wrap-up left
    assert run.engine.state is RunState.WRAP_UP
    run.engine.set_wrap_up_left(30)
    run.clock.advance(25)
    assert run.engine.state is RunState.WRAP_UP
    run.clock.advance(6)
    assert run.engine.state is RunState.FINISHED


def test_new_options_apply_from_the_next_call(store: Store) -> None:
    run = Run(store, [BUSY, phone("0486", "6666")])
    run.engine.start()
    run.clock.advance(0.5)
    run.engine.set_options(AutoCallOptions(wrap_up=20))
    run.clock.advance(2)
    assert run.engine.state is RunState.WRAP_UP
