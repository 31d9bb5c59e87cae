"""The SIP line: real calls through baresip/libre (``baresip-python``), behind :class:`Line` (SPEC §6).

Threading: the stack's Python API is asyncio. Each started :class:`SipLine` owns one daemon
thread running an asyncio loop, and everything that touches the stack happens on it. The public
methods are synchronous and may be called from any thread (the GUI, the auto-call engine, the
CLI): they check the request, hand the work to the loop and return — :meth:`dial` returns the
call id at once — and every event is emitted on the loop thread, in the order it happened.
Listeners must therefore not block for long (the desktop bridge queues events to the GUI
thread), and may call the line back: a command issued on the loop thread does not wait.

One SIP stack per process: libre's state is global, so only one ``baresip.Runtime`` may live at
a time. Hence one started ``SipLine`` at a time; starting a second raises :class:`LineError`.
A stopped line releases the stack and a new one can start (the stack restarts cleanly).

The line decides the ring time-out itself: at ``account.ring_timeout`` it CANCELs and reports
``no_answer`` (487). The stack's close texts are read by :mod:`~calllist_desktop.telephony.sip_rules`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallInfo,
    CallRinging,
    IncomingCall,
    Line,
    LineError,
    LineEvent,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.telephony import sip_rules
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.sip_calls import CallTable, SipCall
from calllist_desktop.telephony.sip_rules import CallEnding
from calllist_desktop.telephony.sip_stack import StackThread, close_stack, open_stack

log = logging.getLogger(__name__)

DTMF_DIGITS = frozenset("0123456789*#ABCD")
START_TIMEOUT = 10.0  # seconds for the stack to come up
COMMAND_TIMEOUT = 5.0  # seconds a synchronous command waits for the stack
STOP_TIMEOUT = 8.0  # the most stop() waits before it abandons a wedged stack
CLOSE_GRACE = 3.0  # how long a hung-up call may take to report its end before we end it ourselves


class SipLine(Line):
    """A telephone line on a SIP account. See the module notes for threading and the stack's limits.

    Outcomes: answered (200) however it ends after the answer; ``no_answer`` (487) when our ring
    time-out CANCELs; ``canceled`` (487) when :meth:`hang_up` comes before an answer; the far
    end's final status mapped by :func:`~calllist_desktop.core.outcomes.outcome_from_sip`; a
    transport or dialling failure ``failed`` without a status. Inbound calls not answered are
    ``missed``. Every call ends with exactly one :class:`CallEnded`.
    """

    name = "sip"
    is_demo = False
    can_mute = False  # baresip-python has no mute command
    label_ja = "SIP 回線"
    label_en = "SIP line"

    def __init__(
        self,
        account: SipAccount,
        password: str = "",
        *,
        listen_port: int | None = None,
        native_log_level: str = "warning",
    ) -> None:
        """``listen_port`` pins the local SIP port (else the stack picks a free one, which a
        registrar learns from REGISTER); a far end that calls us unregistered needs to know it."""
        super().__init__()
        self.account = account
        self._password = password
        self._listen_port = listen_port
        self._native_log_level = native_log_level
        self._state_lock = threading.Lock()
        self._registration = Registration.OFFLINE
        self._last_registration: tuple[Registration, str] | None = None
        self._stack: StackThread | None = None
        self._runtime: Any = None
        self._ua: Any = None
        self._calls = CallTable()
        self._stopping = False  # unregistering: its REGISTER_OK is not a registration

    def describe(self) -> str:
        return f"SIP {self.account.user}@{self.account.registrar}"

    def __repr__(self) -> str:
        return f"<SipLine {self.account.user}@{self.account.registrar} {self.registration.value}>"

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def registration(self) -> Registration:
        with self._state_lock:
            return self._registration

    @property
    def registration_detail(self) -> str:
        with self._state_lock:
            return self._last_registration[1] if self._last_registration is not None else ""

    def start(self) -> None:
        """Bring the stack up and register (or not, with ``register=False``); idempotent.

        Waits for the stack (milliseconds); registration goes on in the background and is
        reported by :class:`RegistrationChanged`. Raises :class:`LineError` when the settings are
        unusable, another SIP line runs, or the stack cannot start.
        """
        if self._stack is not None:
            return
        problems = self.account.validate()
        if problems:
            raise LineError("; ".join(str(problem) for problem in problems))
        stack = StackThread()
        stack.start()
        self._stack = stack
        try:
            stack.run(self._bring_up(), START_TIMEOUT)
        except BaseException as exc:
            self._abandon_stack()
            if isinstance(exc, LineError):
                raise
            raise LineError(f"the SIP stack could not start: {exc or type(exc).__name__}") from None

    def stop(self) -> None:
        """Hang up every call, unregister and take the stack down; bounded in time, never hangs.

        Calls end as when hung up (``answered`` or ``canceled``). Called on the loop thread (from
        a listener), it only starts the shutdown and returns.
        """
        stack = self._stack
        if stack is None:
            return
        if stack.is_current():
            task = stack.loop.create_task(self._shut_down())
            task.add_done_callback(lambda _task: self._abandon_stack())
            return
        try:
            stack.run(self._shut_down(), STOP_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, stop() must finish
            log.warning("SIP line did not shut down cleanly: %s", exc or type(exc).__name__)
        self._abandon_stack()

    def _abandon_stack(self) -> None:
        """Stop the loop thread, then end whatever the stack did not report."""
        if self._stack is not None:
            self._stack.stop()
        for call in self._calls.in_progress():
            self._finish(call, self._ending(call, None))
        self._set_registration(Registration.OFFLINE)
        self._calls.clear_handles()
        self._stack = None

    async def _bring_up(self) -> None:
        self._stopping = False
        self._runtime, self._ua = await open_stack(
            self.account, self._password, self._native_log_level, self._listen_port
        )
        self._ua.on(self._on_stack_event)
        self._ua.on_incoming(self._on_incoming)
        if self.account.register:
            self._set_registration(Registration.REGISTERING, self.account.registrar)
            asyncio.get_running_loop().create_task(self._register())
        else:
            self._set_registration(Registration.REGISTERED, "direct dialling, no registration")

    async def _register(self) -> None:
        from baresip import BaresipError, RegistrationError

        try:
            await self._ua.register(timeout=10.0)
        except RegistrationError as exc:
            text = f"{exc.status} {exc.reason}" if exc.status else (exc.reason or str(exc))
            self._registration_failed(text)
        except BaresipError as exc:
            self._registration_failed(str(exc))

    def _registration_failed(self, text: str) -> None:
        detail = sip_rules.registration_failure_detail(text, self.account.registrar)
        self._set_registration(Registration.FAILED, detail)

    async def _shut_down(self) -> None:
        self._stopping = True
        calls = self._calls.in_progress()
        for call in calls:
            self._request_hangup(call, "line stopped")
        for _ in range(int(CLOSE_GRACE / 0.02)):
            if all(call.finished for call in calls):
                break
            await asyncio.sleep(0.02)
        if self._runtime is not None:
            registered = self.account.register and self.registration is Registration.REGISTERED
            await close_stack(self._runtime, self._ua, unregister=registered)
        self._runtime = self._ua = None
        for call in calls:
            self._finish(call, self._ending(call, None))
        # OFFLINE comes from _abandon_stack, once the thread is told to end: then it is true.

    # -- calls -----------------------------------------------------------------------------------

    def calls(self) -> list[CallInfo]:
        """The calls in progress, oldest first."""
        return [call.info for call in self._calls.in_progress()]

    def dial(self, target: str) -> str:
        """Call ``target`` (a phone number, through the dial template, or a SIP URI); returns its id."""
        uri = sip_rules.dial_uri(self.account, target)
        with self._state_lock:
            if self._stack is None or self._registration is not Registration.REGISTERED:
                raise LineError(f"the SIP line is not ready to call (it is {self._registration.value})")
            call = self._calls.new(Direction.OUTBOUND, target.strip())
        self._on_loop(self._begin_dial, call, uri)
        return call.info.call_id

    def _begin_dial(self, call: SipCall, uri: str) -> None:
        loop = asyncio.get_running_loop()
        call.timers.append(loop.call_later(self.account.ring_timeout, self._on_ring_timeout, call))
        self._calls.dials_in_flight += 1
        loop.create_task(self._dial(call, uri))

    async def _dial(self, call: SipCall, uri: str) -> None:
        from baresip import BaresipError

        try:
            stack_call = await self._ua.dial(uri)
        except (BaresipError, ValueError) as exc:
            failed = CallEnding(Outcome.FAILED, None, f"dialling failed: {exc}")
            self._finish(call, self._ending(call, None) if call.ended_by_us else failed)
            return
        finally:
            self._calls.dials_in_flight -= 1
        for event in self._calls.bind(call, stack_call):
            self._on_call_event(call, event)
        if not call.finished and (call.ended_by_us or call.timed_out):
            await self._hang_up_stack(call)

    def hang_up(self, call_id: str) -> None:
        """End a call: CANCEL while it rings (``canceled``), BYE once answered; an incoming call
        that rings is declined. Returns at once; :class:`CallEnded` follows."""
        call = self._calls.live(call_id)
        self._on_loop(self._request_hangup, call, "hung up")

    def answer(self, call_id: str) -> None:
        """Answer an incoming call that is ringing."""
        call = self._calls.live(call_id)
        if call.info.direction is not Direction.INBOUND or call.answered:
            raise LineError(f"cannot answer call {call_id}: it is not an incoming call that is ringing")
        self._command(lambda: call.stack_call.answer(), "answer")

    def decline(self, call_id: str) -> None:
        """Refuse an incoming call that is ringing (486 Busy Here); it ends as ``missed``."""
        call = self._calls.live(call_id)
        if call.info.direction is not Direction.INBOUND or call.answered:
            raise LineError(f"cannot decline call {call_id}: it is not an incoming call that is ringing")
        self._on_loop(self._request_hangup, call, "declined")

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send DTMF digits (0-9, *, #, A-D) on an answered call; they go out in the background."""
        normalized = digits.upper()
        if not normalized or set(normalized) - DTMF_DIGITS:
            raise LineError(f"not DTMF digits: {digits!r} (use 0-9, *, #, A-D)")
        call = self._answered_call(call_id, "send DTMF on")
        self._on_loop(lambda: asyncio.get_running_loop().create_task(self._send_dtmf(call, normalized)))

    async def _send_dtmf(self, call: SipCall, digits: str) -> None:
        from baresip import BaresipError

        try:
            await call.stack_call.send_dtmf(digits)
        except BaresipError as exc:
            log.info("DTMF on %s not sent: %s", call.info.call_id, exc)

    def set_mute(self, call_id: str, muted: bool) -> None:
        """Not available: baresip-python 0.5.2a3 offers no way to mute the microphone."""
        self._answered_call(call_id, "mute")
        raise LineError("muting is not available on the SIP line yet (the SIP stack offers no mute)")

    def set_hold(self, call_id: str, held: bool) -> None:
        """Put an answered call on hold (re-INVITE) or take it off."""
        call = self._answered_call(call_id, "hold")
        self._command(lambda: self._set_hold(call, held), "hold" if held else "resume")

    async def _set_hold(self, call: SipCall, held: bool) -> None:
        """Hold or resume, retrying while the previous re-INVITE is still in flight.

        The stack refuses a re-INVITE while another is unanswered ("a session refresh is
        already in flight") and its hold() returns as soon as the first one is sent, so a quick
        hold-then-resume would fail without this. Its message is the only signal it gives.
        """
        from baresip import BaresipError

        for _ in range(20):
            try:
                await (call.stack_call.hold() if held else call.stack_call.resume())
                return
            except BaresipError as exc:
                if "in flight" not in str(exc):
                    raise
            await asyncio.sleep(0.1)
        raise BaresipError("the previous hold or resume is still unanswered by the far end")

    # -- stack events (loop thread) --------------------------------------------------------------

    def _on_stack_event(self, event: Any) -> None:
        from baresip import Event

        if event.event is Event.REGISTER_OK:
            if self.account.register and not self._stopping:
                self._set_registration(Registration.REGISTERED, self.account.registrar)
            return
        if event.event is Event.REGISTER_FAIL:
            self._registration_failed(event.text or "")
            return
        if not event.call or event.event is Event.CALL_INCOMING:
            return
        call = self._calls.route(event)
        if call is not None:
            self._on_call_event(call, event)

    def _on_call_event(self, call: SipCall, event: Any) -> None:
        from baresip import Event

        if call.finished:
            return
        if event.event in (Event.CALL_RINGING, Event.CALL_PROGRESS):
            if not call.rang and not call.answered and call.info.direction is Direction.OUTBOUND:
                call.rang = True
                self._emit(CallRinging(call.info.call_id))
        elif event.event is Event.CALL_ESTABLISHED and not call.answered:
            call.answered = True
            call.cancel_timers()
            self._emit(CallAnswered(call.info.call_id))
        elif event.event is Event.CALL_CLOSED:
            self._finish(call, self._ending(call, event.text))

    def _on_incoming(self, stack_call: Any) -> None:
        remote = sip_rules.remote_number(stack_call.peer)
        call = self._calls.new(Direction.INBOUND, remote, stack_call)
        self._emit(IncomingCall(call.info.call_id, remote))
        self._emit(CallRinging(call.info.call_id))

    def _on_ring_timeout(self, call: SipCall) -> None:
        if call.finished or call.answered:
            return
        call.timed_out = True
        if call.stack_call is not None:
            asyncio.get_running_loop().create_task(self._hang_up_stack(call))

    # -- helpers ---------------------------------------------------------------------------------

    def _request_hangup(self, call: SipCall, reason: str) -> None:
        if call.finished:
            return
        if call.ended_by_us is None:
            call.ended_by_us = reason
        if call.stack_call is not None:
            asyncio.get_running_loop().create_task(self._hang_up_stack(call))

    async def _hang_up_stack(self, call: SipCall) -> None:
        """Send CANCEL, BYE or (incoming, ringing) 486; end the call ourselves if the stack is mute."""
        from baresip import BaresipError

        try:
            if call.info.direction is Direction.INBOUND and not call.answered:
                await call.stack_call.reject()
            else:
                await call.stack_call.hangup()
        except BaresipError as exc:  # StaleHandleError: it ended meanwhile; its event says how
            log.debug("hang-up of %s: %s", call.info.call_id, exc)
        if not call.finished:
            loop = asyncio.get_running_loop()
            call.timers.append(loop.call_later(CLOSE_GRACE, lambda: self._finish(call, self._ending(call, None))))

    def _ending(self, call: SipCall, text: str | None) -> CallEnding:
        return sip_rules.classify_close(
            text,
            direction=call.info.direction,
            answered=call.answered,
            ended_by_us=call.ended_by_us or (None if text is not None else "line stopped"),
            timed_out=call.timed_out,
            rang=call.rang,
        )

    def _finish(self, call: SipCall, ending: CallEnding) -> None:
        if self._calls.retire(call):
            self._emit(CallEnded(call.info.call_id, ending.outcome, ending.sip_status, ending.reason))

    def _set_registration(self, state: Registration, detail: str = "") -> None:
        with self._state_lock:
            if self._last_registration == (state, detail) or (
                state is Registration.OFFLINE and self._registration is Registration.OFFLINE
            ):
                return
            self._registration = state
            self._last_registration = (state, detail)
        self._emit(RegistrationChanged(state, detail))

    def _emit(self, event: LineEvent) -> None:
        """Hand an event to the listeners; a listener's bug must not take the line down."""
        try:
            self.emit(event)
        except Exception:
            log.exception("a line listener failed on %s", event)

    def _answered_call(self, call_id: str, action: str) -> SipCall:
        call = self._calls.live(call_id)
        if not call.answered:
            raise LineError(f"cannot {action} call {call_id}: it has not been answered")
        return call

    def _on_loop(self, function: Callable[..., Any], *args: Any) -> None:
        if self._stack is None:
            raise LineError("the SIP line is not running")
        self._stack.call_soon(function, *args)

    def _command(self, make: Callable[[], Awaitable[Any]], what: str) -> None:
        """Run a stack command; wait for it (raising :class:`LineError`) unless on the loop thread."""
        from baresip import BaresipError

        stack = self._stack
        if stack is None:
            raise LineError("the SIP line is not running")

        async def run() -> None:
            await make()

        if stack.is_current():
            stack.loop.create_task(run())
            return
        try:
            stack.run(run(), COMMAND_TIMEOUT)
        except BaresipError as exc:
            raise LineError(f"cannot {what}: {exc}") from None
        except TimeoutError:
            raise LineError(f"cannot {what}: the SIP stack did not respond") from None
