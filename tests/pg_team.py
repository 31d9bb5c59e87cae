"""A team on a PostgreSQL test database, with a database role per person: for the tests that
attack access control as an operator would, with plain SQL through their own role.

Roles are the server's, shared by every test run: the names here are unique, and
:func:`team_on` drops them at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store import access
from calllist_desktop.store.store import Store
from tests.conftest import _empty_postgres, csv_bytes, numbered_rows


@dataclass
class Team:
    """alice and bob (operators) and boss (admin); list ``list_id`` holds three numbers of
    each operator, ``other_list_id`` two more of bob's; bob has made one answered call."""

    admin_url: str
    list_id: int
    other_list_id: int
    alice: str
    bob: str
    boss: str
    alice_phones: list[str]
    bob_phones: list[str]

    def url_as(self, role: str) -> str:
        return make_url(self.admin_url).set(username=role).render_as_string(hide_password=False)

    def plain(self, role: str) -> psycopg.Connection:
        """A plain psycopg connection as ``role`` (autocommit), as psql would be."""
        return plain_sql(self.admin_url, role)

    def user_id(self, login: str) -> int:
        with plain_sql(self.admin_url) as sql:
            row = sql.execute("SELECT id FROM users WHERE login = %s", (login,)).fetchone()
        assert row is not None
        return int(row[0])


def plain_sql(url: str, role: str | None = None) -> psycopg.Connection:
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host, port=parsed.port, dbname=parsed.database, user=role or parsed.username, autocommit=True
    )


@contextmanager
def login_roles(url: str, *logins: str) -> Iterator[None]:
    """Drop the login roles ``logins`` (and their grants in the database of ``url``) at the end."""
    try:
        yield
    finally:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            for role in logins:
                if connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}):
                    connection.execute(text(f'DROP OWNED BY "{role}"'))
                    connection.execute(text(f'DROP ROLE "{role}"'))
        engine.dispose()


@contextmanager
def team_on(url: str) -> Iterator[Team]:
    """The team on the (emptied) database of ``url``, set up by its owner."""
    _empty_postgres(url)
    suffix = uuid.uuid4().hex[:8]
    alice, bob, boss = f"alice_{suffix}", f"bob_{suffix}", f"boss_{suffix}"
    store = Store.open(url)
    with login_roles(url, alice, bob, boss):
        try:
            store.add_user(alice, autocall=True)
            store.add_user(bob)
            store.add_user(boss, role="admin")
            for login, admin in ((alice, False), (bob, False), (boss, True)):
                access.grant_db_role(store.engine, login, admin=admin)
            fair = store.create_list("展示会")
            assert store.import_csv(fair.id, csv_bytes(*numbered_rows(3)), assignee=alice).ok
            assert store.import_csv(fair.id, csv_bytes(*numbered_rows(3, start=10)), assignee=bob).ok
            bobs = store.create_list("bob だけ")
            assert store.import_csv(bobs.id, csv_bytes(*numbered_rows(2, start=20)), assignee=bob).ok
            phones = {t.phone: t.assignee_login for t in store.targets(fair.id)}
            bob_phones = [p for p, a in phones.items() if a == bob]
            call = store.start_call(bob_phones[0], Direction.OUTBOUND, user=bob, list_id=fair.id)
            store.finish_call(call, Outcome.ANSWERED)
            yield Team(
                url, fair.id, bobs.id, alice, bob, boss, [p for p, a in phones.items() if a == alice], bob_phones
            )
        finally:
            store.close()
