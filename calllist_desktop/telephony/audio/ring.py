"""A bounded FIFO of 16-bit samples between two clocks (PJSIP's and the sound card's).

PJSIP asks for and hands over a 20 ms frame on its own clock; PortAudio calls back on the sound
card's clock, in blocks of its own size, on its own thread. The two never tick together and drift
apart slowly, so between them sits a ring of preallocated samples: writing past its capacity drops
the oldest audio (better a click than a growing delay), reading more than it holds yields what
there is and silence for the rest, and both are counted so a test or benchmark can see them.
Nothing here allocates per call: the buffer is made once, and data moves with slice copies.

What waits in the ring is delay. How much must wait depends on the two clocks' jitter (a sound
server that delivers in bursts, a busy machine), which differs from one computer to the next, so a
call's rings use a :class:`Cushion`, as a jitter buffer does: they start small, grow after each
underrun, and cut what waits beyond the cushion (``bench/README.md``, "Our audio path", has the
measurements that chose this over fixed sizes).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.int16]


@dataclass(frozen=True)
class Cushion:
    """How much audio a ring keeps waiting beyond what its reader takes, in samples.

    The ring watches the least audio left after a read over every ``window`` samples read. When
    even that least was at least ``step`` more than the cushion, the clocks' jitter never needed
    it: the excess is dropped (once, at the start of a call, what the devices' start-up piled up;
    later, rarely, what the writer's faster clock added). A read that finds too little (an
    underrun, an audible gap) grows the cushion by ``step``, up to ``most``; it never shrinks
    during the call, so one gap is not followed by another for the same reason.
    """

    start: int
    step: int
    most: int
    window: int

    @classmethod
    def in_time(cls, rate: int, start: float, step: float, most: float, window: float) -> Cushion:
        """The same, given in seconds at ``rate`` samples a second."""
        return cls(
            round(start * rate), max(1, round(step * rate)), round(most * rate), max(1, round(window * rate))
        )


class SampleRing:
    """A thread-safe ring of at most ``capacity`` int16 samples.

    ``max_fill`` (optional) keeps the delay bounded: when a read finds more than ``max_fill``
    samples waiting (the writer's clock runs fast), it skips the oldest down to ``max_fill``
    first. ``cushion`` (optional) keeps it small as well (see :class:`Cushion`); without one the
    ring keeps whatever the writer gets ahead by, up to ``max_fill``. ``overflows`` counts samples
    dropped for capacity or ``max_fill``, ``trimmed`` samples the cushion cut, ``underruns`` reads
    that found too little after audio had started to flow (after the first read served in full:
    a device's first blocks come irregularly, and a short read before them is the start, not a gap).
    """

    def __init__(self, capacity: int, max_fill: int | None = None, cushion: Cushion | None = None) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self._buffer: Samples = np.zeros(capacity, dtype=np.int16)
        self._capacity = capacity
        self._max_fill = max_fill if max_fill is not None else capacity
        self._start = 0
        self._fill = 0
        self._lock = threading.Lock()
        self._flowing = False
        self._policy = cushion
        self.cushion = 0 if cushion is None else cushion.start
        self._least = capacity  # the least audio left after a read in this window
        self._window_read = 0
        self.overflows = 0
        self.trimmed = 0
        self.underruns = 0
        self.reads = 0
        self.fill_read = 0  # the sum over reads of the samples waiting when each began

    @property
    def fill(self) -> int:
        """Samples waiting to be read."""
        return self._fill

    def clear(self) -> None:
        """Drop everything waiting; counters and the cushion stay."""
        with self._lock:
            self._start = 0
            self._fill = 0
            self._flowing = False
            self._least = self._capacity
            self._window_read = 0

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
                self._skip(dropped)
            end = (self._start + self._fill) % self._capacity
            first = min(count, self._capacity - end)
            self._buffer[end : end + first] = samples[:first]
            if first < count:
                self._buffer[: count - first] = samples[first:]
            self._fill += count

    def read_into(self, out: Samples) -> int:
        """Fill ``out`` with the oldest waiting samples, silence after them; returns how many were real."""
        wanted = len(out)
        with self._lock:
            if self._fill > self._max_fill:
                skipped = self._fill - self._max_fill
                self.overflows += skipped
                self._skip(skipped)
            self.reads += 1
            self.fill_read += self._fill
            count = min(wanted, self._fill)
            first = min(count, self._capacity - self._start)
            out[:first] = self._buffer[self._start : self._start + first]
            if first < count:
                out[first:count] = self._buffer[: count - first]
            self._start = (self._start + count) % self._capacity
            self._fill -= count
            if count == wanted:
                self._flowing = True
            elif self._flowing:
                self.underruns += 1
            if self._policy is not None and self._flowing:
                self._follow(wanted, count < wanted)
        if count < wanted:
            out[count:] = 0
        return count

    def _follow(self, wanted: int, short: bool) -> None:
        """Keep the cushion: grow it after an underrun, cut what waited beyond it for a whole window."""
        policy = self._policy
        assert policy is not None
        if short:
            self.cushion = min(policy.most, self.cushion + policy.step)
            self._least = 0
        else:
            self._least = min(self._least, self._fill)
        self._window_read += wanted
        if self._window_read < policy.window:
            return
        excess = self._least - self.cushion
        if excess >= policy.step:
            self.trimmed += excess
            self._skip(excess)
        self._least = self._capacity
        self._window_read = 0

    def _skip(self, count: int) -> None:
        """Drop the oldest ``count`` waiting samples (the lock is held)."""
        self._start = (self._start + count) % self._capacity
        self._fill -= count
