"""Input and output levels for the call card's meters: RMS and peak of recent audio, 0.0 to 1.0.

The audio threads call :meth:`LevelMeter.measure` once per 20 ms frame; the window reads
:meth:`LevelMeter.read` a few times a second. Each reading gives the loudest frame since the last
one (so a short word is not missed between two reads) and decays otherwise.
"""

from __future__ import annotations

import threading

import numpy as np

from calllist_desktop.telephony.audio.ring import Samples
from calllist_desktop.telephony.audio.status import Level

FULL_SCALE = 32768.0


class LevelMeter:
    """Keeps the loudest frame seen since the last :meth:`read`; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rms = 0.0
        self._peak = 0.0

    def measure(self, samples: Samples) -> None:
        if len(samples) == 0:
            return
        as_float = samples.astype(np.float32)
        rms = float(np.sqrt(np.mean(np.square(as_float)))) / FULL_SCALE
        peak = float(np.max(np.abs(as_float))) / FULL_SCALE
        with self._lock:
            self._rms = max(self._rms, rms)
            self._peak = max(self._peak, peak)

    def read(self) -> Level:
        with self._lock:
            level = Level(min(self._rms, 1.0), min(self._peak, 1.0))
            self._rms = 0.0
            self._peak = 0.0
        return level

    def reset(self) -> None:
        with self._lock:
            self._rms = 0.0
            self._peak = 0.0
