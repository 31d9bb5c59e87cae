"""The team board (issue 15, SPEC §10): presence rows, heartbeats going stale, calls of today,
live news of presence changes; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import text, update

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.models import Presence
from calllist_desktop.store.presence import PRESENCE_TTL, BoardRow
from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import open_watcher
from tests.conftest import csv_bytes, numbered_rows


@pytest.fixture
def team_list(store: Store) -> tuple[int, list[str]]:
    store.add_user("alice", "アリス")
    store.add_user("bob", "ボブ")
    store.add_user("boss", "ボス", role="admin")
    info = store.create_list("展示会")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(4)), assignee="alice").ok
    return info.id, [t.phone for t in store.targets(info.id)]


def board(store: Store) -> dict[str, BoardRow]:
    return {row.login: row for row in store.team_board()}


def local_midnight(store: Store) -> datetime:
    return datetime.combine(store.today(), time(), store.time_zone).astimezone(UTC)


def test_the_board_shows_who_is_signed_in_on_a_call_and_running_autocall(
    store: Store, team_list: tuple[int, list[str]]
) -> None:
    list_id, phones = team_list
    assert not any(row.signed_in for row in store.team_board())
    since = datetime.now(UTC) - timedelta(seconds=42)
    store.set_presence(
        "alice", client="pc-1", call_phone=phones[0], on_call_since=since, autocall_list_id=list_id
    )
    store.set_presence("boss", client="pc-9")
    rows = board(store)
    assert list(rows) == ["alice", "boss", "bob"]  # by display name: アリス, ボス, ボブ
    alice = rows["alice"]
    assert alice.signed_in and alice.call_phone == phones[0] and alice.autocall_list == "展示会"
    assert alice.on_call_since is not None and abs((alice.on_call_since - since).total_seconds()) < 1
    assert alice.stale_at is not None and alice.seen_at is not None
    assert alice.stale_at - alice.seen_at == PRESENCE_TTL
    assert rows["boss"].signed_in and rows["boss"].call_phone is None and rows["boss"].on_call_since is None
    assert not rows["bob"].signed_in and rows["bob"].seen_at is None
    store.set_presence("alice", client="pc-1", autocall_list_id=list_id)  # the call ended
    assert board(store)["alice"].call_phone is None and board(store)["alice"].autocall_list == "展示会"
    store.clear_presence("alice", client="pc-1")
    assert not board(store)["alice"].signed_in and board(store)["alice"].autocall_list is None


def test_a_person_with_two_clients_shows_the_one_on_a_call(
    store: Store, team_list: tuple[int, list[str]]
) -> None:
    list_id, phones = team_list
    store.set_presence("alice", client="laptop")
    store.set_presence("alice", client="desk", call_phone=phones[1], on_call_since=datetime.now(UTC))
    assert board(store)["alice"].call_phone == phones[1]
    store.clear_presence("alice", client="desk")
    assert board(store)["alice"].signed_in, "still signed in on the laptop"
    store.clear_presence("alice")
    assert not board(store)["alice"].signed_in


def test_calls_of_today_count_in_the_stores_time_zone(store: Store, team_list: tuple[int, list[str]]) -> None:
    list_id, phones = team_list
    midnight = local_midnight(store)
    for started, outcome in (
        (midnight - timedelta(seconds=1), Outcome.ANSWERED),  # yesterday, Japan time
        (midnight, Outcome.ANSWERED),
        (midnight + timedelta(seconds=5), Outcome.NO_ANSWER),
    ):
        call = store.start_call(
            phones[0], Direction.OUTBOUND, user="alice", list_id=list_id, started_at=started
        )
        store.finish_call(
            call,
            outcome,
            answered_at=started if outcome is Outcome.ANSWERED else None,
            ended_at=started + timedelta(seconds=2),
        )
    store.start_call(
        phones[1],
        Direction.OUTBOUND,
        user="alice",
        list_id=list_id,
        started_at=midnight + timedelta(seconds=9),
    )
    alice = board(store)["alice"]
    assert (alice.calls_today, alice.answered_today) == (3, 1), "a call going on counts as a call of today"


def test_a_deactivated_user_shows_only_with_calls_today(
    store: Store, team_list: tuple[int, list[str]]
) -> None:
    list_id, phones = team_list
    store.set_user_active("bob", False)
    assert "bob" not in board(store)
    call = store.start_call(
        phones[2], Direction.INBOUND, user="bob", started_at=local_midnight(store) + timedelta(minutes=1)
    )
    store.finish_call(call, Outcome.MISSED)
    assert board(store)["bob"].calls_today == 1


def test_a_client_that_stopped_writing_goes_stale(store: Store, team_list: tuple[int, list[str]]) -> None:
    store.set_presence("alice", client="pc-1")
    assert board(store)["alice"].signed_in
    with store.engine.begin() as connection:
        postgresql = connection.dialect.name == "postgresql"
        if postgresql:  # the guard trigger stamps the server's clock: let the owner set an old time
            connection.execute(text("ALTER TABLE presence DISABLE TRIGGER presence_guard"))
        old = datetime.now(UTC) - PRESENCE_TTL - timedelta(seconds=5)
        connection.execute(update(Presence).values(seen_at=old))
        if postgresql:
            connection.execute(text("ALTER TABLE presence ENABLE TRIGGER presence_guard"))
    assert not board(store)["alice"].signed_in
    store.set_presence("alice", client="pc-1")  # the heartbeat comes back
    assert board(store)["alice"].signed_in


def test_presence_changes_are_live_news_for_the_board_only(
    store_url: str, store: Store, team_list: tuple[int, list[str]]
) -> None:
    other = Store.open(store_url)
    watcher = open_watcher(other.engine)
    try:
        assert not watcher.poll(0.0)
        store.set_presence("alice", client="pc-1")
        changes = watcher.poll(2.0)
        assert changes.presence and not changes.everything and not changes.phones
        store.clear_presence("alice")
        assert watcher.poll(2.0).presence
    finally:
        watcher.close()
        other.close()


def test_presence_goes_with_its_user(store: Store) -> None:
    store.add_user("temp")
    store.set_presence("temp", client="x")
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM users WHERE login = 'temp'"))
        assert connection.scalar(text("SELECT count(*) FROM presence")) == 0
