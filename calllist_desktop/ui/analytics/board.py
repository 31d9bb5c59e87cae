"""チームの状況: the live team board (SPEC §10), a row per person.

Who is signed in, who is on a call and for how long, who runs auto-call on which list, and
their calls and answered calls today (``Store.team_board``; on PostgreSQL row-level security
gives an operator only their own line). The board is read again when the live updates say the
store changed (``ui.live_updates``: no polling of its own); the call durations tick locally,
once a second, from the ``on_call_since`` the store gave.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from calllist_desktop.core.phone import format_national
from calllist_desktop.ui.analytics.report_model import format_duration, format_rate
from calllist_desktop.ui.table.columns import QT_TRANSLATE_NOOP

ModelIndex = QModelIndex | QPersistentModelIndex
CONTEXT: Final = "TeamBoard"
COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("name", QT_TRANSLATE_NOOP("TeamBoard", "担当者")),
    ("state", QT_TRANSLATE_NOOP("TeamBoard", "状態")),
    ("duration", QT_TRANSLATE_NOOP("TeamBoard", "通話時間")),
    ("phone", QT_TRANSLATE_NOOP("TeamBoard", "通話先")),
    ("autocall", QT_TRANSLATE_NOOP("TeamBoard", "オートコール")),
    ("calls", QT_TRANSLATE_NOOP("TeamBoard", "今日の発信")),
    ("answered", QT_TRANSLATE_NOOP("TeamBoard", "今日の応答")),
    ("rate", QT_TRANSLATE_NOOP("TeamBoard", "応答率")),
)
DURATION_COLUMN: Final = 2
AUTOCALL_COLUMN: Final = 4
ON_CALL, AUTOCALL, SIGNED_IN, SIGNED_OUT = "on_call", "autocall", "signed_in", "signed_out"
STATE_COLOURS: Final = {ON_CALL: "#1e7b45", AUTOCALL: "#b07800", SIGNED_IN: "#2a6fb0", SIGNED_OUT: "#8a949e"}
STATE_SOURCES: Final = {
    ON_CALL: QT_TRANSLATE_NOOP("TeamBoard", "通話中"),
    AUTOCALL: QT_TRANSLATE_NOOP("TeamBoard", "オートコール中"),
    SIGNED_IN: QT_TRANSLATE_NOOP("TeamBoard", "待機中"),
    SIGNED_OUT: QT_TRANSLATE_NOOP("TeamBoard", "オフライン"),
}


def tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


_DOTS: dict[str, QIcon] = {}


def state_dot(state: str) -> QIcon:
    """A small round dot in the state's colour (made once)."""
    if state not in _DOTS:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATE_COLOURS[state]))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _DOTS[state] = QIcon(pixmap)
    return _DOTS[state]


def state_of(row: Any) -> str:
    if row.on_call_since is not None:
        return ON_CALL
    if not row.signed_in:
        return SIGNED_OUT
    return AUTOCALL if row.autocall_list else SIGNED_IN  # between calls, in the wrap-up, or paused


def state_label(state: str) -> str:
    return tr(STATE_SOURCES[state])


class TeamBoardModel(QAbstractTableModel):
    """The board's rows: people on a call first, then those signed in, then the others, by name.

    :meth:`set_rows` changes rows in place where the people are the same (selection stays),
    :meth:`tick` redraws just the duration cells. ``now`` gives the current time (tests).
    """

    def __init__(self, parent: QObject | None = None, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._now = now or (lambda: datetime.now(UTC))

    def set_rows(self, rows: Sequence[Any]) -> None:
        ranked = {ON_CALL: 0, AUTOCALL: 1, SIGNED_IN: 2, SIGNED_OUT: 3}
        ordered = sorted(rows, key=lambda row: (ranked[state_of(row)], row.display_name, row.login))
        if [row.login for row in ordered] == [row.login for row in self._rows]:
            self._rows = ordered
            if ordered:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ordered) - 1, len(COLUMNS) - 1))
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        logins = [self._rows[index.row()].login if index.row() < len(self._rows) else None for index in before]
        self._rows = ordered
        position = {row.login: number for number, row in enumerate(ordered)}
        after = [
            self.index(position[login], index.column()) if login in position else QModelIndex()
            for login, index in zip(logins, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def on_call_count(self) -> int:
        return sum(1 for row in self._rows if row.on_call_since is not None)

    def tick(self) -> None:
        """A second went by: the call durations move on."""
        for number, row in enumerate(self._rows):
            if row.on_call_since is not None:
                cell = self.index(number, DURATION_COLUMN)
                self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole])

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def duration_seconds(self, row: Any) -> float | None:
        since: datetime | None = row.on_call_since
        if since is None:
            return None
        return max(0.0, (self._now() - since).total_seconds())

    # ---- Qt's model interface -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        state = state_of(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key, state)
        if role == Qt.ItemDataRole.DecorationRole and key == "state":
            return state_dot(state)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("state", "duration"):
            return QColor(STATE_COLOURS[state])
        if role == Qt.ItemDataRole.FontRole and key in ("state", "duration") and state == ON_CALL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            left = key in ("name", "state", "autocall", "phone")
            return int((Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            return row.login
        return None

    def _text(self, row: Any, key: str, state: str) -> str:
        if key == "name":
            return str(row.display_name or row.login)
        if key == "state":
            return state_label(state)
        if key == "duration":
            seconds = self.duration_seconds(row)
            return format_duration(seconds) if seconds is not None else ""
        if key == "phone":
            return format_national(row.call_phone) if row.call_phone and state == ON_CALL else ""
        if key == "autocall":
            return str(row.autocall_list) if row.autocall_list else "—"
        if key == "calls":
            return f"{row.calls_today:,}"
        if key == "answered":
            return f"{row.answered_today:,}"
        return format_rate(row.answered_today / row.calls_today) if row.calls_today else "—"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][1]) if 0 <= section < len(COLUMNS) else None
        return None
