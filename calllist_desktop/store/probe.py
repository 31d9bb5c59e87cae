"""Try a store before choosing it (the settings dialog's 接続テスト), changing nothing.

Opening a store for real may create a SQLite file or upgrade its schema; a test must not. This
connects, reads the schema revision and says what the program would find there at its next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from calllist_desktop.store import database
from calllist_desktop.store.errors import StoreError

CONNECT_TIMEOUT_S = 5  # a server that does not answer: say so after a few seconds, not minutes


class ProbeState(StrEnum):
    """What the program would find at that store."""

    READY = "ready"  # the schema this program needs
    NEW_FILE = "new_file"  # a SQLite file not there yet: created at the next start
    UPGRADE = "upgrade"  # older or empty: SQLite is upgraded at start, a server needs `calllist db upgrade`
    NEWER = "newer"  # a schema this program does not know (a newer version wrote it)


@dataclass(frozen=True)
class ProbeResult:
    """The outcome of a successful connection test."""

    state: ProbeState
    backend: str  # "sqlite", "postgresql"
    revision: str | None  # the schema revision found, None for an empty database
    head: str  # the revision this program needs


def probe_store(url: str) -> ProbeResult:
    """Connect to ``url`` (a database URL or a SQLite file's path) and report its schema.

    Raises :class:`StoreError` with a message for the user when it cannot be reached.
    """
    resolved = database.resolve_database_url(url) if url.strip() else database.resolve_database_url(None)
    parsed = database.parse_url(resolved)  # a malformed URL is a message, its password masked
    head = database.head_revision()
    backend = parsed.get_backend_name()
    if backend == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if path.is_dir():
            raise StoreError(f"this is a folder, not a file: {path}", f"ファイルではなくフォルダです: {path}")
        if not path.exists():
            if not path.parent.is_dir():
                raise StoreError(
                    f"the folder for the database does not exist: {path.parent}",
                    f"データベースのフォルダがありません: {path.parent}",
                )
            return ProbeResult(ProbeState.NEW_FILE, backend, None, head)
    if backend == "postgresql":
        parsed = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_S)})
    engine = database.make_engine(parsed.render_as_string(hide_password=False))
    try:
        revision = database.current_revision(engine)
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise StoreError(f"cannot connect: {reason}", f"接続できません: {reason}") from exc
    finally:
        engine.dispose()
    if revision == head:
        state = ProbeState.READY
    elif revision is None or revision < head:
        state = ProbeState.UPGRADE
    else:
        state = ProbeState.NEWER
    return ProbeResult(state, backend, revision, head)
