"""The recording strip of the history (通話録音, issue 18): play a call's recording where it is listed.

One compact row under the calls: ▶/⏸, which call it is (time and number), a seek slider, the
time as ``0:12 / 3:45``, and ✕. It plays through :class:`~calllist_desktop.telephony.audio.player.RecordingPlayer`
on the speaker chosen in 設定 → 音声 at its volume, so the operator hears the recording on the
headset they talk on. Choosing a call reads only the file's length; the speaker is opened at the
first ▶ (reading through calls never takes the sound device). What goes wrong (the file is gone, unreadable, no speaker) is said in the
strip itself, in place of the slider.

One recording at a time: loading another closes the one before; ✕ or another number chosen
closes the strip, and a strip hidden with the history (folded away, another tab, the window
closed) stops and lets go of the speaker, keeping its place. Minimising the window does not stop it. Keyboard: Tab reaches the button, the
slider and ✕; Space plays or pauses anywhere in the strip (←/→ on the slider jump 5 s).

The audio path (PortAudio, numpy) loads when a recording is first opened, not with the window.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractSlider, QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton, QWidget

from calllist_desktop.core.phone import format_national

if TYPE_CHECKING:
    from calllist_desktop.telephony.audio.player import RecordingPlayer

log = logging.getLogger(__name__)

TICK_MS: Final = 200
STEP_MS: Final = 5000  # ←/→ on the slider
PAGE_MS: Final = 15000  # PgUp/PgDn, or a click beside the handle

STRIP_STYLE = """
#recordingStrip { background: #eef2f6; border: 1px solid #c9d2db; border-radius: 4px; }
#recordingWhat { color: #33404d; }
#recordingPlay { font-size: 14px; min-width: 24px; }
#recordingTime { color: #33404d; }
#recordingError { color: #b3261e; }
"""


def clock_text(seconds: float) -> str:
    """``0:12``, ``3:45``, ``1:02:03``: a recording's time as media players show it."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class RecordingStrip(QWidget):
    """Play, pause and seek one call's recording (see the module notes).

    Signals:
        reached_end(): the recording played to its end (emitted from PortAudio's thread, delivered
            on the GUI thread).
        closed(): the operator closed the strip.
    """

    reached_end = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STRIP_STYLE)
        self.player: RecordingPlayer | None = None
        self.path: str | None = None
        self.duration = 0.0
        self._position = 0.0  # where playing starts while no player is open
        self.started_at: datetime | None = None
        self.phone = ""
        self._problem: tuple[str, str] | None = None  # what went wrong: kind, detail
        self.play_button = QToolButton()
        self.play_button.setObjectName("recordingPlay")
        self.play_button.setAutoRaise(True)
        self.play_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.play_button.clicked.connect(self.toggle)
        self.what = QLabel()
        self.what.setObjectName("recordingWhat")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("recordingSeek")
        self.slider.setSingleStep(STEP_MS)
        self.slider.setPageStep(PAGE_MS)
        self.slider.setMinimumWidth(120)
        self.slider.actionTriggered.connect(self._slider_action)
        self.slider.sliderReleased.connect(self._seek_to_slider)
        self.slider.sliderMoved.connect(lambda value: self._show_time(value / 1000))
        self.time = QLabel()
        self.time.setObjectName("recordingTime")
        self.error = QLabel()
        self.error.setObjectName("recordingError")
        self.error.setWordWrap(True)
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.error.hide()
        self.close_button = QToolButton()
        self.close_button.setObjectName("recordingClose")
        self.close_button.setAutoRaise(True)
        self.close_button.setText("✕")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.close_button.clicked.connect(self.close_strip)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.play_button)
        row.addWidget(self.what)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time)
        row.addWidget(self.error, 1)
        row.addWidget(self.close_button)
        self.setTabOrder(self.play_button, self.slider)
        self.setTabOrder(self.slider, self.close_button)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._show_state)
        self.reached_end.connect(self._show_state, Qt.ConnectionType.QueuedConnection)
        self.retranslate()
        self.hide()

    # --- what the history asks -----------------------------------------------------------------

    def load(self, path: str, started_at: datetime | None, phone: str, play: bool = False) -> None:
        """Show the recording at ``path`` of the call at ``started_at`` with ``phone``, closing
        the one before; ``play`` starts it. A recording that cannot be played says why here.

        Only its length is read now: the speaker is opened at the first ▶, so choosing calls to
        read them never takes the sound device."""
        if path != self.path or self._problem is not None:  # chosen again after a problem: try again
            self.release()
            self.path, self.started_at, self.phone = path, started_at, phone
            self._problem = None
            self._position = 0.0
            self._measure()
        self.show()
        if play:
            self.play()

    @property
    def position(self) -> float:
        """Seconds into the recording: the player's, or where it will start."""
        return self.player.position if self.player is not None else self._position

    def play(self) -> None:
        """Play from the position, opening the speaker of 設定 → 音声 the first time."""
        if self.path is None or not self._can_play():
            return
        self._problem = None
        from calllist_desktop.telephony.audio.player import PlayerError

        try:
            if self.player is None:
                self.player = self._open_player(self.path)
                self.player.seek(self._position)
            self.player.play()
        except PlayerError as exc:
            self._failed(exc)
            return
        self._show_state()

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()
        self._show_state()

    def toggle(self) -> None:
        """Play or pause (Space, the ▶/⏸ button)."""
        if self.player is not None and self.player.playing:
            self.pause()
        else:
            self.play()

    def close_strip(self) -> None:
        """Stop, let go of the speaker and the file, and hide."""
        had_recording = self.path is not None
        self.release()
        self.path = None
        self.hide()
        if had_recording:
            self.closed.emit()

    def release(self) -> None:
        """Stop and close the player (the strip keeps what it shows)."""
        self.ticker.stop()
        if self.player is not None:
            self._position = self.player.position
            self.player.close()
            self.player = None
        self._show_state()

    # --- inside --------------------------------------------------------------------------------

    def _measure(self) -> None:
        from calllist_desktop.telephony.audio.player import PlayerError, recording_length

        try:
            self.duration = recording_length(self.path or "")
        except PlayerError as exc:
            self.duration = 0.0
            self._failed(exc)
            return
        self.slider.setRange(0, round(self.duration * 1000))
        self._show_what()
        self._show_state()

    def _open_player(self, path: str) -> RecordingPlayer:
        from calllist_desktop.telephony.audio.config_file import load_audio_config
        from calllist_desktop.telephony.audio.player import RecordingPlayer

        speaker = load_audio_config().devices
        player = RecordingPlayer(
            path, speaker.output_device, speaker.volume, on_finished=self.reached_end.emit
        )
        if player.notice:
            log.info("recording player: %s", player.notice)
        return player

    def _failed(self, error: Exception) -> None:
        from calllist_desktop.telephony.audio.player import (
            NoOutputDevice,
            RecordingMissing,
            RecordingUnreadable,
        )

        log.warning("recording player: %s", error)
        kind = (
            "missing"
            if isinstance(error, RecordingMissing)
            else "unreadable"
            if isinstance(error, RecordingUnreadable)
            else "device"
            if isinstance(error, NoOutputDevice)
            else "other"
        )
        self._problem = (kind, str(error))
        if self.player is not None:
            self.player.close()
            self.player = None
        self.ticker.stop()
        self._show_what()
        self._show_state()

    def _can_play(self) -> bool:
        """No problem, or only the speaker's: ▶ tries again (a headset plugged in meanwhile)."""
        return self._problem is None or self._problem[0] == "device"

    def _problem_text(self) -> str:
        if self._problem is None:
            return ""
        kind, detail = self._problem
        if kind == "missing":
            return self.tr("録音ファイルが見つかりません (移動または削除されています): {0}").format(self.path)
        if kind == "unreadable":
            return self.tr("録音ファイルを読めません: {0}").format(self.path)
        if kind == "device":
            return self.tr("スピーカーを開けません (設定 → 音声 を確認してください): {0}").format(detail)
        return self.tr("録音を再生できません: {0}").format(detail)

    def _show_what(self) -> None:
        when = self.started_at.astimezone().strftime("%m/%d %H:%M") if self.started_at else ""
        number = format_national(self.phone) if self.phone else ""
        call = " · ".join(part for part in (when, number) if part)
        self.what.setText(self.tr("録音 {0}").format(call) if call else self.tr("録音"))
        self.what.setToolTip(self.path or "")

    def _show_state(self) -> None:
        """Button, slider, time and error as the player is now."""
        playing = self.player is not None and self.player.playing
        self.play_button.setEnabled(self.path is not None and self._can_play())
        self.play_button.setText("⏸" if playing else "▶")
        self.play_button.setToolTip(self.tr("一時停止 (Space)") if playing else self.tr("再生 (Space)"))
        self.play_button.setAccessibleName(self.tr("一時停止") if playing else self.tr("再生"))
        problem = self._problem_text()
        self.error.setText(problem)
        self.error.setToolTip(self._problem[1] if self._problem else "")
        self.error.setVisible(bool(problem))
        self.slider.setVisible(not problem)
        self.time.setVisible(not problem)
        self.slider.setEnabled(self.path is not None and self._problem is None)
        if not self.slider.isSliderDown():
            position = self.position
            self.slider.blockSignals(True)
            self.slider.setValue(round(position * 1000))
            self.slider.blockSignals(False)
            self._show_time(position)
        if playing and not self.ticker.isActive():
            self.ticker.start()
        elif not playing:
            self.ticker.stop()

    def _show_time(self, position: float) -> None:
        self.time.setText(f"{clock_text(position)} / {clock_text(self.duration)}")

    def seek(self, seconds: float) -> None:
        """Go to ``seconds`` into the recording (where the next ▶ starts, or at once while playing)."""
        self._position = max(0.0, min(self.duration, seconds))
        if self.player is not None:
            self.player.seek(self._position)
        self._show_state()

    def _slider_action(self, action: int) -> None:
        """A step, a page or a jump from the keyboard or a click: seek where the slider goes.
        (Dragging seeks once, on release.)"""
        if action != QAbstractSlider.SliderAction.SliderMove.value:
            self.seek(self.slider.sliderPosition() / 1000)

    def _seek_to_slider(self) -> None:
        self.seek(self.slider.sliderPosition() / 1000)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("通話録音"))
        self.slider.setAccessibleName(self.tr("再生位置"))
        self.slider.setToolTip(self.tr("再生位置 (←/→ で 5 秒)"))
        self.close_button.setToolTip(self.tr("録音を閉じる"))
        self.close_button.setAccessibleName(self.tr("録音を閉じる"))
        self._show_what()
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.toggle()
            event.accept()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden with the history, its tab or the window: stop and let go of the speaker, keeping
        the place (▶ goes on from there when it shows again). Not when the window is minimised."""
        super().hideEvent(event)
        if not event.spontaneous() and self.player is not None:
            self.release()
