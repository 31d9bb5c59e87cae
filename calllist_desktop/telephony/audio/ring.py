"""A bounded FIFO of 16-bit samples between two clocks (PJSIP's and the sound card's).

PJSIP asks for and hands over a 20 ms frame on its own clock; PortAudio calls back on the sound
card's clock, in blocks of its own size, on its own thread. The two never tick together and drift
apart slowly, so between them sits a ring of preallocated samples: writing past its capacity drops
the oldest audio (better a click than a growing delay), reading more than it holds yields what
there is and silence for the rest, and both are counted so a test or benchmark can see them.
Nothing here allocates per call: the buffer is made once, and data moves with slice copies.
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.int16]


class SampleRing:
    """A thread-safe ring of at most ``capacity`` int16 samples.

    ``max_fill`` (optional) keeps the delay bounded: when a read finds more than ``max_fill``
    samples waiting (the writer's clock runs fast), it skips the oldest down to ``max_fill``
    first. ``overflows`` counts samples dropped, ``underruns`` reads that found too little
    after audio had started to flow.
    """

    def __init__(self, capacity: int, max_fill: int | None = None) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self._buffer: Samples = np.zeros(capacity, dtype=np.int16)
        self._capacity = capacity
        self._max_fill = max_fill if max_fill is not None else capacity
        self._start = 0
        self._fill = 0
        self._lock = threading.Lock()
        self._flowing = False
        self.overflows = 0
        self.underruns = 0

    @property
    def fill(self) -> int:
        """Samples waiting to be read."""
        return self._fill

    def clear(self) -> None:
        """Drop everything waiting; counters stay."""
        with self._lock:
            self._start = 0
            self._fill = 0
            self._flowing = False

    def write(self, samples: Samples) -> None:
        """Append ``samples``; the oldest waiting ones make room when the ring is full."""
        count = len(samples)
        if count == 0:
            return
        with self._lock:
            if count >= self._capacity:
                self.overflows += self._fill + count - self._capacity
                samples = samples[count - self._capacity :]
                count = self._capacity
                self._start = 0
                self._fill = 0
            elif self._fill + count > self._capacity:
                dropped = self._fill + count - self._capacity
                self.overflows += dropped
                self._start = (self._start + dropped) % self._capacity
                self._fill -= dropped
            end = (self._start + self._fill) % self._capacity
            first = min(count, self._capacity - end)
            self._buffer[end : end + first] = samples[:first]
            if first < count:
                self._buffer[: count - first] = samples[first:]
            self._fill += count
            self._flowing = True

    def read_into(self, out: Samples) -> int:
        """Fill ``out`` with the oldest waiting samples, silence after them; returns how many were real."""
        wanted = len(out)
        with self._lock:
            if self._fill > self._max_fill:
                skipped = self._fill - self._max_fill
                self.overflows += skipped
                self._start = (self._start + skipped) % self._capacity
                self._fill = self._max_fill
            count = min(wanted, self._fill)
            first = min(count, self._capacity - self._start)
            out[:first] = self._buffer[self._start : self._start + first]
            if first < count:
                out[first:count] = self._buffer[: count - first]
            self._start = (self._start + count) % self._capacity
            self._fill -= count
            if count < wanted and self._flowing:
                self.underruns += 1
        if count < wanted:
            out[count:] = 0
        return count
