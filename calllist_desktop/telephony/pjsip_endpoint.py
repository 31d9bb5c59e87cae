"""The audio path's view of the process's one PJSIP endpoint (owned by :mod:`.pj_endpoint`).

PJSIP allows one ``pjsua2.Endpoint`` per process; the SIP line and the audio path must share it,
so :mod:`.pj_endpoint` alone makes and destroys it (on its own thread, with the media settings
the audio path needs). This module gives the audio path what it asks of that endpoint: the
endpoint itself, the calling thread registered with PJSIP (threads that call pjsua2 must be),
and hooks that release media ports before the endpoint goes (a port destroyed after
``libDestroy`` aborts the process).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from calllist_desktop.telephony import pj_endpoint

CLOCK_RATE = pj_endpoint.CLOCK_RATE


def endpoint() -> Any:
    """The started endpoint of this process (started now if need be), with this thread registered.

    Ask for it each time rather than keeping it: after :func:`shutdown` a new one may be made.
    """
    started = pj_endpoint.pj_thread().endpoint
    _register(started)
    return started


def is_running() -> bool:
    """Whether the endpoint exists now (without creating it)."""
    return pj_endpoint.is_running()


def register_thread(name: str | None = None) -> None:
    """Make the calling thread known to PJSIP (needed before it calls pjsua2); no-op if it is or
    when no endpoint runs."""
    if pj_endpoint.is_running():
        _register(pj_endpoint.pj_thread().endpoint, name)


def _register(started: Any, name: str | None = None) -> None:
    if not started.libIsThreadRegistered():
        started.libRegisterThread(name or threading.current_thread().name or "calllist")


def before_shutdown(hook: Callable[[], None]) -> Callable[[], None]:
    """Run ``hook`` (on the PJSIP thread) before the endpoint is destroyed, newest first; returns
    a function that unregisters it."""
    pj_endpoint.before_destroy(hook)
    return lambda: pj_endpoint.forget_before_destroy(hook)


def shutdown() -> None:
    """Release every PJSIP object through the hooks, then destroy the endpoint; a later
    :func:`endpoint` starts a new one."""
    pj_endpoint.shutdown()
