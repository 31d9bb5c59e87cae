"""What the audio path is told: devices by name, gains, and whether and where calls are recorded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

VOLUME_RANGE = (0.0, 4.0)
GAIN_RANGE = (0.0, 4.0)


@dataclass(frozen=True)
class AudioSettings:
    """Device names ("" = the system default) and levels; the ringing device defaults to the speaker."""

    input_device: str = ""
    output_device: str = ""
    ring_device: str = ""
    volume: float = 1.0
    gain: float = 1.0
    use_devices: bool = True  # False: never open a device (tests, a server): calls run without audio


@dataclass(frozen=True)
class RecordingSettings:
    """Whether answered calls are recorded (the store's switch) and the folder the files go to."""

    enabled: bool = False
    folder: Path | None = None  # None: the user data folder's "recordings"


def default_recordings_folder() -> Path:
    """The user data folder's ``recordings``, beside the default store."""
    from platformdirs import user_data_dir

    from calllist_desktop.logs import APP_NAME

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "recordings"


def clamp(value: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return max(low, min(high, float(value)))
