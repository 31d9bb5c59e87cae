"""Campaign rules in the store's claim, at every boundary, on SQLite and PostgreSQL (issue 14).

The claim is the one check auto-call makes before each dial (in the transaction that takes the
claim), so each rule is tested through it: the attempt that reaches the limit, the second the
retry delay ends, 08:59:59 and 09:00:00 in Asia/Tokyo on a weekday, a Japanese public holiday,
the do-not-call list, premium-rate and international numbers, and due callbacks.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from calllist_desktop.core.campaign_rules import Hold, ListRules
from calllist_desktop.core.claims import ClaimResult
from calllist_desktop.core.dial_policy import ALLOW_INTERNATIONAL, ALLOW_PREMIUM, Refusal
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.campaign import DialRefused
from calllist_desktop.store.errors import AlreadyExists, PermissionDenied
from calllist_desktop.store.store import Store
from calllist_desktop.store.watch import open_watcher
from tests.conftest import csv_bytes, numbered_rows

TOKYO = ZoneInfo("Asia/Tokyo")
MONDAY_9 = datetime(2026, 12, 7, 9, 0, tzinfo=TOKYO)  # a Monday, no holiday
LABOUR_THANKSGIVING = datetime(2026, 11, 23, 10, 0, tzinfo=TOKYO)  # 勤労感謝の日, a Monday


@pytest.fixture
def listed(store: Store) -> tuple[Store, int, list[str]]:
    store.add_user("sato", autocall=True)
    store.add_user("boss", role="admin")
    info = store.create_list("展示会")
    assert store.import_csv(info.id, csv_bytes(*numbered_rows(5)), assignee="sato").ok
    return store, info.id, [target.phone for target in store.targets(info.id)]


def claim(store: Store, list_id: int, phone: str, now: datetime, *, callback: bool = False) -> ClaimResult:
    result = store.claim_target(list_id, phone, user="sato", holder="run", ttl=60, now=now, callback=callback)
    store.release_claim(list_id, phone, holder="run")
    return result


def call(store: Store, list_id: int | None, phone: str, outcome: Outcome, at: datetime, *, seconds: int = 10) -> int:
    call_id = store.start_call(phone, Direction.OUTBOUND, user="sato", list_id=list_id, started_at=at)
    store.finish_call(call_id, outcome, ended_at=at + timedelta(seconds=seconds))
    return call_id


def test_defaults_keep_calling_until_an_ending_outcome(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    assert store.list_rules(list_id) == ListRules()
    for n in range(5):
        assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.CLAIMED, n
        call(store, list_id, phones[0], Outcome.NO_ANSWER, MONDAY_9 - timedelta(hours=5 - n))
    call(store, list_id, phones[1], Outcome.ANSWERED, MONDAY_9 - timedelta(hours=1))
    assert claim(store, list_id, phones[1], MONDAY_9) is ClaimResult.DONE


def test_the_attempt_that_reaches_the_limit_ends_the_target(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    store.set_list_rules(list_id, ListRules(max_attempts=3))
    start = MONDAY_9 - timedelta(hours=3)
    for n in range(2):
        call(store, list_id, phones[0], Outcome.BUSY, start + timedelta(minutes=n))
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.CLAIMED  # 2 of 3 used
    call(store, list_id, phones[0], Outcome.BUSY, start + timedelta(minutes=2))
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.DONE  # the third reached it
    # Calls of the number from another list or by hand do not count in this one.
    other = store.create_list("別")
    assert store.import_csv(other.id, csv_bytes(*numbered_rows(1)), assignee="sato").ok
    call(store, other.id, phones[1], Outcome.BUSY, start)
    call(store, None, phones[1], Outcome.BUSY, start)
    call(store, None, phones[1], Outcome.BUSY, start)
    plan = store.target_plans(list_id, user="sato", now=MONDAY_9)
    assert plan[phones[1]].attempts == 0 and plan[phones[1]].dialable_now
    assert plan[phones[0]].attempts == 3 and plan[phones[0]].hold is Hold.ATTEMPTS and plan[phones[0]].next_at is None


def test_the_second_the_retry_delay_ends(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    store.set_list_rules(list_id, ListRules(retry_delays={"no_answer": timedelta(minutes=30)}))
    started = MONDAY_9
    call(store, list_id, phones[0], Outcome.NO_ANSWER, started, seconds=20)
    over = started + timedelta(seconds=20) + timedelta(minutes=30)  # from the end of the call
    assert claim(store, list_id, phones[0], over - timedelta(seconds=1)) is ClaimResult.NOT_YET
    plan = store.target_plans(list_id, now=over - timedelta(seconds=1))[phones[0]]
    assert plan.hold is Hold.RETRY_DELAY and plan.next_at == over and not plan.dialable_now
    assert claim(store, list_id, phones[0], over) is ClaimResult.CLAIMED
    # An outcome without a delay comes back at once.
    call(store, list_id, phones[1], Outcome.BUSY, started)
    assert claim(store, list_id, phones[1], started + timedelta(seconds=11)) is ClaimResult.CLAIMED


def test_calling_hours_start_at_nine_sharp_in_tokyo_on_a_weekday(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    store.set_list_rules(list_id, ListRules(hours=(time(9), time(18)), days=frozenset(range(5))))
    assert claim(store, list_id, phones[0], MONDAY_9 - timedelta(seconds=1)) is ClaimResult.OUTSIDE_HOURS
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.CLAIMED
    evening = MONDAY_9.replace(hour=18)
    assert claim(store, list_id, phones[0], evening - timedelta(seconds=1)) is ClaimResult.CLAIMED
    assert claim(store, list_id, phones[0], evening) is ClaimResult.OUTSIDE_HOURS
    assert store.next_calling_time(list_id, evening) == MONDAY_9 + timedelta(days=1)
    saturday = MONDAY_9 + timedelta(days=5, hours=1)
    assert claim(store, list_id, phones[0], saturday) is ClaimResult.OUTSIDE_HOURS
    assert store.next_calling_time(list_id, saturday) == MONDAY_9 + timedelta(days=7)
    # The same instant seen from UTC: 23:59:59 the day before.
    utc = (MONDAY_9 - timedelta(seconds=1)).astimezone(ZoneInfo("UTC"))
    assert (utc.hour, utc.minute, utc.second) == (23, 59, 59)
    assert claim(store, list_id, phones[0], utc) is ClaimResult.OUTSIDE_HOURS


def test_a_japanese_public_holiday_is_skipped_unless_the_list_calls_on_holidays(
    listed: tuple[Store, int, list[str]],
) -> None:
    store, list_id, phones = listed
    rules = ListRules(hours=(time(9), time(18)), days=frozenset(range(5)))
    store.set_list_rules(list_id, rules)
    assert claim(store, list_id, phones[0], LABOUR_THANKSGIVING) is ClaimResult.OUTSIDE_HOURS
    assert store.next_calling_time(list_id, LABOUR_THANKSGIVING) == datetime(2026, 11, 24, 9, 0, tzinfo=TOKYO)
    store.set_list_rules(list_id, ListRules(hours=(time(9), time(18)), days=frozenset(range(5)), call_on_holidays=True))
    assert claim(store, list_id, phones[0], LABOUR_THANKSGIVING) is ClaimResult.CLAIMED
    assert store.list_rules(list_id).call_on_holidays


def test_the_do_not_call_list_refuses_everyone_and_says_why(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    assert store.add_dnc([phones[0]], reason="本人の申し出", by="boss") == 1
    assert store.add_dnc([phones[0]], reason="again", by="boss") == 0  # already on it
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.BLOCKED
    refused = store.dial_refusal(phones[0])
    assert isinstance(refused, DialRefused) and refused.refusal is Refusal.DO_NOT_CALL
    assert "do-not-call" in str(refused) and "本人の申し出" in str(refused)
    with pytest.raises(DialRefused):
        store.check_dialable("03-5000-0000")  # typed as a person would: normalised first
    assert store.target_plans(list_id, now=MONDAY_9)[phones[0]].blocked is Refusal.DO_NOT_CALL
    assert [entry.phone for entry in store.dnc_entries()] == [phones[0]]
    with pytest.raises(PermissionDenied):
        store.remove_dnc([phones[0]], by="sato")
    assert store.remove_dnc([phones[0]], by="boss") == 1
    assert store.dial_refusal(phones[0]) is None
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.CLAIMED


def test_premium_rate_and_international_numbers_need_a_manager(listed: tuple[Store, int, list[str]]) -> None:
    store, _, _ = listed
    premium, abroad = "+81990501234", "+12025550123"
    assert store.dial_refusal("0990-50-1234") is not None
    assert store.dial_refusal(premium).refusal is Refusal.PREMIUM  # type: ignore[union-attr]
    assert store.dial_refusal(abroad).refusal is Refusal.INTERNATIONAL  # type: ignore[union-attr]
    store.set_store_setting(ALLOW_PREMIUM, True, by="boss")
    assert store.dial_refusal(premium) is None and store.dial_refusal(abroad) is not None
    store.set_store_setting(ALLOW_INTERNATIONAL, True, by="boss")
    assert store.dial_refusal(abroad) is None
    assert store.dial_refusal("110") is None  # no phone number: not this check's business


def test_a_due_callback_lifts_the_attempt_and_ending_rules_but_not_the_hours(
    listed: tuple[Store, int, list[str]],
) -> None:
    store, list_id, phones = listed
    store.set_list_rules(list_id, ListRules(max_attempts=1, hours=(time(9), time(18))))
    call(store, list_id, phones[0], Outcome.ANSWERED, MONDAY_9 - timedelta(days=1))
    due = MONDAY_9 + timedelta(hours=1)
    booked = store.add_callback(phones[0], list_id=list_id, due_at=due, by="sato", note="担当者不在")
    assert booked.for_login == "sato" and booked.note == "担当者不在"
    assert store.due_callbacks(list_id, user="sato", now=due - timedelta(seconds=1)) == []
    assert claim(store, list_id, phones[0], due - timedelta(seconds=1), callback=True) is ClaimResult.DONE
    assert store.due_callbacks(list_id, user="sato", now=due) == [(phones[0], due)]
    assert claim(store, list_id, phones[0], due, callback=True) is ClaimResult.CLAIMED
    assert claim(store, list_id, phones[0], due) is ClaimResult.DONE  # not as a callback: the rules hold
    late = due.replace(hour=19)
    assert claim(store, list_id, phones[0], late, callback=True) is ClaimResult.OUTSIDE_HOURS
    # The call made for it marks it done.
    call(store, list_id, phones[0], Outcome.NO_ANSWER, due + timedelta(minutes=1))
    assert store.due_callbacks(list_id, user="sato", now=due + timedelta(hours=1)) == []
    assert store.callbacks(include_done=True)[0].done_at is not None
    assert store.callbacks() == []


def test_callbacks_for_oneself_for_anyone_and_for_another(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    store.add_user("tanaka", autocall=True)
    now = MONDAY_9
    mine = store.add_callback(phones[0], list_id=list_id, due_at=now, by="boss", to="sato")
    anyone = store.add_callback(phones[1], list_id=list_id, due_at=now - timedelta(minutes=5), by="boss", anyone=True)
    theirs = store.add_callback(phones[2], list_id=list_id, due_at=now, by="boss", to="tanaka")
    later = store.add_callback(phones[3], list_id=list_id, due_at=now + timedelta(days=1), by="sato")
    assert anyone.for_login is None and theirs.for_login == "tanaka"
    assert [c.id for c in store.callbacks(user="sato", mine=True, now=now)] == [anyone.id, mine.id, later.id]
    assert [c.id for c in store.callbacks(user="sato", mine=True, due=True, now=now)] == [anyone.id, mine.id]
    # Auto-call dials only its own targets: tanaka's callback on sato's number is not sato's.
    assert store.due_callbacks(list_id, user="sato", now=now) == [(phones[1], anyone.due_at), (phones[0], now)]
    store.remove_callback(mine.id)
    assert [c.id for c in store.callbacks(now=now)] == [anyone.id, theirs.id, later.id]
    store.complete_callback(later.id)
    assert later.id not in [c.id for c in store.callbacks(now=now)]


def test_dispositions_end_targets_and_block_numbers(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    starting = [d.name for d in store.dispositions()]
    if store.engine.dialect.name == "sqlite":  # a fresh store (the PostgreSQL test database is emptied)
        assert starting[:3] == ["再架電", "資料送付", "アポイント獲得"] and store.dispositions()[-1].blocks_number
    store.add_disposition("アポ獲得", ends_target=True, by="boss")
    store.add_disposition("再コール", by="boss")
    store.add_disposition("発信拒否の申し出", ends_target=True, blocks_number=True, by="boss")
    assert [d.name for d in store.dispositions()] == [*starting, "アポ獲得", "再コール", "発信拒否の申し出"]
    info = store.add_disposition("一時", by="boss")
    moved = store.update_disposition(info.id, name="再架電 (午後)", position=99, by="boss")
    assert moved.name == "再架電 (午後)" and store.dispositions()[-1].id == info.id
    with pytest.raises(AlreadyExists):
        store.update_disposition(info.id, name="再コール", by="boss")
    store.remove_disposition(info.id, by="boss")
    assert info.id not in [d.id for d in store.dispositions()]
    with pytest.raises(PermissionDenied):
        store.add_disposition("勝手に", by="sato")
    first = call(store, list_id, phones[0], Outcome.NO_ANSWER, MONDAY_9 - timedelta(hours=1))
    store.annotate_call(first, disposition="再コール", note="夕方に")
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.CLAIMED
    store.annotate_call(first, disposition="アポ獲得", note="12/10 訪問")
    assert claim(store, list_id, phones[0], MONDAY_9) is ClaimResult.DONE
    second = call(store, list_id, phones[1], Outcome.ANSWERED, MONDAY_9 - timedelta(hours=1))
    store.annotate_call(second, disposition="発信拒否の申し出", note=None)
    assert store.dial_refusal(phones[1]) is not None
    # A hand-dialled call gets one too.
    hand = call(store, None, phones[2], Outcome.ANSWERED, MONDAY_9)
    store.annotate_call(hand, disposition="再コール", note="手動")
    assert store.history(phones[2])[0].disposition == "再コール"


def test_history_lists_calls_and_notes_newest_first(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    first = call(store, list_id, phones[0], Outcome.NO_ANSWER, MONDAY_9 - timedelta(days=2))
    store.add_note(phones[0], "受付の方は鈴木さん", user="sato")
    second = call(store, None, phones[0], Outcome.ANSWERED, MONDAY_9 + timedelta(days=1), seconds=65)
    store.annotate_call(second, disposition=None, note="資料送付")
    inbound = store.start_call(phones[0], Direction.INBOUND, user="sato", started_at=MONDAY_9 + timedelta(days=2))
    store.finish_call(inbound, Outcome.MISSED, ended_at=MONDAY_9 + timedelta(days=2, seconds=5))
    entries = store.history(phones[0])
    # The note is written at the real time, the calls at theirs: newest first, whatever today is.
    assert [e.started_at for e in entries] == sorted((e.started_at for e in entries), reverse=True)
    calls = [e for e in entries if e.kind == "call"]
    assert [e.id for e in calls] == [inbound, second, first]
    assert calls[0].direction is Direction.INBOUND and calls[0].outcome is Outcome.MISSED
    assert calls[1].note == "資料送付" and calls[1].list_name is None and calls[1].agent_login == "sato"
    assert calls[-1].list_name == "展示会" and calls[-1].recording is None
    assert any(e.kind == "note" and e.note == "受付の方は鈴木さん" for e in entries)
    shown = calls[1].to_json()
    assert set(shown) >= {
        "started_at", "ended_at", "direction", "outcome", "sip_status", "agent", "list",
        "disposition", "note", "recording", "recording_error",
    }


def test_rules_are_for_managers_and_round_trip(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, _ = listed
    rules = ListRules(
        max_attempts=5,
        retry_delays={"no_answer": timedelta(minutes=30), "busy": timedelta(minutes=10)},
        ending_outcomes=frozenset({"answered", "invalid"}),
        hours=(time(9, 30), time(17, 45)),
        days=frozenset({0, 2, 4}),
        call_on_holidays=True,
    )
    with pytest.raises(PermissionDenied):
        store.set_list_rules(list_id, rules, by="sato")
    assert store.set_list_rules(list_id, rules, by="boss") == rules
    assert store.list_rules(list_id) == rules
    assert store.list_rules(list_id).to_json()["days"] == "mon,wed,fri"


def test_the_old_calling_hours_move_into_the_lists_without_rules(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, _ = listed
    other = store.create_list("別").id
    store.set_list_rules(other, ListRules(hours=(time(10), time(12))))
    limited = store.create_list("回数だけ").id
    store.set_list_rules(limited, ListRules(max_attempts=3))  # rules of its own, without hours
    with pytest.raises(PermissionDenied):
        store.adopt_calling_hours((time(9), time(20)), [list_id], by="sato")
    assert store.list_rules(list_id) == ListRules()
    assert store.adopt_calling_hours((time(9), time(20)), [list_id, other, limited, 9999], by="boss") == [list_id]
    assert store.list_rules(list_id) == ListRules(hours=(time(9), time(20)))
    assert store.list_rules(other).hours == (time(10), time(12))
    assert store.list_rules(limited) == ListRules(max_attempts=3)
    assert store.adopt_calling_hours((time(9), time(20)), [list_id]) == []  # it has rules now
    fresh = store.create_list("新").id
    assert store.adopt_calling_hours((time(22), time(6)), [fresh]) == []  # over midnight: not a list rule


def test_no_call_row_is_written_for_a_number_no_one_may_dial(listed: tuple[Store, int, list[str]]) -> None:
    """Hand dialling and redial go through ``start_call`` before the line dials: refused there,
    in the transaction that would write the row, nothing is dialled (the window shows the message)."""
    store, list_id, phones = listed
    store.add_dnc([phones[0]], reason="申し出", by="boss")
    for blocked, why in ((phones[0], Refusal.DO_NOT_CALL), ("+81990501234", Refusal.PREMIUM), ("+12025550123", Refusal.INTERNATIONAL)):
        with pytest.raises(DialRefused) as refused:
            store.start_call(blocked, Direction.OUTBOUND, user="sato")
        assert refused.value.refusal is why
        with pytest.raises(DialRefused):
            store.start_call(blocked, Direction.OUTBOUND, user="sato", list_id=list_id)
    assert store.history(phones[0]) == []
    inbound = store.start_call(phones[0], Direction.INBOUND, user="sato")  # a blocked number may still call in
    store.finish_call(inbound, Outcome.MISSED)
    assert [e.id for e in store.history(phones[0])] == [inbound]
    store.set_store_setting(ALLOW_PREMIUM, True, by="boss")
    assert store.start_call("+81990501234", Direction.OUTBOUND, user="sato") > 0


def test_another_client_hears_of_rules_callbacks_blocks_and_dispositions(
    listed: tuple[Store, int, list[str]], store_url: str
) -> None:
    store, list_id, phones = listed
    other = Store.open(store_url)
    watcher = open_watcher(other.engine)
    try:
        watcher.poll(0.0)  # what happened before
        store.set_list_rules(list_id, ListRules(max_attempts=2))
        store.add_callback(phones[0], list_id=list_id, due_at=MONDAY_9, by="sato")
        store.add_dnc([phones[1]], by="boss")
        store.add_disposition("新しい結果", by="boss")
        seen: set[str] = set()
        for _ in range(10):
            seen |= watcher.poll(0.5).tables
            if {"list_rules", "callbacks", "do_not_call", "dispositions"} <= seen:
                break
        assert {"list_rules", "callbacks", "do_not_call", "dispositions"} <= seen
        assert other.list_rules(list_id).max_attempts == 2 and other.dial_refusal(phones[1]) is not None
    finally:
        watcher.close()
        other.close()


def test_an_older_store_gets_the_attempts_of_the_calls_it_made_before(listed: tuple[Store, int, list[str]]) -> None:
    """Migration 0006 fills target_attempts from the calls made so far (down to 0005 and up again)."""
    from alembic import command
    from alembic.config import Config

    from calllist_desktop.store import database

    store, list_id, phones = listed
    for minutes in (30, 20):
        call(store, list_id, phones[0], Outcome.NO_ANSWER, MONDAY_9 - timedelta(minutes=minutes))
    call(store, list_id, phones[1], Outcome.ANSWERED, MONDAY_9 - timedelta(minutes=10))
    call(store, None, phones[2], Outcome.BUSY, MONDAY_9 - timedelta(minutes=10))  # by hand: no attempt
    config = Config()
    config.set_main_option("script_location", str(database.MIGRATIONS))
    config.attributes["engine"] = store.engine
    command.downgrade(config, "0005")
    database.upgrade(store.engine)
    plans = store.target_plans(list_id, now=MONDAY_9)
    assert (plans[phones[0]].attempts, plans[phones[0]].last_outcome) == (2, "no_answer")
    assert plans[phones[1]].hold is Hold.ENDED and plans[phones[2]].attempts == 0
    assert store.rebuild_target_attempts() == 2
    assert store.target_plans(list_id, now=MONDAY_9) == plans


def test_history_names_a_calls_recording_or_why_it_is_missing(listed: tuple[Store, int, list[str]]) -> None:
    store, list_id, phones = listed
    recorded = call(store, list_id, phones[0], Outcome.ANSWERED, MONDAY_9 - timedelta(hours=2))
    store.set_call_recording(recorded, path="/recordings/2026-12-07/call-1.wav", seconds=42.0)
    broken = call(store, list_id, phones[0], Outcome.ANSWERED, MONDAY_9 - timedelta(hours=1))
    store.set_call_recording(broken, path=None, error="disk full")
    plain = call(store, list_id, phones[0], Outcome.NO_ANSWER, MONDAY_9)
    entries = {entry.id: entry for entry in store.history(phones[0])}
    assert (entries[recorded].recording, entries[recorded].recording_error) == ("/recordings/2026-12-07/call-1.wav", None)
    assert (entries[broken].recording, entries[broken].recording_error) == (None, "disk full")
    assert (entries[plain].recording, entries[plain].recording_error) == (None, None)
    assert entries[recorded].to_json()["recording"] == "/recordings/2026-12-07/call-1.wav"


def test_callbacks_and_blocked_numbers_carry_display_names_beside_logins(listed: tuple[Store, int, list[str]]) -> None:
    """The views show who booked or blocked by name; the CLI's JSON keeps its login fields and adds the names."""
    store, list_id, phones = listed
    store.add_user("kanri", "管理 花子", role="admin")
    booked = store.add_callback(phones[0], list_id=list_id, due_at=MONDAY_9, by="kanri", to="sato")
    anyone = store.add_callback(phones[1], list_id=list_id, due_at=MONDAY_9, by="sato", anyone=True)
    read = {c.id: c for c in store.callbacks()}
    assert (read[booked.id].created_by_login, read[booked.id].created_by_name) == ("kanri", "管理 花子")
    assert (read[booked.id].for_login, read[booked.id].for_name) == ("sato", store.user("sato").display_name)
    assert (read[anyone.id].for_login, read[anyone.id].for_name) == (None, None)
    shown = read[booked.id].to_json()
    assert (shown["to"], shown["created_by"], shown["created_by_name"]) == ("sato", "kanri", "管理 花子")
    assert shown["to_name"] == store.user("sato").display_name
    assert read[anyone.id].to_json()["to_name"] is None

    store.add_dnc([phones[2]], reason="苦情", by="kanri")
    store.add_dnc([phones[3]], reason="重複")  # by no one: no login, no name
    entries = {e.phone: e for e in store.dnc_entries()}
    assert (entries[phones[2]].added_by_login, entries[phones[2]].added_by_name) == ("kanri", "管理 花子")
    assert (entries[phones[3]].added_by_login, entries[phones[3]].added_by_name) == (None, None)
    assert entries[phones[2]].to_json()["added_by"] == "kanri"
    assert entries[phones[2]].to_json()["added_by_name"] == "管理 花子"


def incoming(store: Store, phone: str, outcome: Outcome, at: datetime, *, seconds: int = 300) -> int:
    call_id = store.start_call(phone, Direction.INBOUND, user="sato", started_at=at)
    answered = at + timedelta(seconds=5) if outcome is Outcome.ANSWERED else None
    store.finish_call(call_id, outcome, answered_at=answered, ended_at=at + timedelta(seconds=seconds))
    return call_id


def test_an_answered_incoming_call_answers_the_callbacks_due_and_a_missed_one_does_not(
    listed: tuple[Store, int, list[str]],
) -> None:
    """The customer rang in and was spoken to: the callbacks on the number due by the call's end
    (sato's, anyone's) are done, as an outbound call's are; another's, one for later, and those
    of a missed call stay open."""
    store, list_id, phones = listed
    store.add_user("tanaka", autocall=True)
    rang = MONDAY_9 + timedelta(minutes=30)  # the call: 09:30:00-09:35:00
    for_sato = store.add_callback(phones[0], list_id=list_id, due_at=MONDAY_9, by="boss", to="sato")
    ends = rang + timedelta(minutes=5)
    for_anyone = store.add_callback(phones[0], list_id=list_id, due_at=ends, by="boss", anyone=True)
    for_later = store.add_callback(phones[0], list_id=list_id, due_at=ends + timedelta(seconds=1), by="sato")
    for_tanaka = store.add_callback(phones[0], list_id=list_id, due_at=MONDAY_9, by="boss", to="tanaka")
    missed_one = store.add_callback(phones[1], list_id=list_id, due_at=MONDAY_9, by="boss", to="sato")

    incoming(store, phones[1], Outcome.MISSED, rang)
    incoming(store, phones[0], Outcome.ANSWERED, rang)

    done = {c.id: c.done_at for c in store.callbacks(include_done=True)}
    assert done[for_sato.id] is not None and done[for_anyone.id] is not None
    assert done[for_later.id] is None and done[for_tanaka.id] is None and done[missed_one.id] is None
    # auto-call still dials the missed caller back, and the later callback when it is due
    assert store.due_callbacks(list_id, user="sato", now=rang + timedelta(hours=1)) == [
        (phones[1], MONDAY_9),
        (phones[0], for_later.due_at),
    ]


def test_an_outbound_call_answers_only_the_callbacks_due_when_it_started(
    listed: tuple[Store, int, list[str]],
) -> None:
    """Only an incoming call answers callbacks at its end: an outbound one's are those due when
    it started (finishing it answered adds none)."""
    store, list_id, phones = listed
    later = store.add_callback(phones[0], list_id=list_id, due_at=MONDAY_9 + timedelta(seconds=5), by="sato")
    call(store, list_id, phones[0], Outcome.ANSWERED, MONDAY_9, seconds=60)
    assert [c.id for c in store.callbacks()] == [later.id]
