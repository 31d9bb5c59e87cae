"""The SIP line's calls: their state by our id, readable from any thread.

With pjsua2 the line makes the call object itself before the INVITE goes out, so PJSIP's
callbacks always find their call (baresip named calls by a handle known only after ``dial()``
returned, and early events had to be kept aside). What stays is the bookkeeping: ids, the
flags the outcome is read from, the timers, and ending each call exactly once.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from calllist_desktop.core.line import CallInfo, LineError
from calllist_desktop.core.outcomes import Direction


@dataclass(eq=False)
class SipCall:
    """One call's state. Fields change on the PJSIP thread only."""

    info: CallInfo
    stack_call: Any = None  # sip_pj.StackCall once the call exists in PJSIP
    rang: bool = False
    answered: bool = False
    ended_by_us: str | None = None  # why we ended it, once we did
    timed_out: bool = False
    finished: bool = False
    audio_attached: bool = False
    audio_port: int | None = None  # the conference port the audio path was joined to
    timers: list[Any] = field(default_factory=list)  # pj_endpoint.Timer

    def cancel_timers(self) -> None:
        for timer in self.timers:
            timer.cancel()
        self.timers.clear()


class CallTable:
    """Our calls by id (``sip-1``, ``sip-2`` …, after ``prefix``); finished calls are forgotten."""

    def __init__(self, prefix: str = "sip-") -> None:
        self._prefix = prefix
        self._lock = threading.Lock()
        self._by_id: dict[str, SipCall] = {}
        self._ids = itertools.count(1)

    def new(self, direction: Direction, remote: str) -> SipCall:
        with self._lock:
            call = SipCall(CallInfo(f"{self._prefix}{next(self._ids)}", direction, remote))
            self._by_id[call.info.call_id] = call
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

    def retire(self, call: SipCall) -> bool:
        """Mark the call finished and forget it; ``False`` if it already was (end it only once)."""
        with self._lock:
            if call.finished:
                return False
            call.finished = True
            self._by_id.pop(call.info.call_id, None)
        call.cancel_timers()
        return True


class DialPacer:
    """Spaces call starts so PJSIP never runs out of socket slots, which would abort the program.

    Each call opens two media sockets, and PJSIP's socket poller (64 slots) frees a closed
    socket's slot only 500 ms later. Calls that end at once (a PBX answering 404 in a few
    milliseconds) would fill it in a fraction of a second, and PJSIP asserts. At most
    ``per_window`` calls start in any ``window`` seconds; an auto-call run meets the limit only
    when every call fails instantly.
    """

    def __init__(self, per_window: int = 16, window: float = 0.6) -> None:
        self._per_window = per_window
        self._window = window
        self._starts: deque[float] = deque()

    def delay(self) -> float:
        """Seconds to wait before the next call may start (0: now, and it is counted as started)."""
        now = time.monotonic()
        while self._starts and now - self._starts[0] >= self._window:
            self._starts.popleft()
        if len(self._starts) >= self._per_window:
            return self._starts[0] + self._window - now
        self._starts.append(now)
        return 0.0
