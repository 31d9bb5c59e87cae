"""The audio of a line's calls: one object a SIP line is given and tells about each call's media.

The line calls :meth:`CallAudio.attach` when a call's media becomes active (with the call's
``pj.AudioMedia``) and :meth:`CallAudio.detach` when it ends; it forwards its events to
:meth:`CallAudio.on_line_event`, which starts the recording when a call is answered (not on early
media) and ends it with the call. Everything else is for the phone: mute, levels, volume and
gain, the ringtone, and :meth:`status` saying which devices are in use, which chosen one was
missing, or that there is no audio at all.

Devices are opened when the first call's media arrives and closed after the last one, so an idle
program holds no sound device (another softphone may use it) and a device list can be refreshed
between calls. A device that cannot be opened never stops a call: the port still runs on PJSIP's
clock, sending silence and dropping what it receives, and :meth:`status` says "no audio".

Threads: attach/detach come on PJSIP's thread (``pj_endpoint``, the line's); with :meth:`close`
they are the only methods here that call pjsua2 (close hands its part to that thread). Every
other method may be called from any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from calllist_desktop.core.line import CallAnswered, CallEnded, IncomingCall, LineEvent
from calllist_desktop.core.line import LineError as _LineError
from calllist_desktop.core.listeners import Listeners
from calllist_desktop.telephony import pj_endpoint
from calllist_desktop.telephony.audio import devices
from calllist_desktop.telephony.audio.devices import Kind
from calllist_desktop.telephony.audio.port import CallAudioPort, SharedPath
from calllist_desktop.telephony.audio.recorder import CallRecording, RecordingResult, recording_path
from calllist_desktop.telephony.audio.ring import Cushion, SampleRing
from calllist_desktop.telephony.audio.ringtone import Ringer
from calllist_desktop.telephony.audio.settings import (
    GAIN_RANGE,
    VOLUME_RANGE,
    AudioSettings,
    RecordingSettings,
    clamp,
    default_recordings_folder,
)
from calllist_desktop.telephony.audio.status import (
    AudioSnapshot,
    AudioState,
    AudioStatus,
    FrameStats,
    Level,
    Levels,
)
from calllist_desktop.telephony.audio.streams import AudioDeviceError, RingStream, choose_rate
from calllist_desktop.telephony.call_audio import NoAudio

log = logging.getLogger(__name__)

CLOCK_RATE = (
    16000  # PJSIP's conference bridge (pj_endpoint keeps its default); ports at other rates are resampled
)
PORT_GRACE = 0.2  # seconds a detached port lives on: PJSIP's bridge lets go of it on its next tick
RING_SECONDS = 1.0  # what a ring holds at most: a device that stalls at its start piles up no more
MOST_WAITING = 0.15  # seconds a read may find waiting; the oldest beyond it are skipped at once
CUSHION_START = 0.010  # seconds a ring may keep waiting beyond what its reader takes, never cut
CUSHION_STEP = 0.005  # grown by this after each underrun (and the least excess that is cut)
CUSHION_MOST = 0.060  # up to this
CUSHION_WINDOW = 1.0  # what waited beyond the cushion for this long is cut
STREAM_BLOCK = 0.010  # seconds of audio per PortAudio callback


def call_ring(rate: int) -> SampleRing:
    """A call's ring between PJSIP and one device: small, growing only where the devices need it.

    Sized in time, not in PJSIP frames: the devices' blocks and their jitter are times whatever
    the rate. A cushion rather than a fixed size, because the jitter differs from one computer to
    the next and a fixed size kept what the start piled up (measured in ``bench/README.md``, "Our
    audio path"). Its cushion starts at :data:`CUSHION_START` and grows after an underrun (see
    :class:`~.ring.Cushion`). :data:`MOST_WAITING` is only the fast bound for a pile after a
    device's stall: above the largest cushion it leaves room for devices that deliver several
    blocks at once (Windows' MME), which the cushion's window measures and keeps.
    """
    cushion = Cushion.in_time(rate, CUSHION_START, CUSHION_STEP, CUSHION_MOST, CUSHION_WINDOW)
    return SampleRing(round(rate * RING_SECONDS), round(rate * MOST_WAITING), cushion)


def stream_block(rate: int) -> int:
    """Samples per PortAudio callback: :data:`STREAM_BLOCK` (half a PJSIP frame; PortAudio keeps two)."""
    return round(rate * STREAM_BLOCK)


class CallAudio:
    """See the module notes. ``recording`` may be changed at any time with :meth:`set_recording`."""

    def __init__(
        self, settings: AudioSettings | None = None, recording: RecordingSettings | None = None
    ) -> None:
        self._settings = settings or AudioSettings()
        self._recording_settings = recording or RecordingSettings()
        self._lock = threading.RLock()
        self._ports: dict[str, CallAudioPort] = {}
        self._retired: list[tuple[float, CallAudioPort]] = []  # detached ports waiting to be deleted
        self._media: dict[str, Any] = {}
        self._answered: set[str] = set()
        self._labels: dict[str, str] = {}
        self._muted: set[str] = set()
        self._recordings: dict[str, CallRecording] = {}
        self._finishing: list[CallRecording] = []  # ended, file not yet closed
        self._listeners: Listeners[RecordingResult] = Listeners("recording listener")
        self._path: SharedPath | None = None
        self._streams: dict[Kind, RingStream] = {}
        self._status = AudioStatus(AudioState.IDLE)
        self._ringer: Ringer | None = None
        pj_endpoint.before_destroy(self._close_here)  # ports go before the endpoint (on its thread)
        self.late_frames_closed = 0  # late frames of ports already detached

    # --- settings --------------------------------------------------------------------------

    @property
    def settings(self) -> AudioSettings:
        return self._settings

    def configure(self, settings: AudioSettings) -> None:
        """New devices apply from the next call; volume and gain at once."""
        with self._lock:
            self._settings = settings
            if self._path is not None:
                self._path.volume = clamp(settings.volume, VOLUME_RANGE)
                self._path.gain = clamp(settings.gain, GAIN_RANGE)

    def set_volume(self, volume: float) -> None:
        from dataclasses import replace

        self.configure(replace(self._settings, volume=clamp(volume, VOLUME_RANGE)))

    def set_gain(self, gain: float) -> None:
        from dataclasses import replace

        self.configure(replace(self._settings, gain=clamp(gain, GAIN_RANGE)))

    def set_recording(self, recording: RecordingSettings) -> None:
        """Applies to calls answered from now on; a recording in progress goes on."""
        with self._lock:
            self._recording_settings = recording

    @property
    def recording_settings(self) -> RecordingSettings:
        return self._recording_settings

    def add_recording_listener(self, listener: Callable[[RecordingResult], None]) -> None:
        """``listener`` hears every finished recording (on the recording's writer thread)."""
        self._listeners.add(listener)

    def remove_recording_listener(self, listener: Callable[[RecordingResult], None]) -> None:
        self._listeners.remove(listener)

    # --- the line's side -------------------------------------------------------------------

    def attach(self, call_id: str, media: Any) -> None:
        """Join the call's audio ``media`` (a ``pj.AudioMedia``) to the devices: both directions.

        Attached again (a re-INVITE gave the call a new conference port), the call keeps its
        recording: the new port writes on in the same file.
        """
        with self._lock:
            self._delete_retired()
            recording = None
            if call_id in self._ports:
                recording = self._ports[call_id].take_recording()
                self._disconnect(call_id, call_over=False)
            path = self._open_devices()
            port = CallAudioPort(call_id, path)
            port.muted = call_id in self._muted
            for other in self._ports.values():  # the newest call has the devices; others are on hold
                other.connected = False
            self._ports[call_id] = port
            self._media[call_id] = media
            media.startTransmit(port)
            port.startTransmit(media)
            if recording is not None:
                port.start_recording(recording)
            elif call_id in self._answered:
                self._start_recording(call_id)

    def detach(self, call_id: str) -> None:
        """The call's media is gone: finish its recording, release its port, close idle devices."""
        with self._lock:
            self._disconnect(call_id)
            if not self._ports:
                self._close_devices()

    def on_line_event(self, event: LineEvent) -> None:
        """Follow the line: ring for an incoming call, record from the answer, finish at the end."""
        if isinstance(event, IncomingCall):
            with self._lock:
                self._labels[event.call_id] = event.remote
                busy = bool(self._ports)
            if not busy:  # during a call the card shows the second call; a ringtone would drown the talk
                self.start_ringing()
        elif isinstance(event, CallAnswered):
            self.stop_ringing()
            with self._lock:
                self._answered.add(event.call_id)
                if event.call_id in self._ports:
                    self._start_recording(event.call_id)
        elif isinstance(event, CallEnded):
            self.stop_ringing()
            with self._lock:
                self._answered.discard(event.call_id)
                self._labels.pop(event.call_id, None)
                self._muted.discard(event.call_id)
                port = self._ports.get(event.call_id)
                if port is not None:
                    port.stop_recording()
                self._retire(event.call_id)

    def label_call(self, call_id: str, label: str) -> None:
        """The number dialled, for the recording's file name (an outbound call's event has none)."""
        with self._lock:
            self._labels[call_id] = label

    # --- the phone's side ------------------------------------------------------------------

    def set_mute(self, call_id: str, muted: bool) -> None:
        """Mute the microphone towards the far end of ``call_id`` (it hears silence)."""
        with self._lock:
            if muted:
                self._muted.add(call_id)
            else:
                self._muted.discard(call_id)
            port = self._ports.get(call_id)
            if port is not None:
                port.muted = muted

    def is_muted(self, call_id: str) -> bool:
        with self._lock:
            return call_id in self._muted

    def is_recording(self, call_id: str) -> bool:
        """Whether ``call_id`` is being recorded right now (the call card's 録音中)."""
        with self._lock:
            recording = self._recordings.get(call_id)
        return recording is not None and not recording.failed

    def recording_of(self, call_id: str) -> CallRecording | None:
        with self._lock:
            return self._recordings.get(call_id)

    def levels(self) -> Levels:
        """Input (microphone) and output (far end) levels since the last call."""
        path = self._path
        if path is None:
            return Levels(Level(), Level())
        return Levels(path.input_meter.read(), path.output_meter.read())

    def audio_status(self) -> AudioStatus:
        """The devices in use; reopens on the default a device that went away mid-call."""
        with self._lock:
            gone = [kind for kind, stream in self._streams.items() if stream.gone]
            if gone and self._path is not None:
                self._reopen(gone)
            return self._status

    def snapshot(self) -> AudioSnapshot:
        """What the call card shows, read at once (the phone process sends it to the window)."""
        status = self.audio_status()
        with self._lock:
            muted = frozenset(self._muted)
            recording = frozenset(call_id for call_id, rec in self._recordings.items() if not rec.failed)
        return AudioSnapshot(self.levels(), status, muted, recording)

    def late_frames(self) -> int:
        """Frames PJSIP asked for late (more than 40 ms after the previous one), all calls so far."""
        with self._lock:
            return self.late_frames_closed + sum(port.late_frames for port in self._ports.values())

    def frame_stats(self) -> FrameStats:
        with self._lock:
            ports = list(self._ports.values())
        return FrameStats(
            sum(port.frames_sent for port in ports),
            sum(port.late_frames for port in ports),
            max((port.max_gap for port in ports), default=0.0) * 1000,
            self.underruns(),
        )

    def underruns(self) -> int:
        path = self._path
        return 0 if path is None else path.mic.underruns + path.speaker.underruns

    def refresh_devices(self) -> bool:
        """Read the device list again (a headset plugged in since) while no device is open here;
        False when one is (a call or the ringtone), and the next idle moment will do."""
        with self._lock:
            if self._ports or self._streams or self._ringer is not None:
                return False
            return devices.refresh()

    def start_ringing(self) -> None:
        """Ring on the ringing device (an incoming call); nothing happens without one."""
        with self._lock:
            if self._ringer is not None or not self._settings.use_devices:
                return
            name = self._settings.ring_device or self._settings.output_device
            resolved = devices.resolve(name, Kind.OUTPUT)
            if resolved.number is None:
                return
            try:
                self._ringer = Ringer(resolved.number, volume=min(1.0, self._settings.volume))
            except AudioDeviceError as exc:
                log.warning("cannot ring: %s", exc)

    def stop_ringing(self) -> None:
        with self._lock:
            ringer, self._ringer = self._ringer, None
        if ringer is not None:
            ringer.close()

    @property
    def ringing(self) -> bool:
        return self._ringer is not None

    def close(self) -> None:
        """Detach every call and close the devices; the ports go on PJSIP's thread."""
        self.stop_ringing()
        with self._lock:
            holds_pjsip = bool(self._ports or self._retired)
        if holds_pjsip:
            try:
                thread = pj_endpoint.pj_thread()
            except _LineError:  # the endpoint is gone: its hook released our ports already
                thread = None
            if thread is not None and not thread.is_current():
                thread.run(self._close_here, 10)
                return
        self._close_here()

    def _close_here(self) -> None:
        with self._lock:
            for call_id in list(self._ports):
                self._disconnect(call_id)
            self._delete_retired(everything=True)
            self._close_devices()
        pj_endpoint.forget_before_destroy(self._close_here)

    # --- the SIP line's CallAudio protocol (telephony/call_audio.py) -------------------------

    @property
    def available(self) -> bool:
        """Whether calls can carry sound: devices are in use and PortAudio lists at least one."""
        if not self._settings.use_devices:
            return False
        return any(
            device.serves(Kind.INPUT) or device.serves(Kind.OUTPUT) for device in devices.list_devices()
        )

    @property
    def status(self) -> str:
        """The devices in use, or why there is no sound, for people."""
        status = self.audio_status()
        if status.state is AudioState.IDLE and not self.available:
            return NoAudio().status  # the same words the line uses for a line without audio
        if status.state is AudioState.IDLE:
            return "ready"
        text = f"{status.state.value}: microphone {status.input_device or 'none'}, speaker {status.output_device or 'none'}"
        return "; ".join([text, *status.notices])

    # --- inside ----------------------------------------------------------------------------

    def _start_recording(self, call_id: str) -> None:
        settings = self._recording_settings
        port = self._ports[call_id]
        if not settings.enabled or port.recording is not None:
            return
        folder = settings.folder or default_recordings_folder()
        path = recording_path(
            Path(folder), call_id, datetime.now().astimezone(), self._labels.get(call_id, "")
        )
        recording = CallRecording(call_id, path, port.path.rate, self._recording_done)
        self._recordings[call_id] = recording
        port.start_recording(recording)

    def wait_for_recordings(self, timeout: float = 10.0) -> bool:
        """Wait until every ended call's recording is closed and reported (before the store closes)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            pending = list(self._finishing)
        for recording in pending:
            if recording.wait(max(0.0, deadline - time.monotonic())) is None:
                return False
        with self._lock:
            self._finishing = [r for r in self._finishing if r.result is None]
        return True

    def _retire(self, call_id: str) -> None:
        recording = self._recordings.pop(call_id, None)
        if recording is not None:
            recording.finish()
            self._finishing = [r for r in self._finishing if r.result is None]
            self._finishing.append(recording)

    def _recording_done(self, result: RecordingResult) -> None:
        self._listeners.tell(result)

    def _disconnect(self, call_id: str, call_over: bool = True) -> None:
        """Take the call's port off the bridge; ``call_over`` also ends its recording."""
        port = self._ports.pop(call_id, None)
        media = self._media.pop(call_id, None)
        if port is None:
            return
        if call_over:
            port.stop_recording()
            self._retire(call_id)
        self.late_frames_closed += port.late_frames
        for source, sink in ((media, port), (port, media)):
            if source is None or sink is None:
                continue
            try:
                source.stopTransmit(sink)
            except Exception:  # noqa: BLE001 - the call's media may already be gone; the port goes anyway
                log.debug("stopTransmit on a finished call failed", exc_info=True)
        # Not deleted now: PJSIP (2.14+) disconnects and removes ports on its clock thread at the
        # next tick, which may be about to call this port; deleting it under that call crashed.
        port.retired = True
        self._retired.append((time.monotonic(), port))
        self._delete_retired()
        if self._ports:
            newest = next(reversed(self._ports.values()))
            newest.connected = True

    def _delete_retired(self, everything: bool = False) -> None:
        if everything and self._retired:
            time.sleep(PORT_GRACE)
        keep_after = time.monotonic() - PORT_GRACE
        self._retired = [(when, port) for when, port in self._retired if when > keep_after]

    def _open_devices(self) -> SharedPath:
        if self._path is not None:
            return self._path
        settings = self._settings
        notices: list[str] = []
        resolved: dict[Kind, devices.Resolved] = {}
        if settings.use_devices:
            listed = devices.list_devices()
            resolved = {
                Kind.INPUT: devices.resolve(settings.input_device, Kind.INPUT, listed),
                Kind.OUTPUT: devices.resolve(settings.output_device, Kind.OUTPUT, listed),
            }
            notices.extend(r.notice for r in resolved.values() if r.notice)
        indexes = {kind: r.number for kind, r in resolved.items()}
        rate = CLOCK_RATE
        try:
            rate = choose_rate(indexes.get(Kind.INPUT), indexes.get(Kind.OUTPUT), rate)
        except AudioDeviceError as exc:
            notices.append(str(exc))
            indexes = {}
        path = SharedPath(
            rate=rate,
            mic=call_ring(rate),
            speaker=call_ring(rate),
            gain=clamp(settings.gain, GAIN_RANGE),
            volume=clamp(settings.volume, VOLUME_RANGE),
        )
        self._path = path
        names = {}
        for kind, index in indexes.items():
            if index is None:
                continue
            try:
                self._streams[kind] = RingStream(
                    kind, index, rate, stream_block(rate), path.mic if kind is Kind.INPUT else path.speaker
                )
                names[kind] = resolved[kind].name
            except AudioDeviceError as exc:
                notices.append(str(exc))
        missing = tuple(r.missing for r in resolved.values() if r.missing)
        self._status = self._make_status(names, notices, missing)
        if self._status.state is not AudioState.ACTIVE:
            log.warning("call audio: %s %s", self._status.state.value, "; ".join(notices))
        return path

    def _make_status(
        self, names: dict[Kind, str], notices: list[str], missing: tuple[str, ...] = ()
    ) -> AudioStatus:
        if not self._settings.use_devices:
            state = AudioState.NO_AUDIO
            notices = ["sound devices are switched off for this line", *notices]
        elif len(names) == 2:
            state = AudioState.ACTIVE
        elif names:
            state = AudioState.PARTIAL
        else:
            state = AudioState.NO_AUDIO
        return AudioStatus(
            state, names.get(Kind.INPUT, ""), names.get(Kind.OUTPUT, ""), tuple(notices), missing
        )

    def _reopen(self, kinds: list[Kind]) -> None:
        path = self._path
        assert path is not None
        names = {Kind.INPUT: self._status.input_device, Kind.OUTPUT: self._status.output_device}
        notices = list(self._status.notices)
        missing = list(self._status.missing)
        for kind in kinds:
            self._streams.pop(kind).close()
            names.pop(kind)
            lost = self._status.input_device if kind is Kind.INPUT else self._status.output_device
            missing.append(lost)
            resolved = devices.resolve("", kind)
            if resolved.number is None:
                notices.append(f"{lost!r} went away and there is no other device")
                continue
            try:
                ring = path.mic if kind is Kind.INPUT else path.speaker
                self._streams[kind] = RingStream(
                    kind, resolved.number, path.rate, stream_block(path.rate), ring
                )
                names[kind] = resolved.name
                notices.append(f"{lost!r} went away: using {resolved.name!r}")
            except AudioDeviceError as exc:
                notices.append(str(exc))
        self._status = self._make_status({k: v for k, v in names.items() if v}, notices, tuple(missing))

    def _close_devices(self) -> None:
        for stream in self._streams.values():
            stream.close()
        self._streams.clear()
        self._path = None
        self._status = AudioStatus(AudioState.IDLE)
