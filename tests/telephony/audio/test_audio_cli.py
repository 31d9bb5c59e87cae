"""``calllist devices``, ``calllist recording`` and ``autocall --audio-in/--audio-out`` (SPEC §8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calllist_desktop.cli import main
from tests.test_cli import Cli
from tests.voice_fixtures import PulseAudio


@pytest.fixture(autouse=True)
def _audio_config_of_the_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "audio.json"
    monkeypatch.setenv("CALLLIST_AUDIO_CONFIG", str(path))
    return path


@pytest.fixture
def cli(store_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    made = Cli(store_url, capsys)
    made.ok("users", "add", "kanri", "--admin", "--autocall")
    made.ok("users", "add", "sato", "--autocall")
    return made


def devices_json(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["devices", "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_devices_lists_the_virtual_sound_card_by_name(
    pulse: PulseAudio, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = devices_json(capsys)
    pulse_device = next(device for device in listed if device["name"] == "pulse")
    assert pulse_device["input"] is True and pulse_device["output"] is True
    assert {"name", "host_api", "default_input", "default_output", "chosen"} <= set(pulse_device)
    assert sum(bool(device["default_output"]) for device in listed) <= 1


def test_devices_marks_the_chosen_ones_and_says_when_one_is_gone(
    pulse: PulseAudio, capsys: pytest.CaptureFixture[str], _audio_config_of_the_test: Path
) -> None:
    _audio_config_of_the_test.write_text(
        json.dumps({"input_device": "pulse", "ring_device": "USB Headset 7"})
    )
    listed = devices_json(capsys)
    assert next(device for device in listed if device["name"] == "pulse")["chosen"] == ["microphone"]
    assert main(["--lang", "en", "devices"]) == 0
    out = capsys.readouterr().out
    assert "'USB Headset 7' is not connected: the default is used" in out


def test_devices_without_any_sound_system_is_an_empty_list_not_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nobody'}")
    from calllist_desktop.telephony.audio import devices

    assert devices.refresh()  # PortAudio reads the list again, now without a server
    capsys.readouterr()
    assert main(["--lang", "en", "devices"]) == 0
    assert "no sound devices" in capsys.readouterr().out


def test_recording_is_switched_by_a_manager_and_shown_to_everyone(cli: Cli, tmp_path: Path) -> None:
    assert "call recording: off" in cli.ok("--lang", "en", "recording", "status").out
    refused = cli("--lang", "en", "--user", "sato", "recording", "on")
    assert refused.code != 0 and "only a manager" in refused.err and "Traceback" not in refused.err
    assert "call recording: off" in cli.ok("--lang", "en", "recording", "status").out
    cli.ok("--user", "kanri", "recording", "on")
    status = cli.ok("--lang", "en", "--user", "sato", "recording", "status").out
    assert "call recording: on" in status
    cli.ok("--user", "kanri", "recording", "off")
    assert "call recording: off" in cli.ok("--lang", "en", "recording", "status").out


def test_the_recordings_folder_of_this_computer(cli: Cli, tmp_path: Path) -> None:
    shared = tmp_path / "team share" / "録音"
    out = cli.ok("--lang", "en", "recording", "folder", str(shared)).out
    assert f"recordings folder (this computer): {shared}" in out
    assert shared.is_dir()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    refused = cli("--lang", "en", "recording", "folder", str(blocker / "sub"))
    assert refused.code != 0 and "cannot create the recordings folder" in refused.err
    assert f"{shared}" in cli.ok("--lang", "en", "recording", "status").out, (
        "a refused folder changes nothing"
    )


def test_autocall_refuses_a_device_that_is_not_there_before_any_call(
    pulse: PulseAudio, cli: Cli, tmp_path: Path
) -> None:
    cli.ok("lists", "create", "展示会")
    result = cli(
        "--lang", "en", "--user", "sato", "autocall", "--list", "展示会", "--line", "sip",
        "--dial-template", "sip:{national}@127.0.0.1:5999", "--no-register", "--audio-in", "USB Headset 7",
    )  # fmt: skip
    assert result.code != 0
    assert "no sound input device 'USB Headset 7'" in result.err and "pulse" in result.err
    assert "Traceback" not in result.err
