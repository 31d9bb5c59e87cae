"""The audio path's parts one by one: the ring between two clocks, device choice by name, the
recording on a full disk, the ringtone, the meters, and the PJSIP endpoint's order of shutdown."""

from __future__ import annotations

import os
import subprocess
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from calllist_desktop.core.line import CallAnswered, IncomingCall
from calllist_desktop.telephony.audio.call_audio import CallAudio, call_ring, stream_block
from calllist_desktop.telephony.audio.devices import Device, Kind, resolve
from calllist_desktop.telephony.audio.levels import LevelMeter
from calllist_desktop.telephony.audio.recorder import CallRecording, RecordingResult
from calllist_desktop.telephony.audio.ring import Cushion, SampleRing
from calllist_desktop.telephony.audio.settings import AudioSettings
from tests.telephony.audio.tones import read_wav, tone_share
from tests.voice_fixtures import PulseAudio

# --- the ring ---------------------------------------------------------------------------------


def samples(*values: int) -> np.ndarray:  # type: ignore[type-arg]
    return np.array(values, dtype=np.int16)


def test_the_ring_hands_on_samples_in_order_across_its_end() -> None:
    ring = SampleRing(5)
    out = np.zeros(3, dtype=np.int16)
    ring.write(samples(1, 2, 3, 4))
    assert ring.read_into(out) == 3 and list(out) == [1, 2, 3]
    ring.write(samples(5, 6, 7))  # wraps around the end of the buffer
    assert ring.read_into(out) == 3 and list(out) == [4, 5, 6]
    assert ring.read_into(out) == 1 and list(out) == [7, 0, 0]  # what there is, then silence
    assert ring.underruns == 1 and ring.overflows == 0


def test_a_full_ring_drops_the_oldest_audio_and_counts_it() -> None:
    ring = SampleRing(4)
    ring.write(samples(1, 2, 3))
    ring.write(samples(4, 5, 6))
    out = np.zeros(4, dtype=np.int16)
    assert ring.read_into(out) == 4 and list(out) == [3, 4, 5, 6]
    assert ring.overflows == 2
    ring.write(np.arange(10, dtype=np.int16))  # more than it holds at once: the newest 4 stay
    assert ring.read_into(out) == 4 and list(out) == [6, 7, 8, 9]


def test_the_ring_keeps_the_delay_bounded_when_the_writer_runs_fast() -> None:
    ring = SampleRing(100, max_fill=4)
    ring.write(np.arange(10, dtype=np.int16))
    out = np.zeros(2, dtype=np.int16)
    ring.read_into(out)
    assert list(out) == [6, 7], "the oldest audio beyond the bound was skipped, not played late"
    assert ring.fill == 2 and ring.overflows == 6


def test_silence_before_audio_flows_is_not_an_underrun() -> None:
    ring = SampleRing(8)
    out = np.zeros(4, dtype=np.int16)
    ring.read_into(out)
    ring.write(samples(1, 2))
    assert ring.read_into(out) == 2, "the device's first block came before the reader's first frame"
    assert ring.underruns == 0
    ring.write(samples(3, 4, 5, 6, 7))
    ring.read_into(out)  # served in full: audio flows
    assert ring.read_into(out) == 1 and ring.underruns == 1


def test_a_cushioned_ring_cuts_what_waited_beyond_its_cushion_for_a_whole_window() -> None:
    ring = SampleRing(100, cushion=Cushion(start=4, step=2, most=20, window=10))
    ring.write(np.arange(30, dtype=np.int16))  # a device's start-up piled up 30 samples
    out = np.zeros(5, dtype=np.int16)
    ring.read_into(out)
    assert list(out) == [0, 1, 2, 3, 4] and ring.fill == 25, "nothing is cut within the window"
    ring.write(np.arange(30, 35, dtype=np.int16))
    ring.read_into(out)  # the window's 10 samples are read; at least 25 were left after each read
    assert list(out) == [5, 6, 7, 8, 9]
    assert ring.fill == 4 and ring.trimmed == 21, "cut down to the cushion"
    ring.read_into(out)
    assert list(out) == [31, 32, 33, 34, 0], "the newest audio stayed, in order"


def test_an_excess_smaller_than_a_step_is_kept() -> None:
    ring = SampleRing(100, cushion=Cushion(start=4, step=3, most=20, window=4))
    ring.write(np.arange(10, dtype=np.int16))
    ring.read_into(np.zeros(4, dtype=np.int16))  # 6 left: 2 more than the cushion, less than a step
    assert ring.fill == 6 and ring.trimmed == 0


def test_an_underrun_grows_the_cushion_up_to_its_most_and_cuts_nothing_in_that_window() -> None:
    ring = SampleRing(100, cushion=Cushion(start=2, step=3, most=7, window=8))
    out = np.zeros(4, dtype=np.int16)
    ring.write(np.arange(20, dtype=np.int16))
    ring.read_into(out)
    ring.read_into(out)  # a window with 12 left at least: cut to the cushion, 2
    assert ring.fill == 2 and ring.cushion == 2
    ring.read_into(out)
    assert ring.underruns == 1 and ring.cushion == 5
    ring.write(np.arange(30, dtype=np.int16))
    ring.read_into(out)  # the window saw the underrun: nothing cut although 26 are left
    assert ring.fill == 26 and ring.trimmed == 10
    for _ in range(4):
        ring.write(np.zeros(2, dtype=np.int16))
        ring.read_into(np.zeros(10, dtype=np.int16))
    assert ring.cushion == 7, "it grows no further than its most"


def test_two_clocks_settle_at_the_cushion_after_a_start_up_pile() -> None:
    """PJSIP writes 20 ms frames, the device reads them as 10 ms blocks; the ring starts with
    200 ms piled up (an output stream that stalls at its start, as PulseAudio's does for ~1.5 s)."""
    rate = 16000
    ring = SampleRing(rate, cushion=Cushion.in_time(rate, start=0.005, step=0.005, most=0.06, window=0.5))
    ring.write(np.ones(rate // 5, dtype=np.int16))
    frame, block = np.ones(320, dtype=np.int16), np.zeros(160, dtype=np.int16)
    fills = []
    for tick in range(300):  # 6 s
        ring.write(frame)
        for _ in range(2):
            ring.read_into(block)
            fills.append(ring.fill)
        if tick == 10:
            assert ring.fill > 2000, "the pile is still there within the first window"
    assert ring.underruns == 0 and ring.cushion == 80
    assert max(fills[-100:]) <= 80 + 160, "what waits is the cushion and the frame's second half"


def test_a_calls_rings_and_blocks_are_sized_in_time_whatever_the_rate() -> None:
    narrow, wide = call_ring(16000), call_ring(48000)
    assert wide.cushion == 3 * narrow.cushion > 0
    assert stream_block(48000) == 3 * stream_block(16000) > 0
    out = np.zeros(480, dtype=np.int16)
    wide.write(np.ones(48000, dtype=np.int16))  # a second piled up while the speaker's stream stalled
    wide.read_into(out)
    assert 0 < wide.fill < 48000 // 4, "a pile after a stall is skipped at once, not played a second late"


def test_a_device_that_delivers_in_bursts_keeps_its_bursts_and_never_underruns() -> None:
    """A microphone whose host delivers 40 ms at once (four 10 ms blocks back to back, as Windows'
    MME may) into a call's ring that PJSIP reads 20 ms at a time; 100 ms piled up at the start."""
    ring = call_ring(16000)
    block, frame = np.ones(160, dtype=np.int16), np.zeros(320, dtype=np.int16)
    ring.write(np.ones(1600, dtype=np.int16))
    waiting = []
    for tick in range(500):  # 10 s in 10 ms steps
        if tick % 4 == 0:
            for _ in range(4):
                ring.write(block)
        if tick % 2 == 1:
            waiting.append(ring.fill)
            ring.read_into(frame)
    assert ring.underruns == 0 and ring.trimmed > 0
    assert max(waiting[-100:]) <= ring.cushion + 4 * 160 + 320, "the pile was cut, the bursts kept"


# --- devices by name --------------------------------------------------------------------------


def device(number: int, name: str, inputs: int = 2, outputs: int = 2, default: bool = False) -> Device:
    return Device(number, name, "ALSA", inputs, outputs, 48000.0, default, default)


LISTED = [
    device(0, "Built-in Audio", default=True),
    device(1, "Jabra EVOLVE 20 MS"),
    device(2, "HDMI", inputs=0),
]


def test_a_device_is_found_by_its_name_or_a_unique_beginning() -> None:
    assert resolve("Jabra EVOLVE 20 MS", Kind.INPUT, LISTED) == (1, "Jabra EVOLVE 20 MS", "", "")
    assert resolve("jabra", Kind.OUTPUT, LISTED).number == 1
    assert resolve("", Kind.OUTPUT, LISTED).number == 0  # empty: the system default


def test_a_missing_device_falls_back_to_the_default_and_says_so() -> None:
    chosen = resolve("Plantronics", Kind.INPUT, LISTED)
    assert chosen.number == 0 and chosen.name == "Built-in Audio"
    assert chosen.missing == "Plantronics" and "not connected" in chosen.notice
    assert resolve("HDMI", Kind.INPUT, LISTED).missing == "HDMI", "an output only device is no microphone"


def test_no_device_at_all_is_none_with_a_reason() -> None:
    nothing = resolve("Jabra", Kind.INPUT, [])
    assert nothing.number is None and "without audio" in nothing.notice


# --- meters -----------------------------------------------------------------------------------


def test_a_meter_gives_the_loudest_frame_since_it_was_last_read() -> None:
    meter = LevelMeter()
    meter.measure(np.full(320, 16384, dtype=np.int16))
    meter.measure(np.zeros(320, dtype=np.int16))
    level = meter.read()
    assert level.rms == pytest.approx(0.5) and level.peak == pytest.approx(0.5)
    assert level.dbfs == pytest.approx(-6.02, abs=0.01)
    assert meter.read() == (0.0, 0.0)


# --- the recording on a full disk -------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> object:
    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        if os.environ.get("CALLLIST_REQUIRE_VOICE"):
            pytest.fail(
                f"cannot mount a small tmpfs for the full-disk test: {mounted.stderr.decode().strip()}"
            )
        pytest.skip("mounting a tmpfs needs root")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_stops_the_recording_keeps_what_fit_and_says_why(tiny_disk: Path) -> None:
    results: list[RecordingResult] = []
    recording = CallRecording("call-7", tiny_disk / "2026-12" / "call-7.wav", 16000, results.append)
    frame = np.full(320, 1000, dtype=np.int16).tobytes()
    for _ in range(200):  # 4 s of stereo at 16 kHz: 256 KB, four times what the disk holds
        recording.push(frame, frame)
    recording.finish()
    result = recording.wait(5)
    assert result is not None and results == [result]
    assert result.error is not None and result.error.startswith("disk full")
    assert result.path is not None and 0.5 < result.seconds < 2.1
    with wave.open(result.path) as kept:  # what fit is a valid WAV of that length
        assert kept.getnchannels() == 2 and abs(kept.getnframes() / 16000 - result.seconds) < 0.01


def test_a_recording_with_no_frame_leaves_no_file(tmp_path: Path) -> None:
    recording = CallRecording("call-8", tmp_path / "call-8.wav", 16000)
    recording.finish()
    result = recording.wait(5)
    assert result == RecordingResult("call-8", None, 0.0, None)
    assert not any(tmp_path.iterdir())


# --- the ringtone -----------------------------------------------------------------------------


def test_an_incoming_call_rings_on_the_ringing_device_until_it_is_answered(
    pulse: PulseAudio, tmp_path: Path
) -> None:
    caught = tmp_path / "ring.wav"
    audio = CallAudio(AudioSettings(ring_device="pulse"))
    catcher = None
    try:
        audio.on_line_event(IncomingCall("in-1", "0312345678"))
        assert audio.ringing
        catcher = pulse.record(caught, rate=16000)  # after the ringer's stream opened
        time.sleep(4.3)  # the second ring (3 s to 4 s) is caught even if parecord took its time
        audio.on_line_event(CallAnswered("in-1"))
        assert not audio.ringing
        time.sleep(0.6)
    finally:
        if catcher is not None:
            pulse.stop_recording(catcher)
        audio.close()
    heard, rate = read_wav(caught)
    loud = np.flatnonzero(np.abs(heard[:, 0]) > 0.02)
    assert len(loud), f"nothing rang: {len(heard)} samples"
    last_ring = loud[-1]
    trill = heard[last_ring - rate // 2 : last_ring, 0]
    # Two tones taking turns every 50 ms: each holds about a quarter of the energy, nothing else any.
    assert tone_share(trill, rate, 1000) > 0.15 and tone_share(trill, rate, 1250) > 0.15
    assert tone_share(trill, rate, 1000) + tone_share(trill, rate, 1250) > 0.4
    assert tone_share(trill, rate, 700) < 0.01 and tone_share(trill, rate, 440) < 0.01
    assert len(heard) - last_ring > rate // 4 and np.abs(heard[-rate // 4 :, 0]).max() < 0.01, (
        "the ringing stopped"
    )


# --- the endpoint -----------------------------------------------------------------------------


def test_closing_the_audio_from_another_thread_releases_its_ports_on_pjsips(endpoint: object) -> None:
    """Ports are pjsua2 objects: made and dropped on PJSIP's thread only (else PJSIP aborts)."""
    import pjsua2 as pj

    from calllist_desktop.telephony import pj_endpoint
    from tests.voice_fixtures import on_pj

    audio = CallAudio(AudioSettings(use_devices=False))
    held = [on_pj(lambda: pj.AudioMediaRecorder())]
    recorder_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"calllist-close-{os.getpid()}.wav"
    on_pj(lambda: held[0].createRecorder(str(recorder_path)))
    on_pj(lambda: audio.attach("call-1", held[0]))
    assert audio.audio_status().state == "no_audio" and not audio.available
    audio.close()  # from this (the test's) thread: the ports go on PJSIP's
    assert audio.frame_stats().frames == 0 and audio.audio_status().state == "idle"
    assert audio._close_here not in pj_endpoint._before_destroy, "a closed audio path leaves no shutdown hook"
    on_pj(held.clear)
    recorder_path.unlink(missing_ok=True)
