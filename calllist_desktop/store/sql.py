"""The SQL of the reads the first screen needs, written once for the store and the first paint.

Plain SQL with named parameters (``:list_id``): the store runs it through SQLAlchemy's ``text()``
on SQLite and PostgreSQL alike (``store.queries``), and the desktop client's first paint runs the
same text with the standard library's ``sqlite3`` before SQLAlchemy is loaded
(``store.first_read``). No SQLAlchemy here. The rows become views with the builders below and
``store.views.target_views``, timestamps through ``store.timestamps.utc_time``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from calllist_desktop.store.timestamps import utc_time
from calllist_desktop.store.views import ListInfo, UserInfo

_USER_COLUMNS: Final = "id, login, display_name, role, autocall_enabled, active"

USERS: Final = f"SELECT {_USER_COLUMNS} FROM users ORDER BY login"
"""Every user, by login (rows for :func:`user_infos`)."""

USER_BY_LOGIN: Final = f"SELECT {_USER_COLUMNS} FROM users WHERE login = :login"
"""One user (``:login``)."""

PEOPLE: Final = "SELECT id, login, display_name FROM users"
"""Every user's login and display name by id, for ``views.People``."""

_LIST_COLUMNS: Final = (
    "SELECT l.id, l.name, l.created_at, (SELECT count(*) FROM targets t WHERE t.list_id = l.id) FROM call_lists l"
)

LISTS: Final = f"{_LIST_COLUMNS} ORDER BY l.name"
"""Every list with its number of targets, by name (rows for :func:`list_infos`)."""

LIST_BY_NAME: Final = f"{_LIST_COLUMNS} WHERE l.name = :name"
"""One list (``:name``)."""

ASSIGNED_LISTS: Final = (
    "SELECT l.id FROM call_lists l WHERE EXISTS (SELECT 1 FROM targets t"
    " JOIN contacts c ON c.phone = t.phone WHERE t.list_id = l.id AND c.assignee_id + 0 = :assignee_id)"
)
"""The lists in which ``:assignee_id`` is the assignee of at least one target.

One ``EXISTS`` per list, driven from the list's targets (each found by its phone). Driven from
the user's contacts instead, which SQLite chose for a plain join, 200,000 contacts took far
longer and left the contacts table in the connection's page cache; ``+ 0`` keeps SQLite off the
assignee index."""

UNFINISHED_CALLS: Final = "SELECT 1 FROM calls WHERE outcome IS NULL AND user_id = :user_id LIMIT 1"
"""Whether ``:user_id`` has a call left unfinished (by a crash)."""


def targets(*, assignee: bool = False, include_excluded: bool = True, phones: bool = False) -> str:
    """The targets of ``:list_id`` in list order with their contact and last call, as the rows
    ``views.target_views`` takes; only those of ``:assignee_id`` with ``assignee``, without the
    excluded ones unless ``include_excluded``, only ``:phones`` (an expanding parameter of the
    store's) with ``phones``."""
    where = ["t.list_id = :list_id"]
    if assignee:
        where.append("c.assignee_id = :assignee_id")
    if not include_excluded:
        where.append("NOT t.excluded")
    if phones:
        where.append("t.phone IN :phones")
    return (
        "SELECT t.phone, t.position, t.excluded, c.company, c.person, c.categories, c.assignee_id,"
        " l.direction, l.outcome, l.started_at, l.user_id, t.revision + c.revision"
        " FROM targets t JOIN contacts c ON c.phone = t.phone"
        " LEFT JOIN last_calls l ON l.phone = t.phone"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY t.position"
    )


def user_infos(rows: Iterable[Any]) -> list[UserInfo]:
    """Views of :data:`USERS` / :data:`USER_BY_LOGIN` rows."""
    return [UserInfo(uid, login, name, role, bool(auto), bool(on)) for uid, login, name, role, auto, on in rows]


def list_infos(rows: Iterable[Any]) -> list[ListInfo]:
    """Views of :data:`LISTS` / :data:`LIST_BY_NAME` rows."""
    return [ListInfo(list_id, name, int(count), utc_time(created)) for list_id, name, created, count in rows]
