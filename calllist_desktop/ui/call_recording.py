"""Call recording in the window: record answered calls when the team does, note each file on its row.

The team's switch is in the store (a manager sets it, ``calllist recording on``); it is read when
the window opens and again as each call starts, so a change applies from the next call on every
client. The line's audio path
records and reports each finished file on its writer thread; the report crosses to the GUI thread
by a queued signal and is written through the session's ordered writes, like a call's end, so a
store that is away for a moment loses nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from calllist_desktop.core.phone import national_digits

if TYPE_CHECKING:
    from calllist_desktop.telephony.audio.recorder import RecordingResult
    from calllist_desktop.telephony.call_audio import PhoneAudio
    from calllist_desktop.ui.call_session import CallSession

log = logging.getLogger(__name__)


class CallRecordings(QObject):
    """Follows ``session`` and records through ``audio`` (see the module notes).

    Signals:
        finished(object): a :class:`RecordingResult`, on the GUI thread, once a recording is closed.
    """

    finished = Signal(object)

    def __init__(self, session: CallSession, audio: PhoneAudio, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audio = audio
        self._rows: dict[str, int] = {}  # the line's call id -> the call's row
        self._enabled = False
        session.started.connect(self._read_switch)
        session.changed.connect(self._remember_call)
        self.finished.connect(self._note, Qt.ConnectionType.QueuedConnection)
        audio.add_recording_listener(self.finished.emit)  # from the writer thread: queued to this one
        # Read now too, not only as a call starts: a far end that answers at once (auto-call's
        # quick answers, a PBX) would be answered before that read came back, and not recorded.
        self._read_switch()

    def detach(self) -> None:
        """Stop following (the window closes; the line and its audio go on for the next window)."""
        self.audio.remove_recording_listener(self.finished.emit)

    def _read_switch(self, _phone: str = "") -> None:
        from calllist_desktop.telephony.audio.config_file import load_audio_config
        from calllist_desktop.telephony.audio.settings import RecordingSettings

        def switch(enabled: bool) -> None:
            self._enabled = enabled
            self.audio.set_recording(RecordingSettings(enabled=enabled, folder=load_audio_config().folder()))

        def unknown(error: Exception) -> None:  # keep the last known choice while the store is away
            log.warning("cannot read the recording switch: %s", error)
            switch(self._enabled)

        self.session.work.read(self, lambda store: bool(store.recording_enabled()), switch, unknown)

    def _remember_call(self) -> None:
        call = self.session.current
        if call is not None and call.line_call_id not in self._rows:
            self._rows[call.line_call_id] = call.record_id
            self.audio.label_call(call.line_call_id, national_digits(call.phone) if call.phone.startswith("+") else call.phone)

    def _note(self, result: RecordingResult) -> None:
        row = self._rows.pop(result.call_id, None)
        if row is None:
            log.warning("a recording without its call's row: %s", result.path)
            return
        self.session.write(
            f"the recording of call {row}",
            lambda store: store.set_call_recording(
                self.session.stored_id(row), path=result.path, seconds=result.seconds if result.path else None, error=result.error
            ),
        )


def follow_recordings(session: CallSession, parent: QObject | None = None) -> CallRecordings | None:
    """Recording for the session's line when it has our audio path (``line.audio``), else None."""
    audio = getattr(session.line, "audio", None)
    if audio is None or not hasattr(audio, "add_recording_listener"):
        return None
    return CallRecordings(session, audio, parent)
