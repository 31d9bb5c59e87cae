"""A target's plan and the claim agree on a due callback (issue 14): when the number was called,
or called in, since the callback fell due, the claim for the callback is refused, and the plan
(the 「今かけられる」 filter) does not count the callback either."""

from __future__ import annotations

from datetime import timedelta

from calllist_desktop.core.campaign_rules import Hold, ListRules
from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from tests.store.test_campaign_rules import MONDAY_9, call, listed  # noqa: F401 - listed: a fixture


def test_a_call_in_after_the_callback_fell_due_lifts_it_for_the_plan_as_for_the_claim(
    listed: tuple[Store, int, list[str]],  # noqa: F811 - the fixture imported above
) -> None:
    store, list_id, phones = listed
    store.set_list_rules(list_id, ListRules(retry_delays={"busy": timedelta(hours=2)}))
    for phone in phones[:2]:
        call(store, list_id, phone, Outcome.BUSY, MONDAY_9 - timedelta(hours=1))
        store.add_callback(phone, due_at=MONDAY_9 - timedelta(minutes=30), list_id=list_id, by="sato")
    incoming = store.start_call(
        phones[0], Direction.INBOUND, user="sato", started_at=MONDAY_9 - timedelta(minutes=10)
    )
    store.finish_call(incoming, Outcome.MISSED, ended_at=MONDAY_9 - timedelta(minutes=9))

    plans = store.target_plans(list_id, user="sato", now=MONDAY_9)
    assert plans[phones[0]].hold is Hold.RETRY_DELAY and not plans[phones[0]].dialable_now
    assert plans[phones[1]].hold is None and plans[phones[1]].dialable_now
    for phone, wanted in ((phones[0], ClaimResult.CALLED), (phones[1], ClaimResult.CLAIMED)):
        result = store.claim_target(
            list_id,
            phone,
            user="sato",
            holder="run",
            ttl=60,
            now=MONDAY_9,
            callback=True,
            not_called_since=MONDAY_9 - timedelta(minutes=30),
        )
        store.release_claim(list_id, phone, holder="run")
        assert result is wanted, phone
