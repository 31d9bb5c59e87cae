"""Choosing auto-call's next target under the list's campaign rules must stay fast with a long
call history (issue 14).

Store: SQLite made with ``Store.open``, one list of 5,000 targets (``Store.import_csv``) and
2,000,000 calls written straight into ``calls`` by ``bench/list_read.py``'s loader (half of them
to the targets, over a year), then ``last_calls`` and ``target_attempts`` derived from them
(``Store.rebuild_last_calls``, ``Store.rebuild_target_attempts``; timed and printed). 100 of
the targets are on the do-not-call list, 50 callbacks are open (not due).

Rules of the list: at most 200 attempts, retry after no_answer 30 days and busy 7 days, the
default ending outcomes, calling hours 09:00-18:00 Monday to Friday, holidays skipped; the
clock is a Tuesday 10:00 in Tokyo. About a third of the targets are held back by them.

A PICK is what auto-call does before each dial (``core.autocall``'s ``_next``): ask for due
callbacks, then ``Store.claim_first`` over the next PICK_BATCH targets from where the last pick
stopped (one transaction: one read screens them for exclusion, assignee, the do-not-call list,
the numbering plan and the rules; the first that passes is claimed, which locks and checks it
again), again with the next batch if none passed. The claim is released afterwards, untimed (no
call is placed). PICKS picks from the top of the list.

VALUE: the median time per pick under the rules.
FLOOR: the same picks with the rules taken out (``store.claims.screen_targets`` and
``check_target`` replaced by "nothing holds it", no callback query): the claim as it was
before issue 14, over the same targets (every target is then granted, one per pick).
Goals: value <= 10 ms per pick, and value <= 2 x floor. Also printed: how many targets the
picks screened (under the rules a pick passes over the held ones).

Value and floor alternate, REPEAT times each, after a warm-up.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from _support import ms, print_verdict, report, warm_phonenumbers
from list_read import CALLS, TARGETS, build_store, generate_calls, load_calls

from calllist_desktop.core.autocall import PICK_BATCH
from calllist_desktop.core.campaign_rules import ListRules, parse_hours
from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.store import claims as store_claims
from calllist_desktop.store.store import Store

PICKS = 300
REPEAT = 5
GOAL_MS = 10.0
MAX_RATIO = 2.0
NOW = datetime(2026, 11, 10, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))  # a Tuesday, no holiday
USER = "op1"

RULES = ListRules(
    max_attempts=200,
    retry_delays={"no_answer": timedelta(days=30), "busy": timedelta(days=7)},
    hours=parse_hours("09:00-18:00"),
    days=frozenset(range(5)),
)


def run_picks(store: Store, list_id: int, phones: list[str], *, rules: bool) -> tuple[list[float], int]:
    """PICKS picks from the top, as the engine makes them; the seconds of each, and how many
    targets they screened."""
    times: list[float] = []
    screened = 0
    index = 0
    started = datetime.now().astimezone()
    while len(times) < PICKS and index < len(phones):
        begin = time.perf_counter()
        if rules:
            store.due_callbacks(list_id, user=USER, now=NOW)
        granted = None
        while index < len(phones) and granted is None:
            answers = store.claim_first(
                list_id,
                phones[index : index + PICK_BATCH],
                user=USER,
                holder="bench",
                ttl=60,
                not_called_since=started,
                now=NOW,
            )
            index += len(answers)
            screened += len(answers)
            if answers and answers[-1][1] is ClaimResult.CLAIMED:
                granted = answers[-1][0]
        times.append(time.perf_counter() - begin)
        if granted is not None:
            store.release_claim(list_id, granted, holder="bench")
    return times, screened


def without_rules(function: Callable[[], tuple[list[float], int]]) -> tuple[list[float], int]:
    """Run ``function`` with the claim's campaign checks taken out (the floor): nothing screened
    out, nothing held by the claim."""
    original_check, original_screen = store_claims.check_target, store_claims.screen_targets

    def screen_nothing(
        connection: object, list_id: int, phones: list[str], *args: object
    ) -> Iterator[tuple[object, ...]]:
        return ((phone, False, False, None, None) for phone in phones)

    store_claims.check_target = lambda *args, **kwargs: (None, None)  # type: ignore[assignment]
    store_claims.screen_targets = screen_nothing  # type: ignore[assignment]
    try:
        return function()
    finally:
        store_claims.check_target, store_claims.screen_targets = original_check, original_screen


def main() -> None:
    warm_phonenumbers()
    with tempfile.TemporaryDirectory(prefix="calllist-bench-") as tmp:
        folder = Path(tmp)
        path = folder / "list_read.sqlite3"
        store, list_id, user_ids, phones = build_store(folder)
        store.close()
        load_calls(path, generate_calls(CALLS, phones, list_id, user_ids))
        store = Store.open(f"sqlite:///{path}")
        try:
            started = time.perf_counter()
            store.rebuild_last_calls()
            attempts = store.rebuild_target_attempts()
            print(
                f"derived last_calls and target_attempts ({attempts:,} targets) in {time.perf_counter() - started:.1f} s"
            )
            store.set_list_rules(list_id, RULES)
            store.add_dnc(phones[::50], reason="bench")
            for index in range(50):
                store.add_callback(
                    phones[index * 97], list_id=list_id, due_at=NOW + timedelta(days=1), by=USER
                )
            plans = store.target_plans(list_id, user=USER, now=NOW)
            dialable = sum(1 for plan in plans.values() if plan.dialable_now)
            print(f"{TARGETS} targets, {CALLS:,} calls; dialable now under the rules: {dialable}")

            samples: dict[str, list[float]] = {"value": [], "floor": []}
            claims_per_run: dict[str, int] = {}
            run_picks(store, list_id, phones, rules=True)  # warm-up
            without_rules(lambda: run_picks(store, list_id, phones, rules=False))
            for _ in range(REPEAT):
                times, claims = run_picks(store, list_id, phones, rules=True)
                samples["value"].extend(times)
                claims_per_run["value"] = claims
                times, claims = without_rules(lambda: run_picks(store, list_id, phones, rules=False))
                samples["floor"].extend(times)
                claims_per_run["floor"] = claims
        finally:
            store.close()

    value = statistics.median(samples["value"])
    floor = statistics.median(samples["floor"])
    per_claim = sum(samples["value"]) / REPEAT / claims_per_run["value"]
    floor_per_claim = sum(samples["floor"]) / REPEAT / claims_per_run["floor"]
    p95 = statistics.quantiles(samples["value"], n=20)[-1]
    print(f"pick under the rules: median {ms(value)}, p95 {ms(p95)}, max {ms(max(samples['value']))}")
    print(f"  {claims_per_run['value']} targets screened for {PICKS} picks; {ms(per_claim)} per target")
    print(
        f"pick without rules (floor): median {ms(floor)}; {claims_per_run['floor']} targets, {ms(floor_per_claim)} per target"
    )
    print_verdict(
        f"median pick <= {GOAL_MS:g} ms",
        value * 1000,
        floor * 1000,
        "ms",
        MAX_RATIO,
        met=value * 1000 <= GOAL_MS,
    )
    report(
        "next_target",
        value * 1000,
        floor * 1000,
        "ms",
        MAX_RATIO,
        goal=f"<= {GOAL_MS:g} ms and ratio <= {MAX_RATIO:g}",
        met=value * 1000 <= GOAL_MS and value / floor <= MAX_RATIO,
    )


if __name__ == "__main__":
    main()
