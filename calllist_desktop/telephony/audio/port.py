"""The media port that joins one call's audio to the sound devices (and to its recording).

PJSIP's conference bridge calls :meth:`CallAudioPort.onFrameRequested` for the next 20 ms of what
we say and :meth:`CallAudioPort.onFrameReceived` with 20 ms of what the far end said, both on
its clock thread (registered with PJSIP; nothing here calls back into pjsua2). Each call moves
one frame between PJSIP and a :class:`~.ring.SampleRing` that a PortAudio stream fills or drains,
applies microphone gain or speaker volume, measures levels, silences the microphone when muted
(the far end hears silence, and the recording shows it) and hands the pair of frames to the
call's recording, if there is one.

Buffers are made once per port; a frame costs a few small numpy temporaries, not a growing heap.
A gap of more than :data:`LATE_GAP` between two requests is a *late frame*, counted for tests and
benchmarks.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np
import pjsua2 as pj

from calllist_desktop.telephony.audio.levels import LevelMeter
from calllist_desktop.telephony.audio.recorder import CallRecording
from calllist_desktop.telephony.audio.ring import SampleRing, Samples

FRAME_MS = 20
LATE_GAP = 0.040  # seconds between two frames that make the later one late


@dataclass
class SharedPath:
    """What every port of a :class:`~.call_audio.CallAudio` shares: the rings, gains and meters."""

    rate: int
    mic: SampleRing
    speaker: SampleRing
    input_meter: LevelMeter = field(default_factory=LevelMeter)
    output_meter: LevelMeter = field(default_factory=LevelMeter)
    gain: float = 1.0  # microphone, 0..4
    volume: float = 1.0  # speaker, 0..4

    @property
    def frame_samples(self) -> int:
        return self.rate * FRAME_MS // 1000


class CallAudioPort(pj.AudioMediaPort):  # type: ignore[misc]
    """One call's port on the conference bridge; see the module notes.

    Only the port marked ``connected`` exchanges audio with the devices; another call's port (on
    hold) sends silence and its received audio is recorded but not played.
    """

    def __init__(self, call_id: str, path: SharedPath) -> None:
        super().__init__()
        self.call_id = call_id
        self.path = path
        self.muted = False
        self.connected = True
        self.retired = False  # detached: PJSIP may call once more before it lets go; nothing moves
        self.late_frames = 0
        self.max_gap = 0.0  # seconds, the longest between two requests
        self.frames_sent = 0
        self.frames_received = 0
        self._recording: CallRecording | None = None
        self._lock = threading.Lock()
        samples = path.frame_samples
        self._tx: Samples = np.zeros(samples, dtype=np.int16)
        self._scaled: Samples = np.zeros(samples, dtype=np.int16)
        self._work = np.zeros(samples, dtype=np.float32)
        self._silence = bytes(2 * samples)
        self._received: deque[bytes] = deque(maxlen=5)
        self._last_request = 0.0
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, path.rate, 1, FRAME_MS * 1000, 16)
        self.createPort(f"calllist-{call_id}"[:30], fmt)

    # --- recording -------------------------------------------------------------------------

    def start_recording(self, recording: CallRecording) -> None:
        with self._lock:
            self._recording = recording
            self._received.clear()

    def stop_recording(self) -> CallRecording | None:
        with self._lock:
            recording, self._recording = self._recording, None
        if recording is not None:
            recording.finish()
        return recording

    def take_recording(self) -> CallRecording | None:
        """Let go of the recording without finishing it (the call's next port writes on)."""
        with self._lock:
            recording, self._recording = self._recording, None
        return recording

    @property
    def recording(self) -> CallRecording | None:
        return self._recording

    # --- PJSIP's clock thread ---------------------------------------------------------------

    def onFrameRequested(self, frame: pj.MediaFrame) -> None:  # noqa: N802 - pjsua2's name
        if self.retired:
            frame.type = pj.PJMEDIA_FRAME_TYPE_NONE
            frame.size = 0
            return
        now = time.monotonic()
        if self._last_request:
            gap = now - self._last_request
            if gap > LATE_GAP:
                self.late_frames += 1
            if gap > self.max_gap:
                self.max_gap = gap
        self._last_request = now
        path = self.path
        tx = self._tx
        if self.connected:
            path.mic.read_into(tx)
            if path.gain != 1.0:
                self._scale(tx, path.gain, tx)
            path.input_meter.measure(tx)
        else:
            tx[:] = 0
        if self.muted:
            tx[:] = 0
        data = tx.tobytes()
        frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        frame.buf = pj.ByteVector(data)
        frame.size = len(data)
        self.frames_sent += 1
        recording = self._recording
        if recording is not None:
            received = self._received.popleft() if self._received else self._silence
            recording.push(data, received)

    def onFrameReceived(self, frame: pj.MediaFrame) -> None:  # noqa: N802 - pjsua2's name
        if self.retired:
            return
        if frame.type != pj.PJMEDIA_FRAME_TYPE_AUDIO or frame.size == 0:
            data = self._silence
        else:
            data = bytes(frame.buf)
            if len(data) != len(self._silence):
                data = (data + self._silence)[: len(self._silence)]
        self.frames_received += 1
        if self._recording is not None:
            self._received.append(data)
        if not self.connected:
            return
        path = self.path
        received = np.frombuffer(data, dtype=np.int16)
        path.output_meter.measure(received)
        if path.volume != 1.0:
            self._scale(received, path.volume, self._scaled)
            path.speaker.write(self._scaled)
        else:
            path.speaker.write(received)

    def _scale(self, samples: Samples, factor: float, out: Samples) -> None:
        np.multiply(samples, factor, out=self._work)
        np.clip(self._work, -32768, 32767, out=self._work)
        out[:] = self._work
