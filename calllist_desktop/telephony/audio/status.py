"""What the audio path reports, as plain values: levels, device state, frame timing.

Kept apart from the modules that make them (numpy, PortAudio, PJSIP) because the window reads
them in another process than the one that makes them (:mod:`calllist_desktop.telephony.phone_process`):
a reading crosses the pipe as one of these and must unpickle without loading the audio stack.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import NamedTuple


class Level(NamedTuple):
    """One meter reading: ``rms`` and ``peak`` as fractions of full scale."""

    rms: float = 0.0
    peak: float = 0.0

    @property
    def dbfs(self) -> float:
        """The RMS in dB below full scale (-inf for silence), for a meter with a dB scale."""
        return 20.0 * math.log10(self.rms) if self.rms > 0 else float("-inf")


class Levels(NamedTuple):
    input: Level
    output: Level


class AudioState(StrEnum):
    IDLE = "idle"  # no call has media
    ACTIVE = "active"  # a call's audio flows through both devices
    PARTIAL = "partial"  # one direction has no device (no microphone, or no speaker)
    NO_AUDIO = "no_audio"  # calls run, but no sound device could be opened


class AudioStatus(NamedTuple):
    state: AudioState
    input_device: str = ""
    output_device: str = ""
    notices: tuple[str, ...] = ()  # fall-backs and failures, English, one sentence each
    missing: tuple[str, ...] = ()  # chosen devices that were not there (the default is used instead)


class FrameStats(NamedTuple):
    """How regularly PJSIP's clock reached the ports of the calls attached now (tests, benchmarks)."""

    frames: int  # frames handed to PJSIP
    late: int  # of them, more than 40 ms after the one before
    max_gap_ms: float
    underruns: int  # reads of a ring that found too little (device or PJSIP clock behind)


class AudioSnapshot(NamedTuple):
    """Everything the call card shows of the audio path, read at one moment."""

    levels: Levels
    status: AudioStatus
    muted: frozenset[str]  # call ids
    recording: frozenset[str]  # call ids being recorded now
