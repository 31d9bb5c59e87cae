"""Who may see and change what, enforced by PostgreSQL itself (team mode).

Each person connects with a PostgreSQL role of their own; ``users.db_role`` maps that role to
the program's user. The roles are members of one of the two group roles of *this database*
(migration 0003; :func:`group_roles` names them, ``calllist_admin_<token>`` and
``calllist_operator_<token>``: roles exist once per server, so each database has its own pair,
and an admin of one team's database is nobody in another's):

- admin group: every table, every row.
- operator group: row-level security lets them read only the lists and targets assigned to
  them (and those numbers' contacts, last calls and change-log rows), change only a target's
  excluded flag, write and finish their own call rows (for their targets, or dialled by hand or
  inbound, at the server's time) and claim their targets for at most five minutes at a time.
  ``last_calls`` and ``change_log`` are written by ``SECURITY DEFINER`` triggers with a pinned
  ``search_path``, so operators never write them themselves.

The program therefore does not need to be trusted: a client talking plain SQL gets no more than
the program would show. On SQLite (one person, one file) none of this applies; the functions here
say so or do nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text, update
from sqlalchemy.exc import DBAPIError

from calllist_desktop.store.errors import PermissionDenied, StoreError
from calllist_desktop.store.models import Base, User


@contextmanager
def denials_as_store_errors() -> Iterator[None]:
    """Turn the database's "permission denied" (SQLSTATE 42501) into :class:`PermissionDenied`.

    An operator's role is refused by PostgreSQL itself when it tries what only a manager may do;
    the user should read that in their language, not as a driver traceback.
    """
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        raise PermissionDenied(
            f"the database refused this for your role (a manager may do it): {exc.orig}".splitlines()[0],
            "データベースがあなたのロールにはこの操作を許可していません (管理者に依頼してください)",
        ) from exc


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def roles_for_new_users(engine: Engine) -> bool:
    """Whether adding a person should give them a database role: on PostgreSQL, unless
    ``CALLLIST_DB_ROLES=0`` (a team whose roles are managed elsewhere; the test suite)."""
    return is_postgresql(engine) and os.environ.get("CALLLIST_DB_ROLES", "1") != "0"


def _quote(connection: Connection, name: str) -> str:
    return str(connection.dialect.identifier_preparer.quote_identifier(name))


def grant_db_role(engine: Engine, login: str, *, admin: bool, role_name: str | None = None) -> str:
    """Create (if needed) the LOGIN role ``role_name`` (default: the login) for a user and give it
    the group role of the user's job; the user's ``db_role`` then names it. Returns the role name.

    The role gets no password: set one with ``ALTER ROLE … PASSWORD`` (or use certificates or
    peer authentication), and let clients read it from ``~/.pgpass`` or a service file. Needs a
    connection allowed to create roles (the database owner with CREATEROLE, or a superuser).
    """
    role = role_name or login
    with engine.begin() as connection:
        create_db_role(connection, role, admin=admin)
        connection.execute(update(User).where(User.login == login).values(db_role=role))
    return role


def create_db_role(connection: Connection, role: str, *, admin: bool) -> None:
    """Create (if needed) the LOGIN role ``role`` and put it in the group of its user's job, in the
    caller's transaction (``Store.add_user`` writes the user row in the same one: both or neither)."""
    if connection.dialect.name != "postgresql":
        raise StoreError(
            "database roles exist only on PostgreSQL", "データベースのロールは PostgreSQL でのみ使えます"
        )
    exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    with _role_errors(role):
        if not exists:
            connection.exec_driver_sql(f"CREATE ROLE {_quote(connection, role)} LOGIN")
    set_group(connection, role, admin=admin)


def group_roles(connection: Connection) -> tuple[str, str]:
    """This database's admin and operator group roles (made by migration 0003)."""
    admin, operator = connection.execute(
        text("SELECT calllist_group_role('admin'), calllist_group_role('operator')")
    ).one()
    return str(admin), str(operator)


def set_group(connection: Connection, role: str, *, admin: bool) -> None:
    """Make ``role`` a member of this database's group of its user's job, and not of the other
    (in the caller's transaction: a user made admin in the program becomes admin in the database
    at the same time). The one place where a person's role gets its rights: called by
    :func:`grant_db_role` for a new person and by ``Store.update_user`` when a job changes."""
    admin_group, operator_group = group_roles(connection)
    group, other = (admin_group, operator_group) if admin else (operator_group, admin_group)
    quoted = _quote(connection, role)
    with _role_errors(role):
        connection.exec_driver_sql(f"GRANT {_quote(connection, group)} TO {quoted}")
        connection.exec_driver_sql(f"REVOKE {_quote(connection, other)} FROM {quoted}")


def set_login(connection: Connection, role: str, *, allowed: bool) -> None:
    """Let ``role`` connect, or not (a deactivated user), in the caller's transaction."""
    with _role_errors(role):
        connection.exec_driver_sql(f"ALTER ROLE {_quote(connection, role)} {'LOGIN' if allowed else 'NOLOGIN'}")


@contextmanager
def _role_errors(role: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        raise PermissionDenied(
            f"cannot create or grant the database role {role!r}: connect as the database "
            "owner with CREATEROLE, or as a superuser",
            f"データベースのロール「{role}」を作成・付与できません: CREATEROLE を持つ所有者"
            "またはスーパーユーザーで接続してください",
        ) from exc


def acting_login(engine: Engine) -> str | None:
    """The user the connected PostgreSQL role stands for (``users.db_role = current_user``)."""
    if not is_postgresql(engine):
        return None
    with engine.connect() as connection:
        return acting_login_on(connection)


def acting_login_on(connection: Connection) -> str | None:
    """:func:`acting_login` within an open connection (``None`` on SQLite: no roles there)."""
    if connection.dialect.name != "postgresql":
        return None
    found: str | None = connection.scalar(select(User.login).where(User.db_role == func.current_user()))
    return found


@dataclass(frozen=True, slots=True)
class AccessReport:
    """What ``calllist db check`` says about access control."""

    tables_with_rls: list[str]
    tables_without_rls: list[str]
    policies: int
    groups: list[str]

    @property
    def ok(self) -> bool:
        return not self.tables_without_rls and self.policies > 0 and len(self.groups) == 2

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "tables_with_rls": self.tables_with_rls,
            "tables_without_rls": self.tables_without_rls,
            "policies": self.policies,
            "groups": self.groups,
        }


PROTECTED_TABLES = (
    "users",
    "call_lists",
    "contacts",
    "targets",
    "last_calls",
    "calls",
    "target_claims",
    "change_log",
)


def access_report(engine: Engine) -> AccessReport | None:
    """Row-level security on the data tables (PostgreSQL); ``None`` on SQLite."""
    if not is_postgresql(engine):
        return None
    assert set(PROTECTED_TABLES) <= set(Base.metadata.tables)
    with engine.connect() as connection:
        flags = {
            name: bool(on)
            for name, on in connection.execute(
                text(
                    "SELECT relname, relrowsecurity FROM pg_class "
                    "WHERE relname = ANY(:names) AND relnamespace = to_regnamespace(current_schema())::oid"
                ),
                {"names": list(PROTECTED_TABLES)},
            )
        }
        policies = int(
            connection.scalar(
                text("SELECT count(*) FROM pg_policies WHERE schemaname = current_schema()")
            )
            or 0
        )
        groups = list(
            connection.scalars(
                text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:g) ORDER BY rolname"),
                {"g": list(group_roles(connection))},
            )
        )
    return AccessReport(
        tables_with_rls=[name for name in PROTECTED_TABLES if flags.get(name)],
        tables_without_rls=[name for name in PROTECTED_TABLES if not flags.get(name)],
        policies=policies,
        groups=groups,
    )
