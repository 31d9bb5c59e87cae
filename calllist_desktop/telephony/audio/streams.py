"""PortAudio streams that fill and drain :class:`~.ring.SampleRing` buffers on the sound card's clock.

The callbacks run on PortAudio's own thread, so they do the least they can: copy one block into
or out of a ring and count what went wrong (an input overflow, an output underflow). They never
call pjsua2 (that thread is not registered with PJSIP) and never raise: an exception in a
PortAudio callback would stop the stream mid-call.

Mono 16-bit at one sample rate for both directions. :func:`choose_rate` finds a rate both devices
take, PJSIP's own first (no resampling anywhere), then the usual hardware rates; the conference
bridge resamples a port whose rate differs from its own.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import numpy as np

from calllist_desktop.telephony.audio import devices
from calllist_desktop.telephony.audio.ring import SampleRing

log = logging.getLogger(__name__)

PREFERRED_RATES = (16000, 48000, 44100, 32000, 8000)


class AudioDeviceError(Exception):
    """A sound device could not be opened; the message says which and why."""


def choose_rate(input_index: int | None, output_index: int | None, preferred: int = 16000) -> int:
    """A mono int16 rate that every given device accepts; ``preferred`` when there is none to ask."""
    sd = devices.portaudio()
    if sd is None:
        return preferred
    candidates = [preferred, *(rate for rate in PREFERRED_RATES if rate != preferred)]
    for index in (input_index, output_index):
        if index is not None:
            candidates.append(int(sd.query_devices(index)["default_samplerate"]))
    for rate in candidates:
        try:
            if input_index is not None:
                sd.check_input_settings(device=input_index, channels=1, dtype="int16", samplerate=rate)
            if output_index is not None:
                sd.check_output_settings(device=output_index, channels=1, dtype="int16", samplerate=rate)
        except (sd.PortAudioError, ValueError):
            continue
        return rate
    raise AudioDeviceError("the sound devices accept no common sample rate")


class RingStream:
    """One open PortAudio stream feeding (input) or draining (output) a ring, ``block`` samples a callback.

    ``latency="low"`` is the host's own idea of a safe low latency, never tighter than a headset on
    that system takes; PortAudio keeps at least two blocks, so on PulseAudio the block decides the
    stream's delay (measured in ``bench/README.md``, "Our audio path").

    ``gone`` turns true when PortAudio ends the stream by itself (the device was unplugged); the
    owner then reopens on the default device.
    """

    def __init__(self, kind: devices.Kind, index: int, rate: int, block: int, ring: SampleRing) -> None:
        sd = devices.portaudio()
        if sd is None:
            raise AudioDeviceError("PortAudio is not available")
        self.kind = kind
        self.ring = ring
        self.xruns = 0  # PortAudio's own overflow/underflow flags
        self.gone = False
        self._closing = False
        self._lock = threading.Lock()
        stream_type = sd.InputStream if kind is devices.Kind.INPUT else sd.OutputStream
        callback = self._input if kind is devices.Kind.INPUT else self._output
        try:
            self._stream: Any = stream_type(
                device=index,
                samplerate=rate,
                channels=1,
                dtype="int16",
                blocksize=block,
                latency="low",
                callback=callback,
                finished_callback=self._finished,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(f"cannot open {kind.value} device {index}: {exc}") from exc
        devices.stream_opened()

    @property
    def latency(self) -> float:
        """PortAudio's own figure for this stream's buffering, in seconds (benchmarks)."""
        return float(self._stream.latency)

    def _input(self, indata: Any, frames: int, time: Any, status: Any) -> None:
        if status:
            self.xruns += 1
        self.ring.write(indata[:, 0])

    def _output(self, outdata: Any, frames: int, time: Any, status: Any) -> None:
        if status:
            self.xruns += 1
        column: np.ndarray[Any, Any] = outdata[:, 0]
        self.ring.read_into(column)

    def _finished(self) -> None:
        if not self._closing:
            log.warning("the %s device stopped by itself", self.kind.value)
            self.gone = True

    def close(self) -> None:
        with self._lock:
            if self._closing:
                return
            self._closing = True
        try:
            self._stream.close(ignore_errors=True)
        finally:
            devices.stream_closed()
