"""Value objects of the campaign side of the store (issue 14): callbacks, do-not-call entries,
dispositions, a number's history and each target's standing under its list's rules.

Plain named tuples, like ``store.views``: safe to keep, compare and pass between threads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from calllist_desktop.core.campaign_rules import Hold
from calllist_desktop.core.dial_policy import Refusal
from calllist_desktop.core.outcomes import Direction, Outcome


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone().isoformat(timespec="seconds") if moment is not None else None


class CallbackInfo(NamedTuple):
    """A callback (再架電予約) as the callbacks view, the notice and ``callbacks list`` show it."""

    id: int
    list_id: int | None
    list_name: str | None
    phone: str
    company: str  # of the number's contact ("" when it is none, or the reader may not see it)
    person: str
    for_login: str | None  # None: for anyone
    for_name: str | None
    created_by_login: str | None
    due_at: datetime
    note: str | None
    created_at: datetime
    done_at: datetime | None
    created_by_name: str | None = None  # the display name of who booked it (views show names, the CLI logins)

    def is_due(self, now: datetime) -> bool:
        return self.done_at is None and self.due_at <= now

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "phone": self.phone,
            "list": self.list_name,
            "company": self.company,
            "person": self.person,
            "to": self.for_login,
            "to_name": self.for_name,
            "created_by": self.created_by_login,
            "created_by_name": self.created_by_name,
            "due_at": _iso(self.due_at),
            "note": self.note,
            "created_at": _iso(self.created_at),
            "done_at": _iso(self.done_at),
        }


class DncEntry(NamedTuple):
    """A number on the do-not-call list (発信禁止番号)."""

    phone: str
    reason: str
    added_at: datetime
    added_by_login: str | None
    added_by_name: str | None = None  # the display name of who added it (views show names, the CLI logins)

    def to_json(self) -> dict[str, Any]:
        return {
            "phone": self.phone,
            "reason": self.reason,
            "added_at": _iso(self.added_at),
            "added_by": self.added_by_login,
            "added_by_name": self.added_by_name,
        }


class DispositionInfo(NamedTuple):
    """One word of the dispositions vocabulary (結果), in the managers' order."""

    id: int
    name: str
    ends_target: bool
    blocks_number: bool
    position: int

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ends_target": self.ends_target,
            "blocks_number": self.blocks_number,
            "position": self.position,
        }


class HistoryEntry(NamedTuple):
    """One line of a number's history: a call (``kind == "call"``) or a note written without one
    (``kind == "note"``: only ``started_at`` (when it was written), the agent and ``note`` are set).

    ``recording``: the call's recording file (migration 0008), ``None`` when it was not recorded;
    ``recording_error``: why a recording is missing or cut short, else ``None``.
    """

    kind: str
    id: int
    phone: str
    started_at: datetime
    ended_at: datetime | None
    answered_at: datetime | None
    direction: Direction | None
    outcome: Outcome | None
    sip_status: int | None
    agent_login: str | None
    agent_name: str | None
    list_id: int | None
    list_name: str | None
    disposition: str | None
    note: str | None
    hand_dialled: bool = False
    recording: str | None = None
    recording_error: str | None = None

    @property
    def duration(self) -> float | None:
        """Seconds talked (from the answer to the end), ``None`` for an unanswered call or a note."""
        if self.answered_at is None or self.ended_at is None:
            return None
        return max(0.0, (self.ended_at - self.answered_at).total_seconds())

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "started_at": _iso(self.started_at),
            "ended_at": _iso(self.ended_at),
            "direction": str(self.direction) if self.direction else None,
            "outcome": str(self.outcome) if self.outcome else None,
            "sip_status": self.sip_status,
            "agent": self.agent_login,
            "list": self.list_name,
            "disposition": self.disposition,
            "note": self.note,
            "recording": self.recording,
            "recording_error": self.recording_error,
        }


class TargetPlan(NamedTuple):
    """A target's standing under its list's rules at one moment (the operator's 発信回数 and
    次回発信可能 columns, the 「今かけられる」 filter).

    ``dialable_now`` is exactly what auto-call's claim would grant the target's assignee at that
    moment (same evaluation, same data), short of the run's own memory (numbers it dialled already).
    """

    phone: str
    attempts: int
    last_outcome: str | None
    hold: Hold | None  # why the rules hold it back now (None: they do not)
    next_at: datetime | None  # when the rules next allow it (the moment of the read when they do now)
    blocked: Refusal | None  # the do-not-call list or the numbering plan refuses it
    excluded: bool
    callback_due_at: datetime | None  # the earliest open callback on it for the reader (or anyone)
    claimed_elsewhere: bool  # another auto-call run holds it now

    @property
    def dialable_now(self) -> bool:
        return self.hold is None and self.blocked is None and not self.excluded and not self.claimed_elsewhere

    def to_json(self) -> dict[str, Any]:
        return {
            "phone": self.phone,
            "attempts": self.attempts,
            "last_outcome": self.last_outcome,
            "hold": str(self.hold) if self.hold else None,
            "next_at": _iso(self.next_at),
            "blocked": str(self.blocked) if self.blocked else None,
            "excluded": self.excluded,
            "callback_due_at": _iso(self.callback_due_at),
            "dialable_now": self.dialable_now,
        }
