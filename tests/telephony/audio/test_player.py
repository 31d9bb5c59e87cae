"""The recording player (通話録音 from the history) on the real-time virtual sound card.

A call's recording as the recorder writes it (operator 700 Hz on the left, customer 1 kHz on the
right, 3 s) is played on the chosen speaker and caught on its monitor in stereo: each side stays
on its own ear, a seek to 2 s plays the last second only, a pause is silence, the end is
announced. Files that are not there or not recordings, and a machine without a speaker, say so.
"""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from calllist_desktop.telephony.audio import devices
from calllist_desktop.telephony.audio.player import (
    NoOutputDevice,
    RecordingMissing,
    RecordingPlayer,
    RecordingUnreadable,
    block_at,
)
from tests.telephony.audio.tones import read_wav, rms, tone_share
from tests.voice_fixtures import PulseAudio

RATE = 16000
LEFT, RIGHT = 700, 1000  # operator, customer
LOUD = 0.02


def stereo_call(path: Path, seconds: float = 3.0, rate: int = RATE) -> Path:
    """A recording as the recorder writes it: 16-bit stereo, the operator left, the customer right."""
    t = np.arange(int(rate * seconds)) / rate
    both = np.stack([np.sin(2 * np.pi * LEFT * t), np.sin(2 * np.pi * RIGHT * t)], axis=1) * 0.4 * 32767
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(both.astype("<i2").tobytes())
    return path


class WatchedPlayer(RecordingPlayer):
    """The player, counting the blocks PortAudio asks it for (to know when the sink pulls)."""

    blocks = 0

    def _fill(self, outdata: Any, frames: int, time: Any, status: Any) -> None:
        self.blocks += 1
        super()._fill(outdata, frames, time, status)


def listen(pulse: PulseAudio, player: WatchedPlayer, wav: Path) -> Any:
    """Start catching the speaker in stereo, and wait until the player's stream flows.

    The null sink pulls a stream only once its monitor is recorded, and then after a second or
    so; a test that played before that would measure the virtual card's start, not the player.
    """
    catcher = pulse.record(wav, rate=RATE, channels=2)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        before = player.blocks
        time.sleep(0.2)
        if player.blocks - before >= 5:  # 20 ms blocks: at least half of real time
            return catcher
    pulse.stop_recording(catcher)
    pytest.fail("the virtual speaker never pulled the player's stream")


def play_to_end(player: RecordingPlayer, finished: threading.Event, limit: float = 8.0) -> None:
    player.play()
    assert player.playing
    assert finished.wait(limit), f"never reached the end; at {player.position:.2f} s of {player.duration:.2f}"
    time.sleep(0.4)  # what PortAudio and PulseAudio still hold reaches the monitor


def loud_part(heard: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    loud = np.flatnonzero(np.abs(heard).max(axis=1) > LOUD)
    assert len(loud), "nothing was heard"
    return heard[loud[0] : loud[-1] + 1]


def blocks_of(
    samples: npt.NDArray[np.float64], rate: int, seconds: float = 0.1
) -> list[npt.NDArray[np.float64]]:
    size = int(rate * seconds)
    return [samples[start : start + size] for start in range(0, len(samples) - size + 1, size)]


def test_a_stereo_recording_plays_each_side_on_its_own_ear_at_the_volume_asked(
    pulse: PulseAudio, tmp_path: Path
) -> None:
    recording = stereo_call(tmp_path / "call.wav")
    finished = threading.Event()
    caught = tmp_path / "heard.wav"
    with WatchedPlayer(recording, "pulse", volume=0.5, on_finished=finished.set) as player:
        assert player.duration == pytest.approx(3.0) and player.position == 0.0 and not player.playing
        assert player.device == "pulse" and player.channels == 2 and player.notice == ""
        catcher = listen(pulse, player, caught)
        try:
            play_to_end(player, finished)
        finally:
            pulse.stop_recording(catcher)
        assert not player.playing and player.position == pytest.approx(3.0)
    heard, rate = read_wav(caught)
    part = loud_part(heard)
    assert 2.8 <= len(part) / rate <= 3.2, f"{len(part) / rate:.2f} s heard of a 3 s recording"
    middle = part[rate // 2 : -rate // 2]
    for block in blocks_of(middle, rate):
        assert tone_share(block[:, 0], rate, LEFT) > 0.9 and tone_share(block[:, 0], rate, RIGHT) < 0.05
        assert tone_share(block[:, 1], rate, RIGHT) > 0.9 and tone_share(block[:, 1], rate, LEFT) < 0.05
    assert rms(middle[:, 0]) == pytest.approx(0.2 / np.sqrt(2), rel=0.1), "half the recorded level"


def test_a_seek_plays_from_there_and_a_pause_is_silence_until_play(pulse: PulseAudio, tmp_path: Path) -> None:
    recording = stereo_call(tmp_path / "call.wav")
    finished = threading.Event()
    caught = tmp_path / "heard.wav"
    with WatchedPlayer(recording, "pulse", on_finished=finished.set) as player:
        catcher = listen(pulse, player, caught)
        try:
            player.seek(2.0)
            assert player.position == pytest.approx(2.0)
            play_to_end(player, finished)
            finished.clear()
            player.play()  # from the start again, once the end was reached
            time.sleep(1.0)
            player.pause()
            paused_at = player.position
            time.sleep(1.2)
            assert player.position == paused_at and not player.playing
            play_to_end(player, finished)
        finally:
            pulse.stop_recording(catcher)
    assert 0.6 <= paused_at <= 1.4
    heard, rate = read_wav(caught)
    loud = np.abs(heard).max(axis=1) > LOUD
    # Runs of sound and of silence, in 100 ms steps: the last second, a gap, the first part,
    # the pause, the rest.
    steps = [bool(loud[start : start + rate // 10].mean() > 0.5) for start in range(0, len(loud), rate // 10)]
    runs: list[list[Any]] = []
    for sounding in steps:
        if runs and runs[-1][0] == sounding:
            runs[-1][1] += 0.1
        else:
            runs.append([sounding, 0.1])
    sounding_runs = [index for index, (sounding, _) in enumerate(runs) if sounding]
    assert len(sounding_runs) == 3, f"sound and silence: {runs}"
    last_second, before_pause, after_pause = (runs[index][1] for index in sounding_runs)
    assert 0.8 <= last_second <= 1.2, f"a seek to 2 s of 3 plays the last second only: {runs}"
    assert before_pause == pytest.approx(paused_at, abs=0.2), runs
    assert after_pause == pytest.approx(3.0 - paused_at, abs=0.2), runs
    pause = runs[sounding_runs[1] + 1][1]
    assert pause >= 1.0, f"the pause was heard: {runs}"


def test_stereo_becomes_one_channel_by_mixing_both_sides_and_mono_goes_to_both_ears() -> None:
    stereo = np.array([[1000, 3000], [-2000, 2000], [500, 500]], dtype=np.int16)
    mono = block_at(stereo, 0, 4, 1.0, 1)
    assert mono.shape == (4, 1)
    assert list(np.round(mono[:, 0] * 32768)) == [2000, 0, 500, 0], (
        "the mean of both sides, silence past the end"
    )
    both = block_at(stereo[:, :1], 1, 2, 1.0, 2)
    assert both.shape == (2, 2) and list(np.round(both[:, 1] * 32768)) == [-2000, 500]


def test_a_recording_at_a_rate_the_device_refuses_is_resampled_at_its_pitch() -> None:
    t = np.arange(8000) / 8000
    tone = (np.sin(2 * np.pi * LEFT * t) * 16000).astype(np.int16)[:, None]
    out = block_at(tone, 0, 48000, 8000 / 48000, 1)[:, 0].astype(np.float64)
    assert len(out) == 48000 and tone_share(out, 48000, LEFT) > 0.95


def test_a_missing_file_says_it_is_not_there(tmp_path: Path) -> None:
    gone = tmp_path / "2026-12" / "gone.wav"
    with pytest.raises(RecordingMissing, match="not there") as raised:
        RecordingPlayer(gone)
    assert str(gone) in str(raised.value)


@pytest.mark.parametrize(
    "content",
    [b"this is not sound", b"RIFF\x04\x00\x00\x00WAVE", b""],
    ids=["text", "no-chunks", "empty"],
)
def test_a_file_that_is_no_recording_says_so(tmp_path: Path, content: bytes) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(content)
    with pytest.raises(RecordingUnreadable) as raised:
        RecordingPlayer(broken)
    assert str(broken) in str(raised.value)


def test_eight_bit_audio_is_refused_with_what_it_is(tmp_path: Path) -> None:
    odd = tmp_path / "odd.wav"
    with wave.open(str(odd), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(1)
        writer.setframerate(8000)
        writer.writeframes(bytes(800))
    with pytest.raises(RecordingUnreadable, match="8-bit"):
        RecordingPlayer(odd)


def test_no_speaker_at_all_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if devices.portaudio() is None:
        pytest.skip("no PortAudio library here")
    monkeypatch.setattr(devices, "list_devices", lambda: [])
    with pytest.raises(NoOutputDevice, match="no speaker"):
        RecordingPlayer(stereo_call(tmp_path / "call.wav", 0.5))
