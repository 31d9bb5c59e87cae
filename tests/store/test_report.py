"""Reports and list progress (issue 15, SPEC §10) on SQLite and PostgreSQL, against a call
history whose totals were worked out by hand (``tests/store/report_history.py``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from calllist_desktop.core.campaign_rules import ListRules
from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import NotFound, StoreError
from calllist_desktop.store.report import ReportQuery, ReportRow
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows
from tests.store.report_history import BY_DAY, BY_HOUR, BY_LIST, BY_OPERATOR, build_history, jst

DEC1, DEC2 = date(2026, 12, 1), date(2026, 12, 2)


def figures(row: ReportRow) -> dict[str, object]:
    return {
        "calls": row.calls,
        "answered": row.answered,
        "talk_seconds": pytest.approx(row.talk_seconds, abs=0.01),
    }


def test_by_operator_counts_every_call_of_the_range_once(store: Store) -> None:
    build_history(store)
    rows = store.report(ReportQuery(DEC1, DEC2, "operator"))
    assert [row.key for row in rows] == ["alice", "bob"]  # ordered by display name; carol had no calls
    assert [row.label for row in rows] == ["アリス 有田", "ボブ 坂東"]
    for row in rows:
        expected = BY_OPERATOR[row.key]
        assert row.calls == expected["calls"]
        assert row.answered == expected["answered"]
        assert row.talk_seconds == pytest.approx(expected["talk_seconds"], abs=0.01)
        assert dict(row.by_outcome) == expected["by_outcome"]
        assert dict(row.by_disposition) == expected["by_disposition"]
        assert sum(row.by_outcome.values()) == row.calls
    alice = rows[0]
    assert alice.answer_rate == pytest.approx(0.5)
    assert alice.mean_talk_seconds == pytest.approx(120.0, abs=0.01)


def test_a_deactivated_users_calls_still_count(store: Store) -> None:
    build_history(store)
    assert not store.user("bob").active
    bob = {row.key: row for row in store.report(ReportQuery(DEC1, DEC2, "operator"))}["bob"]
    assert bob.calls == 3


def test_by_list_puts_calls_without_a_list_in_one_group(store: Store) -> None:
    build_history(store)
    rows = store.report(ReportQuery(DEC1, DEC2, "list"))
    assert [row.key for row in rows] == ["L1", "L2", ""]
    assert {row.key: figures(row) for row in rows} == BY_LIST


def test_by_day_counts_a_call_on_the_japanese_day_it_started(store: Store) -> None:
    build_history(store)
    rows = store.report(ReportQuery(DEC1, DEC2, "day"))
    assert {row.key: figures(row) for row in rows} == BY_DAY


def test_by_day_shows_every_day_of_the_range_even_without_calls(store: Store) -> None:
    build_history(store)
    rows = store.report(ReportQuery(date(2026, 11, 29), date(2026, 12, 4), "day"))
    assert [row.key for row in rows] == [
        f"2026-{d}" for d in ("11-29", "11-30", "12-01", "12-02", "12-03", "12-04")
    ]
    assert [row.calls for row in rows] == [0, 1, 3, 4, 1, 0]
    assert rows[0].answer_rate is None and rows[0].mean_talk_seconds is None


def test_by_hour_uses_japan_time(store: Store) -> None:
    build_history(store)
    rows = store.report(ReportQuery(DEC1, DEC2, "hour"))
    assert [row.key for row in rows] == [f"{h:02d}" for h in range(24)]
    assert rows[9].label == "09:00"
    assert {row.key: row.calls for row in rows if row.calls} == BY_HOUR


def test_the_range_ends_include_their_whole_days_and_no_more(store: Store) -> None:
    build_history(store)
    assert sum(r.calls for r in store.report(ReportQuery(DEC1, DEC1, "operator"))) == 3
    assert sum(r.calls for r in store.report(ReportQuery(DEC2, DEC2, "operator"))) == 4
    # 11-30 23:59:59 JST is 14:59:59 UTC on 11-30; 12-03 00:00 JST is 15:00 UTC on 12-02.
    assert sum(r.calls for r in store.report(ReportQuery(date(2026, 11, 30), date(2026, 11, 30), "day"))) == 1
    assert sum(r.calls for r in store.report(ReportQuery(date(2026, 12, 3), date(2026, 12, 3), "day"))) == 1


def test_a_list_filter_keeps_only_that_lists_calls(store: Store) -> None:
    build_history(store)
    rows = store.report(ReportQuery(DEC1, DEC2, "operator", list_name="L1"))
    assert {row.key: row.calls for row in rows} == {"alice": 2, "bob": 1}
    with pytest.raises(NotFound):
        store.report(ReportQuery(DEC1, DEC2, "operator", list_name="ない"))


def test_a_range_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="before it starts"):
        store.report(ReportQuery(DEC2, DEC1, "day"))


def test_an_unfinished_call_counts_once_it_has_ended(store: Store) -> None:
    history = build_history(store)
    call = store.start_call(
        history.l1_phones[2], Direction.OUTBOUND, user="alice", list_id=history.l1, started_at=jst(12, 2, 12)
    )
    assert sum(r.calls for r in store.report(ReportQuery(DEC2, DEC2, "day"))) == 4
    store.finish_call(call, Outcome.NO_ANSWER, ended_at=jst(12, 2, 12, 1))
    assert sum(r.calls for r in store.report(ReportQuery(DEC2, DEC2, "day"))) == 5


def test_the_report_is_one_grouped_statement(store: Store) -> None:
    """One round trip: the calls grouped in the database, joined to the operators' names; what
    comes back is groups, not calls."""
    build_history(store)
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        rows = store.report(ReportQuery(date(2026, 11, 1), date(2026, 12, 31), "operator"))
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    queries = [statement for statement in statements if not statement.startswith("BEGIN")]  # SQLite's
    assert len(queries) == 1 and "GROUP BY" in queries[0] and "FROM calls" in queries[0]
    assert sum(row.calls for row in rows) == 9  # every finished call of the history


def test_list_progress_partitions_the_targets(store: Store) -> None:
    history = build_history(store)
    store.set_excluded(history.l1, [history.l1_phones[0]], True)  # called and answered, but excluded now
    progress = {p.name: p for p in store.list_progress()}
    l1 = progress["L1"]
    # L1: p0 excluded; p1 no_answer (in range) + answered 12-03 → done; p2 busy → in progress;
    # p3 has only a call still going on → in progress (it was called).
    assert (l1.targets, l1.excluded, l1.done, l1.in_progress, l1.never_called) == (4, 1, 1, 2, 0)
    l2 = progress["L2"]
    # L2: p0 answered → done; p1 was dialled by hand (no list) → never called in this list.
    assert (l2.targets, l2.excluded, l2.done, l2.in_progress, l2.never_called) == (2, 0, 1, 0, 1)
    for p in progress.values():
        assert p.excluded + p.blocked + p.done + p.in_progress + p.never_called == p.targets


def test_list_progress_of_an_empty_list(store: Store) -> None:
    store.create_list("空")
    (empty,) = store.list_progress()
    assert (empty.targets, empty.never_called, empty.done) == (0, 0, 0)


def test_list_progress_follows_the_campaign_rules_dnc_and_callbacks(store: Store) -> None:
    """Blocked (do-not-call, premium-rate), done by a disposition, attempts used up, a later call
    after an ending one, and due callbacks — each target counted once."""
    store.add_user("boss", role="admin")
    store.add_user("alice")
    info = store.create_list("ルール")
    rows = [*numbered_rows(6), "株式会社Q2,担当 Q,0990-123-456,"]
    assert store.import_csv(info.id, csv_bytes(*rows), assignee="alice").ok
    phones = sorted(t.phone for t in store.targets(info.id) if not t.phone.startswith("+81990"))
    premium = next(t.phone for t in store.targets(info.id) if t.phone.startswith("+81990"))
    store.set_list_rules(info.id, ListRules(max_attempts=3), by="boss")
    store.add_disposition("成約", ends_target=True, by="boss")
    store.add_disposition("検討中", by="boss")

    def call(phone: str, outcome: Outcome, disposition: str | None = None) -> None:
        call_id = store.start_call(phone, Direction.OUTBOUND, user="alice", list_id=info.id)
        store.finish_call(call_id, outcome, disposition=disposition)

    call(phones[0], Outcome.NO_ANSWER, "成約")  # ended by a disposition → done
    call(phones[1], Outcome.NO_ANSWER)
    call(phones[1], Outcome.BUSY)
    call(phones[1], Outcome.FAILED)  # three attempts of three → exhausted
    call(phones[2], Outcome.ANSWERED)
    call(phones[2], Outcome.NO_ANSWER, "検討中")  # the last call decides: not ended → in progress
    call(phones[3], Outcome.ANSWERED)  # done (answered ends by default)
    store.add_dnc([phones[4]], reason="苦情", by="boss")  # blocked, never called
    # phones[5]: never called; premium: blocked (0990 not allowed)
    store.add_callback(
        phones[5], due_at=datetime.now(UTC) - timedelta(minutes=1), list_id=info.id, anyone=True, by="boss"
    )
    store.add_callback(
        phones[2], due_at=datetime.now(UTC) + timedelta(days=1), list_id=info.id, anyone=True, by="boss"
    )
    (progress,) = store.list_progress()
    assert progress.targets == 7
    assert (progress.done, progress.exhausted, progress.in_progress) == (2, 1, 1)
    assert (progress.blocked, progress.never_called, progress.excluded) == (2, 1, 0)
    assert progress.callbacks_due == 1, "only the callback whose time has come"
    store.set_store_setting("dial.allow_premium", True, by="boss")
    (progress,) = store.list_progress()
    assert (progress.blocked, progress.never_called) == (1, 2), premium
