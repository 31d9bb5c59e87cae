"""The real window on the line it really holds: the SIP line in its phone process, a far end on the
wire (SIPp answering and echoing our sound back), our audio on the real-time virtual sound card.

tests/ui/test_audio_ui.py checks the call card's every state on an in-process stand-in; here the
same card is fed across the phone process's pipe, and the phone process is killed under a call in
progress, as a crash in PJSIP would, to see the window come through it.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from calllist_desktop.core.i18n import current_language
from calllist_desktop.core.line import Registration
from calllist_desktop.core.outcomes import Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.telephony.account import SipAccount
from calllist_desktop.telephony.audio.settings import AudioSettings
from calllist_desktop.telephony.phone_process import ProcessLine
from calllist_desktop.ui.main_window import MainWindow
from calllist_desktop.ui.settings import LANGUAGE, Settings
from calllist_desktop.ui.settings_audio_page import AudioSettingsPage
from tests.telephony.audio.tones import read_wav, tone_share
from tests.telephony.conftest import Sipp, _kill_all, start_uas
from tests.ui.conftest import open_window, settle
from tests.ui.test_operator_phone import dial_typed, state_of
from tests.voice_fixtures import PulseAudio, pulse, pulse_audio, stop_process, tone_1k

__all__ = ["pulse", "pulse_audio", "tone_1k"]  # fixtures, used by name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIPp and PulseAudio")
NUMBER = "03-1234-0201"


@pytest.fixture
def echo(tmp_path: Path) -> Iterator[int]:
    """SIPp answering every call and sending back each RTP packet it gets; its SIP port."""
    started: list[Sipp] = []
    yield start_uas(tmp_path, started, ["-sn", "uas", "-rtp_echo"]).port
    _kill_all(started)


@pytest.fixture
def phone(echo: int, pulse: PulseAudio) -> Iterator[ProcessLine]:
    """The line as the window gets it from ``lines.sip_line``: the phone process, our audio on pulse."""
    account = SipAccount(registrar=f"127.0.0.1:{echo}", user="sato", register=False,
                         dial_template=f"sip:{{national}}@127.0.0.1:{echo}")  # fmt: skip
    line = ProcessLine(account, audio=AudioSettings(input_device="pulse", output_device="pulse"))
    yield line
    line.stop()


def started(qtbot: QtBot, window: MainWindow, line: ProcessLine) -> None:
    line.start()
    qtbot.waitUntil(lambda: line.registration is Registration.REGISTERED, timeout=15000)
    settle(qtbot, window)


def in_a_call(qtbot: QtBot, store: Store, phone: ProcessLine, settings: Settings) -> MainWindow:
    """The window, its line up, in a call to the echo (dialled as the operator types it)."""
    window = open_window(qtbot, store, phone, settings)
    started(qtbot, window, phone)
    dial_typed(qtbot, window, NUMBER)
    qtbot.waitUntil(lambda: state_of(window) == "talking", timeout=10000)
    return window


def talking(qtbot: QtBot, store: Store, phone: ProcessLine, settings: Settings) -> MainWindow:
    """The window, its line up, in a call to the echo with the microphone's 1 kHz heard both ways."""
    window = in_a_call(qtbot, store, phone, settings)
    strip = window.phone.audio_strip
    # Our 1 kHz into the microphone, and back from the echo as the far end's voice.
    qtbot.waitUntil(lambda: strip.mic_meter.value() > 60 and strip.far_meter.value() > 60, timeout=8000)
    return window


def test_the_card_follows_the_phone_process_and_the_row_gets_the_recording(
    qtbot: QtBot, pulse: PulseAudio, tone_1k: Path, ui_store: Store, phone: ProcessLine, settings: Settings,
    tmp_path: Path,
) -> None:  # fmt: skip
    (tmp_path / "audio.json").write_text(json.dumps({"recordings_folder": str(tmp_path / "録音")}))
    ui_store.set_recording_enabled(True)
    player = pulse.play(tone_1k)
    try:
        window = talking(qtbot, ui_store, phone, settings)
        strip = window.phone.audio_strip
        qtbot.waitUntil(lambda: strip.recording_badge.isVisibleTo(window), timeout=3000)
        assert not strip.notice.isVisibleTo(window), strip.notice.text()
        qtbot.mouseClick(window.phone.mute_button, Qt.MouseButton.LeftButton)
        assert window.phone.mute_badge.isVisibleTo(window)
        qtbot.waitUntil(lambda: strip.mic_meter.value() == 0, timeout=2000)
        qtbot.mouseClick(window.phone.mute_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: strip.mic_meter.value() > 60, timeout=3000)
        time.sleep(1.0)
        record_id = window.session.current.record_id  # type: ignore[union-attr]
        window.session.hang_up()
        qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)
        qtbot.waitUntil(
            lambda: ui_store.call_recordings([record_id])[record_id].path is not None, timeout=8000
        )
    finally:
        stop_process(player)
    recording = ui_store.call_recordings([record_id])[record_id]
    assert recording.error is None and recording.path is not None
    assert recording.path.startswith(str(tmp_path / "録音")) and "0312340201" in Path(recording.path).name
    samples, rate = read_wav(recording.path)
    tail = samples[-rate // 2 :]  # after the unmute: our tone on the left, its echo on the right
    assert tone_share(tail[:, 0], rate, 1000) > 0.8
    assert tone_share(tail[:, 1], rate, 1000) > 0.8


def test_a_phone_process_killed_mid_call_leaves_the_window_working(
    qtbot: QtBot, ui_store: Store, phone: ProcessLine, settings: Settings
) -> None:
    window = in_a_call(qtbot, ui_store, phone, settings)
    record_id = window.session.current.record_id  # type: ignore[union-attr]
    pid = phone.process_id
    assert pid is not None
    seen_states: list[str] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: seen_states.append(window.phone.line_state.text()))
    timer.start(20)
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)  # the card lets go of the call
    settle(qtbot, window)
    (call,) = [entry for entry in ui_store.history("+81312340201") if entry.id == record_id]
    assert call.outcome is Outcome.FAILED and call.ended_at is not None
    # The phone says why, where the operator looks, until it is back (the line's state, then; its
    # event comes after the call's end, so it may not have been shown yet).
    qtbot.waitUntil(
        lambda: any(
            "電話の処理が止まりました" in text or "phone process stopped" in text for text in seen_states
        ),
        timeout=5000,
    )
    # It comes back by itself, and the operator dials again.
    qtbot.waitUntil(
        lambda: phone.registration is Registration.REGISTERED and phone.process_id != pid, timeout=15000
    )
    settle(qtbot, window)
    timer.stop()
    assert window.phone.call_button.isEnabled()
    dial_typed(qtbot, window, NUMBER)
    qtbot.waitUntil(lambda: state_of(window) == "talking", timeout=10000)
    window.session.hang_up()
    qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)


def test_microphone_gain_saved_in_settings_reaches_the_call_in_progress(
    qtbot: QtBot, pulse: PulseAudio, tone_1k: Path, ui_store: Store, phone: ProcessLine, settings: Settings
) -> None:
    """設定 → 音声 is saved in the window's process; the call's audio is in the phone's."""
    settings.set(LANGUAGE, current_language())  # saving the dialog changes no language (it would leak)
    player = pulse.play(tone_1k)
    try:
        window = talking(qtbot, ui_store, phone, settings)
        strip = window.phone.audio_strip
        for gain, heard in (
            (0, lambda: strip.mic_meter.value() == 0),
            (100, lambda: strip.mic_meter.value() > 60),
        ):
            window.open_settings_dialog()
            dialog = window.settings_dialog
            page = dialog.page("audioSettingsPage")
            assert isinstance(page, AudioSettingsPage)
            page.gain.setValue(gain)
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
            qtbot.waitUntil(heard, timeout=3000)
        assert not window.phone.mute_badge.isVisibleTo(window)  # silence by the gain, not by mute
        window.session.hang_up()
        qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)
    finally:
        stop_process(player)



def test_the_wide_phones_card_shows_state_mute_recording_and_meters_whole(
    qtbot: QtBot, pulse: PulseAudio, tone_1k: Path, ui_store: Store, phone: ProcessLine, settings: Settings,
    language: str,
) -> None:  # fmt: skip
    """At the wide window's 290 px, with ミュート中 and 録音中 both on, nothing on the card is cut."""
    ui_store.set_recording_enabled(True)
    player = pulse.play(tone_1k)
    try:
        window = talking(qtbot, ui_store, phone, settings)
        strip = window.phone.audio_strip
        qtbot.waitUntil(lambda: strip.recording_badge.isVisibleTo(window), timeout=3000)
        qtbot.mouseClick(window.phone.mute_button, Qt.MouseButton.LeftButton)
        assert window.phone.mute_badge.isVisibleTo(window)
        window.phone.refresh()
        QApplication.processEvents()
        labels = (window.phone.call_state, window.phone.timer_label, window.phone.mute_badge,
                  strip.recording_badge, strip.mic_label, strip.far_label)  # fmt: skip
        cut = [label.text() for label in labels if label.width() < label.sizeHint().width()]
        assert cut == [], f"cut at a {window.phone.width()} px phone: {cut}"
        window.session.hang_up()
        qtbot.waitUntil(lambda: state_of(window) is None, timeout=10000)
    finally:
        stop_process(player)
