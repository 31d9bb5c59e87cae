"""Access control by PostgreSQL itself: an operator's own role, checked with plain SQL and with the app."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store import access
from calllist_desktop.store.errors import PermissionDenied
from calllist_desktop.store.store import Store
from tests.conftest import (
    _empty_postgres,
    create_postgres_database,
    csv_bytes,
    drop_postgres_database,
    numbered_rows,
)
from tests.pg_team import Team, login_roles, plain_sql

pytestmark = pytest.mark.postgres


def test_an_operator_role_with_plain_sql_sees_and_changes_only_its_own(team: Team) -> None:
    with team.plain(team.alice) as sql:
        assert {r[0] for r in sql.execute("SELECT phone FROM targets")} == set(team.alice_phones)
        assert {r[0] for r in sql.execute("SELECT phone FROM contacts")} == set(team.alice_phones)
        assert [r[0] for r in sql.execute("SELECT id FROM call_lists")] == [team.list_id]
        assert sql.execute("SELECT count(*) FROM calls").fetchone() == (0,)
        assert sql.execute("SELECT count(*) FROM last_calls").fetchone() == (0,)
        # Another operator's target is invisible, so an update of it changes nothing.
        assert sql.execute("UPDATE targets SET excluded = true WHERE phone = %s", (team.bob_phones[0],)).rowcount == 0
        for forbidden in (
            "UPDATE contacts SET assignee_id = NULL",
            "DELETE FROM call_lists",
            "DELETE FROM targets",
            "UPDATE targets SET position = 0",
            "INSERT INTO call_lists (name) VALUES ('mine')",
            "UPDATE users SET role = 'admin'",
            "DELETE FROM calls",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(forbidden)
        # A call row in someone else's name is refused.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute(
                "INSERT INTO calls (phone, direction, started_at, user_id) "
                "SELECT %s, 'outbound', now(), id FROM users WHERE login = %s",
                (team.alice_phones[0], team.bob),
            )


def test_the_app_works_as_the_operator(team: Team) -> None:
    store = Store.open(team.url_as(team.alice))
    try:
        assert access.acting_login(store.engine) == team.alice
        assert [info.id for info in store.lists(assignee=team.alice)] == [team.list_id]
        mine = store.targets(team.list_id, assignee=team.alice)
        assert [t.phone for t in mine] == team.alice_phones
        assert [t.phone for t in store.targets(team.list_id)] == team.alice_phones  # RLS, not the filter
        assert store.set_excluded(team.list_id, team.alice_phones[:1], True) == 1
        phone = team.alice_phones[1]
        assert store.claim_target(team.list_id, phone, user=team.alice, holder="run", ttl=60) == ClaimResult.CLAIMED
        assert store.renew_claim(team.list_id, phone, holder="run", ttl=60)
        call = store.start_call(phone, Direction.OUTBOUND, user=team.alice, list_id=team.list_id)
        store.finish_call(call, Outcome.NO_ANSWER, sip_status=480)
        store.release_claim(team.list_id, phone, holder="run")
        last = {t.phone: t.last_call for t in store.targets(team.list_id)}
        assert last[phone] is not None and last[phone].outcome == Outcome.NO_ANSWER
        assert store.close_interrupted_calls() == 0
        with pytest.raises(PermissionDenied, match="refused"):
            store.set_assignee(team.list_id, team.alice_phones, None)
    finally:
        store.close()


def test_db_check_reports_row_level_security(team: Team) -> None:
    engine = create_engine(team.admin_url)
    report = access.access_report(engine)
    engine.dispose()
    assert report is not None and report.ok, report
    assert "targets" in report.tables_with_rls


def test_users_add_on_postgresql_creates_the_login_role(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from calllist_desktop.cli import main

    _empty_postgres(postgres_url)
    monkeypatch.delenv("CALLLIST_DB_ROLES")
    login = f"carol_{uuid.uuid4().hex[:8]}"
    try:
        assert main(["--db", postgres_url, "users", "add", login]) == 0
        assert f"database role {login} ready" in capsys.readouterr().out
        as_carol = make_url(postgres_url).set(username=login).render_as_string(hide_password=False)
        # Connected as that role, the CLI reads what an operator may, and is refused the rest.
        assert main(["--db", as_carol, "users", "list", "--json"]) == 0
        assert login in capsys.readouterr().out
        assert main(["--db", as_carol, "lists", "create", "mine"]) == 1
        assert "refused this for your role" in capsys.readouterr().err
        with plain_sql(postgres_url, login) as sql:
            groups = sql.execute(
                "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
                "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = current_user"
            ).fetchall()
            operators = sql.execute("SELECT calllist_group_role('operator')").fetchone()
        # This database's own operator group (not one shared by every database on the server).
        assert operators is not None and operators[0].startswith("calllist_operator_")
        assert groups == [operators]
    finally:
        engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        engine.dispose()


def test_changing_a_users_job_changes_their_database_rights(team: Team) -> None:
    admin = Store.open(team.admin_url)
    try:
        admin.update_user(team.alice, role="admin")
        with team.plain(team.alice) as sql:
            assert sql.execute("SELECT count(*) FROM targets").fetchone() == (len(team.alice_phones) + len(team.bob_phones) + 2,)
        admin.update_user(team.alice, role="operator")
        with team.plain(team.alice) as sql:
            assert sql.execute("SELECT count(*) FROM targets").fetchone() == (len(team.alice_phones),)
    finally:
        admin.close()


DATA_TABLES = ("users", "call_lists", "contacts", "targets", "last_calls", "calls", "target_claims", "change_log")


def test_an_admin_of_one_database_is_nobody_in_another_on_the_same_server(team: Team) -> None:
    """Roles are the server's; the rights are each database's: boss, admin of the team's
    database, is only an operator in a second team's database, and alice, nobody there, may
    read or call nothing; the second team's admin may do nothing in the first's."""
    other_url = create_postgres_database("calllist_test_b")
    carol = f"carol_{uuid.uuid4().hex[:8]}"
    with login_roles(team.admin_url, carol):
        try:
            other = Store.open(other_url)
            try:
                other.add_user(carol, role="admin")
                other.add_user(team.boss)
                access.grant_db_role(other.engine, carol, admin=True)
                access.grant_db_role(other.engine, team.boss, admin=False)
                second = other.create_list("別チーム")
                assert other.import_csv(second.id, csv_bytes(*numbered_rows(2, start=50)), assignee=team.boss).ok
                assert other.import_csv(second.id, csv_bytes(*numbered_rows(2, start=60)), assignee=carol).ok
                boss_phones = {t.phone for t in other.targets(second.id, assignee=team.boss)}
            finally:
                other.close()
            with plain_sql(other_url) as sql:
                their_groups = sql.execute("SELECT calllist_group_role('admin'), calllist_group_role('operator')").fetchone()
            with team.plain(team.boss) as sql:
                our_groups = sql.execute("SELECT calllist_group_role('admin'), calllist_group_role('operator')").fetchone()
            assert our_groups is not None and their_groups is not None and not set(our_groups) & set(their_groups)

            with plain_sql(other_url, team.boss) as sql:  # admin at home, an operator here
                assert {r[0] for r in sql.execute("SELECT phone FROM contacts")} == boss_phones
                for forbidden in (
                    "UPDATE contacts SET company = 'defaced'",
                    "DELETE FROM targets",
                    "INSERT INTO call_lists (name) VALUES ('mine')",
                    "UPDATE users SET role = 'admin'",
                ):
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        sql.execute(forbidden)
            for stranger, url in ((team.alice, other_url), (carol, team.admin_url)):
                with plain_sql(url, stranger) as sql:
                    for table in DATA_TABLES:
                        with pytest.raises(psycopg.errors.InsufficientPrivilege):
                            sql.execute(f"SELECT * FROM {table}")
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        sql.execute("UPDATE contacts SET company = 'defaced'")
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        sql.execute("SELECT calllist_user_id(current_user)")
            with plain_sql(team.admin_url) as sql:
                assert sql.execute("SELECT count(*) FROM contacts WHERE company = 'defaced'").fetchone() == (0,)
        finally:
            drop_postgres_database(other_url)


def test_an_admin_cannot_demote_themselves_through_the_store_whoever_they_claim_to_be(team: Team) -> None:
    owner = Store.open(team.admin_url)
    try:
        owner.update_user(team.alice, role="admin")
    finally:
        owner.close()
    alice = Store.open(team.url_as(team.alice))
    try:
        # Connected as her own role, she cannot take her admin role away, not even by naming
        # someone else as the one who acts.
        for by in (None, team.alice, "someone-else"):
            with pytest.raises(PermissionDenied):
                alice.update_user(team.alice, role="operator", by=by)
        assert alice.user(team.alice).role == "admin"
        with team.plain(team.alice) as sql:  # her database rights stayed an admin's
            assert sql.execute("SELECT count(*) FROM targets").fetchone() == (len(team.alice_phones) + len(team.bob_phones) + 2,)
        assert alice.update_user(team.alice, display_name="アリス").display_name == "アリス"
    finally:
        alice.close()
