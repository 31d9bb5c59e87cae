"""The tone detector the voice tests rely on: it must find a tone, and must not find one that is not there."""

from __future__ import annotations

import random
from array import array
from pathlib import Path

import pytest

from tests import tone


@pytest.mark.parametrize("rate", [8000, 16000, 48000])
@pytest.mark.parametrize("frequency", [440.0, 700.0, 1000.0, 1633.0])
def test_a_written_tone_is_found_at_its_frequency_and_no_other(
    tmp_path: Path, rate: int, frequency: float
) -> None:
    path = tone.write_tone(tmp_path / "tone.wav", frequency, 1.0, rate)
    read_rate, samples = tone.read_wav(path)
    assert read_rate == rate
    assert tone.tone_fraction(samples, rate, frequency) > 0.95
    for other in (frequency * 0.8, frequency * 1.25, frequency + 100):
        assert tone.tone_fraction(samples, rate, other) < 0.05, other
    assert abs(tone.dominant_frequency(samples, rate) - frequency) <= 10


def test_silence_noise_and_a_quiet_tone_hold_no_tone() -> None:
    rate = 8000
    generator = random.Random(7)
    noise = array("d", (generator.uniform(-0.3, 0.3) for _ in range(rate)))
    silence = array("d", [0.0] * rate)
    whisper = tone.sine(700, 1.0, rate, amplitude=0.001)  # below MIN_RMS: silence on a line
    for samples in (noise, silence, whisper):
        assert tone.tone_fraction(samples, rate, 700) == 0.0
    assert tone.silent_fraction(silence, rate) == 1.0
    assert tone.silent_fraction(noise, rate) == 0.0


def test_a_tone_in_noise_and_two_tones_at_once_are_both_heard() -> None:
    rate = 8000
    generator = random.Random(3)
    first, second = tone.sine(700, 1.0, rate, 0.2), tone.sine(1000, 1.0, rate, 0.2)
    noisy = array("d", (value + generator.uniform(-0.05, 0.05) for value in first))
    assert tone.tone_fraction(noisy, rate, 700) > 0.9
    mixed = array("d", (a + b for a, b in zip(first, second, strict=True)))
    # Two equal tones share the energy: each holds about half of it, at neither bin does it fall to 0.
    assert all(0.35 < tone.goertzel_share(mixed[:400], rate, f) < 0.65 for f in (700, 1000))


def test_the_fraction_counts_only_the_part_with_the_tone_and_the_start_is_timed() -> None:
    rate = 8000
    samples = array("d", [0.0] * (rate // 2)) + tone.sine(700, 1.5, rate)
    assert tone.tone_fraction(samples, rate, 700) == pytest.approx(0.75, abs=0.03)
    start = tone.first_tone_time(samples, rate, 700)
    assert start is not None and start == pytest.approx(0.5, abs=0.011)
    assert tone.first_tone_time(samples, rate, 1000) is None


def test_stereo_channels_are_read_apart(tmp_path: Path) -> None:
    rate = 8000
    left, right = tone.sine(700, 0.5, rate), tone.sine(1000, 0.5, rate)
    interleaved = array("d", (value for pair in zip(left, right, strict=True) for value in pair))
    path = tone.write_wav(tmp_path / "stereo.wav", interleaved, rate, channels=2)
    _, samples_left = tone.read_wav(path, channel=0)
    _, samples_right = tone.read_wav(path, channel=1)
    assert (
        tone.tone_fraction(samples_left, rate, 700) > 0.95
        and tone.tone_fraction(samples_left, rate, 1000) == 0
    )
    assert (
        tone.tone_fraction(samples_right, rate, 1000) > 0.95
        and tone.tone_fraction(samples_right, rate, 700) == 0
    )


def test_g711_coding_keeps_the_tone_findable() -> None:
    """What a far end records has been through μ-law both ways: the tone must survive it."""
    audioop = pytest.importorskip("audioop")
    rate = 8000
    samples = tone.sine(700, 1.0, rate)
    pcm = array("h", (round(value * 32767) for value in samples)).tobytes()
    decoded = tone.samples_of(audioop.ulaw2lin(audioop.lin2ulaw(pcm, 2), 2))
    assert tone.tone_fraction(decoded, rate, 700) > 0.95
    assert "700 Hz" in tone.describe(decoded, rate)


def test_tone_seconds_count_the_tone_and_its_share_of_what_is_not_silent() -> None:
    rate = 8000
    late_start = array("d", [0.0] * (2 * rate)) + tone.sine(700, 1.0, rate)
    seconds, share = tone.tone_seconds(late_start, rate, 700)
    assert seconds == pytest.approx(1.0, abs=0.06) and share > 0.95
    mixed = tone.sine(700, 1.0, rate) + tone.sine(1300, 1.0, rate)
    seconds, share = tone.tone_seconds(mixed, rate, 700)
    assert seconds == pytest.approx(1.0, abs=0.06) and share == pytest.approx(0.5, abs=0.05)
    assert tone.tone_seconds(array("d", [0.0] * rate), rate, 700) == (0.0, 0.0)


def test_runs_and_a_gap_between_two_tones_are_found_wherever_the_recording_starts() -> None:
    rate = 8000
    silence = array("d", [0.0] * rate)
    other = tone.sine(1300, 1.0, rate)
    ours = tone.sine(700, 1.0, rate)
    muted = ours + silence + silence + ours
    assert tone.runs(muted, rate, 700) == [("tone", 1.0), ("silence", 2.0), ("tone", 1.0)]
    assert tone.tone_gap_tone(muted, rate, 700, gap=1.5)
    assert tone.tone_gap_tone(silence + muted, rate, 700, gap=1.5)
    assert not tone.tone_gap_tone(muted, rate, 700, gap=2.5), "the gap is 2 s, not 2.5"
    assert not tone.tone_gap_tone(ours + silence + silence, rate, 700, gap=1.5), "no tone after the gap"
    assert not tone.tone_gap_tone(silence + silence + ours, rate, 700, gap=1.5), "no tone before the gap"
    # A gap that is not silence (another sound) counts only when the caller allows it.
    held = ours + other + other + ours
    assert not tone.tone_gap_tone(held, rate, 700, gap=1.5)
    assert tone.tone_gap_tone(held, rate, 700, gap=1.5, quiet=("silence", "other"))
