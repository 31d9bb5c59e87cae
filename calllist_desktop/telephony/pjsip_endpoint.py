"""The process's one PJSIP endpoint (``pjsua2.Endpoint``), created on first use, on the null sound device.

PJSIP allows one endpoint per process, and its objects outlive Python's idea of order: a media
port or call destroyed after ``Endpoint.libDestroy()`` aborts the whole process (an assertion in
conference.c). So the endpoint has one owner, here: :func:`endpoint` makes it once, and
:func:`shutdown` first runs the hooks that parts holding PJSIP objects registered with
:func:`before_shutdown` (the audio path detaches its ports, the line hangs up), then destroys the
library. ``atexit`` calls :func:`shutdown` too, so an interpreter that ends without it still
releases the objects in the right order.

The sound device is PJSIP's *null* device: the program moves audio between calls and the sound
card itself (:mod:`calllist_desktop.telephony.audio`), so PJSIP never opens a device by a
system-specific name, and a machine without any sound device still completes calls.

Threads that call pjsua2 must be known to PJSIP: :func:`register_thread` does that once per
thread and is cheap to call again.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable

import pjsua2 as pj

log = logging.getLogger(__name__)

CLOCK_RATE = 16000  # the conference bridge's rate; ports at other rates are resampled by PJSIP

_lock = threading.RLock()
_endpoint: pj.Endpoint | None = None
_hooks: list[Callable[[], None]] = []
_atexit_registered = False


def endpoint() -> pj.Endpoint:
    """The started endpoint of this process; created (null sound device) on the first call.

    Ask for it each time rather than keeping it: after :func:`shutdown` a new endpoint can only be
    made once the old one's Python object is gone (PJSIP asserts there is one instance).
    """
    global _endpoint, _atexit_registered
    with _lock:
        if _endpoint is not None:
            register_thread()
            return _endpoint
        ep = pj.Endpoint()
        ep.libCreate()
        config = pj.EpConfig()
        config.uaConfig.mainThreadOnly = False
        config.logConfig.level = 2
        config.logConfig.consoleLevel = 1
        config.medConfig.clockRate = CLOCK_RATE
        config.medConfig.sndClockRate = CLOCK_RATE
        config.medConfig.ecTailLen = 0  # the echo canceller needs a real device clock; we have none
        ep.libInit(config)
        ep.audDevManager().setNullDev()
        ep.libStart()
        _endpoint = ep
        if not _atexit_registered:
            atexit.register(shutdown)
            _atexit_registered = True
        log.info("PJSIP %s started on the null sound device", ep.libVersion().full)
        return ep


def is_running() -> bool:
    """Whether the endpoint exists now (without creating it)."""
    with _lock:
        return _endpoint is not None


def register_thread(name: str | None = None) -> None:
    """Make the calling thread known to PJSIP (needed before it calls pjsua2); no-op if it is."""
    with _lock:
        ep = _endpoint
    if ep is None or ep.libIsThreadRegistered():
        return
    ep.libRegisterThread(name or threading.current_thread().name or "calllist")


def before_shutdown(hook: Callable[[], None]) -> Callable[[], None]:
    """Run ``hook`` before the endpoint is destroyed (newest first); returns a function that unregisters it."""
    with _lock:
        _hooks.append(hook)

    def remove() -> None:
        with _lock:
            if hook in _hooks:
                _hooks.remove(hook)

    return remove


def shutdown() -> None:
    """Release every PJSIP object through the registered hooks, then destroy the endpoint.

    A later :func:`endpoint` starts a new one.
    """
    global _endpoint
    with _lock:
        ep = _endpoint
        if ep is None:
            return
        register_thread()
        for hook in reversed(list(_hooks)):
            try:
                hook()
            except Exception:  # noqa: BLE001 - one failing part must not keep the library alive
                log.exception("PJSIP shutdown hook failed")
        _endpoint = None
        ep.libDestroy()
        del ep
