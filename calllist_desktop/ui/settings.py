"""Settings declared once, typed, with defaults; window state kept apart from them.

Every setting the program reads is a :class:`Setting` here, so its key, type and default live in
one place (Picard's ``options.py`` did the same). ``QSettings`` stores them in the platform's
usual place; tests pass their own ini-file ``QSettings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, bool, int)

ORGANIZATION = "CallList"
APPLICATION = "CallList Desktop"
SETTINGS_VERSION = 1


class LayoutMode(StrEnum):
    """The two arrangements of the main window (SPEC §4)."""

    COMPACT = "compact"
    WIDE = "wide"


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def read(self, store: QSettings) -> T:
        value = store.value(self.key, self.default)
        if isinstance(self.default, bool):
            # QSettings' ini backend hands booleans back as "true"/"false".
            return (value in (True, "true", "1", 1)) if value is not None else self.default  # type: ignore[return-value]
        try:
            return type(self.default)(value)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return self.default


LAYOUT = Setting("ui/layout", LayoutMode.WIDE.value)
LANGUAGE = Setting("ui/language", "")  # "" follows the system locale
SHOW_EXCLUDED = Setting("lists/show_excluded", True)
LAST_LIST = Setting("lists/last_list", "")


class Settings:
    """Typed access to the program's settings and its saved window state."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(ORGANIZATION, APPLICATION)
        if int(self.store.value("version", 0) or 0) < SETTINGS_VERSION:
            self.store.setValue("version", SETTINGS_VERSION)

    def get(self, setting: Setting[T]) -> T:
        return setting.read(self.store)

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    @property
    def layout(self) -> LayoutMode:
        value = self.get(LAYOUT)
        return LayoutMode(value) if value in LayoutMode._value2member_map_ else LayoutMode.WIDE

    @layout.setter
    def layout(self, mode: LayoutMode) -> None:
        self.set(LAYOUT, mode.value)

    # Window state: geometry and header layouts, per layout mode, saved as Qt gives them.
    def window_state(self, name: str) -> QByteArray | None:
        value = self.store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def save_window_state(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"window/{name}", state)

    def sync(self) -> None:
        self.store.sync()
