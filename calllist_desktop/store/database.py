"""Where the store lives and how its schema is brought up to date.

The engine is made by a function, never at import time. SQLite (the default, one person) is
upgraded to the newest schema whenever it is opened; a shared PostgreSQL database is upgraded
on purpose with ``calllist db upgrade``, and a client finding an older schema says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.location import APP_NAME as APP_NAME  # re-exported: the store's place
from calllist_desktop.store.location import SCHEMA_HEAD as SCHEMA_HEAD
from calllist_desktop.store.location import default_database_path as default_database_path
from calllist_desktop.store.location import resolve_database_url as resolve_database_url

MIGRATIONS = Path(__file__).parent / "migrations"

SQLITE_BEGIN_OPTION = "calllist_sqlite_begin"
SQLITE_CACHE_KIB = 65536  # the page cache of each connection: a list's last calls stay in memory
SCAN_CACHE_KIB = 2048  # while reading a whole table once (scan_once)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it badly).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def _json_text(value: Any) -> str:
    """JSON with Japanese kept as it is (readable in the database, a third of the size)."""
    return json.dumps(value, ensure_ascii=False)


def _sqlite_begin(connection: Connection) -> None:
    # A writing transaction takes the write lock at once (BEGIN IMMEDIATE), so two writers queue
    # on busy_timeout instead of one failing half-way when it tries to upgrade a read lock.
    mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def scan_once(connection: Connection) -> Iterator[None]:
    """Around a read of a whole table that will not be read again soon (every contact).

    On SQLite the connection's page cache is kept small meanwhile: the 200,000 contacts would
    fill it with the whole table (30 MB), which the pooled connection would keep, and the
    memory freed when it shrank afterwards stayed with the process.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size=-{SCAN_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings the program relies on (foreign keys, WAL on SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {url!r}", f"データベースの URL ではありません: {url!r}"
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).parent
            if not folder.is_dir():
                raise StoreError(
                    f"the folder for the database does not exist: {folder}",
                    f"データベースのフォルダがありません: {folder}",
                )
        engine = create_engine(parsed, json_serializer=_json_text)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        engine = create_engine(parsed, pool_pre_ping=True, json_serializer=_json_text)
    except Exception as exc:  # a missing driver, an unknown dialect
        shown = parsed.render_as_string(hide_password=True)
        raise StoreError(f"cannot use {shown}: {exc}", f"{shown} を使えません: {exc}") from exc
    # Bulk inserts as multi-row statements (SQLAlchemy's "insertmanyvalues", as it does for
    # psycopg2), not one statement a row: the change log's statement-level triggers (migration
    # 0003) then log an import's thousand targets at once.
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


def head_revision() -> str:
    """The newest schema revision this program knows."""
    return SCHEMA_HEAD


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or ``None`` for an empty one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Apply every migration the database lacks (Alembic ``upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    command.upgrade(config, "head")
