"""Shared fixtures: stores on SQLite and (when reachable) PostgreSQL, and CSV builders.

Every store test runs against both databases. PostgreSQL tests skip when no server answers on
127.0.0.1, unless ``CALLLIST_REQUIRE_PG`` is set (CI sets it): then a missing server fails.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from calllist_desktop.core.i18n import set_language
from calllist_desktop.logs import LOG_DIR_VARIABLE
from calllist_desktop.store import database
from calllist_desktop.store.access import group_roles
from calllist_desktop.store.models import Base
from calllist_desktop.store.store import Store

PG_ADMIN_URL = os.environ.get(
    "CALLLIST_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(autouse=True, scope="session")
def _logs_in_a_scratch_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The programs under test (in this process and in the ones it starts) log into a folder of the
    run, not into the user's log folder."""
    saved = os.environ.get(LOG_DIR_VARIABLE)
    os.environ[LOG_DIR_VARIABLE] = str(tmp_path_factory.mktemp("logs"))
    yield
    if saved is None:
        os.environ.pop(LOG_DIR_VARIABLE, None)
    else:
        os.environ[LOG_DIR_VARIABLE] = saved


@pytest.fixture(autouse=True)
def _audio_settings_of_the_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The audio settings file (devices, recordings folder) of the test, never the user's."""
    monkeypatch.setenv("CALLLIST_AUDIO_CONFIG", str(tmp_path / "audio.json"))


@pytest.fixture(autouse=True)
def _no_database_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    """`users add` on PostgreSQL creates a cluster-wide role; tests share one server (and run in
    parallel), so only the tests about roles create them, with names of their own."""
    monkeypatch.setenv("CALLLIST_DB_ROLES", "0")


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Messages in a known language; tests that check Japanese text set it themselves."""
    set_language("en")
    yield
    set_language(None)


def _postgres_reachable() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not here"
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of its own for this test run, dropped at the end."""
    problem = _postgres_reachable()
    if problem is not None:
        if os.environ.get("CALLLIST_REQUIRE_PG"):
            pytest.fail(f"CALLLIST_REQUIRE_PG is set but PostgreSQL is not reachable: {problem}")
        pytest.skip(f"PostgreSQL not reachable: {problem}")
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


def create_postgres_database(prefix: str = "calllist_test") -> str:
    """A new database on the test server, upgraded to the newest schema; its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = database.make_engine(url)
    database.upgrade(engine)
    engine.dispose()
    return url


def drop_postgres_database(url: str) -> None:
    """Drop a database made by :func:`create_postgres_database`, and its own group roles (roles
    are the server's: they outlive the database unless dropped)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            groups = group_roles(connection)
    except Exception:  # noqa: BLE001 - a schema left half-way by a failed test: no groups to drop
        groups = ()
    engine.dispose()
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        for role in groups:
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, up-to-date store: a SQLite file, or the run's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store only, for tests about the embedded store itself."""
    opened = Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield opened
    opened.close()


HEADER = "取引先会社名,取引先担当者名,電話番号,カテゴリー"


def replace(row: Any, **changes: Any) -> Any:
    """A copy of a store view with ``changes``: ``dataclasses.replace`` for the dataclass views, and
    ``_replace`` for the named tuples (``TargetView``, ``LastCall``: built faster, see ``store.views``)."""
    if isinstance(row, tuple):
        return row._replace(**changes)  # type: ignore[attr-defined]
    return dataclasses.replace(row, **changes)


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    """A CSV file from lines (without line ends), CRLF-terminated as Excel writes them."""
    return ("\r\n".join((header, *rows)) + "\r\n").encode(encoding)


def numbered_rows(count: int, start: int = 0, company: str = "株式会社テスト") -> list[str]:
    """``count`` valid rows with distinct Tokyo numbers 03-5xxx-xxxx."""
    return [f"{company}{i},担当 {i},03-{5000 + i // 10000:04d}-{i % 10000:04d},製品A" for i in range(start, start + count)]
