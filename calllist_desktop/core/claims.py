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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class ClaimResult(StrEnum):
    """The answer to a claim: granted, or why not."""

    CLAIMED = "claimed"
    EXCLUDED = "excluded"  # the target is marked 発信対象外
    HELD_ELSEWHERE = "held_elsewhere"  # another live claim holds it (another client dials it)
    GONE = "gone"  # no longer in the list, or no longer assigned to the claiming user
    CALLED = "called"  # called (by anyone, from any client) since ``not_called_since``


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
    ) -> ClaimResult:
        """Claim a target for ``holder`` (one auto-call run) acting as ``user``.

        Atomic: the excluded flag, the assignee, the number's last call (when
        ``not_called_since`` is given: a call that started at or after it refuses the claim, so
        two clients of one operator running at once do not call a number twice in one pass) and
        other claims are checked in the same transaction that takes the claim. Claiming again by
        the same holder renews it.
        """
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

    def put(self, list_id: int, phone: str, state: TargetState | None) -> None:
        """Add, change or (``None``) remove a target."""
        with self._lock:
            if state is None:
                self._targets.pop((list_id, phone), None)
            else:
                self._targets[(list_id, phone)] = state

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
    ) -> ClaimResult:
        key = (list_id, phone)
        with self._lock:
            state = self._targets.get(key)
            if state is None or state.assignee != user:
                return ClaimResult.GONE
            if state.excluded:
                return ClaimResult.EXCLUDED
            if not_called_since is not None and state.last_call_at is not None and state.last_call_at >= not_called_since:
                return ClaimResult.CALLED
            now = self._clock()
            claim = self._claims.get(key)
            if claim and claim.holder != holder and claim.expires_at > now:
                return ClaimResult.HELD_ELSEWHERE
            self._claims[key] = _Claim(holder, now + ttl)
            return ClaimResult.CLAIMED

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
