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
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from calllist_desktop.logs import mask, mask_secrets
from calllist_desktop.store.errors import StoreError
from calllist_desktop.store.location import APP_NAME as APP_NAME  # re-exported: the store's place
from calllist_desktop.store.location import SCHEMA_HEAD as SCHEMA_HEAD
from calllist_desktop.store.location import default_database_path as default_database_path
from calllist_desktop.store.location import resolve_database_url as resolve_database_url

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

MIGRATIONS = Path(__file__).parent / "migrations"

SQLITE_BEGIN_OPTION = "calllist_sqlite_begin"
SQLITE_CACHE_KIB = 65536  # the page cache of each connection: a list's last calls stay in memory
SCAN_CACHE_KIB = 2048  # while reading a whole table once (scan_once)
SQLITE_BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another one before giving up
# PostgreSQL: how long to wait for a server to answer a new connection, and TCP keepalives so a
# connection whose server or network vanished without a word is found dead within about a
# minute instead of when the operating system gives up (hours). A URL's own values win.
POSTGRES_CONNECT_ARGS: dict[str, int] = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it badly).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
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


def shown_url(url: str | URL) -> str:
    """``url`` as it may be printed or logged: every password in it masked (``logs.mask_secrets``)."""
    text = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
    return mask_secrets(text)


def parse_url(url: str) -> URL:
    """``url`` parsed, or a :class:`StoreError` that shows it with its password masked."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # no scheme; a port that is not a number
        raise StoreError(
            f"not a database URL: {shown_url(url)}", f"データベースの URL ではありません: {shown_url(url)}"
        ) from exc
    if "@" in (parsed.host or ""):  # user:p@ss@host: the password's tail would be taken for the host
        raise StoreError(
            f"the database URL has more than one '@': write an '@' in the user name or password as %40 "
            f"(better, keep the password in ~/.pgpass): {shown_url(url)}",
            f"データベースの URL に「@」が 2 つ以上あります。ユーザー名やパスワードの「@」は %40 と書いて"
            f"ください (パスワードは ~/.pgpass に置くのが安全です): {shown_url(url)}",
        )
    return parsed


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings the program relies on (foreign keys, WAL on SQLite).

    Statements' parameters are kept out of error messages (``hide_parameters``): a failed
    import's message would otherwise carry its customers' names and numbers to the screen and
    the log.
    """
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).parent
            if not folder.is_dir():
                raise StoreError(
                    f"the folder for the database does not exist: {folder}",
                    f"データベースのフォルダがありません: {folder}",
                )
            if Path(database).exists() and not Path(database).is_file():  # SQLite would put its
                # journal beside a device (/dev/null-journal) or fail obscurely on a folder
                raise StoreError(
                    f"not a CallList store: {database} is not a regular file",
                    f"CallList のデータベースではありません: {database} は通常のファイルではありません",
                )
        engine = create_engine(parsed, json_serializer=_json_text, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        connect_args = {key: value for key, value in POSTGRES_CONNECT_ARGS.items() if key not in parsed.query}
        engine = create_engine(
            parsed,
            pool_pre_ping=True,
            json_serializer=_json_text,
            hide_parameters=True,
            connect_args=connect_args,
        )
    except Exception as exc:  # a missing driver, an unknown dialect
        shown = shown_url(parsed)
        raise StoreError(f"cannot use {shown}: {exc}", f"{shown} を使えません: {exc}") from exc
    # Bulk inserts as multi-row statements (SQLAlchemy's "insertmanyvalues", as it does for
    # psycopg2), not one statement a row: the change log's statement-level triggers (migration
    # 0003) then log an import's thousand targets at once.
    engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


def upsert(connection: Connection, table: Any) -> postgresql.Insert | sqlite.Insert:
    """An ``INSERT`` into ``table`` that can say what a conflict does (``on_conflict_do_update``,
    ``on_conflict_do_nothing``): PostgreSQL and SQLite speak the same upsert, each from its own
    dialect module.

    The dialect is imported here, for a connection of its own kind (whose engine has loaded it
    already): ``sqlalchemy.dialects.postgresql`` loads the dialects of all its drivers, more
    than 5 ms that a SQLite client or a ``calllist`` command would pay at start for nothing
    (``bench/cli_start.py``).
    """
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def store_error(exc: DBAPIError, *, opening: URL | None = None) -> StoreError:
    """What a database failure means to the user, in one line without the data it was about.

    Only the first line of the driver's message is kept (PostgreSQL's DETAIL lines quote rows),
    masked like the log; the whole exception goes to the log file for support. ``opening``: the
    store being opened, when that is what failed.
    """
    reason = mask(" ".join(str(exc.orig).splitlines()[:1]))[:300] or type(exc.orig).__name__
    lowered = reason.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        seconds = SQLITE_BUSY_TIMEOUT_MS // 1000
        return StoreError(
            f"the store is busy: another program is writing to it (waited up to {seconds} s); try again",
            f"データベースが使用中です: 他のプログラムが書き込んでいます (最大 {seconds} 秒待ちました)。もう一度実行してください",
        )
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        where = opening.database if opening is not None else None
        return StoreError(
            f"not a CallList store: {where or 'the file'} is not a SQLite database",
            f"CallList のデータベースではありません: {where or 'ファイル'} は SQLite のデータベースではありません",
        )
    if opening is not None:
        return StoreError(f"cannot open the database: {reason}", f"データベースを開けません: {reason}")
    return StoreError(f"the database failed: {reason}", f"データベースのエラー: {reason}")


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
    # SQLite: the write lock from the start, so that clients opening a new file together queue
    # for it (the second then finds the schema made) instead of failing on a read lock at once.
    config.attributes["engine"] = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
    command.upgrade(config, "head")
