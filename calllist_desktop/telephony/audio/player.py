"""Playing a call's recording (通話録音) from the history, on the speaker chosen in 設定 → 音声.

The operator listens on the headset they talk on, through the same PortAudio path as calls (not
the system's media player, which would pick the system's default speaker). The WAV's samples are
mapped into memory (``numpy.memmap``) rather than read whole: an hour's call at 16 kHz stereo is
230 MB, and a seek is then only a new position. The format is checked with :mod:`wave` first.

PortAudio's callback does the least: it takes the next block of the mapped samples, mixes it to
the device's channels (a stereo recording, operator left and customer right, to a mono device is
the mean of both sides), scales it by the volume and copies it out. The stream runs from opening
to :meth:`RecordingPlayer.close`, silent while paused: pause and resume are then only a flag, heard
within a block, and never restart the device (a stream started while something already records
the speaker stalled for a second on PulseAudio). A file whose rate the device refuses is
resampled in the callback (linear interpolation, enough for speech).

Everything that can go wrong before a sound comes out raises :class:`PlayerError` with a message
(:class:`RecordingMissing`, :class:`RecordingUnreadable`, :class:`NoOutputDevice`); the UI words
them for the operator. No pjsua2 here: a recording plays with or without a line.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from calllist_desktop.telephony.audio import devices
from calllist_desktop.telephony.audio.devices import Kind
from calllist_desktop.telephony.audio.settings import VOLUME_RANGE, clamp

log = logging.getLogger(__name__)

BLOCK_SECONDS: Final = 0.02


class PlayerError(Exception):
    """A recording cannot be played; the message says why (English, for logs and the CLI)."""


class RecordingMissing(PlayerError):
    """The recording's file is not there (moved, deleted, or a folder that is not reachable)."""


class RecordingUnreadable(PlayerError):
    """The file is there but is not a recording this program can play."""


class NoOutputDevice(PlayerError):
    """No speaker to play on, or the speaker would not open."""


def _data_chunk(path: Path) -> tuple[int, int]:
    """The offset and length in bytes of the WAV's ``data`` chunk (for the memory map)."""
    with path.open("rb") as file:
        header = file.read(12)
        if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            raise RecordingUnreadable(f"not a WAV file: {path}")
        while True:
            chunk = file.read(8)
            if len(chunk) < 8:
                raise RecordingUnreadable(f"no sound data in {path}")
            name, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if name == b"data":
                return file.tell(), size
            file.seek(size + (size & 1), os.SEEK_CUR)  # chunks are padded to an even length


def open_samples(path: Path) -> tuple[npt.NDArray[np.int16], int]:
    """The recording's 16-bit samples as a read-only (frames, channels) map, and its rate."""
    if not path.is_file():
        raise RecordingMissing(f"the recording is not there: {path}")
    try:
        with wave.open(str(path), "rb") as reader:
            channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
        offset, size = _data_chunk(path)
        if width != 2 or channels not in (1, 2) or rate <= 0:
            raise RecordingUnreadable(
                f"{path}: {channels}-channel {8 * width}-bit audio (recordings are 16-bit mono or stereo)"
            )
        frames = min(size, path.stat().st_size - offset) // (2 * channels)
        if frames <= 0:
            return np.zeros((0, channels), dtype=np.int16), rate
        samples = np.memmap(path, dtype="<i2", mode="r", offset=offset, shape=(frames, channels))
    except (wave.Error, EOFError, struct.error) as exc:
        raise RecordingUnreadable(f"{path} is not a readable recording: {exc}") from exc
    except FileNotFoundError as exc:
        raise RecordingMissing(f"the recording is not there: {path}") from exc
    except OSError as exc:
        raise RecordingUnreadable(f"cannot read {path}: {exc.strerror or exc}") from exc
    return samples, rate


def block_at(
    samples: npt.NDArray[np.int16], start: float, frames: int, step: float, channels: int
) -> npt.NDArray[np.float32]:
    """``frames`` frames for the device from file frame ``start``, ``step`` file frames apart
    (1.0 when the rates agree), in ``channels`` channels, full scale 1.0, silence past the end.

    Stereo to mono is the mean of both sides; a mono file goes to both ears.
    """
    count = len(samples)
    if step == 1.0:
        first = int(start)
        part = samples[first : first + frames].astype(np.float32)
        if len(part) < frames:
            part = np.concatenate([part, np.zeros((frames - len(part), samples.shape[1]), np.float32)])
    elif count == 0:
        part = np.zeros((frames, samples.shape[1]), np.float32)
    else:  # linear interpolation between the two nearest file frames
        wanted = start + np.arange(frames) * step
        index = np.minimum(wanted.astype(np.int64), count - 1)
        following = np.minimum(index + 1, count - 1)
        fraction = (wanted - index)[:, None].astype(np.float32)
        part = samples[index].astype(np.float32) * (1 - fraction) + samples[following] * fraction
        part[wanted >= count] = 0.0
    part /= 32768.0
    if part.shape[1] == channels:
        return part
    if channels == 1:
        return part.mean(axis=1, keepdims=True, dtype=np.float32)  # type: ignore[no-any-return]
    return np.repeat(part[:, :1], channels, axis=1)


def recording_length(path: str | Path) -> float:
    """The recording's length in seconds, without a sound device; :class:`PlayerError` as the player."""
    samples, rate = open_samples(Path(path))
    return len(samples) / rate


class RecordingPlayer:
    """One recording, ready to play on a speaker; :meth:`close` releases the device and the file.

    Opens paused at the start. ``output_device`` is a device name as in 設定 ("" = the system
    default; a name that is not connected falls back to the default, said in :attr:`notice`).
    ``on_finished`` is called once each time playing reaches the end, on PortAudio's thread:
    keep it short (the UI only emits a signal).
    """

    def __init__(
        self,
        path: str | Path,
        output_device: str = "",
        volume: float = 1.0,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self._samples, self.rate = open_samples(self.path)
        self._on_finished = on_finished
        self._lock = threading.Lock()
        self._position = 0.0  # in the file's frames; a float when resampling
        self._playing = False
        self._volume = clamp(volume, VOLUME_RANGE)
        self._closed = False
        sd = devices.portaudio()
        if sd is None:
            raise NoOutputDevice("PortAudio is not available: no sound devices")
        speaker = devices.resolve(output_device, Kind.OUTPUT)
        if speaker.number is None:
            raise NoOutputDevice("no speaker found")
        self.device = speaker.name
        self.notice = speaker.notice
        info = sd.query_devices(speaker.number)
        self.channels = 2 if int(info["max_output_channels"]) >= 2 else 1
        device_rate = self.rate
        try:
            sd.check_output_settings(
                device=speaker.number, channels=self.channels, dtype="float32", samplerate=self.rate
            )
        except (sd.PortAudioError, ValueError):
            device_rate = int(info["default_samplerate"])
        self._step = self.rate / device_rate  # file frames per device frame
        stream: Any = None
        try:
            stream = sd.OutputStream(
                device=speaker.number,
                samplerate=device_rate,
                channels=self.channels,
                dtype="float32",
                blocksize=max(1, int(device_rate * BLOCK_SECONDS)),
                callback=self._fill,
            )
            stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            if stream is not None:  # opened but would not start: never leave it open
                stream.close(ignore_errors=True)
            raise NoOutputDevice(f"cannot open the speaker {speaker.name!r}: {exc}") from exc
        self._stream = stream
        devices.stream_opened()

    # --- what the UI asks ------------------------------------------------------------------------

    @property
    def duration(self) -> float:
        """The recording's length in seconds."""
        return len(self._samples) / self.rate

    @property
    def position(self) -> float:
        """Seconds from the start of what has been handed to the speaker."""
        with self._lock:
            return min(self._position, len(self._samples)) / self.rate

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def closed(self) -> bool:
        """The speaker and the file were let go (:meth:`close`)."""
        return self._closed

    @property
    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """1.0 plays the file as recorded; heard from the next block on."""
        with self._lock:
            self._volume = clamp(volume, VOLUME_RANGE)

    def play(self) -> None:
        """Play from the position (from the start again once the end was reached)."""
        if self._closed:
            raise PlayerError("the player is closed")
        if not self._stream.active:  # PortAudio ended the stream: the device was unplugged
            raise NoOutputDevice(f"the speaker {self.device!r} is gone")
        with self._lock:
            if self._position >= len(self._samples):
                self._position = 0.0
            self._playing = True

    def resume(self) -> None:
        """The same as :meth:`play`: go on from where it was paused."""
        self.play()

    def pause(self) -> None:
        """Stop the sound where it is (silence from the next block); :meth:`play` goes on from there."""
        with self._lock:
            self._playing = False

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        """Go to ``seconds`` from the start (clamped to the recording); playing goes on from there."""
        with self._lock:
            self._position = float(max(0, min(len(self._samples), round(seconds * self.rate))))

    def close(self) -> None:
        """Stop and let go of the speaker and the file; safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._playing = False
        try:
            self._stream.close(ignore_errors=True)
        finally:
            devices.stream_closed()
            self._samples = np.zeros((0, self._samples.shape[1]), dtype=np.int16)  # unmaps the file

    def __enter__(self) -> RecordingPlayer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- PortAudio's thread ----------------------------------------------------------------------

    def _fill(self, outdata: Any, frames: int, time: Any, status: Any) -> None:
        samples = self._samples
        with self._lock:
            if not self._playing:
                outdata.fill(0)
                return
            start = self._position
            volume = self._volume
            self._position = min(float(len(samples)), start + frames * self._step)
            ended = self._position >= len(samples)
            if ended:
                self._playing = False
        outdata[:] = block_at(samples, start, frames, self._step, self.channels) * volume
        if volume > 1.0:
            np.clip(outdata, -1.0, 1.0, out=outdata)
        if ended and self._on_finished is not None:
            try:
                self._on_finished()
            except Exception:  # noqa: BLE001 - an exception here would stop the stream
                log.exception("the recording player's listener failed")
