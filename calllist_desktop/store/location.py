"""Where the store lives, decided without SQLAlchemy (the desktop client's first paint needs it early).

``store.database`` re-exports these; they are here so that the client can find its SQLite file
and read it with the standard library before SQLAlchemy is loaded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from calllist_desktop.logs import mask_secrets
from calllist_desktop.store.errors import StoreError

APP_NAME = "CallList Desktop"

MIGRATION_SCRIPTS = Path(__file__).parent / "migrations" / "versions"

_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def schema_head(scripts: Path = MIGRATION_SCRIPTS) -> str:
    """The newest revision among the migration scripts: the one no other script revises.

    Read from the scripts' ``revision``/``down_revision`` lines without Alembic, so that opening
    an up-to-date store needs no Alembic at all (importing it is costly: bench/README.md) and the
    first-paint read can tell a store it understands. ``tests/store/test_schema.py`` checks it
    against Alembic's own view of the scripts. Raises ``RuntimeError`` unless there is exactly one
    head (a chain that forks is a mistake in the scripts, which Alembic refuses too).
    """
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in scripts.glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        if revision is None:
            continue  # (the package's __init__)
        revisions.add(revision.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None:
            revised.update(_QUOTED.findall(down.group(1)))  # a name, a tuple of names (a merge) or None
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the migrations in {scripts} have {len(heads)} heads, not one: {sorted(heads)}")
    return heads.pop()


SCHEMA_HEAD = schema_head()
"""The revision of the newest schema, the one this program's stores are upgraded to."""


def default_database_path() -> Path:
    """The SQLite file in the user's data directory (platformdirs)."""
    from platformdirs import user_data_dir  # only when no store is named

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
