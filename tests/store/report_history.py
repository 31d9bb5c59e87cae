"""A hand-built call history whose report totals are known (issue 15), shared by the store's
and the command line's report tests.

Times are Japan time (UTC+9). The range of interest is 2026-12-01 .. 2026-12-02:

====  =======  ====  ========  =======================  ==========  ======  ===========
call  who      list  dir       started (JST)            outcome     talk    disposition
====  =======  ====  ========  =======================  ==========  ======  ===========
1     alice    L1    out       12-01 09:00:00           answered    60 s    アポ
2     alice    L1    out       12-01 09:05:00           no_answer
3     alice    L2    out       12-01 23:59:30 → 00:02   answered    180 s   (spans midnight)
4     bob      L1    out       12-02 00:00:00           busy
5     bob      —     in        12-02 10:00:00           answered    30 s    再架電
6     bob      —     in        12-02 10:30:00           missed
7     alice    —     out hand  12-02 08:59:59           canceled
8     alice    L1    out       11-30 23:59:59           answered    (before the range)
9     alice    L1    out       12-03 00:00:00           answered    (after the range)
10    alice    L1    out       12-02 11:00:00           (still going on: not counted)
====  =======  ====  ========  =======================  ==========  ======  ===========

bob is deactivated afterwards: his calls still count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from calllist_desktop.core.outcomes import Direction, Outcome
from calllist_desktop.store.store import Store
from tests.conftest import csv_bytes, numbered_rows

JST = timezone(timedelta(hours=9))


def jst(month: int, day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=JST)


@dataclass
class History:
    l1: int
    l2: int
    l1_phones: list[str]
    l2_phones: list[str]


def build_history(store: Store) -> History:
    store.add_user("alice", "アリス 有田")
    store.add_user("bob", "ボブ 坂東")
    store.add_user("carol", "キャロル")  # no calls: not in the operator report
    l1 = store.create_list("L1")
    l2 = store.create_list("L2")
    assert store.import_csv(l1.id, csv_bytes(*numbered_rows(4)), assignee="alice").ok
    assert store.import_csv(l2.id, csv_bytes(*numbered_rows(2, start=100)), assignee="alice").ok
    p1 = [t.phone for t in store.targets(l1.id)]
    p2 = [t.phone for t in store.targets(l2.id)]
    inbound = "+81312340000"

    def call(
        who: str,
        phone: str,
        list_id: int | None,
        started: datetime,
        outcome: Outcome | None,
        *,
        direction: Direction = Direction.OUTBOUND,
        talk: float | None = None,
        disposition: str | None = None,
    ) -> None:
        call_id = store.start_call(phone, direction, user=who, list_id=list_id, started_at=started)
        if outcome is None:
            return
        answered = started + timedelta(seconds=10) if talk is not None else None
        ended = (
            answered + timedelta(seconds=talk)
            if answered is not None and talk is not None
            else started + timedelta(seconds=30)
        )
        store.finish_call(call_id, outcome, answered_at=answered, ended_at=ended, disposition=disposition)

    call("alice", p1[0], l1.id, jst(12, 1, 9), Outcome.ANSWERED, talk=60, disposition="アポ")
    call("alice", p1[1], l1.id, jst(12, 1, 9, 5), Outcome.NO_ANSWER)
    call("alice", p2[0], l2.id, jst(12, 1, 23, 59, 30), Outcome.ANSWERED, talk=180)
    call("bob", p1[2], l1.id, jst(12, 2, 0), Outcome.BUSY)
    call(
        "bob",
        inbound,
        None,
        jst(12, 2, 10),
        Outcome.ANSWERED,
        direction=Direction.INBOUND,
        talk=30,
        disposition="再架電",
    )
    call("bob", inbound, None, jst(12, 2, 10, 30), Outcome.MISSED, direction=Direction.INBOUND)
    call("alice", p2[1], None, jst(12, 2, 8, 59, 59), Outcome.CANCELED)
    call("alice", p1[0], l1.id, jst(11, 30, 23, 59, 59), Outcome.ANSWERED, talk=5)
    call("alice", p1[1], l1.id, jst(12, 3, 0), Outcome.ANSWERED, talk=5)
    call("alice", p1[3], l1.id, jst(12, 2, 11), None)
    store.set_user_active("bob", False)
    return History(l1.id, l2.id, p1, p2)


# The figures of the range 12-01 .. 12-02, worked out by hand from the table above.
BY_OPERATOR = {
    "alice": {"calls": 4, "answered": 2, "talk_seconds": 240.0,
              "by_outcome": {"answered": 2, "no_answer": 1, "canceled": 1}, "by_disposition": {"アポ": 1}},
    "bob": {"calls": 3, "answered": 1, "talk_seconds": 30.0,
            "by_outcome": {"answered": 1, "busy": 1, "missed": 1}, "by_disposition": {"再架電": 1}},
}  # fmt: skip
BY_LIST = {
    "L1": {"calls": 3, "answered": 1, "talk_seconds": 60.0},
    "L2": {"calls": 1, "answered": 1, "talk_seconds": 180.0},
    "": {"calls": 3, "answered": 1, "talk_seconds": 30.0},
}
BY_DAY = {
    "2026-12-01": {"calls": 3, "answered": 2, "talk_seconds": 240.0},
    "2026-12-02": {"calls": 4, "answered": 1, "talk_seconds": 30.0},
}
BY_HOUR = {"09": 2, "23": 1, "00": 1, "10": 2, "08": 1}  # calls; every other hour 0
