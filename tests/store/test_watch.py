"""The change watcher (store.watch): what another client changed, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import psycopg
import pytest

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import MAX_PHONES, ChangeWatcher, PostgresWatcher, open_watcher
from tests.conftest import _empty_postgres, csv_bytes, numbered_rows
from tests.pg_team import Team, plain_sql


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


def test_changes_are_logged_per_statement(setup: tuple[Store, ChangeWatcher, int, list[str]]) -> None:
    """An import of more numbers than MAX_PHONES logs its list once; a statement that excludes
    three numbers logs three rows (one transaction's on PostgreSQL)."""
    store, watcher, list_id, phones = setup
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM change_log")
    assert store.import_csv(list_id, csv_bytes(*numbered_rows(MAX_PHONES + 10, start=100))).ok
    store.set_excluded(list_id, phones[:3], True)
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT table_name, list_id, phone, xid FROM change_log WHERE table_name = 'targets' ORDER BY id"
        ).all()
    assert rows[0][:3] == ("targets", list_id, None), "the import: its list, once"
    assert sorted((lid, p) for _, lid, p, _ in rows[1:]) == [(list_id, phone) for phone in sorted(phones[:3])]
    if store.engine.dialect.name == "postgresql":
        assert len({xid for *_, xid in rows[1:]}) == 1


@pytest.mark.postgres
def test_a_change_committed_after_a_later_one_is_still_reported(postgres_url: str) -> None:
    """Log ids are taken before commit: a transaction holding a lower id that commits after the
    watcher read a higher one must still be seen (by its transaction id)."""
    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    info = store.create_list("遅い")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(2))).ok
    first, second = [t.phone for t in store.targets(info.id)]
    watcher = open_watcher(store.engine)
    try:
        with plain_sql(postgres_url) as slow:
            slow.execute("BEGIN")
            slow.execute("UPDATE targets SET excluded = true WHERE phone = %s", (first,))
            store.set_excluded(info.id, [second], True)
            assert watcher.poll(2.0).phones_for(info.id) == {second}
            slow.execute("COMMIT")
        assert watcher.poll(2.0).phones_for(info.id) == {first}
        assert not watcher.poll(0.5), "reported once"
    finally:
        watcher.close()
        store.close()


@pytest.mark.postgres
def test_notifications_carry_no_numbers_and_each_operator_reads_only_their_own(team: Team) -> None:
    owner = Store.open(team.admin_url)
    alice = Store.open(team.url_as(team.alice))
    alices = open_watcher(alice.engine)
    try:
        with plain_sql(team.admin_url) as sql:
            start = sql.execute("SELECT max(id) FROM change_log").fetchone()[0]  # type: ignore[index]
        with team.plain(team.bob) as bob:
            bob.execute("LISTEN calllist_changes")
            owner.set_excluded(team.list_id, team.alice_phones[:1], True)
            owner.set_assignee(team.list_id, team.alice_phones[1:2], team.bob)  # alice's number goes to bob
            payloads = [n.payload for n in bob.notifies(timeout=2.0, stop_after=2)]
            assert len(payloads) == 2 and all(p.isdigit() and "81" not in p for p in payloads), payloads
            seen_by_bob = {r[0] for r in bob.execute("SELECT phone FROM change_log WHERE id > %s", (start,))}
            assert seen_by_bob == {team.alice_phones[1]}, "only the number that is his now"
            for forged in (
                "INSERT INTO change_log (table_name, list_id, phone) VALUES ('contacts', NULL, NULL)",
                "DELETE FROM change_log",
                "UPDATE change_log SET phone = NULL",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    bob.execute(forged)
        changes = alices.poll(2.0)
        while more := alices.poll(0.3):
            changes.phones.update(more.phones)
        assert changes.phones_for(team.list_id) == set(team.alice_phones[:2]), "the one given away too"
    finally:
        alices.close()
        alice.close()
        owner.close()


@pytest.mark.postgres
def test_forged_notifications_cost_at_most_one_read_per_interval(team: Team) -> None:
    """2,000 notifications from another operator's role: a bounded number of small reads, no
    change reported; a real change still comes through."""
    alice = Store.open(team.url_as(team.alice))
    watcher = open_watcher(alice.engine)
    assert isinstance(watcher, PostgresWatcher)
    sent = threading.Event()

    def flood() -> None:
        with team.plain(team.bob) as bob:
            for index in range(2000):
                bob.execute(f"""NOTIFY calllist_changes, '{{"t": "call_lists", "l": {index}, "p": null}}'""")
        sent.set()

    try:
        began = time.monotonic()
        sender = threading.Thread(target=flood)
        sender.start()
        while not sent.is_set() or time.monotonic() - began < 1.0:
            assert not watcher.poll(0.05)
        sender.join()
        assert not watcher.poll(0.5)
        elapsed = time.monotonic() - began
        assert 1 <= watcher.reads <= elapsed / watcher.MIN_READ_INTERVAL + 2, (watcher.reads, elapsed)
        owner = Store.open(team.admin_url)
        owner.set_excluded(team.list_id, team.alice_phones[:1], True)
        owner.close()
        assert watcher.poll(2.0).phones_for(team.list_id) == set(team.alice_phones[:1])
    finally:
        watcher.close()
        alice.close()


@pytest.mark.postgres
def test_a_new_watcher_does_not_report_what_was_logged_before_it(postgres_url: str) -> None:
    """Even while an older transaction elsewhere on the server holds back the xmin (so the log's
    recent rows are looked at again), what was committed before the watcher opened is no news."""
    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    try:
        with plain_sql(postgres_url) as old:
            old.execute("BEGIN")
            old.execute("SELECT pg_current_xact_id()")  # a transaction with an id, left open
            info = store.create_list("前から")
            assert store.import_csv(info.id, csv_bytes(*numbered_rows(2))).ok
            watcher = open_watcher(store.engine)
            try:
                assert not watcher.poll(0.5)
                store.set_excluded(info.id, [store.targets(info.id)[0].phone], True)
                assert watcher.poll(2.0).phones_for(info.id) == {store.targets(info.id)[0].phone}
            finally:
                watcher.close()
            old.execute("ROLLBACK")
    finally:
        store.close()


def test_an_overwrite_import_shows_every_changed_contact(
    setup: tuple[Store, ChangeWatcher, int, list[str]],
) -> None:
    """Overwriting existing contacts (one UPDATE ... FROM per chunk) still names each number."""
    store, watcher, list_id, phones = setup
    assert store.import_csv(list_id, csv_bytes(*numbered_rows(5, company="別会社")), assignee="tanaka").ok
    changes = watcher.poll(2.0)
    while more := watcher.poll(0.2):
        for key, value in more.phones.items():
            changes.phones.setdefault(key, set()).update(value)
        changes.contacts |= more.contacts
    assert changes.contacts
    assert changes.phones_for(999) == set(phones)
    assert {t.company for t in store.targets(list_id)} == {f"別会社{i}" for i in range(5)}


@pytest.mark.postgres
def test_an_overwrite_import_logs_per_statement_not_per_row(postgres_url: str) -> None:
    """Re-importing 2,000 existing numbers (new names, a new assignee) writes a handful of
    change_log rows, not one per number: the statement triggers fire once per UPDATE."""
    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    try:
        store.add_user("sato")
        info = store.create_list("再取込")
        assert store.import_csv(info.id, csv_bytes(*numbered_rows(2000))).ok
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM change_log")
        result = store.import_csv(info.id, csv_bytes(*numbered_rows(2000, company="別会社")), assignee="sato")
        assert result.ok
        with store.engine.connect() as connection:
            logged = connection.exec_driver_sql("SELECT count(*) FROM change_log").scalar_one()
        assert 1 <= logged <= 10, f"{logged} change_log rows for one overwrite import"
        assert {t.company for t in store.targets(info.id)} == {f"別会社{i}" for i in range(2000)}
    finally:
        store.close()
