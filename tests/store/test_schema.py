"""Schema migrations: a new store is created at the newest revision, and the models match it."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from calllist_desktop.store import database, location
from calllist_desktop.store.errors import SchemaOutdated, StoreError
from calllist_desktop.store.models import Base
from calllist_desktop.store.store import Store


def test_the_known_head_is_alembics_head() -> None:
    head = ScriptDirectory(str(database.MIGRATIONS)).get_current_head()
    assert head == database.SCHEMA_HEAD, "store.location.schema_head reads the scripts differently from Alembic"


def _script(folder: Path, revision: str, down: str) -> None:
    (folder / f"{revision}_x.py").write_text(
        f'"""Revision ID: {revision}"""\n\nrevision = "{revision}"\ndown_revision = {down}\n', encoding="utf-8"
    )


def test_the_head_is_the_one_revision_no_script_revises_and_a_fork_is_refused(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    _script(tmp_path, "0001", "None")
    _script(tmp_path, "0002", '"0001"')
    assert location.schema_head(tmp_path) == "0002"
    _script(tmp_path, "0003", '"0001"')  # a second chain from 0001: two heads
    with pytest.raises(RuntimeError, match="2 heads"):
        location.schema_head(tmp_path)
    _script(tmp_path, "0004", '("0002", "0003")')  # a merge joins them
    assert location.schema_head(tmp_path) == "0004"


def test_a_new_store_is_at_the_newest_revision(store: Store) -> None:
    assert database.current_revision(store.engine) == database.head_revision()


def test_the_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_opening_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.sqlite3'}"
    first = Store.open(url)
    first.add_user("sato")
    first.close()
    second = Store.open(url)
    assert [u.login for u in second.users()] == ["sato"]
    second.close()


def test_a_plain_path_is_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.sqlite3"
    assert database.resolve_database_url(str(path)) == f"sqlite:///{path}"
    Store.open(str(path)).close()
    assert path.exists()


def test_the_environment_names_the_store_when_no_url_is_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CALLLIST_DB", str(tmp_path / "env.sqlite3"))
    assert database.resolve_database_url(None) == f"sqlite:///{tmp_path / 'env.sqlite3'}"
    assert database.resolve_database_url("sqlite:///other.sqlite3") == "sqlite:///other.sqlite3"


def test_the_default_store_lives_in_the_user_data_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CALLLIST_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = database.resolve_database_url(None)
    assert url == f"sqlite:///{tmp_path / 'data' / 'CallList Desktop' / 'calllist.sqlite3'}"
    assert (tmp_path / "data" / "CallList Desktop").is_dir()


def test_bad_locations_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite3'}")
    with pytest.raises(StoreError):
        Store.open("nosuchdialect://x")


@pytest.mark.postgres
def test_a_server_on_an_older_schema_says_so(postgres_url: str) -> None:
    engine = database.make_engine(postgres_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'old'")
    try:
        with pytest.raises(SchemaOutdated, match="calllist db upgrade"):
            Store.open(postgres_url)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{database.head_revision()}'")
        engine.dispose()


def test_a_store_at_0001_with_data_is_upgraded_to_team_mode(store: Store) -> None:
    """An existing store (SQLite file or server) gets 0002 without losing anything, and its
    triggers work at once: a claim, a revision, a change the watcher sees."""
    from alembic import command
    from alembic.config import Config

    from calllist_desktop.core.claims import ClaimResult
    from calllist_desktop.store.watch import open_watcher
    from tests.conftest import csv_bytes, numbered_rows

    config = Config()
    config.set_main_option("script_location", str(database.MIGRATIONS))
    config.attributes["engine"] = store.engine
    command.downgrade(config, "0001")
    assert database.current_revision(store.engine) == "0001"
    with store.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO users (login, display_name, role, autocall_enabled) VALUES ('sato', 'sato', 'operator', true)")
        connection.exec_driver_sql("INSERT INTO call_lists (name) VALUES ('old')")
    database.upgrade(store.engine)
    assert database.current_revision(store.engine) == database.head_revision()
    info = store.list_by_name("old")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(2)), assignee="sato").ok
    watcher = open_watcher(store.engine)
    phone = store.targets(info.id)[0].phone
    assert store.claim_target(info.id, phone, user="sato", holder="a", ttl=60) == ClaimResult.CLAIMED
    store.set_excluded(info.id, [phone], True)
    assert store.targets(info.id)[0].revision == 1
    assert watcher.poll(2.0).phones_for(info.id) == {phone}
    watcher.close()
