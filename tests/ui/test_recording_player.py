"""The recording strip of the history (issue 18): choosing a call with a recording shows it, a
double-click plays it on the speaker of 設定 → 音声, ▶/⏸, Space and the slider work, one recording
plays at a time, ✕ / another number / a folded history stop it, and a file that is gone says so.

The strip plays through the real player on PulseAudio's virtual speaker (skipped without it
unless ``CALLLIST_REQUIRE_VOICE`` is set); the speaker's monitor is recorded while it plays, as
the null sink pulls a stream only then, and so the sound is checked too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.demo import DemoLine
from calllist_desktop.ui.campaign.history_panel import HistoryPanel
from calllist_desktop.ui.recording_player import RecordingStrip, clock_text
from calllist_desktop.ui.settings import Settings
from calllist_desktop.ui.store_work import StoreWork
from calllist_desktop.ui.translations import install_language
from tests.telephony.audio.test_player import LEFT, RIGHT, loud_part, stereo_call
from tests.telephony.audio.tones import read_wav, tone_share
from tests.ui.conftest import open_window, settle
from tests.ui.test_campaign_history import click_row
from tests.voice_fixtures import PulseAudio, pulse, pulse_audio

__all__ = ["pulse", "pulse_audio"]  # fixtures, used by name

TOKYO = "+81312345678"
STARTED = datetime(2026, 12, 4, 14, 3).astimezone()


def answered_call(store: Store, started: datetime, recording: Path | None, error: str | None = None) -> int:
    call = store.start_call(TOKYO, Direction.OUTBOUND, user="sato", started_at=started)
    store.finish_call(call, Outcome.ANSWERED, answered_at=started, ended_at=started + timedelta(seconds=10))
    store.set_call_recording(call, path=str(recording) if recording else None, seconds=10.0, error=error)
    return call


def open_panel(qtbot: QtBot, store_work: Callable[[Store], StoreWork], store: Store) -> HistoryPanel:
    panel = HistoryPanel(store_work(store), "sato")
    qtbot.addWidget(panel)
    panel.resize(1100, 320)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.show_phone(TOKYO, "長田 翔")
    return panel


def choose(panel: HistoryPanel, row: int) -> None:
    item = panel.tree.topLevelItem(row)
    assert item is not None
    panel.tree.setCurrentItem(item)


def double_click(qtbot: QtBot, panel: HistoryPanel, row: int) -> None:
    item = panel.tree.topLevelItem(row)
    assert item is not None
    where = panel.tree.visualItemRect(item).center()
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=where
    )  # as a mouse does: press, release,
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # then the double-click


def test_a_time_reads_as_a_media_player_shows_it() -> None:
    assert [clock_text(s) for s in (0, 12.9, 225, 3723)] == ["0:00", "0:12", "3:45", "1:02:03"]


def test_a_recording_that_is_gone_says_so_in_japanese_and_english(
    qtbot: QtBot, store_work: Callable[[Store], StoreWork], ui_store: Store, tmp_path: Path
) -> None:
    gone = tmp_path / "2026-12" / "20261204-140300_0312345678_gone.wav"
    answered_call(ui_store, STARTED, gone)
    panel = open_panel(qtbot, store_work, ui_store)
    strip = panel.recording
    assert not strip.isVisibleTo(panel), "no strip until a call with a recording is chosen"
    choose(panel, 0)
    assert strip.isVisibleTo(panel) and strip.player is None
    assert strip.error.isVisibleTo(panel) and not strip.slider.isVisibleTo(panel)
    assert strip.error.text().startswith("録音ファイルが見つかりません") and str(gone) in strip.error.text()
    assert "12/04 14:03" in strip.what.text() and "03-1234-5678" in strip.what.text()
    assert not strip.play_button.isEnabled()
    app = QApplication.instance()
    assert app is not None
    install_language(app, "en")
    try:
        qtbot.waitUntil(lambda: strip.error.text().startswith("Recording file not found"), timeout=2000)
        assert str(gone) in strip.error.text()
        assert strip.play_button.toolTip() == "Play (Space)"
    finally:
        install_language(app, "ja")
    qtbot.mouseClick(strip.close_button, Qt.MouseButton.LeftButton)
    assert not strip.isVisibleTo(panel)


def test_no_speaker_says_so_in_the_strip_when_play_is_pressed(
    qtbot: QtBot,
    store_work: Callable[[Store], StoreWork],
    ui_store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from calllist_desktop.telephony.audio import devices

    monkeypatch.setattr(devices, "list_devices", lambda: [])  # a machine without a sound card
    answered_call(ui_store, STARTED, stereo_call(tmp_path / "call.wav", 2.0))
    panel = open_panel(qtbot, store_work, ui_store)
    strip = panel.recording
    choose(panel, 0)
    assert strip.play_button.isEnabled() and not strip.error.isVisibleTo(panel), "its length is read"
    assert strip.time.text() == "0:00 / 0:02"
    qtbot.mouseClick(strip.play_button, Qt.MouseButton.LeftButton)
    assert strip.player is None and strip.error.isVisibleTo(panel)
    assert strip.error.text().startswith("スピーカーを開けません"), strip.error.text()
    assert strip.play_button.isEnabled(), "▶ tries again: a headset may be plugged in meanwhile"


def test_a_speaker_plugged_in_after_the_error_plays_at_the_next_press(
    qtbot: QtBot,
    store_work: Callable[[Store], StoreWork],
    ui_store: Store,
    pulse: PulseAudio,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from calllist_desktop.telephony.audio import devices

    answered_call(ui_store, STARTED, stereo_call(tmp_path / "call.wav", 2.0))
    panel = open_panel(qtbot, store_work, ui_store)
    strip = panel.recording
    choose(panel, 0)
    with monkeypatch.context() as unplugged:
        unplugged.setattr(devices, "list_devices", lambda: [])
        qtbot.mouseClick(strip.play_button, Qt.MouseButton.LeftButton)
        assert strip.player is None and strip.error.isVisibleTo(panel)
    qtbot.mouseClick(strip.play_button, Qt.MouseButton.LeftButton)  # plugged in now
    assert strip.player is not None and strip.player.playing
    assert not strip.error.isVisibleTo(panel) and strip.slider.isVisibleTo(panel)
    strip.close_strip()


def test_a_call_without_a_recording_shows_no_strip(
    qtbot: QtBot, store_work: Callable[[Store], StoreWork], ui_store: Store
) -> None:
    answered_call(ui_store, STARTED, None, error="disk full: /rec")
    panel = open_panel(qtbot, store_work, ui_store)
    choose(panel, 0)
    double_click(qtbot, panel, 0)
    assert not panel.recording.isVisibleTo(panel)


def test_the_strip_plays_pauses_seeks_and_stops_on_the_chosen_speaker(
    qtbot: QtBot,
    store_work: Callable[[Store], StoreWork],
    ui_store: Store,
    pulse: PulseAudio,
    tmp_path: Path,
) -> None:
    (tmp_path / "audio.json").write_text(json.dumps({"output_device": "pulse"}))  # 設定 → 音声's speaker
    older = stereo_call(tmp_path / "older.wav", 3.0)
    newer = stereo_call(tmp_path / "newer.wav", 12.0)
    answered_call(ui_store, STARTED - timedelta(days=1), older)
    answered_call(ui_store, STARTED, newer)
    panel = open_panel(qtbot, store_work, ui_store)
    strip = panel.recording
    choose(panel, 0)  # newest first
    assert strip.isVisibleTo(panel) and strip.play_button.isEnabled() and strip.play_button.text() == "▶"
    assert strip.player is None, "choosing a call reads its length; the speaker opens at ▶"
    assert strip.time.text() == "0:00 / 0:12" and "12/04 14:03" in strip.what.text()
    strip.slider.setFocus()
    qtbot.keyClick(strip.slider, Qt.Key.Key_Right)  # 5 s on, before playing
    assert strip.time.text() == "0:05 / 0:12"
    heard = tmp_path / "heard.wav"
    qtbot.mouseClick(strip.play_button, Qt.MouseButton.LeftButton)
    catcher = pulse.record(heard, rate=16000, channels=2)  # after the stream opened (PulseAudio.record)
    try:
        assert strip.player is not None and strip.player.device == "pulse"
        assert strip.player.playing and strip.play_button.text() == "⏸"
        assert strip.player.position >= 5.0, "it starts where the slider was put"
        qtbot.waitUntil(lambda: strip.time.text().startswith("0:07"), timeout=8000)
        assert strip.slider.value() >= 7000
        strip.slider.setFocus()
        qtbot.keyClick(strip.slider, Qt.Key.Key_Space)  # Space on the slider: the strip's toggle
        assert not strip.player.playing and strip.play_button.text() == "▶"
        paused_at = strip.player.position
        qtbot.keyClick(strip.slider, Qt.Key.Key_Left)  # 5 s back
        assert strip.player.position == pytest.approx(paused_at - 5, abs=0.05)
        assert strip.time.text().startswith(clock_text(paused_at - 5))
        qtbot.wait(300)
        assert strip.player.position == pytest.approx(paused_at - 5, abs=0.05), "paused stays paused"
        strip.play_button.setFocus()
        qtbot.keyClick(strip.play_button, Qt.Key.Key_Space)
        assert strip.player.playing
        # The end is reached on PortAudio's thread; the strip hears of it through a queued signal.
        qtbot.waitUntil(lambda: strip.play_button.text() == "▶", timeout=15000)
        assert strip.player is not None and not strip.player.playing and strip.time.text() == "0:12 / 0:12"
        assert strip.slider.value() == strip.slider.maximum()
    finally:
        pulse.stop_recording(catcher)
    samples, rate = read_wav(heard)
    loud = loud_part(samples)
    assert len(loud) > rate * 2, "the recording was heard on the speaker"
    last = loud[-rate - rate // 4 : -rate // 4]
    assert tone_share(last[:, 0], rate, LEFT) > 0.8 and tone_share(last[:, 1], rate, RIGHT) > 0.8

    first = strip.player
    double_click(qtbot, panel, 1)  # the older call: one recording at a time
    assert first.closed and strip.player is not None and strip.player is not first
    assert strip.player.playing and strip.time.text().endswith("/ 0:03")
    second = strip.player
    qtbot.mouseClick(strip.close_button, Qt.MouseButton.LeftButton)
    assert second.closed and strip.player is None and not strip.isVisibleTo(panel)

    double_click(qtbot, panel, 0)
    third = strip.player
    assert third is not None and third.playing
    strip.seek(4.0)
    panel.set_open(False)  # the history folded away stops it
    assert third.closed and strip.player is None
    stopped_at = strip.position
    assert stopped_at >= 4.0
    panel.set_open(True)
    assert strip.isVisibleTo(panel) and strip.play_button.text() == "▶", "shown again, paused"
    assert strip.position == stopped_at and strip.slider.value() == round(stopped_at * 1000)
    strip.play()
    assert strip.player is not None and strip.player.position == pytest.approx(stopped_at, abs=0.05)

    double_click(qtbot, panel, 0)
    fourth = strip.player
    assert fourth is not None and fourth.playing
    fourth.pause()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)  # Enter on the chosen call plays it too
    assert fourth.playing
    panel.show_phone("+81612345678")  # another number
    assert fourth.closed and not strip.isVisibleTo(panel)


def test_closing_the_window_stops_the_recording(
    qtbot: QtBot, store_work: Callable[[Store], StoreWork], ui_store: Store, pulse: PulseAudio, tmp_path: Path
) -> None:
    (tmp_path / "audio.json").write_text(json.dumps({"output_device": "pulse"}))
    answered_call(ui_store, STARTED, stereo_call(tmp_path / "call.wav", 5.0))
    panel = open_panel(qtbot, store_work, ui_store)
    double_click(qtbot, panel, 0)
    player = panel.recording.player
    assert player is not None and player.playing
    panel.close()
    assert player.closed


def test_a_call_pauses_the_recording_in_the_window(
    qtbot: QtBot, ui_store: Store, line: DemoLine, settings: Settings, pulse: PulseAudio, tmp_path: Path
) -> None:
    (tmp_path / "audio.json").write_text(json.dumps({"output_device": "pulse"}))
    answered_call(ui_store, STARTED, stereo_call(tmp_path / "call.wav", 8.0))
    window = open_window(qtbot, ui_store, line, settings)
    history = window.lists.history
    with qtbot.waitSignal(history.loaded, timeout=5000):
        click_row(qtbot, window, TOKYO)
    double_click(qtbot, history, 0)
    player = history.recording.player
    assert player is not None and player.playing
    window.session.dial(TOKYO)
    settle(qtbot, window)
    assert window.session.busy and not player.playing, "a call pauses what plays"
    assert history.recording.play_button.text() == "▶"
    window.session.hang_up()
    settle(qtbot, window)


def test_a_strip_alone_is_hidden_until_loaded(qtbot: QtBot) -> None:
    strip = RecordingStrip()
    qtbot.addWidget(strip)
    assert strip.isHidden() and strip.player is None
    strip.toggle()  # nothing loaded: nothing happens
    assert strip.player is None
