"""The call card's audio line: microphone and far-end level meters, 録音中, and what is wrong with the sound.

It reads the line's :class:`~calllist_desktop.telephony.audio.call_audio.CallAudio` (a SIP line
has one; the demo line none, and then the strip stays hidden) ten times a second while a call is
shown, and never writes to it: mute is the phone's command like hold. The meters use a dB scale
(-60 dBFS empty, 0 dBFS full), so quiet speech still moves them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the audio path (PJSIP, PortAudio, numpy) loads with a SIP line, not with the window
    from calllist_desktop.telephony.audio.status import Level
    from calllist_desktop.telephony.call_audio import PhoneAudio

POLL_MS = 100
FLOOR_DB = -60.0

STRIP_STYLE = """
QProgressBar[role="meter"] { border: 1px solid #c4ccd4; border-radius: 3px; background: #f1f4f7; max-height: 8px; }
QProgressBar[role="meter"]::chunk { background: #1e7b45; border-radius: 2px; }
QLabel#recordingBadge { background: #b3261e; color: white; font-weight: 600; border-radius: 4px; padding: 1px 6px; }
QLabel#audioNotice { color: #7a5200; }
QLabel[role="meterLabel"] { color: #5b6570; }
"""


def meter_value(level: Level) -> int:
    """0..100 for a meter: the RMS on a dB scale from :data:`FLOOR_DB` to full scale."""
    if level.rms <= 0:
        return 0
    db = 20 * math.log10(level.rms)
    return max(0, min(100, round(100 * (db - FLOOR_DB) / -FLOOR_DB)))


class AudioStrip(QWidget):
    """Meters, the recording badge and the audio notice of the current call (see module notes).

    ``recording_badge`` is the strip's to show and hide; the phone places it beside ミュート中.
    """

    def __init__(self, audio: PhoneAudio | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audioStrip")
        self.setStyleSheet(STRIP_STYLE)
        self.audio = audio
        self.call_id: str | None = None
        self.mic_label = QLabel()
        self.far_label = QLabel()
        self.mic_meter = QProgressBar()
        self.far_meter = QProgressBar()
        for label in (self.mic_label, self.far_label):
            label.setProperty("role", "meterLabel")
        for meter, name in ((self.mic_meter, "micMeter"), (self.far_meter, "farMeter")):
            meter.setObjectName(name)
            meter.setProperty("role", "meter")
            meter.setRange(0, 100)
            meter.setTextVisible(False)
            meter.setMinimumWidth(24)  # the meters narrow in a narrow phone, never their labels
        self.recording_badge = QLabel()
        self.recording_badge.setObjectName("recordingBadge")
        self.recording_badge.setStyleSheet(STRIP_STYLE)  # it may sit outside the strip
        self.recording_badge.hide()
        self.notice = QLabel()
        self.notice.setObjectName("audioNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        meters = QHBoxLayout()
        meters.setSpacing(6)
        meters.addWidget(self.mic_label)
        meters.addWidget(self.mic_meter, 1)
        meters.addSpacing(8)
        meters.addWidget(self.far_label)
        meters.addWidget(self.far_meter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(meters)
        layout.addWidget(self.notice)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.retranslate()
        self.hide()

    def show_call(self, call_id: str | None) -> None:
        """Follow ``call_id`` (None: no call with audio now, the strip hides)."""
        if call_id == self.call_id:
            return
        self.call_id = call_id
        if call_id is None or self.audio is None:
            self._timer.stop()
            self.mic_meter.setValue(0)
            self.far_meter.setValue(0)
            self.recording_badge.hide()
            self.hide()
            return
        self.show()
        self._timer.start()
        self.poll()

    def poll(self) -> None:
        audio, call_id = self.audio, self.call_id
        if audio is None or call_id is None:
            return
        levels = audio.levels()
        self.mic_meter.setValue(0 if audio.is_muted(call_id) else meter_value(levels.input))
        self.far_meter.setValue(meter_value(levels.output))
        self.recording_badge.setVisible(audio.is_recording(call_id))
        self._show_status()

    def _show_status(self) -> None:
        assert self.audio is not None
        status = self.audio.audio_status()
        if status.state == "no_audio":  # AudioState values; compared as text to keep the import lazy
            text = self.tr("音声なし: 使えるマイクとスピーカーがありません (通話は続きます)")
        elif status.state == "partial":
            text = (
                self.tr("マイクがありません: 相手には聞こえません")
                if not status.input_device
                else self.tr("スピーカーがありません: 相手の声は聞こえません")
            )
        else:
            text = ""
        if status.missing:
            gone = self.tr("「{0}」が見つからないため、既定のデバイスを使っています").format("」「".join(status.missing))
            text = " ".join(filter(None, [text, gone]))
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self.notice.setToolTip("\n".join(status.notices))

    def retranslate(self) -> None:
        self.mic_label.setText(self.tr("マイク"))
        self.far_label.setText(self.tr("相手"))
        self.recording_badge.setText(self.tr("● 録音中"))
        self.mic_meter.setToolTip(self.tr("マイクの音量 (ミュート中は 0)"))
        self.far_meter.setToolTip(self.tr("相手の声の音量"))
        if self.call_id is not None:
            self.poll()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
