"""A person and their PostgreSQL role are added together or not at all (issue 16, item 13).

The role is made in the transaction that writes the user row (``Store.add_user(..., db_role=)``),
for ``calllist users add`` and the users dialog alike. Here the server refuses the role (a name it
reserves) or fails after the role was made: nothing stays behind, and trying again works. Logins
are limited to what a role name holds (63 bytes) so that no role is silently cut short.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection, create_engine, text

from calllist_desktop.cli import main
from calllist_desktop.store import access
from calllist_desktop.store.errors import AlreadyExists, StoreError
from calllist_desktop.store.store import Store
from tests.conftest import _empty_postgres

pytestmark = pytest.mark.postgres


@pytest.fixture
def roles(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., str]]:
    """An empty team database with database roles on; ``roles(prefix, length)`` gives a role name
    of this test's own (padded to ``length``), dropped at the end (the server's roles are shared by
    every database on it)."""
    _empty_postgres(postgres_url)
    monkeypatch.setenv("CALLLIST_DB_ROLES", "1")
    made: list[str] = []

    def name(prefix: str, length: int = 0) -> str:
        made.append(f"{prefix}_{uuid.uuid4().hex[:10]}".ljust(length, "x"))
        return made[-1]

    yield name
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for role in made:
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    engine.dispose()


def role_exists(url: str, role: str) -> bool:
    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.scalar(text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role})
    engine.dispose()
    return found == 1


def logins(url: str) -> list[str]:
    store = Store.open(url)
    try:
        return [user.login for user in store.users()]
    finally:
        store.close()


def fail_after_the_grant(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server fails after CREATE ROLE and GRANT ran (a real error, in the same transaction)."""
    real = access.set_group

    def then_fail(connection: Connection, role: str, *, admin: bool) -> None:
        real(connection, role, admin=admin)
        connection.execute(text("SELECT 1 / 0"))

    monkeypatch.setattr(access, "set_group", then_fail)


def test_a_role_the_server_refuses_adds_no_user_and_a_retry_works(
    postgres_url: str, roles: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    login = roles("pg_reserved")  # PostgreSQL reserves role names starting with pg_
    assert main(["--db", postgres_url, "users", "add", login, "--admin"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"calllist: cannot create the database role '{login}'") and "reserved" in err
    assert len(err.splitlines()) == 1 and "internal error" not in err
    assert logins(postgres_url) == [] and not role_exists(postgres_url, login)
    other = roles("ok")
    assert main(["--db", postgres_url, "users", "add", login, "--admin", "--db-role", other]) == 0
    assert f"database role {other} ready" in capsys.readouterr().out
    assert logins(postgres_url) == [login] and role_exists(postgres_url, other)


def test_a_failure_after_the_role_was_made_leaves_neither_role_nor_user(
    postgres_url: str, roles: Callable[..., str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    login = roles("half")
    with monkeypatch.context() as patched:
        fail_after_the_grant(patched)
        assert main(["--db", postgres_url, "users", "add", login]) == 1
    err = capsys.readouterr().err
    assert "division by zero" in err and len(err.splitlines()) == 1
    assert logins(postgres_url) == [] and not role_exists(postgres_url, login)
    # Not "exists already" for ever: the same command works now.
    assert main(["--db", postgres_url, "users", "add", login]) == 0
    assert logins(postgres_url) == [login] and role_exists(postgres_url, login)
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        groups = connection.scalars(
            text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :r"
            ),
            {"r": login},
        ).all()
        assert connection.scalar(text("SELECT db_role FROM users WHERE login = :l"), {"l": login}) == login
    engine.dispose()
    assert len(groups) == 1  # the group of an operator's job, whatever it is named


def test_a_login_longer_than_a_role_name_is_refused_before_anything_is_made(
    postgres_url: str, roles: Callable[..., str], capsys: pytest.CaptureFixture[str]
) -> None:
    login = roles("long", 74)  # 74 characters: PostgreSQL would cut the role to 63
    assert main(["--db", postgres_url, "users", "add", login]) == 1
    assert "a login can have at most 63 bytes (ASCII letters; a Japanese character takes 3) (this one has 74)" in capsys.readouterr().err
    assert logins(postgres_url) == [] and not role_exists(postgres_url, login[:63])
    exact = roles("exact", 63)  # the limit itself: the role has the whole login
    assert main(["--db", postgres_url, "users", "add", exact]) == 0
    assert role_exists(postgres_url, exact)
    too_long_role = "r" * 64
    assert main(["--db", postgres_url, "users", "add", roles("short"), "--db-role", too_long_role]) == 1
    assert "a database role name can have at most 63 bytes" in capsys.readouterr().err


def test_a_role_that_is_another_users_is_refused(postgres_url: str, roles: Callable[..., str]) -> None:
    shared = roles("shared")
    store = Store.open(postgres_url)
    try:
        store.add_user(roles("first"), db_role=shared)
        with pytest.raises(AlreadyExists, match="belongs to the user"):
            store.add_user(roles("second"), db_role=shared)
        assert len(store.users()) == 1
    finally:
        store.close()


def test_the_users_dialog_adds_the_person_and_role_together(
    qtbot: QtBot, postgres_url: str, roles: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from calllist_desktop.ui.manage.users_dialog import UsersDialog
    from tests.ui.conftest import own_store_work

    store = Store.open(postgres_url)
    store.add_user("kanri", "管理 花子", role="admin")
    dialog = UsersDialog(own_store_work(qtbot, store), "kanri")
    qtbot.addWidget(dialog, before_close_func=lambda d: d._load_form(d.selected_user()))
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)  # read off the GUI thread
    login = roles("dialog")
    try:
        with monkeypatch.context() as patched:
            fail_after_the_grant(patched)
            dialog.add_login.setText(login)
            with qtbot.waitSignal(dialog.added):
                qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert "division by zero" in dialog.add_message.text()
        assert login not in dialog.model.logins() and logins(postgres_url) == ["kanri"]
        assert not role_exists(postgres_url, login)
        with qtbot.waitSignal(dialog.users_changed):  # the manager tries again: it works
            qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert login in dialog.model.logins() and role_exists(postgres_url, login)
        assert "ALTER ROLE" in dialog.add_message.text()
    finally:
        store.close()


def test_on_sqlite_a_database_role_is_refused_in_words(sqlite_store: Store) -> None:
    with pytest.raises(StoreError, match="only on PostgreSQL"):
        sqlite_store.add_user("sato", db_role="sato")
    assert sqlite_store.users() == []
