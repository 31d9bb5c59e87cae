"""The phone's reads of calls (最近の通話, a number's 履歴) as an operator's own PostgreSQL role:
they work under row-level security and show only the calls that role may see."""

from __future__ import annotations

import pytest

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from tests.pg_team import Team

pytestmark = pytest.mark.postgres


def test_an_operator_reads_their_recent_calls_and_only_the_calls_they_may_see(team: Team) -> None:
    alice = Store.open(team.url_as(team.alice))
    bob = Store.open(team.url_as(team.bob))
    try:
        assert alice.recent_calls(team.alice) == []
        call = alice.start_call(team.alice_phones[0], Direction.OUTBOUND, user=team.alice, list_id=team.list_id)
        alice.finish_call(call, Outcome.BUSY)
        mine = alice.recent_calls(team.alice)
        assert [(r.phone, r.outcome, r.agent_login) for r in mine] == [(team.alice_phones[0], Outcome.BUSY, team.alice)]
        assert mine[0].person  # her own contact's name comes along
        assert [r.outcome for r in alice.calls_of(team.alice_phones[0])] == [Outcome.BUSY]
        # Bob's call with his number is not hers to read; her recent calls are hers alone.
        assert alice.calls_of(team.bob_phones[0]) == []
        assert alice.recent_calls(team.bob) == []
        assert [r.outcome for r in bob.calls_of(team.bob_phones[0])] == [Outcome.ANSWERED]
    finally:
        alice.close()
        bob.close()
