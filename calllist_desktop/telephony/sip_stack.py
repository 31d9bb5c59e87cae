"""The SIP stack's plumbing for :class:`~calllist_desktop.telephony.sip.SipLine`: its thread and its start.

``baresip-python`` is asyncio-only and allows one ``Runtime`` per process (libre's state is
global). :class:`StackThread` gives a line a daemon thread with its own asyncio loop, so the
line works the same under Qt, in the CLI and in the auto-call engine, and claims the one stack
of the process for as long as it runs. :func:`open_stack` turns a
:class:`~calllist_desktop.telephony.account.SipAccount` into a running runtime and user agent.
``baresip`` is imported only here and only when a line starts, so importing the program never
needs the native library.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from calllist_desktop.core.line import LineError
from calllist_desktop.telephony import sip_rules
from calllist_desktop.telephony.account import SipAccount

log = logging.getLogger(__name__)

T = TypeVar("T")

_claim_lock = threading.Lock()
_claimed_by: StackThread | None = None  # the thread that holds this process's one SIP stack


class StackThread:
    """A daemon thread running an asyncio loop, holding the process's one SIP stack while it runs.

    :meth:`start` fails with :class:`LineError` while another one runs; the claim is released
    when the loop has ended, so a line that stopped can be followed by a new one.
    """

    def __init__(self, name: str = "calllist-sip") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self.stopping = False

    def start(self) -> None:
        global _claimed_by
        with _claim_lock:
            holder = _claimed_by
        if holder is not None and holder.stopping and not holder.is_current():
            holder._thread.join(2.0)  # a line stopped from its own listener is still winding down
        with _claim_lock:
            if _claimed_by is not None:
                self.loop.close()
                raise LineError("another SIP line is already running in this program; stop it first")
            _claimed_by = self
        self._thread.start()

    def is_current(self) -> bool:
        """Whether the caller runs on this loop (where waiting for the loop would deadlock)."""
        return threading.current_thread() is self._thread

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float) -> T:
        """Run ``coroutine`` on the loop and wait for its result, from another thread."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def call_soon(self, function: Callable[..., Any], *args: Any) -> None:
        if self.loop.is_closed():
            raise LineError("the SIP line is not running")
        self.loop.call_soon_threadsafe(function, *args)

    def stop(self, timeout: float = 2.0) -> bool:
        """Stop the loop and wait for the thread; ``False`` if it did not end within ``timeout``."""
        self.stopping = True
        if not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):  # closed in between
                self.loop.call_soon_threadsafe(self.loop.stop)
        if self._thread.is_alive() and not self.is_current():
            self._thread.join(timeout)
        if self._thread.is_alive() and not self.is_current():
            log.error("the SIP thread did not stop; the stack stays reserved until the program ends")
            return False
        return True

    def _run(self) -> None:
        global _claimed_by
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_forever()
        finally:
            for task in asyncio.all_tasks(self.loop):
                task.cancel()
            self.loop.close()
            with _claim_lock:
                if _claimed_by is self:
                    _claimed_by = None


async def open_stack(
    account: SipAccount, password: str, native_log_level: str, listen_port: int | None = None
) -> tuple[Any, Any]:
    """Start the stack for ``account`` and make its user agent (not yet registered).

    Returns ``(runtime, user_agent)``. Every failure is a :class:`LineError` in words a user can
    act on; the password's text never appears in one (the stack names only the field).
    """
    try:
        from baresip import Account, BaresipError, Config, Runtime, UserAgent
    except ImportError as exc:
        raise LineError(f"the SIP stack (baresip-python) is not installed or cannot load: {exc}") from None
    source, player = sip_rules.audio_drivers(account)
    local = sip_rules.bind_address(account)
    listen = ""
    if listen_port is not None:
        host = f"[{local}]" if local and ":" in local else (local or "0.0.0.0")
        listen = f"sip_listen {host}:{listen_port}\n"
    try:
        stack_account = Account(
            user=account.user.strip(),
            domain=account.registrar.strip(),
            password=password,
            registrar=account.outbound_proxy.strip() or None,
            reg_interval=600 if account.register else 0,  # 0: dial directly, never REGISTER
            transport=account.transport,  # type: ignore[arg-type]
            auth_user=account.auth_user.strip() or None,
        )
        config = Config(
            net_interface=local,  # the stack's own discovery skips loopback
            extra_config_text=listen,
            audio_driver=source,
            audio_source=source,
            audio_player=player,
            native_log_level=native_log_level,
            max_concurrent_calls=4,
        )
    except ValueError as exc:
        raise LineError(f"the SIP settings cannot be used: {exc}") from None
    runtime = Runtime(native_log_level=native_log_level)
    try:
        await runtime.start(config)
    except BaresipError as exc:
        raise LineError(f"the SIP stack could not start: {exc}") from None
    try:
        user_agent = await UserAgent.create(runtime, stack_account)
    except BaresipError as exc:
        await runtime.close()
        raise LineError(f"the SIP account was refused by the stack: {exc}") from None
    return runtime, user_agent


async def close_stack(runtime: Any, user_agent: Any, unregister: bool) -> None:
    """Unregister (briefly: a registrar that does not answer must not hold up a stop), then close."""
    from baresip import BaresipError

    if unregister:
        try:
            await user_agent.unregister(timeout=2.0)
        except BaresipError as exc:
            log.info("unregister on stop: %s", exc)
    try:
        await runtime.close()
    except BaresipError as exc:
        log.warning("closing the SIP stack: %s", exc)
