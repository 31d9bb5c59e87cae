"""What PJSIP tells the SIP line, on the PJSIP thread: registration, incoming calls, call states,
media, and how each call ends (exactly once, with its outcome).

A mixin of :class:`~calllist_desktop.telephony.sip.SipLine`, apart from the commands so that each
file reads as one side of the line: ``sip.py`` what the program asks, this what the network says.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from calllist_desktop.core.line import (
    CallAnswered,
    CallEnded,
    CallRinging,
    IncomingCall,
    LineEvent,
    Registration,
    RegistrationChanged,
)
from calllist_desktop.core.outcomes import Direction
from calllist_desktop.telephony import pj_endpoint, sip_rules
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.call_audio import CallAudio
from calllist_desktop.telephony.pj_endpoint import PjThread, error_text
from calllist_desktop.telephony.sip_calls import CallTable, SipCall
from calllist_desktop.telephony.sip_rules import CallEnding

if TYPE_CHECKING:
    from calllist_desktop.telephony.sip_pj import StackCall

log = logging.getLogger(__name__)

CLOSE_GRACE = 3.0  # how long a hung-up call may take to report its end before we end it ourselves


class StackEvents:
    """PJSIP's callbacks and the ending of calls; the state it works on is the line's."""

    account: SipAccount
    audio: CallAudio
    _pj: PjThread | None
    _calls: CallTable
    _stack_calls: set[StackCall]
    _stopping: bool
    _unregistering: bool
    _last_hangup: float
    _state_lock: threading.Lock
    _registration: Registration
    _last_registration: tuple[Registration, str] | None
    emit: Callable[[LineEvent], None]  # Line.emit (an annotation only: Line's method is the one)

    def on_registration(self, code: int, reason: str, expiration: int, from_network: bool) -> None:
        if self._stopping:
            self._unregistering = False  # the un-REGISTER's final answer (or PJSIP's give-up)
            return
        if not self.account.register:
            return
        if 200 <= code < 300:
            if expiration > 0:
                self._set_registration(Registration.REGISTERED, self.account.registrar)
            return
        text = f"{code} {reason}" if from_network else (reason or f"no answer ({code})")
        detail = sip_rules.registration_failure_detail(text, self.account.registrar)
        tls_status, tls_messages = self._take_tls_failure()
        if tls_status and not from_network:
            detail = sip_rules.tls_failure_detail(tls_status, tls_messages, self.account.registrar)
        self._set_registration(Registration.FAILED, detail)

    def _take_tls_failure(self) -> tuple[int, tuple[str, ...]]:
        """Why the last TLS server failed verification (``PJ_SSL_CERT_E*`` bits, PJSIP's words), once."""
        endpoint = pj_endpoint.running_endpoint()
        failure: tuple[int, tuple[str, ...]] = getattr(endpoint, "tls_failure", (0, ()))
        if endpoint is not None and failure[0]:
            endpoint.tls_failure = (0, ())
        return failure

    def on_incoming(self, stack_call: StackCall) -> None:
        from calllist_desktop.telephony.sip_pj import call_setting

        self._stack_calls.add(stack_call)
        if self._stopping:
            self._reject(stack_call, 486)
            return
        remote = sip_rules.remote_number(stack_call.getInfo().remoteUri)
        call = self._calls.new(Direction.INBOUND, remote)
        call.stack_call = stack_call
        stack_call.line_call = call
        try:
            ringing = call_setting()
            ringing.statusCode = 180
            stack_call.answer(ringing)
        except Exception as exc:  # noqa: BLE001 - the call may have gone meanwhile; its state says
            log.info("180 for %s not sent: %s", call.info.call_id, error_text(exc))
        self._emit(IncomingCall(call.info.call_id, remote))
        self._emit(CallRinging(call.info.call_id))

    def on_call_state(self, stack_call: StackCall, from_network: bool) -> None:
        import pjsua2 as pj

        info = stack_call.getInfo()
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED and self._pj is not None:
            # Drop our reference outside PJSIP's callback: the call object must outlive it.
            self._pj.call_soon(lambda: self._forget_stack_call(stack_call))
        call: SipCall | None = stack_call.line_call
        if call is None or call.finished:
            return
        if info.state == pj.PJSIP_INV_STATE_EARLY:
            if not call.rang and not call.answered and call.info.direction is Direction.OUTBOUND:
                call.rang = True
                self._emit(CallRinging(call.info.call_id))
        elif info.state == pj.PJSIP_INV_STATE_CONFIRMED and not call.answered:
            call.answered = True
            call.cancel_timers()
            self._emit(CallAnswered(call.info.call_id))
        elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            code = int(info.lastStatusCode)
            reason = str(info.lastReason).strip()
            text = (
                f"{code} {reason}"
                if code and (from_network or call.info.direction is Direction.INBOUND)
                else reason
            )
            if code == 487 and (call.ended_by_us or call.timed_out):
                text = reason  # the 487 answers our own CANCEL: the outcome is ours to say
            self._finish(call, self._ending(call, text, True))

    def on_call_media(self, stack_call: StackCall) -> None:
        from calllist_desktop.telephony.sip_pj import audio_media

        call: SipCall | None = stack_call.line_call
        if call is None or call.finished:
            return
        media = audio_media(stack_call)
        if media is None:
            return
        # A re-INVITE (hold, resume, a far end's new offer) may give the call a new conference
        # port: join that one, or the sound stops for good after a resume.
        port = media.getPortId()
        if call.audio_attached and port == call.audio_port:
            return
        call.audio_attached = True
        call.audio_port = port
        try:
            self.audio.attach(call.info.call_id, media)
        except Exception:  # noqa: BLE001 - a failing audio path must not take the call down
            log.exception("the audio path could not take call %s", call.info.call_id)

    def _on_ring_timeout(self, call: SipCall) -> None:
        if call.finished or call.answered:
            return
        call.timed_out = True
        self._hang_up_stack(call)

    def _request_hangup(self, call: SipCall, reason: str) -> None:
        if call.finished:
            return
        if call.ended_by_us is None:
            call.ended_by_us = reason
        self._hang_up_stack(call)

    def _hang_up_stack(self, call: SipCall) -> None:
        """Send CANCEL, BYE or (incoming, ringing) 486; end the call ourselves if PJSIP stays silent."""
        from calllist_desktop.telephony.sip_pj import call_setting

        if call.stack_call is None:
            return  # not started yet: _begin_dial ends it
        self._last_hangup = time.monotonic()
        if call.info.direction is Direction.INBOUND and not call.answered:
            self._reject(call.stack_call, 486)
        else:
            try:
                call.stack_call.hangup(call_setting())
            except Exception as exc:  # noqa: BLE001 - it ended meanwhile; its state says how
                log.debug("hang-up of %s: %s", call.info.call_id, error_text(exc))
        if not call.finished and self._pj is not None:
            call.timers.append(
                self._pj.call_later(CLOSE_GRACE, lambda: self._finish(call, self._ending(call, None, False)))
            )

    @staticmethod
    def _reject(stack_call: StackCall, status: int) -> None:
        from calllist_desktop.telephony.sip_pj import call_setting

        parameters = call_setting()
        parameters.statusCode = status
        try:
            stack_call.hangup(parameters)
        except Exception as exc:  # noqa: BLE001 - it ended meanwhile
            log.debug("rejecting a call: %s", error_text(exc))

    def _forget_stack_call(self, stack_call: StackCall) -> None:
        self._stack_calls.discard(stack_call)

    def _ending(self, call: SipCall, text: str | None, reported: bool) -> CallEnding:
        """How the call ended; ``reported`` says PJSIP reported the end (else we gave up waiting)."""
        return sip_rules.classify_close(
            text,
            direction=call.info.direction,
            answered=call.answered,
            ended_by_us=call.ended_by_us or (None if reported else "line stopped"),
            timed_out=call.timed_out,
            rang=call.rang,
        )

    def _finish(self, call: SipCall, ending: CallEnding) -> None:
        if not self._calls.retire(call):
            return
        call.stack_call = None  # kept in _stack_calls until PJSIP is done with it
        if call.audio_attached:
            try:
                self.audio.detach(call.info.call_id)
            except Exception:  # noqa: BLE001 - the call is over either way
                log.exception("the audio path could not let go of call %s", call.info.call_id)
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
