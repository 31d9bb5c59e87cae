"""The window's side of the audio path, on the real-time virtual sound card: the call card's meters,
mute and 録音中, the recording noted on the call's row, the no-audio notice, and 設定 → 音声.

The line is the demo line given our audio path the way the SIP line uses it (``attach`` when the
call's media is up, ``detach`` at its end); the far end is a PJSIP tone generator at 700 Hz and the
operator's microphone plays 1 kHz, so every check is a frequency, not "not silent".
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from calllist_desktop.core.clock import ManualScheduler
from calllist_desktop.core.line import CallAnswered, CallEnded, LineEvent
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.audio.call_audio import CallAudio
from calllist_desktop.telephony.audio.settings import AudioSettings
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.settings_audio_page import AudioSettingsPage
from tests.telephony.audio.test_call_audio import tone_generator
from tests.telephony.audio.tones import read_wav, tone_share
from tests.ui.conftest import open_window, settle
from tests.ui.test_autocall_ui import run_clock
from tests.ui.test_operator_phone import dial_typed, state_of
from tests.voice_fixtures import PulseAudio, endpoint, on_pj, pulse, pulse_audio, stop_process, tone_1k

__all__ = ["endpoint", "pulse", "pulse_audio", "tone_1k"]  # fixtures, used by name

STAYS_ON = "03-1234-0201"  # the demo number that answers and stays on until we hang up


class LineWithAudio(DemoLine):
    """The demo line with our audio path, used as the SIP line uses it; the far end says 700 Hz."""

    def __init__(self, audio: CallAudio, **options: Any) -> None:
        super().__init__(**options)
        self.audio = audio
        self.far_end = [on_pj(lambda: tone_generator(700))]  # pjsua2 objects live on PJSIP's thread
        self.add_listener(self._follow)

    def _follow(self, event: LineEvent) -> None:
        if isinstance(event, CallAnswered):
            on_pj(lambda: self.audio.attach(event.call_id, self.far_end[0]))
        self.audio.on_line_event(event)
        if isinstance(event, CallEnded):
            on_pj(lambda: self.audio.detach(event.call_id))

    def set_mute(self, call_id: str, muted: bool) -> None:
        super().set_mute(call_id, muted)
        self.audio.set_mute(call_id, muted)


@pytest.fixture
def audio_line(endpoint: object, clock: ManualScheduler) -> Iterator[LineWithAudio]:
    audio = CallAudio(AudioSettings(input_device="pulse", output_device="pulse"))
    line = LineWithAudio(audio, scheduler=clock, seed=1)
    line.start()
    clock.advance(1.0)
    yield line
    line.stop()
    audio.close()
    on_pj(line.far_end.clear)


def test_the_card_shows_levels_mute_and_recording_and_the_row_gets_the_file(
    qtbot: QtBot,
    pulse: PulseAudio,
    tone_1k: Path,
    ui_store: Store,
    audio_line: LineWithAudio,
    clock: ManualScheduler,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "audio.json").write_text(json.dumps({"recordings_folder": str(tmp_path / "録音")}))
    ui_store.set_recording_enabled(True)
    player = pulse.play(tone_1k)
    try:
        window = open_window(qtbot, ui_store, audio_line, settings)
        strip = window.phone.audio_strip
        dial_typed(qtbot, window, STAYS_ON)
        run_clock(qtbot, clock, lambda: state_of(window) == "talking")
        assert strip.isVisibleTo(window)
        qtbot.waitUntil(lambda: strip.far_meter.value() > 60 and strip.mic_meter.value() > 60, timeout=5000)
        assert strip.recording_badge.isVisibleTo(window) and strip.recording_badge.text() == "● 録音中"
        qtbot.mouseClick(window.phone.mute_button, Qt.MouseButton.LeftButton)
        assert window.phone.mute_badge.isVisibleTo(window)
        qtbot.waitUntil(lambda: strip.mic_meter.value() == 0, timeout=2000)
        time.sleep(0.6)
        qtbot.mouseClick(window.phone.mute_button, Qt.MouseButton.LeftButton)
        time.sleep(1.0)
        record_id = window.session.current.record_id  # type: ignore[union-attr]
        window.session.hang_up()
        run_clock(qtbot, clock, lambda: state_of(window) is None)
        assert not strip.isVisibleTo(window)
        qtbot.waitUntil(
            lambda: ui_store.call_recordings([record_id])[record_id].path is not None, timeout=5000
        )
    finally:
        stop_process(player)
    recording = ui_store.call_recordings([record_id])[record_id]
    assert recording.error is None and recording.seconds is not None and recording.seconds > 1.5
    assert recording.path is not None and recording.path.startswith(str(tmp_path / "録音"))
    assert "0312340201" in Path(recording.path).name  # the number, for whoever looks in the folder
    samples, rate = read_wav(recording.path)
    tail = samples[-rate // 2 :]  # after the unmute: the operator left, the customer right
    assert tone_share(tail[:, 0], rate, 1000) > 0.8
    assert tone_share(tail[:, 1], rate, 700) > 0.8


def test_a_call_without_any_sound_device_says_no_audio_on_the_card(
    qtbot: QtBot,
    ui_store: Store,
    audio_line: LineWithAudio,
    clock: ManualScheduler,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nobody'}")
    window = open_window(qtbot, ui_store, audio_line, settings)
    dial_typed(qtbot, window, STAYS_ON)
    run_clock(qtbot, clock, lambda: state_of(window) == "talking")
    strip = window.phone.audio_strip
    qtbot.waitUntil(lambda: strip.notice.isVisibleTo(window), timeout=2000)
    assert strip.notice.text().startswith("音声なし")
    assert state_of(window) == "talking"  # the call goes on
    qtbot.waitUntil(
        lambda: strip.far_meter.value() > 60, timeout=3000
    )  # the far end still reaches us (no speaker)
    window.session.hang_up()
    run_clock(qtbot, clock, lambda: state_of(window) is None)


def test_the_device_page_lists_marks_a_missing_choice_and_saves(
    qtbot: QtBot, pulse: PulseAudio, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "audio.json").write_text(json.dumps({"input_device": "USB Headset 7", "volume": 0.5}))
    page = AudioSettingsPage(settings)
    qtbot.addWidget(page)
    names = [page.microphone.itemData(i) for i in range(page.microphone.count())]
    assert "" in names and "pulse" in names and "USB Headset 7" in names
    assert page.microphone.currentText() == "USB Headset 7 (未接続)"
    assert page.volume.value() == 50
    page.speaker.setCurrentIndex(page.speaker.findData("pulse"))
    page.gain.setValue(150)
    page.refresh_devices()
    assert page.speaker.currentData() == "pulse", "a refresh keeps what was chosen"
    assert page.validation_messages() == []
    page.save()
    saved = json.loads((tmp_path / "audio.json").read_text())
    assert saved["input_device"] == "USB Headset 7" and saved["output_device"] == "pulse"
    assert saved["gain"] == 1.5 and saved["volume"] == 0.5
    page.folder.setText("relative/folder")
    assert page.validation_messages() and page.folder_error.isVisibleTo(page)


def test_the_microphone_test_plays_the_voice_back_on_the_speaker(
    qtbot: QtBot, pulse: PulseAudio, tone_1k: Path, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "audio.json").write_text(json.dumps({"input_device": "pulse", "output_device": "pulse"}))
    page = AudioSettingsPage(settings)
    qtbot.addWidget(page)
    caught = tmp_path / "speaker.wav"
    player = pulse.play(tone_1k)
    catcher = None
    try:
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert page.test_button.isChecked(), page.test_status.text()
        catcher = pulse.record(caught, rate=16000)  # after the test's streams opened (see PulseAudio.record)
        qtbot.waitUntil(lambda: page.test_meter.value() > 60, timeout=5000)
        qtbot.wait(3000)
        qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
        assert not page.test_button.isChecked() and page.test_meter.value() == 0
    finally:
        stop_process(player)
        if catcher is not None:
            pulse.stop_recording(catcher)
    samples, rate = read_wav(caught)
    tail = samples[-rate:, 0]
    assert tone_share(tail[: rate // 2], rate, 1000) > 0.8, "the microphone's tone came back on the speaker"


def test_a_manager_switches_the_teams_recording_in_the_audio_page_and_an_operator_only_sees_it(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings
) -> None:
    from calllist_desktop.ui.settings_dialog import SettingsDialog

    def audio_page(window: MainWindow) -> tuple[SettingsDialog, AudioSettingsPage]:
        window.open_settings_dialog()
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        page = dialog.page("audioSettingsPage")
        assert isinstance(page, AudioSettingsPage)
        settle(qtbot, window)  # the switch is read off the GUI thread
        return dialog, page

    manager = open_window(qtbot, ui_store, line, settings, login="kanri")
    dialog, page = audio_page(manager)
    assert page.team_recording.isVisibleTo(page) and page.team_recording.isEnabled()
    assert not page.team_recording.isChecked()
    page.team_recording.setChecked(True)
    dialog.save()
    settle(qtbot, manager)  # written on the window's writer
    assert ui_store.recording_enabled() is True
    manager.close()

    operator = open_window(qtbot, ui_store, line, settings, login="sato")
    dialog, page = audio_page(operator)
    assert page.team_recording.isChecked() and not page.team_recording.isEnabled()
    assert "管理者" in page.team_recording.text()
    dialog.save()
    settle(qtbot, operator)
    assert ui_store.recording_enabled() is True, "an operator's save leaves the team's switch alone"
