"""The audio path end to end on a real-time virtual sound card: tones in, tones out, by frequency.

A PJSIP tone generator or WAV recorder stands for a call's media (what ``attach`` is given), so
these tests need no SIP peer: they prove the port, the rings, PortAudio and the devices. The SIP
line's own tests carry the same audio over RTP.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pjsua2 as pj
import pytest

from calllist_desktop.core.line import CallAnswered, CallEnded
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.telephony.audio.call_audio import AudioState, CallAudio
from calllist_desktop.telephony.audio.devices import Kind
from calllist_desktop.telephony.audio.recorder import RecordingResult
from calllist_desktop.telephony.audio.settings import AudioSettings, RecordingSettings
from tests.telephony.audio.tones import read_wav, rms, tone_share
from tests.voice_fixtures import PulseAudio, on_pj, stop_process

PULSE_DEVICES = AudioSettings(input_device="pulse", output_device="pulse")


def tone_generator(frequency: int) -> Any:
    generator = pj.ToneGenerator()
    generator.createToneGenerator(16000, 1)
    tone = pj.ToneDesc()
    tone.freq1 = frequency
    tone.freq2 = 0
    tone.on_msec = 30000
    tone.off_msec = 0
    tone.volume = 0
    tones = pj.ToneDescVector()
    tones.append(tone)
    generator.play(tones, True)
    return generator


def wav_recorder(path: Path) -> Any:
    recorder = pj.AudioMediaRecorder()
    recorder.createRecorder(str(path))
    return recorder


def finished_wav(path: Path) -> Path:
    """``path`` once PJSIP has closed it: removing a port from the bridge happens on its clock
    thread (PJSIP 2.14+), so the recorder writes its WAV header a moment after it is deleted."""
    wait_for(lambda: path.read_bytes()[4:8] != bytes(4))
    return path


def wait_for(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def last_seconds(samples: np.ndarray[Any, Any], rate: int, seconds: float) -> np.ndarray[Any, Any]:
    return samples[-int(rate * seconds) :]


def test_microphone_tone_reaches_pjsip(
    endpoint: object, pulse: PulseAudio, tone_1k: Path, tmp_path: Path
) -> None:
    player = pulse.play(tone_1k)
    audio = CallAudio(PULSE_DEVICES)
    held = [on_pj(lambda: wav_recorder(tmp_path / "far-end.wav"))]
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        assert audio.audio_status().state is AudioState.ACTIVE
        wait_for(lambda: audio.levels().input.rms > 0.1)
        time.sleep(1.5)
        # PJSIP's clock keeps time (the benchmark measures it under load); a frame or two late on
        # a loaded two-core test machine is the machine, not the path.
        assert audio.late_frames() <= 2
        on_pj(lambda: audio.detach("call-1"))
    finally:
        stop_process(player)
        audio.close()
        on_pj(held.clear)
    samples, rate = read_wav(finished_wav(tmp_path / "far-end.wav"))
    heard = last_seconds(samples[:, 0], rate, 1.0)
    assert tone_share(heard, rate, 1000) > 0.8
    assert tone_share(heard, rate, 700) < 0.01


def test_pjsip_tone_reaches_the_speaker(endpoint: object, pulse: PulseAudio, tmp_path: Path) -> None:
    caught = tmp_path / "speaker.wav"
    audio = CallAudio(PULSE_DEVICES)
    held = [on_pj(lambda: tone_generator(700))]
    catcher = None
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        wait_for(lambda: audio.levels().output.rms > 0.1)
        catcher = pulse.record(caught, rate=16000)  # after our stream opened (see PulseAudio.record)
        time.sleep(3.0)
        on_pj(lambda: audio.detach("call-1"))
    finally:
        if catcher is not None:
            pulse.stop_recording(catcher)
        audio.close()
        on_pj(held.clear)
    samples, rate = read_wav(caught)
    # The virtual sink's monitor, recorded by parecord, sometimes starts or pauses late: a quarter
    # of a second of the tone is enough to know its frequency.
    loud = np.flatnonzero(np.abs(samples[:, 0]) > 0.05)
    assert len(loud) and loud[-1] - loud[0] > rate // 4, "the tone did not reach the speaker"
    middle = (loud[0] + loud[-1]) // 2
    window = samples[middle - rate // 8 : middle + rate // 8, 0]
    assert tone_share(window, rate, 700) > 0.8
    assert tone_share(window, rate, 1000) < 0.01


def test_mute_sends_silence_and_unmute_brings_the_voice_back(
    endpoint: object, pulse: PulseAudio, tone_1k: Path, tmp_path: Path
) -> None:
    player = pulse.play(tone_1k)
    audio = CallAudio(PULSE_DEVICES)
    held = [on_pj(lambda: wav_recorder(tmp_path / "far-end.wav"))]
    try:
        attached = time.monotonic()
        on_pj(lambda: audio.attach("call-1", held[0]))
        wait_for(lambda: audio.levels().input.rms > 0.1)
        time.sleep(1.0)
        muted_at = time.monotonic() - attached
        audio.set_mute("call-1", True)
        assert audio.is_muted("call-1")
        time.sleep(1.0)
        unmuted_at = time.monotonic() - attached
        audio.set_mute("call-1", False)
        time.sleep(1.0)
        on_pj(lambda: audio.detach("call-1"))
    finally:
        stop_process(player)
        audio.close()
        on_pj(held.clear)
    samples, rate = read_wav(finished_wav(tmp_path / "far-end.wav"))
    heard = samples[:, 0]

    def between(start: float, end: float) -> np.ndarray[Any, Any]:
        return heard[int(start * rate) : int(end * rate)]

    assert tone_share(between(muted_at - 0.6, muted_at - 0.1), rate, 1000) > 0.8
    assert rms(between(muted_at + 0.2, unmuted_at - 0.2)) < 1e-4, "the far end heard us while muted"
    assert tone_share(between(unmuted_at + 0.3, unmuted_at + 0.8), rate, 1000) > 0.8


def test_recording_holds_operator_left_and_customer_right(
    endpoint: object, pulse: PulseAudio, tone_1k: Path, tmp_path: Path
) -> None:
    results: list[RecordingResult] = []
    player = pulse.play(tone_1k)
    audio = CallAudio(PULSE_DEVICES, RecordingSettings(enabled=True, folder=tmp_path / "recordings"))
    audio.add_recording_listener(results.append)
    held = [on_pj(lambda: tone_generator(700))]
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        assert not audio.is_recording("call-1"), "early media is not recorded before the answer"
        wait_for(lambda: audio.levels().input.rms > 0.1)
        audio.on_line_event(CallAnswered("call-1"))
        assert audio.is_recording("call-1")
        time.sleep(2.0)
        audio.on_line_event(CallEnded("call-1", Outcome.ANSWERED, 200))
        on_pj(lambda: audio.detach("call-1"))
        wait_for(lambda: results, timeout=5)
    finally:
        stop_process(player)
        audio.close()
        on_pj(held.clear)
    [result] = results
    assert result.error is None and result.path is not None
    assert result.path.startswith(str(tmp_path / "recordings"))
    assert 1.8 <= result.seconds <= 2.6
    samples, rate = read_wav(result.path)
    assert samples.shape[1] == 2
    operator, far_end = samples[rate // 2 :, 0], samples[rate // 2 :, 1]
    assert tone_share(operator, rate, 1000) > 0.8 and tone_share(operator, rate, 700) < 0.01
    assert tone_share(far_end, rate, 700) > 0.8 and tone_share(far_end, rate, 1000) < 0.01


def test_unwritable_recordings_folder_keeps_the_call_and_says_why(
    endpoint: object, pulse: PulseAudio, tone_1k: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    results: list[RecordingResult] = []
    player = pulse.play(tone_1k)
    audio = CallAudio(PULSE_DEVICES, RecordingSettings(enabled=True, folder=blocker / "recordings"))
    audio.add_recording_listener(results.append)
    held = [on_pj(lambda: wav_recorder(tmp_path / "far-end.wav"))]
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        audio.on_line_event(CallAnswered("call-1"))
        wait_for(lambda: audio.levels().input.rms > 0.1)
        time.sleep(1.2)
        assert not audio.is_recording("call-1")
        audio.on_line_event(CallEnded("call-1", Outcome.ANSWERED, 200))
        on_pj(lambda: audio.detach("call-1"))
        wait_for(lambda: results)
    finally:
        stop_process(player)
        audio.close()
        on_pj(held.clear)
    [result] = results
    assert result.path is None and result.seconds == 0
    assert result.error and "recordings" in result.error
    samples, rate = read_wav(
        finished_wav(tmp_path / "far-end.wav")
    )  # the call itself carried the voice all along
    assert tone_share(last_seconds(samples[:, 0], rate, 0.5), rate, 1000) > 0.8


def test_no_sound_device_still_runs_the_call_and_says_no_audio(
    endpoint: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nobody-here'}")
    audio = CallAudio(
        AudioSettings(input_device="pulse", output_device="pulse"), RecordingSettings(True, tmp_path)
    )
    results: list[RecordingResult] = []
    audio.add_recording_listener(results.append)
    held = [on_pj(lambda: tone_generator(700))]
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        status = audio.audio_status()
        assert status.state is AudioState.NO_AUDIO, status
        assert status.notices
        audio.on_line_event(CallAnswered("call-1"))
        time.sleep(1.0)
        assert audio.levels().output.rms > 0.1  # the far end's audio still flows through the port
        audio.on_line_event(CallEnded("call-1", Outcome.ANSWERED, 200))
        on_pj(lambda: audio.detach("call-1"))
        wait_for(lambda: results)
    finally:
        audio.close()
        on_pj(held.clear)
    samples, rate = read_wav(results[0].path or "")
    assert tone_share(samples[rate // 4 :, 1], rate, 700) > 0.8  # recorded without any device


def test_a_device_that_stops_mid_call_is_replaced_by_the_default_and_the_status_says_so(
    endpoint: object, pulse: PulseAudio
) -> None:
    audio = CallAudio(PULSE_DEVICES)
    held = [on_pj(lambda: tone_generator(700))]
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        assert audio.audio_status().output_device == "pulse"
        # What PortAudio's finished callback reports when a USB headset is pulled out (a null sink
        # cannot be unplugged, so the stream's flag is set as that callback sets it). Whether sound
        # then flows is not checked here: a stream opened while the test records the null sink's
        # monitor stalls in this virtual set-up (see tests/voice_fixtures.py).
        speaker_stream = audio._streams[Kind.OUTPUT]
        speaker_stream.gone = True
        status = audio.audio_status()
        assert status.state is AudioState.ACTIVE
        assert status.output_device == "default" and status.missing == ("pulse",)
        assert any("went away" in notice for notice in status.notices)
        replacement = audio._streams[Kind.OUTPUT]
        assert replacement is not speaker_stream and replacement._stream.active
        assert audio.audio_status() == status, "the fallback is made once"
        on_pj(lambda: audio.detach("call-1"))
        assert audio.audio_status().state is AudioState.IDLE
    finally:
        audio.close()
        on_pj(held.clear)


def test_a_call_given_a_new_conference_port_keeps_one_recording(
    endpoint: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A re-INVITE (hold, resume, a far end's new offer) may give the call a new conference port,
    and the line attaches that one: the call goes on, and so does its one recording file."""
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nobody-here'}")  # no device: recording alone
    folder = tmp_path / "recordings"
    audio = CallAudio(
        AudioSettings(input_device="pulse", output_device="pulse"), RecordingSettings(True, folder)
    )
    results: list[RecordingResult] = []
    audio.add_recording_listener(results.append)
    held = [on_pj(lambda: tone_generator(700)), on_pj(lambda: tone_generator(500))]
    try:
        on_pj(lambda: audio.attach("call-1", held[0]))
        audio.on_line_event(CallAnswered("call-1"))
        time.sleep(1.0)
        on_pj(lambda: audio.attach("call-1", held[1]))  # the re-INVITE's new port
        assert audio.is_recording("call-1")
        time.sleep(1.0)
        audio.on_line_event(CallEnded("call-1", Outcome.ANSWERED, 200))
        on_pj(lambda: audio.detach("call-1"))
        wait_for(lambda: results)
        time.sleep(0.3)  # a second file, if one were made, reports by now
    finally:
        audio.close()
        on_pj(held.clear)
    assert len(results) == 1, results
    assert [path.name for path in folder.rglob("*.wav")] == [Path(results[0].path or "").name]
    assert 1.7 <= results[0].seconds <= 2.8, results[0]
    samples, rate = read_wav(results[0].path or "")
    customer = samples[:, 1]
    assert tone_share(customer[rate // 4 : int(rate * 0.8)], rate, 700) > 0.8  # before the re-INVITE
    assert tone_share(customer[-int(rate * 0.7) : -rate // 10], rate, 500) > 0.8  # after it, same file
