"""Claims on targets: how auto-call makes sure two clients never dial one target at once.

Before auto-call dials a target it *claims* it. A claim is granted only when the target is still
in the list, still assigned to the claiming user, not excluded (re-read at that moment, so an
exclusion by anyone takes effect before the next dial) and not held by another live claim. A claim
expires ``ttl`` seconds after it was taken or last renewed, so a client that dies frees its
target; the holder renews it while the call lasts and releases it when done.

The store implements :class:`TargetClaims` over a table shared by every client (SQLite file or
PostgreSQL server); :class:`MemoryClaims` is the same contract in memory for tests and for a
store-less demo. Nothing here knows Qt or SQL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from calllist_desktop.core.campaign_rules import Hold, ListRules, TargetHistory, evaluate


class ClaimResult(StrEnum):
    """The answer to a claim: granted, or why not."""

    CLAIMED = "claimed"
    EXCLUDED = "excluded"  # the target is marked 発信対象外
    HELD_ELSEWHERE = "held_elsewhere"  # another live claim holds it (another client dials it)
    GONE = "gone"  # no longer in the list, or no longer assigned to the claiming user
    CALLED = "called"  # called (by anyone, from any client) since ``not_called_since``
    BLOCKED = "blocked"  # on the do-not-call list, or a premium-rate/international number not allowed
    DONE = "done"  # the list's rules end it: an ending outcome or disposition, or attempts used up
    NOT_YET = "not_yet"  # the retry delay after its last call is not over
    OUTSIDE_HOURS = "outside_hours"  # not a calling time of the list (hours, days, public holidays)


HOLD_ANSWERS = {
    Hold.IN_PROGRESS: ClaimResult.HELD_ELSEWHERE,  # a call to it from its list is going on
    Hold.ENDED: ClaimResult.DONE,
    Hold.ATTEMPTS: ClaimResult.DONE,
    Hold.RETRY_DELAY: ClaimResult.NOT_YET,
    Hold.OUTSIDE_HOURS: ClaimResult.OUTSIDE_HOURS,
}
"""How a hold of the list's rules answers a claim (the store's claim and :class:`MemoryClaims`)."""

DEFAULT_CLAIM_TTL = 90.0
"""Seconds a claim lives without renewal; auto-call renews it while a call lasts."""


class TargetClaims(Protocol):
    """Claims on (list, phone) targets, shared by every client of one store."""

    def claim_target(
        self,
        list_id: int,
        phone: str,
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
        callback: bool = False,
    ) -> ClaimResult:
        """Claim a target for ``holder`` (one auto-call run) acting as ``user``.

        Atomic: the excluded flag, the assignee, the do-not-call list, the list's campaign rules
        at ``now`` (``core.campaign_rules``; ``callback``: claimed for a due callback, which
        lifts the attempts, ending and retry rules), the number's last call (when
        ``not_called_since`` is given: a call that started at or after it refuses the claim, so
        two clients of one operator running at once do not call a number twice in one pass) and
        other claims are checked in the same transaction that takes the claim. Claiming again by
        the same holder renews it.
        """
        ...

    def claim_first(
        self,
        list_id: int,
        phones: Sequence[str],
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
    ) -> list[tuple[str, ClaimResult]]:
        """Claim the first of ``phones`` (in order) that :meth:`claim_target` would grant, at
        once: the answer for each phone up to and including the one claimed (or the first
        ``OUTSIDE_HOURS``, or all of them). Auto-call's pick of its next target."""
        ...

    def due_callbacks(self, list_id: int, *, user: str, now: datetime | None = None) -> list[tuple[str, datetime]]:
        """Numbers of the list with a callback due at ``now`` for ``user`` or anyone, earliest
        first, with the time each was due: auto-call dials these first."""
        ...

    def list_rules(self, list_id: int) -> ListRules:
        """The list's campaign rules (for the run's messages: the calling hours)."""
        ...

    def renew_claim(self, list_id: int, phone: str, *, holder: str, ttl: float) -> bool:
        """Extend ``holder``'s claim; ``False`` when it has expired and been taken by another."""
        ...

    def release_claim(self, list_id: int, phone: str, *, holder: str) -> None:
        """Give a claim up (no error when it is already gone)."""
        ...


@dataclass(frozen=True, slots=True)
class TargetState:
    """What :class:`MemoryClaims` knows of a target."""

    assignee: str | None
    excluded: bool = False
    last_call_at: datetime | None = None
    blocked: bool = False  # on the do-not-call list
    history: TargetHistory = TargetHistory()  # its calls in the list, for the rules


@dataclass(slots=True)
class _Claim:
    holder: str
    expires_at: float


class MemoryClaims:
    """:class:`TargetClaims` in memory; targets are set up with :meth:`put`."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._targets: dict[tuple[int, str], TargetState] = {}
        self._claims: dict[tuple[int, str], _Claim] = {}
        self._rules: dict[int, ListRules] = {}
        self._callbacks: dict[tuple[int, str], tuple[str | None, datetime]] = {}  # -> (for whom, due)

    def put(self, list_id: int, phone: str, state: TargetState | None) -> None:
        """Add, change or (``None``) remove a target."""
        with self._lock:
            if state is None:
                self._targets.pop((list_id, phone), None)
            else:
                self._targets[(list_id, phone)] = state

    def set_rules(self, list_id: int, rules: ListRules) -> None:
        with self._lock:
            self._rules[list_id] = rules

    def list_rules(self, list_id: int) -> ListRules:
        with self._lock:
            return self._rules.get(list_id, ListRules())

    def put_callback(self, list_id: int, phone: str, due_at: datetime | None, user: str | None = None) -> None:
        """Book (or with ``due_at`` None, drop) the one callback a target may have here."""
        with self._lock:
            if due_at is None:
                self._callbacks.pop((list_id, phone), None)
            else:
                self._callbacks[(list_id, phone)] = (user, due_at)

    def due_callbacks(self, list_id: int, *, user: str, now: datetime | None = None) -> list[tuple[str, datetime]]:
        moment = now or datetime.now().astimezone()
        with self._lock:
            due = [
                (phone, at)
                for (lid, phone), (whom, at) in self._callbacks.items()
                if lid == list_id and whom in (None, user) and at <= moment
                and (state := self._targets.get((lid, phone))) is not None and state.assignee == user
            ]
        return sorted(due, key=lambda item: (item[1], item[0]))

    def holder(self, list_id: int, phone: str) -> str | None:
        """The live holder of a target's claim, if any."""
        with self._lock:
            claim = self._claims.get((list_id, phone))
            return claim.holder if claim and claim.expires_at > self._clock() else None

    def claim_target(
        self,
        list_id: int,
        phone: str,
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
        callback: bool = False,
    ) -> ClaimResult:
        key = (list_id, phone)
        moment = now or datetime.now().astimezone()
        with self._lock:
            state = self._targets.get(key)
            if state is None or state.assignee != user:
                return ClaimResult.GONE
            if state.excluded:
                return ClaimResult.EXCLUDED
            if state.blocked:
                return ClaimResult.BLOCKED
            booked = self._callbacks.get(key)
            due = callback and booked is not None and booked[0] in (None, user) and booked[1] <= moment
            held = evaluate(self._rules.get(list_id, ListRules()), state.history, moment, callback_due=due).hold
            if held is not None:
                return HOLD_ANSWERS[held]
            if not_called_since is not None and state.last_call_at is not None and state.last_call_at >= not_called_since:
                return ClaimResult.CALLED
            clock_now = self._clock()
            claim = self._claims.get(key)
            if claim and claim.holder != holder and claim.expires_at > clock_now:
                return ClaimResult.HELD_ELSEWHERE
            self._claims[key] = _Claim(holder, clock_now + ttl)
            return ClaimResult.CLAIMED

    def claim_first(
        self,
        list_id: int,
        phones: Sequence[str],
        *,
        user: str,
        holder: str,
        ttl: float,
        not_called_since: datetime | None = None,
        now: datetime | None = None,
    ) -> list[tuple[str, ClaimResult]]:
        answers: list[tuple[str, ClaimResult]] = []
        for phone in phones:
            answer = self.claim_target(
                list_id, phone, user=user, holder=holder, ttl=ttl, not_called_since=not_called_since, now=now
            )
            answers.append((phone, answer))
            if answer in (ClaimResult.CLAIMED, ClaimResult.OUTSIDE_HOURS):
                break
        return answers

    def renew_claim(self, list_id: int, phone: str, *, holder: str, ttl: float) -> bool:
        key = (list_id, phone)
        with self._lock:
            claim = self._claims.get(key)
            now = self._clock()
            if claim is None or (claim.holder != holder and claim.expires_at > now):
                return False
            self._claims[key] = _Claim(holder, now + ttl)
            return True

    def release_claim(self, list_id: int, phone: str, *, holder: str) -> None:
        key = (list_id, phone)
        with self._lock:
            claim = self._claims.get(key)
            if claim is not None and claim.holder == holder:
                del self._claims[key]
