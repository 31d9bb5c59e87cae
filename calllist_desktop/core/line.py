"""The telephone line as the rest of the program sees it: commands in, events out.

A line (the SIP line, the demo line) is driven by plain method calls and reports what happens
as :class:`LineEvent` values passed to one listener. Events may arrive on any thread: the
desktop client's bridge turns them into Qt signals, the CLI and the auto-call engine consume
them directly. Nothing here knows Qt or the store.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from calllist_desktop.core.i18n import Language
from calllist_desktop.core.outcomes import Direction, Outcome

log = logging.getLogger(__name__)

DEFAULT_RING_TIMEOUT = 30.0
RING_TIMEOUT_RANGE = (1.0, 600.0)  # seconds a line may ring: the settings, the account and the CLI
"""Seconds a call rings before the line gives up, unless the SIP account says otherwise."""


class Registration(StrEnum):
    """Whether the line can place and take calls."""

    OFFLINE = "offline"
    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class RegistrationChanged:
    state: Registration
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CallRinging:
    """The far end is ringing (180/183) — or, for an incoming call, we are."""

    call_id: str


@dataclass(frozen=True, slots=True)
class CallAnswered:
    call_id: str


@dataclass(frozen=True, slots=True)
class CallEnded:
    """A call is over. ``sip_status`` is the final SIP status when there was one."""

    call_id: str
    outcome: Outcome
    sip_status: int | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class IncomingCall:
    """Someone is calling us; ``remote`` is their number as the line received it."""

    call_id: str
    remote: str


LineEvent = RegistrationChanged | CallRinging | CallAnswered | CallEnded | IncomingCall
Listener = Callable[[LineEvent], None]


@dataclass(frozen=True, slots=True)
class CallInfo:
    """What the line knows about one of its calls."""

    call_id: str
    direction: Direction
    remote: str


class LineError(Exception):
    """A command the line cannot carry out (no such call, not registered, bad number)."""


class Line(ABC):
    """One telephone line. Subclasses implement the commands and call :meth:`emit`.

    ``is_demo`` lines simulate calls; the UI labels them as such wherever they show.
    """

    name: str = "line"
    is_demo: bool = False
    can_mute: bool = True  # False: set_mute raises LineError (the window greys the button out)

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def describe(self) -> str:
        """Which line this is, for people: the account for a SIP line."""
        return self.name

    def set_language(self, language: Language) -> None:  # noqa: B027 - a no-op unless overridden
        """Word the line's own texts (why registering failed, why calls have no sound) in
        ``language`` from now on. A line in this process reads ``core.i18n.current_language()`` as it
        words them, so nothing is to be done here; a line elsewhere (the phone process) is told."""

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def emit(self, event: LineEvent) -> None:
        """Hand an event to every listener, on the calling thread."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)

    @property
    @abstractmethod
    def registration(self) -> Registration: ...

    @property
    def registration_detail(self) -> str:
        """What the last :class:`RegistrationChanged` said with the state (why registering
        failed), for a view made after it; empty when there is nothing to say."""
        return ""

    @property
    def audio_problem(self) -> str:
        """Why calls on this line carry no sound ("no audio": no sound device, a server), for the
        phone and the CLI to show; empty when they do (or, for the demo line, pretend to)."""
        return ""

    @abstractmethod
    def start(self) -> None:
        """Bring the line up (register); reports :class:`RegistrationChanged`."""

    @abstractmethod
    def stop(self) -> None:
        """Hang up every call and take the line down."""

    @abstractmethod
    def dial(self, target: str) -> str:
        """Start an outbound call to ``target`` (a number or SIP URI); returns its call id."""

    @abstractmethod
    def hang_up(self, call_id: str) -> None:
        """End a call: CANCEL while it rings (outcome ``canceled``), BYE once answered."""

    @abstractmethod
    def answer(self, call_id: str) -> None: ...

    @abstractmethod
    def decline(self, call_id: str) -> None: ...

    @abstractmethod
    def send_dtmf(self, call_id: str, digits: str) -> None: ...

    @abstractmethod
    def set_mute(self, call_id: str, muted: bool) -> None: ...

    @abstractmethod
    def set_hold(self, call_id: str, held: bool) -> None: ...


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    """Runs a function later. Lets simulated lines and engines run on real time or a test clock."""

    def call_later(self, delay: float, function: Callable[[], None]) -> Cancellable: ...


class ThreadScheduler:
    """Real time: each delayed call on a daemon timer thread."""

    def call_later(self, delay: float, function: Callable[[], None]) -> Cancellable:
        timer = threading.Timer(max(0.0, delay), function)
        timer.daemon = True
        timer.start()
        return timer


class SerialScheduler:
    """Real time on one worker thread: callbacks run one at a time, in due order.

    For engines that must see events in the order they happened (the auto-call engine in the
    CLI): with :class:`ThreadScheduler` two callbacks due at once race on two threads.
    """

    def __init__(self, name: str = "scheduler") -> None:
        self._time = time.monotonic
        self._queue: list[tuple[float, int, ScheduledCall]] = []
        self._sequence = itertools.count()
        self._condition = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def call_later(self, delay: float, function: Callable[[], None]) -> Cancellable:
        call = ScheduledCall(function)
        with self._condition:
            heapq.heappush(self._queue, (self._time() + max(0.0, delay), next(self._sequence), call))
            self._condition.notify()
        return call

    def close(self) -> None:
        """Stop the worker; callbacks not yet run never run."""
        with self._condition:
            self._closed = True
            self._condition.notify()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._closed and (not self._queue or self._queue[0][0] > self._time()):
                    timeout = self._queue[0][0] - self._time() if self._queue else None
                    self._condition.wait(timeout)
                if self._closed:
                    return
                _, _, call = heapq.heappop(self._queue)
            if not call.cancelled:
                try:
                    call.function()
                except Exception:  # noqa: BLE001 - one failing callback must not stop the others
                    log.exception("scheduled callback failed")


class ScheduledCall:
    """A function due later on one worker thread; :meth:`cancel` keeps it from running."""

    __slots__ = ("cancelled", "function")

    def __init__(self, function: Callable[[], None]) -> None:
        self.function = function
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
