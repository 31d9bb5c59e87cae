"""The microphone and speaker test of 設定: speak, and hear yourself a moment later.

The microphone's stream writes into a ring that starts with ``delay`` seconds of silence; the
speaker's stream reads from it, so what was said comes back after the delay, on the devices and
with the gain and volume chosen. No PJSIP and no call: it works before any account is set up.
"""

from __future__ import annotations

import numpy as np

from calllist_desktop.telephony.audio import devices
from calllist_desktop.telephony.audio.devices import Kind
from calllist_desktop.telephony.audio.levels import LevelMeter
from calllist_desktop.telephony.audio.ring import SampleRing, Samples
from calllist_desktop.telephony.audio.settings import GAIN_RANGE, VOLUME_RANGE, AudioSettings, clamp
from calllist_desktop.telephony.audio.status import Level
from calllist_desktop.telephony.audio.streams import AudioDeviceError, RingStream, choose_rate


class _MeteredRing(SampleRing):
    """The loop's ring: gain and volume applied, and the input measured, as samples pass."""

    def __init__(self, capacity: int, max_fill: int, gain: float, volume: float) -> None:
        super().__init__(capacity, max_fill)
        self.meter = LevelMeter()
        self.factor = gain * volume

    def write(self, samples: Samples) -> None:
        self.meter.measure(samples)
        if self.factor != 1.0:
            samples = np.clip(samples.astype(np.float32) * self.factor, -32768, 32767).astype(np.int16)
        super().write(samples)


class MicTest:
    """A running loop from the microphone to the speaker; :meth:`close` ends it.

    ``notices`` says which chosen device was missing and what is used instead.
    """

    def __init__(self, settings: AudioSettings, delay: float = 1.0) -> None:
        listed = devices.list_devices()
        mic = devices.resolve(settings.input_device, Kind.INPUT, listed)
        speaker = devices.resolve(settings.output_device, Kind.OUTPUT, listed)
        self.notices = tuple(r.notice for r in (mic, speaker) if r.notice)
        if mic.number is None or speaker.number is None:
            raise AudioDeviceError("; ".join(self.notices) or "no sound device")
        self.input_device = mic.name
        self.output_device = speaker.name
        rate = choose_rate(mic.number, speaker.number)
        delay_samples = int(rate * max(0.0, delay))
        frame = rate // 50
        self._ring = _MeteredRing(
            delay_samples + rate,
            delay_samples + frame * 10,
            clamp(settings.gain, GAIN_RANGE),
            clamp(settings.volume, VOLUME_RANGE),
        )
        if delay_samples:
            SampleRing.write(self._ring, np.zeros(delay_samples, dtype=np.int16))
        self._streams: list[RingStream] = []
        try:
            self._streams.append(RingStream(Kind.OUTPUT, speaker.number, rate, frame, self._ring))
            self._streams.append(RingStream(Kind.INPUT, mic.number, rate, frame, self._ring))
        except AudioDeviceError:
            self.close()
            raise

    def level(self) -> Level:
        """The microphone's level since the last reading, for the test's meter."""
        return self._ring.meter.read()

    def close(self) -> None:
        for stream in self._streams:
            stream.close()
        self._streams.clear()
