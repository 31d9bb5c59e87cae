"""Settings of the whole store (``store_settings``, migration 0005): shared by every client,
followed live, and written by managers only — tried as an operator would on PostgreSQL."""

from __future__ import annotations

import psycopg
import pytest

from calllist_desktop.store.errors import PermissionDenied
from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import open_watcher
from tests.pg_team import Team, plain_sql


def test_a_setting_is_none_until_set_then_keeps_its_json_type(store: Store) -> None:
    store.add_user("kanri", role="admin")
    assert store.store_setting("recording") is None
    store.set_store_setting("recording", True, by="kanri")
    store.set_store_setting("allowed_numbers", {"premium": False, "international": ["+1"]})
    assert store.store_setting("recording") is True
    assert store.store_setting("allowed_numbers") == {"premium": False, "international": ["+1"]}
    store.set_store_setting("recording", False)  # an upsert, not a second row
    assert store.store_setting("recording") is False


def test_a_key_must_be_named(store: Store) -> None:
    for key in ("", "k" * 101):
        with pytest.raises(ValueError):
            store.set_store_setting(key, 1)


def test_another_client_learns_of_a_change_without_a_full_reread(store_url: str, store: Store) -> None:
    other = Store.open(store_url)
    watcher = open_watcher(other.engine)
    try:
        assert not watcher.poll(0.0)
        store.set_store_setting("recording", True)
        changes = watcher.poll(2.0)
        assert changes.tables == {"store_settings"}
        assert not changes.everything and not changes.lists and not changes.phones
        assert other.store_setting("recording") is True
    finally:
        watcher.close()
        other.close()


@pytest.mark.postgres
def test_an_operator_reads_settings_but_cannot_write_them(team: Team) -> None:
    owner = Store.open(team.admin_url)
    alice = Store.open(team.url_as(team.alice))
    boss = Store.open(team.url_as(team.boss))
    try:
        owner.set_store_setting("recording", False)
        with pytest.raises(PermissionDenied):
            alice.set_store_setting("recording", True, by=team.alice)
        with pytest.raises(PermissionDenied):
            alice.set_store_setting("something_new", 1)
        with team.plain(team.alice) as sql:
            for attack in (
                "UPDATE store_settings SET value = 'true' WHERE key = 'recording'",
                "INSERT INTO store_settings (key, value) VALUES ('x', '1')",
                "DELETE FROM store_settings",
                "TRUNCATE store_settings",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    sql.execute(attack)
            assert sql.execute("SELECT value FROM store_settings WHERE key = 'recording'").fetchone() == (False,)
        boss.set_store_setting("recording", True, by=team.boss)
        assert alice.store_setting("recording") is True
        with plain_sql(team.admin_url) as sql:
            row = sql.execute("SELECT u.login FROM store_settings s JOIN users u ON u.id = s.updated_by").fetchone()
        assert row == (team.boss,)
    finally:
        for client in (owner, alice, boss):
            client.close()


@pytest.mark.postgres
def test_an_operator_sees_the_change_of_a_setting_live(team: Team) -> None:
    alice = Store.open(team.url_as(team.alice))
    watcher = open_watcher(alice.engine)
    owner = Store.open(team.admin_url)
    try:
        owner.set_store_setting("recording", True)
        changes = watcher.poll(2.0)
        assert "store_settings" in changes.tables
    finally:
        watcher.close()
        alice.close()
        owner.close()
