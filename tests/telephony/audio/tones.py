"""Tones for tests and a Goertzel detector: which frequency a recording holds, not merely "not silent"."""

from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt


def write_tone(
    path: Path, frequency: float, seconds: float, rate: int = 44100, amplitude: float = 0.5
) -> Path:
    t = np.arange(int(rate * seconds)) / rate
    samples = (np.sin(2 * np.pi * frequency * t) * amplitude * 32767).astype("<i2")
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(samples.tobytes())
    return path


def read_wav(path: Path | str) -> tuple[npt.NDArray[np.float64], int]:
    """Samples as (frames, channels) floats in -1..1, and the rate."""
    with wave.open(str(path), "rb") as reader:
        rate = reader.getframerate()
        channels = reader.getnchannels()
        data = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    return data.reshape(-1, channels).astype(np.float64) / 32768.0, rate


def tone_share(samples: npt.NDArray[np.float64], rate: int, frequency: float) -> float:
    """The share of the signal's energy at ``frequency`` (Goertzel), 0..1; 0 for silence.

    A pure tone at ``frequency`` gives close to 1; silence, noise or another tone close to 0.
    """
    x = np.asarray(samples, dtype=np.float64)
    n = len(x)
    if n == 0:
        return 0.0
    energy = float(np.dot(x, x))
    if energy < 1e-9 * n:
        return 0.0
    k = round(n * frequency / rate)
    omega = 2 * math.pi * k / n
    coeff = 2 * math.cos(omega)
    s_prev = s_prev2 = 0.0
    for value in x:  # plain Goertzel: one bin, no FFT
        s = value + coeff * s_prev - s_prev2
        s_prev2, s_prev = s_prev, s
    power = s_prev2**2 + s_prev**2 - coeff * s_prev * s_prev2
    return float(2 * power / (n * energy))


def rms(samples: npt.NDArray[np.float64]) -> float:
    return float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0
