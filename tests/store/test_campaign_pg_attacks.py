"""The campaign tables in team mode, attacked by an operator with plain SQL through their own
database role and through the program (migration 0006, issue 14): rules, the do-not-call list
and dispositions are the managers'; attempts are the server's; callbacks and notes are per person.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import PermissionDenied
from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import open_watcher
from tests.pg_team import Team, plain_sql

pytestmark = pytest.mark.postgres

SOON = datetime(2099, 1, 1, tzinfo=UTC)


def test_an_operator_cannot_write_rules_the_do_not_call_list_dispositions_or_attempts(team: Team) -> None:
    owner = Store.open(team.admin_url)
    owner.set_list_rules(team.list_id, ListRules(max_attempts=1))
    owner.add_dnc([team.bob_phones[2]], reason="申し出")
    owner.add_disposition("アポ獲得", ends_target=True)
    alice_id = team.user_id(team.alice)
    try:
        with team.plain(team.alice) as sql:
            assert sql.execute("SELECT max_attempts FROM list_rules").fetchall() == [(1,)]  # everyone reads
            assert sql.execute("SELECT count(*) FROM do_not_call").fetchone() == (1,)
            for attack in (
                "UPDATE list_rules SET max_attempts = NULL",
                f"INSERT INTO list_rules (list_id, retry_delays, ending_outcomes) VALUES ({team.other_list_id}, '{{}}', '[]')",
                "DELETE FROM list_rules",
                "TRUNCATE list_rules",
                "DELETE FROM do_not_call",
                "UPDATE do_not_call SET phone = '+810000000000'",
                f"INSERT INTO do_not_call (phone, reason) VALUES ('{team.alice_phones[0]}', 'x')",
                "UPDATE dispositions SET ends_target = false",
                "INSERT INTO dispositions (name) VALUES ('勝手に')",
                "DELETE FROM dispositions",
                f"INSERT INTO target_attempts (list_id, phone, attempts) VALUES ({team.list_id}, '{team.alice_phones[0]}', 0)",
                "UPDATE target_attempts SET attempts = 0",
                "DELETE FROM target_attempts",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    sql.execute(attack)
        alice = Store.open(team.url_as(team.alice))
        try:
            with pytest.raises(PermissionDenied):
                alice.set_list_rules(team.list_id, ListRules())
            with pytest.raises(PermissionDenied):
                alice.remove_dnc([team.bob_phones[2]])
            with pytest.raises(PermissionDenied):
                alice.add_disposition("勝手に")
        finally:
            alice.close()
        with plain_sql(team.admin_url) as sql:
            assert sql.execute("SELECT max_attempts FROM list_rules").fetchall() == [(1,)]
            assert sql.execute("SELECT phone FROM do_not_call").fetchall() == [(team.bob_phones[2],)]
            assert sql.execute("SELECT name, ends_target FROM dispositions WHERE name = 'アポ獲得'").fetchall() == [("アポ獲得", True)]
            assert sql.execute("SELECT count(*) FROM target_attempts WHERE phone = ANY(%s)", (team.alice_phones,)).fetchone() == (0,)
        assert alice_id > 0
    finally:
        owner.close()


def test_the_operators_own_claims_obey_the_rules_and_the_block_the_server_keeps(team: Team) -> None:
    owner = Store.open(team.admin_url)
    alice = Store.open(team.url_as(team.alice))
    try:
        owner.set_list_rules(team.list_id, ListRules(max_attempts=1))
        owner.add_disposition("発信拒否", ends_target=True, blocks_number=True)
        first, second, third = team.alice_phones
        call = alice.start_call(first, Direction.OUTBOUND, user=team.alice, list_id=team.list_id)
        alice.finish_call(call, Outcome.NO_ANSWER)
        # The attempt was counted by the server (she cannot write target_attempts herself).
        assert alice.target_plans(team.list_id, user=team.alice)[first].attempts == 1
        assert alice.claim_target(team.list_id, first, user=team.alice, holder="a", ttl=60) is ClaimResult.DONE
        assert alice.claim_target(team.list_id, second, user=team.alice, holder="a", ttl=60) is ClaimResult.CLAIMED
        alice.release_claim(team.list_id, second, holder="a")
        picked = alice.claim_first(team.list_id, [first, team.bob_phones[0], second], user=team.alice, holder="a", ttl=60)
        assert picked == [(first, ClaimResult.DONE), (team.bob_phones[0], ClaimResult.GONE), (second, ClaimResult.CLAIMED)]
        alice.release_claim(team.list_id, second, holder="a")
        # Her wrap-up's blocking disposition puts the number on the list through the server.
        call = alice.start_call(third, Direction.OUTBOUND, user=team.alice, list_id=team.list_id)
        alice.finish_call(call, Outcome.ANSWERED)
        alice.annotate_call(call, disposition="発信拒否", note="二度とかけないで")
        assert alice.dial_refusal(third) is not None
        owner.set_list_rules(team.list_id, ListRules())
        assert alice.claim_target(team.list_id, third, user=team.alice, holder="a", ttl=60) is ClaimResult.BLOCKED
        # Her attempt rows are hers to read, bob's are not.
        with team.plain(team.alice) as sql:
            phones = {row[0] for row in sql.execute("SELECT phone FROM target_attempts")}
        assert phones == {first, third}
    finally:
        alice.close()
        owner.close()


def test_callbacks_and_notes_are_per_person(team: Team) -> None:
    owner = Store.open(team.admin_url)
    alice = Store.open(team.url_as(team.alice))
    bob = Store.open(team.url_as(team.bob))
    alice_id, bob_id = team.user_id(team.alice), team.user_id(team.bob)
    try:
        for_bob = owner.add_callback(team.bob_phones[0], list_id=team.list_id, due_at=SOON, to=team.bob)
        mine = alice.add_callback(team.alice_phones[0], list_id=team.list_id, due_at=SOON, by=team.alice)
        assert [c.id for c in alice.callbacks()] == [mine.id]
        assert {c.id for c in bob.callbacks()} == {for_bob.id}
        with team.plain(team.alice) as sql:
            assert sql.execute("SELECT count(*) FROM callbacks WHERE id = %s", (for_bob.id,)).fetchone() == (0,)
            assert sql.execute("DELETE FROM callbacks WHERE id = %s", (for_bob.id,)).rowcount == 0
            assert sql.execute("UPDATE callbacks SET due_at = now() WHERE id = %s", (for_bob.id,)).rowcount == 0
            for attack, values in (  # as bob, or on bob's number
                (
                    "INSERT INTO callbacks (phone, list_id, user_id, created_by, due_at) VALUES (%s, %s, %s, %s, now())",
                    (team.alice_phones[1], team.list_id, alice_id, bob_id),
                ),
                (
                    "INSERT INTO callbacks (phone, list_id, user_id, created_by, due_at) VALUES (%s, %s, %s, %s, now())",
                    (team.bob_phones[1], team.list_id, bob_id, alice_id),
                ),
                (
                    "INSERT INTO contact_notes (phone, user_id, note) VALUES (%s, %s, 'x')",
                    (team.alice_phones[0], bob_id),
                ),
                (
                    "INSERT INTO contact_notes (phone, user_id, note) VALUES (%s, %s, 'x')",
                    (team.bob_phones[0], alice_id),
                ),
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    sql.execute(attack, values)
        with pytest.raises(PermissionDenied):  # a callback on bob's number
            alice.add_callback(team.bob_phones[1], list_id=team.list_id, due_at=SOON, by=team.alice)
        assert owner.add_note(team.bob_phones[0], "bob の番号", user=team.boss) > 0
        assert [e.note for e in alice.history(team.bob_phones[0])] == []
        assert [e.note for e in bob.history(team.bob_phones[0]) if e.kind == "note"] == ["bob の番号"]
    finally:
        for client in (alice, bob, owner):
            client.close()


def test_an_operator_reads_every_call_of_her_numbers_but_no_others(team: Team) -> None:
    alice = Store.open(team.url_as(team.alice))
    bob = Store.open(team.url_as(team.bob))
    try:
        hand = bob.start_call(team.alice_phones[0], Direction.OUTBOUND, user=team.bob)  # by hand
        bob.finish_call(hand, Outcome.BUSY)
        assert [(e.agent_login, e.outcome) for e in alice.history(team.alice_phones[0])] == [(team.bob, Outcome.BUSY)]
        assert alice.history(team.bob_phones[0]) == []  # bob's answered call on his own number
    finally:
        alice.close()
        bob.close()


def test_an_operator_follows_the_managers_campaign_changes_live(team: Team) -> None:
    alice = Store.open(team.url_as(team.alice))
    watcher = open_watcher(alice.engine)
    owner = Store.open(team.admin_url)
    try:
        owner.set_list_rules(team.list_id, ListRules(max_attempts=3))
        owner.add_dnc([team.alice_phones[1]])
        owner.add_callback(team.alice_phones[2], list_id=team.list_id, due_at=SOON + timedelta(days=1), to=team.alice)
        seen: set[str] = set()
        for _ in range(10):
            seen |= watcher.poll(1.0).tables
            if {"list_rules", "do_not_call", "callbacks"} <= seen:
                break
        assert {"list_rules", "do_not_call", "callbacks"} <= seen
        assert [c.phone for c in alice.callbacks(user=team.alice, mine=True)] == [team.alice_phones[2]]
    finally:
        watcher.close()
        alice.close()
        owner.close()


def test_an_operators_answered_incoming_call_answers_their_due_callback_under_their_role(team: Team) -> None:
    """In team mode the operator's own database role finishes the call and closes the callback
    (as an outbound call's start does); bob's callback on alice's caller is not hers to close."""
    owner = Store.open(team.admin_url)
    alice = Store.open(team.url_as(team.alice))
    try:
        due = datetime.now(UTC) - timedelta(minutes=1)
        phone = team.alice_phones[0]
        hers = owner.add_callback(phone, list_id=team.list_id, due_at=due, to=team.alice)
        bobs = owner.add_callback(phone, list_id=team.list_id, due_at=due, to=team.bob)
        call_id = alice.start_call(phone, Direction.INBOUND, user=team.alice)
        alice.finish_call(call_id, Outcome.ANSWERED, answered_at=datetime.now(UTC))
        done = {c.id: c.done_at for c in owner.callbacks(include_done=True)}
        assert done[hers.id] is not None and done[bobs.id] is None
    finally:
        alice.close()
        owner.close()
