"""Deactivated users (SPEC §11): they keep their history, cannot sign in, cannot be assigned.

Through the store (SQLite and PostgreSQL), the ``calllist users deactivate/activate`` commands,
and PostgreSQL itself, which turns a deactivated person's own role away.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store import access
from calllist_desktop.store.errors import NotFound, UserInactive
from calllist_desktop.store.store import Store
from tests.conftest import _empty_postgres, csv_bytes, numbered_rows
from tests.test_cli import ROWS as CLI_ROWS
from tests.test_cli import Cli, assert_one_line_error, snapshot, write_csv

ROWS = numbered_rows(3)


@pytest.fixture
def people(store_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A manager and two operators, through the CLI."""
    cli = Cli(store_url, capsys)
    cli.ok("users", "add", "kanri", "--admin")
    cli.ok("users", "add", "sato", "--autocall")
    cli.ok("users", "add", "tanaka")
    return cli


@pytest.fixture
def listed(people: Cli, tmp_path: Path) -> Cli:
    """The users, and the list 展示会 of test_cli's rows, nobody assigned."""
    people.ok("import", write_csv(tmp_path, "rows.csv", *CLI_ROWS), "--list", "展示会", "--create")
    return people


def test_a_deactivated_user_keeps_their_history_and_numbers_but_cannot_be_assigned(store: Store) -> None:
    store.add_user("sato", "佐藤 美咲")
    store.add_user("tanaka", "田中 翔")
    fair = store.create_list("展示会")
    assert store.import_csv(fair.id, csv_bytes(*ROWS), assignee="sato").ok
    phone = store.targets(fair.id)[0].phone
    call = store.start_call(phone, Direction.OUTBOUND, user="sato", list_id=fair.id)
    store.finish_call(call, Outcome.ANSWERED)

    assert store.set_user_active("sato", False).active is False
    assert {user.login: user.active for user in store.users()} == {"sato": False, "tanaka": True}
    targets = store.targets(fair.id)
    assert {target.assignee_login for target in targets} == {"sato"}  # their numbers stay theirs
    assert targets[0].last_call is not None and targets[0].last_call.agent_name == "佐藤 美咲"

    before = [t.to_json() for t in store.targets(fair.id)]
    with pytest.raises(UserInactive, match="deactivated"):
        store.import_csv(fair.id, csv_bytes(*numbered_rows(2, start=10)), assignee="sato")
    with pytest.raises(UserInactive):
        store.import_csv(None, csv_bytes(*ROWS), assignee="sato", dry_run=True)
    with pytest.raises(UserInactive):
        store.set_assignee(fair.id, [phone], "sato")
    store.set_assignee(fair.id, [phone], "tanaka")  # given to someone else: fine
    with pytest.raises(UserInactive):
        store.set_assignee(fair.id, [phone], "sato")  # and not back
    assert [t.to_json() for t in store.targets(fair.id)][1:] == before[1:]

    assert store.set_user_active("sato", True).active is True
    assert store.import_csv(fair.id, csv_bytes(*numbered_rows(2, start=10)), assignee="sato").ok
    with pytest.raises(NotFound):
        store.set_user_active("nobody", False)


def test_the_cli_deactivates_and_activates(listed: Cli) -> None:
    assert "deactivated user tanaka" in listed.ok("users", "deactivate", "tanaka").out
    users = {user["login"]: user for user in listed.json("users", "list")}
    assert users["tanaka"]["active"] is False and users["sato"]["active"] is True
    table = listed.ok("users", "list").out
    assert "operator(inactive)" in table

    before = snapshot(listed.url)
    result = listed("assign", "--list", "展示会", "--assignee", "tanaka", "03-1234-5678")
    assert_one_line_error(result, "tanaka", "deactivated")
    assert snapshot(listed.url) == before
    assert "activated user tanaka" in listed.ok("users", "activate", "tanaka").out
    listed.ok("assign", "--list", "展示会", "--assignee", "tanaka", "03-1234-5678")


def test_an_import_for_a_deactivated_user_is_refused_and_changes_nothing(people: Cli, tmp_path: Path) -> None:
    people.ok("users", "deactivate", "sato")
    before = snapshot(people.url)
    csv = write_csv(tmp_path, "rows.csv", *ROWS)
    result = people("import", csv, "--list", "展示会", "--create", "--assignee", "sato")
    assert_one_line_error(result, "sato", "deactivated")
    assert snapshot(people.url) == before


def test_a_deactivated_user_cannot_act_on_the_cli(listed: Cli) -> None:
    listed.ok("users", "deactivate", "sato")
    assert_one_line_error(listed("--user", "sato", "targets", "--list", "展示会", "--mine"), "sato", "deactivated")
    assert_one_line_error(listed("users", "deactivate", "nobody"), "nobody")


@pytest.mark.postgres
def test_a_deactivated_persons_database_role_cannot_connect(postgres_url: str) -> None:
    """Trying as the person: their own role is refused by PostgreSQL itself until activated."""
    _empty_postgres(postgres_url)
    store = Store.open(postgres_url)
    login = f"gone_{uuid.uuid4().hex[:8]}"
    url = make_url(postgres_url)

    def connect() -> psycopg.Connection:
        return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=login, autocommit=True)

    try:
        store.add_user(login)
        access.grant_db_role(store.engine, login, admin=False)
        connect().close()
        store.set_user_active(login, False)
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            connect()
        store.set_user_active(login, True)
        connect().close()
    finally:
        store.close()
        engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP OWNED BY "{login}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        engine.dispose()
