"""The operator's first screen, read from the SQLite file with the standard library alone.

Why it exists: importing SQLAlchemy and opening the store was most of the start
(bench/README.md), while the first screen needs a handful of read-only queries: the users, the
lists the operator has targets in, and the operator's targets of the chosen list. The desktop
client paints those from here, and opens the real :class:`~calllist_desktop.store.store.Store`
after the first paint; its reads then replace these rows (they are the same rows, so nothing
moves).

The queries are the store's own, written once in ``store.sql`` (``store.queries`` runs them
through SQLAlchemy; ``tests/store/test_first_read.py`` compares the two reads on the same
stores), and the rows become the same ``store.views`` objects through the same builders. The
file is opened read-only (``mode=ro``, ``query_only``) in one read transaction, so this never
writes and sees one consistent state. Whenever something is unusual, it gives up and answers
``None``, and the program goes the normal way: a schema other than the newest (a migration must
run first), an empty store (demo data are written first), an unknown user (the normal way says
so), or calls of the user left unfinished by a crash (they are closed as interrupted first).
PostgreSQL always goes the normal way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from calllist_desktop.store import sql
from calllist_desktop.store.location import SCHEMA_HEAD
from calllist_desktop.store.timestamps import utc_time
from calllist_desktop.store.views import ListInfo, People, TargetView, UserInfo, target_views


class FirstView(NamedTuple):
    """What the operator's window shows first: the lists the user has targets in, the chosen
    list (the preferred one if it is there, else the first; ``None`` without lists), and the
    user's targets of it in list order."""

    user: UserInfo
    lists: list[ListInfo]
    list_id: int | None
    targets: list[TargetView]


class FirstRead:
    """A read-only look at a SQLite store, for the first screen (see the module docstring)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._users: list[UserInfo] | None = None

    @classmethod
    def open(cls, path: Path) -> FirstRead | None:
        """A reader of the store at ``path``; ``None`` when it cannot be read this way."""
        if not path.is_file():
            return None
        try:
            connection = sqlite3.connect(
                path.absolute().as_uri() + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error:
            return None
        try:
            connection.execute("PRAGMA query_only=1")
            connection.execute("BEGIN")  # one snapshot for every read that follows
            version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            connection.close()
            return None
        if version is None or version[0] != SCHEMA_HEAD:
            connection.close()
            return None
        return cls(connection)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> FirstRead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def users(self) -> list[UserInfo] | None:
        """Every user, ordered by login; ``None`` on a read error. Read once: the reader sees one
        snapshot, and the start asks twice (to choose the user, then to name the agents)."""
        if self._users is None:
            try:
                self._users = sql.user_infos(self._connection.execute(sql.USERS).fetchall())
            except sqlite3.Error:
                return None
        return list(self._users)

    def first_view(self, user: UserInfo, preferred_list: str | None) -> FirstView | None:
        """The lists of ``user`` and their targets of the chosen list; ``None`` when the normal way
        must run first (the user's unfinished calls) or on a read error."""
        try:
            run = self._connection.execute
            if run(sql.UNFINISHED_CALLS, {"user_id": user.id}).fetchone() is not None:
                return None
            assigned = {list_id for (list_id,) in run(sql.ASSIGNED_LISTS, {"assignee_id": user.id})}
            lists = [info for info in sql.list_infos(run(sql.LISTS)) if info.id in assigned]
            chosen = next((info for info in lists if info.name == preferred_list), lists[0] if lists else None)
            if chosen is None:
                return FirstView(user, lists, None, [])
            people = People((info.id, info.login, info.display_name) for info in self.users() or ())
            rows = run(sql.targets(assignee=True), {"list_id": chosen.id, "assignee_id": user.id})
            return FirstView(user, lists, chosen.id, target_views(chosen.id, rows, people, utc_time))
        except (sqlite3.Error, ValueError, KeyError):  # an unexpected stored value: the normal way decides
            return None
