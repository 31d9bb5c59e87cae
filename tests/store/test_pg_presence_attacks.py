"""Attacks on the team board's presence rows (migration 0007) by an operator with plain SQL
through their own database role, and the board as each person's own client sees it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from calllist_desktop.store.errors import PermissionDenied
from calllist_desktop.store.report import ReportQuery
from calllist_desktop.store.store import Store
from tests.pg_team import Team, plain_sql

pytestmark = pytest.mark.postgres

PRESENCE = "INSERT INTO public.presence (user_id, client_id, signed_in_at, seen_at, call_phone, on_call_since) VALUES (%s, %s, %s, %s, %s, %s)"
FUTURE = datetime(2099, 1, 1, tzinfo=UTC)


def bob_signed_in(team: Team) -> None:
    bob = Store.open(team.url_as(team.bob))
    try:
        bob.set_presence(
            team.bob, client="bob-pc", call_phone=team.bob_phones[0], on_call_since=datetime.now(UTC)
        )
    finally:
        bob.close()


def test_an_operator_neither_sees_nor_writes_anyone_elses_presence(team: Team) -> None:
    bob_signed_in(team)
    bob_id = team.user_id(team.bob)
    now = datetime.now(UTC)
    with team.plain(team.alice) as sql:
        assert sql.execute("SELECT count(*) FROM public.presence").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security's WITH CHECK
            sql.execute(PRESENCE, (bob_id, "forged", now, now, None, None))
        changed = sql.execute(
            "UPDATE public.presence SET call_phone = NULL, on_call_since = NULL WHERE user_id = %s", (bob_id,)
        )
        assert changed.rowcount == 0
        assert sql.execute("DELETE FROM public.presence WHERE user_id = %s", (bob_id,)).rowcount == 0
        alice_id = team.user_id(team.alice)
        sql.execute(PRESENCE, (alice_id, "mine", now, now, None, None))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # cannot give her row to bob
            sql.execute("UPDATE public.presence SET user_id = %s WHERE user_id = %s", (bob_id, alice_id))
    with plain_sql(team.admin_url) as sql:
        rows = sql.execute(
            "SELECT user_id, client_id, call_phone FROM public.presence ORDER BY user_id"
        ).fetchall()
    assert (bob_id, "bob-pc", team.bob_phones[0]) in rows, "bob's row is as bob wrote it"
    assert [r for r in rows if r[0] == bob_id] == [(bob_id, "bob-pc", team.bob_phones[0])]


def test_an_operator_cannot_keep_a_row_fresh_with_a_time_of_their_own(team: Team) -> None:
    alice_id = team.user_id(team.alice)
    with team.plain(team.alice) as sql:
        sql.execute(PRESENCE, (alice_id, "pc", FUTURE, FUTURE, "+81312345678", FUTURE))
        sql.execute(
            "UPDATE public.presence SET seen_at = %s, signed_in_at = %s WHERE user_id = %s",
            (FUTURE, FUTURE, alice_id),
        )
        row = sql.execute(
            "SELECT signed_in_at, seen_at, on_call_since, clock_timestamp() FROM public.presence WHERE user_id = %s",
            (alice_id,),
        ).fetchone()
    assert row is not None
    signed_in, seen, on_call, server_now = row
    for moment in (signed_in, seen, on_call):
        assert moment <= server_now and server_now - moment < timedelta(minutes=1)


def test_an_operator_does_not_see_others_presence_news(team: Team) -> None:
    with team.plain(team.alice) as sql:
        before = sql.execute("SELECT coalesce(max(id), 0) FROM public.change_log").fetchone()
    bob_signed_in(team)
    with plain_sql(team.admin_url) as sql:
        logged = sql.execute(
            "SELECT count(*) FROM public.change_log WHERE table_name = 'presence'"
        ).fetchone()
    assert logged is not None and logged[0] >= 1, "the manager's board gets the news"
    with team.plain(team.alice) as sql:
        seen = sql.execute("SELECT count(*) FROM public.change_log WHERE table_name = 'presence'").fetchone()
        after = sql.execute("SELECT coalesce(max(id), 0) FROM public.change_log").fetchone()
    assert seen == (0,) and after == before
    with team.plain(team.bob) as sql:
        own = sql.execute("SELECT count(*) FROM public.change_log WHERE table_name = 'presence'").fetchone()
    assert own is not None and own[0] >= 1, "bob sees the news of his own row"


def test_the_board_shows_an_operator_only_their_own_line_and_a_manager_everyone(team: Team) -> None:
    bob_signed_in(team)
    alice = Store.open(team.url_as(team.alice))
    boss = Store.open(team.url_as(team.boss))
    try:
        alice.set_presence(team.alice, client="alice-pc")
        assert [row.login for row in alice.team_board()] == [team.alice]
        everyone = {row.login: row for row in boss.team_board()}
        assert set(everyone) == {team.alice, team.bob, team.boss}
        assert everyone[team.bob].signed_in and everyone[team.bob].call_phone == team.bob_phones[0]
        assert (
            everyone[team.bob].calls_today == 1 and everyone[team.bob].answered_today == 1
        )  # pg_team's call
        with pytest.raises(PermissionDenied):
            alice.set_presence(team.bob, client="forged")
        today = boss.today()
        by_operator = ReportQuery(today, today, "operator")
        assert [row.key for row in boss.report(by_operator)] == [team.bob]
        assert alice.report(by_operator) == [], "row-level security: an operator's report is their own calls"
    finally:
        alice.close()
        boss.close()
