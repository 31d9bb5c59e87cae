"""The SIP line: real calls through PJSIP (``pjsua2``), behind :class:`Line` (SPEC §6).

Threading: PJSIP is driven by one thread of ours (:mod:`~calllist_desktop.telephony.pj_endpoint`).
The public methods may be called from any thread (the GUI, the auto-call engine, the CLI): they
check the request, hand the work to that thread and return — :meth:`dial` returns the call id at
once — and every event is emitted on the PJSIP thread, in the order it happened. Listeners must
not block for long (the desktop bridge queues events to the GUI thread) and may call the line
back: a command issued on the PJSIP thread does not wait.

One SIP line runs at a time in a process (PJSIP allows one endpoint); starting a second raises
:class:`LineError`. A stopped line frees the stack for the next one.

The line decides the ring time-out itself: at ``account.ring_timeout`` it CANCELs and reports
``no_answer`` (487). Sound is not the line's business: it tells its :class:`CallAudio` when a
call's media is up and when the call is gone (default :class:`NoAudio`: the line has no audio).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from calllist_desktop.core.line import (
    CallInfo,
    Line,
    LineError,
    Registration,
)
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.telephony import pj_endpoint, sip_rules
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.call_audio import CallAudio, NoAudio
from calllist_desktop.telephony.pj_endpoint import PjThread, error_text
from calllist_desktop.telephony.sip_calls import CallTable, DialPacer, SipCall
from calllist_desktop.telephony.sip_events import CLOSE_GRACE, StackEvents
from calllist_desktop.telephony.sip_rules import CallEnding

if TYPE_CHECKING:
    from calllist_desktop.telephony.sip_pj import StackCall

log = logging.getLogger(__name__)

DTMF_DIGITS = frozenset("0123456789*#ABCD")
START_TIMEOUT = 10.0  # seconds for the account and transport to come up
COMMAND_TIMEOUT = 5.0  # seconds a synchronous command waits for the stack
STOP_TIMEOUT = 8.0  # the most stop() waits before it gives up on a wedged stack
SETTLE_SECONDS = 0.25  # how long stop() lets the answers to a last hang-up arrive
RETRY_SECONDS = 0.1  # a re-INVITE refused while another is in flight is tried again this often
UNREGISTER_WAIT = 2.0  # the most stop() waits for the registrar to answer the un-REGISTER


class SipLine(StackEvents, Line):
    """A telephone line on a SIP account. See the module notes for threading.

    Outcomes: answered (200) however it ends after the answer; ``no_answer`` (487) when our ring
    time-out CANCELs; ``canceled`` (487) when :meth:`hang_up` comes before an answer; the far
    end's final status mapped by :func:`~calllist_desktop.core.outcomes.outcome_from_sip`; a
    transport or dialling failure ``failed`` without a status. Inbound calls not answered are
    ``missed``. Every call ends with exactly one :class:`CallEnded`.
    """

    name = "sip"
    is_demo = False
    label_ja = "SIP 回線"
    label_en = "SIP line"

    def __init__(
        self,
        account: SipAccount,
        password: str = "",
        *,
        listen_port: int | None = None,
        audio: CallAudio | None = None,
        call_ids: str = "sip-",
    ) -> None:
        """``listen_port`` pins the local SIP port (else any free one, which a registrar learns
        from REGISTER); a far end that calls us unregistered needs to know it. ``audio`` joins
        calls to sound devices; without one the line has no audio (:attr:`audio_problem`).
        ``call_ids`` begins every call id (a phone process started again must not reuse its
        predecessor's ids: the window still knows those calls)."""
        super().__init__()
        self.account = account
        self.audio: CallAudio = audio if audio is not None else NoAudio()
        self.can_mute = self.audio.available
        self._password = password
        self._listen_port = listen_port
        self._state_lock = threading.Lock()
        self._registration = Registration.OFFLINE
        self._last_registration: tuple[Registration, str] | None = None
        self._pj: PjThread | None = None
        self._stack_account: Any = None
        self._transport_id: int | None = None
        self._stack_calls: set[StackCall] = set()  # alive until PJSIP says they are disconnected
        self._calls = CallTable(call_ids)
        self._pacer = DialPacer()
        self._stopping = False
        self._unregistering = False  # our un-REGISTER is in flight (stop waits for its answer)
        self._stopped = threading.Event()
        self._last_hangup = 0.0  # time.monotonic() of our last CANCEL, BYE or rejection

    def describe(self) -> str:
        return f"SIP {self.account.user}@{self.account.registrar}"

    def __repr__(self) -> str:
        return f"<SipLine {self.account.user}@{self.account.registrar} {self.registration.value}>"

    @property
    def audio_problem(self) -> str:
        return "" if self.audio.available else self.audio.status

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
        """Open the transport and the account, and register (or not, with ``register=False``).

        Idempotent. Registration goes on in the background and is reported by
        :class:`RegistrationChanged`. Raises :class:`LineError` when the settings are unusable,
        another SIP line runs, or the stack cannot start.
        """
        if self._pj is not None:
            return
        problems = self.account.validate()
        if problems:
            raise LineError("; ".join(str(problem) for problem in problems))
        thread = pj_endpoint.pj_thread()
        pj_endpoint.claim(self)
        try:
            thread.run(self._bring_up, START_TIMEOUT)
        except BaseException as exc:
            pj_endpoint.release(self)
            if isinstance(exc, LineError):
                raise
            raise LineError(f"the SIP stack could not start: {error_text(exc)}") from None
        self._pj = thread

    def _bring_up(self) -> None:
        import pjsua2 as pj

        from calllist_desktop.telephony.sip_pj import StackAccount, account_config, create_transport

        endpoint = pj_endpoint.pj_thread().endpoint
        self._stopping = False
        self._stopped.clear()
        self._transport_id = create_transport(endpoint, self.account, self._listen_port)
        try:
            config = account_config(self.account, self._password, self._transport_id)
            if self.account.register:
                self._set_registration(Registration.REGISTERING, self.account.registrar)
            self._stack_account = StackAccount(self)
            self._stack_account.create(config, True)
        except (pj.Error, LineError) as exc:
            self._stack_account = None
            endpoint.transportClose(self._transport_id)
            self._set_registration(Registration.OFFLINE)
            if isinstance(exc, LineError):
                raise
            raise LineError(f"the SIP account was refused by the stack: {error_text(exc)}") from None
        pj_endpoint.before_destroy(self._on_destroy)
        if not self.account.register:
            self._set_registration(Registration.REGISTERED, "direct dialling, no registration")

    def stop(self) -> None:
        """Hang up every call, unregister and close the transport; bounded in time, never hangs.

        Calls end as when hung up (``answered`` or ``canceled``). Called on the PJSIP thread
        (from a listener), it only starts the shutdown and returns.
        """
        thread = self._pj
        if thread is None:
            return
        try:
            thread.call_soon(self._begin_shutdown)
        except LineError:  # the endpoint is gone already
            self._stopped.set()
        if not thread.is_current() and not self._stopped.wait(STOP_TIMEOUT):
            log.warning("the SIP line did not shut down in time")

    def _begin_shutdown(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        calls = self._calls.in_progress()
        for call in calls:
            self._request_hangup(call, "line stopped")
        self._await_calls(calls, int(CLOSE_GRACE / 0.02))

    def _await_calls(self, calls: list[SipCall], tries: int) -> None:
        """Wait for the calls to end, and for the answers to our last hang-up to arrive.

        PJSIP reports a call disconnected as soon as it is hung up, but its INVITE session lives
        on until the far end's 487 (or 200 to the BYE) comes back; closing the transport before
        that strands the session, and its call slot, for half a minute.
        """
        settling = time.monotonic() - self._last_hangup < SETTLE_SECONDS
        if tries > 0 and (settling or not all(call.finished for call in calls)) and self._pj is not None:
            self._pj.call_later(0.02, lambda: self._await_calls(calls, tries - 1))
            return
        self._finish_shutdown()

    def _finish_shutdown(self) -> None:
        """End what is left, in the order PJSIP needs: calls, then registration, account, transport.

        The calls end here and now (their audio is detached at once: the program may be exiting).
        The unregistration is awaited before the account and its transport go: a registrar that
        challenges the un-REGISTER (digest) gets it again with credentials, and that second
        request must not find its transport closed. When it did (over TLS, whose transport a
        request names by its listener), PJSIP kept the failed request's transaction after
        freeing its registration, and destroying the endpoint later aborted the process.
        """
        for call in self._calls.in_progress():
            self._finish(call, self._ending(call, None, False))
        self._unregister_then_close(time.monotonic() + UNREGISTER_WAIT)

    def _unregister_then_close(self, deadline: float) -> None:
        account = self._stack_account
        if account is not None and not self._unregistering and self._registered_at_server(account):
            try:
                account.setRegistration(False)
                self._unregistering = True
            except Exception as exc:  # noqa: BLE001 - a REGISTER in flight: the account's deletion unregisters
                log.info("unregistering the SIP account: %s", error_text(exc))
        if self._unregistering and time.monotonic() < deadline and self._pj is not None:
            self._pj.call_later(0.02, lambda: self._unregister_then_close(deadline))
            return
        self._close_stack()

    @staticmethod
    def _registered_at_server(account: Any) -> bool:
        try:
            return bool(account.getInfo().regIsActive)
        except Exception:  # noqa: BLE001 - no registration to speak of
            return False

    def _close_stack(self) -> None:
        """Delete the account and close the transport (after the unregistration has settled)."""
        self._unregistering = False
        endpoint = self._pj.endpoint if self._pj is not None else None
        if self._stack_account is not None:
            try:
                self._stack_account.shutdown()
            except Exception as exc:  # noqa: BLE001 - whatever went wrong, the line must stop
                log.info("closing the SIP account: %s", error_text(exc))
            self._stack_account = None
        if endpoint is not None and self._transport_id is not None:
            try:
                endpoint.transportClose(self._transport_id)
            except Exception as exc:  # noqa: BLE001 - whatever went wrong, the line must stop
                log.info("closing the SIP transport: %s", error_text(exc))
        self._transport_id = None
        pj_endpoint.forget_before_destroy(self._on_destroy)
        self._pj = None
        self._set_registration(Registration.OFFLINE)
        pj_endpoint.release(self)
        self._stopped.set()

    def _on_destroy(self) -> None:
        """The endpoint goes (program exit): drop every call now; the account and transport follow
        once the unregistration has settled (the endpoint's thread waits for :func:`release`)."""
        if self._stack_account is not None and self._pj is not None and not self._stopped.is_set():
            self._stopping = True
            for call in self._calls.in_progress():
                self._request_hangup(call, "line stopped")
            self._finish_shutdown()
        self._stack_calls.clear()

    # -- calls -----------------------------------------------------------------------------------

    def calls(self) -> list[CallInfo]:
        """The calls in progress, oldest first."""
        return [call.info for call in self._calls.in_progress()]

    def dial(self, target: str) -> str:
        """Call ``target`` (a phone number, through the dial template, or a SIP URI); returns its id."""
        uri = sip_rules.with_transport(sip_rules.dial_uri(self.account, target), self.account.transport)
        with self._state_lock:
            if self._pj is None or self._registration is not Registration.REGISTERED:
                raise LineError(f"the SIP line is not ready to call (it is {self._registration.value})")
            call = self._calls.new(Direction.OUTBOUND, target.strip())
        self._post(lambda: self._begin_dial(call, uri))
        return call.info.call_id

    def _begin_dial(self, call: SipCall, uri: str) -> None:
        import pjsua2 as pj

        from calllist_desktop.telephony.sip_pj import StackCall, call_setting

        if call.finished or self._pj is None:
            return
        if call.ended_by_us:  # hung up while it waited for its turn
            self._finish(call, self._ending(call, None, False))
            return
        wait = self._pacer.delay()
        if wait > 0:
            self._pj.call_later(wait, lambda: self._begin_dial(call, uri))
            return
        call.timers.append(
            self._pj.call_later(self.account.ring_timeout, lambda: self._on_ring_timeout(call))
        )
        stack_call = StackCall(self, self._stack_account)
        stack_call.line_call = call
        call.stack_call = stack_call
        self._stack_calls.add(stack_call)
        try:
            stack_call.makeCall(uri, call_setting())
        except pj.Error as exc:
            self._forget_stack_call(stack_call)
            call.stack_call = None
            failed = CallEnding(Outcome.FAILED, None, f"dialling failed: {error_text(exc)}")
            self._finish(call, self._ending(call, None, False) if call.ended_by_us else failed)

    def hang_up(self, call_id: str) -> None:
        """End a call: CANCEL while it rings (``canceled``), BYE once answered; an incoming call
        that rings is declined. Returns at once; :class:`CallEnded` follows."""
        call = self._calls.live(call_id)
        self._post(lambda: self._request_hangup(call, "hung up"))

    def answer(self, call_id: str) -> None:
        """Answer an incoming call that is ringing."""
        from calllist_desktop.telephony.sip_pj import call_setting

        call = self._calls.live(call_id)
        if call.info.direction is not Direction.INBOUND or call.answered:
            raise LineError(f"cannot answer call {call_id}: it is not an incoming call that is ringing")

        def answer() -> None:
            parameters = call_setting()
            parameters.statusCode = 200
            self._stack_of(call).answer(parameters)

        self._command(answer, "answer")

    def decline(self, call_id: str) -> None:
        """Refuse an incoming call that is ringing (486 Busy Here); it ends as ``missed``."""
        call = self._calls.live(call_id)
        if call.info.direction is not Direction.INBOUND or call.answered:
            raise LineError(f"cannot decline call {call_id}: it is not an incoming call that is ringing")
        self._post(lambda: self._request_hangup(call, "declined"))

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send DTMF digits (0-9, *, #, A-D; RFC 4733 events in the RTP) on an answered call."""
        normalized = digits.upper()
        if not normalized or set(normalized) - DTMF_DIGITS:
            raise LineError(f"not DTMF digits: {digits!r} (use 0-9, *, #, A-D)")
        call = self._answered_call(call_id, "send DTMF on")

        def send() -> None:
            try:
                self._stack_of(call).dialDtmf(normalized)
            except Exception as exc:  # noqa: BLE001 - a lost digit is logged, the call goes on
                log.info("DTMF on %s not sent: %s", call_id, error_text(exc))

        self._post(send)

    def set_mute(self, call_id: str, muted: bool) -> None:
        """Mute or unmute our microphone on an answered call: the audio path's business."""
        self._answered_call(call_id, "mute")
        self._command(lambda: self.audio.set_mute(call_id, muted), "mute" if muted else "unmute")

    def set_hold(self, call_id: str, held: bool) -> None:
        """Put an answered call on hold (re-INVITE, sendonly) or take it off."""
        import pjsua2 as pj

        from calllist_desktop.telephony.sip_pj import call_setting

        call = self._answered_call(call_id, "hold")

        def hold_or_resume() -> None:
            parameters = call_setting()
            if held:
                self._stack_of(call).setHold(parameters)
            else:
                parameters.opt.flag = pj.PJSUA_CALL_UNHOLD
                self._stack_of(call).reinvite(parameters)

        self._command(hold_or_resume, "hold" if held else "resume", retries=int(2.0 / RETRY_SECONDS))

    @staticmethod
    def _stack_of(call: SipCall) -> StackCall:
        """The call's PJSIP call, or a :class:`LineError` when it ended before the command ran."""
        if call.finished or call.stack_call is None:
            raise LineError(f"call {call.info.call_id} has ended")
        stack_call: StackCall = call.stack_call
        return stack_call

    def _answered_call(self, call_id: str, action: str) -> SipCall:
        call = self._calls.live(call_id)
        if not call.answered:
            raise LineError(f"cannot {action} call {call_id}: it has not been answered")
        return call

    def _post(self, function: Callable[[], None]) -> None:
        thread = self._pj
        if thread is None or self._stopping:
            raise LineError("the SIP line is not running")
        thread.call_soon(function)

    def _command(self, function: Callable[[], None], what: str, retries: int = 0) -> None:
        """Run a stack command; wait for it (raising :class:`LineError`) unless on the PJSIP thread.

        ``retries``: PJSIP refuses a re-INVITE while another is unanswered, so a quick
        hold-then-resume is tried again every :data:`RETRY_SECONDS` that many times.
        """
        thread = self._pj
        if thread is None:
            raise LineError("the SIP line is not running")
        done: Future[None] = Future()

        def attempt(left: int) -> None:
            try:
                function()
            except LineError as exc:
                done.set_exception(exc)
            except Exception as exc:  # noqa: BLE001 - pjsua2.Error and the audio path's own
                if left > 0 and self._pj is not None:
                    self._pj.call_later(RETRY_SECONDS, lambda: attempt(left - 1))
                else:
                    done.set_exception(LineError(f"cannot {what}: {error_text(exc)}"))
            else:
                done.set_result(None)

        thread.call_soon(lambda: attempt(retries))
        if thread.is_current():
            return
        try:
            done.result(COMMAND_TIMEOUT)
        except TimeoutError:
            raise LineError(f"cannot {what}: the SIP stack did not respond") from None
