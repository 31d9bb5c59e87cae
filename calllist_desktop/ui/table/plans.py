"""What the tables say of a target's standing under its list's rules (SPEC §9): its attempts,
when it can next be called, and whether it is blocked, from the ``TargetPlan`` the store read
with it (``TargetView.plan``; ``None`` until that read).

The evaluation is the store's and the core's (``store.campaign.target_plans``, the one the
auto-call claim uses); here are only its words, its sort keys and the 「今かけられる」 test.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QCoreApplication

from calllist_desktop.store.views import ContactInfo, TargetView

if TYPE_CHECKING:
    from calllist_desktop.store.store import Store

log = logging.getLogger(__name__)

CONTEXT: Final = "TargetTable"

def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``source`` for translation (typed, as in ``columns``, which imports this module)."""
    return source


NOW_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "今すぐ")
BLOCKED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "発信禁止")
ENDED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "完了")
ATTEMPTS_USED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "上限到達")
IN_CALL_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "通話中")
CLAIMED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "他の端末で発信中")
EXCLUDED_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "対象外")
CALLBACK_SOURCE: Final = QT_TRANSLATE_NOOP("TargetTable", "再架電 {0}")
BLOCKED_TIP: Final = QT_TRANSLATE_NOOP("TargetTable", "この番号は発信禁止です。誰も発信できません。")
TIME_HOLDS: Final = frozenset({"retry_delay", "outside_hours"})
PLAN_TABLES: Final = frozenset({"list_rules", "do_not_call", "callbacks", "dispositions", "store_settings"})
"""Tables whose changes (live updates) may change every target's plan: the list is read again."""


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def plan_of(row: TargetView | ContactInfo) -> Any:
    return row.plan if isinstance(row, TargetView) else None


def is_blocked(row: TargetView | ContactInfo) -> bool:
    plan = plan_of(row)
    return plan is not None and plan.blocked is not None


def attempts_text(row: TargetView | ContactInfo) -> str:
    plan = plan_of(row)
    return "" if plan is None else str(plan.attempts)


def attempts_key(row: TargetView | ContactInfo) -> int | None:
    plan = plan_of(row)
    return None if plan is None else int(plan.attempts)


def moment_text(moment: datetime) -> str:
    """10:30 today, 12/07 10:30 another day (local time)."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%m/%d %H:%M")


def next_text(row: TargetView | ContactInfo) -> str:
    """次回発信可能: 今すぐ, a time, or why never (完了, 上限到達, 発信禁止 ...)."""
    plan = plan_of(row)
    if plan is None:
        return ""
    if plan.blocked is not None:
        return _tr(BLOCKED_SOURCE)
    if plan.excluded:
        return _tr(EXCLUDED_SOURCE)
    hold = None if plan.hold is None else str(plan.hold)
    if hold is None and plan.callback_due_at is not None:
        return _tr(CALLBACK_SOURCE).format(moment_text(plan.callback_due_at))
    if hold is None:
        return _tr(CLAIMED_SOURCE) if plan.claimed_elsewhere else _tr(NOW_SOURCE)
    if hold in TIME_HOLDS and plan.next_at is not None:
        return moment_text(plan.next_at)
    if hold == "in_progress":
        return _tr(IN_CALL_SOURCE)
    if hold == "attempts":
        return _tr(ATTEMPTS_USED_SOURCE)
    return _tr(ENDED_SOURCE)


def next_key(row: TargetView | ContactInfo) -> float | None:
    """Sooner first; never-again (and unknown) last."""
    plan = plan_of(row)
    if plan is None or plan.blocked is not None or plan.excluded:
        return None
    if plan.hold is None:
        return 0.0
    if str(plan.hold) in TIME_HOLDS and plan.next_at is not None:
        return float(plan.next_at.timestamp())
    return None


def next_tooltip(row: TargetView | ContactInfo) -> str | None:
    plan: Any = plan_of(row)
    if plan is None:
        return None
    if plan.blocked is not None:
        return _tr(BLOCKED_TIP)
    if plan.next_at is not None and str(plan.hold or "") in TIME_HOLDS:
        return str(plan.next_at.astimezone().strftime("%Y-%m-%d %H:%M"))
    return None


def dialable_at(plan: Any, now: datetime) -> bool:
    """What auto-call would dial at ``now``, by the plan read a moment ago: dialable then, or
    held only by time (a retry delay, the calling hours) until a moment that has come."""
    if plan is None or plan.blocked is not None or plan.excluded or plan.claimed_elsewhere:
        return False
    if plan.hold is None:
        return True
    return str(plan.hold) in TIME_HOLDS and plan.next_at is not None and plan.next_at <= now


def with_plans(
    store: Store,
    list_id: int,
    rows: list[TargetView],
    *,
    user: str | None = None,
    phones: list[str] | None = None,
    now: datetime | None = None,
) -> list[TargetView]:
    """``rows`` of ``list_id`` with their plans at ``now`` (one more read; run it off the GUI
    thread with the rows' own). ``user``: whose callbacks count. A failed read leaves the plans out (the
    table then shows no attempts) rather than the rows."""
    from calllist_desktop.store.errors import StoreError

    try:
        plans = store.target_plans(list_id, user=user, phones=phones, now=now)
    except StoreError as exc:
        log.warning("target plans: %s", exc)
        return rows
    return [row._replace(plan=plans.get(row.phone)) for row in rows]


def replanned_rows(rows_of: Callable[[str], object], plans: dict[str, Any]) -> list[TargetView]:
    """The held rows (``rows_of``: a model's ``row_of_key``) whose plan differs from ``plans``,
    with the new one: what a precise update after a re-read of the plans changes."""
    changed = []
    for phone, plan in plans.items():
        row = rows_of(phone)
        if isinstance(row, TargetView) and row.plan != plan:
            changed.append(row._replace(plan=plan))
    return changed
