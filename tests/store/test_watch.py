"""The change watcher (store.watch): what another client changed, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import MAX_PHONES, ChangeWatcher, open_watcher
from tests.conftest import _empty_postgres, csv_bytes, numbered_rows


@pytest.fixture
def setup(store_url: str, store: Store) -> Iterator[tuple[Store, ChangeWatcher, int, list[str]]]:
    store.add_user("sato")
    store.add_user("tanaka")
    info = store.create_list("展示会")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(5)), assignee="sato").ok
    phones = [t.phone for t in store.targets(info.id)]
    other = Store.open(store_url)  # the watching client
    watcher = open_watcher(other.engine)
    assert not watcher.poll(0.0)
    yield store, watcher, info.id, phones
    watcher.close()
    other.close()


def test_nothing_changed_is_empty(setup: tuple[Store, ChangeWatcher, int, list[str]]) -> None:
    _, watcher, _, _ = setup
    assert not watcher.poll(0.1)


def test_an_exclusion_names_its_list_and_phone(setup: tuple[Store, ChangeWatcher, int, list[str]]) -> None:
    store, watcher, list_id, phones = setup
    store.set_excluded(list_id, phones[:1], True)
    changes = watcher.poll(2.0)
    assert changes.phones_for(list_id) == {phones[0]}
    assert changes.phones_for(list_id + 1) == set()
    assert not watcher.poll(0.0), "reported once"


def test_a_call_and_an_assignee_change_name_the_phone_in_every_list(setup: tuple[Store, ChangeWatcher, int, list[str]]) -> None:
    store, watcher, list_id, phones = setup
    call = store.start_call(phones[1], Direction.OUTBOUND, user="sato", list_id=list_id)
    store.finish_call(call, Outcome.BUSY)
    store.set_assignee(list_id, phones[2:3], "tanaka")
    changes = watcher.poll(2.0)
    for _ in range(5):  # PostgreSQL delivers per commit; collect the three transactions
        more = watcher.poll(0.2)
        for key, value in more.phones.items():
            changes.phones.setdefault(key, set()).update(value)
        changes.contacts |= more.contacts
    assert changes.phones_for(999) == {phones[1], phones[2]}
    assert changes.contacts


def test_lists_created_renamed_and_deleted_are_reported(setup: tuple[Store, ChangeWatcher, int, list[str]]) -> None:
    store, watcher, list_id, _ = setup
    store.rename_list("展示会", "展示会2")
    changes = watcher.poll(2.0)
    assert changes.lists and changes.phones_for(list_id) is None
    store.delete_list("展示会2")
    changes = watcher.poll(2.0)
    assert changes.lists


def test_a_big_import_asks_for_a_full_reread(setup: tuple[Store, ChangeWatcher, int, list[str]]) -> None:
    store, watcher, list_id, _ = setup
    assert store.import_csv(list_id, csv_bytes(*numbered_rows(MAX_PHONES + 10, start=100))).ok
    changes = watcher.poll(2.0)
    while more := watcher.poll(0.2):
        changes.everything |= more.everything
        changes.reload_lists |= more.reload_lists
    assert changes.phones_for(list_id) is None


def test_sqlite_watcher_behind_the_pruned_log_reloads_everything(sqlite_store: Store) -> None:
    watcher = open_watcher(sqlite_store.engine)
    with sqlite_store.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO change_log (id, table_name, list_id, phone) VALUES (50000, 'targets', 1, '+81312345678')")
    assert watcher.poll(0.5).everything
    watcher.close()


@pytest.mark.postgres
def test_postgres_watcher_survives_a_dropped_connection(postgres_url: str) -> None:
    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    watcher = open_watcher(store.engine)
    try:
        pid = watcher._connection.info.backend_pid  # type: ignore[attr-defined]
        with store.engine.begin() as connection:
            connection.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
        assert watcher.poll(1.0).everything, "a lost connection may have lost notifications"
        watcher._next_try = 0.0  # type: ignore[attr-defined]  # (no waiting for the retry in a test)
        assert watcher.poll(0.0).everything  # reconnected: views re-read once
        store.create_list("後で")
        assert watcher.poll(2.0).lists
    finally:
        watcher.close()
        store.close()
