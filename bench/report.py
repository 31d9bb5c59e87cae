"""A month's report grouped by operator over 2,000,000 calls, on SQLite and on PostgreSQL (issue 15).

Store: made with ``Store.open`` (the real schema and indexes, migration 0007's ``ix_calls_started``
included), 30 operators (and a manager), 40 lists of 5,000 targets each (200,000 numbers), and
2,000,000 calls over the year 2025-12-01 .. 2026-11-30 written straight into ``calls`` in the
order they started (as a store receives them): weekdays and Saturdays, 08:30–19:30 Japan time,
80 % outbound from a list to its targets, the rest inbound or dialled by hand; outcomes as a call
centre sees them (answered ~30 %), a disposition on half of the answered calls. SQLite: one
``executemany`` with the calls' indexes dropped and re-created from their own ``CREATE INDEX``
text; PostgreSQL (its own database on ``CALLLIST_TEST_PG_URL``, dropped at the end): ``COPY``
with triggers off for the load, and, once ``last_calls`` and ``target_attempts`` are derived too, ``VACUUM ANALYZE`` (autovacuum
does it on a real server; without it, autovacuum ran during the timings).
``last_calls`` and ``target_attempts`` are derived again (``Store.rebuild_last_calls``,
``rebuild_target_attempts``) on both.

VALUE: ``Store.report(ReportQuery(2026-11-01, 2026-11-30, "operator"))``: the program's whole
report — the grouped statement through SQLAlchemy, the fold into one ``ReportRow`` per operator
(by outcome and disposition), the users' names — what the window's model and the CLI take.
FLOOR: the same grouped SQL statement (as SQLAlchemy sent it, ``GROUP BY user, outcome,
disposition``) run bare through the plain driver (``sqlite3`` / ``psycopg``) on the same data,
rows fetched: what the program costs beyond the database's own work for this report.
Also printed, with its own ratio: the least grouped SQL that gives per-operator totals only
(``SELECT user_id, count(*), sum(answered), sum(talk) ... GROUP BY user_id``, checked to give the
report's totals): what the breakdown by outcome and disposition costs in the database. And
``Store.list_progress()`` and ``Store.team_board()`` on the same data (no goal; for scale).

All are the MEDIAN of REPEAT runs, interleaved, after one untimed warm-up each. Goals: ratio
<= 1.5 on both databases, and <= 300 ms on SQLite. The JSON line is SQLite's.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from _support import ms, print_verdict, report, spread
from sqlalchemy import create_engine, event, text

from calllist_desktop.store import access, database
from calllist_desktop.store.report import ReportQuery
from calllist_desktop.store.store import Store

CALLS = 2_000_000
OPERATORS = 30
LISTS = 40
TARGETS_PER_LIST = 5000
CHUNK = 50_000
REPEAT = 9
MAX_RATIO = 1.5
MAX_SQLITE_MS = 300.0
MONTH = ReportQuery(date(2026, 11, 1), date(2026, 11, 30), "operator")
FIRST_DAY = date(2025, 12, 1)
DAYS = 365
JST = timedelta(hours=9)
ADMIN_URL = os.environ.get("CALLLIST_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")

_OUTCOMES = (  # outbound outcome, SIP status, weight
    ("answered", 200, 30),
    ("no_answer", 487, 35),
    ("busy", 486, 10),
    ("rejected", 603, 5),
    ("invalid", 404, 3),
    ("failed", 503, 4),
    ("canceled", None, 12),
    ("interrupted", None, 1),
)
_OUTBOUND = [(code, sip) for code, sip, weight in _OUTCOMES for _ in range(weight)]
_DISPOSITIONS = ("アポ獲得", "資料送付", "再架電", "担当者不在", "見込みなし")

SQLITE_FLOOR = (
    "SELECT user_id, count(*), sum(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), "
    "sum((julianday(ended_at) - julianday(answered_at)) * 86400.0) "
    "FROM calls WHERE started_at >= ? AND started_at < ? AND outcome IS NOT NULL GROUP BY user_id"
)
PG_FLOOR = (
    "SELECT user_id, count(*), sum(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END), "
    "sum(extract(epoch FROM ended_at - answered_at))::float8 "
    "FROM calls WHERE started_at >= %s AND started_at < %s AND outcome IS NOT NULL GROUP BY user_id"
)


# --- data ------------------------------------------------------------------------------------------


def phone_of(list_index: int, position: int) -> str:
    """The E.164 number of a target: 03-5xxx-xxxx style, unique per (list, position)."""
    return f"+813{5000 + list_index * 100 + position // 100:04d}{position % 100:04d}"


def prepare(url: str) -> tuple[Store, list[int], list[int]]:
    """Users and lists through the store; contacts and targets with plain SQL (200,000 rows)."""
    store = Store.open(url)
    store.add_user("boss", "管理者", role="admin")
    user_ids = [
        store.add_user(f"op{n:02d}", f"オペレーター{n:02d}", autocall=True).id
        for n in range(1, OPERATORS + 1)
    ]
    list_ids = [store.create_list(f"リスト{n:02d}").id for n in range(1, LISTS + 1)]
    contacts = []
    targets = []
    for index, list_id in enumerate(list_ids):
        for position in range(TARGETS_PER_LIST):
            phone = phone_of(index, position)
            contacts.append(
                {
                    "phone": phone,
                    "company": f"株式会社{index}-{position}",
                    "person": "",
                    "assignee_id": user_ids[position % OPERATORS],
                }
            )
            targets.append(
                {"list_id": list_id, "phone": phone, "position": position, "excluded": position % 50 == 0}
            )
    with store.engine.begin() as connection:
        for rows, statement in (
            (
                contacts,
                "INSERT INTO contacts (phone, company, person, categories, assignee_id, revision) VALUES (:phone, :company, :person, '[]', :assignee_id, 0)",
            ),
            (
                targets,
                "INSERT INTO targets (list_id, phone, position, excluded, revision) VALUES (:list_id, :phone, :position, :excluded, 0)",
            ),
        ):
            for start in range(0, len(rows), CHUNK):
                connection.execute(text(statement), rows[start : start + CHUNK])
    return store, user_ids, list_ids


def generate_calls(
    user_ids: list[int], list_ids: list[int], calls: int, seed: int = 15
) -> Iterator[tuple[Any, ...]]:
    """CALLS rows ``(phone, list_id, user_id, direction, outcome, sip, started, answered, ended,
    disposition, hand_dialled)`` in the order they started; times are aware UTC datetimes."""
    rng = random.Random(seed)
    working_days = [
        FIRST_DAY + timedelta(days=n) for n in range(DAYS) if (FIRST_DAY + timedelta(days=n)).weekday() != 6
    ]
    per_day = calls / len(working_days)
    made = 0
    for day_number, day in enumerate(working_days):
        count = round(per_day * (day_number + 1)) - made
        made += count
        opening = datetime(day.year, day.month, day.day, 8, 30, tzinfo=UTC) - JST
        seconds = sorted(rng.uniform(0, 11 * 3600) for _ in range(count))
        for second in seconds:
            started = opening + timedelta(seconds=second)
            user_id = rng.choice(user_ids)
            roll = rng.random()
            if roll < 0.8:
                list_index = rng.randrange(LISTS)
                phone = phone_of(list_index, rng.randrange(TARGETS_PER_LIST))
                list_id: int | None = list_ids[list_index]
                direction, hand = "outbound", False
                outcome, sip = rng.choice(_OUTBOUND)
            elif roll < 0.9:
                phone, list_id, direction, hand = f"+8190{rng.randrange(10**8):08d}", None, "outbound", True
                outcome, sip = rng.choice(_OUTBOUND)
            else:
                phone, list_id, direction, hand = f"+8180{rng.randrange(10**8):08d}", None, "inbound", False
                outcome, sip = ("answered", 200) if rng.random() < 0.6 else ("missed", None)
            if outcome == "answered":
                answered: datetime | None = started + timedelta(seconds=rng.uniform(3, 20))
                assert answered is not None
                ended = answered + timedelta(seconds=rng.expovariate(1 / 150))
                disposition = rng.choice(_DISPOSITIONS) if rng.random() < 0.5 else None
            else:
                answered, disposition = None, None
                ended = started + timedelta(seconds=rng.uniform(1, 30))
            yield (
                phone,
                list_id,
                user_id,
                direction,
                outcome,
                sip,
                started,
                answered,
                ended,
                disposition,
                hand,
            )


def _naive(moment: datetime | None) -> str | None:
    """Naive UTC text as the store writes it on SQLite."""
    return None if moment is None else moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def load_sqlite(path: Path, rows: Iterator[tuple[Any, ...]]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        indexes = list(
            connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL"
            )
        )
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("BEGIN")
        for name, _ in indexes:
            connection.execute(f'DROP INDEX "{name}"')
        insert = (
            "INSERT INTO calls (phone, list_id, user_id, direction, outcome, sip_status, started_at, "
            "answered_at, ended_at, disposition, hand_dialled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )
        while chunk := list(islice(rows, CHUNK)):
            connection.executemany(
                insert,
                [(*row[:6], _naive(row[6]), _naive(row[7]), _naive(row[8]), *row[9:]) for row in chunk],
            )
        for _, sql in indexes:
            connection.execute(sql)
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=WAL")
        print(f"  indexes of calls: {', '.join(sorted(name for name, _ in indexes))}")
    finally:
        connection.close()


def load_postgres(url: str, rows: Iterator[tuple[Any, ...]]) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, dbname=parsed.database, user=parsed.username, autocommit=True
    ) as connection:
        connection.execute("SET session_replication_role = replica")  # no row triggers for the bulk load
        with (
            connection.transaction(),
            connection.cursor() as cursor,
            cursor.copy(
                "COPY calls (phone, list_id, user_id, direction, outcome, sip_status, started_at, answered_at, "
                "ended_at, disposition, hand_dialled) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        connection.execute("SET session_replication_role = origin")


def vacuum_postgres(url: str) -> None:
    """What autovacuum does to tables after a bulk load, done before the timings, not during them."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with psycopg.connect(
        host=parsed.host, port=parsed.port, dbname=parsed.database, user=parsed.username, autocommit=True
    ) as connection:
        connection.execute("VACUUM ANALYZE")


# --- timing ----------------------------------------------------------------------------------------


def captured_statement(store: Store) -> tuple[str, Any]:
    """The report's own SQL and parameters, as SQLAlchemy sent them."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        if "GROUP BY" in statement:
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        store.report(MONTH)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    return seen[0]


def interleaved(functions: dict[str, Callable[[], object]]) -> dict[str, list[float]]:
    for function in functions.values():  # warm-up: statement caches, page cache
        function()
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(REPEAT):
        for name, function in functions.items():
            began = time.perf_counter()
            function()
            samples[name].append(time.perf_counter() - began)
    return samples


def measure(
    store: Store, totals: Callable[[], list[Any]], own_sql: Callable[[], list[Any]]
) -> dict[str, list[float]]:
    rows = store.report(MONTH)
    floor_rows = {row[0]: row for row in totals()}
    for row in rows:  # the same numbers, or the comparison means nothing
        user_id = store.user(row.key).id
        assert floor_rows[user_id][1] == row.calls and floor_rows[user_id][2] == row.answered, row
        assert abs(floor_rows[user_id][3] - row.talk_seconds) < 1e-3 * max(1.0, row.talk_seconds), row
    print(
        f"  report: {len(rows)} operators, {sum(r.calls for r in rows):,} calls in the month, "
        f"{len(own_sql())} grouped rows from the database"
    )
    samples = interleaved({"value": lambda: store.report(MONTH), "floor": own_sql, "totals": totals})
    samples["list_progress"] = [timed_once(store.list_progress)]
    samples["team_board"] = [timed_once(store.team_board)]
    return samples


def timed_once(function: Callable[[], object]) -> float:
    function()
    began = time.perf_counter()
    function()
    return time.perf_counter() - began


def show(label: str, samples: dict[str, list[float]]) -> tuple[float, float]:
    value, floor = statistics.median(samples["value"]), statistics.median(samples["floor"])
    print(f"{label}:")
    totals = statistics.median(samples["totals"])
    print(f"  Store.report (whole): {spread(samples['value'])}")
    print(f"  floor, the report's grouped statement via the driver: {spread(samples['floor'])}")
    print(f"  ratio {value / floor:.2f}")
    print(f"  per-operator totals only (GROUP BY user_id) via the driver: {spread(samples['totals'])}")
    print(
        f"  ratio of the whole report to those totals {value / totals:.2f} (the breakdown by outcome and disposition)"
    )
    print(
        f"  (no goal) Store.list_progress() {ms(samples['list_progress'][0])}, Store.team_board() {ms(samples['team_board'][0])}"
    )
    return value, floor


def run_sqlite(folder: Path, calls: int) -> tuple[float, float]:
    path = folder / "report.sqlite3"
    store, user_ids, list_ids = prepare(f"sqlite:///{path}")
    store.close()
    began = time.perf_counter()
    load_sqlite(path, generate_calls(user_ids, list_ids, calls))
    store = Store.open(f"sqlite:///{path}")
    store.rebuild_last_calls()
    store.rebuild_target_attempts()
    print(f"  SQLite: {calls:,} calls loaded in {time.perf_counter() - began:.0f} s")
    statement, parameters = captured_statement(store)
    first, after = (_naive(moment) for moment in _bounds())
    plain = sqlite3.connect(path)
    try:
        print(
            "  plan: "
            + " | ".join(row[-1] for row in plain.execute("EXPLAIN QUERY PLAN " + statement, parameters))
        )
        samples = measure(
            store,
            lambda: plain.execute(SQLITE_FLOOR, (first, after)).fetchall(),
            lambda: plain.execute(statement, parameters).fetchall(),
        )
    finally:
        plain.close()
        store.close()
    return show("SQLite", samples)


def _bounds() -> tuple[datetime, datetime]:
    from calllist_desktop.store.report import local_day_bounds

    return local_day_bounds(MONTH.start, MONTH.end)


def run_postgres(calls: int) -> tuple[float, float] | None:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"calllist_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - no server: say so, measure SQLite only
        print(f"PostgreSQL: not measured ({type(exc).__name__}: {exc})".splitlines()[0])
        return None
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    groups: tuple[str, ...] = ()
    try:
        engine = database.make_engine(url)
        database.upgrade(engine)
        with engine.connect() as connection:
            groups = access.group_roles(connection)
        engine.dispose()
        store, user_ids, list_ids = prepare(url)
        began = time.perf_counter()
        load_postgres(url, generate_calls(user_ids, list_ids, calls))
        store.rebuild_last_calls()
        store.rebuild_target_attempts()
        vacuum_postgres(url)
        print(f"  PostgreSQL: {calls:,} calls loaded in {time.perf_counter() - began:.0f} s")
        statement, parameters = captured_statement(store)
        first, after = _bounds()
        parsed = make_url(url)
        plain = psycopg.connect(
            host=parsed.host, port=parsed.port, dbname=parsed.database, user=parsed.username, autocommit=True
        )
        try:
            plan = plain.execute("EXPLAIN " + statement, parameters).fetchall()
            print("  plan: " + " | ".join(row[0].strip() for row in plan[:4]))
            samples = measure(
                store,
                lambda: plain.execute(PG_FLOOR, (first, after)).fetchall(),
                lambda: plain.execute(statement, parameters).fetchall(),
            )
        finally:
            plain.close()
            store.close()
        return show("PostgreSQL", samples)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for role in groups:
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=CALLS, help=f"rows in calls (default {CALLS:,})")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    print(
        f"a month's report by operator: {args.calls:,} calls, {OPERATORS} operators, {LISTS} lists; median of {REPEAT}"
    )
    postgres = None if args.sqlite_only else run_postgres(args.calls)
    with tempfile.TemporaryDirectory() as folder:
        value, floor = run_sqlite(Path(folder), args.calls)
    if postgres is not None:
        print_verdict(
            f"PostgreSQL ratio <= {MAX_RATIO:g}", postgres[0] * 1000, postgres[1] * 1000, "ms", MAX_RATIO
        )
    print_verdict(
        f"SQLite <= {MAX_SQLITE_MS:g} ms",
        value * 1000,
        floor * 1000,
        "ms",
        MAX_RATIO,
        met=value * 1000 <= MAX_SQLITE_MS,
    )
    report("report_month_by_operator_sqlite", value * 1000, floor * 1000, "ms", MAX_RATIO,
           goal=f"ratio <= {MAX_RATIO:g} (floor: the report's SQL bare) and <= {MAX_SQLITE_MS:g} ms on SQLite",
           met=value / floor <= MAX_RATIO and value * 1000 <= MAX_SQLITE_MS)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
