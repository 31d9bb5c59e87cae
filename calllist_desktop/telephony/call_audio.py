"""Where a SIP call's sound goes: the hook between the SIP line (signalling) and the audio path.

PJSIP runs on its null sound device (SPEC §6), so a call carries sound only when something joins
its ``pjsua2.AudioMedia`` to the operator's devices. The SIP line does not know how: it is handed
a :class:`CallAudio` when it is made and tells it when each call's media comes and goes. The audio
path (devices through PortAudio, mute, levels, recording) implements it; :class:`NoAudio`, the
default, is a line with no sound at all (a server running auto-call, CI): calls still complete,
and the line says "no audio".

Every method is called on the PJSIP thread (see :mod:`calllist_desktop.telephony.pj_endpoint`),
so an implementation may call pjsua2 there directly; it must not block for long. From any other
thread (the GUI's volume slider, a device change), hand pjsua2 work to that thread with
``pj_endpoint.pj_thread().run(function, timeout)`` rather than registering the thread with
PJSIP. Media ports must be dropped in a ``pj_endpoint.before_destroy`` hook, registered when the
audio path is made (before the line starts: hooks run last-registered first, so the line's calls
are detached before the ports go).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.line import LineError

if TYPE_CHECKING:
    from collections.abc import Callable

    import pjsua2 as pj

    from calllist_desktop.telephony.audio.recorder import RecordingResult
    from calllist_desktop.telephony.audio.settings import AudioSettings, RecordingSettings
    from calllist_desktop.telephony.audio.status import AudioStatus, Levels


class CallAudio(Protocol):
    """The audio path of a SIP line, as the line drives it.

    ``available`` is ``False`` when calls will carry no sound (the line reports "no audio"),
    ``status`` says why or which devices, for people.
    """

    @property
    def available(self) -> bool: ...

    @property
    def status(self) -> str: ...

    def attach(self, call_id: str, media: pj.AudioMedia) -> None:
        """The call's audio is up (answered, or media renegotiated): join it to the devices."""

    def detach(self, call_id: str) -> None:
        """The call is over: let go of its media (before the call object is destroyed)."""

    def set_mute(self, call_id: str, muted: bool) -> None:
        """Stop (or resume) sending the microphone on the call; :class:`LineError` if it cannot."""


class PhoneAudio(Protocol):
    """The audio path as the phone (call card, recordings) and the CLI use it.

    The audio path itself (:class:`~calllist_desktop.telephony.audio.call_audio.CallAudio`, in the
    process that runs PJSIP) is one, and so is the window's view of it across the pipe
    (:class:`~calllist_desktop.telephony.phone_process.RemoteAudio`). Every method may be called
    from any thread and returns quickly; recording listeners are called on a thread of the audio
    path's, never the caller's.
    """

    @property
    def available(self) -> bool: ...

    @property
    def status(self) -> str: ...

    def levels(self) -> Levels: ...

    def audio_status(self) -> AudioStatus: ...

    def is_muted(self, call_id: str) -> bool: ...

    def is_recording(self, call_id: str) -> bool: ...

    def configure(self, settings: AudioSettings) -> None: ...

    def set_recording(self, recording: RecordingSettings) -> None: ...

    def label_call(self, call_id: str, label: str) -> None: ...

    def add_recording_listener(self, listener: Callable[[RecordingResult], None]) -> None: ...

    def remove_recording_listener(self, listener: Callable[[RecordingResult], None]) -> None: ...

    def wait_for_recordings(self, timeout: float = 10.0) -> bool: ...


class NoAudio:
    """No sound at all: media is negotiated and RTP flows, but nothing is played or captured."""

    available = False

    @property
    def status(self) -> str:
        return (
            "音声なし: 通話はできますが、マイクとスピーカーにはつながっていません"
            if current_language() == "ja"
            else "no audio: calls complete, but no microphone or speaker is joined to them"
        )

    def attach(self, call_id: str, media: pj.AudioMedia) -> None:
        """Feed the call the null sound device's silence: a call's stream sends RTP (and with it
        DTMF's RFC 4733 events) only for frames the conference bridge hands it, and a call joined
        to nothing is handed none: digits sent on it never left."""
        import pjsua2

        pjsua2.Endpoint.instance().audDevManager().getCaptureDevMedia().startTransmit(media)

    def detach(self, call_id: str) -> None:
        """Nothing was joined."""

    def set_mute(self, call_id: str, muted: bool) -> None:
        raise LineError("this line has no audio: there is no microphone to mute")
