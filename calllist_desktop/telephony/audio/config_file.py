"""This computer's audio choices between runs: devices, levels and the recordings folder.

One small JSON file beside the SIP account's (``audio.json`` in the user config folder), shared
by the window's 設定 and the CLI, so a headset chosen once is used by both. The team's switch
for recording is not here but in the store (every client of a team follows the manager); only
*where* this computer writes its recordings is. ``CALLLIST_AUDIO_CONFIG`` names another file
(tests, several set-ups on one machine). A file that cannot be read is logged and ignored.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from calllist_desktop.telephony.account_file import write_json
from calllist_desktop.telephony.audio.settings import (
    GAIN_RANGE,
    VOLUME_RANGE,
    AudioSettings,
    clamp,
    default_recordings_folder,
)

log = logging.getLogger(__name__)

ENV_VAR = "CALLLIST_AUDIO_CONFIG"


@dataclass(frozen=True)
class AudioConfig:
    """What the device page of 設定 keeps. Empty device names: the system default."""

    devices: AudioSettings = field(default_factory=AudioSettings)
    recordings_folder: str = ""  # empty: the user data folder's "recordings"

    def folder(self) -> Path:
        return Path(self.recordings_folder).expanduser() if self.recordings_folder.strip() else default_recordings_folder()

    def to_mapping(self) -> dict[str, Any]:
        devices = asdict(self.devices)
        devices.pop("use_devices", None)
        return {**devices, "recordings_folder": self.recordings_folder}

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AudioConfig:
        known = {f.name for f in fields(AudioSettings)} - {"use_devices"}
        values: dict[str, Any] = {}
        for name in known:
            value = data.get(name)
            if name in ("volume", "gain"):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    values[name] = clamp(value, VOLUME_RANGE if name == "volume" else GAIN_RANGE)
            elif isinstance(value, str):
                values[name] = value
        folder = data.get("recordings_folder")
        return cls(AudioSettings(**values), folder if isinstance(folder, str) else "")


def config_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("calllist-desktop", appauthor=False) / "audio.json"


def load_audio_config(path: Path | None = None) -> AudioConfig:
    """The saved choices, or the defaults when there are none or the file is unreadable (logged)."""
    path = path or config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AudioConfig()
    except (OSError, ValueError) as exc:
        log.warning("the audio settings file %s cannot be read: %s", path, exc)
        return AudioConfig()
    if not isinstance(data, dict):
        log.warning("the audio settings file %s holds no settings", path)
        return AudioConfig()
    return AudioConfig.from_mapping(data)


def save_audio_config(config: AudioConfig, path: Path | None = None) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    write_json(path or config_path(), config.to_mapping())


def device_settings(
    input_device: str = "", output_device: str = "", *, config: AudioConfig | None = None, use_devices: bool = True
) -> AudioSettings:
    """The saved choices with the given microphone and speaker on top (non-empty names win): the
    account's, or ``--audio-in``/``--audio-out`` for one run."""
    from dataclasses import replace

    config = config or load_audio_config()
    return replace(
        config.devices,
        input_device=input_device.strip() or config.devices.input_device,
        output_device=output_device.strip() or config.devices.output_device,
        use_devices=use_devices,
    )
