"""Settings declared once, typed, with defaults; window state kept apart from them.

Every setting the program reads is a :class:`Setting` here, so its key, type and default live in
one place (Picard's ``options.py`` did the same). ``QSettings`` stores them in the platform's
usual place; tests pass their own ini-file ``QSettings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from calllist_desktop.core.autocall_events import AutoCallOptions

T = TypeVar("T", str, bool, int)

ORGANIZATION = "CallList"
APPLICATION = "CallList Desktop"
SETTINGS_VERSION = 1


class LayoutMode(StrEnum):
    """The two arrangements of the main window (SPEC §4)."""

    COMPACT = "compact"
    WIDE = "wide"


_TRUE = (True, "true", "1", 1)
_FALSE = (False, "false", "0", 0)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One setting: its key, its type (that of the default), and the values it may take.

    Reading never fails: a value of the wrong type, out of range or not among ``choices`` (an
    old version's, a hand-edited or a corrupt file's) reads as the default, and the others are
    unaffected. ``minimum``/``maximum`` bound an ``int``; ``choices`` lists a ``str``'s values.
    """

    key: str
    default: T
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    def read(self, store: QSettings) -> T:
        value = store.value(self.key, self.default)
        if value is None:
            return self.default
        return self.parse(value)

    def parse(self, value: object) -> T:
        """``value`` as this setting's type, or the default when it is not a valid one."""
        if isinstance(self.default, bool):
            # QSettings' ini backend hands booleans back as "true"/"false".
            if value in _TRUE:
                return True
            return False if value in _FALSE else self.default
        if isinstance(self.default, int):
            try:
                number = int(str(value).strip()) if isinstance(value, (str, int)) else None
            except ValueError:
                number = None
            if number is None or not self.accepts(number):
                return self.default
            return number
        if not isinstance(value, str) or (self.choices and value not in self.choices):
            return self.default
        return value

    def accepts(self, value: T) -> bool:
        """Whether ``value`` lies within this setting's bounds and choices."""
        if isinstance(value, int) and not isinstance(value, bool):
            return (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)
        if isinstance(value, str) and self.choices:
            return value in self.choices
        return True


VERSION = Setting("version", 0, minimum=0)  # of the settings' layout, for upgrades
LAYOUT = Setting("ui/layout", LayoutMode.WIDE.value, choices=tuple(mode.value for mode in LayoutMode))
LANGUAGE = Setting("ui/language", "", choices=("", "ja", "en"))  # "" follows the system locale
SHOW_EXCLUDED = Setting("lists/show_excluded", True)
LAST_LIST = Setting("lists/last_list", "")
# Who used the client last on this computer: the next start opens as them (SPEC §11).
LAST_USER = Setting("users/last_login", "")
# The layout at start: the one used last ("last", what the window has always done), or a fixed one.
START_LAYOUT = Setting("ui/start_layout", "last", choices=("last", *(mode.value for mode in LayoutMode)))
# The store opened at the next start when neither --db nor $CALLLIST_DB names one: a SQLite file's
# path or a database URL; "" is the SQLite file in the user data folder.
STORE_URL = Setting("store/url", "")
WRAP_UP = Setting("calls/wrap_up", 0, minimum=0, maximum=600)  # 後処理 seconds after a call; 0: none
# A wrap-up (disposition, note, callback) after each call dialled by hand too, not only in auto-call.
WRAP_UP_HAND_DIALLED = Setting("calls/wrap_up_hand_dialled", False)
# The calling-hours guard this computer once had (minutes after midnight, local time). Calling
# hours are list rules in the store now (SPEC §9): the window moves these into the rules of the
# lists used here (a manager's) or drops them, once (ui.campaign.window_side).
CALLING_HOURS = Setting("calls/calling_hours", False)
CALLING_START = Setting("calls/calling_start", 9 * 60, minimum=0, maximum=24 * 60 - 1)
CALLING_END = Setting("calls/calling_end", 20 * 60, minimum=0, maximum=24 * 60 - 1)
# CSV ファイルの作成: the encoding and the folder used last ("": the default).
EXPORT_ENCODING = Setting("export/encoding", "utf-8-sig", choices=("utf-8-sig", "utf-8", "cp932"))
EXPORT_FOLDER = Setting("export/folder", "")
# The import dialog (発信先を追加) opens as it was last used: its assignee ("" leaves assignees
# as they are) and the folder of its last file.
IMPORT_ASSIGNEE = Setting("import/assignee", "")
IMPORT_FOLDER = Setting("import/folder", "")


class Settings:
    """Typed access to the program's settings and its saved window state."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings(ORGANIZATION, APPLICATION)
        if self.get(VERSION) < SETTINGS_VERSION:
            self.store.setValue("version", SETTINGS_VERSION)

    def get(self, setting: Setting[T]) -> T:
        return setting.read(self.store)

    def set(self, setting: Setting[T], value: T) -> None:
        if not setting.accepts(value):
            raise ValueError(f"{value!r} is not a valid value of {setting.key}")
        self.store.setValue(setting.key, value)

    def start_layout(self) -> LayoutMode:
        """The layout to open the window in: the chosen fixed one, else the one used last."""
        chosen = self.get(START_LAYOUT)
        return LayoutMode(chosen) if chosen in LayoutMode._value2member_map_ else self.layout

    def autocall_options(self) -> AutoCallOptions:
        """Auto-call's options as set in 設定 → 通話: the wrap-up time. (Calling hours are the
        list's rules in the store, checked as each target is claimed.)"""
        from calllist_desktop.core.autocall_events import AutoCallOptions  # with the engine, not at start

        return AutoCallOptions(wrap_up=self.get(WRAP_UP))

    def legacy_calling_hours(self) -> tuple[time, time] | None:
        """The calling hours this computer's window had before they became list rules, if any."""
        if not self.get(CALLING_HOURS):
            return None
        start, end = self.get(CALLING_START), self.get(CALLING_END)
        return time(start // 60, start % 60), time(end // 60, end % 60)

    def forget_legacy_calling_hours(self) -> None:
        """The old calling hours were moved into list rules or dropped: they are read no more."""
        for setting in (CALLING_HOURS, CALLING_START, CALLING_END):
            self.store.remove(setting.key)

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
