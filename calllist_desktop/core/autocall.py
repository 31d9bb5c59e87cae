"""Auto-call (オートコール): dial an operator's targets one after another (SPEC §5).

The engine walks the targets in the order the operator sees them, from the top or a chosen row.
Before each dial it *claims* the target (:mod:`calllist_desktop.core.claims`): the claim re-reads
the excluded flag and the assignee in the store and makes sure no other client is dialling it,
all in one transaction — so an exclusion by anyone takes effect before the next dial. It skips
numbers the line cannot dial and numbers already dialled in this run. Each call rings until it is
answered or the line's ring time-out; an answered call lasts until either side hangs up (or
``max_talk`` passes, for headless runs); then an optional wrap-up (後処理) with disposition and
note; then the next target.

The engine knows neither Qt nor the store's tables: it claims through :class:`TargetClaims`,
places calls through a :class:`CallPlacer` and tells one listener what happens. Calls in from
other threads (line events, the UI's buttons) are serialised by one lock; the steps that dial run
on the :class:`Scheduler`, never inside a line's event callback, so a line that waits for its own
thread while dialling cannot deadlock with the engine.

Whatever goes wrong inside a step (a listener, the store, the line, a bug) is caught at the
step's edge (:func:`_guarded`): the claim is released unless its call is still going on, and the
run pauses with :attr:`PauseReason.ERROR` (or ends, when a stop was asked for), so the operator
can always resume or stop it and no claim outlives the run.
"""

from __future__ import annotations

import functools
import logging
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Concatenate, ParamSpec

from calllist_desktop.core.autocall_events import (
    AutoCallEvent,
    AutoCallOptions,
    CallCompleted,
    CallResult,
    EndReason,
    PauseReason,
    Progress,
    ProgressChanged,
    RunEnded,
    RunState,
    SkipReason,
    TargetSkipped,
    WaitReason,
)
from calllist_desktop.core.campaign_rules import closing_holiday
from calllist_desktop.core.claims import ClaimResult, TargetClaims
from calllist_desktop.core.line import Cancellable, Scheduler
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.core.placer import CallEvents, CallPlacer, LineBusy, NotRecorded, PlaceError
from calllist_desktop.core.store_retry import STORE_RETRY

__all__ = [  # the vocabulary lives in autocall_events; callers import it from here too
    "AutoCall",
    "AutoCallEvent",
    "AutoCallOptions",
    "CallCompleted",
    "CallResult",
    "EndReason",
    "PauseReason",
    "Progress",
    "ProgressChanged",
    "RunEnded",
    "RunState",
    "SkipReason",
    "TargetSkipped",
    "WaitReason",
    "WrapUpNotes",
]

log = logging.getLogger(__name__)

FAILURES_BEFORE_PAUSE = 3
"""Consecutive ``failed`` calls after which the run pauses: the line is down, not the numbers."""


PICK_BATCH = 50
"""Targets the store screens at once when the run picks its next one (``TargetClaims.claim_first``)."""

BUSY_RETRY = 2.0
"""Seconds before the run tries again when the line is busy with a call it did not place."""


WrapUpNotes = Callable[[], tuple[str | None, str | None]]
"""What the operator has typed in the wrap-up so far (disposition, note), asked for when the
wrap-up ends without :meth:`AutoCall.finish_wrap_up` (its time ran out, skip, stop)."""

_P = ParamSpec("_P")


class _StoreUnavailable(Exception):
    """A claim could not be asked for: the run waits and tries the same target again."""


class _OutsideHours(Exception):
    """The list's rules say it is no calling time now: the run pauses at the same target."""


class _Timers:
    """The pending timers of one call, one per purpose (``renew``, ``max_talk``, ``wrap_up``).

    A timer leaves as it fires or is cancelled, and one set again replaces the last, so the engine
    never holds a timer that is over: a Qt timer that fired may already be deleted, and cancelling
    one that the engine had kept broke every call that lasted as long as a claim renewal. A timer
    that fires after it was cancelled or replaced (its event was already queued) does nothing.
    """

    def __init__(self, scheduler: Scheduler, lock: threading.RLock) -> None:
        self._scheduler = scheduler
        self._lock = lock  # the engine's: a timer fires only once the step that set it is over
        self._pending: dict[str, tuple[object, Cancellable]] = {}

    def set(self, name: str, delay: float, function: Callable[[], None]) -> None:
        self.cancel(name)
        key = object()

        def fire() -> None:
            with self._lock:
                entry = self._pending.get(name)
                if entry is None or entry[0] is not key:
                    return
                del self._pending[name]
            function()

        self._pending[name] = (key, self._scheduler.call_later(delay, fire))

    def cancel(self, name: str | None = None) -> None:
        """Cancel the timer ``name``, or every timer."""
        names = [name] if name is not None else list(self._pending)
        for each in names:
            entry = self._pending.pop(each, None)
            if entry is not None:
                entry[1].cancel()


@dataclass(slots=True)
class _Current:
    """The target being called, from its claim to the end of its wrap-up."""

    phone: str
    timers: _Timers
    token: str | None = None
    ended: bool = False


def _guarded(step: Callable[Concatenate[AutoCall, _P], None]) -> Callable[Concatenate[AutoCall, _P], None]:
    """Run an engine step under its lock; an unexpected error ends in :meth:`AutoCall._recover`."""

    @functools.wraps(step)
    def guarded(engine: AutoCall, /, *args: _P.args, **kwargs: _P.kwargs) -> None:
        with engine._lock:
            try:
                step(engine, *args, **kwargs)
            except Exception as error:  # noqa: BLE001 - whatever failed, the run must stay stoppable
                engine._recover(error)

    return guarded


class AutoCall:
    """One auto-call run of ``user`` over ``phones`` (E.164, in view order) of list ``list_id``.

    ``listener`` hears every :data:`AutoCallEvent`, on whatever thread caused it, with the
    engine's lock held: it must not block (the UI posts a signal, the CLI prints). It may call the
    engine's commands. ``can_dial`` says whether the line can dial a number at all.
    ``wrap_up_notes`` gives what the operator typed in the wrap-up, saved when it ends by itself.
    """

    def __init__(
        self,
        *,
        user: str,
        list_id: int,
        phones: Sequence[str],
        claims: TargetClaims,
        placer: CallPlacer,
        scheduler: Scheduler,
        listener: Callable[[AutoCallEvent], None],
        options: AutoCallOptions | None = None,
        can_dial: Callable[[str], bool] = lambda phone: True,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        wrap_up_notes: WrapUpNotes = lambda: (None, None),
    ) -> None:
        self.user = user
        self.list_id = list_id
        self.options = options or AutoCallOptions()
        self.holder = f"{user}:{uuid.uuid4().hex[:12]}"  # this run, as its claims name it
        self._phones = list(phones)
        self._claims = claims
        self._placer = placer
        self._scheduler = scheduler
        self._listener = listener
        self._can_dial = can_dial
        self._clock = clock
        self._wrap_up_notes = wrap_up_notes
        self._pause_reason: PauseReason | None = None
        self._started_at: datetime | None = None
        self._lock = threading.RLock()
        self._state = RunState.READY
        self._index = 0  # the next position to try
        self._position = 0
        self._current: _Current | None = None
        self._dialled: set[str] = set()
        self._members = frozenset(self._phones)
        self._callbacks_tried: set[tuple[str, datetime]] = set()  # due callbacks this run claimed or passed
        self._outcomes: Counter[Outcome] = Counter()
        self._skipped: Counter[SkipReason] = Counter()
        self._pause_requested = False
        self._stop_requested = False
        self._failures = 0
        self._message = ""
        self._holiday: date | None = None  # the holiday an OUTSIDE_HOURS pause names (Progress.holiday)
        self._wait_reason: WaitReason | None = None
        self._unreleased: list[str] = []  # claims the store could not release yet: retried first

    # -- commands ---------------------------------------------------------------------------------

    @property
    def state(self) -> RunState:
        return self._state

    def start(self, from_index: int = 0) -> None:
        """Begin at position ``from_index`` of the phones (the selected row, or the top)."""
        with self._lock:
            if self._state is not RunState.READY:
                raise RuntimeError(f"auto-call already {self._state}")
            self._begin(from_index)

    @_guarded
    def _begin(self, from_index: int) -> None:
        with self._lock:
            self._index = max(0, min(from_index, len(self._phones)))
            self._started_at = datetime.now(UTC)
            self._state = RunState.CLAIMING
            self._notify()
            self._schedule_next()

    @_guarded
    def pause(self) -> None:
        """Pause after the current call (and its wrap-up); at once when between calls."""
        with self._lock:
            if self._state in (RunState.READY, RunState.PAUSED, RunState.FINISHED):
                return
            if self._current is None:
                self._enter_pause(PauseReason.OPERATOR)
            else:
                self._pause_requested = True
                self._pause_reason = PauseReason.OPERATOR
                self._notify()

    @_guarded
    def cancel_pause(self) -> None:
        """Take back a pause asked for during a call: the run goes on after it."""
        with self._lock:
            if self._pause_requested and self._state is not RunState.PAUSED:
                self._pause_requested = False
                self._pause_reason = None
                self._notify()

    @_guarded
    def resume(self) -> None:
        with self._lock:
            if self._state is not RunState.PAUSED:
                return
            self._pause_requested = False
            self._pause_reason = None
            self._failures = 0
            self._message = ""
            self._state = RunState.CLAIMING
            self._notify()
            self._schedule_next()

    @_guarded
    def skip(self) -> None:
        """Move on: cancel a call that has not been answered, end a wrap-up now; when paused,
        pass over the next target. An answered call is ended with hang-up, not with skip."""
        with self._lock:
            current = self._current
            if self._state is RunState.PAUSED:
                phone = self._peek_next()
                if phone is not None:
                    self._index = self._phones.index(phone, self._index) + 1
                    self._skip(phone, SkipReason.SKIPPED)
                    self._notify()
            elif current is not None and self._state in (RunState.DIALING, RunState.RINGING):
                if current.token is not None:
                    self._placer.hang_up(current.token)
            elif self._state is RunState.WRAP_UP:
                self._end_wrap_up(*self._wrap_up_notes())

    @_guarded
    def hang_up(self) -> None:
        """End the current call, answered or not; the run goes on."""
        with self._lock:
            current = self._current
            if current is not None and current.token is not None and not current.ended:
                self._placer.hang_up(current.token)

    @_guarded
    def stop(self) -> None:
        """End the run: the current call is hung up (its row is finished as the line reports).

        Asked again while that call has not ended yet, the run ends at once (a line that never
        reports the end cannot keep the run, or its claim, alive).
        """
        with self._lock:
            if self._state is RunState.FINISHED:
                return
            again = self._stop_requested
            self._stop_requested = True
            current = self._current
            if current is None:
                self._finish(EndReason.STOPPED)
            elif current.ended:  # in wrap-up
                self._end_wrap_up(*self._wrap_up_notes())
            elif again:
                self._drop(current)
                self._finish(EndReason.STOPPED)
            elif current.token is not None:
                self._placer.hang_up(current.token)
            else:
                self._notify()

    @_guarded
    def fail(self, error: Exception) -> None:
        """An error the placer met later, away from the step that asked (a hang-up the line refused
        on the GUI thread): handled as if that step had raised it (the run pauses; when stopping,
        it ends)."""
        raise error

    @_guarded
    def finish_wrap_up(self, disposition: str | None = None, note: str | None = None) -> None:
        """End the wrap-up now, storing the disposition and note on the call's row."""
        with self._lock:
            if self._state is RunState.WRAP_UP:
                self._end_wrap_up(disposition, note)

    @_guarded
    def set_wrap_up_left(self, seconds: float) -> None:
        """Let the wrap-up in progress end ``seconds`` from now (the operator needs more time)."""
        with self._lock:
            current = self._current
            if self._state is RunState.WRAP_UP and current is not None:
                current.timers.set("wrap_up", max(0.0, seconds), lambda: self._wrap_up_over(current))

    def set_options(self, options: AutoCallOptions) -> None:
        """New options for the rest of the run (設定 changed): the next call and wrap-up use them."""
        with self._lock:
            self.options = options

    def _end_wrap_up(self, disposition: str | None, note: str | None) -> None:
        """Store what was typed in the wrap-up on the call's row, then go on."""
        current = self._current
        if current is not None and current.token is not None and (disposition or note):
            try:
                self._placer.annotate(current.token, disposition or None, note or None)
            except Exception:  # noqa: BLE001 - a failed note must not stop the run; say so in the log
                log.exception("could not store the wrap-up of %s", current.token)
        self._after_call()

    def progress(self) -> Progress:
        with self._lock:
            return self._snapshot()

    # -- the run ----------------------------------------------------------------------------------

    def _schedule_next(self) -> None:
        self._scheduler.call_later(0.0, self._next)

    @_guarded
    def _next(self) -> None:
        """Claim and dial the next target that may be called, or end the run."""
        with self._lock:
            if self._state is not RunState.CLAIMING:
                return
            if self._stop_requested:
                self._finish(EndReason.STOPPED)
                return
            if self._pause_requested:
                self._enter_pause(self._pause_reason or PauseReason.OPERATOR, self._message)
                return
            if not self.options.within_hours(self._clock()):
                start, end = self.options.calling_hours or (time(), time())
                self._enter_pause(PauseReason.OUTSIDE_HOURS, f"{start:%H:%M}-{end:%H:%M}")
                return
            try:
                self._release_leftovers()
                if self._dial_due_callback():
                    return
            except _StoreUnavailable as exc:
                self._wait(WaitReason.STORE, str(exc), STORE_RETRY)
                return
            except _OutsideHours:
                self._pause_outside_hours()
                return
            while self._index < len(self._phones):
                phone = self._phones[self._index]
                reason = SkipReason.DIALLED if phone in self._dialled else None
                if reason is None and not self._can_dial(phone):
                    reason = SkipReason.INVALID
                if reason is not None:
                    self._index += 1
                    self._skip(phone, reason)
                    continue
                try:
                    answers = self._claim_first(self._candidates())
                except _StoreUnavailable as exc:  # keep the position; try it again when the store is back
                    self._wait(WaitReason.STORE, str(exc), STORE_RETRY)
                    return
                for phone, answer in answers:
                    if answer is ClaimResult.OUTSIDE_HOURS:  # keep the position: the list's calling time is not now
                        self._pause_outside_hours()
                        return
                    self._index += 1
                    if answer is ClaimResult.CLAIMED:
                        self._position = self._index
                        self._dial(phone)
                        return
                    self._skip(phone, SkipReason(answer.value))
            self._finish(EndReason.COMPLETED)

    def _candidates(self) -> list[str]:
        """The targets from the current position that only the store can refuse now (up to
        :data:`PICK_BATCH`, stopping before one the run passes over itself)."""
        candidates: list[str] = []
        for phone in self._phones[self._index : self._index + PICK_BATCH]:
            if phone in self._dialled or phone in candidates or not self._can_dial(phone):
                break
            candidates.append(phone)
        return candidates

    def _claim_first(self, phones: list[str]) -> list[tuple[str, ClaimResult]]:
        """The store's answers for ``phones`` up to the first it grants (one transaction)."""
        try:
            return self._claims.claim_first(
                self.list_id,
                phones,
                user=self.user,
                holder=self.holder,
                ttl=self.options.claim_ttl,
                not_called_since=self._started_at,
                now=self._now(),
            )
        except Exception as exc:  # noqa: BLE001 - whatever the store raised, the run must not die
            log.debug("claim of a target failed: %s", exc)
            raise _StoreUnavailable(str(exc) or type(exc).__name__) from exc

    def _dial_due_callback(self) -> bool:
        """Dial the earliest due callback (for this user or anyone) on one of the run's targets
        that this run has not tried yet; ``False`` when there is none to dial now."""
        try:
            due = self._claims.due_callbacks(self.list_id, user=self.user, now=self._now())
        except Exception as exc:  # noqa: BLE001 - whatever the store raised, the run must not die
            raise _StoreUnavailable(str(exc) or type(exc).__name__) from exc
        for phone, due_at in due:
            if phone not in self._members or (phone, due_at) in self._callbacks_tried:
                continue
            self._callbacks_tried.add((phone, due_at))
            reason = self._claim(phone, callback_due_at=due_at)
            if reason is None:
                self._dial(phone)
                return True
            log.debug("a due callback on a target is not dialled now: %s", reason)  # its turn in order comes
        return False

    def _claim(self, phone: str, *, callback_due_at: datetime | None = None) -> SkipReason | None:
        """``None`` when the target is ours to dial now, else why it is passed over.

        For a due callback (``callback_due_at``) a number dialled earlier in this run may be
        dialled again, unless someone called it since the callback fell due.
        """
        if callback_due_at is None and phone in self._dialled:
            return SkipReason.DIALLED
        if not self._can_dial(phone):
            return SkipReason.INVALID
        try:
            result = self._claims.claim_target(
                self.list_id,
                phone,
                user=self.user,
                holder=self.holder,
                ttl=self.options.claim_ttl,
                not_called_since=callback_due_at or self._started_at,
                now=self._now(),
                callback=callback_due_at is not None,
            )
        except Exception as exc:  # noqa: BLE001 - whatever the store raised, the run must not die
            log.debug("claim of a target failed: %s", exc)
            raise _StoreUnavailable(str(exc) or type(exc).__name__) from exc
        if result is ClaimResult.OUTSIDE_HOURS:
            raise _OutsideHours
        return None if result is ClaimResult.CLAIMED else SkipReason(result.value)

    def _now(self) -> datetime:
        """The run's clock, aware (a naive clock is taken as local time)."""
        moment = self._clock()
        return moment if moment.tzinfo is not None else moment.astimezone()

    def _pause_outside_hours(self) -> None:
        """The list's calling time is not now: pause, naming its hours, and the public holiday
        when that is what closes the list today (the operator resumes)."""
        holiday = None
        try:
            rules = self._claims.list_rules(self.list_id)
            hours = rules.hours_text()
            holiday = closing_holiday(rules, self._now())
        except Exception as exc:  # noqa: BLE001 - the pause matters, its wording less
            log.debug("reading the list's rules failed: %s", exc)
            hours = ""
        self._enter_pause(PauseReason.OUTSIDE_HOURS, hours, holiday=holiday)

    def _dial(self, phone: str) -> None:
        self._dialled.add(phone)
        current = _Current(phone, _Timers(self._scheduler, self._lock))
        self._current = current
        self._state = RunState.DIALING
        self._notify()
        try:
            current.token = self._placer.place(phone, self.list_id, _Events(self, current))
        except ValueError:  # the line cannot dial this number after all
            self._release(current)
            self._current = None
            self._skip(phone, SkipReason.INVALID)
            self._state = RunState.CLAIMING
            self._schedule_next()
            return
        except LineBusy as exc:  # not registered yet, an incoming call has the line, or the store is
            # down (NotRecorded): this target again soon
            self._release(current)
            self._current = None
            self._dialled.discard(phone)
            self._index -= 1
            if isinstance(exc, NotRecorded):
                self._wait(WaitReason.STORE, str(exc), STORE_RETRY)
            else:
                self._wait(WaitReason.LINE, "", BUSY_RETRY)
            return
        except PlaceError as exc:
            now = datetime.now(UTC)
            self._ended(current, Outcome.FAILED, None, now, now, str(exc))
            return
        if self._wait_reason is WaitReason.STORE:
            log.warning("the store is back: auto-call goes on")
        self._wait_reason = None
        current.timers.set("renew", self.options.renewal_interval, lambda: self._renew(current))

    def _wait(self, reason: WaitReason, message: str, delay: float) -> None:
        if reason is WaitReason.STORE and self._wait_reason is not WaitReason.STORE:
            log.warning("auto-call waits for the store: %s", message)
        self._state = RunState.WAITING
        self._wait_reason = reason
        self._message = message
        self._notify()
        self._scheduler.call_later(delay, self._retry)

    @_guarded
    def _retry(self) -> None:
        with self._lock:
            if self._state is RunState.WAITING and self._current is None:
                self._message = ""  # _wait_reason stays until a call starts: a failed retry logs nothing new
                self._state = RunState.CLAIMING
                self._next()

    @_guarded
    def _renew(self, current: _Current) -> None:
        with self._lock:
            if self._current is not current:
                return
            try:
                if not self._claims.renew_claim(
                    self.list_id, current.phone, holder=self.holder, ttl=self.options.claim_ttl
                ):
                    log.warning("the claim on a target lapsed during its call")
            except Exception as exc:  # noqa: BLE001 - the call goes on; the claim is best effort now
                log.warning("renewing a claim failed: %s", exc)
            current.timers.set("renew", self.options.renewal_interval, lambda: self._renew(current))

    # -- what the placer reports (through _Events, on any thread) ------------------------------------

    @_guarded
    def _ringing(self, current: _Current) -> None:
        with self._lock:
            if self._current is current and self._state is RunState.DIALING:
                self._state = RunState.RINGING
                self._notify()

    @_guarded
    def _answered(self, current: _Current) -> None:
        with self._lock:
            if self._current is not current or current.ended:
                return
            self._state = RunState.TALKING
            if self.options.max_talk is not None:
                current.timers.set("max_talk", self.options.max_talk, lambda: self._talked_enough(current))
            self._notify()

    @_guarded
    def _store_waiting(self, current: _Current, message: str) -> None:
        """The call is over but its end is not written yet: the run waits for the store."""
        with self._lock:
            if self._current is not current or current.ended:
                return
            self._state = RunState.WAITING
            self._wait_reason = WaitReason.STORE
            self._message = message
            self._notify()

    @_guarded
    def _talked_enough(self, current: _Current) -> None:
        with self._lock:
            if self._current is current and not current.ended and current.token is not None:
                self._placer.hang_up(current.token)

    @_guarded
    def _ended(
        self,
        current: _Current,
        outcome: Outcome,
        sip_status: int | None,
        started_at: datetime,
        ended_at: datetime,
        message: str = "",
    ) -> None:
        with self._lock:
            if self._current is not current or current.ended:
                return
            current.ended = True
            if self._wait_reason is not None:  # the store took the call's end: waiting is over
                self._wait_reason = None
                self._message = ""
            current.timers.cancel()
            self._outcomes[outcome] += 1
            self._failures = self._failures + 1 if outcome is Outcome.FAILED else 0
            if self._failures >= FAILURES_BEFORE_PAUSE and not self._stop_requested:
                self._pause_requested = True
                self._pause_reason = PauseReason.FAILURES
                self._message = str(self._failures)
                log.warning("auto-call pauses after %d failed calls; the last: %s", self._failures, message or outcome)
            self._listener(CallCompleted(CallResult(current.phone, outcome, sip_status, started_at, ended_at)))
            if self.options.wrap_up > 0 and not self._stop_requested:
                self._state = RunState.WRAP_UP
                current.timers.set("wrap_up", self.options.wrap_up, lambda: self._wrap_up_over(current))
                self._notify()
            else:
                self._after_call()

    @_guarded
    def _wrap_up_over(self, current: _Current) -> None:
        """The wrap-up's time ran out: what was typed is saved all the same."""
        with self._lock:
            if self._current is current and self._state is RunState.WRAP_UP:
                self._end_wrap_up(*self._wrap_up_notes())

    def _after_call(self) -> None:
        current = self._current
        if current is not None:
            self._drop(current)
        self._state = RunState.CLAIMING
        if self._stop_requested:
            self._finish(EndReason.STOPPED)
        elif self._pause_requested:
            self._enter_pause(self._pause_reason or PauseReason.OPERATOR, self._message)
        else:
            self._notify()
            self._schedule_next()

    # -- helpers ----------------------------------------------------------------------------------

    def _drop(self, current: _Current) -> None:
        """Forget the current target: its timers stop and its claim goes."""
        self._current = None
        try:
            current.timers.cancel()
        finally:
            self._release(current)

    def _recover(self, error: Exception) -> None:
        """After an unexpected error in a step: release the claim unless its call still goes on,
        and leave the run paused (ended, when a stop was asked for), or pausing after that call.

        The operator sees the pause and its reason, and can resume or stop; nothing here may fail
        in turn (a listener that keeps failing is logged, not obeyed).
        """
        log.error("auto-call: unexpected error, the run %s", "ends" if self._stop_requested else "pauses", exc_info=error)
        self._message = str(error) or type(error).__name__
        current = self._current
        live = current is not None and current.token is not None and not current.ended
        try:
            if current is not None and (not live or self._stop_requested or self._state is RunState.FINISHED):
                self._drop(current)
            if self._state is RunState.FINISHED:
                return
            if self._stop_requested:
                self._finish(EndReason.STOPPED)
            elif self._current is not None:  # its call goes on; the run pauses when it ends
                self._pause_requested = True
                self._pause_reason = PauseReason.ERROR
                self._notify()
            else:
                self._enter_pause(PauseReason.ERROR, self._message)
        except Exception:  # noqa: BLE001 - the state above is set before anyone is told
            log.exception("auto-call: telling the listener about the error failed too")

    def _release(self, current: _Current) -> None:
        try:
            self._claims.release_claim(self.list_id, current.phone, holder=self.holder)
        except Exception as exc:  # noqa: BLE001 - retried before the next claim
            log.warning("releasing a claim failed (tried again before the next claim): %s", exc)
            self._unreleased.append(current.phone)

    def _release_leftovers(self) -> None:
        """Release the claims the store could not release before; ``_StoreUnavailable`` if it still cannot."""
        while self._unreleased:
            try:
                self._claims.release_claim(self.list_id, self._unreleased[0], holder=self.holder)
            except Exception as exc:  # noqa: BLE001 - whatever the store raised: wait for it
                raise _StoreUnavailable(str(exc) or type(exc).__name__) from exc
            self._unreleased.pop(0)

    def _skip(self, phone: str, reason: SkipReason) -> None:
        self._skipped[reason] += 1
        self._listener(TargetSkipped(phone, reason))

    def _enter_pause(self, reason: PauseReason, message: str = "", *, holiday: date | None = None) -> None:
        self._pause_requested = False
        self._pause_reason = reason
        self._message = message
        self._holiday = holiday
        self._state = RunState.PAUSED
        self._notify()

    def _finish(self, reason: EndReason) -> None:
        self._state = RunState.FINISHED
        self._current = None
        self._listener(RunEnded(reason, self._snapshot()))

    def _peek_next(self) -> str | None:
        for phone in self._phones[self._index :]:
            if phone not in self._dialled:
                return phone
        return None

    def _snapshot(self) -> Progress:
        current = self._current
        return Progress(
            state=self._state,
            position=self._position,
            total=len(self._phones),
            current=current.phone if current else None,
            next=self._peek_next(),
            outcomes=dict(self._outcomes),
            skipped=dict(self._skipped),
            pause_reason=self._pause_reason if self._state is RunState.PAUSED else None,
            message=self._message,
            wait_reason=self._wait_reason if self._state is RunState.WAITING else None,
            pause_pending=self._pause_requested and self._state is not RunState.PAUSED,
            holiday=self._holiday if self._state is RunState.PAUSED else None,
        )

    def _notify(self) -> None:
        self._listener(ProgressChanged(self._snapshot()))


class _Events(CallEvents):
    """One call's reports, bound to it so a late event of an earlier call changes nothing."""

    def __init__(self, engine: AutoCall, current: _Current) -> None:
        self._engine = engine
        self._current = current

    def ringing(self) -> None:
        self._engine._scheduler.call_later(0.0, lambda: self._engine._ringing(self._current))

    def answered(self) -> None:
        self._engine._scheduler.call_later(0.0, lambda: self._engine._answered(self._current))

    def ended(self, outcome: Outcome, sip_status: int | None, started_at: datetime, ended_at: datetime) -> None:
        self._engine._scheduler.call_later(
            0.0, lambda: self._engine._ended(self._current, outcome, sip_status, started_at, ended_at)
        )

    def store_waiting(self, message: str) -> None:
        self._engine._scheduler.call_later(0.0, lambda: self._engine._store_waiting(self._current, message))
