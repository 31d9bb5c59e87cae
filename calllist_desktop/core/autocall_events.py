"""The auto-call engine's vocabulary: run states, why targets are skipped or runs pause, options,
progress snapshots and the events a listener hears (SPEC §5).

Kept apart from the engine (:mod:`calllist_desktop.core.autocall`) so the window, the CLI and the
tests can speak of a run without the engine's machinery; the engine re-exports every name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from calllist_desktop.core.claims import DEFAULT_CLAIM_TTL
from calllist_desktop.core.outcomes import Outcome


class RunState(StrEnum):
    READY = "ready"  # built, not started
    CLAIMING = "claiming"  # choosing and claiming the next target
    DIALING = "dialing"
    RINGING = "ringing"
    TALKING = "talking"
    WRAP_UP = "wrap_up"  # 後処理 after a call
    WAITING = "waiting"  # the line or the store is not ready (``Progress.wait_reason``): trying again shortly
    PAUSED = "paused"
    FINISHED = "finished"


class SkipReason(StrEnum):
    """Why a target was passed over without a call."""

    EXCLUDED = "excluded"  # 発信対象外, by anyone, up to the moment of the claim
    HELD_ELSEWHERE = "held_elsewhere"  # another client is dialling it
    GONE = "gone"  # removed from the list or assigned to someone else
    CALLED = "called"  # another client (the same person's other window) called it during this run
    INVALID = "invalid"  # the line cannot dial this number
    DIALLED = "dialled"  # already dialled in this run
    SKIPPED = "skipped"  # the operator skipped it before it was dialled
    BLOCKED = "blocked"  # on the do-not-call list, or a premium-rate/international number not allowed
    DONE = "done"  # the list's rules end it (an ending outcome or disposition, attempts used up)
    NOT_YET = "not_yet"  # the retry delay after its last call is not over


class PauseReason(StrEnum):
    """Why a run is paused: the operator asked, or the engine stopped itself (the UI says which)."""

    OPERATOR = "operator"
    FAILURES = "failures"  # FAILURES_BEFORE_PAUSE calls failed in a row: the line, not the numbers
    STORE = "store"  # kept for old listeners: the store's outages now make a run wait (WaitReason.STORE)
    OUTSIDE_HOURS = "outside_hours"  # the list's calling time (or the old per-computer guard); message: the hours
    ERROR = "error"  # something failed unexpectedly inside the run (a bug, a line or store error)


class WaitReason(StrEnum):
    """What a waiting run waits for; it goes on by itself once that is back."""

    LINE = "line"  # not registered, or busy with a call the run did not place
    STORE = "store"  # the store cannot be reached: a claim, a call's start or end is retried


class EndReason(StrEnum):
    COMPLETED = "completed"  # every target was dealt with
    STOPPED = "stopped"  # the operator stopped the run


WRAP_UP_RANGE = (0.0, 3600.0)
"""Seconds of wrap-up an option may ask for (the settings dialog offers up to 600)."""
MAX_TALK_RANGE = (1.0, 4 * 3600.0)
CLAIM_TTL_RANGE = (1.0, 3600.0)
"""Seconds a claim may live without renewal; short ones only in tests that renew fast."""


def check_seconds(name: str, value: float, limits: tuple[float, float]) -> float:
    """``value`` when it is a finite number of seconds within ``limits``, else ``ValueError``.

    Every number a run is given passes here: a NaN compares false with everything, so
    ``nan <= 0`` let ``--ring-timeout nan`` through as a 0-second call, and an infinite delay
    hangs the timer that waits for it.
    """
    low, high = limits  # finite: a NaN or an infinity is never between them
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        shown = repr(value) if not isinstance(value, int) or abs(value) < 10**20 else "a huge number"
        raise ValueError(f"{name} must be a number of seconds from {low:g} to {high:g}, not {shown}")
    return value


@dataclass(frozen=True, slots=True)
class AutoCallOptions:
    wrap_up: float = 0.0
    """Seconds of wrap-up after each call; 0 goes straight to the next target."""
    max_talk: float | None = None
    """Hang up an answered call after this many seconds (headless runs); ``None``: never."""
    claim_ttl: float = DEFAULT_CLAIM_TTL
    claim_renewal: float | None = None
    """Seconds between renewals of the claim during a call; ``None``: a third of ``claim_ttl``, at
    least a second. Shorter than ``claim_ttl``, or the claim lapses between renewals."""
    calling_hours: tuple[time, time] | None = None
    """Local times between which calls may start (the calling-hours guard); ``None``: any time."""

    def __post_init__(self) -> None:
        check_seconds("wrap_up", self.wrap_up, WRAP_UP_RANGE)
        if self.max_talk is not None:
            check_seconds("max_talk", self.max_talk, MAX_TALK_RANGE)
        check_seconds("claim_ttl", self.claim_ttl, CLAIM_TTL_RANGE)
        if self.calling_hours is not None and not (
            len(self.calling_hours) == 2 and all(isinstance(moment, time) for moment in self.calling_hours)
        ):
            raise ValueError(f"calling_hours must be two times of day, not {self.calling_hours!r}")
        if self.claim_renewal is not None and not 0 < self.claim_renewal < self.claim_ttl:
            raise ValueError(f"claim_renewal must be above 0 and below claim_ttl ({self.claim_ttl}), not {self.claim_renewal}")

    @property
    def renewal_interval(self) -> float:
        """How often a claim is renewed during a call."""
        return self.claim_renewal if self.claim_renewal is not None else max(1.0, self.claim_ttl / 3)

    def within_hours(self, moment: datetime) -> bool:
        if self.calling_hours is None:
            return True
        start, end = self.calling_hours
        now = moment.time()
        return start <= now < end if start <= end else (now >= start or now < end)


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of a run, for the progress bar: n of m, the current and next target, counts."""

    state: RunState
    position: int  # 1-based position of the current (or last) target in the run's order; 0 before
    total: int
    current: str | None  # phone (E.164) being called or wrapped up
    next: str | None  # the phone the run will try next, if it is known
    outcomes: Mapping[Outcome, int]
    skipped: Mapping[SkipReason, int]
    pause_reason: PauseReason | None = None  # set while paused
    message: str = ""  # details of a pause the engine chose or of a wait (the error, the count), for the log and UI
    wait_reason: WaitReason | None = None  # set while waiting
    pause_pending: bool = False  # the run pauses once the current call (and its wrap-up) is over
    # An OUTSIDE_HOURS pause on a public holiday the list skips: its day (core.campaign_rules.
    # holiday_name names it in the language of whoever shows it: 勤労感謝の日, Labor Thanksgiving Day).
    holiday: date | None = None

    @property
    def called(self) -> int:
        return sum(self.outcomes.values())


@dataclass(frozen=True, slots=True)
class CallResult:
    phone: str
    outcome: Outcome
    sip_status: int | None
    started_at: datetime
    ended_at: datetime


@dataclass(frozen=True, slots=True)
class ProgressChanged:
    progress: Progress


@dataclass(frozen=True, slots=True)
class CallCompleted:
    result: CallResult


@dataclass(frozen=True, slots=True)
class TargetSkipped:
    phone: str
    reason: SkipReason


@dataclass(frozen=True, slots=True)
class RunEnded:
    reason: EndReason
    progress: Progress


AutoCallEvent = ProgressChanged | CallCompleted | TargetSkipped | RunEnded
