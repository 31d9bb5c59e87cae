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

from calllist_desktop.store.errors import StoreError


def backup(engine: Engine, target: Path) -> Path:
    """Copy the SQLite store behind ``engine`` to ``target`` (replacing it); returns the path."""
    if engine.dialect.name != "sqlite":
        raise StoreError(
            "back a PostgreSQL database up with pg_dump -Fc (restore with pg_restore); see docs/team.md",
            "PostgreSQL のバックアップは pg_dump -Fc で (復元は pg_restore)。docs/team.md を参照してください",
        )
    source_path = engine.url.database
    if not source_path or source_path == ":memory:" or not Path(source_path).exists():
        raise StoreError(f"no database at {source_path}", f"データベースがありません: {source_path}")
    target = target.expanduser().absolute()
    if target == Path(source_path).absolute():
        raise StoreError("the backup cannot replace the store itself", "バックアップ先が元のデータベースと同じです")
    if not target.parent.is_dir():
        raise StoreError(f"the folder does not exist: {target.parent}", f"フォルダがありません: {target.parent}")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(source_path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy, pages=1024)
        finally:
            copy.close()
    finally:
        source.close()
    partial.replace(target)  # a reader never sees a half-written backup
    return target
