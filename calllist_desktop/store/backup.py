"""Backups with the database's own tools.

SQLite: the online backup API copies a consistent snapshot page by page while other clients keep
working (copying the file could catch it half-written, and would miss the WAL). PostgreSQL has
``pg_dump`` / ``pg_restore`` for that, which know roles, policies and triggers; this module only
points there (docs/team.md).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from calllist_desktop.store import output
from calllist_desktop.store.errors import StoreError


def store_files(engine: Engine) -> list[Path]:
    """The files of the SQLite store behind ``engine`` (none for PostgreSQL or an in-memory store):
    what no export or backup may overwrite."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return []
    return output.sqlite_files(Path(database).absolute())


def backup(engine: Engine, target: Path) -> Path:
    """Copy the SQLite store behind ``engine`` to ``target`` (replacing it); returns the file written.

    ``target`` follows the rules of :mod:`calllist_desktop.store.output`: never the store itself,
    only a regular file, and a reader never sees a half-written backup.
    """
    if engine.dialect.name != "sqlite":
        raise StoreError(
            "back a PostgreSQL database up with pg_dump -Fc (restore with pg_restore); see docs/team.md",
            "PostgreSQL のバックアップは pg_dump -Fc で (復元は pg_restore)。docs/team.md を参照してください",
        )
    files = store_files(engine)
    if not files or not files[0].exists():
        raise StoreError(f"no database at {engine.url.database}", f"データベースがありません: {engine.url.database}")
    written = output.checked_target(target, files)

    def copy_into(temporary: Path) -> None:
        source = sqlite3.connect(files[0])
        try:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy, pages=1024)
            finally:
                copy.close()
        finally:
            source.close()

    try:
        output.replace_file(written, copy_into)
    except (OSError, sqlite3.Error) as exc:  # the disk is full, the folder read-only
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise StoreError(f"cannot write {target}: {reason}", f"{target} に書き込めません: {reason}") from None
    return written
