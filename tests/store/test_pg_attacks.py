"""Attacks on team mode by an operator with plain SQL through their own database role (issue 16).

Each test does what the probe did: connect as the operator (no program in between), try to
become someone else, to write calls and claims the server would not vouch for, and check from
the owner's side that nothing of it stuck.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.store.store import Store
from tests.pg_team import Team, plain_sql

pytestmark = pytest.mark.postgres

FUTURE = datetime(2099, 1, 1, tzinfo=UTC)
CALL = (
    "INSERT INTO public.calls (phone, direction, started_at, user_id, list_id, hand_dialled) "
    "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id, started_at"
)


def server_now(sql: psycopg.Connection) -> datetime:
    row = sql.execute("SELECT clock_timestamp()").fetchone()
    assert row is not None
    return row[0]  # type: ignore[no-any-return]


# --- 1. search_path: an operator's temporary tables decide nothing -----------------------------


def test_a_temporary_users_table_does_not_make_an_operator_someone_else(team: Team) -> None:
    bob_id = team.user_id(team.bob)
    with team.plain(team.alice) as sql:
        sql.execute("CREATE TEMP TABLE users (id int, db_role name)")
        sql.execute("INSERT INTO users VALUES (%s, current_user)", (bob_id,))
        sql.execute("GRANT SELECT ON pg_temp.users TO public")
        for path in ("DEFAULT", "pg_temp, public", "public, pg_temp"):
            sql.execute(f"SET search_path = {path}")
            assert {r[0] for r in sql.execute("SELECT phone FROM public.contacts")} == set(team.alice_phones)
            assert {r[0] for r in sql.execute("SELECT phone FROM public.targets")} == set(team.alice_phones)
            assert sql.execute("SELECT count(*) FROM public.calls").fetchone() == (0,), "bob's call stays his"
            assert sql.execute("SELECT count(*) FROM public.last_calls").fetchone() == (0,)
            excluded = sql.execute(
                "UPDATE public.targets SET excluded = true WHERE phone = ANY(%s)", (team.bob_phones,)
            )
            assert excluded.rowcount == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(CALL, (team.bob_phones[1], "outbound", FUTURE, bob_id, team.list_id, False))
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(
                    "INSERT INTO public.target_claims (list_id, phone, holder, user_id, expires_at) "
                    "VALUES (%s, %s, 'x', %s, 1e300)",
                    (team.list_id, team.bob_phones[1], bob_id),
                )
    with plain_sql(team.admin_url) as sql:
        assert sql.execute("SELECT count(*) FROM targets WHERE excluded").fetchone() == (0,)
        assert sql.execute("SELECT count(*) FROM calls").fetchone() == (1,)
        assert sql.execute("SELECT count(*) FROM target_claims").fetchone() == (0,)


def test_temporary_tables_do_not_catch_what_the_database_writes_for_an_operator(team: Team) -> None:
    """The SECURITY DEFINER triggers write last_calls and change_log: not the operator's own copies."""
    with team.plain(team.alice) as sql:
        for table in ("users", "contacts", "targets", "last_calls", "change_log"):
            sql.execute(f"CREATE TEMP TABLE {table} (LIKE public.{table})")
        sql.execute("SET search_path = pg_temp, public")
        call = sql.execute(
            "INSERT INTO public.calls (phone, direction, started_at, user_id, list_id) "
            "SELECT %s, 'outbound', now(), id, %s FROM public.users WHERE login = %s RETURNING id",
            (team.alice_phones[0], team.list_id, team.alice),
        ).fetchone()
        assert call is not None
        for table in ("last_calls", "change_log"):
            assert sql.execute(f"SELECT count(*) FROM pg_temp.{table}").fetchone() == (0,)
    with plain_sql(team.admin_url) as sql:
        assert sql.execute("SELECT call_id FROM last_calls WHERE phone = %s", (team.alice_phones[0],)).fetchone() == call
        logged = sql.execute(
            "SELECT count(*) FROM change_log WHERE table_name = 'last_calls' AND phone = %s", (team.alice_phones[0],)
        ).fetchone()
        assert logged == (1,)


def test_every_security_definer_function_pins_its_search_path_and_is_not_public(team: Team) -> None:
    with plain_sql(team.admin_url) as sql:
        functions = sql.execute(
            "SELECT p.proname, p.proconfig, "
            "p.proacl IS NULL OR EXISTS (SELECT FROM aclexplode(p.proacl) a WHERE a.grantee = 0) "
            "FROM pg_proc p WHERE p.pronamespace = to_regnamespace(current_schema())::oid AND p.prosecdef"
        ).fetchall()
    assert {name for name, _, _ in functions} >= {"calllist_user_id", "calllist_follow_call", "calllist_log_targets"}
    for name, config, public in functions:
        assert config == ["search_path=pg_catalog, pg_temp"], name
        assert not public, f"{name} is executable by PUBLIC"


# --- 3. calls and claims the server vouches for ------------------------------------------------


def test_an_operator_writes_calls_only_for_their_targets_or_as_dialled_by_hand(team: Team) -> None:
    alice_id = team.user_id(team.alice)
    with team.plain(team.alice) as sql:
        refused = [
            (team.bob_phones[1], "outbound", team.list_id, False),  # someone else's number in a list
            (team.bob_phones[1], "outbound", team.other_list_id, False),
            (team.alice_phones[0], "outbound", team.other_list_id, False),  # own number, wrong list
            (team.bob_phones[1], "outbound", None, False),  # no list, but not said to be dialled by hand
            (team.bob_phones[1], "outbound", team.list_id, True),  # "by hand" with a list
        ]
        for phone, direction, list_id, by_hand in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(CALL, (phone, direction, FUTURE, alice_id, list_id, by_hand))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a finished call, at once
            sql.execute(
                "INSERT INTO public.calls (phone, direction, started_at, user_id, list_id, outcome) "
                "VALUES (%s, 'outbound', now(), %s, %s, 'answered')",
                (team.alice_phones[0], alice_id, team.list_id),
            )
        before = server_now(sql)
        accepted = [
            (team.alice_phones[0], "outbound", team.list_id, False),
            (team.bob_phones[1], "outbound", None, True),
            (team.bob_phones[2], "inbound", None, False),
        ]
        for phone, direction, list_id, by_hand in accepted:
            row = sql.execute(CALL, (phone, direction, FUTURE, alice_id, list_id, by_hand)).fetchone()
            assert row is not None
            assert before <= row[1] <= server_now(sql), "the start is the server's, not 2099"
    with plain_sql(team.admin_url) as sql:
        latest = sql.execute("SELECT max(started_at) FROM last_calls").fetchone()
        assert latest is not None and latest[0] < FUTURE - timedelta(days=365 * 50)


def test_an_operators_call_times_stay_between_its_start_and_the_servers_now(team: Team) -> None:
    alice_id = team.user_id(team.alice)
    with team.plain(team.alice) as sql:
        row = sql.execute(CALL, (team.alice_phones[0], "outbound", FUTURE, alice_id, team.list_id, False)).fetchone()
        assert row is not None
        call_id, started = row
        sql.execute(
            "UPDATE public.calls SET outcome = 'answered', answered_at = '1999-01-01Z', ended_at = '2099-01-01Z' "
            "WHERE id = %s",
            (call_id,),
        )
        now = server_now(sql)
        answered, ended = sql.execute("SELECT answered_at, ended_at FROM public.calls WHERE id = %s", (call_id,)).fetchone()  # type: ignore[misc]
        assert started <= answered <= ended <= now
        # A finished call keeps its outcome and times; only its wrap-up may change.
        sql.execute(
            "UPDATE public.calls SET outcome = 'busy', ended_at = '2099-01-01Z', note = 'かけ直し' WHERE id = %s",
            (call_id,),
        )
        assert sql.execute("SELECT outcome, ended_at, note FROM public.calls WHERE id = %s", (call_id,)).fetchone() == (
            "answered",
            ended,
            "かけ直し",
        )
        # Someone else's call is out of reach.
        assert sql.execute("UPDATE public.calls SET outcome = 'busy' WHERE user_id <> %s", (alice_id,)).rowcount == 0
    with plain_sql(team.admin_url) as sql:
        assert sql.execute("SELECT outcome FROM last_calls WHERE phone = %s", (team.bob_phones[0],)).fetchone() == (
            "answered",
        )


def test_a_fake_answered_call_no_longer_makes_auto_call_skip_a_number(team: Team) -> None:
    """The probe's attack: an answered call dated 2099, dialled "by hand" for bob's number."""
    alice_id = team.user_id(team.alice)
    phone = team.bob_phones[1]
    with team.plain(team.alice) as sql:
        row = sql.execute(CALL, (phone, "outbound", FUTURE, alice_id, None, True)).fetchone()
        assert row is not None
        sql.execute(
            "UPDATE public.calls SET outcome = 'answered', answered_at = %s, ended_at = %s WHERE id = %s",
            (FUTURE, FUTURE, row[0]),
        )
    bob = Store.open(team.url_as(team.bob))
    try:
        run_started = datetime.now(UTC) + timedelta(seconds=1)  # bob's auto-call starts later
        result = bob.claim_target(team.list_id, phone, user=team.bob, holder="run", ttl=60, not_called_since=run_started)
        assert result == ClaimResult.CLAIMED
    finally:
        bob.close()


def test_an_operator_claims_only_their_targets_and_for_the_servers_time(team: Team) -> None:
    alice_id, bob_id = team.user_id(team.alice), team.user_id(team.bob)
    phone = team.alice_phones[0]
    left = "SELECT expires_at - extract(epoch FROM clock_timestamp()) FROM public.target_claims WHERE phone = %s"
    with team.plain(team.alice) as sql:
        sql.execute(
            "INSERT INTO public.target_claims (list_id, phone, holder, user_id, expires_at) VALUES (%s, %s, 'forever', %s, 1e300)",
            (team.list_id, phone, alice_id),
        )
        seconds = sql.execute(left, (phone,)).fetchone()
        assert seconds is not None and 0 < seconds[0] <= 300
        for forever in ("'Infinity'", "'NaN'", "1e300"):
            sql.execute(f"UPDATE public.target_claims SET expires_at = {forever} WHERE phone = %s", (phone,))
            seconds = sql.execute(left, (phone,)).fetchone()
            assert seconds is not None and 0 < seconds[0] <= 300, forever
        for target, user_id in ((team.bob_phones[1], alice_id), (team.alice_phones[1], bob_id)):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(
                    "INSERT INTO public.target_claims (list_id, phone, holder, user_id, expires_at) VALUES (%s, %s, 'x', %s, 0)",
                    (team.list_id, target, user_id),
                )
    # Given to bob, the number comes with a claim that ends within minutes: he sees it, and his
    # run takes the number once it has ended.
    owner = Store.open(team.admin_url)
    try:
        owner.set_assignee(team.list_id, [phone], team.bob)
    finally:
        owner.close()
    with team.plain(team.bob) as sql:
        seconds = sql.execute(left, (phone,)).fetchone()
        assert seconds is not None and seconds[0] <= 300
