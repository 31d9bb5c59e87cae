"""Reading a full list with every target's last call must not grow with the call history.

Store: SQLite made with ``Store.open`` (the real schema and indexes), one list of 5,000 targets
imported with ``Store.import_csv``, and 2,000,000 calls written straight into ``calls`` with
``sqlite3.executemany`` (phones spread over the 5,000 targets and 200,000 other numbers,
started_at over a year as naive UTC text, the way the store writes it).

The store keeps each number's last call in ``last_calls``; after the bulk load it is derived
again with ``Store.rebuild_last_calls`` (timed and printed).

VALUE: ``Store.targets(list_id)`` with 2,000,000 calls: 5,000 rows, each with contact, assignee
and last call.
FLOOR: the same ``Store.targets(list_id)`` on the same list when each called target has been
called once (a calls table of 4,500 rows, the same targets with a last call). The ratio is what
millions of calls cost a list read; goal: ratio <= 1.5.

Both are the MEDIAN of REPEAT runs, interleaved, after one untimed warm-up each (SQLAlchemy's
statement cache, SQLite's page cache). Also printed: a plain ``sqlite3`` read of targets JOIN
contacts (no last call), and the SQL that ``Store.targets`` sends run through plain ``sqlite3``,
to split the value into SQLite's share and Python's (SQLAlchemy rows and ``TargetView`` objects).

The calls' indexes are dropped during the bulk load and re-created afterwards from their own
``CREATE INDEX`` text in ``sqlite_master``, so the schema is exactly the one the store made.
The store never runs ``ANALYZE``, so neither does this benchmark: the planner sees what a
user's file gives it.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from _support import make_targets_csv, ms, report, spread, timed, warm_phonenumbers
from sqlalchemy import event

from calllist_desktop.store.store import Store

TARGETS = 5000
CALLS = 2_000_000
OTHER_NUMBERS = 200_000
SHARE_TO_TARGETS = 0.5  # of the calls; 10% of the targets are never called
CHUNK = 50_000
REPEAT = 7
MAX_RATIO = 1.5

FLOOR_SQL = (
    "SELECT t.phone, t.position, t.excluded, c.company, c.person, c.categories "
    "FROM targets AS t JOIN contacts AS c ON c.phone = t.phone "
    "WHERE t.list_id = ? ORDER BY t.position"
)

# Outbound outcomes with their SIP status and weight; inbound calls are answered or missed.
_OUTCOMES = (
    ("answered", 200, 30),
    ("no_answer", 487, 35),
    ("busy", 486, 10),
    ("rejected", 603, 5),
    ("invalid", 404, 3),
    ("failed", 503, 4),
    ("canceled", None, 8),
    ("interrupted", None, 1),
)
_OUTBOUND_OUTCOMES = [(code, sip) for code, sip, weight in _OUTCOMES for _ in range(weight)]


def build_store(folder: Path) -> tuple[Store, int, list[int], list[str]]:
    """A fresh store with users, one list of TARGETS imported targets; returns the phones too."""
    store = Store.open(f"sqlite:///{folder / 'list_read.sqlite3'}")
    user_ids = [store.add_user("admin", "管理者", role="admin").id]
    for number in range(1, 6):
        user_ids.append(store.add_user(f"op{number}", f"オペレーター{number}", autocall=True).id)
    list_id = store.create_list("展示会フォロー 2026").id
    data, phones = make_targets_csv(TARGETS)
    result = store.import_csv(list_id, data, assignee="op1")
    if not result.ok or result.imported != TARGETS:
        raise SystemExit(f"the benchmark's CSV did not import cleanly: {result}")
    return store, list_id, user_ids, phones


def _stamp(day: str, second: int, micro: int) -> str:
    """Naive UTC text as the store writes it: 'YYYY-MM-DD HH:MM:SS.ffffff' (calls end before midnight)."""
    return f"{day} {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.{micro:06d}"


def generate_calls(
    count: int, target_phones: list[str], list_id: int, user_ids: list[int], seed: int = 7
) -> Iterator[tuple[object, ...]]:
    """Rows for ``calls`` (without id), in no particular order, as the store would have written them."""
    rng = random.Random(seed)
    called_targets = target_phones[: int(len(target_phones) * 0.9)]  # the last 10%: never called
    others = [f"+8180{number:08d}" for number in rng.sample(range(10**8), OTHER_NUMBERS)]
    first_day = date(2025, 11, 1)
    days = [(first_day + timedelta(days=offset)).isoformat() for offset in range(365)]
    agents: list[int | None] = [None, *user_ids[1:]]
    random_ = rng.random
    choice = rng.choice
    randrange = rng.randrange
    for _ in range(count):
        to_target = random_() < SHARE_TO_TARGETS
        phone = choice(called_targets) if to_target else choice(others)
        day = choice(days)
        second = randrange(8 * 3600, 20 * 3600)
        micro = randrange(1_000_000)
        if random_() < 0.2:
            direction = "inbound"
            outcome, sip = ("answered", 200) if random_() < 0.6 else ("missed", None)
            call_list = None
        else:
            direction = "outbound"
            outcome, sip = choice(_OUTBOUND_OUTCOMES)
            call_list = list_id if to_target else None
        user_id = choice(agents)
        started = _stamp(day, second, micro)
        if outcome == "answered":
            answered = _stamp(day, second + 5, micro)
            ended = _stamp(day, second + 5 + randrange(600), micro)
        else:
            answered = None
            ended = _stamp(day, second + 30, micro)
        yield (phone, call_list, user_id, direction, outcome, sip, started, answered, ended)


def load_calls(path: Path, rows: Iterator[tuple[object, ...]]) -> float:
    """Bulk-load the calls; returns the seconds it took. The store must be closed meanwhile."""
    start = time.perf_counter()
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        indexes = [
            (name, sql)
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' "
                "AND sql IS NOT NULL"
            )
        ]
        connection.execute("PRAGMA journal_mode=DELETE")  # no 2 GB WAL for a bulk load
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        insert = (
            "INSERT INTO calls (phone, list_id, user_id, direction, outcome, sip_status, "
            "started_at, answered_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        while True:
            chunk = list(islice(rows, CHUNK))
            if not chunk:
                break
            connection.executemany(insert, chunk)
        for _, sql in indexes:
            connection.execute(sql)
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=WAL")  # as the store keeps it
        count = connection.execute("SELECT count(*) FROM calls").fetchone()[0]
        names = sorted(name for name, _ in indexes)
    finally:
        connection.close()
    seconds = time.perf_counter() - start
    print(f"loaded {count:,} calls in {seconds:.1f} s (indexes re-created: {', '.join(names)})")
    return seconds


Query = tuple[str, tuple[object, ...]]


def captured_query(store: Store, list_id: int) -> Query:
    """The SQL and parameters ``Store.targets`` sends to SQLite (as SQLAlchemy compiled them)."""
    captured: list[Query] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        if "last_call" in statement:
            captured.append((statement, tuple(parameters)))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        store.targets(list_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    return captured[-1]


def show_plan(path: Path, query: Query) -> None:
    connection = sqlite3.connect(path)
    try:
        plan = connection.execute("EXPLAIN QUERY PLAN " + query[0], query[1]).fetchall()
    finally:
        connection.close()
    print("query plan of Store.targets:")
    for row in plan:
        print(f"  {row[-1]}")


Timings = dict[str, list[float]]


def measure(store: Store, path: Path, list_id: int, query: Query, label: str) -> Timings:
    """REPEAT interleaved timings of the value, the floor, and the value's SQL run by sqlite3."""
    connection = sqlite3.connect(path)
    try:

        def value() -> None:
            rows = store.targets(list_id)
            assert len(rows) == TARGETS

        def floor() -> None:
            rows = connection.execute(FLOOR_SQL, (list_id,)).fetchall()
            assert len(rows) == TARGETS

        def value_sql() -> None:
            rows = connection.execute(*query).fetchall()
            assert len(rows) == TARGETS

        runs = {"value": value, "floor": floor, "sql": value_sql}
        timings: Timings = {name: [] for name in runs}
        for function in runs.values():
            function()  # warm-up
        for _ in range(REPEAT):
            for name, function in runs.items():
                timings[name].append(timed(function))
    finally:
        connection.close()
    print(f"[{label}] value  Store.targets                 {spread(timings['value'])}")
    print(f"[{label}] floor  targets JOIN contacts         {spread(timings['floor'])}")
    print(f"[{label}]        the value's SQL via sqlite3   {spread(timings['sql'])}")
    return timings


def main() -> None:
    warm_phonenumbers()
    with tempfile.TemporaryDirectory(prefix="calllist-bench-") as tmp:
        folder = Path(tmp)
        path = folder / "list_read.sqlite3"
        store, list_id, user_ids, phones = build_store(folder)
        print(f"list_read: {TARGETS} targets, {CALLS:,} calls, {REPEAT} repetitions (median)")
        query = captured_query(store, list_id)

        store.close()
        # The floor's store: the same targets, each called once (their last calls are there, so
        # the read does all its work), in a calls table of a few thousand rows.
        called = phones[: int(len(phones) * 0.9)]  # generate_calls leaves the last 10% uncalled
        stamp = "2025-11-01 09:00:00.000000"
        load_calls(
            path,
            iter(
                [
                    (phone, list_id, user_ids[1], "outbound", "answered", 200, stamp, stamp, stamp)
                    for phone in called
                ]
            ),
        )
        store = Store.open(f"sqlite:///{path}")
        store.rebuild_last_calls()
        empty = measure(store, path, list_id, query, f"{len(called):,} calls")
        store.close()

        load_calls(path, generate_calls(CALLS, phones, list_id, user_ids))
        show_plan(path, query)

        store = Store.open(f"sqlite:///{path}")
        started = time.perf_counter()
        numbers = store.rebuild_last_calls()
        print(f"rebuilt last_calls for {numbers:,} numbers in {time.perf_counter() - started:.1f} s")
        try:
            full = measure(store, path, list_id, query, f"{CALLS:,} calls")
            with_last_call = sum(1 for target in store.targets(list_id) if target.last_call is not None)
        finally:
            store.close()

    median = {name: statistics.median(samples) for name, samples in full.items()}
    empty_median = {name: statistics.median(samples) for name, samples in empty.items()}
    value, floor, sql = median["value"], median["floor"], median["sql"]
    python = statistics.median(v - q for v, q in zip(full["value"], full["sql"], strict=True))
    print(f"targets with a last call: {with_last_call} of {TARGETS}")
    print("breakdown of the value (medians):")
    print(
        f"  SQLite: the same SQL through sqlite3   {ms(sql)}  ({sql / value:5.1%}; the floor is {ms(floor)})"
    )
    print(f"  Python: SQLAlchemy rows + TargetView   {ms(python)}  ({python / value:5.1%})")
    print("flatness as calls grow (medians):")
    print(
        f"  one call per target: value {ms(empty_median['value'])}, its SQL {ms(empty_median['sql'])}, "
        f"floor {ms(empty_median['floor'])}"
    )
    print(f"  {CALLS:,} calls:    value {ms(value)}, its SQL {ms(sql)}, floor {ms(floor)}")
    print(
        f"  value grew {value / empty_median['value']:.2f}x, its SQL {sql / empty_median['sql']:.2f}x "
        f"(ratio with few calls: {empty_median['value'] / empty_median['floor']:.2f})"
    )
    report("list_read", value * 1000, empty_median["value"] * 1000, "ms", MAX_RATIO)


if __name__ == "__main__":
    main()
