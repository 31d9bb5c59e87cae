"""Tones for the voice tests: write a sine to a WAV file, read WAV files back, and find a frequency.

The detector is a Goertzel filter (the single-bin DFT DTMF decoders use): for a block of samples it
gives the share of the block's energy that lies at one frequency. A tone is "in" a block when that
share is high and the block is not near silence, so noise, silence, another tone or a recording of
the wrong side all fail it. Pure Python (the tests need no numpy); ~100 k samples a second per
frequency, plenty for recordings of a few seconds at 8–48 kHz.
"""

from __future__ import annotations

import math
import struct
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path

BLOCK_SECONDS = 0.05
MIN_SHARE = 0.5
"""A block holds a tone when at least this share of its energy is at the tone's frequency."""
MIN_RMS = 0.003
"""Blocks quieter than this (full scale = 1.0, about -50 dBFS) count as silence, whatever they hold."""


def sine(frequency: float, seconds: float, rate: int = 8000, amplitude: float = 0.25) -> array[float]:
    """Samples of a sine in [-1, 1]."""
    count = round(seconds * rate)
    step = 2 * math.pi * frequency / rate
    return array("d", (amplitude * math.sin(step * i) for i in range(count)))


def write_wav(path: Path, samples: Sequence[float], rate: int = 8000, channels: int = 1) -> Path:
    """16-bit PCM WAV; ``samples`` interleaved when ``channels`` > 1."""
    clipped = (max(-32768, min(32767, round(value * 32767))) for value in samples)
    data = array("h", clipped)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(data.tobytes())
    return path


def write_tone(path: Path, frequency: float, seconds: float, rate: int = 8000) -> Path:
    return write_wav(path, sine(frequency, seconds, rate), rate)


def read_wav(path: Path, channel: int | None = None) -> tuple[int, array[float]]:
    """``(rate, samples in [-1, 1])`` of a 16-bit PCM WAV; one channel, or the mix of all."""
    with wave.open(str(path), "rb") as source:
        if source.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM is read here, not {8 * source.getsampwidth()}-bit")
        channels = source.getnchannels()
        rate = source.getframerate()
        raw = source.readframes(source.getnframes())
    return rate, samples_of(raw, channels, channel)


def samples_of(raw: bytes, channels: int = 1, channel: int | None = None) -> array[float]:
    """Signed 16-bit little-endian frames to floats; one channel, or the mix of all."""
    count = len(raw) // 2
    values = struct.unpack(f"<{count}h", raw[: count * 2])
    if channels == 1:
        return array("d", (value / 32768 for value in values))
    if channel is not None:
        return array("d", (value / 32768 for value in values[channel::channels]))
    frames = zip(*(values[index::channels] for index in range(channels)), strict=False)
    return array("d", (sum(frame) / (32768 * channels) for frame in frames))


def goertzel_share(block: Sequence[float], rate: int, frequency: float) -> float:
    """Share (0–1) of ``block``'s energy at ``frequency``."""
    count = len(block)
    if count == 0:
        return 0.0
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    previous = before = 0.0
    energy = 0.0
    for value in block:
        previous, before = value + coefficient * previous - before, previous
        energy += value * value
    if energy == 0.0:
        return 0.0
    power = previous * previous + before * before - coefficient * previous * before
    # A pure sine of amplitude A gives power ≈ (A·N/2)² and energy ≈ A²·N/2: the ratio is 1.
    return min(1.0, 2 * power / (count * energy))


def rms(block: Sequence[float]) -> float:
    return math.sqrt(sum(value * value for value in block) / len(block)) if block else 0.0


def blocks(samples: Sequence[float], rate: int, seconds: float = BLOCK_SECONDS) -> list[Sequence[float]]:
    size = max(1, round(rate * seconds))
    return [samples[start : start + size] for start in range(0, len(samples) - size + 1, size)]


def tone_fraction(samples: Sequence[float], rate: int, frequency: float) -> float:
    """Share (0–1) of the 50 ms blocks in which ``frequency`` is the tone that sounds."""
    parts = blocks(samples, rate)
    if not parts:
        return 0.0
    hits = sum(
        1 for part in parts if rms(part) >= MIN_RMS and goertzel_share(part, rate, frequency) >= MIN_SHARE
    )
    return hits / len(parts)


def tone_seconds(samples: Sequence[float], rate: int, frequency: float) -> tuple[float, float]:
    """Seconds in which ``frequency`` sounds, and its share (0–1) of the blocks that are not silent.

    For a call's recording, whose first moments are silent while the media starts: the tone must
    last long enough, and whatever is heard must mostly be it.
    """
    parts = blocks(samples, rate)
    loud = [part for part in parts if rms(part) >= MIN_RMS]
    hits = sum(1 for part in loud if goertzel_share(part, rate, frequency) >= MIN_SHARE)
    return hits * BLOCK_SECONDS, (hits / len(loud) if loud else 0.0)


def silent_fraction(samples: Sequence[float], rate: int) -> float:
    """Share (0–1) of the 50 ms blocks quieter than :data:`MIN_RMS`."""
    parts = blocks(samples, rate)
    return sum(1 for part in parts if rms(part) < MIN_RMS) / len(parts) if parts else 1.0


def dominant_frequency(
    samples: Sequence[float], rate: int, low: float = 100.0, high: float = 3500.0, step: float = 10.0
) -> float:
    """The frequency (to ``step`` Hz) with the most energy in the loudest 100 ms of ``samples``."""  # fmt: skip
    parts = blocks(samples, rate, 0.1)
    if not parts:
        raise ValueError("fewer samples than one 100 ms block")
    loudest = max(parts, key=rms)
    candidates = [low + step * index for index in range(int((high - low) / step) + 1)]
    return max(candidates, key=lambda frequency: goertzel_share(loudest, rate, frequency))


def runs(samples: Sequence[float], rate: int, frequency: float, seconds: float = 0.1) -> list[tuple[str, float]]:
    """The recording as runs of ``"tone"`` (``frequency`` sounds), ``"silence"`` and ``"other"``, with their lengths.

    For checks of order ("the tone, then at least 1.5 s of silence, then the tone again") that do
    not depend on when a recording started.
    """
    result: list[tuple[str, float]] = []
    for part in blocks(samples, rate, seconds):
        if rms(part) < MIN_RMS:
            kind = "silence"
        elif goertzel_share(part, rate, frequency) >= MIN_SHARE:
            kind = "tone"
        else:
            kind = "other"
        if result and result[-1][0] == kind:
            result[-1] = (kind, result[-1][1] + seconds)
        else:
            result.append((kind, seconds))
    return [(kind, round(length, 3)) for kind, length in result]


def tone_gap_tone(samples: Sequence[float], rate: int, frequency: float, gap: float,
                  quiet: tuple[str, ...] = ("silence",)) -> bool:  # fmt: skip
    """Whether ``frequency`` sounds, then stops for at least ``gap`` seconds (only ``quiet`` runs,
    short blips of under 0.2 s aside), then sounds again for at least 0.5 s."""
    sequence = runs(samples, rate, frequency)
    for index, (kind, _) in enumerate(sequence):
        if kind != "tone":
            continue
        quiet_length = 0.0
        for later_kind, length in sequence[index + 1 :]:
            if later_kind == "tone":
                if quiet_length >= gap and length >= 0.5:
                    return True
                if length >= 0.2:
                    break
                quiet_length += length  # a blip inside the gap counts as part of it
            elif later_kind in quiet or length < 0.2:
                quiet_length += length
            else:
                break
    return False


def first_tone_time(
    samples: Sequence[float], rate: int, frequency: float, seconds: float = 0.01
) -> float | None:
    """Seconds from the start to the first ``seconds``-long block that holds ``frequency``."""
    for index, part in enumerate(blocks(samples, rate, seconds)):
        if rms(part) >= MIN_RMS and goertzel_share(part, rate, frequency) >= MIN_SHARE:
            return index * seconds
    return None


def describe(samples: Sequence[float], rate: int) -> str:
    """A line for a failing assertion: length, loudness, silent share and main frequency."""
    if len(samples) < rate // 10:
        return f"{len(samples)} samples at {rate} Hz (too short to analyse)"
    return (
        f"{len(samples) / rate:.2f} s at {rate} Hz, rms {rms(samples):.4f}, "
        f"{silent_fraction(samples, rate):.0%} silent, loudest part at {dominant_frequency(samples, rate):.0f} Hz"
    )
