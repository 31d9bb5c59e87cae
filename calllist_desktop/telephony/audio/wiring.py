"""Putting the audio path together for a line, and its recordings onto the call rows.

:func:`call_audio_for` builds the :class:`~.call_audio.CallAudio` a SIP line is given, from this
computer's saved choices (:mod:`.config_file`) with the microphone and speaker of the account or
of ``--audio-in``/``--audio-out`` on top. :class:`RecordingNotes` hands each finished recording to
whoever owns the call rows (the CLI's placer, the window's call session) as (row id, result): the
telephony layer knows line call ids, the store knows rows, and this is the one place they meet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from calllist_desktop.telephony.audio.call_audio import CallAudio
from calllist_desktop.telephony.audio.config_file import AudioConfig, device_settings, load_audio_config
from calllist_desktop.telephony.audio.recorder import RecordingResult
from calllist_desktop.telephony.audio.settings import RecordingSettings
from calllist_desktop.telephony.call_audio import PhoneAudio

log = logging.getLogger(__name__)


def call_audio_for(
    input_device: str = "",
    output_device: str = "",
    *,
    config: AudioConfig | None = None,
    recording: bool = False,
    use_devices: bool = True,
) -> CallAudio:
    """The audio object for a line: saved choices, the given devices (non-empty names win) on top."""
    config = config or load_audio_config()
    settings = device_settings(input_device, output_device, config=config, use_devices=use_devices)
    return CallAudio(settings, RecordingSettings(enabled=recording, folder=config.folder()))


class RecordingNotes:
    """Passes each finished recording of ``audio`` to ``write(row_id, result)``.

    ``row_of`` turns the line's call id into the call's row id (None: a call nobody recorded a row
    for, which is logged and dropped). Runs on the recording's writer thread; a failing write is
    logged, never raised into the audio path.
    """

    def __init__(
        self,
        audio: PhoneAudio,
        row_of: Callable[[str], int | None],
        write: Callable[[int, RecordingResult], None],
    ) -> None:
        self._audio = audio
        self._row_of = row_of
        self._write = write
        audio.add_recording_listener(self._on_result)

    def close(self) -> None:
        self._audio.remove_recording_listener(self._on_result)

    def _on_result(self, result: RecordingResult) -> None:
        row = self._row_of(result.call_id)
        if row is None:
            log.warning("recording of call %s has no call row; kept at %s", result.call_id, result.path)
            return
        try:
            self._write(row, result)
        except Exception:  # noqa: BLE001 - the store may be away; the file stays where it is
            log.exception("cannot note the recording of call %s (row %s)", result.call_id, row)
