"""Reading and writing the settings of the whole store (``store_settings``, migration 0005).

A setting is a key and a JSON value. Writes are upserts in the caller's transaction, so a
setting changed together with other data is changed atomically with it; on PostgreSQL
row-level security lets only managers write (an operator's write is refused by the server).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from calllist_desktop.store.database import upsert
from calllist_desktop.store.models import StoreSetting, User
from calllist_desktop.store.types import utc_now

KEY_LENGTH = 100


def read(connection: Connection, key: str) -> object | None:
    """The value of ``key``, or ``None`` when it was never set."""
    return connection.scalar(select(StoreSetting.value).where(StoreSetting.key == key))


def write(connection: Connection, key: str, value: object, *, by: str | None = None) -> None:
    """Set ``key`` to ``value`` (JSON-serialisable), noting who (a login) and when."""
    if not key or len(key) > KEY_LENGTH:
        raise ValueError(f"a store setting's key is 1 to {KEY_LENGTH} characters: {key!r}")
    user_id = connection.scalar(select(User.id).where(User.login == by)) if by else None
    row = {"key": key, "value": value, "updated_at": utc_now(), "updated_by": user_id}
    statement = upsert(connection, StoreSetting).values(row)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[StoreSetting.key],
            set_={
                "value": statement.excluded.value,
                "updated_at": statement.excluded.updated_at,
                "updated_by": statement.excluded.updated_by,
            },
        )
    )
