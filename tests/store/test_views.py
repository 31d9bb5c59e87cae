"""Building target views from raw rows: the people named by id, a user not known is nobody."""

from __future__ import annotations

from datetime import UTC, datetime

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.views import People, target_views

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_people_name_ids_and_nobody_for_none_or_an_unknown_id() -> None:
    people = People([(1, "sato", "佐藤 美咲")])
    assert people[1] == ("sato", "佐藤 美咲")
    assert people[None] == (None, None)
    assert people[7] == (None, None)  # a user gone since the read


def test_target_views_name_the_assignee_and_the_agent() -> None:
    people = People([(1, "sato", "佐藤 美咲"), (2, "tanaka", "田中 一郎")])
    rows = [
        ("+81312345678", 0, 0, "山田商事", "山田 太郎", '["製品A"]', 1, "outbound", "answered", AT, 2, 3),
        ("+819012345678", 1, 1, "東京工業", "", None, None, None, None, None, None, 0),
        ("+81612345678", 2, 0, "大阪物産", "", '["製品A"]', 1, "inbound", None, AT, 9, 0),
    ]
    first, second, third = target_views(5, rows, people)
    assert (first.list_id, first.assignee_login, first.assignee_name, first.categories) == (5, "sato", "佐藤 美咲", ("製品A",))
    assert first.last_call is not None
    assert (first.last_call.direction, first.last_call.outcome) == (Direction.OUTBOUND, Outcome.ANSWERED)
    assert (first.last_call.agent_login, first.last_call.agent_name, first.last_call.started_at) == ("tanaka", "田中 一郎", AT)
    assert (second.excluded, second.assignee_login, second.last_call, second.categories) == (True, None, None, ())
    assert third.last_call is not None and third.last_call.outcome is None and third.last_call.agent_login is None
    assert third.categories is first.categories  # one tuple per distinct stored text
