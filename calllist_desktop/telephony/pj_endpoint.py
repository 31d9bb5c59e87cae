"""The process's one PJSIP endpoint and the one thread that talks to it.

PJSIP allows one ``pjsua2.Endpoint`` per process, every thread that calls it must be registered,
and a call or media port destroyed after ``Endpoint.libDestroy()`` aborts the process (an
assertion in conference.c). So the endpoint is owned here and only here:

- :func:`pj_thread` starts it once, on first use (never at import: the CLI's start must not pay
  for it), on a daemon thread of ours, ``calllist-pjsip``. PJSIP runs with no worker threads of
  its own (``threadCnt = 0``): this thread polls ``libHandleEvents`` and runs every job handed to
  it, so all SIP callbacks and commands happen on one thread, in order, with no locks around
  PJSIP state. The conference clock of the null sound device keeps its own (PJSIP-made) thread,
  which is where a media port's frame callbacks run.
- :func:`shutdown` (also run at interpreter exit) runs the registered ``before_destroy`` hooks
  (lines hang up and drop their calls; the audio path drops its ports), then ``libDestroy`` on
  the same thread. A later :func:`pj_thread` starts a new endpoint (the old one's objects are
  gone by then).
- The media settings are the audio path's (``telephony.audio``): the conference bridge runs at
  :data:`CLOCK_RATE` on the null sound device, without PJSIP's echo canceller (it needs a real
  device clock, which the program's own audio path does not give it).
- :func:`claim` gives the SIP stack to one line at a time (transports and the default account are
  the endpoint's, not a line's).
"""

from __future__ import annotations

import atexit
import gc
import heapq
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from calllist_desktop.core.line import LineError
from calllist_desktop.core.line import ScheduledCall as Timer

log = logging.getLogger(__name__)
T = TypeVar("T")

CLOCK_RATE = 16000  # the conference bridge's rate; ports at other rates are resampled by PJSIP
POLL_SECONDS = 0.005  # the longest a job waits for the poll to return; the gap between calls pays it
START_TIMEOUT = 10.0
DESTROY_WAIT_MIN = 0.5  # seconds the stack runs after the shutdown hooks, for hang-ups to leave
DESTROY_WAIT_MAX = 3.0  # ... and at most, for a stopping line to unregister and let go of the stack

_lock = threading.Lock()
_thread: PjThread | None = None
_holder: object | None = None  # the line that holds the SIP stack
_before_destroy: list[Callable[[], None]] = []


class PjThread:
    """The thread that owns the endpoint: runs jobs and timers between polls of PJSIP's events."""

    def __init__(self) -> None:
        self.endpoint: Any = None
        self._jobs: list[tuple[float, int, Timer]] = []
        self._sequence = itertools.count()
        self._jobs_lock = threading.Lock()
        self._closing = False
        self._gone = False  # the endpoint is destroyed: no job can run any more
        self._started: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, name="calllist-pjsip", daemon=True)

    def start(self) -> None:
        self._thread.start()
        try:
            self._started.result(START_TIMEOUT)
        except TimeoutError:
            raise LineError("the SIP stack (PJSIP) did not start in time") from None

    def is_current(self) -> bool:
        """Whether the caller is this thread (where waiting for it would deadlock)."""
        return threading.current_thread() is self._thread

    def call_later(self, delay: float, function: Callable[[], None]) -> Timer:
        timer = Timer(function)
        with self._jobs_lock:
            if self._gone:  # jobs made while the endpoint is being destroyed still run (see _destroy)
                raise LineError("the SIP stack has been shut down")
            heapq.heappush(self._jobs, (time.monotonic() + max(0.0, delay), next(self._sequence), timer))
        return timer

    def call_soon(self, function: Callable[[], None]) -> Timer:
        return self.call_later(0.0, function)

    def run(self, function: Callable[[], T], timeout: float) -> T:
        """Run ``function`` on this thread and return its result (or raise its exception).

        Called on this thread it runs at once: a listener may command the line.
        """
        if self.is_current():
            return function()
        future: Future[T] = Future()

        def job() -> None:
            try:
                future.set_result(function())
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                future.set_exception(exc)

        self.call_soon(job)
        try:
            return future.result(timeout)
        except TimeoutError:
            raise LineError("the SIP stack did not respond in time") from None

    def stop(self) -> None:
        """Destroy the endpoint (on this thread) and end the thread."""
        with self._jobs_lock:
            self._closing = True
        if not self.is_current():
            self._thread.join(START_TIMEOUT)

    def _run(self) -> None:
        try:
            self.endpoint = _create_endpoint()
        except BaseException as exc:  # noqa: BLE001 - handed to start()
            self._started.set_exception(LineError(f"the SIP stack (PJSIP) could not start: {_reason(exc)}"))
            return
        self._started.set_result(None)
        while True:
            with self._jobs_lock:
                closing = self._closing
            if closing:
                break
            self._run_due_jobs()
            self.endpoint.libHandleEvents(int(self._next_wait() * 1000))
        self._destroy()

    def _next_wait(self) -> float:
        with self._jobs_lock:
            if not self._jobs:
                return POLL_SECONDS
            return min(POLL_SECONDS, max(0.0, self._jobs[0][0] - time.monotonic()))

    def _run_due_jobs(self) -> None:
        while True:
            with self._jobs_lock:
                if not self._jobs or self._jobs[0][0] > time.monotonic():
                    return
                _, _, timer = heapq.heappop(self._jobs)
            if not timer.cancelled:
                try:
                    timer.function()
                except Exception:  # noqa: BLE001 - one failing job must not stop the SIP thread
                    log.exception("a job on the SIP thread failed")

    def _destroy(self) -> None:
        for hook in reversed(
            _before_destroy
        ):  # last registered first: lines (made last) before the audio path
            try:
                hook()
            except Exception:  # noqa: BLE001 - the endpoint must still be destroyed
                log.exception("a SIP shutdown hook failed")
        # Let hang-ups leave, and a line that is stopping finish: it unregisters, then closes its
        # account and transport, and releases the stack (bounded: a registrar may not answer).
        started = time.monotonic()
        while True:
            elapsed = time.monotonic() - started
            with _lock:
                line_stopping = _holder is not None
            if elapsed >= DESTROY_WAIT_MAX or (elapsed >= DESTROY_WAIT_MIN and not line_stopping):
                break
            self._run_due_jobs()
            self.endpoint.libHandleEvents(10)
        with self._jobs_lock:
            self._gone = True
            self._jobs.clear()  # cancelled timers still hold calls
        gc.collect()  # calls and media ports that nothing holds any more go before the endpoint
        try:
            self.endpoint.libDestroy()
        except Exception as exc:  # noqa: BLE001 - at exit, say it and go on
            log.warning("destroying the SIP stack: %s", _reason(exc))


def _create_endpoint() -> Any:
    import pjsua2 as pj

    _quiet_until_configured()
    endpoint = _endpoint_class()()
    endpoint.libCreate()
    config = pj.EpConfig()
    config.uaConfig.threadCnt = 0  # no PJSIP worker: our thread polls (see the module notes)
    config.uaConfig.mainThreadOnly = False
    config.uaConfig.userAgent = "CallList Desktop"
    config.uaConfig.maxCalls = (
        32  # the most PJSIP is built for; hung-up calls hold a slot until the far end answers
    )
    # The writer gets what passes consoleLevel (PJSIP's console is our writer); 5 shows every message.
    config.logConfig.level = config.logConfig.consoleLevel = int(
        os.environ.get("CALLLIST_PJSIP_LOG_LEVEL", "3")
    )
    config.logConfig.msgLogging = 0
    config.logConfig.writer = _log_writer()
    config.medConfig.clockRate = config.medConfig.sndClockRate = CLOCK_RATE
    config.medConfig.ecTailLen = 0  # no echo canceller: it needs a device clock (module notes)
    config.medConfig.noVad = True  # silence is sent as silence: a muted operator stays on the line
    endpoint.libInit(config)
    endpoint.audDevManager().setNullDev()  # our audio path is the program's own (SPEC §6)
    endpoint.libStart()
    return endpoint


def _endpoint_class() -> Any:
    """``pjsua2.Endpoint`` that remembers why the last TLS server failed verification.

    PJSIP drops a connection whose certificate fails and tells the registration only
    "certificate verification error"; the reason (issuer unknown, another name, expired) comes
    with the transport's state. ``tls_failure`` keeps its ``PJ_SSL_CERT_E*`` bits and PJSIP's own
    words for the line to say (set and read on the PJSIP thread).
    """
    import pjsua2 as pj

    class Endpoint(pj.Endpoint):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.tls_failure: tuple[int, tuple[str, ...]] = (0, ())

        def onTransportState(self, prm: Any) -> None:  # noqa: N802 - pjsua2's name
            info = prm.tlsInfo
            if not info.isEmpty() and info.verifyStatus and prm.state == pj.PJSIP_TP_STATE_DISCONNECTED:
                self.tls_failure = (
                    int(info.verifyStatus) & 0xFFFFFFFF,
                    tuple(str(m) for m in info.verifyMsgs),
                )

    return Endpoint


def _quiet_until_configured() -> None:
    """Keep PJSIP's start-up lines ("pjlib 2.15.1 for POSIX initialized") off standard output.

    ``libCreate`` logs at level 4 to stdout before ``libInit`` can hand the log to our writer,
    and stdout is the CLI's (``autocall --json``). Lowering PJSIP's level first needs its C
    function, which the Linux module exports; where it does not (Windows), the lines stay.
    """
    import ctypes

    import pjsua2

    try:
        ctypes.CDLL(pjsua2._pjsua2.__file__).pj_log_set_level(0)
    except (OSError, AttributeError) as exc:
        log.debug("PJSIP's start-up log cannot be silenced here: %s", exc)


def _log_writer() -> Any:
    """A new PJSIP log writer: PJSIP's log lines to Python logging (at debug, warnings and errors
    above it). One per endpoint, handed over to it (``__disown__``): ``libDestroy`` deletes the
    endpoint's writer, and a writer kept by Python for the next endpoint crashed its start."""
    import pjsua2 as pj

    class Writer(pj.LogWriter):  # type: ignore[misc]
        def write(self, entry: Any) -> None:
            level = logging.WARNING if entry.level <= 1 else logging.DEBUG
            log.log(level, "pjsip: %s", entry.msg.rstrip())

    writer = Writer()
    return writer.__disown__()


def _reason(exc: BaseException) -> str:
    """A pjsua2 error's own words (its ``info()``), else the exception's text."""
    info = getattr(exc, "info", None)
    if callable(info):
        try:
            return str(info()).strip()
        except Exception:  # noqa: BLE001 - a failing description must not hide the error
            pass
    return str(exc) or type(exc).__name__


error_text = _reason


def pj_thread() -> PjThread:
    """The running PJSIP thread, started on the first call; :class:`LineError` when it cannot be."""
    global _thread
    with _lock:
        if _thread is None:
            thread = PjThread()
            thread.start()
            _thread = thread
            atexit.unregister(shutdown)  # once, however often the endpoint is started again
            atexit.register(shutdown)
        return _thread


def is_running() -> bool:
    """Whether the endpoint's thread runs now (without starting it)."""
    with _lock:
        return _thread is not None


def running_endpoint() -> Any:
    """The endpoint of the running PJSIP thread (without starting one), else ``None``."""
    with _lock:
        return _thread.endpoint if _thread is not None else None


def before_destroy(hook: Callable[[], None]) -> None:
    """Run ``hook`` on the PJSIP thread before the endpoint is destroyed (drop calls and ports).

    Hooks run last-registered first: a line, started after its audio path was made, hangs up
    (and detaches its calls) before the audio path destroys its media ports.
    """
    with _lock:
        if hook not in _before_destroy:
            _before_destroy.append(hook)


def forget_before_destroy(hook: Callable[[], None]) -> None:
    with _lock:
        if hook in _before_destroy:
            _before_destroy.remove(hook)


def shutdown() -> None:
    """Destroy the endpoint after the hooks; idempotent. Run at exit; tests share one endpoint."""
    global _thread
    with _lock:
        thread, _thread = _thread, None
    if thread is not None:
        thread.stop()


def claim(line: object) -> None:
    """Give the SIP stack to ``line``; :class:`LineError` while another line holds it."""
    global _holder
    with _lock:
        if _holder is not None and _holder is not line:
            raise LineError("another SIP line is already running in this program; stop it first")
        _holder = line


def release(line: object) -> None:
    global _holder
    with _lock:
        if _holder is line:
            _holder = None
