"""The ringtone of an incoming call, played on the ringing device straight through PortAudio.

It is made here (a soft two-tone trill, one second on, two off) rather than read from a file, so
there is nothing to ship or to lose, and it needs neither PJSIP nor a call: the phone rings before
any media exists.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from calllist_desktop.telephony.audio import devices
from calllist_desktop.telephony.audio.streams import AudioDeviceError

RATE = 48000


def ring_pattern(rate: int = RATE, volume: float = 0.5) -> np.ndarray[Any, np.dtype[np.int16]]:
    """Three seconds: a 1 s trill of 1,000/1,250 Hz alternating every 50 ms, then 2 s of silence."""
    t = np.arange(rate) / rate
    tone_a = np.sin(2 * np.pi * 1000 * t)
    tone_b = np.sin(2 * np.pi * 1250 * t)
    use_a = (np.floor(t / 0.05) % 2) == 0
    trill = np.where(use_a, tone_a, tone_b)
    fade = np.minimum(1.0, np.minimum(t, 1.0 - t) / 0.01)  # no clicks at the edges
    signal = np.concatenate([trill * fade, np.zeros(2 * rate)])
    return (signal * 0.3 * max(0.0, min(1.0, volume)) * 32767).astype(np.int16)


class Ringer:
    """Plays :func:`ring_pattern` in a loop on device ``index`` until :meth:`close`."""

    def __init__(self, index: int, volume: float = 1.0) -> None:
        sd = devices.portaudio()
        if sd is None:
            raise AudioDeviceError("PortAudio is not available")
        rate = RATE
        try:
            sd.check_output_settings(device=index, channels=1, dtype="int16", samplerate=rate)
        except (sd.PortAudioError, ValueError):
            rate = int(sd.query_devices(index)["default_samplerate"])
        self._pattern = ring_pattern(rate, volume)
        self._position = 0
        self._lock = threading.Lock()
        self._closed = False
        try:
            self._stream: Any = sd.OutputStream(
                device=index, samplerate=rate, channels=1, dtype="int16", blocksize=rate // 50, latency="low",
                callback=self._fill,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(f"cannot open the ringing device {index}: {exc}") from exc
        devices.stream_opened()

    def _fill(self, outdata: Any, frames: int, time: Any, status: Any) -> None:
        pattern = self._pattern
        out = outdata[:, 0]
        done = 0
        while done < frames:
            count = min(frames - done, len(pattern) - self._position)
            out[done : done + count] = pattern[self._position : self._position + count]
            done += count
            self._position = (self._position + count) % len(pattern)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._stream.close(ignore_errors=True)
        finally:
            devices.stream_closed()
