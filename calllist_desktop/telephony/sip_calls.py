"""The SIP line's calls: their state, and which of them a stack event is about.

The stack names a call by a numeric handle that :meth:`baresip.UserAgent.dial` returns — but the
call's first events (ringing, even its end) can reach the loop before ``dial()`` has returned
that handle. :class:`CallTable` keeps those events aside while a dial is in flight and hands them
over when the handle is known, so no early event is lost (handlers attached to a ``Call`` after
``dial()`` returned missed them in a trial).
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from dataclasses import dataclass, field
from typing import Any

from calllist_desktop.core.line import CallInfo, LineError
from calllist_desktop.core.outcomes import Direction


@dataclass(eq=False)
class SipCall:
    """One call's state. Fields change on the line's loop thread only."""

    info: CallInfo
    stack_call: Any = None  # baresip.Call once the stack has it
    rang: bool = False
    answered: bool = False
    ended_by_us: str | None = None  # why we ended it, once we did
    timed_out: bool = False
    finished: bool = False
    timers: list[asyncio.TimerHandle] = field(default_factory=list)

    def cancel_timers(self) -> None:
        for timer in self.timers:
            timer.cancel()
        self.timers.clear()


class CallTable:
    """Our calls by id (read from any thread) and by the stack's handle (loop thread only)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, SipCall] = {}
        self._by_handle: dict[int, SipCall] = {}
        self._early: dict[int, list[Any]] = {}  # events of handles no call has claimed yet
        self._ids = itertools.count(1)
        self.dials_in_flight = 0

    def new(self, direction: Direction, remote: str, stack_call: Any = None) -> SipCall:
        """A new call with the next id (``sip-1``, ``sip-2`` …); an incoming one has its handle."""
        with self._lock:
            call = SipCall(CallInfo(f"sip-{next(self._ids)}", direction, remote), stack_call=stack_call)
            self._by_id[call.info.call_id] = call
        if stack_call is not None:
            self._by_handle[stack_call.handle] = call
        return call

    def live(self, call_id: str) -> SipCall:
        """The call in progress with this id, or a :class:`LineError` saying there is none."""
        with self._lock:
            call = self._by_id.get(call_id)
        if call is None:
            raise LineError(f"no call {call_id!r} in progress on the SIP line")
        return call

    def in_progress(self) -> list[SipCall]:
        with self._lock:
            return [call for call in self._by_id.values() if not call.finished]

    def bind(self, call: SipCall, stack_call: Any) -> list[Any]:
        """Give ``call`` its stack call; returns the events that came for it before (in order)."""
        call.stack_call = stack_call
        self._by_handle[stack_call.handle] = call
        early = self._early.pop(stack_call.handle, [])
        if not self.dials_in_flight:
            self._early.clear()  # nobody can claim the rest: events of calls that are not ours
        return early

    def route(self, event: Any) -> SipCall | None:
        """The call a stack event is about; ``None`` (kept aside while a dial is in flight)."""
        call = self._by_handle.get(event.call)
        if call is None and self.dials_in_flight:
            self._early.setdefault(event.call, []).append(event)
        return call

    def retire(self, call: SipCall) -> bool:
        """Mark the call finished and forget it; ``False`` if it already was (end it only once)."""
        with self._lock:
            if call.finished:
                return False
            call.finished = True
            self._by_id.pop(call.info.call_id, None)
        call.cancel_timers()
        if call.stack_call is not None:
            self._by_handle.pop(call.stack_call.handle, None)
        return True

    def clear_handles(self) -> None:
        """Forget the stack's handles (the stack is gone; a new one reuses the numbers)."""
        self._by_handle.clear()
        self._early.clear()
