"""Where the store lives, decided without SQLAlchemy (the desktop client's first paint needs it early).

``store.database`` re-exports these; they are here so that the client can find its SQLite file
and read it with the standard library before SQLAlchemy (about 250 ms to import) is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from calllist_desktop.logs import mask_secrets
from calllist_desktop.store.errors import StoreError

APP_NAME = "CallList Desktop"

# The newest revision in migrations/versions. Kept here so that opening an up-to-date store
# needs no Alembic at all (importing it cost ~100 ms and 17 MB at every start), and so that the
# first-paint read can tell a store it understands; tests/store/test_schema.py checks it against
# Alembic's own view of the scripts.
SCHEMA_HEAD = "0005"


def default_database_path() -> Path:
    """The SQLite file in the user's data directory (platformdirs)."""
    from platformdirs import user_data_dir  # only when no store is named: 5 ms of imports

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "calllist.sqlite3"


def resolve_database_url(explicit: str | None = None) -> str:
    """The store to open: ``explicit`` if given, else ``$CALLLIST_DB``, else the default SQLite file.

    A value without ``://`` is taken as the path of a SQLite file, so users can type a path.
    """
    if explicit is not None and not explicit.strip():  # `--db ""`: a mistake, not "the default"
        raise StoreError(
            "the database URL or file is empty: name a store, or leave --db out for the default one",
            "データベースの URL かファイルが空です。指定するか、既定のものを使うなら --db を省いてください",
        )
    value = explicit or os.environ.get("CALLLIST_DB") or ""
    _check_text(value)
    if not value:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().absolute()}"
    return value


def _check_text(value: str) -> None:
    """Refuse a name that is not valid UTF-8 (bytes Python kept as surrogates: ``s\\xff.db``)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = mask_secrets(value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))
        raise StoreError(
            f"the database URL or file is not valid UTF-8: {shown}",
            f"データベースの URL かファイル名が UTF-8 として正しくありません: {shown}",
        ) from None


def sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL, or ``None`` for anything else.

    Other dialects, drivers (``sqlite+pysqlite``), in-memory stores and URLs with query
    options go the normal way, through SQLAlchemy.
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = unquote(url[len(prefix) :])
    if not path or path == ":memory:":
        return None
    return Path(path)
