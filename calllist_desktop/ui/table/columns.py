"""The columns of the target tables, and the column sets ("states") each view shows.

A :class:`Column` says how one column looks: its header, the text of a cell, the key it sorts
by, its tooltip and alignment, and whether it is a checkbox. The three column sets are the
operator's 発信先リスト tab, the manager's list table and the contact table (SPEC §4); they are
three states of the one :class:`~calllist_desktop.ui.table.model.RowTableModel`.

Every text shown is translated with Qt (context ``TargetTable``, Japanese source text) when
it is shown, never at import time, so a language switch takes effect on the next paint.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final, NamedTuple, TypeAlias

from PySide6.QtCore import QCoreApplication, Qt

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.core.phone import format_national
from calllist_desktop.store.views import ContactInfo, LastCall, TargetView

from . import plans

Row: TypeAlias = TargetView | ContactInfo
"""A row of a table: a list's target, or a contact (keyed by its E.164 phone either way)."""

CONTEXT: Final = "TargetTable"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``source`` for translation in ``context`` and give it back unchanged.

    What PySide6's own ``QT_TRANSLATE_NOOP`` does, typed: its stub says it returns ``object``.
    ``pyside6-lupdate`` finds the texts by this name.
    """
    return source


def tr(source: str) -> str:
    """``source`` (Japanese) in the language of the installed Qt translators."""
    return QCoreApplication.translate(CONTEXT, source)


# Column keys: stable names for settings, filters and tests.
EXCLUDED: Final = "excluded"
SELECTED: Final = "selected"
ASSIGNEE: Final = "assignee"
COMPANY: Final = "company"
PERSON: Final = "person"
PHONE: Final = "phone"
CATEGORIES: Final = "categories"
LAST_CALL_STATUS: Final = "last_call_status"
LAST_CALL_TYPE: Final = "last_call_type"
LAST_AGENT: Final = "last_agent"
LAST_CALL_AT: Final = "last_call_at"
TARGETED: Final = "targeted"
ATTEMPTS: Final = "attempts"
NEXT_CALLABLE: Final = "next_callable"

# Codes a status or call-type filter uses besides the outcome and direction codes.
NEVER_CALLED: Final = "none"
IN_PROGRESS: Final = "in_progress"

CATEGORY_JOINER: Final = " | "

# The cell vocabulary, marked for lupdate; tests check it matches core's Japanese labels.
OUTCOME_SOURCES: Final[dict[Outcome, str]] = {
    Outcome.ANSWERED: QT_TRANSLATE_NOOP("TargetTable", "応答"),
    Outcome.NO_ANSWER: QT_TRANSLATE_NOOP("TargetTable", "不応答"),
    Outcome.BUSY: QT_TRANSLATE_NOOP("TargetTable", "話中"),
    Outcome.REJECTED: QT_TRANSLATE_NOOP("TargetTable", "拒否"),
    Outcome.INVALID: QT_TRANSLATE_NOOP("TargetTable", "番号不正"),
    Outcome.FAILED: QT_TRANSLATE_NOOP("TargetTable", "失敗"),
    Outcome.CANCELED: QT_TRANSLATE_NOOP("TargetTable", "取消"),
    Outcome.INTERRUPTED: QT_TRANSLATE_NOOP("TargetTable", "中断"),
    Outcome.MISSED: QT_TRANSLATE_NOOP("TargetTable", "不在着信"),
}
DIRECTION_SOURCES: Final[dict[Direction, str]] = {
    Direction.OUTBOUND: QT_TRANSLATE_NOOP("TargetTable", "発信"),
    Direction.INBOUND: QT_TRANSLATE_NOOP("TargetTable", "着信"),
}
IN_PROGRESS_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "通話中")
# The states of a call going on, as the call card and the table (for this client's own call) say them.
CALL_STATE_SOURCES: Final[dict[str, str]] = {
    "preparing": QT_TRANSLATE_NOOP("TargetTable", "発信準備中…"),  # asked for, not on the line yet
    "dialing": QT_TRANSLATE_NOOP("TargetTable", "発信中"),
    "ringing": QT_TRANSLATE_NOOP("TargetTable", "呼出中"),
    "talking": IN_PROGRESS_SOURCE,
    "held": QT_TRANSLATE_NOOP("TargetTable", "保留中"),
    "incoming": QT_TRANSLATE_NOOP("TargetTable", "着信中"),
}
NEVER_CALLED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "未発信")
UNASSIGNED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "未割当")
NO_AGENT_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "（なし）")
TARGETED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "対象")
NOT_TARGETED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "対象外")

# Status sort order: calls going on first, then the outcomes in the order of SPEC §1.
STATUS_RANKS: Final[dict[str, int]] = {IN_PROGRESS: 0} | {
    str(outcome): rank for rank, outcome in enumerate(Outcome, start=1)
}
CALL_TYPE_RANKS: Final[dict[str, int]] = {str(d): rank for rank, d in enumerate(Direction)}

_LEFT: Final = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER: Final = Qt.AlignmentFlag.AlignCenter


class Column(NamedTuple):
    """One column of a target table.

    ``header`` is the Japanese source text, translated by :meth:`header_text` each time the
    header is drawn. ``display`` gives a cell's text; ``sort_key`` a comparable key, ``None``
    for an empty cell (empty cells sort last in either order). ``checked`` makes the column a
    checkbox showing the row's data (the model asks its controller to change it);
    ``selection`` makes it the model's own check column for bulk actions. ``width_em`` is the
    default width in full-width characters; a column that ``fills`` takes the table's free
    width (categories, long and cut off while the last column had the room).
    """

    key: str
    header: str
    display: Callable[[Any], str] | None = None
    sort_key: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    alignment: Qt.AlignmentFlag = _LEFT
    checked: Callable[[Any], bool] | None = None
    selection: bool = False
    width_em: float = 8.0
    fills: bool = False

    @property
    def is_checkbox(self) -> bool:
        return self.checked is not None or self.selection

    def header_text(self) -> str:
        return tr(self.header)


# ---- what the cells say -------------------------------------------------------------------


def fold(text: str) -> str:
    """``text`` as searches and sorts compare it: NFKC (full-width ASCII folded) and casefolded.

    Gives back ``text`` itself when folding changes nothing (most Japanese names), so that sort
    keys of 200,000 rows share the rows' strings instead of holding copies.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return text if folded == text else folded


def text_key(text: str | None) -> str | None:
    return fold(text) if text else None


def national_digits(e164: str) -> str:
    """0312345678 for +81312345678; other countries' digits as their international form shows them."""
    if e164.startswith("+81"):
        return "0" + e164[3:]
    return "".join(ch for ch in format_national(e164) if ch.isdigit())


def last_call_of(row: Row) -> LastCall | None:
    return row.last_call if isinstance(row, TargetView) else None


def is_excluded(row: Row) -> bool:
    return isinstance(row, TargetView) and row.excluded


def status_code(row: Row) -> str:
    """The outcome code of the last call, ``in_progress`` while it goes on, ``none`` if never called."""
    last = last_call_of(row)
    if last is None:
        return NEVER_CALLED
    return IN_PROGRESS if last.outcome is None else str(last.outcome)


def status_label(code: str) -> str:
    if code == NEVER_CALLED:
        return tr(NEVER_CALLED_SOURCE)
    if code == IN_PROGRESS:
        return tr(IN_PROGRESS_SOURCE)
    return outcome_label(Outcome(code))


def call_state_label(state: str) -> str:
    """The word for a call going on in ``state`` (``dialing``, ``ringing``, ``talking``, ``held``,
    ``incoming``; ``preparing`` before the line dials, while the number is checked and its row
    written): the one vocabulary of the call card and the table."""
    return tr(CALL_STATE_SOURCES.get(state, IN_PROGRESS_SOURCE))


def outcome_label(outcome: Outcome) -> str:
    """The label of SPEC §1 (``core.outcomes``) for ``outcome``, in the installed language."""
    return tr(OUTCOME_SOURCES[outcome])


def call_type_code(row: Row) -> str:
    last = last_call_of(row)
    return NEVER_CALLED if last is None else str(last.direction)


def call_type_label(code: str) -> str:
    return tr(NEVER_CALLED_SOURCE) if code == NEVER_CALLED else tr(DIRECTION_SOURCES[Direction(code)])


def agent_login(row: Row) -> str | None:
    last = last_call_of(row)
    return last.agent_login if last is not None else None


def agent_name(row: Row) -> str:
    last = last_call_of(row)
    if last is None:
        return ""
    return last.agent_name or last.agent_login or ""


def assignee_name(row: Row) -> str:
    if isinstance(row, TargetView):
        return row.assignee_name or row.assignee_login or ""
    return row.assignee_login or ""


def _status_text(row: Row) -> str:
    last = last_call_of(row)
    return "" if last is None else status_label(status_code(row))


def _status_key(row: Row) -> int | None:
    return STATUS_RANKS.get(status_code(row))


def _call_type_text(row: Row) -> str:
    last = last_call_of(row)
    return "" if last is None else call_type_label(str(last.direction))


def _call_type_key(row: Row) -> int | None:
    return CALL_TYPE_RANKS.get(call_type_code(row))


def _call_time_text(row: Row) -> str:
    """12/04 10:28 for a call of this year, 2025/12/04 for an older one: the column stays narrow
    enough for the operator's ten columns to fit a 1400-pixel window (the tooltip has it all)."""
    last = last_call_of(row)
    return "" if last is None else short_moment(last.started_at)


def short_moment(moment: datetime) -> str:
    local = moment.astimezone()
    if local.year == datetime.now().astimezone().year:
        return local.strftime("%m/%d %H:%M")
    return local.strftime("%Y/%m/%d")


def _call_time_tooltip(row: Row) -> str | None:
    last = last_call_of(row)
    return None if last is None else last.started_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _call_time_key(row: Row) -> float | None:
    last = last_call_of(row)
    return None if last is None else last.started_at.timestamp()


@functools.lru_cache(maxsize=4096)
def _joined(categories: tuple[str, ...]) -> str:
    """Rows share their category tuples (``store.views.CategoriesDecoder``); cached, they share
    the texts made of them too (a string per row was ~12 MB of 200,000 contacts)."""
    return CATEGORY_JOINER.join(categories)


@functools.lru_cache(maxsize=4096)
def _categories_key(categories: tuple[str, ...]) -> str | None:
    return text_key(_joined(categories))


def _categories_text(row: Row) -> str:
    return _joined(row.categories)


def _categories_tooltip(row: Row) -> str | None:
    return "\n".join(row.categories) if row.categories else None


def _targeted_text(row: Row) -> str:
    return tr(NOT_TARGETED_SOURCE) if is_excluded(row) else tr(TARGETED_SOURCE)


# ---- the columns --------------------------------------------------------------------------

EXCLUDED_COLUMN: Final = Column(
    EXCLUDED,
    QT_TRANSLATE_NOOP("TargetTable", "発信対象外"),
    sort_key=is_excluded,
    checked=is_excluded,
    width_em=1.5,
)
SELECTED_COLUMN: Final = Column(
    SELECTED, QT_TRANSLATE_NOOP("TargetTable", "選択"), selection=True, width_em=3.0
)
COMPANY_COLUMN: Final = Column(
    COMPANY,
    QT_TRANSLATE_NOOP("TargetTable", "取引先会社名"),
    display=lambda row: row.company,
    sort_key=lambda row: text_key(row.company),
    width_em=11.5,
)
PERSON_COLUMN: Final = Column(
    PERSON,
    QT_TRANSLATE_NOOP("TargetTable", "取引先担当者名"),
    display=lambda row: row.person,
    sort_key=lambda row: text_key(row.person),
    width_em=6,
)
PHONE_COLUMN: Final = Column(
    PHONE,
    QT_TRANSLATE_NOOP("TargetTable", "電話番号"),
    display=lambda row: format_national(row.phone),
    sort_key=lambda row: row.phone,  # E.164: for +81 numbers the order of their national digits
    width_em=7.5,
)
CATEGORIES_COLUMN: Final = Column(
    CATEGORIES,
    QT_TRANSLATE_NOOP("TargetTable", "カテゴリー"),
    display=_categories_text,
    sort_key=lambda row: _categories_key(row.categories),
    tooltip=_categories_tooltip,
    width_em=5,
    fills=True,
)
LAST_CALL_STATUS_COLUMN: Final = Column(
    LAST_CALL_STATUS,
    QT_TRANSLATE_NOOP("TargetTable", "最終通話ステータス"),
    display=_status_text,
    sort_key=_status_key,
    alignment=_CENTER,
    width_em=4,
)
LAST_CALL_TYPE_COLUMN: Final = Column(
    LAST_CALL_TYPE,
    QT_TRANSLATE_NOOP("TargetTable", "最終通話種別"),
    display=_call_type_text,
    sort_key=_call_type_key,
    alignment=_CENTER,
    width_em=3,
)
LAST_AGENT_COLUMN: Final = Column(
    LAST_AGENT,
    QT_TRANSLATE_NOOP("TargetTable", "最終担当者"),
    display=agent_name,
    sort_key=lambda row: text_key(agent_name(row)),
    width_em=5.5,
)
LAST_CALL_AT_COLUMN: Final = Column(
    LAST_CALL_AT,
    QT_TRANSLATE_NOOP("TargetTable", "最終通話日時"),
    display=_call_time_text,
    sort_key=_call_time_key,
    tooltip=_call_time_tooltip,
    width_em=6,
)
ASSIGNEE_COLUMN: Final = Column(
    ASSIGNEE,
    QT_TRANSLATE_NOOP("TargetTable", "発信担当者"),
    display=assignee_name,
    sort_key=lambda row: text_key(assignee_name(row)),
    width_em=7,
)
TARGETED_COLUMN: Final = Column(
    TARGETED,
    QT_TRANSLATE_NOOP("TargetTable", "発信対象"),
    display=_targeted_text,
    sort_key=is_excluded,
    width_em=3,
)

# SPEC §9: each target's attempts in this list and when its rules let it be called next.
ATTEMPTS_COLUMN: Final = Column(
    ATTEMPTS,
    QT_TRANSLATE_NOOP("TargetTable", "発信回数"),
    display=plans.attempts_text,
    sort_key=plans.attempts_key,
    alignment=_CENTER,
    width_em=2,
)
NEXT_CALLABLE_COLUMN: Final = Column(
    NEXT_CALLABLE,
    QT_TRANSLATE_NOOP("TargetTable", "次回発信可能"),
    display=plans.next_text,
    sort_key=plans.next_key,
    tooltip=plans.next_tooltip,
    width_em=7,
)

OPERATOR_COLUMNS: Final[tuple[Column, ...]] = (
    EXCLUDED_COLUMN,
    COMPANY_COLUMN,
    PERSON_COLUMN,
    PHONE_COLUMN,
    CATEGORIES_COLUMN,
    LAST_CALL_STATUS_COLUMN,
    LAST_AGENT_COLUMN,
    LAST_CALL_AT_COLUMN,
    ATTEMPTS_COLUMN,
    NEXT_CALLABLE_COLUMN,
)
"""The operator's 発信先リスト tab (SPEC §4, operator view; §9 attempts and next callable)."""

MANAGEMENT_COLUMNS: Final[tuple[Column, ...]] = (
    SELECTED_COLUMN,
    ASSIGNEE_COLUMN,
    COMPANY_COLUMN,
    PERSON_COLUMN,
    PHONE_COLUMN,
    CATEGORIES_COLUMN,
    LAST_CALL_TYPE_COLUMN,
    LAST_CALL_STATUS_COLUMN,
    LAST_AGENT_COLUMN,
    LAST_CALL_AT_COLUMN,
    ATTEMPTS_COLUMN,
    NEXT_CALLABLE_COLUMN,
    TARGETED_COLUMN,
)
"""The manager's list table (SPEC §4, management view), with a check column for bulk actions.

Besides SPEC §4's columns it shows 最終通話ステータス: the call type alone says 発信 on nearly
every row, and what a manager wants to see is how the calls went (issue 13)."""

CONTACT_COLUMNS: Final[tuple[Column, ...]] = (
    COMPANY_COLUMN,
    PERSON_COLUMN,
    PHONE_COLUMN,
    CATEGORIES_COLUMN,
    Column(
        ASSIGNEE,
        QT_TRANSLATE_NOOP("TargetTable", "発信担当者"),
        display=lambda row: row.assignee_login or "",
        sort_key=lambda row: text_key(row.assignee_login),
        width_em=7,
    ),
)
"""The contact table (:class:`ContactInfo` rows): the assignee shown by login."""
