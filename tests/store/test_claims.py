"""Claims in the store (core.claims contract) on SQLite and PostgreSQL, with several clients at once."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from calllist_desktop.core.claims import ClaimResult, TargetClaims
from calllist_desktop.store import claims
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows


@pytest.fixture
def listed(store: Store) -> tuple[Store, int, list[str]]:
    store.add_user("sato", autocall=True)
    store.add_user("tanaka", autocall=True)
    info = store.create_list("展示会")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(20)), assignee="sato").ok
    phones = [target.phone for target in store.targets(info.id)]
    return store, info.id, phones


def holder_of(store: Store, list_id: int, phone: str) -> str | None:
    with store.engine.connect() as connection:
        return claims.live_holder(connection, list_id, phone)


def test_the_store_is_a_target_claims(store: Store) -> None:
    claims_api: TargetClaims = store  # mypy checks the protocol; this line checks it runs
    assert callable(claims_api.claim_target)


def test_a_claim_is_granted_once_and_renewed_by_its_holder(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    assert store.claim_target(list_id, phones[0], user="sato", holder="run-a", ttl=60) == ClaimResult.CLAIMED
    assert store.claim_target(list_id, phones[0], user="sato", holder="run-b", ttl=60) == ClaimResult.HELD_ELSEWHERE
    assert store.claim_target(list_id, phones[0], user="sato", holder="run-a", ttl=60) == ClaimResult.CLAIMED
    assert holder_of(store, list_id, phones[0]) == "run-a"
    assert store.renew_claim(list_id, phones[0], holder="run-a", ttl=60)
    assert not store.renew_claim(list_id, phones[0], holder="run-b", ttl=60)
    store.release_claim(list_id, phones[0], holder="run-b")  # not b's: nothing happens
    assert holder_of(store, list_id, phones[0]) == "run-a"
    store.release_claim(list_id, phones[0], holder="run-a")
    assert holder_of(store, list_id, phones[0]) is None
    store.release_claim(list_id, phones[0], holder="run-a")  # already gone: no error
    assert store.claim_target(list_id, phones[0], user="sato", holder="run-b", ttl=60) == ClaimResult.CLAIMED


def test_excluded_unassigned_and_removed_targets_are_refused(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    store.set_excluded(list_id, [phones[0]], True)
    assert store.claim_target(list_id, phones[0], user="sato", holder="a", ttl=60) == ClaimResult.EXCLUDED
    assert store.claim_target(list_id, phones[1], user="tanaka", holder="a", ttl=60) == ClaimResult.GONE
    store.remove_targets(list_id, [phones[2]])
    assert store.claim_target(list_id, phones[2], user="sato", holder="a", ttl=60) == ClaimResult.GONE
    assert store.claim_target(list_id, "+81300000000", user="sato", holder="a", ttl=60) == ClaimResult.GONE


def test_a_removed_target_takes_its_claim_with_it(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    assert store.claim_target(list_id, phones[3], user="sato", holder="a", ttl=60) == ClaimResult.CLAIMED
    store.remove_targets(list_id, [phones[3]])
    assert store.counts()["target_claims"] == 0


def test_an_expired_claim_can_be_taken_by_another(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    assert store.claim_target(list_id, phones[0], user="sato", holder="dead", ttl=0.2) == ClaimResult.CLAIMED
    assert store.claim_target(list_id, phones[0], user="sato", holder="b", ttl=60) == ClaimResult.HELD_ELSEWHERE
    time.sleep(0.3)
    assert holder_of(store, list_id, phones[0]) is None
    assert store.claim_target(list_id, phones[0], user="sato", holder="b", ttl=60) == ClaimResult.CLAIMED
    assert not store.renew_claim(list_id, phones[0], holder="dead", ttl=60)


def test_expiry_uses_the_database_clock(listed: tuple[Store, int, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """A client whose clock runs an hour fast does not see others' claims as expired."""
    store, list_id, phones = listed
    assert store.claim_target(list_id, phones[0], user="sato", holder="a", ttl=60) == ClaimResult.CLAIMED
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)
    assert store.claim_target(list_id, phones[0], user="sato", holder="b", ttl=60) == ClaimResult.HELD_ELSEWHERE


def test_two_clients_racing_never_both_hold_a_target(store_url: str, listed: tuple[Store, int, list[str]]) -> None:
    """Two Store objects (two clients), three threads each, all claiming the same 20 targets."""
    _, list_id, phones = listed
    clients = [Store.open(store_url), Store.open(store_url)]
    granted: Counter[str] = Counter()
    lock = threading.Lock()
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def race(client: Store, holder: str) -> None:
        try:
            start.wait()
            for phone in phones:
                if client.claim_target(list_id, phone, user="sato", holder=holder, ttl=60) == ClaimResult.CLAIMED:
                    with lock:
                        granted[phone] += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [
        threading.Thread(target=race, args=(client, f"client{c}-run{r}"))
        for c, client in enumerate(clients)
        for r in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    assert errors == []
    assert set(granted) == set(phones)
    assert max(granted.values()) == 1, "a target was granted to two holders"


def test_a_number_called_since_the_run_began_is_not_claimed_again(listed: tuple[Store, int, list[str]]) -> None:
    """Two windows of one operator auto-calling at once: what one called, the other passes over."""
    from datetime import UTC, datetime, timedelta

    from calllist_desktop.core.outcomes import Direction, Outcome

    store, list_id, phones = listed
    run_began = datetime.now(UTC)
    call = store.start_call(phones[0], Direction.OUTBOUND, user="sato", list_id=list_id)
    store.finish_call(call, Outcome.BUSY, sip_status=486)
    assert (
        store.claim_target(list_id, phones[0], user="sato", holder="b", ttl=60, not_called_since=run_began)
        == ClaimResult.CALLED
    )
    earlier = run_began + timedelta(minutes=5)  # a run that began after that call may dial it
    assert (
        store.claim_target(list_id, phones[0], user="sato", holder="b", ttl=60, not_called_since=earlier)
        == ClaimResult.CLAIMED
    )
    assert (
        store.claim_target(list_id, phones[1], user="sato", holder="b", ttl=60, not_called_since=run_began)
        == ClaimResult.CLAIMED
    )


def test_closing_a_crashed_runs_calls_frees_their_claims_and_no_others(listed: tuple[Store, int, list[str]]) -> None:
    """A run killed mid-call leaves an open row and a live claim; the next start closes the row
    as interrupted and frees that claim at once (issue 16 item 10), but not the claims of live
    calls of other people, nor one without an open call (it expires)."""
    from calllist_desktop.core.outcomes import Direction

    store, list_id, phones = listed
    store.set_assignee(list_id, [phones[2]], "tanaka")
    assert store.claim_target(list_id, phones[0], user="sato", holder="sato:dead", ttl=600) == ClaimResult.CLAIMED
    store.start_call(phones[0], Direction.OUTBOUND, user="sato", list_id=list_id)
    assert store.claim_target(list_id, phones[1], user="sato", holder="sato:dead", ttl=600) == ClaimResult.CLAIMED
    assert store.claim_target(list_id, phones[2], user="tanaka", holder="tanaka:live", ttl=600) == ClaimResult.CLAIMED
    store.start_call(phones[2], Direction.OUTBOUND, user="tanaka", list_id=list_id)

    assert store.close_interrupted_calls(user="sato") == 1
    assert holder_of(store, list_id, phones[0]) is None
    assert holder_of(store, list_id, phones[1]) == "sato:dead"
    assert holder_of(store, list_id, phones[2]) == "tanaka:live"
    assert store.claim_target(list_id, phones[0], user="sato", holder="sato:resumed", ttl=60) == ClaimResult.CLAIMED
