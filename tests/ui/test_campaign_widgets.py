"""The campaign widgets that need no store: the callbacks model, the plan cells and the
「今かけられる」 test, the quick callback times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from calllist_desktop.core.campaign_rules import Hold
from calllist_desktop.core.dial_policy import Refusal
from calllist_desktop.store.campaign_views import CallbackInfo, TargetPlan
from calllist_desktop.ui.campaign.callback_dialog import tomorrow_morning
from calllist_desktop.ui.campaign.callbacks_model import STATE, CallbacksModel
from calllist_desktop.ui.table.plans import dialable_at

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def callback(ident: int, due: datetime) -> CallbackInfo:
    return CallbackInfo(ident, 1, "展示会", "+81312345678", "さくら商事", "長田", "sato", "佐藤", "kanri", due, None, NOW, None)


def plan(hold: Hold | None, next_at: datetime | None = None, **extra: Any) -> TargetPlan:
    values: dict[str, Any] = {"blocked": None, "excluded": False, "callback_due_at": None, "claimed_elsewhere": False}
    values.update(extra)
    return TargetPlan("+81312345678", 1, "no_answer", hold, next_at, **values)


def test_the_callbacks_model_puts_the_soonest_first_and_marks_the_overdue(qtbot: QtBot, qtmodeltester: Any) -> None:
    clock = [NOW]
    model = CallbacksModel(now=lambda: clock[0])
    model.set_callbacks([callback(2, NOW + timedelta(hours=1)), callback(1, NOW - timedelta(minutes=5))])
    qtmodeltester.check(model)
    assert [item.id for item in model.callbacks()] == [1, 2]
    assert model.overdue_count() == 1
    assert model.index(0, STATE).data() == "期限切れ" and model.index(1, STATE).data() == "予定"
    clock[0] = NOW + timedelta(hours=1, minutes=2)
    with qtbot.waitSignal(model.dataChanged):
        model.tick()
    assert model.overdue_count() == 2
    model.set_callbacks([callback(2, NOW + timedelta(hours=1))])  # one removed elsewhere
    assert [item.id for item in model.callbacks()] == [2]
    qtmodeltester.check(model)


def test_callable_now_follows_the_plan_at_the_second_its_time_comes() -> None:
    later = NOW + timedelta(minutes=30)
    assert dialable_at(plan(None, NOW), NOW)
    assert not dialable_at(plan(Hold.RETRY_DELAY, later), later - timedelta(seconds=1))
    assert dialable_at(plan(Hold.RETRY_DELAY, later), later)
    assert not dialable_at(plan(Hold.ENDED), later)
    assert not dialable_at(plan(None, NOW, blocked=Refusal.DO_NOT_CALL), NOW)
    assert not dialable_at(plan(None, NOW, excluded=True), NOW)
    assert not dialable_at(plan(None, NOW, claimed_elsewhere=True), NOW)
    assert not dialable_at(None, NOW)


def test_tomorrow_at_ten_is_local_time() -> None:
    moment = tomorrow_morning(NOW).astimezone()
    assert (moment.hour, moment.minute) == (10, 0)
    assert moment.date() == NOW.astimezone().date() + timedelta(days=1)
