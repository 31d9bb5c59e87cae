"""The settings dialog's 音声 page: microphone, speaker and ringing device, levels, a test, recordings folder.

Devices are picked by name from what PortAudio lists now; 更新 reads the list again (a headset was
plugged in). A saved device that is not connected stays selected, marked 未接続, so choosing a
headset once is not undone by a day without it: calls then use the system default and the phone
says so. The test plays the microphone back on the speaker a second later, with the page's gain
and volume, before anything is saved. Saved to this computer's audio file
(``telephony/audio/config_file.py``), which the window and ``calllist`` share.

The audio path is imported when the page is made, not with the dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.settings_widgets import field_error, note_label, set_message

if TYPE_CHECKING:
    from calllist_desktop.ui.store_work import StoreWork

log = logging.getLogger(__name__)

TEST_SECONDS = 15  # the test stops by itself: a forgotten test must not feed back for ever


class TeamSwitch:
    """What the page needs to show and save the team's recording switch: the window's store work,
    who saves, and where a refusal goes (``owner`` outlives the dialog, e.g. the window)."""

    def __init__(self, work: StoreWork, owner: QObject, login: str, refused: Callable[[Exception], None]) -> None:
        self.work = work
        self.owner = owner
        self.login = login
        self.refused = refused
        self.was_on = False  # as read; then as saved


class AudioSettingsPage(QWidget):
    """音声: see the module notes."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from calllist_desktop.telephony.audio.config_file import load_audio_config

        self.setObjectName("audioSettingsPage")
        self.settings = settings
        self.config = load_audio_config()
        self._test: Any = None
        self.microphone = self._combo("microphone")
        self.speaker = self._combo("speaker")
        self.ringer = self._combo("ringingDevice")
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshDevices")
        self.refresh_button.clicked.connect(self.refresh_devices)
        self.volume = self._slider("speakerVolume", self.config.devices.volume)
        self.gain = self._slider("microphoneGain", self.config.devices.gain)
        self.test_button = QPushButton()
        self.test_button.setObjectName("audioTest")
        self.test_button.setCheckable(True)
        self.test_button.toggled.connect(self._toggle_test)
        self.test_meter = QProgressBar()
        self.test_meter.setObjectName("testMeter")
        self.test_meter.setRange(0, 100)
        self.test_meter.setTextVisible(False)
        self.test_meter.setMaximumHeight(10)
        self.test_status = note_label("audioTestStatus")
        self.folder = QLineEdit(self.config.recordings_folder)
        self.folder.setObjectName("recordingsFolder")
        self.folder.textChanged.connect(lambda _text: self.validation_messages())
        self.folder_button = QPushButton()
        self.folder_button.setObjectName("chooseRecordingsFolder")
        self.folder_button.clicked.connect(self._choose_folder)
        self.folder_error = field_error("recordingsFolderError")
        self.devices_note = note_label("devicesNote")
        self.recording_note = note_label("recordingNote")
        # The team's switch (in the store): shown when the window offers it, changeable by managers.
        self.team_recording = QCheckBox()
        self.team_recording.setObjectName("teamRecording")
        self.team_recording.hide()
        self._team: TeamSwitch | None = None
        self._labels = {name: QLabel() for name in ("microphone", "speaker", "ringer", "volume", "gain", "test", "folder")}
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._poll_test)
        self._test_left = 0

        form = QFormLayout()
        form.addRow(self._labels["microphone"], self.microphone)
        form.addRow(self._labels["speaker"], self.speaker)
        form.addRow(self._labels["ringer"], self.ringer)
        refresh_row = QHBoxLayout()
        refresh_row.addWidget(self.devices_note, 1)
        refresh_row.addWidget(self.refresh_button)
        form.addRow(refresh_row)
        form.addRow(self._labels["volume"], self._with_value(self.volume))
        form.addRow(self._labels["gain"], self._with_value(self.gain))
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_meter, 1)
        form.addRow(self._labels["test"], test_row)
        form.addRow("", self.test_status)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        form.addRow(self._labels["folder"], folder_row)
        form.addRow("", self.folder_error)
        form.addRow("", self.team_recording)
        form.addRow("", self.recording_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addStretch(1)
        self.retranslate()
        self.fill_devices()

    # --- devices ---------------------------------------------------------------------------

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMinimumWidth(260)
        return combo

    def _slider(self, name: str, value: float) -> QSlider:
        from PySide6.QtCore import Qt

        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setObjectName(name)
        slider.setRange(0, 200)  # percent
        slider.setValue(round(value * 100))
        return slider

    def _with_value(self, slider: QSlider) -> QHBoxLayout:
        """The slider and its value in percent beside it."""
        value = QLabel(f"{slider.value()} %")
        value.setObjectName(f"{slider.objectName()}Value")
        value.setMinimumWidth(48)
        slider.valueChanged.connect(lambda percent: value.setText(f"{percent} %"))
        row = QHBoxLayout()
        row.addWidget(slider, 1)
        row.addWidget(value)
        return row

    def fill_devices(self) -> None:
        """Fill the pickers from the devices present now, keeping each one's choice."""
        from calllist_desktop.telephony.audio import devices

        listed = devices.list_devices()
        inputs = [d.name for d in listed if d.serves(devices.Kind.INPUT)]
        outputs = [d.name for d in listed if d.serves(devices.Kind.OUTPUT)]
        chosen = self.chosen_names() if self.microphone.count() else (
            self.config.devices.input_device, self.config.devices.output_device, self.config.devices.ring_device
        )
        for combo, names, current in (
            (self.microphone, inputs, chosen[0]),
            (self.speaker, outputs, chosen[1]),
            (self.ringer, outputs, chosen[2]),
        ):
            combo.clear()
            combo.addItem(self.tr("システムの既定"), "")
            for name in dict.fromkeys(names):
                combo.addItem(name, name)
            if current and current not in names:
                combo.addItem(self.tr("{0} (未接続)").format(current), current)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.ringer.setItemText(0, self.tr("スピーカーと同じ"))
        if not listed:
            self.devices_note.setText(self.tr("音声デバイスが見つかりません。通話は音声なしで行われます。"))
        else:
            self.devices_note.setText(self.tr("ヘッドセットをつないだら「更新」を押してください。"))

    def refresh_devices(self) -> None:
        from calllist_desktop.telephony.audio import devices

        if self._test is not None:
            self.test_button.setChecked(False)
        if not devices.refresh():
            self.devices_note.setText(self.tr("通話中は一覧を更新できません。通話のあとで押してください。"))
            return
        self.fill_devices()

    def chosen_names(self) -> tuple[str, str, str]:
        return (
            str(self.microphone.currentData() or ""),
            str(self.speaker.currentData() or ""),
            str(self.ringer.currentData() or ""),
        )

    def audio_settings(self) -> Any:
        """The page's choices as :class:`~calllist_desktop.telephony.audio.settings.AudioSettings`."""
        from calllist_desktop.telephony.audio.settings import AudioSettings

        microphone, speaker, ringer = self.chosen_names()
        return AudioSettings(microphone, speaker, ringer, self.volume.value() / 100, self.gain.value() / 100)

    # --- the test --------------------------------------------------------------------------

    def _toggle_test(self, running: bool) -> None:
        if running:
            self._start_test()
        else:
            self.stop_test()

    def _start_test(self) -> None:
        from calllist_desktop.telephony.audio.mic_test import MicTest
        from calllist_desktop.telephony.audio.streams import AudioDeviceError

        try:
            self._test = MicTest(self.audio_settings(), delay=1.0)
        except AudioDeviceError as exc:
            log.warning("audio test failed: %s", exc)
            self.test_status.setText(self.tr("テストできません: {0}").format(str(exc)))
            self.test_button.setChecked(False)
            return
        self._test_left = TEST_SECONDS * 10
        self._timer.start()
        missing = [name for name in self.chosen_names()[:2] if name and name not in (self._test.input_device, self._test.output_device)]
        text = self.tr("話してください。1 秒後にスピーカーから聞こえます。")
        if missing:
            text += " " + self.tr("「{0}」が見つからないため、既定のデバイスでテストしています。").format("」「".join(missing))
        self.test_status.setText(text)
        self.test_button.setText(self.tr("テストを止める"))

    def stop_test(self) -> None:
        self._timer.stop()
        test, self._test = self._test, None
        if test is not None:
            test.close()
            self.test_status.setText("")
        self.test_meter.setValue(0)
        self.test_button.blockSignals(True)
        self.test_button.setChecked(False)
        self.test_button.blockSignals(False)
        self.test_button.setText(self.tr("マイクとスピーカーをテスト"))

    def _poll_test(self) -> None:
        if self._test is None:
            return
        from calllist_desktop.ui.audio_strip import meter_value

        self.test_meter.setValue(meter_value(self._test.level()))
        self._test_left -= 1
        if self._test_left <= 0:
            self.stop_test()

    # --- recordings folder -----------------------------------------------------------------

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("録音フォルダーを選択"), self.folder.text() or str(Path.home()))
        if chosen:
            self.folder.setText(chosen)

    # --- the team's recording switch ---------------------------------------------------------

    def offer_team_switch(self, team: TeamSwitch, is_manager: bool) -> None:
        """Show whether the team's calls are recorded (read on ``team.work``); a manager may switch
        it here (saved with the page, on the same work)."""

        def shown(enabled: bool) -> None:
            team.was_on = enabled
            self._show_team_switch(team, is_manager)

        def not_read(error: Exception) -> None:  # the store is away: the switch is not shown rather than shown wrong
            log.warning("cannot read the recording switch: %s", error)

        team.work.read(self, lambda store: bool(store.recording_enabled()), shown, not_read)

    def _show_team_switch(self, team: TeamSwitch, is_manager: bool) -> None:
        self._team = team
        enabled = team.was_on
        self.team_recording.setChecked(enabled)
        self.team_recording.setEnabled(is_manager)
        self.team_recording.show()
        self.retranslate()

    # --- the dialog's side -----------------------------------------------------------------

    def validation_messages(self) -> list[str]:
        text = self.folder.text().strip()
        message = ""
        if text:
            path = Path(text).expanduser()
            if not path.is_absolute():
                message = self.tr("録音フォルダーは完全なパスで指定してください (例: D:\\録音)")
            elif path.exists() and not path.is_dir():
                message = self.tr("録音フォルダーに指定した場所はフォルダーではありません")
        set_message(self.folder_error, message)
        return [message] if message else []

    def save(self) -> None:
        from dataclasses import replace

        from calllist_desktop.telephony.audio.config_file import save_audio_config

        self.stop_test()
        team = self._team
        if team is not None and self.team_recording.isEnabled():
            wanted, login = self.team_recording.isChecked(), team.login
            if wanted != team.was_on:  # written after the dialog closes: a refusal is said by ``team.refused``
                team.work.write(
                    team.owner, lambda store: store.set_recording_enabled(wanted, by=login), None, team.refused
                )
                team.was_on = wanted
        self.config = replace(self.config, devices=self.audio_settings(), recordings_folder=self.folder.text().strip())
        save_audio_config(self.config)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("音声"))
        texts = {
            "microphone": self.tr("マイク"),
            "speaker": self.tr("スピーカー"),
            "ringer": self.tr("着信音"),
            "volume": self.tr("スピーカー音量"),
            "gain": self.tr("マイク感度"),
            "test": self.tr("テスト"),
            "folder": self.tr("録音フォルダー"),
        }
        for name, text in texts.items():
            self._labels[name].setText(text)
        self.refresh_button.setText(self.tr("更新"))
        self.folder_button.setText(self.tr("参照…"))
        self.folder.setPlaceholderText(self.tr("ユーザーデータフォルダー (既定)"))
        self.test_button.setText(self.tr("テストを止める") if self._test is not None else self.tr("マイクとスピーカーをテスト"))
        self.recording_note.setText(
            self.tr("通話録音のオン・オフは管理者がチーム全体に設定します (calllist recording on|off)。"
                    "録音するときは、お客様にその旨をお伝えください。")
        )
        self.team_recording.setText(
            self.tr("チームの通話を録音する") if self.team_recording.isEnabled() else self.tr("チームの通話を録音する (管理者が設定します)")
        )
        if self.microphone.count():
            self.fill_devices()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def hideEvent(self, event: Any) -> None:
        self.stop_test()  # closing the dialog ends the test
        super().hideEvent(event)
