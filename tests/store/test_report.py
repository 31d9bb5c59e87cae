"""Reports and list progress (issue 15, SPEC §10) on SQLite and PostgreSQL, against a call
history whose totals were worked out by hand (``tests/store/report_history.py``)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.errors import NotFound, StoreError
from calllist_desktop.store.report import ReportQuery, ReportRow
from calllist_desktop.store.store import Store
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


def test_the_report_reads_grouped_rows_not_call_rows(store: Store) -> None:
    """One statement over calls, grouped; what comes back is groups, not the calls."""
    build_history(store)
    statements: list[str] = []
    fetched: list[int] = []

    def seen(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        store.report(ReportQuery(date(2026, 11, 1), date(2026, 12, 31), "operator"))
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    on_calls = [s for s in statements if "FROM calls" in s]
    assert len(on_calls) == 1 and "GROUP BY" in on_calls[0]
    del fetched


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
