"""The sound devices the line can use, by name, through PortAudio (``sounddevice``).

Devices are chosen by name, never by a system-specific identifier: the name is what the user
sees in 設定 and types after ``--audio-in``, and it survives a reboot that renumbers devices. An
empty name means "the system default". A chosen device that is not there (the headset was
unplugged) falls back to the default and says so in :attr:`Resolved.notice`; no device at all
gives ``number=None`` and the caller runs without audio.

PortAudio reads the device list once when it starts; :func:`refresh` restarts it so a device
plugged in later appears. That is only safe while no stream is open, so :mod:`.streams` counts
its open streams and :func:`refresh` declines while there are any.

Only devices of PortAudio's default host API are offered: on Windows the same headset appears
under MME, DirectSound and WASAPI, and three identical names help no one.
"""

from __future__ import annotations

import logging
import threading
from enum import StrEnum
from typing import Any, NamedTuple

log = logging.getLogger(__name__)

_lock = threading.Lock()
_open_streams = 0


class Kind(StrEnum):
    """What a device is used for: the ringing device is an output like the speaker."""

    INPUT = "input"
    OUTPUT = "output"


class Device(NamedTuple):
    """A sound device as PortAudio lists it."""

    number: int  # PortAudio's device index, valid until the next refresh
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    is_default_input: bool
    is_default_output: bool

    def serves(self, kind: Kind) -> bool:
        return (self.max_input_channels if kind is Kind.INPUT else self.max_output_channels) > 0

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "host_api": self.host_api,
            "input_channels": self.max_input_channels,
            "output_channels": self.max_output_channels,
            "default_samplerate": self.default_samplerate,
            "default_input": self.is_default_input,
            "default_output": self.is_default_output,
        }


class Resolved(NamedTuple):
    """A device choice resolved against the devices present now."""

    number: int | None  # None: no usable device of this kind at all
    name: str  # the device actually used ("" when none)
    notice: str = ""  # why it is not the one asked for (English; the UI translates the kinds it knows)
    missing: str = ""  # the name asked for that is not there, when falling back


def portaudio() -> Any | None:
    """The ``sounddevice`` module, or None when the PortAudio library cannot be loaded."""
    try:
        import sounddevice
    except OSError as exc:  # no PortAudio on this system: no devices, calls without audio
        log.warning("PortAudio is not available: %s", exc)
        return None
    return sounddevice


def list_devices() -> list[Device]:
    """Every device of the default host API, in PortAudio's order."""
    sd = portaudio()
    if sd is None:
        return []
    try:
        apis = sd.query_hostapis()
        default_api = sd.default.hostapi
        raw = sd.query_devices()
        default_in, default_out = _defaults(sd)
    except sd.PortAudioError as exc:
        log.warning("cannot list sound devices: %s", exc)
        return []
    devices = []
    for info in raw:
        if default_api is not None and default_api >= 0 and info["hostapi"] != default_api:
            continue
        index = int(info["index"])
        devices.append(
            Device(
                number=index,
                name=str(info["name"]),
                host_api=str(apis[info["hostapi"]]["name"]),
                max_input_channels=int(info["max_input_channels"]),
                max_output_channels=int(info["max_output_channels"]),
                default_samplerate=float(info["default_samplerate"]),
                is_default_input=index == default_in,
                is_default_output=index == default_out,
            )
        )
    return devices


def _defaults(sd: Any) -> tuple[int, int]:
    default_in, default_out = sd.default.device
    if default_in is None or default_in < 0:
        default_in = sd.query_hostapis(sd.default.hostapi)["default_input_device"] if sd.default.hostapi >= 0 else -1
    if default_out is None or default_out < 0:
        default_out = sd.query_hostapis(sd.default.hostapi)["default_output_device"] if sd.default.hostapi >= 0 else -1
    return int(default_in), int(default_out)


def names(kind: Kind) -> list[str]:
    """The names of the devices that can serve ``kind``, for a picker."""
    seen: list[str] = []
    for device in list_devices():
        if device.serves(kind) and device.name not in seen:
            seen.append(device.name)
    return seen


def resolve(name: str, kind: Kind, devices: list[Device] | None = None) -> Resolved:
    """The device to open for ``name`` (empty: the default), falling back to the default when it is gone."""
    devices = list_devices() if devices is None else devices
    usable = [device for device in devices if device.serves(kind)]
    wanted = name.strip()
    if wanted:
        for device in usable:
            if device.name == wanted:
                return Resolved(device.number, device.name)
        for device in usable:  # a name typed by hand: accept a unique case-insensitive prefix
            if device.name.casefold().startswith(wanted.casefold()) and sum(
                other.name.casefold().startswith(wanted.casefold()) for other in usable
            ) == 1:
                return Resolved(device.number, device.name)
    default = next((d for d in usable if (d.is_default_input if kind is Kind.INPUT else d.is_default_output)), None)
    if default is None and usable:
        default = usable[0]
    if default is None:
        what = "microphone" if kind is Kind.INPUT else "speaker"
        return Resolved(None, "", f"no {what} found: calls run without audio", wanted)
    if wanted:
        return Resolved(default.number, default.name, f"{wanted!r} is not connected: using {default.name!r}", wanted)
    return Resolved(default.number, default.name)


def refresh() -> bool:
    """Read the device list again (a headset was plugged in). False while a stream is open."""
    sd = portaudio()
    if sd is None:
        return False
    with _lock:
        if _open_streams:
            return False
        try:
            sd._terminate()
            sd._initialize()
        except sd.PortAudioError as exc:
            log.warning("cannot restart PortAudio: %s", exc)
            return False
    return True


def stream_opened() -> None:
    global _open_streams
    with _lock:
        _open_streams += 1


def stream_closed() -> None:
    global _open_streams
    with _lock:
        _open_streams = max(0, _open_streams - 1)
